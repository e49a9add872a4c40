// Package e2e runs the built doxwatch binary as a daemon against a local
// web site and a real SMTP server, as an operator would run it.
package e2e

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/doxwatch/doxwatch/syncbuf"
)

// binary builds doxwatch once for the test.
func binary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "doxwatch")
	cmd := exec.Command("go", "build", "-o", bin, "../cmd/doxwatch")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// site serves a forum, a feed and a Telegram-style channel; the forum can
// gain a post, and the slow page holds a crawl in flight.
type site struct {
	*httptest.Server
	mu    sync.Mutex
	extra string
}

func newSite(t *testing.T) *site {
	s := &site{}
	mux := http.NewServeMux()
	mux.HandleFunc("/forum", func(w http.ResponseWriter, _ *http.Request) {
		s.mu.Lock()
		extra := s.extra
		s.mu.Unlock()
		fmt.Fprintf(w, `<html><body><div class="post"><a class="p" href="/forum/1">#</a><p>Sanne van den Berg van De Zonnebloem, bel haar: 06-12345678</p></div>%s</body></html>`, extra)
	})
	mux.HandleFunc("/feed.rss", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Buurt</title><item><title>Opvang</title><link>http://buurt.invalid/1</link><description>Piet de Wit van De Zonnebloem was er ook.</description></item></channel></rss>`)
	})
	mux.HandleFunc("/s/ouders_e2e", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, `<div class="tgme_widget_message" data-post="ouders_e2e/1"><div class="tgme_widget_message_text">Gezellige ouderavond.</div><a class="tgme_widget_message_date" href="/ouders_e2e/1"><time datetime="2026-11-22T10:00:00Z">10:00</time></a></div>`)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(20 * time.Second):
		}
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func (s *site) addPost(html string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.extra += html
}

// mailbox is a real SMTP server on loopback.
type mailbox struct {
	mu   sync.Mutex
	msgs []string
	addr string
}

func newMailbox(t *testing.T) *mailbox {
	m := &mailbox{}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	m.addr = ln.Addr().String()
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &sess{m: m}, nil }))
	srv.Domain = "localhost"
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return m
}

func (m *mailbox) all() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.msgs...)
}

func (m *mailbox) count(substr string) int {
	n := 0
	for _, msg := range m.all() {
		if strings.Contains(msg, substr) {
			n++
		}
	}
	return n
}

type sess struct{ m *mailbox }

func (s *sess) Mail(string, *smtp.MailOptions) error { return nil }
func (s *sess) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s *sess) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	s.m.mu.Lock()
	s.m.msgs = append(s.m.msgs, string(b))
	s.m.mu.Unlock()
	return err
}
func (s *sess) Reset()        {}
func (s *sess) Logout() error { return nil }

func freePort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func writeConfig(t *testing.T, dir, siteURL, smtpAddr, listen string, withSlow bool) string {
	return writeConfigWeb(t, dir, siteURL, smtpAddr, listen, freePort(t), withSlow)
}

// writeConfigWeb writes the configuration with the dashboard on webListen.
func writeConfigWeb(t *testing.T, dir, siteURL, smtpAddr, listen, webListen string, withSlow bool) string {
	host, port, _ := net.SplitHostPort(smtpAddr)
	staff, _ := filepath.Abs(filepath.Join("testdata", "staff.csv"))
	slow := ""
	if withSlow {
		slow = fmt.Sprintf("  - {name: traag, type: feed, url: %q, schedule: \"@every 1s\"}\n", siteURL+"/slow")
	}
	cfg := fmt.Sprintf(`organisation:
  name: Kinderopvang De Zonnebloem
  aliases: ["De Zonnebloem"]
roster: %s
database: %s
listen: %s
sources:
  - {name: forum, type: html, url: %q, schedule: "@every 2s", selectors: {item: div.post, text: p, link: "a.p@href"}}
  - {name: buurt, type: feed, url: %q, schedule: "@every 2s"}
  - {name: kanaal, type: telegram, channel: ouders_e2e, base_url: %q, schedule: "@every 2s"}
%scrawl:
  delay: 10ms
  timeout: 30s
  allow_private_networks: true
alerts:
  to: [veiligheid@zonnebloem-kdv.example]
  from: doxwatch@zonnebloem-kdv.example
  transport: smtp
  language: en
  smtp: {host: %s, port: %s, tls: none}
web:
  listen: %s
`, staff, filepath.Join(dir, "dw.db"), listen, siteURL+"/forum", siteURL+"/feed.rss", siteURL, slow, host, port, webListen)
	path := filepath.Join(dir, "doxwatch.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// daemon is a running `doxwatch run`.
type daemon struct {
	cmd  *exec.Cmd
	logs *syncbuf.Buffer
	done chan error
}

func start(t *testing.T, bin, cfg string) *daemon {
	d := &daemon{cmd: exec.Command(bin, "run", "--config", cfg, "--log-format", "json"), logs: &syncbuf.Buffer{}, done: make(chan error, 1)}
	d.cmd.Stderr = d.logs
	if err := d.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { d.done <- d.cmd.Wait() }()
	t.Cleanup(func() {
		if d.cmd.ProcessState == nil {
			d.cmd.Process.Kill()
		}
	})
	return d
}

// stop sends SIGTERM and returns how long the daemon took to exit.
func (d *daemon) stop(t *testing.T) time.Duration {
	t.Helper()
	begin := time.Now()
	if err := d.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-d.done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v\n%s", err, d.logs.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("no exit 15 s after SIGTERM\n%s", d.logs.String())
	}
	return time.Since(begin)
}

func waitFor(t *testing.T, what string, timeout time.Duration, cond func() bool, logs *syncbuf.Buffer) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s\n%s", what, logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestDaemonEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := binary(t)
	dir := t.TempDir()
	web, mail := newSite(t), newMailbox(t)
	listen := freePort(t)
	cfg := writeConfig(t, dir, web.URL, mail.addr, listen, false)

	d := start(t, bin, cfg)
	// The first crawl sends a critical alert.
	waitFor(t, "the critical alert", 20*time.Second, func() bool { return mail.count("Critical: personal data of") == 1 }, d.logs)
	alert := mail.all()[0]
	if !strings.Contains(alert, "Sanne van den Berg") || !strings.Contains(alert, "06-12345678") || !strings.Contains(alert, web.URL+"/forum/1") {
		t.Errorf("alert e-mail:\n%s", alert)
	}
	// Health and metrics answer.
	resp, err := http.Get("http://" + listen + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`doxwatch_hits_total{severity="critical"} 1`, `doxwatch_posts_fetched_total{source="forum"}`, "doxwatch_outbox_pending 0"} {
		if !strings.Contains(string(metrics), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if out, err := exec.Command(bin, "healthcheck", "--config", cfg).CombinedOutput(); err != nil || strings.TrimSpace(string(out)) != "ok" {
		t.Errorf("healthcheck: %v %s", err, out)
	}
	// Later crawls send nothing new.
	crawled := func(n int) func() bool {
		return func() bool { return strings.Count(d.logs.String(), `"source":"forum"`) >= n }
	}
	waitFor(t, "two more crawls", 20*time.Second, crawled(3), d.logs)
	if n := len(mail.all()); n != 1 {
		t.Fatalf("%d e-mails after unchanged crawls", n)
	}
	// The digest, sent by hand while the daemon runs, lists the hits.
	out, err := exec.Command(bin, "digest", "--send", "--config", cfg).CombinedOutput()
	if err != nil {
		t.Fatalf("digest --send: %v\n%s", err, out)
	}
	if mail.count("doxwatch weekly digest") != 1 {
		t.Fatalf("digest not delivered: %d e-mails", len(mail.all()))
	}
	for _, msg := range mail.all() {
		if strings.Contains(msg, "doxwatch weekly digest") && (!strings.Contains(msg, "Sanne van den Berg") || !strings.Contains(msg, "Pieter de Wit")) {
			t.Errorf("digest does not list the hits:\n%s", msg)
		}
	}
	d.stop(t)

	// Restart with a slow source, stop it during a crawl.
	cfg = writeConfig(t, dir, web.URL, mail.addr, listen, true)
	d = start(t, bin, cfg)
	waitFor(t, "the slow source's crawl to start", 20*time.Second, func() bool { return strings.Contains(d.logs.String(), "doxwatch running") }, d.logs)
	time.Sleep(1500 * time.Millisecond)
	if took := d.stop(t); took > 5*time.Second {
		t.Errorf("shutdown took %v", took)
	}
	if !strings.Contains(d.logs.String(), "shutting down") {
		t.Errorf("no shutdown log:\n%s", d.logs.String())
	}

	// A restart continues: no duplicate alert, and a new post is a new alert.
	cfg = writeConfig(t, dir, web.URL, mail.addr, listen, false)
	d = start(t, bin, cfg)
	waitFor(t, "crawls after restart", 20*time.Second, crawled(2), d.logs)
	if n := mail.count("Critical: personal data of"); n != 1 {
		t.Fatalf("%d critical alerts after restart, want the first one only", n)
	}
	web.addPost(`<div class="post"><a class="p" href="/forum/2">#</a><p>Mieke Bakker woont Kerkstraat 1, bel 0612121212</p></div>`)
	waitFor(t, "the alert about the new post", 20*time.Second, func() bool { return mail.count("Critical: personal data of") == 2 }, d.logs)
	d.stop(t)

	out, err = exec.Command(bin, "hits", "list", "--config", cfg, "--json").CombinedOutput()
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(out), `"id":`); n != 5 {
		t.Errorf("%d hits stored, want 5 (two posts of the forum, one of the feed):\n%s", n, out)
	}
}
