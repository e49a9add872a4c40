package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/doxwatch/doxwatch/model"
)

// OutboxItem is a notice to deliver (an alert, a digest, a health notice)
// with its delivery state on one channel.
type OutboxItem struct {
	ID                     int64
	Kind                   model.OutboxKind
	MessageID              string
	DocumentID             int64
	EmployeeID             string
	Channel                string
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

const outboxColumns = `o.id, o.kind, o.message_id, COALESCE(o.document_id, 0), o.employee_id, d.channel, d.state, d.attempts, d.last_error,
	o.created_at, o.period_start, o.period_end, o.source, o.healthy, o.detail`

const outboxFrom = ` FROM outbox o JOIN deliveries d ON d.outbox_id = o.id `

func scanOutbox(r scanner) (OutboxItem, error) {
	var o OutboxItem
	var ps, pe sql.NullTime
	err := r.Scan(&o.ID, &o.Kind, &o.MessageID, &o.DocumentID, &o.EmployeeID, &o.Channel, &o.State, &o.Attempts, &o.LastError,
		&o.CreatedAt, &ps, &pe, &o.Source, &o.Healthy, &o.Detail)
	o.PeriodStart, o.PeriodEnd = ps.Time, pe.Time
	return o, err
}

// queueDeliveries makes outbox entry id due at once on each channel.
func queueDeliveries(ctx context.Context, tx *sql.Tx, id int64, channels []string, now time.Time) error {
	for _, ch := range channels {
		if _, err := tx.ExecContext(ctx, `INSERT INTO deliveries (outbox_id, channel, next_attempt_at) VALUES (?, ?, ?)`, id, ch, now); err != nil {
			return err
		}
	}
	return nil
}

func queryOutbox(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, where string, args ...any) ([]OutboxItem, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+outboxColumns+outboxFrom+` WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []OutboxItem
	for rows.Next() {
		o, err := scanOutbox(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// DueOutbox lists pending deliveries whose time has come, on any channel,
// oldest first.
func (s *Store) DueOutbox(ctx context.Context, now time.Time) ([]OutboxItem, error) {
	out, err := queryOutbox(ctx, s.r, `d.state = 'pending' AND d.next_attempt_at <= ? ORDER BY o.id, d.channel`, now.UTC())
	return out, s.wrap("read outbox", err)
}

// ClaimDue takes a channel's pending deliveries whose time has come,
// oldest first, for one drain: it moves their next attempt lease into the
// future in the same write transaction, so a drain running at the same
// time, in this process or another, does not take them too. If the
// process dies while sending, the lease runs out and they are due again.
func (s *Store) ClaimDue(ctx context.Context, channel string, now time.Time, lease time.Duration) ([]OutboxItem, error) {
	var out []OutboxItem
	err := s.tx(ctx, "claim outbox", func(tx *sql.Tx) error {
		var err error
		out, err = queryOutbox(ctx, tx, `d.channel = ? AND d.state = 'pending' AND d.next_attempt_at <= ? ORDER BY o.id`, channel, now.UTC())
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE deliveries SET next_attempt_at = ? WHERE channel = ? AND state = 'pending' AND next_attempt_at <= ?`,
			now.Add(lease).UTC(), channel, now.UTC())
		return err
	})
	return out, err
}

// Reschedule makes a channel's pending deliveries due at a time: claimed
// ones a drain did not send (due again at once), or the one about to be
// sent (its lease).
func (s *Store) Reschedule(ctx context.Context, channel string, ids []int64, at time.Time) error {
	return s.markAll(ctx, channel, ids, `UPDATE deliveries SET next_attempt_at = ? WHERE channel = ? AND outbox_id = ? AND state = 'pending'`, at.UTC())
}

// FailedOutbox lists deliveries given up on since a time, on any channel,
// newest first.
func (s *Store) FailedOutbox(ctx context.Context, since time.Time) ([]OutboxItem, error) {
	out, err := queryOutbox(ctx, s.r, `d.state = 'failed' AND o.created_at >= ? ORDER BY o.id DESC, d.channel`, since.UTC())
	return out, s.wrap("read outbox", err)
}

// OutboxDepth counts pending and failed deliveries on all channels.
func (s *Store) OutboxDepth(ctx context.Context) (pending, failed int, err error) {
	err = s.r.QueryRowContext(ctx, `SELECT COUNT(*) FILTER (WHERE state = 'pending'), COUNT(*) FILTER (WHERE state = 'failed') FROM deliveries`).
		Scan(&pending, &failed)
	return pending, failed, s.wrap("count outbox", err)
}

// SentSince counts the messages of a kind a channel sent since a time
// (alerts sent together in one message count once).
func (s *Store) SentSince(ctx context.Context, channel string, kind model.OutboxKind, since time.Time) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT COUNT(DISTINCT COALESCE(d.batch, d.outbox_id))`+outboxFrom+`
		WHERE o.kind = ? AND d.channel = ? AND d.state = 'sent' AND d.sent_at >= ?`, kind, channel, since.UTC()).Scan(&n)
	return n, s.wrap("count sent messages", err)
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

// MarkSent records the deliveries a channel sent together in one message
// as sent, and their hits as notified, in one transaction.
func (s *Store) MarkSent(ctx context.Context, channel string, ids []int64, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	ph := placeholders(len(ids))
	idArgs := make([]any, len(ids))
	for i, id := range ids {
		idArgs[i] = id
	}
	return s.tx(ctx, "mark sent", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE deliveries SET state = 'sent', sent_at = ?, batch = ?, attempts = attempts + 1, last_error = ''
			WHERE channel = ? AND outbox_id IN (`+ph+`)`, append([]any{at.UTC(), ids[0], channel}, idArgs...)...); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE hits SET notified_at = ? WHERE notified_at IS NULL AND id IN
			(SELECT hit_id FROM outbox_hits WHERE outbox_id IN (`+ph+`))`, append([]any{at.UTC()}, idArgs...)...)
		return err
	})
}

// MarkRetry records a failed attempt on a channel and when to try again.
func (s *Store) MarkRetry(ctx context.Context, channel string, ids []int64, next time.Time, reason string) error {
	return s.markAll(ctx, channel, ids, `UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?
		WHERE channel = ? AND outbox_id = ? AND state = 'pending'`, next.UTC(), reason)
}

// MarkFailed gives up on deliveries a channel refused for good.
func (s *Store) MarkFailed(ctx context.Context, channel string, ids []int64, reason string) error {
	return s.markAll(ctx, channel, ids, `UPDATE deliveries SET attempts = attempts + 1, state = 'failed', last_error = ?
		WHERE channel = ? AND outbox_id = ? AND state = 'pending'`, reason)
}

// markAll runs q for each id; q takes args, then the channel and the id.
func (s *Store) markAll(ctx context.Context, channel string, ids []int64, q string, args ...any) error {
	return s.tx(ctx, "update outbox", func(tx *sql.Tx) error {
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, q, append(append([]any{}, args...), channel, id)...); err != nil {
				return err
			}
		}
		return nil
	})
}

// QueueDigest queues the digest by e-mail for [start, end) unless one for the same
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
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO outbox (kind, message_id, created_at, period_start, period_end)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, model.OutboxDigest, newMessageID(model.OutboxDigest), now, start.UTC(), end.UTC()).Scan(&id); err != nil {
			return err
		}
		// The digest is an e-mail: a week's list is no chat message.
		err := queueDeliveries(ctx, tx, id, []string{model.ChannelEmail}, now)
		queued = err == nil
		return err
	})
	return queued, err
}

// LastDigest is when the newest digest was queued and whether it was sent;
// zero when there is none.
func (s *Store) LastDigest(ctx context.Context) (queued time.Time, state string, err error) {
	err = s.r.QueryRowContext(ctx, `SELECT o.created_at, d.state`+outboxFrom+`WHERE o.kind = ? AND d.channel = ? ORDER BY o.id DESC LIMIT 1`,
		model.OutboxDigest, model.ChannelEmail).Scan(&queued, &state)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, "", nil
	}
	return queued, state, s.wrap("read last digest", err)
}
