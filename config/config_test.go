package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func load(t *testing.T, name string, vars map[string]string) (*Config, error) {
	t.Helper()
	path := filepath.Join("testdata", name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Parse(path, data, env(vars))
}

func TestGoodConfig(t *testing.T) {
	cfg, err := load(t, "good.yaml", map[string]string{"DOXWATCH_SMTP_PASSWORD": "s3cret$"})
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if got := cfg.Alerts.SMTP.Password; got != "s3cret$" {
		t.Errorf("password = %q, want it expanded from the environment", got)
	}
	if cfg.Crawl.Delay != 3*time.Second {
		t.Errorf("crawl.delay = %v", cfg.Crawl.Delay)
	}
	// Keys the file leaves out keep their defaults.
	if cfg.Crawl.Timeout != 20*time.Second || cfg.Crawl.MaxRedirects != 5 || cfg.Alerts.MinSeverity != "high" {
		t.Errorf("defaults lost: %+v %+v", cfg.Crawl, cfg.Alerts)
	}
	if cfg.Sources[0].Selectors.Time != "time@datetime" || cfg.Sources[0].MaxPages != 3 {
		t.Errorf("source 0 = %+v", cfg.Sources[0])
	}
	if got := cfg.ResolvePath(cfg.Roster); got != filepath.Join("testdata", "staff.csv") {
		t.Errorf("roster resolves to %q", got)
	}
}

func TestUnsetEnvIsAnError(t *testing.T) {
	_, err := load(t, "good.yaml", nil)
	if err == nil || !strings.Contains(err.Error(), "good.yaml:44: alerts.smtp.password: environment variable DOXWATCH_SMTP_PASSWORD is not set") {
		t.Fatalf("err = %v", err)
	}
	// With mail written to files, the SMTP password is not needed.
	data := "organisation: {name: X}\nroster: staff.csv\nalerts:\n  to: [a@b.example]\n  transport: file\n  smtp: {password: \"${NOT_SET_PW}\"}\n"
	if _, err := Parse("file.yaml", []byte(data), env(nil)); err != nil {
		t.Errorf("file transport without the SMTP password: %v", err)
	}
}

// Every problem of a file is reported in one run: unknown keys, values of
// the wrong type with their key and an example, and (through Validate on
// what could be read) invalid values.
func TestEveryProblemAtOnce(t *testing.T) {
	data := `organisation:
  nam: y
roster: staff.csv
crawl:
  delay: 2
  timeout: fast
  parallel_hosts: lots
alerts:
  to: [a@b.example]
  language: fr
ocr:
  enabled: maybe
retention:
  days: 0
`
	cfg, err := Parse("c.yaml", []byte(data), env(nil))
	if err == nil || cfg == nil {
		t.Fatalf("Parse: %v, %v", cfg, err)
	}
	all := err.Error()
	if verr := cfg.Validate(); verr != nil {
		all += "\n" + verr.Error()
	}
	for _, want := range []string{
		`c.yaml:2: unknown key "organisation.nam" (did you mean "name"?)`,
		`c.yaml:5: crawl.delay: "2" is not a duration: write a number with a unit, e.g. delay: 2s`,
		`c.yaml:6: crawl.timeout: "fast" is not a duration`,
		`c.yaml:7: crawl.parallel_hosts: "lots" is not a whole number`,
		`c.yaml:12: ocr.enabled: "maybe" is not true or false`,
		`alerts.language: "fr" is not nl or en`,
		`retention.days: must be at least 1`,
		`organisation.name: required`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in:\n%s", want, all)
		}
	}
}

func TestUnknownKeys(t *testing.T) {
	_, err := load(t, "unknown-key.yaml", nil)
	var p *Problems
	if !errors.As(err, &p) {
		t.Fatalf("err = %v, want *Problems", err)
	}
	want := []string{
		`testdata/unknown-key.yaml:3: unknown key "organisation.alias" (did you mean "aliases"?)`,
		`testdata/unknown-key.yaml:9: unknown key "sources[0].urll" (did you mean "url"?)`,
	}
	if strings.Join(p.List, "\n") != strings.Join(want, "\n") {
		t.Fatalf("problems:\n%s\nwant:\n%s", p, strings.Join(want, "\n"))
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	cfg, err := load(t, "bad-values.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	err = cfg.Validate()
	var p *Problems
	if !errors.As(err, &p) {
		t.Fatalf("Validate = %v, want *Problems", err)
	}
	for _, want := range []string{
		"organisation.name: required",
		`organisation.own_contacts.phones[0]: "06-1234" is not a valid phone number`,
		"organisation.own_contacts.addresses[0]:",
		`organisation.own_contacts.email_domains[0]: "not a domain" is not a domain name`,
		"roster: required",
		`timezone: "Mars/Olympus" is not a time zone`,
		`sources[0].url: "/relative" is not an absolute http(s) URL`,
		"sources[0].selectors.item: required",
		`sources[1].name: "a" is also the name of sources[0]`,
		`sources[1].type: "gopher" is not one of`,
		`sources[2].channel: "x" is not a public channel name`,
		"sources[3].hashtag: set exactly one of hashtag and account",
		"crawl.parallelism_per_host: must be at least 1",
		`crawl.schedule: "every hour" is not a schedule`,
		`alerts.min_severity: "urgent" is not a severity (low, medium, high, critical)`,
		`alerts.to[0]: "not-an-address" is not an e-mail address`,
		"alerts.smtp.host: required for the smtp transport",
		"alerts.smtp.port: 0 is not a port",
		`alerts.smtp.tls: "maybe" is not one of none, starttls, tls`,
		"retention.days: must be at least 1",
		`alerts.channels[0].name: "email" is taken`,
		"alerts.channels[1].secret: required for a webhook, at least 16 characters",
		"alerts.channels[2].url: gopher:// is not a chat service doxwatch speaks",
		`alerts.channels[2].min_severity: "urgent" is not a severity`,
		`alerts.channels[2].language: "de" is not nl or en`,
		"alerts.channels[3].secret: only a webhook (an http(s) URL) is signed",
		"alerts.channels[4].url: give Matrix an access token",
	} {
		if !containsPrefix(p.List, want) {
			t.Errorf("missing problem %q in:\n%s", want, p)
		}
	}
	// A schedule that is none says how one is written.
	if !strings.Contains(p.Error(), `"every hour" is not a schedule (expected exactly 5 fields, found 2: [every hour]); write e.g. "@every 1h"`) {
		t.Errorf("the schedule's problem does not say how to write one:\n%s", p)
	}
	// A channel's URL and secret hold credentials: no problem repeats them.
	for _, secret := range []string{"xoxb-secret-token", "T0SECRETPATH99", "hunter2secret", "short", "signing-what", "matrix-password-55"} {
		if strings.Contains(p.Error(), secret) {
			t.Errorf("a problem repeats the secret %q:\n%s", secret, p)
		}
	}
}

func containsPrefix(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

func TestSyntaxAndTypeErrorsNameTheLine(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"organisation: [unclosed", "x.yaml:1: did not find expected"},
		{"retention:\n  days: lots\n", "x.yaml:2: cannot unmarshal !!str `lots` into int"},
		{"crawl:\n  delay: soon\n", "x.yaml:2: cannot unmarshal"},
	}
	for _, tt := range tests {
		_, err := Parse("x.yaml", []byte(tt.yaml), env(nil))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want error containing %q", tt.yaml, err, tt.want)
		}
	}
}

func TestEmptyFileIsDefaults(t *testing.T) {
	cfg, err := Parse("empty.yaml", nil, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Database != "./doxwatch.db" || cfg.Retention.Days != 180 {
		t.Errorf("defaults not applied: %+v", cfg)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(filepath.Join(dir, "missing.yaml")); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("missing file: %v", err)
	}
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("directory: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"good.yaml", "unknown-key.yaml", "bad-values.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("sources: {a: b}\ncrawl: [1, 2]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("fuzz.yaml", data, env(map[string]string{"DOXWATCH_SMTP_PASSWORD": "x"}))
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		_ = cfg.Validate()
	})
}
