package main

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"

	"github.com/doxwatch/doxwatch/alerts"
	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/crawler"
	"github.com/doxwatch/doxwatch/detect"
	"github.com/doxwatch/doxwatch/evidence"
	"github.com/doxwatch/doxwatch/intake"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/ocr"
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

// openApp loads the configuration and the database, printing any
// problem; the roster and its index are the command's to load (see
// loadStaff), as only it knows which of them it needs. The caller closes
// a.store.
func openApp(ctx context.Context, c common, log *slog.Logger, io stdio) (*app, bool) {
	cfg, ok := loadConfig(c.config, io)
	if !ok {
		return nil, false
	}
	a := &app{cfg: cfg, log: log}
	var err error
	if a.store, err = openStore(ctx, cfg, io); err != nil {
		return nil, false
	}
	infos := make([]store.SourceInfo, len(cfg.Sources))
	for i, s := range cfg.Sources {
		infos[i] = store.SourceInfo{Name: s.Name, Type: s.Type}
	}
	if cfg.Intake.IMAP.Host != "" {
		infos = append(infos, store.SourceInfo{Name: model.SourceIntake, Type: "mailbox"})
	}
	if err := a.store.EnsureSources(ctx, infos); err != nil {
		fmt.Fprintln(io.err, err)
		a.store.Close()
		return nil, false
	}
	return a, true
}

// loadStaff reads the roster and, with index, builds its detector,
// printing any problem.
func (a *app) loadStaff(io stdio, index bool) bool {
	// The collector waits until the index is built: run as the heap
	// doubles, it marks the growing index again each time, a fifth of
	// start-up, while reading the roster leaves little garbage (8 MB for
	// 10,000 employees).
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	var err error
	if a.roster, err = loadRoster(a.cfg); err == nil && index {
		a.det, err = detect.New(a.roster, detect.OptionsFromConfig(a.cfg))
	}
	if err != nil {
		fmt.Fprintln(io.err, err)
		return false
	}
	return true
}

// configAndStore loads the configuration and opens its database, for the
// commands that need no roster.
func configAndStore(ctx context.Context, path string, io stdio) (*config.Config, *store.Store, bool) {
	cfg, ok := loadConfig(path, io)
	if !ok {
		return nil, nil, false
	}
	st, err := openStore(ctx, cfg, io)
	return cfg, st, err == nil
}

func openStore(ctx context.Context, cfg *config.Config, io stdio) (*store.Store, error) {
	st, err := store.Open(ctx, cfg.ResolvePath(cfg.Database), store.Options{})
	if err != nil {
		fmt.Fprintln(io.err, err)
	}
	return st, err
}

// imagesOf returns the detector for text read from images of the
// detector det gives (built on the first image), or nil when OCR is off.
func imagesOf(cfg *config.Config, det func() *detect.Detector) func() *detect.Detector {
	if !cfg.OCR.Enabled {
		return nil
	}
	return func() *detect.Detector { return det().ForImages() }
}

// ocrReader returns the OCR reader, or nil with one clear warning when
// tesseract is missing (images are then skipped; text is still scanned).
func (a *app) ocrReader() *ocr.Reader {
	o := a.cfg.OCR
	r, err := ocr.New(ocr.Options{Languages: o.Languages, MaxBytes: o.MaxImageBytes, MaxPixels: o.MaxPixels, Timeout: o.Timeout})
	if err != nil {
		a.log.Warn("images will not be read; text is still scanned", "err", err)
		return nil
	}
	return r
}

// pipeline builds the crawl pipeline; alerts false queues no alerts.
func (a *app) pipeline(alerts bool) *pipeline.Pipeline {
	var routes []model.Route
	if alerts {
		routes = a.cfg.Alerts.Routes()
	}
	text := func() *detect.Detector { return a.det }
	p := a.recorder(text, imagesOf(a.cfg, text), routes)
	cr := crawler.New(a.cfg.Crawl, a.store, a.log)
	p.Crawler, p.HealthTo, p.UnhealthyAfter = cr, a.cfg.Alerts.ChannelNames(), a.cfg.Crawl.UnhealthyAfter
	if a.cfg.Evidence.Browser != "" {
		if path, err := evidence.FindBrowser(); err != nil {
			a.log.Warn("pages will not be rendered for the evidence", "err", err)
		} else {
			p.Browser = &evidence.Browser{ExecPath: path, Timeout: a.cfg.Evidence.BrowserTimeout}
		}
	}
	if p.Images != nil {
		p.Images.Fetch = func(ctx context.Context, url string) ([]byte, error) {
			data, _, err := cr.Fetch(ctx, url, a.cfg.OCR.MaxImageBytes)
			return data, err
		}
		p.Images.Reader = a.ocrReader()
	}
	return p
}

// recorder is the part of the pipeline that handles posts (detection,
// recording with alerts on routes, evidence), without a crawler: for posts
// handed in, and the base of the crawl pipeline. img is nil when images
// are not read.
func (a *app) recorder(text, img func() *detect.Detector, routes []model.Route) *pipeline.Pipeline {
	p := &pipeline.Pipeline{Detector: text, Store: a.store, Routes: routes, Log: a.log, Evidence: a.evidence()}
	p.EvidenceAt, _ = model.ParseSeverity(a.cfg.Evidence.MinSeverity) // validated with the config
	if img != nil {
		p.Images = &pipeline.Images{Store: a.store, Detector: img, MaxPerPost: a.cfg.OCR.MaxImagesPerPost, MaxPixels: a.cfg.OCR.MaxPixels,
			Log: a.log}
	}
	return p
}

// intake builds the checker for posts handed in by hand with the app's
// detectors; it starts the OCR reader on the first image.
func (a *app) intake() *intake.Checker {
	text := func() *detect.Detector { return a.det }
	return a.intakeWith(text, imagesOf(a.cfg, text))
}

// intakeWith builds the checker with detectors that may change (the
// daemon's, on roster reload); img is nil when images are not read.
func (a *app) intakeWith(text, img func() *detect.Detector) *intake.Checker {
	reader := sync.OnceValues(func() (*ocr.Reader, error) {
		if r := a.ocrReader(); r != nil {
			return r, nil
		}
		return nil, ocr.ErrUnavailable
	})
	ck := &intake.Checker{Detector: text, ImageDetector: img, OCR: reader}
	if a.store != nil {
		ck.Pipeline = a.recorder(text, img, a.cfg.Alerts.Routes())
	}
	return ck
}

// evidence is where posts with serious hits are preserved.
func (a *app) evidence() *evidence.Writer {
	return &evidence.Writer{Dir: a.cfg.ResolvePath(a.cfg.Evidence.Dir), Store: a.store}
}

// sender builds the alert sender with the configured transport.
func (a *app) sender() (*alerts.Sender, error) {
	return a.senderFor(func() *roster.Roster { return a.roster })
}

// senderFor builds the alert sender with rosterFn for the employees' names
// (the daemon's roster can be reloaded).
func (a *app) senderFor(rosterFn func() *roster.Roster) (*alerts.Sender, error) {
	tr, err := alerts.NewTransport(a.cfg.Alerts, a.cfg.ResolvePath(a.cfg.Alerts.OutboxDir))
	if err != nil {
		return nil, err
	}
	return alerts.NewSender(a.cfg, a.store, tr, rosterFn, a.log)
}

// whereSent says where the file transport put the e-mails.
func (a *app) whereSent() string {
	if a.cfg.Alerts.Transport == "file" {
		return " to " + a.cfg.ResolvePath(a.cfg.Alerts.OutboxDir)
	}
	return ""
}
