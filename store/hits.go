package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/doxwatch/doxwatch/model"
)

// DocumentUnchanged reports whether the post at (source, url) was stored
// before with this content hash: such a post needs no detection. It only
// reads, so an unchanged rescan costs no writes.
func (s *Store) DocumentUnchanged(ctx context.Context, source, url, hash string) (bool, error) {
	var old string
	err := s.r.QueryRowContext(ctx, `SELECT content_hash FROM documents WHERE source = ? AND url = ?`, source, url).Scan(&old)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil && old == hash, s.wrap("read document", err)
}

// NewHit is a finding to store.
type NewHit struct {
	model.Finding
	// ImageURL is set when the finding was read from an image; ImageHash
	// names its thumbnail (SaveThumbnail), when one was kept.
	ImageURL, ImageHash string
}

// Post is a scanned post to record with its findings.
type Post struct {
	Source, URL, ContentHash string
	// Author and Published are who posted and when, where the source says.
	Author    string
	Published time.Time
	Hits      []NewHit
	// Routes say which channels an alert of each severity goes to; none
	// queues no alerts.
	Routes []model.Route
	// Reporter, for a post handed in by hand, is who handed it in; each
	// new hit's audit log starts with that.
	Reporter string
}

// Recorded tells what RecordPost added.
type Recorded struct {
	DocumentID int64
	// New counts the hits not stored before, by severity.
	New          map[model.Severity]int
	NewHitIDs    []int64
	AlertsQueued int
}

// Reaches tells whether any new hit is at or above sev.
func (r Recorded) Reaches(sev model.Severity) bool {
	for s, n := range r.New {
		if n > 0 && s >= sev {
			return true
		}
	}
	return false
}

// RecordPost stores a scanned post, its new hits and their alerts in one
// transaction: a crash leaves either all of them or none, so a post is never
// marked as seen without its hits, nor a hit stored without its alert.
// A hit already stored (same post, same finding) is not stored again.
func (s *Store) RecordPost(ctx context.Context, p Post) (Recorded, error) {
	now := s.now().UTC()
	rec := Recorded{New: map[model.Severity]int{}}
	err := s.tx(ctx, "record post", func(tx *sql.Tx) error {
		rec = Recorded{New: map[model.Severity]int{}}
		var published any
		if !p.Published.IsZero() {
			published = p.Published.UTC()
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO documents (source, url, content_hash, author, published, first_seen, last_seen)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (source, url) DO UPDATE SET content_hash = excluded.content_hash, last_seen = excluded.last_seen,
			author = excluded.author, published = COALESCE(excluded.published, documents.published)
			RETURNING id`, p.Source, p.URL, p.ContentHash, p.Author, published, now, now).Scan(&rec.DocumentID)
		if err != nil {
			return err
		}
		return s.insertHits(ctx, tx, &rec, p, now)
	})
	return rec, err
}

// AddHits adds hits found later in a post already recorded (an image that
// could be read only on a retry), with their alerts, leaving the post's
// content hash alone.
func (s *Store) AddHits(ctx context.Context, p Post) (Recorded, error) {
	now := s.now().UTC()
	rec := Recorded{New: map[model.Severity]int{}}
	err := s.tx(ctx, "add hits", func(tx *sql.Tx) error {
		rec = Recorded{New: map[model.Severity]int{}}
		if err := tx.QueryRowContext(ctx, `SELECT id FROM documents WHERE source = ? AND url = ?`, p.Source, p.URL).
			Scan(&rec.DocumentID); err != nil {
			return fmt.Errorf("post %s: %w", p.URL, err)
		}
		return s.insertHits(ctx, tx, &rec, p, now)
	})
	return rec, err
}

// insertHits stores the hits of p on document rec.DocumentID, those not
// stored before, and queues one alert per employee for the new ones that a
// route takes, on the channels of the most severe of them.
func (s *Store) insertHits(ctx context.Context, tx *sql.Tx, rec *Recorded, p Post, now time.Time) error {
	alerts := map[string][]int64{} // employee → new hit ids a route takes
	worst := map[string]model.Severity{}
	var order []string
	for _, h := range p.Hits {
		fp := hitFingerprint(p.Source, p.URL, h)
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO hits (document_id, employee_id, kind, severity, excerpt, match_start, match_end,
			fingerprint, from_image, image_url, image_hash, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (fingerprint) DO NOTHING RETURNING id`,
			rec.DocumentID, h.EmployeeID, string(h.Kind), h.Severity.String(), h.Excerpt, h.ExcerptStart, h.ExcerptEnd,
			fp, h.ImageURL != "", h.ImageURL, h.ImageHash, now, now).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			// Stored before: the post was edited around it, or read again.
			if _, err := tx.ExecContext(ctx, `UPDATE hits SET last_seen = ? WHERE fingerprint = ?`, now, fp); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return err
		}
		rec.New[h.Severity]++
		rec.NewHitIDs = append(rec.NewHitIDs, id)
		if p.Reporter != "" {
			if err := audit(ctx, tx, id, model.AuditRecord, model.StatusNew, model.StatusNew, "", p.Reporter, now); err != nil {
				return err
			}
		}
		if len(model.Routes(p.Routes, h.Severity)) > 0 {
			if _, ok := alerts[h.EmployeeID]; !ok {
				order = append(order, h.EmployeeID)
			}
			alerts[h.EmployeeID] = append(alerts[h.EmployeeID], id)
			worst[h.EmployeeID] = max(worst[h.EmployeeID], h.Severity)
		}
	}
	// One alert per post and employee, however many hits.
	for _, emp := range order {
		if err := queueAlert(ctx, tx, rec.DocumentID, emp, alerts[emp], model.Routes(p.Routes, worst[emp]), now); err != nil {
			return err
		}
		rec.AlertsQueued++
	}
	return nil
}

func queueAlert(ctx context.Context, tx *sql.Tx, docID int64, employee string, hitIDs []int64, channels []string, now time.Time) error {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO outbox (kind, message_id, document_id, employee_id, created_at)
		VALUES (?, ?, ?, ?, ?) RETURNING id`, model.OutboxAlert, newMessageID(model.OutboxAlert), docID, employee, now).Scan(&id)
	if err != nil {
		return err
	}
	if err := queueDeliveries(ctx, tx, id, channels, now); err != nil {
		return err
	}
	for _, h := range hitIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO outbox_hits (outbox_id, hit_id) VALUES (?, ?)`, id, h); err != nil {
			return err
		}
	}
	return nil
}

// newMessageID makes the Message-ID an e-mail keeps across retries, so a
// mail server or client that sees it twice can tell.
func newMessageID(kind model.OutboxKind) string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s.%s@doxwatch.invalid", kind, hex.EncodeToString(b[:]))
}

// hitFingerprint is unique per post and finding: the same phone number in
// two posts is two pieces of evidence.
func hitFingerprint(source, url string, h NewHit) string {
	sum := sha256.Sum256([]byte(source + "\x00" + url + "\x00" + h.Fingerprint + "\x00" + h.ImageURL))
	return hex.EncodeToString(sum[:16])
}

// Hit is a stored hit with where it was found.
type Hit struct {
	ID          int64
	EmployeeID  string
	Kind        model.Kind
	Severity    model.Severity
	Status      model.Status
	Source, URL string
	// Author and Published are who posted the post and when, if known.
	Author    string
	Published time.Time
	// Reporter is who handed the post in, for a hit of the manual source.
	Reporter string
	// Held is set while the hit is on legal hold.
	Held bool
	// DocumentID is the post the hit was found in.
	DocumentID           int64
	Excerpt              string
	MatchStart, MatchEnd int
	FromImage            bool
	ImageURL, ImageHash  string
	FirstSeen, LastSeen  time.Time
	NotifiedAt           time.Time
}

// HitFilter selects hits; zero fields select everything.
type HitFilter struct {
	// Since and Until bound first_seen: [Since, Until).
	Since, Until time.Time
	// MinSeverity selects hits at or above it.
	MinSeverity model.Severity
	Status      model.Status
	Source      string
	EmployeeID  string
	// Held selects hits on legal hold.
	Held bool
	IDs  []int64
	// Limit and Offset page through the list; Limit 0 is all.
	Limit, Offset int
}

const hitColumns = `h.id, h.employee_id, h.kind, h.severity, h.status, d.source, d.url, d.author, d.published, h.excerpt, h.match_start, h.match_end,
	h.from_image, h.image_url, h.image_hash, h.first_seen, h.last_seen, h.notified_at,
	COALESCE((SELECT a.actor FROM audit_log a WHERE a.hit_id = h.id AND a.action = 'record' ORDER BY a.id LIMIT 1), ''),
	h.held, h.document_id`

// where builds the WHERE clause of a filter.
func (f HitFilter) where() (string, []any) {
	var where []string
	var args []any
	if !f.Since.IsZero() {
		where, args = append(where, "h.first_seen >= ?"), append(args, f.Since.UTC())
	}
	if !f.Until.IsZero() {
		where, args = append(where, "h.first_seen < ?"), append(args, f.Until.UTC())
	}
	if f.MinSeverity > 0 {
		var sevs []string
		for sv := f.MinSeverity; sv <= model.Critical; sv++ {
			sevs, args = append(sevs, "?"), append(args, sv.String())
		}
		where = append(where, "h.severity IN ("+strings.Join(sevs, ",")+")")
	}
	if f.Status != "" {
		where, args = append(where, "h.status = ?"), append(args, f.Status)
	}
	if f.Source != "" {
		where, args = append(where, "d.source = ?"), append(args, f.Source)
	}
	if f.EmployeeID != "" {
		where, args = append(where, "h.employee_id = ?"), append(args, f.EmployeeID)
	}
	if f.Held {
		where = append(where, "h.held = 1")
	}
	if len(f.IDs) > 0 {
		ph := placeholders(len(f.IDs))
		where = append(where, "h.id IN ("+ph+")")
		for _, id := range f.IDs {
			args = append(args, id)
		}
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// Hits lists hits, newest first.
func (s *Store) Hits(ctx context.Context, f HitFilter) ([]Hit, error) {
	where, args := f.where()
	q := `SELECT ` + hitColumns + ` FROM hits h JOIN documents d ON d.id = h.document_id` + where +
		" ORDER BY h.first_seen DESC, h.id DESC"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, max(f.Offset, 0))
	}
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.wrap("list hits", err)
	}
	defer rows.Close()
	var out []Hit
	for rows.Next() {
		h, err := scanHit(rows)
		if err != nil {
			return nil, s.wrap("list hits", err)
		}
		out = append(out, h)
	}
	return out, s.wrap("list hits", rows.Err())
}

// CountHits counts the hits a filter selects, ignoring Limit and Offset.
func (s *Store) CountHits(ctx context.Context, f HitFilter) (int, error) {
	where, args := f.where()
	q := `SELECT COUNT(*) FROM hits h`
	if f.Source != "" {
		q += ` JOIN documents d ON d.id = h.document_id`
	}
	var n int
	err := s.r.QueryRowContext(ctx, q+where, args...).Scan(&n)
	return n, s.wrap("count hits", err)
}

// ExcerptParts splits the excerpt around the match; the whole excerpt is
// pre when the stored offsets do not fit it.
func (h Hit) ExcerptParts() (pre, match, post string) {
	if h.MatchStart < 0 || h.MatchEnd > len(h.Excerpt) || h.MatchStart > h.MatchEnd {
		return h.Excerpt, "", ""
	}
	return h.Excerpt[:h.MatchStart], h.Excerpt[h.MatchStart:h.MatchEnd], h.Excerpt[h.MatchEnd:]
}

type scanner interface{ Scan(...any) error }

func scanHit(r scanner) (Hit, error) {
	var h Hit
	var notified sql.NullTime
	var sev string
	var published sql.NullTime
	err := r.Scan(&h.ID, &h.EmployeeID, &h.Kind, &sev, &h.Status, &h.Source, &h.URL, &h.Author, &published, &h.Excerpt, &h.MatchStart,
		&h.MatchEnd, &h.FromImage, &h.ImageURL, &h.ImageHash, &h.FirstSeen, &h.LastSeen, &notified, &h.Reporter, &h.Held, &h.DocumentID)
	if err != nil {
		return h, err
	}
	h.NotifiedAt, h.Published = notified.Time, published.Time
	h.Severity, err = model.ParseSeverity(sev)
	return h, err
}

// ErrNoHit is returned for a hit id that is not stored.
var ErrNoHit = errors.New("no such hit")

// Hit returns one hit.
func (s *Store) Hit(ctx context.Context, id int64) (Hit, error) {
	h, err := scanHit(s.r.QueryRowContext(ctx, `SELECT `+hitColumns+` FROM hits h JOIN documents d ON d.id = h.document_id WHERE h.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Hit{}, fmt.Errorf("hit %d: %w", id, ErrNoHit)
	}
	return h, s.wrap("read hit", err)
}

// AuditEntry is one thing someone did with a hit.
type AuditEntry struct {
	At                   time.Time
	Action               model.AuditAction
	OldStatus, NewStatus model.Status
	Note, Actor          string
}

// SetHitStatus changes a hit's status and records the change in the audit
// log, in one transaction.
func (s *Store) SetHitStatus(ctx context.Context, id int64, status model.Status, note, actor string) error {
	if _, err := model.ParseStatus(string(status)); err != nil {
		return err
	}
	return s.tx(ctx, "set hit status", func(tx *sql.Tx) error {
		var old string
		if err := tx.QueryRowContext(ctx, `SELECT status FROM hits WHERE id = ?`, id).Scan(&old); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("hit %d: %w", id, ErrNoHit)
			}
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE hits SET status = ? WHERE id = ?`, status, id); err != nil {
			return err
		}
		return audit(ctx, tx, id, model.AuditStatus, model.Status(old), status, note, actor, s.now().UTC())
	})
}

func audit(ctx context.Context, tx *sql.Tx, hit int64, action model.AuditAction, old, status model.Status, note, actor string, at time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (hit_id, at, action, old_status, new_status, note, actor) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		hit, at, action, old, status, note, actor)
	return err
}

// SetHold puts a hit on legal hold (kept, with its evidence, past the
// retention period) or takes it off, recorded in its audit log.
func (s *Store) SetHold(ctx context.Context, id int64, held bool, note, actor string) error {
	action := model.AuditRelease
	if held {
		action = model.AuditHold
	}
	return s.tx(ctx, "legal hold", func(tx *sql.Tx) error {
		var status model.Status
		if err := tx.QueryRowContext(ctx, `UPDATE hits SET held = ? WHERE id = ? RETURNING status`, held, id).Scan(&status); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("hit %d: %w", id, ErrNoHit)
			}
			return err
		}
		return audit(ctx, tx, id, action, status, status, note, actor, s.now().UTC())
	})
}

// RecordExport notes in each hit's audit log that actor exported its evidence.
func (s *Store) RecordExport(ctx context.Context, ids []int64, actor string) error {
	return s.tx(ctx, "record export", func(tx *sql.Tx) error {
		for _, id := range ids {
			var status model.Status
			if err := tx.QueryRowContext(ctx, `SELECT status FROM hits WHERE id = ?`, id).Scan(&status); err != nil {
				return fmt.Errorf("hit %d: %w", id, err)
			}
			if err := audit(ctx, tx, id, model.AuditExport, status, status, "", actor, s.now().UTC()); err != nil {
				return err
			}
		}
		return nil
	})
}

// RecordView notes in a hit's audit log that actor opened it: who looked
// at which employee's data.
func (s *Store) RecordView(ctx context.Context, id int64, actor string) error {
	return s.tx(ctx, "record view", func(tx *sql.Tx) error {
		var status model.Status
		if err := tx.QueryRowContext(ctx, `SELECT status FROM hits WHERE id = ?`, id).Scan(&status); err != nil {
			return err
		}
		return audit(ctx, tx, id, model.AuditView, status, status, "", actor, s.now().UTC())
	})
}

// Audit returns a hit's status changes, oldest first.
func (s *Store) Audit(ctx context.Context, id int64) ([]AuditEntry, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT at, action, old_status, new_status, note, actor FROM audit_log WHERE hit_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, s.wrap("read audit log", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.At, &e.Action, &e.OldStatus, &e.NewStatus, &e.Note, &e.Actor); err != nil {
			return nil, s.wrap("read audit log", err)
		}
		out = append(out, e)
	}
	return out, s.wrap("read audit log", rows.Err())
}
