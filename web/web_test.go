package web

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/crawler"
	"github.com/doxwatch/doxwatch/detect"
	"github.com/doxwatch/doxwatch/evidence"
	"github.com/doxwatch/doxwatch/intake"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/password"
	"github.com/doxwatch/doxwatch/pipeline"
	"github.com/doxwatch/doxwatch/roster"
	"github.com/doxwatch/doxwatch/store"
)

// env is a dashboard on a real SQLite database in a temporary directory,
// served by a real HTTP server, with an administrator and a reviewer.
type env struct {
	t      *testing.T
	srv    *httptest.Server
	web    *Server
	store  *store.Store
	det    *detect.Detector
	roster *roster.Roster
}

const (
	adminPW    = "admin-password-1"
	reviewerPW = "reviewer-password-1"
)

func testConfig() *config.Config {
	cfg := config.Default()
	cfg.Organisation.Name = "Kinderopvang De Zonnebloem"
	cfg.Organisation.Aliases = []string{"De Zonnebloem"}
	cfg.Alerts.Language = "en"
	return &cfg
}

func newEnv(t testing.TB) *env {
	t.Helper()
	ctx := context.Background()
	cfg := testConfig()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "doxwatch.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ros, err := roster.Load(filepath.Join("testdata", "staff.csv"), "NL")
	if err != nil {
		t.Fatal(err)
	}
	det, err := detect.New(ros, detect.OptionsFromConfig(cfg))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.EnsureSources(ctx, []store.SourceInfo{{Name: "ouderforum", Type: config.SourceHTML}}); err != nil {
		t.Fatal(err)
	}
	cfg.Sources = []config.Source{{Name: "ouderforum", Type: config.SourceHTML, URL: "https://forum.example/t/1"}}
	for _, u := range []struct {
		name, pw string
		role     model.Role
	}{{"ada", adminPW, model.RoleAdmin}, {"rik", reviewerPW, model.RoleReviewer}} {
		h, err := password.Hash(u.pw)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.AddUser(ctx, u.name, u.role, h); err != nil {
			t.Fatal(err)
		}
	}
	w, err := New(Deps{Config: cfg, Store: st, Roster: func() *roster.Roster { return ros },
		Intake: &intake.Checker{Detector: func() *detect.Detector { return det }, Pipeline: &pipeline.Pipeline{Detector: func() *detect.Detector { return det },
			Store: st, Routes: []model.Route{{Channel: model.ChannelEmail, MinSeverity: model.High}}, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}},
		Fetch: func(context.Context, string, int64) ([]byte, string, error) {
			return nil, "", fmt.Errorf("fetching is off in this test")
		},
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(w.Handler())
	t.Cleanup(srv.Close)
	e := &env{srv: srv, web: w, store: st, det: det, roster: ros}
	if tt, ok := t.(*testing.T); ok {
		e.t = tt
	}
	return e
}

// post records a crawled post with what the detector finds in text.
func (e *env) post(tb testing.TB, source, url, text string) []int64 {
	tb.Helper()
	var hits []store.NewHit
	for _, f := range e.det.Scan(text) {
		hits = append(hits, store.NewHit{Finding: f})
	}
	rec, err := e.store.RecordPost(context.Background(), store.Post{Source: source, URL: url, ContentHash: url + text, Hits: hits})
	if err != nil {
		tb.Fatal(err)
	}
	return rec.NewHitIDs
}

// client is a browser: a cookie jar, no automatic redirects, and the
// headers a same-origin form post carries.
type client struct {
	e   *env
	hc  *http.Client
	t   testing.TB
	who string
}

func (e *env) client(tb testing.TB) *client {
	jar, _ := cookiejar.New(nil)
	return &client{e: e, t: tb, hc: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

func (c *client) do(method, path string, body io.Reader, ctype string, hdr map[string]string) (*http.Response, string) {
	c.t.Helper()
	req, err := http.NewRequest(method, c.e.srv.URL+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if method == http.MethodPost {
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.Header.Set("Origin", c.e.srv.URL)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func (c *client) get(path string) (*http.Response, string) {
	return c.do(http.MethodGet, path, nil, "", nil)
}

func (c *client) post(path string, form url.Values) (*http.Response, string) {
	return c.do(http.MethodPost, path, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded", nil)
}

func (c *client) login(name, pw string) *client {
	c.t.Helper()
	resp, body := c.post("/login", url.Values{"name": {name}, "password": {pw}})
	if resp.StatusCode != http.StatusSeeOther {
		c.t.Fatalf("login %s: %d %s", name, resp.StatusCode, body)
	}
	c.who = name
	return c
}

// pages are every page a signed-in user can open.
var pages = []string{"/", "/hits", "/hits/1", "/employees", "/sources", "/intake", "/account"}

func TestAnonymousGoesToLogin(t *testing.T) {
	e := newEnv(t)
	e.post(t, "ouderforum", "https://forum.example/t/1#p1", "Sanne van den Berg belt 06-12345678")
	c := e.client(t)
	for _, p := range append(pages, "/users", "/hits/1/image") {
		resp, body := c.get(p)
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
			t.Errorf("GET %s anonymously: %d to %q", p, resp.StatusCode, resp.Header.Get("Location"))
		}
		if strings.Contains(body, "Sanne") {
			t.Errorf("GET %s anonymously shows an employee", p)
		}
	}
	for _, p := range []string{"/hits/1/status", "/users", "/users/1", "/intake", "/intake/record", "/sources/ouderforum/rescan", "/account"} {
		if resp, _ := c.post(p, url.Values{"status": {"resolved"}}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("POST %s anonymously: %d", p, resp.StatusCode)
		}
	}
	if h, _ := e.store.Hit(context.Background(), 1); h.Status != model.StatusNew {
		t.Errorf("an anonymous post changed the hit: %s", h.Status)
	}
	resp, body := c.get("/login")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `name="password"`) {
		t.Errorf("login page: %d", resp.StatusCode)
	}
}

func TestStrictHeaders(t *testing.T) {
	e := newEnv(t)
	e.post(t, "ouderforum", "https://forum.example/t/1#p1", "Sanne van den Berg belt 06-12345678")
	c := e.client(t).login("rik", reviewerPW)
	for _, p := range append(pages, "/login") {
		resp, _ := c.get(p)
		h := resp.Header
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "default-src 'none'") ||
			strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "script-src") {
			t.Errorf("%s: CSP %q", p, csp)
		}
		if h.Get("Referrer-Policy") != "no-referrer" || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: referrer %q, nosniff %q", p, h.Get("Referrer-Policy"), h.Get("X-Content-Type-Options"))
		}
		if !strings.Contains(strings.Join(h.Values("Cache-Control"), ","), "no-store") {
			t.Errorf("%s: Cache-Control %q", p, h.Values("Cache-Control"))
		}
	}
	// The session cookie is HttpOnly and SameSite=Lax.
	resp, _ := e.client(t).post("/login", url.Values{"name": {"rik"}, "password": {reviewerPW}})
	ck := resp.Header.Get("Set-Cookie")
	if !strings.Contains(ck, "HttpOnly") || !strings.Contains(ck, "SameSite=Lax") {
		t.Errorf("session cookie %q", ck)
	}
	// No inline script anywhere (the CSP would block it; none is needed).
	_, body := c.get("/hits/1")
	if strings.Contains(body, "<script") || strings.Contains(body, " on") && regexp.MustCompile(`\son[a-z]+=`).MatchString(body) {
		t.Error("a page carries script")
	}
	if !strings.Contains(body, `rel="noopener noreferrer"`) {
		t.Error("the post's link does not carry rel=noopener noreferrer")
	}
}

func TestSecureCookieBehindHTTPS(t *testing.T) {
	e := newEnv(t)
	cfg := *e.web.Config
	cfg.Web.PublicURL = "https://doxwatch.example.nl"
	w, err := New(Deps{Config: &cfg, Store: e.store, Roster: e.web.Roster, Log: e.web.Log})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(url.Values{"name": {"rik"}, "password": {reviewerPW}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w.Handler().ServeHTTP(rec, req)
	if ck := rec.Header().Get("Set-Cookie"); !strings.Contains(ck, "Secure") {
		t.Errorf("cookie without Secure behind https: %q", ck)
	}
}

func TestReviewerCannotManageUsers(t *testing.T) {
	e := newEnv(t)
	rik := e.client(t).login("rik", reviewerPW)
	if resp, _ := rik.get("/users"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("reviewer GET /users: %d", resp.StatusCode)
	}
	if resp, _ := rik.post("/users", url.Values{"name": {"mallory"}, "role": {"admin"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("reviewer POST /users: %d", resp.StatusCode)
	}
	if resp, _ := rik.post("/users/2", url.Values{"action": {"role"}, "role": {"admin"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("reviewer promoting themself: %d", resp.StatusCode)
	}
	if _, err := e.store.UserByName(context.Background(), "mallory"); err == nil {
		t.Error("a reviewer added a user")
	}
	if u, _ := e.store.UserByName(context.Background(), "rik"); u.Role != model.RoleReviewer {
		t.Error("a reviewer changed their role")
	}
	_, body := rik.get("/")
	if strings.Contains(body, `href="/users"`) {
		t.Error("the reviewer's menu links to user management")
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	e := newEnv(t)
	ids := e.post(t, "ouderforum", "https://forum.example/t/1#p1", "Sanne van den Berg belt 06-12345678")
	c := e.client(t).login("ada", adminPW)
	form := url.Values{"status": {"resolved"}, "note": {"forged"}}
	for _, hdr := range []map[string]string{
		{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
		{"Sec-Fetch-Site": "", "Origin": "https://evil.example"},
	} {
		resp, _ := c.do(http.MethodPost, fmt.Sprintf("/hits/%d/status", ids[0]), strings.NewReader(form.Encode()),
			"application/x-www-form-urlencoded", hdr)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("cross-origin POST with %v: %d", hdr, resp.StatusCode)
		}
	}
	if h, _ := e.store.Hit(context.Background(), ids[0]); h.Status != model.StatusNew {
		t.Errorf("a cross-origin POST changed the status to %s", h.Status)
	}
}

func TestLoginThrottlingAndLockout(t *testing.T) {
	e := newEnv(t)
	e.web.SetLoginPolicy(store.LoginPolicy{Slow: 100, Lock: 3, Window: time.Hour, LockFor: time.Hour})
	c := e.client(t)
	// The test server is on loopback, as a reverse proxy would be, so the
	// forwarded address is the client's.
	from := func(addr, name, pw string) (*http.Response, string) {
		return c.do(http.MethodPost, "/login", strings.NewReader(url.Values{"name": {name}, "password": {pw}}.Encode()),
			"application/x-www-form-urlencoded", map[string]string{"X-Forwarded-For": addr})
	}
	_, unknown := from("10.0.0.1", "nobody", "whatever-123")
	_, wrong := from("10.0.0.2", "ada", "wrong-password")
	msg := regexp.MustCompile(`<p class="error"[^>]*>([^<]*)</p>`)
	if a, b := msg.FindStringSubmatch(unknown), msg.FindStringSubmatch(wrong); a == nil || b == nil || a[1] != b[1] {
		t.Errorf("unknown user and wrong password answer differently: %v / %v", a, b)
	}
	from("10.0.0.3", "ada", "wrong-password")
	from("10.0.0.4", "ada", "wrong-password")
	// The account is locked: the right password is refused, from anywhere.
	resp, body := from("10.0.0.9", "ada", adminPW)
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "Too many failed attempts") {
		t.Errorf("locked account logged in: %d", resp.StatusCode)
	}
	// That address is not locked: another account logs in from it.
	if resp, _ := from("10.0.0.9", "rik", reviewerPW); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("an innocent address was locked: %d", resp.StatusCode)
	}
	// An address guessing at several accounts is locked for all of them.
	for _, name := range []string{"a1", "a2", "a3"} {
		from("10.0.0.5", name, "guess-guess-1")
	}
	if resp, _ := from("10.0.0.5", "rik", reviewerPW); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("a locked address logged in: %d", resp.StatusCode)
	}
	// A stored lock says so.
	if st, _ := e.store.LoginThrottle(context.Background(), store.LoginPolicy{Window: time.Hour}, [2]string{"user", "ada"}); st.LockedUntil.IsZero() {
		t.Error("no lock recorded")
	}
}

func TestSlowDownBeforeLock(t *testing.T) {
	e := newEnv(t)
	e.web.SetLoginPolicy(store.LoginPolicy{Slow: 1, Lock: 100, Window: time.Hour, LockFor: time.Hour})
	c := e.client(t)
	c.post("/login", url.Values{"name": {"ada"}, "password": {"wrong-password"}})
	start := time.Now()
	c.post("/login", url.Values{"name": {"ada"}, "password": {"wrong-password"}})
	if d := time.Since(start); d < 400*time.Millisecond {
		t.Errorf("a repeated failure was answered in %v, not slowed", d)
	}
}

// roster contact details that the posts below do not show.
var notShown = []string{"sanne.vdberg82", "Kerkstraat", "1234 AB", "030-1234567", "23456789", "Lindelaan", "joelle.dijkstra", "Oudegracht", "0612121212"}

func TestNoRosterDataBeyondThePost(t *testing.T) {
	e := newEnv(t)
	e.post(t, "ouderforum", "https://forum.example/t/1#p1", "Die Sanne van den Berg van De Zonnebloem, bel haar op 06-12345678!")
	e.post(t, "ouderforum", "https://forum.example/t/1#p2", "Mieke Bakker van De Zonnebloem deed weer raar.")
	c := e.client(t).login("ada", adminPW)
	for _, p := range append(pages, "/users", "/hits?employee=E001", "/hits/2") {
		resp, body := c.get(p)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d", p, resp.StatusCode)
		}
		for _, s := range notShown {
			if strings.Contains(body, s) {
				t.Errorf("GET %s shows roster data %q that the post did not", p, s)
			}
		}
	}
	_, body := c.get("/hits/1")
	if !strings.Contains(body, "<mark>06-12345678</mark>") && !strings.Contains(body, "<mark>Sanne van den Berg</mark>") {
		t.Error("the hit page does not mark the match")
	}
}

func TestTriageWithAuditLog(t *testing.T) {
	e := newEnv(t)
	ids := e.post(t, "ouderforum", "https://forum.example/t/1#p1", "Sanne van den Berg belt 06-12345678")
	c := e.client(t).login("ada", adminPW)
	path := fmt.Sprintf("/hits/%d", ids[0])
	c.get(path)
	resp, _ := c.post(path+"/status", url.Values{"status": {"confirmed"}, "note": {"Ouders gebeld, bericht gemeld"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("status post: %d", resp.StatusCode)
	}
	h, _ := e.store.Hit(context.Background(), ids[0])
	if h.Status != model.StatusConfirmed {
		t.Errorf("status %s", h.Status)
	}
	audit, _ := e.store.Audit(context.Background(), ids[0])
	var views, changes int
	for _, a := range audit {
		if a.Actor != "ada" {
			t.Errorf("audit entry by %q", a.Actor)
		}
		switch a.Action {
		case model.AuditView:
			views++
		case model.AuditStatus:
			changes++
			if a.Note != "Ouders gebeld, bericht gemeld" || a.NewStatus != model.StatusConfirmed {
				t.Errorf("audit %+v", a)
			}
		}
	}
	if views != 1 || changes != 1 {
		t.Errorf("%d views and %d changes in the audit log", views, changes)
	}
	_, body := c.get(path)
	if !strings.Contains(body, "Ouders gebeld, bericht gemeld") || !strings.Contains(body, "Status saved.") {
		t.Error("the hit page does not show the note or the saved message")
	}
	if resp, _ := c.post(path+"/status", url.Values{"status": {"bogus"}}); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a bogus status: %d", resp.StatusCode)
	}
	if resp, _ := c.get("/hits/999"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("missing hit: %d", resp.StatusCode)
	}
	// An address the dashboard does not have is its own page too, not
	// the server's bare text; and asks for a login first.
	if resp, page := c.get("/no/such/page"); resp.StatusCode != http.StatusNotFound || !strings.Contains(page, "This page does not exist (any more).") {
		t.Errorf("an unknown address: %d\n%s", resp.StatusCode, page)
	}
	if resp, _ := e.client(t).get("/no/such/page"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("an unknown address without a login: %d", resp.StatusCode)
	}
}

func TestHitsFilterAndPages(t *testing.T) {
	e := newEnv(t)
	for i := range 60 {
		e.post(t, "ouderforum", fmt.Sprintf("https://forum.example/t/1#p%d", i), "Mieke Bakker van De Zonnebloem deed weer raar.")
	}
	e.post(t, "ouderforum", "https://forum.example/t/2#p1", "Sanne van den Berg belt 06-12345678")
	c := e.client(t).login("rik", reviewerPW)
	_, body := c.get("/hits")
	if n := strings.Count(body, `<li class="card sev-`); n != hitsPerPage {
		t.Errorf("first page shows %d hits", n)
	}
	if !strings.Contains(body, `rel="next"`) || strings.Contains(body, `rel="prev"`) {
		t.Error("first page links")
	}
	_, body = c.get("/hits?page=2")
	if !strings.Contains(body, `rel="prev"`) {
		t.Error("second page has no link back")
	}
	list := regexp.MustCompile(`(?s)<ul class="cards hitlist">.*?</ul>`)
	_, body = c.get("/hits?severity=critical")
	if l := list.FindString(body); strings.Contains(l, "Mieke") || !strings.Contains(l, "Sanne") {
		t.Error("the severity filter does not filter")
	}
	_, body = c.get("/hits?employee=E004&status=new")
	if l := list.FindString(body); strings.Contains(l, "Sanne") || !strings.Contains(l, "Mieke") {
		t.Error("the employee filter does not filter")
	}
	if resp, _ := c.get("/hits?severity=urgent"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a bad filter: %d", resp.StatusCode)
	}
	_, body = c.get("/hits?since=2000-01-01&until=2000-01-02")
	if strings.Contains(body, `<li class="card sev-`) {
		t.Error("the period filter does not filter")
	}
}

func TestEmployeesAndOverview(t *testing.T) {
	e := newEnv(t)
	e.post(t, "ouderforum", "https://forum.example/t/1#p1", "Sanne van den Berg belt 06-12345678")
	if err := e.store.RecordRun(context.Background(), "ouderforum", store.Run{Err: "robots.txt forbids", Channels: []string{model.ChannelEmail}}, 1); err != nil {
		t.Fatal(err)
	}
	c := e.client(t).login("rik", reviewerPW)
	_, body := c.get("/employees")
	if !strings.Contains(body, "Sanne van den Berg (Utrecht)") || !strings.Contains(body, "/hits?employee=E001") {
		t.Error("the employees page does not show the employee with a link to her hits")
	}
	_, body = c.get("/")
	if !strings.Contains(body, "Needs action now") || !strings.Contains(body, "Sanne van den Berg") {
		t.Error("the overview does not show the critical hit")
	}
	if !strings.Contains(body, "robots.txt forbids") {
		t.Error("the overview does not show why a source is unhealthy")
	}
}

func TestLanguageChoice(t *testing.T) {
	e := newEnv(t)
	c := e.client(t).login("rik", reviewerPW)
	if _, body := c.get("/"); !strings.Contains(body, `lang="en"`) {
		t.Error("the configured language is not the default")
	}
	c.post("/account", url.Values{"action": {"language"}, "language": {"nl"}})
	if _, body := c.get("/"); !strings.Contains(body, `lang="nl"`) || !strings.Contains(body, "Overzicht") {
		t.Error("the user's language is not used")
	}
}

func multipartBody(t testing.TB, field, name string, data []byte) (io.Reader, string) {
	var b strings.Builder
	mw := multipart.NewWriter(&b)
	if name != "" {
		fw, err := mw.CreateFormFile(field, name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(data)
	} else {
		mw.WriteField(field, string(data))
	}
	mw.Close()
	return strings.NewReader(b.String()), mw.FormDataContentType()
}

func TestIntakeCheckThenRecord(t *testing.T) {
	e := newEnv(t)
	c := e.client(t).login("rik", reviewerPW)
	body, ctype := multipartBody(t, "text", "", []byte("Uit de ouderapp: Sanne van den Berg, 06-12345678, pas maar op"))
	resp, page := c.do(http.MethodPost, "/intake", body, ctype, nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, "Sanne van den Berg (Utrecht)") {
		t.Fatalf("intake check: %d", resp.StatusCode)
	}
	if hits, _ := e.store.Hits(context.Background(), store.HitFilter{}); len(hits) != 0 {
		t.Fatal("checking stored hits before recording")
	}
	token := regexp.MustCompile(`name="token" value="([0-9a-f]+)"`).FindStringSubmatch(page)
	if token == nil {
		t.Fatal("no record form")
	}
	// Pasted text has no file name: the page says what it is.
	if !strings.Contains(page, "Found: pasted text</h2>") {
		t.Error("the intake page does not call pasted text so")
	}
	// Another user cannot record someone else's hand-in.
	other := e.client(t).login("ada", adminPW)
	other.post("/intake/record", url.Values{"token": {token[1]}})
	if hits, _ := e.store.Hits(context.Background(), store.HitFilter{}); len(hits) != 0 {
		t.Fatal("another user recorded the hand-in")
	}
	resp, _ = c.post("/intake/record", url.Values{"token": {token[1]}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("record: %d", resp.StatusCode)
	}
	hits, _ := e.store.Hits(context.Background(), store.HitFilter{Source: model.SourceManual})
	if len(hits) == 0 {
		t.Fatal("nothing recorded")
	}
	audit, _ := e.store.Audit(context.Background(), hits[0].ID)
	if len(audit) != 1 || audit[0].Action != model.AuditRecord || audit[0].Actor != "rik" {
		t.Errorf("audit of a hand-in: %+v", audit)
	}
	if _, p := c.get(fmt.Sprintf("/hits/%d", hits[0].ID)); !strings.Contains(p, "Handed in: pasted text") {
		t.Error("a handed-in hit does not say it was handed in")
	}
	// A token is used once.
	c.post("/intake/record", url.Values{"token": {token[1]}})
	if again, _ := e.store.Hits(context.Background(), store.HitFilter{}); len(again) != len(hits) {
		t.Error("a token recorded twice")
	}
}

func TestIntakeURL(t *testing.T) {
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><body><article>Mieke Bakker van De Zonnebloem woont hier vlakbij</article></body></html>`)
	}))
	defer page.Close()
	e := newEnv(t)
	cfg := config.Default()
	cfg.Crawl.AllowPrivateNetworks = true // the page is on loopback
	e.web.Fetch = crawler.New(cfg.Crawl, nil, e.web.Log).Fetch
	c := e.client(t).login("rik", reviewerPW)
	body, ctype := multipartBody(t, "url", "", []byte(page.URL+"/post/7"))
	_, got := c.do(http.MethodPost, "/intake", body, ctype, nil)
	if !strings.Contains(got, "Mieke Bakker") || !strings.Contains(got, page.URL+"/post/7") {
		t.Errorf("a URL handed in was not read:\n%s", got)
	}
	// With the default limits the SSRF guard refuses the loopback page.
	e.web.Fetch = crawler.New(config.Default().Crawl, nil, e.web.Log).Fetch
	body, ctype = multipartBody(t, "url", "", []byte(page.URL+"/post/7"))
	if _, got = c.do(http.MethodPost, "/intake", body, ctype, nil); strings.Contains(got, "Mieke Bakker") {
		t.Error("a URL on loopback was fetched")
	}
	// The page says why in words, not with the fetch's error (English,
	// the link again, addresses of the network).
	if !strings.Contains(got, "Could not be read: doxwatch does not read addresses on its own network") || strings.Contains(got, "refusing") {
		t.Errorf("the refusal's words:\n%s", got)
	}
	body, ctype = multipartBody(t, "url", "", []byte("file:///etc/passwd"))
	if _, got = c.do(http.MethodPost, "/intake", body, ctype, nil); !strings.Contains(got, "Could not be read") {
		t.Error("a file: URL was not refused")
	}
}

func TestIntakeLimits(t *testing.T) {
	e := newEnv(t)
	e.web.Config.Web.MaxUploadBytes = 4 << 10
	c := e.client(t).login("rik", reviewerPW)
	body, ctype := multipartBody(t, "file", "big.txt", []byte(strings.Repeat("Sanne van den Berg ", 2000)))
	if resp, _ := c.do(http.MethodPost, "/intake", body, ctype, nil); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("an upload over the limit: %d", resp.StatusCode)
	}
	body, ctype = multipartBody(t, "file", "screenshot.png", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"))
	if _, page := c.do(http.MethodPost, "/intake", body, ctype, nil); !strings.Contains(page, "This kind of file is not read") {
		t.Error("a PDF named .png was not refused by its content")
	}
	body, ctype = multipartBody(t, "file", "page.html", []byte("<html><body><p>Mieke Bakker van De Zonnebloem</p></body></html>"))
	if _, page := c.do(http.MethodPost, "/intake", body, ctype, nil); !strings.Contains(page, "Mieke Bakker") {
		t.Error("an HTML upload was not read")
	}
}

func TestSessionsEndWhenDisabledOrPasswordChanges(t *testing.T) {
	e := newEnv(t)
	rik := e.client(t).login("rik", reviewerPW)
	ada := e.client(t).login("ada", adminPW)
	u, _ := e.store.UserByName(context.Background(), "rik")
	ada.post(fmt.Sprintf("/users/%d", u.ID), url.Values{"action": {"disable"}})
	if resp, _ := rik.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a disabled user's session goes on: %d", resp.StatusCode)
	}
	if resp, _ := e.client(t).post("/login", url.Values{"name": {"rik"}, "password": {reviewerPW}}); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("a disabled user logged in: %d", resp.StatusCode)
	}
	ada.post(fmt.Sprintf("/users/%d", u.ID), url.Values{"action": {"enable"}})
	rik = e.client(t).login("rik", reviewerPW)
	rik2 := e.client(t).login("rik", reviewerPW)
	rik.post("/account", url.Values{"action": {"password"}, "current": {reviewerPW}, "new": {"a-new-password-2"}})
	if resp, _ := rik.get("/"); resp.StatusCode != http.StatusOK {
		t.Errorf("the session that changed the password ended: %d", resp.StatusCode)
	}
	if resp, _ := rik2.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("another session survived a password change: %d", resp.StatusCode)
	}
	// The last administrator stays one.
	me, _ := e.store.UserByName(context.Background(), "ada")
	ada.post(fmt.Sprintf("/users/%d", me.ID), url.Values{"action": {"disable"}})
	if me, _ = e.store.UserByName(context.Background(), "ada"); me.Disabled {
		t.Error("the last administrator disabled themself")
	}
}

func TestUserManagement(t *testing.T) {
	e := newEnv(t)
	ada := e.client(t).login("ada", adminPW)
	ada.post("/users", url.Values{"name": {"noor"}, "role": {"reviewer"}})
	_, page := ada.get("/users")
	m := regexp.MustCompile(`New password for noor \(shown only once\): ([A-Za-z0-9]+)`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no generated password shown")
	}
	e.client(t).login("noor", m[1])
	if _, page = ada.get("/users"); strings.Contains(page, m[1]) {
		t.Error("the generated password is shown twice")
	}
	if resp, _ := ada.post("/users", url.Values{"name": {"x"}, "role": {"reviewer"}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("bad name: %d", resp.StatusCode)
	}
	if _, err := e.store.UserByName(context.Background(), "x"); err == nil {
		t.Error("a one-letter name was accepted")
	}
}

func TestMessagesComplete(t *testing.T) {
	for key := range messages["nl"] {
		if _, ok := messages["en"][key]; !ok {
			t.Errorf("en lacks %q", key)
		}
	}
	for key := range messages["en"] {
		if _, ok := messages["nl"][key]; !ok {
			t.Errorf("nl lacks %q", key)
		}
	}
	// Every key a template or the package's code asks for exists (a
	// missing one shows as itself: the sources page once said
	// "mailbox_every").
	used := regexp.MustCompile(`\.L\.S "([a-z_0-9]+)"|\.S\("([a-z_0-9]+)"\)`)
	check := func(name string, data []byte) {
		for _, m := range used.FindAllStringSubmatch(string(data), -1) {
			key := m[1] + m[2]
			if _, ok := messages["en"][key]; !ok {
				t.Errorf("%s uses %q, which has no text", name, key)
			}
		}
	}
	entries, _ := templateFS.ReadDir("templates")
	for _, en := range entries {
		data, _ := templateFS.ReadFile("templates/" + en.Name())
		check(en.Name(), data)
	}
	code, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range code {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		check(name, data)
	}
}

// The hit page offers the case file of a post kept as evidence, records
// who took it, and puts the hit on legal hold with a reason.
func TestEvidenceDownloadAndHold(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	ids := e.post(t, "ouderforum", "https://forum.example/t/1#p1", "Sanne van den Berg belt 06-12345678")
	h, _ := e.store.Hit(ctx, ids[0])
	e.web.Config.Evidence.Dir = t.TempDir()
	w := &evidence.Writer{Dir: e.web.Config.Evidence.Dir, Store: e.store}
	if _, err := w.Preserve(ctx, h.DocumentID, evidence.Capture{Source: "ouderforum", PostURL: h.URL, FetchedAt: time.Now(),
		HTML: []byte("<p>Sanne van den Berg belt 06-12345678</p>"), Text: "Sanne van den Berg belt 06-12345678"}); err != nil {
		t.Fatal(err)
	}
	anon := e.client(t)
	if resp, _ := anon.post(fmt.Sprintf("/hits/%d/export", h.ID), nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("anonymous export: %d", resp.StatusCode)
	}
	c := e.client(t).login("rik", reviewerPW)
	_, page := c.get(fmt.Sprintf("/hits/%d", h.ID))
	if !strings.Contains(page, fmt.Sprintf(`action="/hits/%d/export"`, h.ID)) {
		t.Fatal("no download on the hit page")
	}
	// Not by a link another site could make the browser follow.
	if resp, _ := c.get(fmt.Sprintf("/hits/%d/export", h.ID)); resp.StatusCode == http.StatusOK {
		t.Error("an export by GET")
	}
	resp, body := c.post(fmt.Sprintf("/hits/%d/export", h.ID), nil)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/zip" {
		t.Fatalf("export: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	zr, err := zip.NewReader(strings.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	if got := strings.Join(names, " "); !strings.Contains(got, "report.pdf") || !strings.Contains(got, "SHA256SUMS") || !strings.Contains(got, ".warc") {
		t.Errorf("case file holds %s", got)
	}
	// Hold needs a reason; with one it is kept and logged.
	c.post(fmt.Sprintf("/hits/%d/hold", h.ID), url.Values{"hold": {"1"}})
	if h, _ := e.store.Hit(ctx, h.ID); h.Held {
		t.Error("held without a reason")
	}
	c.post(fmt.Sprintf("/hits/%d/hold", h.ID), url.Values{"hold": {"1"}, "note": {"aangifte 2026-77"}})
	if h, _ := e.store.Hit(ctx, h.ID); !h.Held {
		t.Error("not held")
	}
	audit, _ := e.store.Audit(ctx, h.ID)
	var actions []string
	for _, a := range audit {
		actions = append(actions, string(a.Action)+":"+a.Actor)
	}
	if got := strings.Join(actions, " "); !strings.Contains(got, "export:rik") || !strings.Contains(got, "hold:rik") {
		t.Errorf("audit %s", got)
	}
}
