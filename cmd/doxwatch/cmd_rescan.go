package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/pipeline"
)

func cmdRescan(ctx context.Context, args []string, io stdio) int {
	var c common
	fs := newFlagSet("rescan", io, &c)
	only := fs.StringArray("source", nil, "crawl only this source (repeatable)")
	noAlerts := fs.Bool("no-alerts", false, "store hits without queueing alerts (they still appear in the digest)")
	full := fs.Bool("full", false, "read and scan every page and post again, even unchanged ones (only new findings become hits)")
	if isTerminal(io.err) {
		_ = fs.Set("log-level", "warn") // the progress display tells the story; --log-level still wins
	}
	log, code, ok := parse(fs, args, &c, io)
	if !ok {
		return code
	}
	a, ok := openApp(ctx, c, log, io)
	if !ok {
		return exitError
	}
	defer a.store.Close()
	if !a.loadStaff(io, true) {
		return exitError
	}
	// A damaged database would take hits and lose them: refuse to crawl
	// into it, and say so.
	if err := a.store.QuickCheck(ctx); err != nil {
		fmt.Fprintf(io.err, "doxwatch rescan: %v\n", err)
		return exitError
	}
	srcs, err := selectSources(a.cfg.Sources, *only)
	if err != nil {
		fmt.Fprintf(io.err, "doxwatch rescan: %v\n", err)
		return exitError
	}
	p := a.pipeline(!*noAlerts)
	p.Full = *full
	var done func(pipeline.Result)
	if isTerminal(io.err) {
		bar := &progress{w: io.err, total: len(srcs)}
		p.Progress, done = bar.update, bar.finished
	}
	results := p.RunAll(ctx, srcs, a.cfg.Crawl.ParallelHosts, done)
	code = printRescan(io, results)
	if *noAlerts {
		return code
	}
	if n, err := sendQueued(ctx, a); err != nil {
		fmt.Fprintf(io.err, "doxwatch rescan: sending alerts: %v\n", err)
		return exitError
	} else if n > 0 {
		fmt.Fprintf(io.out, "%d e-mail(s) sent%s.\n", n, a.whereSent())
	}
	return code
}

// sendQueued sends what the outbox holds now; what cannot go now stays
// queued for the daemon.
func sendQueued(ctx context.Context, a *app) (int, error) {
	s, err := a.sender()
	if err != nil {
		return 0, err
	}
	return s.Drain(ctx)
}

func selectSources(all []config.Source, only []string) ([]config.Source, error) {
	if len(only) == 0 {
		return all, nil
	}
	var out []config.Source
	for _, name := range only {
		found := false
		for _, s := range all {
			if s.Name == name {
				out, found = append(out, s), true
			}
		}
		if !found {
			return nil, fmt.Errorf("no source named %q in the configuration", name)
		}
	}
	return out, nil
}

func printRescan(io stdio, results []pipeline.Result) int {
	tw := tabwriter.NewWriter(io.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tPAGES\t304\tPOSTS\tSEEN BEFORE\tNEW HITS (crit/high/med/low)\tALERTS\tRESULT")
	code := exitOK
	alerts := 0
	for _, r := range results {
		status := "ok"
		if r.Err != nil {
			status, code = "error: "+r.Err.Error(), exitError
		} else if len(r.Stats.Truncated) > 0 {
			status = fmt.Sprintf("ok, %d page(s) not read whole", len(r.Stats.Truncated))
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d/%d/%d/%d\t%d\t%s\n", r.Source, r.Stats.Pages, r.Stats.NotModified, r.Stats.Posts, r.Unchanged,
			r.New[model.Critical], r.New[model.High], r.New[model.Medium], r.New[model.Low], r.Alerts, status)
		alerts += r.Alerts
	}
	tw.Flush()
	fmt.Fprintf(io.out, "%d alert(s) queued.\n", alerts)
	return code
}
