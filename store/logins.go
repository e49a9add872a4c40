package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"time"
)

// LoginPolicy is how failed logins are throttled: after Slow failures in
// Window each further attempt is slowed, after Lock the key is locked for
// LockFor.
type LoginPolicy struct {
	Slow, Lock      int
	Window, LockFor time.Duration
}

// loginKey hashes what a throttle is keyed on (an account name or a client
// address), so the table never holds what someone typed.
func loginKey(kind, value string) string {
	sum := sha256.Sum256([]byte(kind + "\x00" + value))
	return hex.EncodeToString(sum[:16])
}

// LoginState says how an attempt for these keys must be treated.
type LoginState struct {
	Failures    int
	LockedUntil time.Time
}

// LoginThrottle returns the worst state of the given (kind, value) keys.
func (s *Store) LoginThrottle(ctx context.Context, p LoginPolicy, keys ...[2]string) (LoginState, error) {
	now := s.now().UTC()
	var worst LoginState
	for _, k := range keys {
		var n int
		var first time.Time
		var locked sql.NullTime
		err := s.r.QueryRowContext(ctx, `SELECT failures, first_at, locked_until FROM login_failures WHERE key = ?`, loginKey(k[0], k[1])).
			Scan(&n, &first, &locked)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return worst, s.wrap("read login failures", err)
		}
		if locked.Valid && locked.Time.After(now) && locked.Time.After(worst.LockedUntil) {
			worst.LockedUntil = locked.Time
		}
		if now.Sub(first) <= p.Window {
			worst.Failures = max(worst.Failures, n)
		}
	}
	return worst, nil
}

// LoginFailed counts a failed attempt against each key, locking a key that
// reaches the policy's limit.
func (s *Store) LoginFailed(ctx context.Context, p LoginPolicy, keys ...[2]string) error {
	now := s.now().UTC()
	return s.tx(ctx, "record login failure", func(tx *sql.Tx) error {
		for _, k := range keys {
			key := loginKey(k[0], k[1])
			// A window that has passed starts counting again.
			if _, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE key = ? AND first_at < ? AND
				(locked_until IS NULL OR locked_until < ?)`, key, now.Add(-p.Window), now); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO login_failures (key, failures, first_at) VALUES (?, 1, ?)
				ON CONFLICT (key) DO UPDATE SET failures = failures + 1`, key, now); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE login_failures SET locked_until = ? WHERE key = ? AND failures >= ?
				AND (locked_until IS NULL OR locked_until < ?)`, now.Add(p.LockFor), key, p.Lock, now); err != nil {
				return err
			}
		}
		return nil
	})
}

// LoginSucceeded clears the failures of an account (not of the address:
// one good password must not unlock guessing at the others).
func (s *Store) LoginSucceeded(ctx context.Context, kind, value string) error {
	return s.tx(ctx, "clear login failures", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE key = ? AND (locked_until IS NULL OR locked_until < ?)`,
			loginKey(kind, value), s.now().UTC())
		return err
	})
}
