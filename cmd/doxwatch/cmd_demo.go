package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/doxwatch/doxwatch/demo"
	"github.com/doxwatch/doxwatch/store"
)

func cmdDemo(ctx context.Context, args []string, io stdio) int {
	var c common
	fs := newFlagSet("demo", io, &c)
	dir := fs.String("dir", "./doxwatch-demo", "where the demo writes its configuration, database and e-mails")
	_ = fs.Set("log-level", "warn") // the demo's own output tells the story
	log, code, ok := parse(fs, args, &c, io)
	if !ok {
		return code
	}
	// Start fresh: the demo site gets a new port each run, so yesterday's
	// database would hold yesterday's URLs. Only the demo's own files go.
	for _, name := range []string{"doxwatch.db", "doxwatch.db-wal", "doxwatch.db-shm", "outbox"} {
		if err := os.RemoveAll(filepath.Join(*dir, name)); err != nil {
			fmt.Fprintf(io.err, "doxwatch demo: %v\n", err)
			return exitError
		}
	}
	site, err := demo.Start(ctx)
	if err != nil {
		fmt.Fprintf(io.err, "doxwatch demo: %v\n", err)
		return exitError
	}
	defer site.Close()
	c.config, err = demo.WriteFiles(*dir, site)
	if err != nil {
		fmt.Fprintf(io.err, "doxwatch demo: %v\n", err)
		return exitError
	}
	fmt.Fprintf(io.out, "Demo site (invented posts) at %s; demo files in %s\n\n", site.URL, *dir)
	a, ok := openApp(ctx, c, log, io)
	if !ok {
		return exitError
	}
	defer a.store.Close()
	results := a.pipeline(true).RunAll(ctx, a.cfg.Sources, a.cfg.Crawl.ParallelHosts, nil)
	code = printRescan(io, results)
	sent, err := sendQueued(ctx, a)
	if err != nil {
		fmt.Fprintf(io.err, "doxwatch demo: sending alerts: %v\n", err)
		return exitError
	}
	hits, err := a.store.Hits(ctx, store.HitFilter{})
	if err != nil {
		fmt.Fprintln(io.err, err)
		return exitError
	}
	fmt.Fprintf(io.out, "\nFindings (%d):\n", len(hits))
	printHits(io, hits, false)
	outbox := a.cfg.ResolvePath(a.cfg.Alerts.OutboxDir)
	fmt.Fprintf(io.out, "\n%d alert e-mail(s) written to %s\n", sent, outbox)
	fmt.Fprintf(io.out, "\nTry next:\n  doxwatch hits list --config %s\n  doxwatch digest --preview --config %[1]s\n  doxwatch sources --config %[1]s\n", c.config)
	return code
}
