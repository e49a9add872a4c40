package store

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"time"

	"github.com/doxwatch/doxwatch/model"
)

// OutboxItem is an e-mail waiting to be sent, or sent, or given up on.
type OutboxItem struct {
	ID                     int64
	Kind                   model.OutboxKind
	MessageID              string
	DocumentID             int64
	EmployeeID             string
	State                  string
	Attempts               int
	LastError              string
	CreatedAt              time.Time
	PeriodStart, PeriodEnd time.Time
	// Source, Healthy and Detail describe a health notice.
	Source  string
	Healthy bool
	Detail  string
}

const outboxColumns = `id, kind, message_id, COALESCE(document_id, 0), employee_id, state, attempts, last_error, created_at, period_start,
	period_end, source, healthy, detail`

func scanOutbox(r scanner) (OutboxItem, error) {
	var o OutboxItem
	var ps, pe sql.NullTime
	err := r.Scan(&o.ID, &o.Kind, &o.MessageID, &o.DocumentID, &o.EmployeeID, &o.State, &o.Attempts, &o.LastError, &o.CreatedAt, &ps, &pe,
		&o.Source, &o.Healthy, &o.Detail)
	o.PeriodStart, o.PeriodEnd = ps.Time, pe.Time
	return o, err
}

func (s *Store) outbox(ctx context.Context, where string, args ...any) ([]OutboxItem, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE `+where, args...)
	if err != nil {
		return nil, s.wrap("read outbox", err)
	}
	defer rows.Close()
	var out []OutboxItem
	for rows.Next() {
		o, err := scanOutbox(rows)
		if err != nil {
			return nil, s.wrap("read outbox", err)
		}
		out = append(out, o)
	}
	return out, s.wrap("read outbox", rows.Err())
}

// DueOutbox lists pending e-mails whose time has come, oldest first.
func (s *Store) DueOutbox(ctx context.Context, now time.Time) ([]OutboxItem, error) {
	return s.outbox(ctx, `state = 'pending' AND next_attempt_at <= ? ORDER BY id`, now.UTC())
}

// ClaimDue takes the pending e-mails whose time has come, oldest first,
// for one drain: it moves their next attempt lease into the future in the
// same write transaction, so a drain running at the same time, in this
// process or another, does not take them too. If the process dies while
// sending, the lease runs out and they are due again.
func (s *Store) ClaimDue(ctx context.Context, now time.Time, lease time.Duration) ([]OutboxItem, error) {
	var out []OutboxItem
	err := s.tx(ctx, "claim outbox", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `UPDATE outbox SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at <= ?
			RETURNING `+outboxColumns, now.Add(lease).UTC(), now.UTC())
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			o, err := scanOutbox(rows)
			if err != nil {
				return err
			}
			out = append(out, o)
		}
		return rows.Err()
	})
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, err
}

// Reschedule makes pending e-mails due at a time: claimed ones a drain did
// not send (due again at once), or the one about to be sent (its lease).
func (s *Store) Reschedule(ctx context.Context, ids []int64, at time.Time) error {
	return s.markAll(ctx, ids, `UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND state = 'pending'`, at.UTC())
}

// FailedOutbox lists e-mails given up on since a time, newest first.
func (s *Store) FailedOutbox(ctx context.Context, since time.Time) ([]OutboxItem, error) {
	return s.outbox(ctx, `state = 'failed' AND created_at >= ? ORDER BY id DESC`, since.UTC())
}

// OutboxDepth counts pending and failed e-mails.
func (s *Store) OutboxDepth(ctx context.Context) (pending, failed int, err error) {
	err = s.r.QueryRowContext(ctx, `SELECT COUNT(*) FILTER (WHERE state = 'pending'), COUNT(*) FILTER (WHERE state = 'failed') FROM outbox`).
		Scan(&pending, &failed)
	return pending, failed, s.wrap("count outbox", err)
}

// SentSince counts e-mails of a kind sent since a time (alerts sent
// together in one e-mail count once).
func (s *Store) SentSince(ctx context.Context, kind model.OutboxKind, since time.Time) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT COUNT(DISTINCT COALESCE(batch, id)) FROM outbox WHERE kind = ? AND state = 'sent' AND sent_at >= ?`,
		kind, since.UTC()).Scan(&n)
	return n, s.wrap("count sent e-mails", err)
}

// AlertHits returns the hits an alert is about.
func (s *Store) AlertHits(ctx context.Context, outboxID int64) ([]Hit, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+hitColumns+` FROM hits h JOIN documents d ON d.id = h.document_id
		JOIN outbox_hits oh ON oh.hit_id = h.id WHERE oh.outbox_id = ? ORDER BY h.id`, outboxID)
	if err != nil {
		return nil, s.wrap("read alert hits", err)
	}
	defer rows.Close()
	var out []Hit
	for rows.Next() {
		h, err := scanHit(rows)
		if err != nil {
			return nil, s.wrap("read alert hits", err)
		}
		out = append(out, h)
	}
	return out, s.wrap("read alert hits", rows.Err())
}

// MarkSent records the outbox items sent together in one e-mail as sent,
// and their hits as notified, in one transaction.
func (s *Store) MarkSent(ctx context.Context, ids []int64, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	ph := placeholders(len(ids))
	idArgs := make([]any, len(ids))
	for i, id := range ids {
		idArgs[i] = id
	}
	return s.tx(ctx, "mark sent", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'sent', sent_at = ?, batch = ?, attempts = attempts + 1, last_error = ''
			WHERE id IN (`+ph+`)`, append([]any{at.UTC(), ids[0]}, idArgs...)...); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE hits SET notified_at = ? WHERE notified_at IS NULL AND id IN
			(SELECT hit_id FROM outbox_hits WHERE outbox_id IN (`+ph+`))`, append([]any{at.UTC()}, idArgs...)...)
		return err
	})
}

// MarkRetry records a failed attempt and when to try again.
func (s *Store) MarkRetry(ctx context.Context, ids []int64, next time.Time, reason string) error {
	return s.markAll(ctx, ids, `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ? AND state = 'pending'`,
		next.UTC(), reason)
}

// MarkFailed gives up on e-mails that the server refused for good.
func (s *Store) MarkFailed(ctx context.Context, ids []int64, reason string) error {
	return s.markAll(ctx, ids, `UPDATE outbox SET attempts = attempts + 1, state = 'failed', last_error = ? WHERE id = ? AND state = 'pending'`, reason)
}

func (s *Store) markAll(ctx context.Context, ids []int64, q string, args ...any) error {
	return s.tx(ctx, "update outbox", func(tx *sql.Tx) error {
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, q, append(append([]any{}, args...), id)...); err != nil {
				return err
			}
		}
		return nil
	})
}

// QueueDigest queues the digest for [start, end) unless one for the same
// period is queued already, and reports whether it queued one.
func (s *Store) QueueDigest(ctx context.Context, start, end time.Time) (bool, error) {
	queued := false
	err := s.tx(ctx, "queue digest", func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox WHERE kind = 'digest' AND period_start = ? AND period_end = ?`,
			start.UTC(), end.UTC()).Scan(&n); err != nil || n > 0 {
			return err
		}
		now := s.now().UTC()
		_, err := tx.ExecContext(ctx, `INSERT INTO outbox (kind, message_id, next_attempt_at, created_at, period_start, period_end)
			VALUES (?, ?, ?, ?, ?, ?)`, model.OutboxDigest, newMessageID(model.OutboxDigest), now, now, start.UTC(), end.UTC())
		queued = err == nil
		return err
	})
	return queued, err
}

// LastDigest is when the newest digest was queued and whether it was sent;
// zero when there is none.
func (s *Store) LastDigest(ctx context.Context) (queued time.Time, state string, err error) {
	err = s.r.QueryRowContext(ctx, `SELECT created_at, state FROM outbox WHERE kind = ? ORDER BY id DESC LIMIT 1`, model.OutboxDigest).
		Scan(&queued, &state)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, "", nil
	}
	return queued, state, s.wrap("read last digest", err)
}
