package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs the command line in-process and returns exit code, stdout and stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, stdio{in: strings.NewReader(""), out: &out, err: &errb})
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

const minimalConfig = `organisation:
  name: Kinderopvang De Zonnebloem
roster: staff.csv
alerts:
  to: [veiligheid@zonnebloem.example]
`

func TestHelpListsEveryCommand(t *testing.T) {
	code, out, _ := runCLI(t, "--help")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, c := range []string{"run", "rescan", "check", "digest", "hits", "sources", "roster", "config", "demo", "version"} {
		if !strings.Contains(out, "\n  "+c+" ") {
			t.Errorf("--help does not list %q:\n%s", c, out)
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	code, _, errOut := runCLI(t, "frobnicate")
	if code != exitError || !strings.Contains(errOut, `unknown command "frobnicate"`) {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestConfigCheck(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.yaml", minimalConfig)
	bad := writeFile(t, dir, "bad.yaml", "organisation:\n  nam: x\nretention:\n  days: 0\n")
	// The roster it names must exist...
	code, _, errOut := runCLI(t, "config", "check", "--config", good)
	if code != exitError || !strings.Contains(errOut, "roster") || !strings.Contains(errOut, "staff.csv") {
		t.Errorf("missing roster: exit %d, %q", code, errOut)
	}
	// ...and parse, its problems named by line, not value.
	writeFile(t, dir, "staff.csv", "id;first_name;last_name;phone\nE1;Sanne;van den Berg;06-1234\n")
	code, _, errOut = runCLI(t, "config", "check", "--config", good)
	if code != exitError || !strings.Contains(errOut, "staff.csv:2: phone (column 4)") || strings.Contains(errOut, "06-1234") {
		t.Errorf("broken roster: exit %d, %q", code, errOut)
	}
	writeFile(t, dir, "staff.csv", "id;first_name;last_name\nE1;Sanne;van den Berg\n")
	code, out, _ := runCLI(t, "config", "check", "--config", good)
	if code != exitOK || out != "ok\n" {
		t.Errorf("good config: exit %d, out %q", code, out)
	}
	// A chat URL its service does not accept, from the environment: named
	// by its channel, never repeated.
	t.Setenv("DOXWATCH_TEAMS_URL", "teams://not-enough-parts-secret")
	chat := writeFile(t, dir, "chat.yaml", minimalConfig+"  channels:\n    - name: teams-hr\n      url: ${DOXWATCH_TEAMS_URL}\n")
	code, _, errOut = runCLI(t, "config", "check", "--config", chat)
	if code != exitError || !strings.Contains(errOut, "teams-hr") || strings.Contains(errOut, "not-enough-parts-secret") {
		t.Errorf("bad chat URL: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runCLI(t, "config", "check", "--config", bad)
	if code != exitError || !strings.Contains(errOut, `bad.yaml:2: unknown key "organisation.nam"`) || !strings.Contains(errOut, "retention.days: must be at least 1") {
		t.Errorf("bad config: exit %d, stderr %q", code, errOut)
	}
	invalid := writeFile(t, dir, "invalid.yaml", "retention:\n  days: 0\n")
	code, _, errOut = runCLI(t, "config", "check", "--config", invalid)
	for _, want := range []string{"organisation.name: required", "roster: required", "retention.days: must be at least 1", "alerts.to: required"} {
		if code != exitError || !strings.Contains(errOut, want) {
			t.Errorf("invalid config: exit %d, stderr lacks %q:\n%s", code, want, errOut)
		}
	}
}

func TestRosterCheckPrintsNoPersonalData(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, dir, "doxwatch.yaml", minimalConfig)
	writeFile(t, dir, "staff.csv", "id;first_name;last_name;phone;email;address\n"+
		"E1;Sanne;van den Berg;06-12345678;sanne@example.net;Kerkstraat 12a, 1234 AB Utrecht\n"+
		"E2;Mieke;Bakker;;;\n")
	code, out, errOut := runCLI(t, "roster", "check", "--config", cfg)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if want := "ok: 2 employees, 1 phone numbers, 1 e-mail addresses, 1 home addresses, 0 locations\n"; out != want {
		t.Errorf("out = %q, want %q", out, want)
	}
	for _, secret := range []string{"Sanne", "Berg", "0612345678", "+31612345678", "sanne@", "Kerkstraat", "E1"} {
		if strings.Contains(out+errOut, secret) {
			t.Errorf("roster check printed %q", secret)
		}
	}
	writeFile(t, dir, "staff.csv", "id,first_name,last_name,phone\nE1,A,B,06-1234\n")
	code, _, errOut = runCLI(t, "roster", "check", "--config", cfg)
	if code != exitError || !strings.Contains(errOut, `staff.csv:2: phone (column 4): not a valid Dutch number (10 digits expected, 6 given)`) ||
		strings.Contains(errOut, "06-1234") {
		t.Errorf("bad roster: exit %d, stderr %q", code, errOut)
	}
}

func TestLogFlags(t *testing.T) {
	code, _, errOut := runCLI(t, "config", "check", "--log-format", "xml")
	if code != exitError || !strings.Contains(errOut, `--log-format "xml"`) {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Flags go anywhere on the line, every command has --help, and shells get
// completion.
func TestFlagsAnywhereHelpAndCompletion(t *testing.T) {
	cfg := siteConfig(t, testSite(t).URL)
	if code, out, errOut := runCLI(t, "rescan", "--config", cfg); code != exitOK {
		t.Fatalf("rescan: %d %s %s", code, out, errOut)
	}
	// hits show ID --config FILE: the flag after the argument.
	if code, out, errOut := runCLI(t, "hits", "show", "1", "--config", cfg); code != exitOK || !strings.Contains(out, "Hit 1") {
		t.Errorf("hits show 1 --config: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := runCLI(t, "hits", "set-status", "1", "confirmed", "--note", "gebeld", "--actor", "noor", "--config", cfg); code != exitOK {
		t.Errorf("set-status with flags last: exit %d\n%s%s", code, out, errOut)
	}
	if _, out, _ := runCLI(t, "hits", "show", "--config", cfg, "1"); !strings.Contains(out, "by noor: gebeld") {
		t.Errorf("the audit log does not name the actor:\n%s", out)
	}
	for _, c := range []string{"run", "rescan", "check", "digest", "hits list", "sources", "roster check", "config check", "demo", "user add"} {
		args := append(strings.Fields(c), "--help")
		if code, out, errOut := runCLI(t, args...); code != exitOK || !strings.Contains(out+errOut, "--config") {
			t.Errorf("%s --help: exit %d\n%s%s", c, code, out, errOut)
		}
	}
	for _, sh := range []string{"bash", "zsh", "fish"} {
		if code, out, _ := runCLI(t, "completion", sh); code != exitOK || !strings.Contains(out, "doxwatch") {
			t.Errorf("completion %s: exit %d", sh, code)
		}
	}
}
