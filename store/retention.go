package store

import (
	"context"
	"database/sql"
	"time"
)

// Purged counts what a retention purge deleted.
type Purged struct {
	Hits, Documents, Outbox, Cache, OCR, Thumbnails, Sessions, ImageRetries, Evidence int64
	// EvidenceFiles are the evidence files whose records were purged: the
	// caller deletes them (their chain entries stay, with hashes only).
	EvidenceFiles []string
}

// Purge deletes what is older than before: hits (with their excerpts,
// audit entries and alert links), documents without hits, e-mails sent or
// given up on, cached validators and text read from images. Pending e-mails stay.
func (s *Store) Purge(ctx context.Context, before time.Time) (Purged, error) {
	var p Purged
	cutoff := before.UTC()
	err := s.tx(ctx, "retention purge", func(tx *sql.Tx) error {
		steps := []struct {
			n *int64
			q string
		}{
			{&p.Hits, `DELETE FROM hits WHERE first_seen < ? AND held = 0`},
			{&p.Outbox, `DELETE FROM outbox WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM deliveries WHERE outbox_id = outbox.id AND state = 'pending')`},
			{&p.Documents, `DELETE FROM documents WHERE last_seen < ? AND NOT EXISTS (SELECT 1 FROM hits WHERE hits.document_id = documents.id)`},
			{&p.Cache, `DELETE FROM http_cache WHERE fetched_at < ?`},
			{&p.OCR, `DELETE FROM ocr_cache WHERE created_at < ?`},
			{&p.ImageRetries, `DELETE FROM image_retries WHERE next_at < ?`},
			// A thumbnail goes with the last hit that shows it.
			{&p.Thumbnails, `DELETE FROM thumbnails WHERE created_at < ? AND NOT EXISTS
				(SELECT 1 FROM hits WHERE hits.image_hash = thumbnails.image_hash)`},
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expiry < ?`, unixFloat(s.now()))
		if err != nil {
			return err
		}
		if p.Sessions, err = res.RowsAffected(); err != nil {
			return err
		}
		for _, st := range steps {
			res, err := tx.ExecContext(ctx, st.q, cutoff)
			if err != nil {
				return err
			}
			if *st.n, err = res.RowsAffected(); err != nil {
				return err
			}
		}
		// Evidence goes with its post: its records are marked purged (the
		// chain keeps their hashes) and its files are to be deleted.
		rows, err := tx.QueryContext(ctx, `UPDATE evidence SET purged_at = ? WHERE document_id IS NULL AND purged_at IS NULL
			RETURNING file`, s.now().UTC())
		if err != nil {
			return err
		}
		defer rows.Close()
		seen := map[string]bool{}
		for rows.Next() {
			var f string
			if err := rows.Scan(&f); err != nil {
				return err
			}
			p.Evidence++
			if !seen[f] {
				seen[f] = true
				p.EvidenceFiles = append(p.EvidenceFiles, f)
			}
		}
		return rows.Err()
	})
	if err != nil {
		return p, err
	}
	// Give the space back, so the file shrinks as months pass: free the
	// pages (the database is created with auto_vacuum=incremental), then
	// move the result from the write-ahead log into the file.
	// SQLite frees one page per step of this statement, so it is read to
	// the end rather than executed once.
	rows, err := s.w.QueryContext(ctx, `PRAGMA incremental_vacuum`)
	if err != nil {
		return p, s.wrap("vacuum", err)
	}
	for rows.Next() {
	}
	if err := rows.Close(); err != nil {
		return p, s.wrap("vacuum", err)
	}
	_, err = s.w.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	return p, s.wrap("checkpoint", err)
}
