package main

import (
	"context"
	"net/http"

	"github.com/doxwatch/doxwatch/crawler"
	"github.com/doxwatch/doxwatch/daemon"
	"github.com/doxwatch/doxwatch/detect"
	"github.com/doxwatch/doxwatch/pipeline"
	"github.com/doxwatch/doxwatch/roster"
	"github.com/doxwatch/doxwatch/web"
)

// staffFuncs read the current roster and detectors.
type staffFuncs struct {
	roster    func() *roster.Roster
	text, img func() *detect.Detector
}

// dashboard builds the web dashboard on the app's store and config.
func (a *app) dashboard(staff staffFuncs, queue *pipeline.Queue, afterRecord func(context.Context)) (*web.Server, error) {
	fetcher := crawler.New(a.cfg.Crawl, nil, a.log)
	return web.New(web.Deps{
		Config: a.cfg, Store: a.store, Roster: staff.roster, Intake: a.intakeWith(staff.text, staff.img),
		Fetch: fetcher.Fetch, Queue: queue, AfterRecord: afterRecord, Log: a.log,
	})
}

// listeners composes what the daemon serves: /healthz and /metrics on
// `listen`, the dashboard on `web.listen`; one server when they are the
// same address.
func (a *app) listeners(ops *daemon.Daemon, dash http.Handler) []daemon.Listener {
	opsMux := http.NewServeMux()
	opsMux.Handle("GET /healthz", ops.Health())
	opsMux.Handle("GET /metrics", ops.Metrics())
	var ls []daemon.Listener
	switch {
	case dash != nil && a.cfg.Web.Listen == a.cfg.Listen:
		opsMux.Handle("/", dash)
		ls = append(ls, daemon.Listener{Addr: a.cfg.Listen, Handler: opsMux})
	default:
		if a.cfg.Listen != "" {
			ls = append(ls, daemon.Listener{Addr: a.cfg.Listen, Handler: opsMux})
		}
		if dash != nil {
			ls = append(ls, daemon.Listener{Addr: a.cfg.Web.Listen, Handler: dash})
		}
	}
	return ls
}
