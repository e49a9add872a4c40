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

	"github.com/doxwatch/doxwatch/i18n"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/store"
)

func cmdHits(ctx context.Context, args []string, io stdio) int {
	sub, rest, code, ok := subcommand(args, io, "hits", "list", "show", "set-status")
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
		note     = fs.String("note", "", "set-status: why, for the audit log")
		who      = fs.String("actor", osUser(), "set-status: who makes the change, for the audit log")
	)
	if _, code, ok := parse(fs, rest, &c, io); !ok {
		return code
	}
	_, st, ok := configAndStore(ctx, c.config, io)
	if !ok {
		return exitError
	}
	defer st.Close()
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
		if f.Since, err = parseSince(*since, time.Now()); err != nil {
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
		printHits(io, hits, *asJSON)
	case "show", "set-status":
		want := 1
		if sub == "set-status" {
			want = 2
		}
		if fs.NArg() != want {
			fmt.Fprintf(io.err, "usage: doxwatch hits show ID | doxwatch hits set-status ID STATUS [--note TEXT]\n")
			return exitError
		}
		id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
		if err != nil {
			fmt.Fprintf(io.err, "doxwatch hits %s: %q is not a hit id\n", sub, fs.Arg(0))
			return exitError
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
		return showHit(ctx, io, st, id)
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
func parseSince(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.ParseInLocation("2006-01-02", s, time.Local); err == nil {
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

type jsonHit struct {
	ID         int64          `json:"id"`
	EmployeeID string         `json:"employee_id"`
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
}

func printHits(io stdio, hits []store.Hit, asJSON bool) {
	if asJSON {
		for _, h := range hits {
			b, _ := json.Marshal(jsonHit{h.ID, h.EmployeeID, h.Kind, h.Severity, h.Status, h.Source, h.URL, h.Excerpt,
				h.MatchStart, h.MatchEnd, h.FromImage, h.ImageURL, h.FirstSeen, h.LastSeen})
			fmt.Fprintf(io.out, "%s\n", b)
		}
		return
	}
	tw := tabwriter.NewWriter(io.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tFIRST SEEN\tSEVERITY\tSTATUS\tEMPLOYEE\tKIND\tSOURCE\tEXCERPT")
	for _, h := range hits {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", h.ID, h.FirstSeen.Local().Format("2006-01-02 15:04"), h.Severity, h.Status,
			h.EmployeeID, h.Kind, h.Source, marked(h))
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

func showHit(ctx context.Context, io stdio, st *store.Store, id int64) int {
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
	fmt.Fprintf(io.out, "Hit %d\n  employee:   %s\n  kind:       %s\n  severity:   %s\n  status:     %s\n  source:     %s\n  url:        %s\n",
		h.ID, h.EmployeeID, h.Kind, h.Severity, h.Status, h.Source, h.URL)
	if h.FromImage {
		fmt.Fprintf(io.out, "  image:      %s\n", h.ImageURL)
	}
	fmt.Fprintf(io.out, "  first seen: %s\n  last seen:  %s\n  excerpt:    %s\n", h.FirstSeen.Local().Format(time.RFC3339),
		h.LastSeen.Local().Format(time.RFC3339), marked(h))
	if !h.NotifiedAt.IsZero() {
		fmt.Fprintf(io.out, "  alerted:    %s\n", h.NotifiedAt.Local().Format(time.RFC3339))
	}
	for _, e := range audit {
		fmt.Fprintf(io.out, "  %s  %s → %s by %s: %s\n", e.At.Local().Format("2006-01-02 15:04"), e.OldStatus, e.NewStatus, e.Actor, e.Note)
	}
	return exitOK
}
