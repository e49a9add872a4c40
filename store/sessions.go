package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Sessions keeps dashboard sessions in the database; it implements the
// session manager's store (Find, Commit, Delete), so sessions survive a
// restart and expire on the server, not only in the browser.
type Sessions struct{ s *Store }

// Sessions returns the session store.
func (s *Store) Sessions() Sessions { return Sessions{s} }

// Find returns the data of an unexpired session.
func (ss Sessions) Find(token string) ([]byte, bool, error) {
	var data []byte
	err := ss.s.r.QueryRowContext(context.Background(), `SELECT data FROM sessions WHERE token = ? AND expiry > ?`,
		token, unixFloat(ss.s.now())).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	return data, err == nil, ss.s.wrap("read session", err)
}

// Commit stores a session until expiry.
func (ss Sessions) Commit(token string, b []byte, expiry time.Time) error {
	return ss.s.tx(context.Background(), "save session", func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO sessions (token, data, expiry) VALUES (?, ?, ?)
			ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`, token, b, unixFloat(expiry))
		return err
	})
}

// Delete ends a session.
func (ss Sessions) Delete(token string) error {
	return ss.s.tx(context.Background(), "delete session", func(tx *sql.Tx) error {
		_, err := tx.Exec(`DELETE FROM sessions WHERE token = ?`, token)
		return err
	})
}

func unixFloat(t time.Time) float64 { return float64(t.UnixNano()) / 1e9 }
