package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/doxwatch/doxwatch/model"
)

// OnlineCheck is a post to look at again, with what to look for.
type OnlineCheck struct {
	DocumentID int64
	Source     string
	URL        string
	// Matches are what the post showed (the matched text of its hits).
	Matches []string
}

// PostsToCheck lists the posts, not yet removed, of open hits (new or
// confirmed) at or above min, not checked since before.
func (s *Store) PostsToCheck(ctx context.Context, min model.Severity, before time.Time) ([]OnlineCheck, error) {
	var sevs []any
	for sv := min; sv <= model.Critical; sv++ {
		sevs = append(sevs, sv.String())
	}
	q := `SELECT d.id, d.source, d.url, h.excerpt, h.match_start, h.match_end FROM documents d JOIN hits h ON h.document_id = d.id
		WHERE d.url LIKE 'http%' AND d.removed_at IS NULL AND (d.online_checked_at IS NULL OR d.online_checked_at < ?) AND h.status IN (?, ?)
		AND h.severity IN (` + placeholders(len(sevs)) + `) ORDER BY d.id`
	args := append([]any{before.UTC(), model.StatusNew, model.StatusConfirmed}, sevs...)
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.wrap("posts to check", err)
	}
	defer rows.Close()
	var out []OnlineCheck
	for rows.Next() {
		var id int64
		var src, u, ex string
		var a, b int
		if err := rows.Scan(&id, &src, &u, &ex, &a, &b); err != nil {
			return nil, s.wrap("posts to check", err)
		}
		if len(out) == 0 || out[len(out)-1].DocumentID != id {
			out = append(out, OnlineCheck{DocumentID: id, Source: src, URL: u})
		}
		if a >= 0 && b <= len(ex) && a < b {
			out[len(out)-1].Matches = append(out[len(out)-1].Matches, ex[a:b])
		}
	}
	return out, s.wrap("posts to check", rows.Err())
}

// RecordOnline notes a check of a post: still online, or removed (at now).
func (s *Store) RecordOnline(ctx context.Context, docID int64, online bool) error {
	now := s.now().UTC()
	return s.tx(ctx, "record online check", func(tx *sql.Tx) error {
		var err error
		if online {
			_, err = tx.ExecContext(ctx, `UPDATE documents SET online_checked_at = ? WHERE id = ?`, now, docID)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE documents SET online_checked_at = ?, removed_at = COALESCE(removed_at, ?) WHERE id = ?`,
				now, now, docID)
		}
		return err
	})
}

// Online is what is known of a post being online.
type Online struct {
	CheckedAt, RemovedAt time.Time
}

// PostOnline reads what the checks found of a post.
func (s *Store) PostOnline(ctx context.Context, docID int64) (Online, error) {
	var c, r sql.NullTime
	err := s.r.QueryRowContext(ctx, `SELECT online_checked_at, removed_at FROM documents WHERE id = ?`, docID).Scan(&c, &r)
	return Online{CheckedAt: c.Time, RemovedAt: r.Time}, s.wrap("read post", err)
}

// RemovedPost is a post that was taken down, and when it was first seen.
type RemovedPost struct {
	URL                  string
	FirstSeen, RemovedAt time.Time
}

// RemovedSince lists posts found removed in [since, until).
func (s *Store) RemovedSince(ctx context.Context, since, until time.Time) ([]RemovedPost, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT url, first_seen, removed_at FROM documents WHERE removed_at >= ? AND removed_at < ?
		ORDER BY removed_at`, since.UTC(), until.UTC())
	if err != nil {
		return nil, s.wrap("removed posts", err)
	}
	defer rows.Close()
	var out []RemovedPost
	for rows.Next() {
		var p RemovedPost
		if err := rows.Scan(&p.URL, &p.FirstSeen, &p.RemovedAt); err != nil {
			return nil, s.wrap("removed posts", err)
		}
		out = append(out, p)
	}
	return out, s.wrap("removed posts", rows.Err())
}

// ResetOnlineCheck makes a post due for a check again (for a check by hand).
func (s *Store) ResetOnlineCheck(ctx context.Context, docID int64) error {
	return s.tx(ctx, "reset online check", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE documents SET online_checked_at = NULL WHERE id = ?`, docID)
		return err
	})
}
