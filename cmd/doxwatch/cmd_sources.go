package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/doxwatch/doxwatch/model"
)

func cmdSources(ctx context.Context, args []string, io stdio) int {
	var c common
	fs := newFlagSet("sources", io, &c)
	if _, code, ok := parse(fs, args, &c, io); !ok {
		return code
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
	for _, s := range cfg.Sources {
		schedule[s.Name] = s.Schedule
		if s.Schedule == "" {
			schedule[s.Name] = cfg.Crawl.Schedule
		}
	}
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
			health = "UNHEALTHY: " + s.HealthReason
		case s.LastError != "" && s.ConsecutiveFailures > 0:
			health = fmt.Sprintf("failing (%d): %s", s.ConsecutiveFailures, s.LastError)
		case s.LastError != "":
			health = "ok; " + s.LastError
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d (%d)\t%s\n", s.Name, s.Type, sched, when(s.LastRun), when(s.LastOK), s.PostsSeen, s.Hits, s.NewHits, health)
	}
	tw.Flush()
	return exitOK
}

func when(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.Local().Format("2006-01-02 15:04")
}
