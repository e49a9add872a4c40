package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/doxwatch/doxwatch/alerts"
	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/crawler"
	"github.com/doxwatch/doxwatch/detect"
	"github.com/doxwatch/doxwatch/pipeline"
	"github.com/doxwatch/doxwatch/roster"
	"github.com/doxwatch/doxwatch/store"
)

// app is what most commands need, built from the configuration.
type app struct {
	cfg    *config.Config
	roster *roster.Roster
	det    *detect.Detector
	store  *store.Store
	log    *slog.Logger
}

// openApp loads the configuration, the roster and the database, printing
// any problem. The caller closes a.store.
func openApp(ctx context.Context, c common, log *slog.Logger, io stdio) (*app, bool) {
	cfg, ok := loadConfig(c.config, io)
	if !ok {
		return nil, false
	}
	a := &app{cfg: cfg, log: log}
	var err error
	if a.roster, err = loadRoster(cfg); err != nil {
		fmt.Fprintln(io.err, err)
		return nil, false
	}
	if a.det, err = detect.New(a.roster, detect.OptionsFromConfig(cfg)); err != nil {
		fmt.Fprintln(io.err, err)
		return nil, false
	}
	if a.store, err = openStore(ctx, cfg, io); err != nil {
		return nil, false
	}
	infos := make([]store.SourceInfo, len(cfg.Sources))
	for i, s := range cfg.Sources {
		infos[i] = store.SourceInfo{Name: s.Name, Type: s.Type}
	}
	if err := a.store.EnsureSources(ctx, infos); err != nil {
		fmt.Fprintln(io.err, err)
		a.store.Close()
		return nil, false
	}
	return a, true
}

func openStore(ctx context.Context, cfg *config.Config, io stdio) (*store.Store, error) {
	st, err := store.Open(ctx, cfg.ResolvePath(cfg.Database), store.Options{})
	if err != nil {
		fmt.Fprintln(io.err, err)
	}
	return st, err
}

// pipeline builds the crawl pipeline; alerts false queues no alerts.
func (a *app) pipeline(alerts bool) *pipeline.Pipeline {
	var alertAt detect.Severity
	if alerts {
		alertAt, _ = detect.ParseSeverity(a.cfg.Alerts.MinSeverity) // validated with the config
	}
	return &pipeline.Pipeline{
		Crawler:        crawler.New(a.cfg.Crawl, a.store, a.log),
		Detector:       func() *detect.Detector { return a.det },
		Store:          a.store,
		AlertAt:        alertAt,
		UnhealthyAfter: a.cfg.Crawl.UnhealthyAfter,
		Log:            a.log,
	}
}

// sender builds the alert sender with the configured transport.
func (a *app) sender() (*alerts.Sender, error) {
	tr, err := alerts.NewTransport(a.cfg.Alerts, a.cfg.ResolvePath(a.cfg.Alerts.OutboxDir))
	if err != nil {
		return nil, err
	}
	return alerts.NewSender(a.cfg, a.store, tr, func() *roster.Roster { return a.roster }, a.log)
}

// whereSent says where the file transport put the e-mails.
func (a *app) whereSent() string {
	if a.cfg.Alerts.Transport == "file" {
		return " to " + a.cfg.ResolvePath(a.cfg.Alerts.OutboxDir)
	}
	return ""
}
