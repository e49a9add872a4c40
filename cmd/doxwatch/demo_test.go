package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/doxwatch/doxwatch/syncbuf"
)

func TestDemo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	for run := 1; run <= 2; run++ { // a second run starts fresh, with the same result
		code, out, errOut := runCLI(t, "demo", "--once", "--dir", dir)
		if code != exitOK {
			t.Fatalf("run %d: exit %d\n%s\n%s", run, code, out, errOut)
		}
		for _, want := range []string{`Findings \(6\):`, `critical\s+new\s+E001 Sanne van den Berg\s+phone`, `critical\s+new\s+E001 Sanne van den Berg\s+address`,
			`critical\s+new\s+E007 \S+ \S+\s+email`, `3 alert e-mail\(s\) written to ` + regexp.QuoteMeta(filepath.Join(dir, "outbox"))} {
			if !regexp.MustCompile(want).MatchString(out) {
				t.Errorf("run %d: output lacks %q:\n%s", run, want, out)
			}
		}
		// Times in the configured zone (Europe/Amsterdam), as in the e-mails.
		if !regexp.MustCompile(`\d\d:\d\d CES?T`).MatchString(out) {
			t.Errorf("run %d: times not in the configured zone:\n%s", run, out)
		}
		if emls, _ := filepath.Glob(filepath.Join(dir, "outbox", "*.eml")); len(emls) != 3 {
			t.Errorf("run %d: %d e-mail files", run, len(emls))
		}
	}
	// Its critical hits were kept as evidence, which verifies and exports.
	cfg := filepath.Join(dir, "doxwatch.yaml")
	if code, out, errOut := runCLI(t, "evidence", "verify", "--config", cfg); code != exitOK || !strings.Contains(out, "ok: 9 evidence record(s)") {
		t.Errorf("evidence verify on the demo: %d %s %s", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, "evidence", "export", "2", "3", "--out", filepath.Join(t.TempDir(), "zaak.zip"), "--config", cfg); code != exitOK {
		t.Errorf("evidence export on the demo: %s", errOut)
	}
	// The demo's configuration works with the other commands.
	if code, out, _ := runCLI(t, "hits", "list", "--config", filepath.Join(dir, "doxwatch.yaml"), "--severity", "critical"); code != exitOK || strings.Count(out, "critical") != 3 {
		t.Errorf("hits list on the demo: exit %d\n%s", code, out)
	}
}

// The demo that serves the dashboard links each alert e-mail to its hit
// there, as web.public_url does, and the link leads to the login.
func TestDemoEmailsLinkToTheDashboard(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	ctx, cancel := context.WithCancel(context.Background())
	var out syncbuf.Buffer
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"demo", "--dir", dir, "--listen", "127.0.0.1:0"}, stdio{in: strings.NewReader(""), out: &out, err: &out})
	}()
	dashboard := regexp.MustCompile(`Dashboard: (http://127\.0\.0\.1:\d+)/`)
	var base string
	for deadline := time.Now().Add(60 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if m := dashboard.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
		}
	}
	if base == "" {
		cancel()
		t.Fatalf("no dashboard address:\n%s", out.String())
	}
	emls, _ := filepath.Glob(filepath.Join(dir, "outbox", "*.eml"))
	if len(emls) != 3 {
		t.Errorf("%d e-mail files", len(emls))
	}
	link := regexp.MustCompile(regexp.QuoteMeta(base) + `/hits/\d+`)
	for _, name := range emls {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		// Quoted-printable may break a long line: read it joined.
		if !link.MatchString(strings.ReplaceAll(string(data), "=\r\n", "")) {
			t.Errorf("%s has no link to its hit on %s", filepath.Base(name), base)
		}
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(base + "/hits/1")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
		t.Errorf("the e-mail's link answers %d %q, want a redirect to the login", resp.StatusCode, loc)
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Errorf("demo exit %d\n%s", code, out.String())
	}
}
