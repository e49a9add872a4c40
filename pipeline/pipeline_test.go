package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"github.com/doxwatch/doxwatch/i18n"
	"image"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/crawler"
	"github.com/doxwatch/doxwatch/detect"
	"github.com/doxwatch/doxwatch/evidence"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/roster"
	"github.com/doxwatch/doxwatch/store"
)

// forum is a local forum whose posts a test can edit between runs.
type forum struct {
	*httptest.Server
	mu       sync.Mutex
	posts    map[string]string // id → text
	status   int
	requests int
}

func newForum(t *testing.T) *forum {
	f := &forum{posts: map[string]string{}, status: http.StatusOK}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		if r.URL.Path == "/robots.txt" {
			return
		}
		f.requests++
		if f.status != http.StatusOK {
			w.WriteHeader(f.status)
			return
		}
		var b strings.Builder
		b.WriteString("<html><body>")
		ids := make([]string, 0, len(f.posts))
		for id := range f.posts {
			ids = append(ids, id)
		}
		sort.Strings(ids) // a real page has a stable order
		for _, id := range ids {
			fmt.Fprintf(&b, `<article class="post"><a class="link" href="/p/%s">#</a><div class="text">%s</div></article>`, id, f.posts[id])
		}
		b.WriteString("</body></html>")
		// An ETag, as most forums send: an unchanged page answers 304.
		etag := fmt.Sprintf(`"%x"`, len(b.String())*31+strings.Count(b.String(), "a"))
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		io.WriteString(w, b.String())
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *forum) set(id, text string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.posts[id] = text
}

func (f *forum) fail(status int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.status = status
}

func (f *forum) source(name string) config.Source {
	return config.Source{Name: name, Type: config.SourceHTML, URL: f.URL + "/", Selectors: config.Selectors{Item: "article.post", Text: ".text", Link: "a.link@href"}}
}

func setup(t *testing.T, srcs ...config.Source) (*Pipeline, *store.Store) {
	return setupB(t, srcs)
}

func setupB(t testing.TB, srcs []config.Source) (*Pipeline, *store.Store) {
	t.Helper()
	return setupWith(t, store.Options{}, srcs)
}

// setupWith is setup with store options (a clock).
func setupWith(t testing.TB, opts store.Options, srcs []config.Source) (*Pipeline, *store.Store) {
	t.Helper()
	cfg, err := config.Load(filepath.Join("testdata", "doxwatch.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	ros, err := roster.Load(cfg.ResolvePath(cfg.Roster), "NL")
	if err != nil {
		t.Fatal(err)
	}
	det, err := detect.New(ros, detect.OptionsFromConfig(cfg))
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "dw.db"), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var infos []store.SourceInfo
	for _, s := range srcs {
		infos = append(infos, store.SourceInfo{Name: s.Name, Type: s.Type})
	}
	if err := st.EnsureSources(context.Background(), infos); err != nil {
		t.Fatal(err)
	}
	crawl := cfg.Crawl
	crawl.Delay, crawl.AllowPrivateNetworks, crawl.Timeout = time.Millisecond, true, 2*time.Second
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	return &Pipeline{Crawler: crawler.New(crawl, st, log), Detector: func() *detect.Detector { return det }, Store: st,
		Routes: []model.Route{{Channel: model.ChannelEmail, MinSeverity: model.High}}, HealthTo: []string{model.ChannelEmail},
		UnhealthyAfter: 3, Log: log}, st
}

// A new employee whose home address is on a page read before is found
// once the roster has her, though the page has not changed (it answers
// 304), and only her new finding becomes a hit and an alert.
func TestRosterChangeRescansPagesReadBefore(t *testing.T) {
	ctx := context.Background()
	f := newForum(t)
	f.set("1", "Die nieuwe van De Zonnebloem woont gewoon op Kerkstraat 12a, 1234 AB Utrecht. Mieke Bakker weet het ook.")
	src := f.source("forum")
	p, _ := setup(t, src)
	full := p.Detector()
	ros, _ := roster.Load(filepath.Join("testdata", "staff.csv"), "NL")
	var without []roster.Employee
	for _, e := range ros.Employees {
		if e.ID != "E001" {
			without = append(without, e)
		}
	}
	cfg, _ := config.Load(filepath.Join("testdata", "doxwatch.yaml"))
	before, err := detect.New(roster.New(without), detect.OptionsFromConfig(cfg))
	if err != nil {
		t.Fatal(err)
	}
	p.Detector = func() *detect.Detector { return before }
	if r := p.Run(ctx, src); r.Err != nil || r.New[model.Critical] != 0 || r.NewHits() != 1 {
		t.Fatalf("first run, without her: %+v", r)
	}
	if r := p.Run(ctx, src); r.Stats.NotModified != 1 || r.NewHits() != 0 {
		t.Fatalf("unchanged run: %+v", r)
	}
	// HR adds her to the roster.
	p.Detector = func() *detect.Detector { return full }
	r := p.Run(ctx, src)
	if r.Err != nil || r.Stats.NotModified != 0 || r.New[model.Critical] != 1 || r.Alerts != 1 || r.NewHits() != 1 {
		t.Fatalf("run after the roster change: %+v", r)
	}
	// Read once for the new roster; then unchanged again.
	if r := p.Run(ctx, src); r.Stats.NotModified != 1 || r.NewHits() != 0 {
		t.Fatalf("second run after the change: %+v", r)
	}
	// A fixed selector is a change too.
	src.Selectors.Text = "div.text"
	if r := p.Run(ctx, src); r.Stats.NotModified != 0 || r.Stats.Pages != 1 || r.NewHits() != 0 {
		t.Fatalf("run after a selector change: %+v", r)
	}
	// rescan --full reads everything again and stores nothing twice.
	p.Full = true
	if r := p.Run(ctx, src); r.Stats.Pages != 1 || r.Unchanged != 0 || r.NewHits() != 0 || r.Alerts != 0 {
		t.Fatalf("full run: %+v", r)
	}
}

func TestRunStoresHitsOnceAndRescansEdits(t *testing.T) {
	ctx := context.Background()
	f := newForum(t)
	f.set("1", "Sanne van den Berg van De Zonnebloem, bel haar op 06-12345678.")
	f.set("2", "Gezellige ouderavond gehad.")
	src := f.source("forum")
	p, st := setup(t, src)

	r := p.Run(ctx, src)
	if r.Err != nil || r.Stats.Posts != 2 || r.New[model.Critical] != 1 || r.New[model.High] != 1 || r.Alerts != 1 {
		t.Fatalf("first run: %+v", r)
	}
	// Unchanged page: not even parsed; no new hits, no new alerts.
	r = p.Run(ctx, src)
	if r.Err != nil || r.Stats.NotModified != 1 || r.Stats.Posts != 0 || len(r.New) != 0 || r.Alerts != 0 {
		t.Fatalf("second run: %+v", r)
	}
	// An edit around the same finding is scanned again but stores nothing twice.
	f.set("1", "EDIT: Sanne van den Berg van De Zonnebloem, bel haar op 06-12345678!!")
	r = p.Run(ctx, src)
	if r.Err != nil || r.Unchanged != 1 || len(r.New) != 0 || r.Alerts != 0 {
		t.Fatalf("edited run: %+v", r)
	}
	// An edit that adds her address is a new hit and a new alert.
	f.set("1", "Sanne van den Berg van De Zonnebloem, bel haar op 06-12345678. Ze woont Kerkstraat 12a, Utrecht.")
	r = p.Run(ctx, src)
	if r.Err != nil || r.New[model.Critical] != 1 || r.Alerts != 1 {
		t.Fatalf("address added: %+v", r)
	}
	hits, err := st.Hits(ctx, store.HitFilter{})
	if err != nil || len(hits) != 3 {
		t.Fatalf("%d hits, %v", len(hits), err)
	}
	for _, h := range hits {
		if h.Source != "forum" || h.URL != f.URL+"/p/1" || h.EmployeeID != "E001" || h.Status != "new" {
			t.Errorf("hit %+v", h)
		}
		if h.Excerpt[h.MatchStart:h.MatchEnd] == "" {
			t.Errorf("hit %d marks nothing in %q", h.ID, h.Excerpt)
		}
	}
}

func TestSourceHealth(t *testing.T) {
	ctx := context.Background()
	f := newForum(t)
	f.set("1", "Gewoon een bericht.")
	src := f.source("forum")
	p, st := setup(t, src)
	health := func() store.SourceState {
		t.Helper()
		ss, err := st.Sources(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range ss {
			if s.Name == "forum" {
				return s
			}
		}
		t.Fatal("no forum source")
		return store.SourceState{}
	}
	if r := p.Run(ctx, src); r.Err != nil || !health().Healthy {
		t.Fatalf("first run: %+v, %+v", r, health())
	}
	f.fail(http.StatusInternalServerError)
	for i := 1; i <= 3; i++ {
		if r := p.Run(ctx, src); r.Err == nil {
			t.Fatalf("run %d did not fail", i)
		}
		if h := health(); h.Healthy != (i < 3) || h.ConsecutiveFailures != i {
			t.Fatalf("after %d failures: %+v", i, h)
		}
	}
	if h := health(); !strings.Contains(i18n.For("en").HealthReason(h.HealthReason), "3 failed runs in a row") || !strings.Contains(h.LastError, "500") {
		t.Errorf("unhealthy source says %+v", h)
	}
	f.fail(http.StatusOK)
	if r := p.Run(ctx, src); r.Err != nil || !health().Healthy || health().ConsecutiveFailures != 0 {
		t.Fatalf("recovery: %+v, %+v", r, health())
	}
	// The page changes and the selectors find nothing: unhealthy, with why.
	f.mu.Lock()
	f.posts = map[string]string{}
	f.mu.Unlock()
	p.Run(ctx, src)
	if h := health(); h.Healthy || !strings.Contains(i18n.For("en").HealthReason(h.HealthReason), "check the selectors") {
		t.Errorf("silently broken source: %+v", h)
	}
}

func TestRunAllGoesOnPastBrokenSources(t *testing.T) {
	ctx := context.Background()
	good, bad := newForum(t), newForum(t)
	good.set("1", "Mieke Bakker, 0612121212")
	bad.fail(http.StatusBadGateway)
	srcs := []config.Source{bad.source("bad"), good.source("good")}
	p, _ := setup(t, srcs...)
	var done []string
	results := p.RunAll(ctx, srcs, 2, func(r Result) { done = append(done, r.Source) })
	if len(results) != 2 || results[0].Err == nil || results[1].Err != nil || results[1].New[model.Critical] != 1 {
		t.Fatalf("results %+v", results)
	}
	if len(done) != 2 {
		t.Errorf("done called for %v", done)
	}
}

func TestCancelledRunIsNoFailure(t *testing.T) {
	f := newForum(t)
	f.set("1", "x")
	src := f.source("forum")
	p, st := setup(t, src)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if r := p.Run(ctx, src); r.Err == nil {
		t.Fatal("no error from a cancelled run")
	}
	ss, _ := st.Sources(context.Background())
	for _, s := range ss {
		if s.Name == "forum" && (s.ConsecutiveFailures != 0 || !s.LastRun.IsZero()) {
			t.Errorf("a cancelled run was recorded: %+v", s)
		}
	}
}

func newServer(t *testing.T, h http.Handler) string {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// A new source whose item selector matches nothing is unhealthy at once,
// says which selector matched nothing where, stays so while the page is
// unchanged, and recovers when the selector is fixed.
func TestSelectorThatMatchesNothing(t *testing.T) {
	ctx := context.Background()
	f := newForum(t)
	f.set("1", "Gezellige ouderavond gehad.")
	src := f.source("forum")
	src.Selectors.Item = "div.message"
	p, st := setup(t, src)
	health := func() store.SourceState {
		ss, _ := st.Sources(ctx)
		for _, s := range ss {
			if s.Name == "forum" {
				return s
			}
		}
		t.Fatal("no source")
		return store.SourceState{}
	}
	if r := p.Run(ctx, src); r.Err != nil || r.Stats.Pages != 1 || r.Stats.Posts != 0 {
		t.Fatalf("run: %+v", r)
	}
	want := `selector item "div.message" matched nothing on ` + f.URL + "/"
	if h := health(); h.Healthy || !strings.Contains(i18n.For("en").HealthReason(h.HealthReason), want) {
		t.Fatalf("health after a run without posts: %+v", h)
	}
	if r := p.Run(ctx, src); r.Stats.NotModified != 1 {
		t.Fatalf("second run: %+v", r)
	}
	if h := health(); h.Healthy {
		t.Fatalf("an unchanged page made the source healthy again: %+v", h)
	}
	// Items found, but the text selector finds nothing in them.
	src.Selectors.Item, src.Selectors.Text = "article.post", ".body"
	p.Run(ctx, src)
	if h := health(); h.Healthy || !strings.Contains(i18n.For("en").HealthReason(h.HealthReason), `selector text ".body" found no text`) {
		t.Fatalf("health with a wrong text selector: %+v", h)
	}
	src.Selectors.Text = ".text"
	if r := p.Run(ctx, src); r.Stats.Posts != 1 {
		t.Fatalf("run with fixed selectors: %+v", r)
	}
	if h := health(); !h.Healthy {
		t.Fatalf("fixed selectors, still unhealthy: %+v", h)
	}
}

// Two processes on one database (the daemon and a rescan by hand) never
// crawl one host at the same time.
func TestHostLockAcrossProcesses(t *testing.T) {
	ctx := context.Background()
	var mu sync.Mutex
	inFlight, maxInFlight := 0, 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		inFlight++
		maxInFlight = max(maxInFlight, inFlight)
		mu.Unlock()
		time.Sleep(20 * time.Millisecond)
		if r.URL.Path != "/robots.txt" {
			fmt.Fprintf(w, `<html><body><article class="post"><a class="link" href="/p/%s">#</a><div class="text">Post %s</div></article>`+
				`<a class="next" href="/page/%d">next</a></body></html>`, r.URL.Path, r.URL.Path, len(r.URL.Path))
		}
		mu.Lock()
		inFlight--
		mu.Unlock()
	}))
	defer srv.Close()
	src := config.Source{Name: "forum", Type: config.SourceHTML, URL: srv.URL + "/", MaxPages: 4,
		Selectors: config.Selectors{Item: "article.post", Text: ".text", Link: "a.link@href", Next: "a.next"}}
	p1, st := setup(t, src)
	// A second "process": its own pipeline and crawler on the same database.
	p2 := &Pipeline{Crawler: p1.Crawler, Detector: p1.Detector, Store: st, Routes: p1.Routes, HealthTo: p1.HealthTo, UnhealthyAfter: 3, Log: p1.Log}
	var wg sync.WaitGroup
	for _, p := range []*Pipeline{p1, p2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if r := p.Run(ctx, src); r.Err != nil {
				t.Errorf("run: %v", r.Err)
			}
		}()
	}
	wg.Wait()
	if maxInFlight != 1 {
		t.Errorf("%d requests to one host at once from two processes", maxInFlight)
	}
	// A lease left by a process that died expires.
	if ok, _ := st.TryLockHost(ctx, "dead.example", "dead", time.Millisecond, nil); !ok {
		t.Fatal("no lease taken")
	}
	time.Sleep(5 * time.Millisecond)
	if ok, _ := st.TryLockHost(ctx, "dead.example", "alive", time.Minute, nil); !ok {
		t.Error("an expired lease was not taken over")
	}
	if ok, _ := st.TryLockHost(ctx, "dead.example", "third", time.Minute, nil); ok {
		t.Error("a held lease was taken")
	}
}

// A lease left by a process of this machine that died (a daemon killed
// with -9) is taken over at once, not after it runs out.
func TestHostLeaseOfDeadProcess(t *testing.T) {
	ctx := context.Background()
	_, st := setup(t)
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	host, _ := os.Hostname()
	dead := fmt.Sprintf("%s:%d:00", host, cmd.Process.Pid)
	alive := fmt.Sprintf("%s:%d:01", host, os.Getpid())
	if !holderGone(dead) || holderGone(alive) || holderGone("elsewhere:1:00") {
		t.Fatal("holderGone is wrong")
	}
	if ok, _ := st.TryLockHost(ctx, "forum.example", dead, time.Hour, nil); !ok {
		t.Fatal("no lease")
	}
	if ok, _ := st.TryLockHost(ctx, "forum.example", alive, time.Hour, holderGone); !ok {
		t.Error("the lease of a dead process was not taken over")
	}
	// A live process's lease stays its own.
	if ok, _ := st.TryLockHost(ctx, "forum.example", fmt.Sprintf("%s:%d:03", host, os.Getpid()), time.Hour, holderGone); ok {
		t.Error("a live lease was taken")
	}
}

// A post without a permalink, edited three times, is one post: one alert,
// and only new findings become hits.
func TestEditedPostWithoutPermalink(t *testing.T) {
	ctx := context.Background()
	text := "Sanne van den Berg van De Zonnebloem, bel haar op 06-12345678."
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.URL.Path == "/robots.txt" {
			return
		}
		fmt.Fprintf(w, `<html><body><div class="post"><span class="by">boze_vader81</span><time datetime="2026-11-20T19:12:03Z">20 nov</time><p>%s</p></div></body></html>`, text)
	}))
	defer srv.Close()
	src := config.Source{Name: "forum", Type: config.SourceHTML, URL: srv.URL + "/t",
		Selectors: config.Selectors{Item: "div.post", Text: "p", Author: "span.by", Time: "time@datetime"}}
	p, st := setup(t, src)
	alerts := 0
	for i, edit := range []string{"", " EDIT: nog steeds niet gebeld.", " EDIT 2: sorry.", " EDIT 3: ze woont op Kerkstraat 12a, Utrecht."} {
		mu.Lock()
		text += edit
		mu.Unlock()
		r := p.Run(ctx, src)
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		alerts += r.Alerts
		if i > 0 && i < 3 && r.NewHits() != 0 {
			t.Errorf("edit %d made %d new hits", i, r.NewHits())
		}
	}
	// The first version and the edit that added her address alert; the
	// edits in between do not.
	if alerts != 2 {
		t.Errorf("%d alerts for one post edited three times, want 2", alerts)
	}
	hits, _ := st.Hits(ctx, store.HitFilter{})
	urls := map[string]bool{}
	for _, h := range hits {
		urls[h.URL] = true
	}
	if len(urls) != 1 {
		t.Errorf("one post stored as %d documents: %v", len(urls), urls)
	}
}

// A critical hit keeps its post as evidence: the post's own element with
// the page's headers and fetch time, not the other posts of the page.
func TestEvidenceOfACriticalHit(t *testing.T) {
	ctx := context.Background()
	f := newForum(t)
	f.set("1", "Sanne van den Berg van De Zonnebloem, bel haar op 06-12345678.")
	f.set("2", "Gezellige ouderavond gehad, groetjes van Henk.")
	src := f.source("forum")
	p, st := setup(t, src)
	dir := t.TempDir()
	p.Evidence, p.EvidenceAt = &evidence.Writer{Dir: dir, Store: st}, model.High
	if r := p.Run(ctx, src); r.Err != nil || r.New[model.Critical] != 1 {
		t.Fatalf("run: %+v", r)
	}
	hits, _ := st.Hits(ctx, store.HitFilter{MinSeverity: model.Critical})
	var docID int64
	st.EvidenceChain(ctx, func(r store.EvidenceRecord) error { docID = r.DocumentID; return nil })
	recs, err := st.DocumentEvidence(ctx, docID)
	if err != nil || len(recs) != 3 || len(hits) != 1 {
		t.Fatalf("evidence records %+v, %v", recs, err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, recs[0].File))
	warc := string(data)
	for _, want := range []string{"WARC-Target-URI: " + f.URL + "/p/1", `<article class="post">`, "06-12345678",
		"WARC-Type: metadata", "fetched-at: ", "http-etag: ", "source: forum"} {
		if !strings.Contains(warc, want) {
			t.Errorf("the evidence lacks %q", want)
		}
	}
	if strings.Contains(warc, "Henk") {
		t.Error("the evidence holds another post of the page")
	}
	if n, err := evidence.Verify(ctx, st, dir); err != nil || n != 3 {
		t.Errorf("verify: %d, %v", n, err)
	}
}

// A post that answers 404 later is recorded as removed; a server error is
// not a removal; a post whose text is gone from its page is removed too.
func TestCheckOnline(t *testing.T) {
	ctx := context.Background()
	f := newForum(t)
	f.set("1", "Sanne van den Berg van De Zonnebloem, bel haar op 06-12345678.")
	src := f.source("forum")
	p, st := setup(t, src)
	if r := p.Run(ctx, src); r.New[model.Critical] != 1 {
		t.Fatalf("run: %+v", r)
	}
	hits, _ := st.Hits(ctx, store.HitFilter{MinSeverity: model.Critical})
	doc := hits[0].DocumentID
	res, _ := p.CheckOnline(ctx, []config.Source{src}, model.High, 0)
	if res.Online != 1 {
		t.Fatalf("first check: %+v", res)
	}
	// Checked today: not again.
	if res, _ := p.CheckOnline(ctx, []config.Source{src}, model.High, 0); res.Checked != 0 {
		t.Errorf("checked twice in a day: %+v", res)
	}
	setChecked := func() { st.ResetOnlineCheck(ctx, doc) } // a day later
	f.fail(http.StatusInternalServerError)
	setChecked()
	if res, _ := p.CheckOnline(ctx, []config.Source{src}, model.High, 0); res.Unknown != 1 || res.Removed != 0 {
		t.Errorf("a 500: %+v", res)
	}
	if o, _ := st.PostOnline(ctx, doc); !o.RemovedAt.IsZero() {
		t.Error("a server error was taken for a removal")
	}
	f.fail(http.StatusNotFound)
	setChecked()
	if res, _ := p.CheckOnline(ctx, []config.Source{src}, model.High, 0); res.Removed != 1 {
		t.Errorf("a 404: %+v", res)
	}
	if o, _ := st.PostOnline(ctx, doc); o.RemovedAt.IsZero() || time.Since(o.RemovedAt) > time.Minute {
		t.Errorf("removal not recorded: %+v", o)
	}
}

// Handle is the one step for every post: a crawled post and the same text
// handed in give the same findings; a hand-in's images, read already, are
// scanned with the OCR-tolerant detector and keep a thumbnail; the hand-in
// names its reporter in the audit log and keeps what was given as evidence.
func TestHandleIsOneStepForEverySource(t *testing.T) {
	ctx := context.Background()
	p, st := setup(t, config.Source{Name: "forum", Type: "html"}, config.Source{Name: model.SourceIntake, Type: "mailbox"})
	dir := t.TempDir()
	p.Evidence, p.EvidenceAt = &evidence.Writer{Dir: dir, Store: st}, model.High
	p.Images = &Images{Store: st, Detector: p.Detector, MaxPixels: 1 << 20, Log: p.Log}
	const text = "Sanne van den Berg van De Zonnebloem, bel haar op 06-12345678."
	crawled, err := p.Handle(ctx, Post{Post: crawler.Post{Source: "forum", URL: "https://forum.example/t/1", Text: text}, SourceType: "html"})
	if err != nil {
		t.Fatal(err)
	}
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 40, 20))); err != nil {
		t.Fatal(err)
	}
	given := []byte("een doorgestuurd bericht")
	handed, err := p.Handle(ctx, Post{Post: crawler.Post{Source: model.SourceIntake, URL: "mail:abc", Text: text}, Reporter: "ouder@example.org",
		Read:    []ReadImage{{Name: "shot.png", Data: img.Bytes(), Text: "Kerkstraat 12a, 1234 AB Utrecht"}},
		Capture: &evidence.Capture{Source: model.SourceIntake, SourceType: "hand-in", PostURL: "mail:abc", HTML: given, Text: text}})
	if err != nil {
		t.Fatal(err)
	}
	if crawled.New[model.Critical] != 1 || handed.New[model.Critical] != 2 || crawled.AlertsQueued != 1 || handed.AlertsQueued != 1 {
		t.Fatalf("crawled %+v, handed in %+v", crawled.Recorded, handed.Recorded)
	}
	hits, _ := st.Hits(ctx, store.HitFilter{Source: model.SourceIntake})
	var fromImage *store.Hit
	for i, h := range hits {
		if h.Reporter != "ouder@example.org" {
			t.Errorf("hit %d without its reporter: %+v", h.ID, h)
		}
		if h.FromImage {
			fromImage = &hits[i]
		}
	}
	if fromImage == nil || fromImage.Kind != model.KindAddress || fromImage.ImageURL != "mail:abc#shot.png" || fromImage.ImageHash == "" {
		t.Fatalf("the image's hit: %+v", fromImage)
	}
	if thumb, err := st.Thumbnail(ctx, fromImage.ImageHash); err != nil || len(thumb) == 0 {
		t.Errorf("no thumbnail of the image: %v", err)
	}
	recs, err := st.DocumentEvidence(ctx, handed.DocumentID)
	if err != nil || len(recs) == 0 {
		t.Fatalf("hand-in evidence %+v, %v", recs, err)
	}
	warc, _ := os.ReadFile(filepath.Join(dir, recs[0].File))
	if !bytes.Contains(warc, given) {
		t.Errorf("the evidence does not keep what was given:\n%s", warc)
	}
}

// TestPanicIsAnErrorOfThePost: a bug that a post provokes in reading it
// fails that post (and so the source's run, where it is seen), and does not
// stop the daemon. A detector that is not there stands in for the bug.
func TestPanicIsAnErrorOfThePost(t *testing.T) {
	ctx := context.Background()
	p, st := setup(t, config.Source{Name: "forum", Type: "html"})
	p.Detector = func() *detect.Detector { return nil }
	_, err := p.Handle(ctx, Post{Post: crawler.Post{Source: "forum", URL: "https://forum.example/t/1", Text: "Sanne van den Berg"}, SourceType: "html"})
	if err == nil || !strings.Contains(err.Error(), "internal error") {
		t.Fatalf("Handle = %v, want an internal error", err)
	}
	if hits, _ := st.Hits(ctx, store.HitFilter{}); len(hits) != 0 {
		t.Errorf("a failed post left hits: %+v", hits)
	}
}
