package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/crawler"
	"github.com/doxwatch/doxwatch/i18n"
	"github.com/doxwatch/doxwatch/model"
)

func cmdSources(ctx context.Context, args []string, io stdio) int {
	var c common
	fs := newFlagSet("sources", io, &c)
	test := fs.String("test", "", "fetch the first page of this source and print the first posts it would read (nothing is stored)")
	log, code, ok := parse(fs, args, &c, io)
	if !ok {
		return code
	}
	if *test != "" {
		return testSource(ctx, c.config, *test, log, io)
	}
	cfg, st, ok := configAndStore(ctx, c.config, io)
	if !ok {
		return exitError
	}
	defer st.Close()
	states, err := st.Sources(ctx)
	if err != nil {
		fmt.Fprintln(io.err, err)
		return exitError
	}
	schedule := map[string]string{model.SourceManual: "by hand"}
	if m := cfg.Intake.IMAP; m.Host != "" {
		schedule[model.SourceIntake] = "mailbox, every " + m.PollInterval.String()
	}
	for _, s := range cfg.Sources {
		schedule[s.Name] = cfg.ScheduleOf(s)
	}
	loc := zoneOf(cfg)
	tw := tabwriter.NewWriter(io.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tTYPE\tSCHEDULE\tLAST RUN\tLAST OK\tPOSTS\tHITS (NEW)\tHEALTH")
	for _, s := range states {
		sched, configured := schedule[s.Name]
		if !configured {
			sched = "(no longer configured)"
		}
		health := "ok"
		switch {
		case !s.Healthy:
			health = "UNHEALTHY: " + i18n.For("en").HealthReason(s.HealthReason)
		case s.LastError != "" && s.ConsecutiveFailures > 0:
			health = fmt.Sprintf("failing (%d): %s", s.ConsecutiveFailures, s.LastError)
		case s.LastError != "":
			health = "ok; " + s.LastError
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d (%d)\t%s\n", s.Name, s.Type, sched, showTime(s.LastRun, loc, "never"), showTime(s.LastOK, loc, "never"), s.PostsSeen, s.Hits, s.NewHits, health)
	}
	tw.Flush()
	return exitOK
}

// showTime is t as every command shows a time: in the configured zone
// loc (zoneOf), with the zone's name; none for a zero time.
func showTime(t time.Time, loc *time.Location, none string) string {
	if t.IsZero() {
		return none
	}
	return t.In(loc).Format("2006-01-02 15:04 MST")
}

// testSource reads one page of a source as a crawl would and prints the
// first posts, so a selector can be tried before it is trusted.
func testSource(ctx context.Context, path, name string, log *slog.Logger, io stdio) int {
	cfg, ok := loadConfig(path, io)
	if !ok {
		return exitError
	}
	var src *config.Source
	for i := range cfg.Sources {
		if cfg.Sources[i].Name == name {
			src = &cfg.Sources[i]
		}
	}
	if src == nil {
		fmt.Fprintf(io.err, "doxwatch sources --test: no source named %q in %s\n", name, path)
		return exitError
	}
	one := *src
	one.MaxPages = 1
	const show = 5
	n := 0
	loc := zoneOf(cfg)
	st, err := crawler.New(cfg.Crawl, nil, log).Crawl(ctx, one, crawler.Scan{}, func(p crawler.Post) error {
		if n++; n <= show {
			fmt.Fprintf(io.out, "post %d: %s\n", n, p.URL)
			if p.Author != "" || !p.Published.IsZero() {
				fmt.Fprintf(io.out, "  by %q at %s\n", p.Author, showTime(p.Published, loc, "never"))
			}
			text := []rune(strings.Join(strings.Fields(p.Text), " "))
			if len(text) > 200 {
				text = append(text[:200], '…')
			}
			fmt.Fprintf(io.out, "  %s\n", string(text))
			for _, img := range p.Images {
				fmt.Fprintf(io.out, "  image: %s\n", img)
			}
		}
		return nil
	})
	if err != nil {
		fmt.Fprintf(io.err, "doxwatch sources --test %s: %v\n", name, err)
		return exitError
	}
	if st.Posts == 0 {
		fmt.Fprintf(io.err, "doxwatch sources --test %s: %s\n", name, st.Empty)
		return exitError
	}
	fmt.Fprintf(io.out, "%d post(s) on the first page\n", st.Posts)
	return exitOK
}
