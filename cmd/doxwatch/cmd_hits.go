package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/user"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/i18n"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/roster"
	"github.com/doxwatch/doxwatch/store"
)

func cmdHits(ctx context.Context, args []string, io stdio) int {
	sub, rest, code, ok := subcommand(args, io, "hits", "list", "show", "set-status", "hold", "release")
	if !ok {
		return code
	}
	var c common
	fs := newFlagSet("hits "+sub, io, &c)
	var (
		asJSON   = fs.Bool("json", false, "list: one JSON object per hit per line")
		since    = fs.String("since", "", "list: hits first seen since a date (2026-11-01) or a duration ago (7d, 48h)")
		severity = fs.String("severity", "", "list: hits at or above this severity")
		status   = fs.String("status", "", "list: hits with this status")
		source   = fs.String("source", "", "list: hits from this source")
		limit    = fs.Int("limit", 200, "list: at most this many hits (0: all)")
		note     = fs.String("note", "", "set-status, hold: why, for the audit log")
		who      = fs.String("actor", osUser(), "set-status: who makes the change, for the audit log")
	)
	if _, code, ok := parse(fs, rest, &c, io); !ok {
		return code
	}
	cfg, st, ok := configAndStore(ctx, c.config, io)
	if !ok {
		return exitError
	}
	defer st.Close()
	hf := newHitFormat(cfg, io)
	var err error
	switch sub {
	case "list":
		f := store.HitFilter{Source: *source, Limit: *limit}
		if *status != "" {
			if f.Status, err = i18n.ParseStatus(*status); err != nil {
				fmt.Fprintf(io.err, "doxwatch hits list: --status: %v\n", err)
				return exitError
			}
		}
		if f.Since, err = parseSince(*since, time.Now(), hf.loc); err != nil {
			fmt.Fprintf(io.err, "doxwatch hits list: --since: %v\n", err)
			return exitError
		}
		if *severity != "" {
			if f.MinSeverity, err = i18n.ParseSeverity(*severity); err != nil {
				fmt.Fprintf(io.err, "doxwatch hits list: --severity: %v\n", err)
				return exitError
			}
		}
		hits, err := st.Hits(ctx, f)
		if err != nil {
			fmt.Fprintln(io.err, err)
			return exitError
		}
		hf.printHits(io, hits, *asJSON)
	case "show", "set-status", "hold", "release":
		want := 1
		if sub == "set-status" {
			want = 2
		}
		if fs.NArg() != want {
			fmt.Fprintf(io.err, "usage: doxwatch hits show ID | hits set-status ID STATUS [--note TEXT] | hits hold ID --note TEXT | hits release ID\n")
			return exitError
		}
		id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
		if err != nil {
			fmt.Fprintf(io.err, "doxwatch hits %s: %q is not a hit id\n", sub, fs.Arg(0))
			return exitError
		}
		if sub == "hold" || sub == "release" {
			if sub == "hold" && strings.TrimSpace(*note) == "" {
				fmt.Fprintln(io.err, "doxwatch hits hold: --note is required: why the hit is kept (a police report, a case number)")
				return exitError
			}
			if err := st.SetHold(ctx, id, sub == "hold", *note, *who); err != nil {
				fmt.Fprintf(io.err, "doxwatch hits %s: %v\n", sub, err)
				return exitError
			}
			fmt.Fprintf(io.out, "hit %d: %s\n", id, map[string]string{"hold": "on legal hold: kept past retention", "release": "off legal hold"}[sub])
			return exitOK
		}
		if sub == "set-status" {
			status, err := i18n.ParseStatus(fs.Arg(1))
			if err == nil {
				err = st.SetHitStatus(ctx, id, status, *note, *who)
			}
			if err != nil {
				fmt.Fprintf(io.err, "doxwatch hits set-status: %v\n", err)
				return exitError
			}
			fmt.Fprintf(io.out, "hit %d: %s\n", id, fs.Arg(1))
			return exitOK
		}
		return hf.showHit(ctx, io, st, id)
	}
	return exitOK
}

// actor names who changed a status, for the audit log.
// osUser is the default --actor: the operating system's user name, so the
// audit log names a person rather than a program.
func osUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "unknown"
}

// parseSince reads "2026-11-01" or a duration ago: "7d", "48h".
func parseSince(s string, now time.Time, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return t, nil
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		if n, err := strconv.Atoi(days); err == nil && n >= 0 {
			return now.AddDate(0, 0, -n), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return now.Add(-d), nil
	}
	return time.Time{}, fmt.Errorf("%q is neither a date (2026-11-01) nor a duration (7d, 48h)", s)
}

// hitFormat shows hits as the e-mails do: employees by name (and id),
// times in the configured time zone.
type hitFormat struct {
	loc *time.Location
	ros *roster.Roster
}

// zoneOf is the configured time zone, in which the commands show times
// (config check refuses a zone that does not load; UTC then).
func zoneOf(cfg *config.Config) *time.Location {
	if loc, err := time.LoadLocation(cfg.Timezone); err == nil {
		return loc
	}
	return time.UTC
}

// newHitFormat loads the roster for the names; without it, hits show ids
// and a warning says why.
func newHitFormat(cfg *config.Config, io stdio) hitFormat {
	f := hitFormat{loc: zoneOf(cfg)}
	ros, err := loadRoster(cfg)
	if err != nil {
		fmt.Fprintf(io.err, "doxwatch: employees are shown by id: the roster cannot be read: %v\n", err)
		return f
	}
	f.ros = ros
	return f
}

func (f hitFormat) employee(id string) string {
	if f.ros != nil {
		if e, ok := f.ros.Get(id); ok {
			return id + " " + e.FullName()
		}
	}
	return id
}

func (f hitFormat) time(t time.Time) string { return showTime(t, f.loc, "-") }

type jsonHit struct {
	ID         int64          `json:"id"`
	EmployeeID string         `json:"employee_id"`
	Employee   string         `json:"employee,omitempty"`
	Kind       model.Kind     `json:"kind"`
	Severity   model.Severity `json:"severity"`
	Status     model.Status   `json:"status"`
	Source     string         `json:"source"`
	URL        string         `json:"url"`
	Excerpt    string         `json:"excerpt"`
	MatchStart int            `json:"match_start"`
	MatchEnd   int            `json:"match_end"`
	FromImage  bool           `json:"from_image"`
	ImageURL   string         `json:"image_url,omitempty"`
	FirstSeen  time.Time      `json:"first_seen"`
	LastSeen   time.Time      `json:"last_seen"`
	Author     string         `json:"author,omitempty"`
	Published  *time.Time     `json:"published,omitempty"`
}

func (f hitFormat) printHits(io stdio, hits []store.Hit, asJSON bool) {
	if asJSON {
		for _, h := range hits {
			var name string
			if f.ros != nil {
				if e, ok := f.ros.Get(h.EmployeeID); ok {
					name = e.FullName()
				}
			}
			var published *time.Time
			if !h.Published.IsZero() {
				published = &h.Published
			}
			b, _ := json.Marshal(jsonHit{h.ID, h.EmployeeID, name, h.Kind, h.Severity, h.Status, h.Source, h.URL, h.Excerpt,
				h.MatchStart, h.MatchEnd, h.FromImage, h.ImageURL, h.FirstSeen, h.LastSeen, h.Author, published})
			fmt.Fprintf(io.out, "%s\n", b)
		}
		return
	}
	tw := tabwriter.NewWriter(io.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tFIRST SEEN\tSEVERITY\tSTATUS\tEMPLOYEE\tKIND\tSOURCE\tEXCERPT")
	for _, h := range hits {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", h.ID, f.time(h.FirstSeen), h.Severity, h.Status,
			f.employee(h.EmployeeID), h.Kind, h.Source, marked(h))
	}
	tw.Flush()
}

// marked is the excerpt with the match in [brackets].
func marked(h store.Hit) string {
	pre, match, post := h.ExcerptParts()
	if match == "" {
		return pre + post
	}
	return pre + "[" + match + "]" + post
}

func (f hitFormat) showHit(ctx context.Context, io stdio, st *store.Store, id int64) int {
	h, err := st.Hit(ctx, id)
	if err != nil {
		fmt.Fprintf(io.err, "doxwatch hits show: %v\n", err)
		return exitError
	}
	audit, err := st.Audit(ctx, id)
	if err != nil {
		fmt.Fprintln(io.err, err)
		return exitError
	}
	fmt.Fprintf(io.out, "Hit %d\n  employee:   %s\n  kind:       %s\n  severity:   %s\n  status:     %s\n  source:     %s\n",
		h.ID, f.employee(h.EmployeeID), h.Kind, h.Severity, h.Status, h.Source)
	if name := model.HandedIn(h.URL); name != "" {
		fmt.Fprintf(io.out, "  handed in:  %s (by %s)\n", name, h.Reporter)
	} else {
		fmt.Fprintf(io.out, "  url:        %s\n", h.URL)
	}
	if h.Author != "" {
		fmt.Fprintf(io.out, "  posted by:  %s\n", h.Author)
	}
	if !h.Published.IsZero() {
		fmt.Fprintf(io.out, "  posted at:  %s\n", f.time(h.Published))
	}
	if h.FromImage {
		fmt.Fprintf(io.out, "  image:      %s\n", h.ImageURL)
	}
	fmt.Fprintf(io.out, "  first seen: %s\n  last seen:  %s\n  excerpt:    %s\n", f.time(h.FirstSeen), f.time(h.LastSeen), marked(h))
	if !h.NotifiedAt.IsZero() {
		fmt.Fprintf(io.out, "  alerted:    %s\n", f.time(h.NotifiedAt))
	}
	if h.Held {
		fmt.Fprintln(io.out, "  legal hold: kept past the retention period")
	}
	if on, err := st.PostOnline(ctx, h.DocumentID); err == nil {
		switch {
		case !on.RemovedAt.IsZero():
			fmt.Fprintf(io.out, "  online:     removed on %s\n", f.time(on.RemovedAt))
		case !on.CheckedAt.IsZero():
			fmt.Fprintf(io.out, "  online:     still online at %s\n", f.time(on.CheckedAt))
		}
	}
	for _, e := range audit {
		switch e.Action {
		case model.AuditStatus:
			fmt.Fprintf(io.out, "  %s  %s → %s by %s: %s\n", f.time(e.At), e.OldStatus, e.NewStatus, e.Actor, e.Note)
		default:
			fmt.Fprintf(io.out, "  %s  %s by %s%s\n", f.time(e.At), e.Action, e.Actor, map[bool]string{true: ": " + e.Note}[e.Note != ""])
		}
	}
	return exitOK
}
