package model

import (
	"encoding/json"
	"testing"
)

func TestSeverityRoundTrip(t *testing.T) {
	for _, s := range Severities() {
		got, err := ParseSeverity(s.String())
		if err != nil || got != s {
			t.Errorf("ParseSeverity(%q) = %v, %v", s, got, err)
		}
		b, _ := json.Marshal(s)
		var back Severity
		if err := json.Unmarshal(b, &back); err != nil || back != s {
			t.Errorf("JSON round trip of %v gave %v, %v", s, back, err)
		}
	}
	if _, err := ParseSeverity("urgent"); err == nil {
		t.Error("ParseSeverity accepted urgent")
	}
	if !(Low < Medium && Medium < High && High < Critical) {
		t.Error("severities are not in increasing order")
	}
}

func TestParseStatusAndRole(t *testing.T) {
	for _, s := range Statuses() {
		if got, err := ParseStatus(string(s)); err != nil || got != s {
			t.Errorf("ParseStatus(%q) = %v, %v", s, got, err)
		}
	}
	for _, bad := range []string{"", "open", "Confirmed"} {
		if _, err := ParseStatus(bad); err == nil {
			t.Errorf("ParseStatus(%q) accepted", bad)
		}
	}
	if r, err := ParseRole("admin"); err != nil || r != RoleAdmin {
		t.Errorf("ParseRole(admin) = %v, %v", r, err)
	}
	if _, err := ParseRole("root"); err == nil {
		t.Error("ParseRole accepted root")
	}
}

func TestMaxSeverity(t *testing.T) {
	if MaxSeverity(nil) != 0 {
		t.Error("MaxSeverity(nil) != 0")
	}
	if got := MaxSeverity([]Finding{{Severity: Low}, {Severity: Critical}, {Severity: High}}); got != Critical {
		t.Errorf("MaxSeverity = %v", got)
	}
}
