package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/doxwatch/doxwatch/model"
)

// SourceInfo names a configured source.
type SourceInfo struct {
	Name, Type string
}

// EnsureSources records the configured sources (and their types), so crawl
// state can refer to them. Sources no longer configured keep their rows and
// hits; they simply stop being crawled.
func (s *Store) EnsureSources(ctx context.Context, srcs []SourceInfo) error {
	return s.tx(ctx, "record sources", func(tx *sql.Tx) error {
		for _, src := range srcs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO sources (name, type) VALUES (?, ?)
				ON CONFLICT (name) DO UPDATE SET type = excluded.type`, src.Name, src.Type); err != nil {
				return err
			}
		}
		return nil
	})
}

// Validators returns what was last seen of url: its ETag, Last-Modified
// and body hash.
func (s *Store) Validators(ctx context.Context, url string) (model.Validators, error) {
	var v model.Validators
	err := s.r.QueryRowContext(ctx, `SELECT etag, last_modified, body_hash, next_url, scan_fingerprint FROM http_cache WHERE url = ?`, url).
		Scan(&v.ETag, &v.LastModified, &v.BodyHash, &v.Next, &v.Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Validators{}, nil
	}
	return v, s.wrap("read validators", err)
}

// SaveValidators keeps what was seen of url for the next run.
func (s *Store) SaveValidators(ctx context.Context, source, url string, v model.Validators) error {
	return s.tx(ctx, "save validators", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO http_cache (url, source, etag, last_modified, body_hash, next_url, scan_fingerprint, fetched_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
			body_hash = excluded.body_hash, next_url = excluded.next_url, scan_fingerprint = excluded.scan_fingerprint,
			fetched_at = excluded.fetched_at`,
			url, source, v.ETag, v.LastModified, v.BodyHash, v.Next, v.Scan, s.now().UTC())
		return err
	})
}

// Run is the outcome of one crawl of one source.
type Run struct {
	Pages, NotModified, Posts int
	// Err is the error that ended the run, or "".
	Err string
	// Warning is something worth showing that did not fail the run (a
	// page cut at the body limit).
	Warning string
	// Empty, when pages were read but gave no posts, says which selector
	// matched nothing where.
	Empty string
	// Channels are where a change of health is told.
	Channels []string
}

// RecordRun updates a source's crawl state and health. A source is
// unhealthy after unhealthyAfter failures in a row, or when a run that read
// pages found no posts where the previous good run found some (the page
// has likely changed and the selectors no longer match) or where it never
// found any. When the health changes, a notice is queued in the same
// transaction: one e-mail when a source stops working, one when it works
// again, never one per failed run.
func (s *Store) RecordRun(ctx context.Context, source string, run Run, unhealthyAfter int) error {
	now := s.now().UTC()
	return s.tx(ctx, "record run of "+source, func(tx *sql.Tx) error {
		var failures, lastPosts, everPosts int
		var wasHealthy bool
		var wasReason string
		if err := tx.QueryRowContext(ctx, `SELECT consecutive_failures, last_post_count, posts_seen, healthy, health_reason FROM sources WHERE name = ?`, source).
			Scan(&failures, &lastPosts, &everPosts, &wasHealthy, &wasReason); err != nil {
			return fmt.Errorf("source %s: %w", source, err)
		}
		if run.Err != "" {
			failures++
			healthy, reason := failures < unhealthyAfter, ""
			if !healthy {
				reason = model.HealthReason{Kind: model.HealthFailing, Count: failures, Detail: run.Err}.String()
			}
			_, err := tx.ExecContext(ctx, `UPDATE sources SET last_run_at = ?, last_error = ?, last_error_at = ?,
				consecutive_failures = ?, healthy = ?, health_reason = CASE WHEN ? THEN health_reason ELSE ? END,
				pages_fetched = pages_fetched + ?, posts_seen = posts_seen + ? WHERE name = ?`,
				now, run.Err, now, failures, healthy, healthy, reason, run.Pages, run.Posts, source)
			if err != nil || healthy || !wasHealthy {
				return err
			}
			return queueHealth(ctx, tx, source, false, reason, run.Channels, now)
		}
		healthy, reason, postCount := true, "", lastPosts
		if run.Pages == 0 && failures == 0 {
			// Nothing new was read (304): what the last read showed stands.
			healthy, reason = wasHealthy, wasReason
		}
		if run.Pages > 0 {
			postCount = run.Posts
			switch {
			case run.Posts == 0 && lastPosts > 0:
				healthy = false
				reason = model.HealthReason{Kind: model.HealthEmpty, Count: lastPosts, Detail: run.Empty}.String()
			case run.Posts == 0 && everPosts == 0:
				// A source that never gave a post is not watching anything.
				healthy = false
				reason = model.HealthReason{Kind: model.HealthNever, Detail: run.Empty}.String()
			}
		}
		_, err := tx.ExecContext(ctx, `UPDATE sources SET last_run_at = ?, last_success_at = ?, last_error = ?,
			consecutive_failures = 0, healthy = ?, health_reason = ?, last_post_count = ?,
			pages_fetched = pages_fetched + ?, posts_seen = posts_seen + ? WHERE name = ?`,
			now, now, run.Warning, healthy, reason, postCount, run.Pages, run.Posts, source)
		if err != nil || healthy == wasHealthy {
			return err
		}
		return queueHealth(ctx, tx, source, healthy, reason, run.Channels, now)
	})
}

// queueHealth queues the notice that says a source stopped working or
// works again.
func queueHealth(ctx context.Context, tx *sql.Tx, source string, healthy bool, reason string, channels []string, now time.Time) error {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO outbox (kind, message_id, source, healthy, detail, created_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, model.OutboxHealth, newMessageID(model.OutboxHealth), source, healthy, reason, now).Scan(&id)
	if err != nil {
		return err
	}
	return queueDeliveries(ctx, tx, id, channels, now)
}

// SourceState is a source as `doxwatch sources` shows it.
type SourceState struct {
	Name, Type          string
	LastRun, LastOK     time.Time
	LastError           string
	ConsecutiveFailures int
	Healthy             bool
	HealthReason        string
	PostsSeen, Pages    int
	Hits, NewHits       int
}

// Sources lists every source with its state and hit counts.
func (s *Store) Sources(ctx context.Context) ([]SourceState, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT s.name, s.type, s.last_run_at, s.last_success_at, s.last_error,
		s.consecutive_failures, s.healthy, s.health_reason, s.posts_seen, s.pages_fetched,
		(SELECT COUNT(*) FROM hits h JOIN documents d ON d.id = h.document_id WHERE d.source = s.name),
		(SELECT COUNT(*) FROM hits h JOIN documents d ON d.id = h.document_id WHERE d.source = s.name AND h.status = 'new')
		FROM sources s ORDER BY s.name`)
	if err != nil {
		return nil, s.wrap("list sources", err)
	}
	defer rows.Close()
	var out []SourceState
	for rows.Next() {
		var st SourceState
		var lastRun, lastOK sql.NullTime
		if err := rows.Scan(&st.Name, &st.Type, &lastRun, &lastOK, &st.LastError, &st.ConsecutiveFailures, &st.Healthy,
			&st.HealthReason, &st.PostsSeen, &st.Pages, &st.Hits, &st.NewHits); err != nil {
			return nil, s.wrap("list sources", err)
		}
		st.LastRun, st.LastOK = lastRun.Time, lastOK.Time
		out = append(out, st)
	}
	return out, s.wrap("list sources", rows.Err())
}
