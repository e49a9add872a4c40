package main

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/doxwatch/doxwatch/alerts"
	"github.com/doxwatch/doxwatch/crawler"
	"github.com/doxwatch/doxwatch/daemon"
	"github.com/doxwatch/doxwatch/detect"
	"github.com/doxwatch/doxwatch/mailbox"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/roster"
)

func cmdRun(ctx context.Context, args []string, io stdio) int {
	var c common
	fs := newFlagSet("run", io, &c)
	log, code, ok := parse(fs, args, &c, io)
	if !ok {
		return code
	}
	a, ok := openApp(ctx, c, log, io)
	if !ok {
		return exitError
	}
	defer a.store.Close()
	load := func() (*daemon.Staff, error) {
		ros, err := loadRoster(a.cfg)
		if err != nil {
			return nil, err
		}
		det, err := detect.New(ros, detect.OptionsFromConfig(a.cfg))
		if err != nil {
			return nil, err
		}
		return &daemon.Staff{Roster: ros, Detector: det}, nil
	}
	d, err := daemon.New(a.cfg, a.store, a.pipeline(true), a.senderFor, load, log)
	if err != nil {
		fmt.Fprintf(io.err, "doxwatch run: %v\n", err)
		return exitError
	}
	var dash http.Handler
	if a.cfg.Web.Listen != "" {
		staff := staffFuncs{roster: func() *roster.Roster { return d.Staff().Roster },
			text: func() *detect.Detector { return d.Staff().Detector }}
		staff.img = imagesOf(a.cfg, staff.text)
		srv, err := a.dashboard(staff, d.Prepare(ctx), nil)
		if err != nil {
			fmt.Fprintf(io.err, "doxwatch run: %v\n", err)
			return exitError
		}
		dash = srv.Handler()
	}
	if a.cfg.Intake.IMAP.Host != "" {
		staff := staffFuncs{roster: func() *roster.Roster { return d.Staff().Roster },
			text: func() *detect.Detector { return d.Staff().Detector }}
		staff.img = imagesOf(a.cfg, staff.text)
		ck := a.intakeWith(staff.text, staff.img)
		ck.Source = model.SourceIntake
		d.Mailbox = &mailbox.Poller{Cfg: a.cfg.Intake.IMAP, Checker: ck, Fetch: crawler.New(a.cfg.Crawl, nil, log).Fetch, Log: log}
		if a.cfg.Intake.IMAP.Reply {
			tr, err := alerts.NewTransport(a.cfg.Alerts, a.cfg.ResolvePath(a.cfg.Alerts.OutboxDir))
			if err != nil {
				fmt.Fprintf(io.err, "doxwatch run: %v\n", err)
				return exitError
			}
			d.Mailbox.Reply = func(ctx context.Context, to string, found bool) error {
				return tr.Send(ctx, alerts.IntakeReply(a.cfg.Alerts, to, found))
			}
		}
	}
	d.Listeners = a.listeners(d, dash)
	if err := d.Run(ctx); err != nil {
		fmt.Fprintf(io.err, "doxwatch run: %v\n", err)
		return exitError
	}
	return exitOK
}

// cmdHealthcheck asks a running daemon whether it is well: for Docker's HEALTHCHECK.
func cmdHealthcheck(ctx context.Context, args []string, io stdio) int {
	var c common
	fs := newFlagSet("healthcheck", io, &c)
	if _, code, ok := parse(fs, args, &c, io); !ok {
		return code
	}
	cfg, ok := loadConfig(c.config, io)
	if !ok {
		return exitError
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+cfg.Listen+"/healthz", nil)
	if err != nil {
		fmt.Fprintln(io.err, err)
		return exitError
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintf(io.err, "doxwatch healthcheck: %v\n", err)
		return exitError
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(io.err, "doxwatch healthcheck: %s\n", resp.Status)
		return exitError
	}
	fmt.Fprintln(io.out, "ok")
	return exitOK
}
