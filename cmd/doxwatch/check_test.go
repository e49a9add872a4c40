package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

var testConfig = filepath.Join("testdata", "doxwatch.yaml")

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	post := writeFile(t, dir, "post.txt", "Wie kent Sanne van den Berg?\nHaar nummer: 06-12345678")
	clean := writeFile(t, dir, "clean.txt", "Niets aan de hand vandaag.")
	page := writeFile(t, dir, "page.html", "<html><body><script>Sanne van den Berg</script><p>Niemand hier.</p></body></html>")
	binary := writeFile(t, dir, "photo.png", "\x89PNG\r\n\x1a\n\x00\x00")

	code, out, errOut := runCLI(t, "check", "--config", testConfig, "--json", post)
	if code != exitFindings {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 findings, got:\n%s", out)
	}
	var f map[string]any
	if err := json.Unmarshal([]byte(lines[1]), &f); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]any{"source": post, "employee_id": "E001", "kind": "phone", "severity": "critical",
		"start": float64(42), "end": float64(53), "line": float64(2), "match": "06-12345678"} {
		if f[k] != want {
			t.Errorf("%s = %v, want %v", k, f[k], want)
		}
	}
	if ex, _ := f["excerpt"].(string); !strings.Contains(ex, "06-12345678") {
		t.Errorf("excerpt %q", ex)
	}

	if code, out, _ := runCLI(t, "check", "--config", testConfig, clean, page); code != exitOK || out != "" {
		t.Errorf("clean inputs: exit %d, out %q (script text must not count)", code, out)
	}

	// A file that cannot be read is named, and the others are still scanned.
	code, out, errOut = runCLI(t, "check", "--config", testConfig, filepath.Join(dir, "missing.txt"), dir, binary, post)
	if code != exitError {
		t.Errorf("exit %d, want %d", code, exitError)
	}
	for _, want := range []string{"missing.txt: no such file", dir + ": is a directory", "photo.png: a binary file"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(out, "[06-12345678]") || !strings.Contains(out, "E001 Sanne van den Berg") {
		t.Errorf("post not scanned after the errors:\n%s", out)
	}
}

func TestCheckStdin(t *testing.T) {
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"check", "--config", testConfig, "--json", "-"},
		stdio{in: strings.NewReader("mail: fatima.elamrani (at) example.org"), out: &out, err: &errb})
	if code != exitFindings || !strings.Contains(out.String(), `"employee_id":"E008","kind":"email","severity":"critical"`) {
		t.Fatalf("exit %d, out %s, err %s", code, out.String(), errb.String())
	}
}

func TestCheckUsage(t *testing.T) {
	if code, _, errOut := runCLI(t, "check", "--config", testConfig); code != exitError || !strings.Contains(errOut, "usage: doxwatch check") {
		t.Errorf("no paths: exit %d, %q", code, errOut)
	}
}
