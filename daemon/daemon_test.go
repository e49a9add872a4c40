package daemon

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/doxwatch/doxwatch/alerts"
	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/crawler"
	"github.com/doxwatch/doxwatch/detect"
	"github.com/doxwatch/doxwatch/mailbox"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/pipeline"
	"github.com/doxwatch/doxwatch/roster"
	"github.com/doxwatch/doxwatch/store"
	"github.com/doxwatch/doxwatch/store/storetest"
	"github.com/doxwatch/doxwatch/syncbuf"
)

// testDaemon builds a daemon on st whose roster is read from cfg.Roster,
// e-mails written as files, logs to w.
func testDaemon(t *testing.T, cfg *config.Config, st *store.Store, w io.Writer) (*Daemon, *pipeline.Pipeline) {
	t.Helper()
	log := slog.New(slog.NewTextHandler(w, nil))
	load := func() (*Staff, error) {
		r, err := roster.Load(cfg.Roster, "NL")
		if err != nil {
			return nil, err
		}
		det, err := detect.New(r, detect.OptionsFromConfig(cfg))
		return &Staff{Roster: r, Detector: det}, err
	}
	p := &pipeline.Pipeline{Crawler: crawler.New(cfg.Crawl, st, log), Store: st, Log: log}
	newSender := func(rf func() *roster.Roster) (*alerts.Sender, error) {
		return alerts.NewSender(cfg, st, &alerts.FileTransport{Dir: filepath.Join(t.TempDir(), "outbox")}, rf, log)
	}
	d, err := New(cfg, st, p, newSender, load, log)
	if err != nil {
		t.Fatal(err)
	}
	return d, p
}

func TestRosterReloadOnFileChange(t *testing.T) {
	dir := t.TempDir()
	rosterPath := filepath.Join(dir, "staff.csv")
	write := func(s string) {
		if err := os.WriteFile(rosterPath, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("id,first_name,last_name\nE1,Sanne,van den Berg\n")
	cfg := config.Default()
	cfg.Organisation.Name = "Kinderopvang De Zonnebloem"
	cfg.Roster = rosterPath
	cfg.Listen = ""
	cfg.Alerts.To = []string{"veiligheid@zonnebloem-kdv.example"}
	cfg.Alerts.OutboxDir = filepath.Join(dir, "outbox")
	st, err := store.Open(context.Background(), filepath.Join(dir, "dw.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	logs := &syncbuf.Buffer{}
	d, p := testDaemon(t, &cfg, st, logs)
	d.RosterPollEvery = 20 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- d.Run(ctx) }()

	found := func(text string) int { return len(p.Detector().Scan(text)) }
	if found("Mieke Bakker") != 0 || found("Sanne van den Berg") != 1 {
		t.Fatal("initial roster not in use")
	}
	time.Sleep(50 * time.Millisecond) // a new modification time
	write("id,first_name,last_name\nE1,Sanne,van den Berg\nE2,Mieke,Bakker\n")
	deadline := time.Now().Add(5 * time.Second)
	for found("Mieke Bakker") == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("roster change not picked up\n%s", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	// A broken roster is reported and the one in use stays.
	time.Sleep(50 * time.Millisecond)
	write("id,first_name,last_name\nE1,Sanne\n")
	deadline = time.Now().Add(5 * time.Second)
	for !bytes.Contains([]byte(logs.String()), []byte("roster reload failed")) {
		if time.Now().After(deadline) {
			t.Fatalf("broken roster not reported\n%s", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if found("Mieke Bakker") != 1 {
		t.Error("the roster in use was dropped after a failed reload")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
}

// A reload that changes what is searched for says how many sources will
// be read again; one that changes nothing says none.
func TestReloadSaysWhatIsReadAgain(t *testing.T) {
	dir := t.TempDir()
	rosterPath := filepath.Join(dir, "staff.csv")
	os.WriteFile(rosterPath, []byte("id,first_name,last_name\nE1,Sanne,van den Berg\n"), 0o600)
	cfg := config.Default()
	cfg.Organisation.Name = "Kinderopvang De Zonnebloem"
	cfg.Roster = rosterPath
	cfg.Sources = []config.Source{{Name: "a", Type: config.SourceFeed, URL: "https://a.example/feed"}, {Name: "b", Type: config.SourceFeed, URL: "https://b.example/feed"}}
	st, err := store.Open(context.Background(), filepath.Join(dir, "dw.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	logs := &syncbuf.Buffer{}
	d, _ := testDaemon(t, &cfg, st, logs)
	if err := d.Reload(); err != nil || !strings.Contains(logs.String(), "sources_to_reread=0") {
		t.Errorf("an unchanged roster: %v\n%s", err, logs.String())
	}
	os.WriteFile(rosterPath, []byte("id,first_name,last_name\nE1,Sanne,van den Berg\nE2,Mieke,Bakker\n"), 0o600)
	if err := d.Reload(); err != nil || !strings.Contains(logs.String(), "sources_to_reread=2") {
		t.Errorf("a changed roster: %v\n%s", err, logs.String())
	}
	// A roster with bad values: the log names line and column, never the
	// phone, e-mail or address (the daemon logs JSON to collectors).
	os.WriteFile(rosterPath, []byte("id,first_name,last_name,phone,email,address\nE1,Sanne,van den Berg,06-1234,sanne@@thuis.example,Lindelaan\n"), 0o600)
	if err := d.Reload(); err == nil {
		t.Fatal("a broken roster loaded")
	}
	for _, secret := range []string{"06-1234", "sanne@@thuis", "Lindelaan"} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the reload log holds %q:\n%s", secret, logs.String())
		}
	}
	if !strings.Contains(logs.String(), "phone (column 4)") {
		t.Errorf("the reload log does not say what is wrong:\n%s", logs.String())
	}
}

// /healthz fails, with the reason, once the integrity check finds the
// database damaged.
func TestHealthReportsDamage(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "dw.db")
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.EnsureSources(ctx, []store.SourceInfo{{Name: "forum", Type: "html"}})
	for i := range 300 {
		st.RecordPost(ctx, store.Post{Source: "forum", URL: fmt.Sprintf("https://f.example/%d", i), ContentHash: strings.Repeat("h", 200)})
	}
	st.Close()
	storetest.Corrupt(t, path, "documents")
	st, err = store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	os.WriteFile(filepath.Join(dir, "staff.csv"), []byte("id,first_name,last_name\nE1,Sanne,van den Berg\n"), 0o600)
	cfg := config.Default()
	cfg.Organisation.Name = "Kinderopvang De Zonnebloem"
	cfg.Roster = filepath.Join(dir, "staff.csv")
	d, _ := testDaemon(t, &cfg, st, io.Discard)
	rec := httptest.NewRecorder()
	d.Health().ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Code != 200 {
		t.Fatalf("before the check: %d %s", rec.Code, rec.Body)
	}
	d.checkDatabase(ctx)
	rec = httptest.NewRecorder()
	d.Health().ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Code != 503 || !strings.Contains(rec.Body.String(), "damaged") {
		t.Errorf("after the check: %d %s", rec.Code, rec.Body)
	}
}

// A mailbox poll is recorded like a run of a source: a mailbox that cannot
// be reached shows as the intake source's error.
func TestMailboxPollIsRecorded(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "staff.csv"), []byte("id,first_name,last_name\nE1,Sanne,van den Berg\n"), 0o600)
	cfg := config.Default()
	cfg.Organisation.Name = "Kinderopvang De Zonnebloem"
	cfg.Roster = filepath.Join(dir, "staff.csv")
	st, err := store.Open(ctx, filepath.Join(dir, "dw.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	st.EnsureSources(ctx, []store.SourceInfo{{Name: model.SourceIntake, Type: "mailbox"}})
	d, _ := testDaemon(t, &cfg, st, io.Discard)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().(*net.TCPAddr)
	ln.Close() // nothing listens there
	m := cfg.Intake.IMAP
	m.Host, m.Port, m.TLS, m.Username, m.Password = "127.0.0.1", addr.Port, "none", "meldingen", "imap-Pa55"
	d.Mailbox = &mailbox.Poller{Cfg: m, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	d.pollMailbox(ctx)
	srcs, _ := st.Sources(ctx)
	for _, s := range srcs {
		if s.Name == model.SourceIntake && (s.LastRun.IsZero() || !strings.Contains(s.LastError, "intake mailbox 127.0.0.1")) {
			t.Errorf("intake source after a failed poll: %+v", s)
		}
	}
}
