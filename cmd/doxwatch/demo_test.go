package main

import (
	"path/filepath"
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
		for _, want := range []string{"Findings (6):", "critical  new     E001      phone", "critical  new     E001      address",
			"critical  new     E007      email", "3 alert e-mail(s) written to " + filepath.Join(dir, "outbox")} {
			if !strings.Contains(out, want) {
				t.Errorf("run %d: output lacks %q:\n%s", run, want, out)
			}
		}
		if emls, _ := filepath.Glob(filepath.Join(dir, "outbox", "*.eml")); len(emls) != 3 {
			t.Errorf("run %d: %d e-mail files", run, len(emls))
		}
	}
	// The demo's configuration works with the other commands.
	if code, out, _ := runCLI(t, "hits", "list", "--config", filepath.Join(dir, "doxwatch.yaml"), "--severity", "critical"); code != exitOK || strings.Count(out, "critical") != 3 {
		t.Errorf("hits list on the demo: exit %d\n%s", code, out)
	}
}
