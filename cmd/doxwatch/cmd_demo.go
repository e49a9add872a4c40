package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/doxwatch/doxwatch/demo"
	"github.com/doxwatch/doxwatch/detect"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/password"
	"github.com/doxwatch/doxwatch/pipeline"
	"github.com/doxwatch/doxwatch/roster"
	"github.com/doxwatch/doxwatch/store"
)

func cmdDemo(ctx context.Context, args []string, io stdio) int {
	var c common
	fs := newFlagSet("demo", io, &c)
	dir := fs.String("dir", "./doxwatch-demo", "where the demo writes its configuration, database and e-mails")
	once := fs.Bool("once", false, "exit after the crawl instead of serving the dashboard")
	listen := fs.String("listen", "127.0.0.1:8080", "where the demo serves the dashboard (another free port if taken)")
	_ = fs.Set("log-level", "warn") // the demo's own output tells the story
	log, code, ok := parse(fs, args, &c, io)
	if !ok {
		return code
	}
	// Start fresh: the demo site gets a new port each run, so yesterday's
	// database would hold yesterday's URLs. Only the demo's own files go.
	for _, name := range []string{"doxwatch.db", "doxwatch.db-wal", "doxwatch.db-shm", "outbox", "evidence"} {
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
	if !a.loadStaff(io, true) {
		return exitError
	}
	var ln net.Listener
	if !*once {
		// The dashboard's address is known before the crawl, so that the
		// alert e-mails link to each hit there, as web.public_url makes
		// them do for real: the contact acts from the e-mail, not a
		// terminal.
		if ln, err = net.Listen("tcp", *listen); err != nil {
			if ln, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
				fmt.Fprintf(io.err, "doxwatch demo: %v\n", err)
				return exitError
			}
		}
		defer ln.Close()
		a.cfg.Web.PublicURL = "http://" + ln.Addr().String()
	}
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
	newHitFormat(a.cfg, io).printHits(io, hits, false)
	outbox := a.cfg.ResolvePath(a.cfg.Alerts.OutboxDir)
	fmt.Fprintf(io.out, "\n%d alert e-mail(s) written to %s\n", sent, outbox)
	fmt.Fprintf(io.out, "\nTry next:\n  doxwatch hits list --config %s\n  doxwatch digest --preview --config %[1]s\n  doxwatch sources --config %[1]s\n"+
		"  doxwatch evidence verify --config %[1]s\n  doxwatch evidence export 2 --out case.zip --config %[1]s\n", c.config)
	if *once {
		return code
	}
	if err := serveDemoDashboard(ctx, a, ln, io); err != nil {
		fmt.Fprintf(io.err, "doxwatch demo: %v\n", err)
		return exitError
	}
	return code
}

// serveDemoDashboard makes a demo account and serves the dashboard on ln
// until ctx ends (Ctrl-C).
func serveDemoDashboard(ctx context.Context, a *app, ln net.Listener, io stdio) error {
	pw := password.Generate()
	hash, err := password.Hash(pw)
	if err != nil {
		return err
	}
	if u, err := a.store.UserByName(ctx, "demo"); err == nil {
		err = a.store.SetPassword(ctx, u.ID, hash)
		if err != nil {
			return err
		}
	} else if _, err := a.store.AddUser(ctx, "demo", model.RoleAdmin, hash); err != nil {
		return err
	}
	send := func(ctx context.Context) {
		if _, err := sendQueued(ctx, a); err != nil {
			a.log.Warn("sending alerts", "err", err)
		}
	}
	queue := pipeline.NewQueue(ctx, a.pipeline(true), a.cfg.Sources, func(pipeline.Result) { send(ctx) })
	staff := staffFuncs{roster: func() *roster.Roster { return a.roster }, text: func() *detect.Detector { return a.det }}
	staff.img = imagesOf(a.cfg, staff.text)
	dash, err := a.dashboard(staff, queue, send)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: dash.Handler(), ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()
	fmt.Fprintf(io.out, "\nDashboard: http://%s/  (user: demo, password: %s)\nPress Ctrl-C to stop.\n", ln.Addr(), pw)
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	queue.Wait()
	return nil
}
