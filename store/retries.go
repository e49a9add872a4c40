package store

import (
	"context"
	"database/sql"
	"time"
)

// ImageRetry is an image of a post to try again.
type ImageRetry struct {
	Source, PostURL, ImageURL string
	Attempts                  int
	LastError                 string
}

// ImageFailed notes a failed attempt at an image: it is due again after
// backoff(attempts), or dropped once attempts reaches maxAttempts.
// It reports whether the image will be tried again.
func (s *Store) ImageFailed(ctx context.Context, r ImageRetry, maxAttempts int, backoff func(int) time.Duration) (bool, error) {
	now := s.now().UTC()
	again := false
	err := s.tx(ctx, "image retry", func(tx *sql.Tx) error {
		var attempts int
		err := tx.QueryRowContext(ctx, `SELECT attempts FROM image_retries WHERE source = ? AND post_url = ? AND image_url = ?`,
			r.Source, r.PostURL, r.ImageURL).Scan(&attempts)
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		attempts++
		if attempts >= maxAttempts {
			_, err := tx.ExecContext(ctx, `DELETE FROM image_retries WHERE source = ? AND post_url = ? AND image_url = ?`,
				r.Source, r.PostURL, r.ImageURL)
			return err
		}
		again = true
		_, err = tx.ExecContext(ctx, `INSERT INTO image_retries (source, post_url, image_url, attempts, next_at, last_error)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source, post_url, image_url) DO UPDATE SET attempts = excluded.attempts,
			next_at = excluded.next_at, last_error = excluded.last_error`,
			r.Source, r.PostURL, r.ImageURL, attempts, now.Add(backoff(attempts)), r.LastError)
		return err
	})
	return again, err
}

// ImageDone forgets an image that has been read.
func (s *Store) ImageDone(ctx context.Context, source, postURL, imageURL string) error {
	return s.tx(ctx, "image read", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM image_retries WHERE source = ? AND post_url = ? AND image_url = ?`,
			source, postURL, imageURL)
		return err
	})
}

// DueImages lists a source's images whose next attempt has come.
func (s *Store) DueImages(ctx context.Context, source string) ([]ImageRetry, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT source, post_url, image_url, attempts, last_error FROM image_retries
		WHERE source = ? AND next_at <= ? ORDER BY next_at`, source, s.now().UTC())
	if err != nil {
		return nil, s.wrap("list image retries", err)
	}
	defer rows.Close()
	var out []ImageRetry
	for rows.Next() {
		var r ImageRetry
		if err := rows.Scan(&r.Source, &r.PostURL, &r.ImageURL, &r.Attempts, &r.LastError); err != nil {
			return nil, s.wrap("list image retries", err)
		}
		out = append(out, r)
	}
	return out, s.wrap("list image retries", rows.Err())
}

// PendingImages counts a source's images waiting for another attempt.
func (s *Store) PendingImages(ctx context.Context, source string) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM image_retries WHERE source = ?`, source).Scan(&n)
	return n, s.wrap("count image retries", err)
}
