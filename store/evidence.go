package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// EvidenceRecord is one WARC record kept as evidence, and its place in the
// hash chain.
type EvidenceRecord struct {
	Seq        int64
	DocumentID int64
	File       string
	Offset     int64
	Length     int64
	RecordID   string
	RecordType string
	SHA256     string
	Chain      string
	CreatedAt  time.Time
	Purged     bool
}

const evidenceColumns = `seq, COALESCE(document_id, 0), file, offset, length, record_id, record_type, sha256,
	chain, created_at, purged_at IS NOT NULL`

// ChainHash is the chain hash of a record: SHA-256 over the previous
// entry's chain hash and what identifies this record and its bytes.
func ChainHash(prev string, r EvidenceRecord) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%d\n%s\n%d\n%d\n%s\n%s\n%s", prev, r.Seq, r.File, r.Offset, r.Length, r.RecordID, r.RecordType, r.SHA256)
	return hex.EncodeToString(h.Sum(nil))
}

// AppendEvidence adds records (with File, Offset, Length, RecordID,
// RecordType and SHA256 set) to the chain, in one transaction, and returns
// them with their sequence numbers and chain hashes.
func (s *Store) AppendEvidence(ctx context.Context, docID int64, recs []EvidenceRecord) ([]EvidenceRecord, error) {
	now := s.now().UTC()
	out := make([]EvidenceRecord, len(recs))
	err := s.tx(ctx, "append evidence", func(tx *sql.Tx) error {
		var seq int64
		var prev string
		err := tx.QueryRowContext(ctx, `SELECT seq, chain FROM evidence ORDER BY seq DESC LIMIT 1`).Scan(&seq, &prev)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		for i, r := range recs {
			seq++
			r.Seq, r.DocumentID, r.CreatedAt = seq, docID, now
			r.Chain = ChainHash(prev, r)
			if _, err := tx.ExecContext(ctx, `INSERT INTO evidence (seq, document_id, file, offset, length, record_id, record_type,
				sha256, chain, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.Seq, docID, r.File, r.Offset, r.Length,
				r.RecordID, r.RecordType, r.SHA256, r.Chain, now); err != nil {
				return err
			}
			prev, out[i] = r.Chain, r
		}
		return nil
	})
	return out, err
}

// EvidenceChain calls fn for every record of the chain, in order.
func (s *Store) EvidenceChain(ctx context.Context, fn func(EvidenceRecord) error) error {
	rows, err := s.r.QueryContext(ctx, `SELECT `+evidenceColumns+` FROM evidence ORDER BY seq`)
	if err != nil {
		return s.wrap("read evidence", err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanEvidence(rows)
		if err != nil {
			return s.wrap("read evidence", err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return s.wrap("read evidence", rows.Err())
}

// ChainHead is the newest chain hash and the number of records ("" and 0
// without evidence): printed in each digest, so the recipients' mail
// archive holds an independent copy.
func (s *Store) ChainHead(ctx context.Context) (string, int64, error) {
	var head string
	var n int64
	err := s.r.QueryRowContext(ctx, `SELECT chain, seq FROM evidence ORDER BY seq DESC LIMIT 1`).Scan(&head, &n)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, nil
	}
	return head, n, s.wrap("read chain head", err)
}

// DocumentEvidence lists the records kept of a post, in order.
func (s *Store) DocumentEvidence(ctx context.Context, docID int64) ([]EvidenceRecord, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+evidenceColumns+` FROM evidence WHERE document_id = ? ORDER BY seq`, docID)
	if err != nil {
		return nil, s.wrap("read evidence", err)
	}
	defer rows.Close()
	var out []EvidenceRecord
	for rows.Next() {
		r, err := scanEvidence(rows)
		if err != nil {
			return nil, s.wrap("read evidence", err)
		}
		out = append(out, r)
	}
	return out, s.wrap("read evidence", rows.Err())
}

func scanEvidence(r scanner) (EvidenceRecord, error) {
	var e EvidenceRecord
	err := r.Scan(&e.Seq, &e.DocumentID, &e.File, &e.Offset, &e.Length, &e.RecordID, &e.RecordType, &e.SHA256,
		&e.Chain, &e.CreatedAt, &e.Purged)
	return e, err
}
