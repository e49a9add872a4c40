package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// TryLockHost takes (or, for its holder, extends) the crawl lease of a
// host until now+lease, and reports whether holder has it. A lease that
// has run out, or whose holder dead reports as gone (a process on this
// machine that no longer runs), is taken over.
func (s *Store) TryLockHost(ctx context.Context, host, holder string, lease time.Duration, dead func(holder string) bool) (bool, error) {
	now := s.now().UTC()
	got := false
	err := s.tx(ctx, "lock host", func(tx *sql.Tx) error {
		var cur string
		err := tx.QueryRowContext(ctx, `SELECT holder FROM host_locks WHERE host = ?`, host).Scan(&cur)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		takeOver := cur != "" && cur != holder && dead != nil && dead(cur)
		if _, err := tx.ExecContext(ctx, `INSERT INTO host_locks (host, holder, expires_at) VALUES (?, ?, ?)
			ON CONFLICT (host) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
			WHERE host_locks.holder = excluded.holder OR host_locks.expires_at < ? OR ?`, host, holder, now.Add(lease), now, takeOver); err != nil {
			return err
		}
		var h string
		if err := tx.QueryRowContext(ctx, `SELECT holder FROM host_locks WHERE host = ?`, host).Scan(&h); err != nil {
			return err
		}
		got = h == holder
		return nil
	})
	return got, err
}

// UnlockHost gives a host's lease back.
func (s *Store) UnlockHost(ctx context.Context, host, holder string) error {
	return s.tx(ctx, "unlock host", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM host_locks WHERE host = ? AND holder = ?`, host, holder)
		return err
	})
}
