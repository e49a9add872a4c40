package store

import (
	"context"
	"database/sql"
	"errors"
)

// OCRText returns the text read before from the image with this hash.
func (s *Store) OCRText(ctx context.Context, hash string) (string, bool, error) {
	var text string
	err := s.r.QueryRowContext(ctx, `SELECT text FROM ocr_cache WHERE image_hash = ?`, hash).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return text, err == nil, s.wrap("read OCR cache", err)
}

// SaveOCRText keeps the text read from an image.
func (s *Store) SaveOCRText(ctx context.Context, hash, text string) error {
	return s.tx(ctx, "save OCR text", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO ocr_cache (image_hash, text, created_at) VALUES (?, ?, ?)
			ON CONFLICT (image_hash) DO NOTHING`, hash, text, s.now().UTC())
		return err
	})
}
