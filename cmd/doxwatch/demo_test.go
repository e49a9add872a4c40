package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
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
