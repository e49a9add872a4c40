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
	"github.com/doxwatch/doxwatch/crawler"
	"github.com/doxwatch/doxwatch/detect"
	"github.com/doxwatch/doxwatch/evidence"
	"github.com/doxwatch/doxwatch/mailbox"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/pipeline"
	"github.com/doxwatch/doxwatch/roster"
	"github.com/doxwatch/doxwatch/store"
)

// Staff is the roster with its detector, swapped whole on reload.
type Staff struct {
	Roster *roster.Roster
	// Detector finds the roster in text; its ForImages, in text read
	// from images.
	Detector *detect.Detector
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
	queue    *pipeline.Queue

	// Listeners are served while the daemon runs: /healthz and /metrics,
	// the dashboard, composed by the caller.
	Listeners []Listener
	// Mailbox, when set, is the intake mailbox, polled on its interval.
	Mailbox *mailbox.Poller

	// Intervals the tests shorten.
	SendEvery, RosterPollEvery, ShutdownGrace, CheckEvery time.Duration
	// JitterMax bounds the start offset of each source.
	JitterMax time.Duration
}

// Listener is an address and what it serves.
type Listener struct {
	Addr    string
	Handler http.Handler
}

// New builds a daemon. The pipeline's and the sender's detector and roster
// are wired to the daemon's, so a reload reaches both.
func New(cfg *config.Config, st *store.Store, p *pipeline.Pipeline, newSender func(func() *roster.Roster) (*alerts.Sender, error),
	load Loader, log *slog.Logger) (*Daemon, error) {
	d := &Daemon{cfg: cfg, store: st, pipeline: p, load: load, log: log, metrics: NewMetrics(st),
		SendEvery: time.Minute, RosterPollEvery: 30 * time.Second, ShutdownGrace: 10 * time.Second, CheckEvery: time.Hour,
		JitterMax: 2 * time.Minute}
	staff, err := load()
	if err != nil {
		return nil, err
	}
	d.staff.Store(staff)
	p.Detector = func() *detect.Detector { return d.staff.Load().Detector }
	if p.Images != nil {
		p.Images.Detector = func() *detect.Detector { return d.staff.Load().Detector.ForImages() }
	}
	if d.sender, err = newSender(func() *roster.Roster { return d.staff.Load().Roster }); err != nil {
		return nil, err
	}
	return d, nil
}

// Staff is the roster and detectors in use now.
func (d *Daemon) Staff() *Staff { return d.staff.Load() }

// Queue is where runs of a source are requested by hand; it exists once
// Run has started and is nil before.
func (d *Daemon) Queue() *pipeline.Queue { return d.queue }

// Health answers 200 "ok" while the database answers and seems sound (the
// last integrity check passed, no write failed on a damaged file), 503
// with the reason otherwise.
func (d *Daemon) Health() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, err := d.store.SchemaVersion(r.Context())
		if err == nil {
			err = d.store.Health()
		}
		if err != nil {
			http.Error(w, "database: "+err.Error(), http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})
}

// Metrics serves the Prometheus metrics.
func (d *Daemon) Metrics() http.Handler { return d.metrics.Handler() }

// Prepare makes the run queue for ctx, so that handlers built before Run
// can use it.
func (d *Daemon) Prepare(ctx context.Context) *pipeline.Queue {
	d.queue = pipeline.NewQueue(ctx, d.pipeline, d.cfg.Sources, func(r pipeline.Result) {
		d.metrics.observe(r)
		d.drain(ctx)
	})
	return d.queue
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
		spec := d.cfg.ScheduleOf(src)
		sched, err := config.CronParser.Parse(spec)
		if err != nil {
			return fmt.Errorf("source %s: schedule %q: %w", src.Name, spec, err)
		}
		src, delay := src, jitter(src.Name, sched, d.JitterMax)
		job := chain.Then(cron.FuncJob(func() {
			if crawler.Wait(ctx, delay) != nil {
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
	if d.Mailbox != nil {
		poll := chain.Then(cron.FuncJob(func() { d.pollMailbox(ctx) }))
		c.Schedule(cron.Every(d.Mailbox.Cfg.PollInterval), poll)
		go poll.Run()
	}
	// Every day, whether the posts of open serious hits are still online.
	online := chain.Then(cron.FuncJob(func() { d.checkOnline(ctx) }))
	if _, err := c.AddJob("15 5 * * *", online); err != nil {
		return err
	}
	// An integrity check at start and every hour: a damaged file must make
	// the health check fail, not only the command that happens to read it.
	check := chain.Then(cron.FuncJob(func() { d.checkDatabase(ctx) }))
	c.Schedule(cron.Every(d.CheckEvery), check)
	go check.Run()

	if d.queue == nil {
		d.Prepare(ctx)
	}
	servers, err := d.serveHTTP()
	if err != nil {
		return err
	}
	c.Start()
	addrs := make([]string, len(servers))
	for i, s := range servers {
		addrs[i] = s.Addr
	}
	d.log.Info("doxwatch running", "sources", len(d.cfg.Sources), "listen", addrs, "timezone", d.cfg.Timezone)
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
	d.queue.Wait()
	shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	for _, srv := range servers {
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

// pollMailbox reads the intake mailbox and records the poll like a run of
// a source, so `doxwatch sources`, the dashboard and the digest show it.
func (d *Daemon) pollMailbox(ctx context.Context) {
	res, err := d.Mailbox.Poll(ctx)
	if ctx.Err() != nil {
		return
	}
	run := store.Run{Pages: res.Handled, Posts: res.Handled, Channels: d.cfg.Alerts.ChannelNames()}
	switch {
	case err != nil:
		run.Err = err.Error()
	default:
		run.Warning = res.Warning()
	}
	if rerr := d.store.RecordRun(ctx, model.SourceIntake, run, d.cfg.Crawl.UnhealthyAfter); rerr != nil {
		d.log.Error("recording the mailbox poll", "err", rerr)
	}
	if err != nil {
		d.log.Warn("intake mailbox", "err", err)
		return
	}
	if res.Handled+res.Refused > 0 {
		d.log.Info("intake mailbox polled", "handled", res.Handled, "refused", res.Refused, "failed", res.Failed,
			"new_hits", res.Hits, "alerts", res.Alerts)
		d.drain(ctx)
	}
}

func (d *Daemon) checkOnline(ctx context.Context) {
	min, _ := model.ParseSeverity(d.cfg.Evidence.MinSeverity) // validated with the config
	res, err := d.pipeline.CheckOnline(ctx, d.cfg.Sources, min, d.cfg.Crawl.Delay)
	if err != nil && ctx.Err() == nil {
		d.log.Error("checking whether posts are still online", "err", err)
	}
	d.log.Info("posts checked", "checked", res.Checked, "online", res.Online, "removed", res.Removed, "unknown", res.Unknown)
}

func (d *Daemon) checkDatabase(ctx context.Context) {
	if err := d.store.QuickCheck(ctx); err != nil && ctx.Err() == nil {
		d.log.Error("database integrity check failed", "err", err)
	}
}

func (d *Daemon) purge(ctx context.Context) {
	cutoff := time.Now().AddDate(0, 0, -d.cfg.Retention.Days)
	p, err := d.store.Purge(ctx, cutoff)
	if err != nil {
		d.log.Error("retention purge", "err", err)
		return
	}
	if err := evidence.Remove(d.cfg.ResolvePath(d.cfg.Evidence.Dir), p.EvidenceFiles); err != nil {
		d.log.Error("retention purge of evidence files", "err", err)
	}
	d.log.Info("retention purge", "before", cutoff.Format(time.DateOnly), "hits", p.Hits, "documents", p.Documents,
		"emails", p.Outbox, "cached_pages", p.Cache, "evidence_records", p.Evidence)
}

// Reload reads the roster again and swaps it in; on error the old one stays.
func (d *Daemon) Reload() error {
	staff, err := d.load()
	if err != nil {
		d.log.Error("roster reload failed; keeping the roster in use", "err", err)
		return err
	}
	old := d.staff.Swap(staff)
	// Pages already read are read again for what changed, once.
	reread := 0
	if old == nil || old.Detector.Fingerprint() != staff.Detector.Fingerprint() {
		reread = len(d.cfg.Sources)
	}
	d.log.Info("roster reloaded", "employees", len(staff.Roster.Employees), "sources_to_reread", reread)
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

// serveHTTP starts the listeners; each server's Addr is the address it
// listens on (with the port a ":0" got).
func (d *Daemon) serveHTTP() ([]*http.Server, error) {
	var servers []*http.Server
	for _, l := range d.Listeners {
		ln, err := net.Listen("tcp", l.Addr)
		if err != nil {
			for _, s := range servers {
				s.Close()
			}
			return nil, fmt.Errorf("listen %s: %w", l.Addr, err)
		}
		srv := &http.Server{Addr: ln.Addr().String(), Handler: l.Handler, ReadHeaderTimeout: 5 * time.Second,
			ReadTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute}
		go func() {
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				d.log.Error("http listener", "err", err)
			}
		}()
		servers = append(servers, srv)
	}
	return servers, nil
}
