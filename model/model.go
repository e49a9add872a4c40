// Package model holds doxwatch's vocabulary: the records that flow from
// detection to storage to notification, and the typed constants for
// severities, kinds, statuses, roles and outbox kinds. Every other package
// uses these; no literal status or severity string lives anywhere else
// (except the SQL that stores them).
package model

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// Severity is how much a finding exposes the employee.
type Severity int

// Severities, in increasing order.
const (
	Low Severity = iota + 1
	Medium
	High
	Critical
)

var severityNames = [...]string{"", "low", "medium", "high", "critical"}

// Severities lists every severity, most serious first.
func Severities() []Severity { return []Severity{Critical, High, Medium, Low} }

func (s Severity) String() string {
	if s < Low || s > Critical {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads "low", "medium", "high" or "critical".
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if i > 0 && n == s {
			return Severity(i), nil
		}
	}
	return 0, fmt.Errorf("%q is not a severity (%s)", s, strings.Join(severityNames[1:], ", "))
}

// SeverityNames are the words ParseSeverity accepts, least serious first.
func SeverityNames() []string { return append([]string(nil), severityNames[1:]...) }

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Kind is what was found.
type Kind string

// Kinds of finding.
const (
	KindName    Kind = "name"
	KindPhone   Kind = "phone"
	KindEmail   Kind = "email"
	KindAddress Kind = "address"
)

// Kinds lists every kind.
func Kinds() []Kind { return []Kind{KindName, KindPhone, KindEmail, KindAddress} }

// Status is where a hit is in its triage.
type Status string

// Hit statuses.
const (
	StatusNew           Status = "new"
	StatusConfirmed     Status = "confirmed"
	StatusFalsePositive Status = "false_positive"
	StatusResolved      Status = "resolved"
)

// Statuses lists every status, in the order of triage.
func Statuses() []Status {
	return []Status{StatusNew, StatusConfirmed, StatusFalsePositive, StatusResolved}
}

// ParseStatus reads a status word.
func ParseStatus(s string) (Status, error) {
	for _, st := range Statuses() {
		if string(st) == s {
			return st, nil
		}
	}
	names := make([]string, 0, 4)
	for _, st := range Statuses() {
		names = append(names, string(st))
	}
	return "", fmt.Errorf("%q is not a status (%s)", s, strings.Join(names, ", "))
}

// SourceManual is the source of hits handed in by hand (`check --record`,
// the dashboard's intake); the name is reserved in the configuration.
const SourceManual = "manual"

// SourceIntake is the source of posts forwarded to the intake mailbox.
const SourceIntake = "intake"

// Pasted is HandedIn's name for text pasted into the dashboard, which has
// no file name; each surface says it in its reader's language.
const Pasted = "pasted"

// PastedURL is the URL of a post of text pasted into the dashboard: the
// same text has the same URL, so handing it in twice makes one post.
func PastedURL(text []byte) string {
	sum := sha256.Sum256(text)
	return Pasted + ":" + hex.EncodeToString(sum[:6])
}

// HandedIn is the name of what was handed in for a post of the manual
// source, from its URL: the file's name only, never a path on the server;
// "" for a post found online (an http(s) URL).
func HandedIn(url string) string {
	switch {
	case strings.HasPrefix(url, "https://"), strings.HasPrefix(url, "http://"):
		return ""
	case strings.HasPrefix(url, "upload:"):
		name, _, _ := strings.Cut(strings.TrimPrefix(url, "upload:"), "#")
		return name
	case strings.HasPrefix(url, "file://"):
		return url[strings.LastIndexByte(url, '/')+1:]
	}
	name, _, _ := strings.Cut(url, ":")
	return name
}

// OutboxKind is what an outbox entry sends.
type OutboxKind string

// Outbox kinds.
const (
	OutboxAlert  OutboxKind = "alert"
	OutboxDigest OutboxKind = "digest"
	// OutboxHealth tells that a source stopped working, or works again.
	OutboxHealth OutboxKind = "health"
)

// ChannelEmail is the e-mail channel's name; other channels are named in
// the configuration (alerts.channels), and none may take this name.
const ChannelEmail = "email"

// Route sends alerts of a severity and above to a channel. Health
// notices go to every route; the digest goes by e-mail only.
type Route struct {
	Channel     string
	MinSeverity Severity
}

// Routes lists the channels of an alert of severity sev.
func Routes(routes []Route, sev Severity) []string {
	var out []string
	for _, r := range routes {
		if r.MinSeverity > 0 && sev >= r.MinSeverity {
			out = append(out, r.Channel)
		}
	}
	return out
}

// Role is what a dashboard user may do.
type Role string

// Roles: an admin also manages users.
const (
	RoleAdmin    Role = "admin"
	RoleReviewer Role = "reviewer"
)

// ParseRole reads "admin" or "reviewer".
func ParseRole(s string) (Role, error) {
	switch Role(s) {
	case RoleAdmin, RoleReviewer:
		return Role(s), nil
	}
	return "", fmt.Errorf("%q is not a role (admin, reviewer)", s)
}

// Finding is one employee found in a text.
type Finding struct {
	EmployeeID string
	Kind       Kind
	// Start and End are byte offsets of the match in the scanned text.
	Start, End int
	Match      string
	// Excerpt is the match with about 60 characters of context on each
	// side, white space collapsed; the match is Excerpt[ExcerptStart:ExcerptEnd].
	Excerpt                  string
	ExcerptStart, ExcerptEnd int
	Severity                 Severity
	// Reason says in a few words why the finding has its severity.
	Reason string
	// Fingerprint identifies what was found (employee, kind, value) without
	// the offsets, so the same post scanned again gives the same fingerprints.
	Fingerprint string
	// Others are the other places in the text where the same thing stands
	// (byte offsets [start, end)), in order.
	Others [][2]int
	// OthersCut: the same thing stands at more places than Others lists
	// (a scan lists a bounded number of places in all its findings).
	OthersCut bool
}

// MaxSeverity is the highest severity among findings, or 0 if there are none.
func MaxSeverity(fs []Finding) Severity {
	var m Severity
	for _, f := range fs {
		m = max(m, f.Severity)
	}
	return m
}

// Validators are what a crawl remembers of a page for the next: the
// validators of conditional GET, a hash of the body for servers that send
// none, and the page's link to the next page.
type Validators struct {
	ETag, LastModified string
	BodyHash           string
	Next               string
	// Scan is the fingerprint of what the page's posts were searched for
	// (the roster, detection settings and the source's selectors): a page
	// read for another is read again in full.
	Scan string
}

// UnmarshalText reads the severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// AuditAction is what an audit log entry records.
type AuditAction string

// Audit actions.
const (
	AuditStatus  AuditAction = "status"  // a status change
	AuditView    AuditAction = "view"    // someone opened the hit
	AuditRecord  AuditAction = "record"  // someone handed the post in
	AuditHold    AuditAction = "hold"    // put on legal hold: kept past retention
	AuditRelease AuditAction = "release" // taken off legal hold
	AuditExport  AuditAction = "export"  // its evidence was exported
)

// HealthKind is why a source does not work.
type HealthKind string

// Health kinds.
const (
	HealthFailing HealthKind = "failing" // its runs fail (Count in a row)
	HealthEmpty   HealthKind = "empty"   // its pages give no posts where the last good run found Count
	HealthNever   HealthKind = "never"   // it has never given a post
)

// HealthReason is why a source does not work, stored as words of no
// language so that each reader gets it in theirs (i18n); Detail is the
// technical part, as the site or the reader said it (the last error,
// which selector matched nothing).
type HealthReason struct {
	Kind   HealthKind
	Count  int
	Detail string
}

// String is the reason as stored: "failing|3|HTTP 500".
func (r HealthReason) String() string { return fmt.Sprintf("%s|%d|%s", r.Kind, r.Count, r.Detail) }

// ParseHealthReason reads a stored reason; false for one stored before
// reasons had kinds (an English sentence, shown as it is).
func ParseHealthReason(s string) (HealthReason, bool) {
	kind, rest, ok := strings.Cut(s, "|")
	if !ok || kind != string(HealthFailing) && kind != string(HealthEmpty) && kind != string(HealthNever) {
		return HealthReason{}, false
	}
	count, detail, ok := strings.Cut(rest, "|")
	n, err := strconv.Atoi(count)
	if !ok || err != nil {
		return HealthReason{}, false
	}
	return HealthReason{Kind: HealthKind(kind), Count: n, Detail: detail}, true
}
