// Package daemon runs doxwatch unattended: each source on its schedule,
// the outbox sender, the weekly digest and the daily retention purge, with
// a health and metrics endpoint, roster reloads and a clean shutdown.
package daemon

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/doxwatch/doxwatch/alerts"
	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/detect"
	"github.com/doxwatch/doxwatch/pipeline"
	"github.com/doxwatch/doxwatch/roster"
	"github.com/doxwatch/doxwatch/store"
)

// Staff is the roster with its detectors, swapped whole on reload.
type Staff struct {
	Roster   *roster.Roster
	Detector *detect.Detector
	// ImageDetector reads text from images; nil when OCR is off.
	ImageDetector *detect.Detector
}

// Loader reads the roster and builds its detector.
type Loader func() (*Staff, error)

// Daemon holds the parts the service runs.
type Daemon struct {
	cfg      *config.Config
	store    *store.Store
	pipeline *pipeline.Pipeline
	sender   *alerts.Sender
	load     Loader
	staff    atomic.Pointer[Staff]
	metrics  *Metrics
	log      *slog.Logger

	// Intervals the tests shorten.
	SendEvery, RosterPollEvery, ShutdownGrace time.Duration
	// JitterMax bounds the start offset of each source.
	JitterMax time.Duration
}

// New builds a daemon. The pipeline's and the sender's detector and roster
// are wired to the daemon's, so a reload reaches both.
func New(cfg *config.Config, st *store.Store, p *pipeline.Pipeline, newSender func(func() *roster.Roster) (*alerts.Sender, error),
	load Loader, log *slog.Logger) (*Daemon, error) {
	d := &Daemon{cfg: cfg, store: st, pipeline: p, load: load, log: log, metrics: NewMetrics(st),
		SendEvery: time.Minute, RosterPollEvery: 30 * time.Second, ShutdownGrace: 10 * time.Second, JitterMax: 2 * time.Minute}
	staff, err := load()
	if err != nil {
		return nil, err
	}
	d.staff.Store(staff)
	p.Detector = func() *detect.Detector { return d.staff.Load().Detector }
	if p.Images != nil {
		p.Images.Detector = func() *detect.Detector { return d.staff.Load().ImageDetector }
	}
	if d.sender, err = newSender(func() *roster.Roster { return d.staff.Load().Roster }); err != nil {
		return nil, err
	}
	return d, nil
}

// cronLogger adapts log/slog to cron's logger.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) { c.l.Debug("cron: "+msg, kv...) }
func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append(kv, "err", err)...)
}

// Run serves until ctx ends, then stops scheduling, lets running work
// finish its current database write, and returns.
func (d *Daemon) Run(ctx context.Context) error {
	loc, err := time.LoadLocation(d.cfg.Timezone)
	if err != nil {
		return err
	}
	clog := cronLogger{d.log}
	chain := cron.NewChain(cron.Recover(clog), cron.SkipIfStillRunning(clog))
	c := cron.New(cron.WithLocation(loc), cron.WithParser(config.CronParser), cron.WithLogger(clog))

	var first []cron.Job
	for _, src := range d.cfg.Sources {
		spec := src.Schedule
		if spec == "" {
			spec = d.cfg.Crawl.Schedule
		}
		sched, err := config.CronParser.Parse(spec)
		if err != nil {
			return fmt.Errorf("source %s: schedule %q: %w", src.Name, spec, err)
		}
		src, delay := src, jitter(src.Name, sched, d.JitterMax)
		job := chain.Then(cron.FuncJob(func() {
			if sleep(ctx, delay) != nil {
				return
			}
			if r := d.pipeline.Run(ctx, src); ctx.Err() == nil {
				d.metrics.observe(r)
			}
			d.drain(ctx)
		}))
		c.Schedule(sched, job)
		first = append(first, job)
	}
	send := chain.Then(cron.FuncJob(func() { d.drain(ctx) }))
	c.Schedule(cron.Every(d.SendEvery), send)
	digest := chain.Then(cron.FuncJob(func() { d.digest(ctx) }))
	if _, err := c.AddJob(d.cfg.Digest.Schedule, digest); err != nil {
		return fmt.Errorf("digest.schedule: %w", err)
	}
	// 04:30: out of the hours a DST change skips or repeats.
	purge := chain.Then(cron.FuncJob(func() { d.purge(ctx) }))
	if _, err := c.AddJob("30 4 * * *", purge); err != nil {
		return err
	}

	srv, err := d.serveHTTP()
	if err != nil {
		return err
	}
	c.Start()
	d.log.Info("doxwatch running", "sources", len(d.cfg.Sources), "listen", d.cfg.Listen, "timezone", d.cfg.Timezone)
	// Crawl every source once at start (each after its jitter), through
	// the same guards as the schedule, so a run never overlaps itself.
	for _, j := range first {
		go j.Run()
	}
	go send.Run()
	go d.watchRoster(ctx)

	<-ctx.Done()
	d.log.Info("shutting down")
	stopped := c.Stop()
	select {
	case <-stopped.Done():
	case <-time.After(d.ShutdownGrace):
		d.log.Warn("jobs still running at shutdown", "grace", d.ShutdownGrace)
	}
	if srv != nil {
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}
	return nil
}

// jitter spreads sources over the first part of their interval, the same
// offset for a source every time: they do not all start at once.
func jitter(name string, sched cron.Schedule, limit time.Duration) time.Duration {
	now := time.Now()
	next := sched.Next(now)
	interval := sched.Next(next).Sub(next)
	span := min(interval/10, limit)
	if span <= 0 {
		return 0
	}
	h := fnv.New64a()
	h.Write([]byte(name))
	return time.Duration(h.Sum64() % uint64(span))
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (d *Daemon) drain(ctx context.Context) {
	if _, err := d.sender.Drain(ctx); err != nil && ctx.Err() == nil {
		d.log.Error("sending e-mail", "err", err)
	}
}

func (d *Daemon) digest(ctx context.Context) {
	if _, err := d.sender.QueueDigest(ctx, time.Now()); err != nil {
		d.log.Error("queueing the digest", "err", err)
		return
	}
	d.drain(ctx)
}

func (d *Daemon) purge(ctx context.Context) {
	cutoff := time.Now().AddDate(0, 0, -d.cfg.Retention.Days)
	p, err := d.store.Purge(ctx, cutoff)
	if err != nil {
		d.log.Error("retention purge", "err", err)
		return
	}
	d.log.Info("retention purge", "before", cutoff.Format(time.DateOnly), "hits", p.Hits, "documents", p.Documents,
		"emails", p.Outbox, "cached_pages", p.Cache)
}

// Reload reads the roster again and swaps it in; on error the old one stays.
func (d *Daemon) Reload() error {
	staff, err := d.load()
	if err != nil {
		d.log.Error("roster reload failed; keeping the roster in use", "err", err)
		return err
	}
	d.staff.Store(staff)
	d.log.Info("roster reloaded", "employees", len(staff.Roster.Employees))
	return nil
}

// watchRoster reloads the roster on SIGHUP or when its file changes.
func (d *Daemon) watchRoster(ctx context.Context) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	path := d.cfg.ResolvePath(d.cfg.Roster)
	last := modTime(path)
	tick := time.NewTicker(d.RosterPollEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			_ = d.Reload()
			last = modTime(path)
		case <-tick.C:
			if m := modTime(path); !m.Equal(last) {
				last = m
				_ = d.Reload()
			}
		}
	}
}

func modTime(path string) time.Time {
	st, err := os.Stat(path)
	if err != nil {
		return time.Time{}
	}
	return st.ModTime()
}

// serveHTTP starts /healthz and /metrics on the configured address ("" for none).
func (d *Daemon) serveHTTP() (*http.Server, error) {
	if d.cfg.Listen == "" {
		return nil, nil
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		if _, err := d.store.SchemaVersion(r.Context()); err != nil {
			http.Error(w, "database: "+err.Error(), http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	mux.Handle("/metrics", d.metrics.Handler())
	ln, err := net.Listen("tcp", d.cfg.Listen)
	if err != nil {
		return nil, fmt.Errorf("listen %s: %w", d.cfg.Listen, err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			d.log.Error("http listener", "err", err)
		}
	}()
	return srv, nil
}
