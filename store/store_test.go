package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/doxwatch/doxwatch/model"
)

func openTest(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "dw.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestFreshDatabase(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	v, err := s.SchemaVersion(ctx)
	if err != nil || v != LatestVersion() || v < 1 {
		t.Fatalf("version = %d, %v; latest %d", v, err, LatestVersion())
	}
	for _, table := range []string{"sources", "http_cache", "documents", "hits", "outbox", "outbox_hits", "audit_log"} {
		var n int
		if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, table).Scan(&n); err != nil || n != 1 {
			t.Errorf("table %s: %d, %v", table, n, err)
		}
	}
	for _, db := range []*sql.DB{s.w, s.r} {
		var mode string
		var fk, sync int
		if err := db.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
			t.Errorf("journal_mode = %q, %v", mode, err)
		}
		if err := db.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
			t.Errorf("foreign_keys = %d, %v", fk, err)
		}
		if err := db.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&sync); err != nil || sync != 1 {
			t.Errorf("synchronous = %d, %v (want 1, NORMAL)", sync, err)
		}
	}
	if _, err := s.r.ExecContext(ctx, `INSERT INTO sources (name, type) VALUES ('x', 'feed')`); err == nil {
		t.Error("the read pool accepted a write")
	}
}

func TestReopenKeepsDataAndAppliesNothingTwice(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dw.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.ExecContext(ctx, `INSERT INTO sources (name, type) VALUES ('forum', 'html')`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n, applied int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM sources WHERE name = 'forum'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("source row after reopen: %d, %v", n, err)
	}
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&applied); err != nil || applied != LatestVersion() {
		t.Errorf("schema_migrations rows = %d, %v", applied, err)
	}
}

func TestNewerDatabaseRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dw.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.ExecContext(ctx, `INSERT INTO schema_migrations VALUES (?, 'from_the_future.sql', ?)`, LatestVersion()+1, time.Now()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = Open(ctx, path, Options{})
	if err == nil || !strings.Contains(err.Error(), "run a newer doxwatch") {
		t.Fatalf("err = %v", err)
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.db")
	if err := os.WriteFile(corrupt, []byte(strings.Repeat("this is not sqlite ", 400)), 0o600); err != nil {
		t.Fatal(err)
	}
	notDir := filepath.Join(dir, "file")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ path, want string }{
		{filepath.Join(dir, "missing", "dw.db"), "no such file or directory"},
		{filepath.Join(notDir, "dw.db"), "is not a directory"},
		{dir, "is a directory"},
		{corrupt, "is not a doxwatch database or is damaged"},
	}
	for _, tt := range tests {
		s, err := Open(ctx, tt.path, Options{})
		if err == nil {
			s.Close()
			t.Errorf("Open(%s) succeeded", tt.path)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.path) {
			t.Errorf("Open(%s) = %v, want %q", tt.path, err, tt.want)
		}
	}
	data, _ := os.ReadFile(corrupt)
	if !strings.HasPrefix(string(data), "this is not sqlite") {
		t.Error("Open changed the corrupt file")
	}
}

func TestUnwritableDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes anywhere; directory permissions cannot be tested")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	_, err := Open(context.Background(), filepath.Join(dir, "dw.db"), Options{})
	if err == nil || !strings.Contains(err.Error(), "cannot be opened for writing") {
		t.Fatalf("err = %v", err)
	}
}

func TestLockedDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dw.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	// Another process's exclusive transaction, as a second connection.
	other, err := sql.Open("sqlite3", dsn(path, "_busy_timeout=0"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.SetMaxOpenConns(1)
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA journal_mode=DELETE; BEGIN EXCLUSIVE; INSERT INTO sources (name, type) VALUES ('lock', 'x')`); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, `ROLLBACK`)
	_, err = Open(ctx, path, Options{BusyTimeout: 50 * time.Millisecond})
	if err == nil || !strings.Contains(err.Error(), "locked by another process") {
		t.Fatalf("err = %v", err)
	}
}

// TestUpgradeFromVersion1 builds a database as doxwatch's first schema
// left it, with data, and opens it with this build.
func TestUpgradeFromVersion1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dw.db")
	ms, err := migrations()
	if err != nil || len(ms) < 2 {
		t.Fatalf("migrations: %d, %v", len(ms), err)
	}
	raw, err := sql.Open("sqlite3", dsn(path, "_foreign_keys=1"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)`,
		ms[0].sql,
		`INSERT INTO schema_migrations VALUES (1, '0001_init.sql', '2026-01-01 00:00:00+00:00')`,
		`INSERT INTO sources (name, type) VALUES ('forum', 'html')`,
		`INSERT INTO http_cache (url, source, etag, last_modified, fetched_at) VALUES ('https://forum.example/', 'forum', '"e1"', '', '2026-01-01 00:00:00+00:00')`,
		// An alert still to send, after two failed attempts, and a digest sent.
		`INSERT INTO outbox (kind, message_id, state, attempts, next_attempt_at, last_error, created_at) VALUES
			('alert', 'm1@doxwatch', 'pending', 2, '2026-01-01 00:00:00+00:00', 'timeout', '2026-01-01 00:00:00+00:00'),
			('digest', 'm2@doxwatch', 'sent', 1, '2026-01-01 00:00:00+00:00', '', '2026-01-01 00:00:00+00:00')`,
	} {
		if _, err := raw.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()

	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.SchemaVersion(ctx); v != LatestVersion() {
		t.Errorf("version %d after upgrade, want %d", v, LatestVersion())
	}
	v, err := s.Validators(ctx, "https://forum.example/")
	if err != nil || v.ETag != `"e1"` || v.BodyHash != "" || v.Next != "" {
		t.Errorf("validators after upgrade: %+v, %v", v, err)
	}
	// The outbox's state became the e-mail channel's deliveries.
	due, err := s.DueOutbox(ctx, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	if err != nil || len(due) != 1 || due[0].MessageID != "m1@doxwatch" || due[0].Channel != model.ChannelEmail || due[0].Attempts != 2 ||
		due[0].LastError != "timeout" {
		t.Errorf("due after upgrade: %+v, %v", due, err)
	}
	if _, state, err := s.LastDigest(ctx); state != "sent" || err != nil {
		t.Errorf("last digest after upgrade: %q, %v", state, err)
	}
}
