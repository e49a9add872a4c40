package store

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/doxwatch/doxwatch/model"
)

func TestPurgeDeletesOldDataAndShrinksTheFile(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	clock := now.AddDate(0, 0, -200)
	s, err := Open(ctx, t.TempDir()+"/dw.db", Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.EnsureSources(ctx, []SourceInfo{{"forum", "html"}}); err != nil {
		t.Fatal(err)
	}
	post := func(url string) Recorded {
		rec, err := s.RecordPost(ctx, Post{Source: "forum", URL: url, ContentHash: url, Routes: []model.Route{{Channel: model.ChannelEmail, MinSeverity: model.High}}, Hits: []NewHit{{Finding: model.Finding{
			EmployeeID: "E1", Kind: model.KindPhone, Severity: model.Critical, Fingerprint: url,
			Excerpt: strings.Repeat("bewijs ", 300), ExcerptStart: 0, ExcerptEnd: 6}}}})
		if err != nil {
			t.Fatal(err)
		}
		return rec
	}
	for i := 0; i < 2000; i++ {
		post("https://forum.example/old/" + string(rune('a'+i%26)) + strings.Repeat("x", i%50) + "/" + time.Duration(i).String())
	}
	old := post("https://forum.example/old/audited")
	if err := s.SetHitStatus(ctx, old.NewHitIDs[0], "confirmed", "note", "t"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordPost(ctx, Post{Source: "forum", URL: "https://forum.example/old/nohits", ContentHash: "h"}); err != nil {
		t.Fatal(err)
	}
	clock = now
	recent := post("https://forum.example/new/1")
	s.w.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	before := fileSize(t, s.Path())

	p, err := s.Purge(ctx, now.AddDate(0, 0, -180))
	if err != nil {
		t.Fatal(err)
	}
	if p.Hits != 2001 || p.Documents != 2002 {
		t.Errorf("purged %+v", p)
	}
	hits, _ := s.Hits(ctx, HitFilter{})
	if len(hits) != 1 || hits[0].ID != recent.NewHitIDs[0] {
		t.Errorf("left %d hits", len(hits))
	}
	if a, _ := s.Audit(ctx, old.NewHitIDs[0]); len(a) != 0 {
		t.Errorf("audit entries of a purged hit remain: %+v", a)
	}
	if pending, _, _ := s.OutboxDepth(ctx); pending != 1 {
		t.Errorf("pending alerts after purge: %d (only the recent one's alert should remain)", pending)
	}
	after := fileSize(t, s.Path())
	if after >= before/2 {
		t.Errorf("database file %d bytes before the purge, %d after", before, after)
	}
	t.Logf("database %d KB before, %d KB after purging 2001 hits", before/1024, after/1024)
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Size()
}
