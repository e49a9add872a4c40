// Package store keeps doxwatch's state in SQLite: crawl state per source,
// documents seen (URL and hash only), hits, the alert outbox and the audit log.
// Employees appear only by roster id.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/mattn/go-sqlite3"
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

// Store is an open doxwatch database: one writer connection, so writes never
// contend inside the process, and a pool of read-only connections.
type Store struct {
	path string
	w    *sql.DB
	r    *sql.DB
	now  func() time.Time

	// damage is the last sign that the file is damaged: a failed
	// integrity check or a write that failed for that reason. Health
	// reports it until a check passes again.
	damage atomic.Pointer[error]
}

// Options tune Open; the zero value is what the daemon uses.
type Options struct {
	// BusyTimeout is how long a statement waits for another process's lock.
	BusyTimeout time.Duration
	// Now replaces the clock, for tests.
	Now func() time.Time
}

// Open opens (creating if needed) the database at path and brings its schema
// up to date. It refuses a database written by a newer doxwatch.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if opts.BusyTimeout == 0 {
		opts.BusyTimeout = 5 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if err := checkDir(path); err != nil {
		return nil, err
	}
	common := fmt.Sprintf("_journal_mode=WAL&_busy_timeout=%d&_foreign_keys=1&_synchronous=NORMAL&_auto_vacuum=incremental", opts.BusyTimeout.Milliseconds())
	w, err := sql.Open("sqlite3", dsn(path, common+"&_txlock=immediate"))
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	s := &Store{path: path, w: w, now: opts.Now}
	if err := s.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite3", dsn(path, common+"&_query_only=1"))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	s.r = r
	return s, nil
}

func dsn(path, params string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + params
}

// checkDir gives a plain error for the commonest mistake, a database path
// in a directory that does not exist or cannot be written; SQLite's own
// message for it is "unable to open database file".
func checkDir(path string) error {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("database %s: directory %s: %w", path, dir, err)
	}
	if !st.IsDir() {
		return fmt.Errorf("database %s: %s is not a directory", path, dir)
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("database %s: is a directory", path)
	}
	return nil
}

// Close closes both connection pools.
func (s *Store) Close() error {
	var errs []error
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	errs = append(errs, s.w.Close())
	return errors.Join(errs...)
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// wrap turns SQLite's terse errors into ones that say what to do.
func (s *Store) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrNotADB, sqlite3.ErrCorrupt:
			return fmt.Errorf("%s: database %s is not a doxwatch database or is damaged (restore a backup or move it away): %w", op, s.path, err)
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return fmt.Errorf("%s: database %s is locked by another process (is another doxwatch running?): %w", op, s.path, err)
		case sqlite3.ErrCantOpen, sqlite3.ErrPerm, sqlite3.ErrReadonly, sqlite3.ErrAuth:
			return fmt.Errorf("%s: database %s cannot be opened for writing (check the file and its directory are writable): %w", op, s.path, err)
		case sqlite3.ErrFull:
			return fmt.Errorf("%s: database %s: the disk is full: %w", op, s.path, err)
		}
	}
	return fmt.Errorf("%s: database %s: %w", op, s.path, err)
}

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationsFS, "migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v < 1 {
			return nil, fmt.Errorf("migration %s: name must start with its number", e.Name())
		}
		data, err := migrationsFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(data)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %d", m.name, i+1)
		}
	}
	return out, nil
}

// LatestVersion is the schema version this build writes.
func LatestVersion() int {
	ms, err := migrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	if _, err := s.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)`); err != nil {
		return s.wrap("open", err)
	}
	current, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if current > len(ms) {
		return fmt.Errorf("database %s has schema version %d, but this doxwatch knows only up to %d: run a newer doxwatch, or restore a backup made by this version", s.path, current, len(ms))
	}
	for _, m := range ms[current:] {
		err := s.tx(ctx, "migrate "+m.name, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, s.now().UTC())
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// SchemaVersion is the highest migration applied to the database.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	if err := s.w.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, s.wrap("read schema version", err)
	}
	return int(v.Int64), nil
}

// damaged reports whether err says the database file is damaged or
// cannot be written (not merely busy).
func damaged(err error) bool {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code {
	case sqlite3.ErrCorrupt, sqlite3.ErrNotADB, sqlite3.ErrIoErr, sqlite3.ErrFull, sqlite3.ErrReadonly, sqlite3.ErrCantOpen:
		return true
	}
	return false
}

func (s *Store) noteDamage(err error) {
	if err != nil && damaged(err) {
		s.damage.Store(&err)
	}
}

// QuickCheck runs SQLite's quick integrity check (every page of every
// table and index is read); its result is what Health reports until the
// next check. It takes a second or so per 100 MB of database.
func (s *Store) QuickCheck(ctx context.Context) error {
	rows, err := s.r.QueryContext(ctx, `PRAGMA quick_check(10)`)
	var problems []string
	if err == nil {
		for rows.Next() {
			var line string
			if err = rows.Scan(&line); err != nil {
				break
			}
			if line != "ok" {
				problems = append(problems, line)
			}
		}
		err = errors.Join(err, rows.Err(), rows.Close())
	}
	switch {
	case err != nil && ctx.Err() != nil:
		return err
	case err != nil:
		err = s.wrap("integrity check", err)
	case len(problems) > 0:
		err = fmt.Errorf("integrity check: database %s is damaged (restore a backup): %s", s.path, strings.Join(problems, "; "))
	}
	if err != nil {
		s.damage.Store(&err)
		return err
	}
	s.damage.Store(nil)
	return nil
}

// Health is nil while the database seems sound: the last integrity check
// passed and no write has failed on a damaged or unwritable file since.
func (s *Store) Health() error {
	if e := s.damage.Load(); e != nil {
		return *e
	}
	return nil
}

// tx runs fn in a write transaction (BEGIN IMMEDIATE, through the DSN's
// _txlock), committing if it returns nil.
func (s *Store) tx(ctx context.Context, op string, fn func(*sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		s.noteDamage(err)
		return s.wrap(op, err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		s.noteDamage(err)
		return s.wrap(op, err)
	}
	err = tx.Commit()
	s.noteDamage(err)
	return s.wrap(op, err)
}

// placeholders is "?,?,…" for an IN list of n values.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}
