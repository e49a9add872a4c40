package daemon

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/doxwatch/doxwatch/pipeline"
	"github.com/doxwatch/doxwatch/store"
)

// Metrics are the daemon's Prometheus metrics, in a registry of its own.
type Metrics struct {
	reg         *prometheus.Registry
	posts       *prometheus.CounterVec
	hits        *prometheus.CounterVec
	errors      *prometheus.CounterVec
	lastSuccess *prometheus.GaugeVec
}

// NewMetrics registers the metrics; the outbox gauges read the store when scraped.
func NewMetrics(st *store.Store) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		posts: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "doxwatch_posts_fetched_total",
			Help: "Posts read from each source."}, []string{"source"}),
		hits: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "doxwatch_hits_total",
			Help: "New hits stored, by severity."}, []string{"severity"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "doxwatch_source_errors_total",
			Help: "Failed runs of each source."}, []string{"source"}),
		lastSuccess: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "doxwatch_source_last_success_timestamp_seconds",
			Help: "When each source last ran without error."}, []string{"source"}),
	}
	depth := func(failed bool) func() float64 {
		return func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			p, f, err := st.OutboxDepth(ctx)
			if err != nil {
				return -1
			}
			if failed {
				return float64(f)
			}
			return float64(p)
		}
	}
	m.reg.MustRegister(m.posts, m.hits, m.errors, m.lastSuccess,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "doxwatch_outbox_pending", Help: "E-mails waiting to be sent."}, depth(false)),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "doxwatch_outbox_failed", Help: "E-mails given up on."}, depth(true)),
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *Metrics) observe(r pipeline.Result) {
	m.posts.WithLabelValues(r.Source).Add(float64(r.Stats.Posts))
	for sev, n := range r.New {
		m.hits.WithLabelValues(sev.String()).Add(float64(n))
	}
	if r.Err != nil {
		m.errors.WithLabelValues(r.Source).Inc()
		return
	}
	m.lastSuccess.WithLabelValues(r.Source).SetToCurrentTime()
}

// Handler serves the metrics.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}
