package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/doxwatch/doxwatch/model"
)

// SeverityCounts counts hits first seen in [since, until) by severity.
func (s *Store) SeverityCounts(ctx context.Context, since, until time.Time) (map[model.Severity]int, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT severity, COUNT(*) FROM hits WHERE first_seen >= ? AND first_seen < ? GROUP BY severity`,
		since.UTC(), until.UTC())
	if err != nil {
		return nil, s.wrap("count hits", err)
	}
	defer rows.Close()
	out := map[model.Severity]int{}
	for rows.Next() {
		var name string
		var n int
		if err := rows.Scan(&name, &n); err != nil {
			return nil, s.wrap("count hits", err)
		}
		if sev, err := model.ParseSeverity(name); err == nil {
			out[sev] = n
		}
	}
	return out, s.wrap("count hits", rows.Err())
}

// Exposure is how much of one employee has been found.
type Exposure struct {
	EmployeeID string
	Counts     map[model.Severity]int
	// Open counts hits not yet resolved or dismissed.
	Open    int
	LastHit time.Time
}

// Exposures lists every employee with hits, the most recently hit first.
func (s *Store) Exposures(ctx context.Context) ([]Exposure, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT employee_id, severity, COUNT(*),
		COUNT(*) FILTER (WHERE status IN (?, ?)), MAX(first_seen) FROM hits GROUP BY employee_id, severity`,
		model.StatusNew, model.StatusConfirmed)
	if err != nil {
		return nil, s.wrap("employee exposure", err)
	}
	defer rows.Close()
	byID := map[string]*Exposure{}
	var order []string
	for rows.Next() {
		var id, sevName string
		var n, open int
		var last sql.NullString
		if err := rows.Scan(&id, &sevName, &n, &open, &last); err != nil {
			return nil, s.wrap("employee exposure", err)
		}
		e := byID[id]
		if e == nil {
			e = &Exposure{EmployeeID: id, Counts: map[model.Severity]int{}}
			byID[id] = e
			order = append(order, id)
		}
		if sev, err := model.ParseSeverity(sevName); err == nil {
			e.Counts[sev] += n
		}
		e.Open += open
		// MAX() over a TIMESTAMP column comes back as text.
		if t, err := parseSQLiteTime(last.String); err == nil && t.After(e.LastHit) {
			e.LastHit = t
		}
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("employee exposure", err)
	}
	out := make([]Exposure, 0, len(order))
	for _, id := range order {
		out = append(out, *byID[id])
	}
	return out, nil
}

// parseSQLiteTime reads the time formats the sqlite3 driver writes.
func parseSQLiteTime(s string) (time.Time, error) {
	var err error
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", "2006-01-02T15:04:05.999999999-07:00",
		"2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999Z07:00"} {
		var t time.Time
		if t, err = time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, err
}

// SaveThumbnail keeps a small picture of an image that produced a hit.
func (s *Store) SaveThumbnail(ctx context.Context, hash string, data []byte) error {
	return s.tx(ctx, "save thumbnail", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO thumbnails (image_hash, data, created_at) VALUES (?, ?, ?)
			ON CONFLICT (image_hash) DO NOTHING`, hash, data, s.now().UTC())
		return err
	})
}

// Thumbnail returns the picture kept for an image hash.
func (s *Store) Thumbnail(ctx context.Context, hash string) ([]byte, error) {
	var data []byte
	err := s.r.QueryRowContext(ctx, `SELECT data FROM thumbnails WHERE image_hash = ?`, hash).Scan(&data)
	return data, s.wrap("read thumbnail", err)
}

// HitEmployees lists the employees that have hits, for choosing one in a
// filter without listing the roster.
func (s *Store) HitEmployees(ctx context.Context) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT DISTINCT employee_id FROM hits ORDER BY employee_id`)
	if err != nil {
		return nil, s.wrap("list employees with hits", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, s.wrap("list employees with hits", err)
		}
		out = append(out, id)
	}
	return out, s.wrap("list employees with hits", rows.Err())
}
