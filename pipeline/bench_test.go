package pipeline

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/doxwatch/doxwatch/config"
)

// benchSite is one host of the benchmark: pages of 50 posts each, with an
// ETag, as a forum behind a cache serves them.
func benchSite(b *testing.B, host, pages int, etags bool) *httptest.Server {
	b.Helper()
	page := func(n int) string {
		var sb strings.Builder
		sb.WriteString("<html><body>")
		for i := 0; i < 50; i++ {
			id := fmt.Sprintf("%d-%d-%d", host, n, i)
			fmt.Fprintf(&sb, `<div class="post"><a class="l" href="/p/%s">#</a><p>Bericht %s van een ouder over de opvang, de wachtlijst en de facturen van deze maand. Gisteren om 10:30 was het weer druk bij het ophalen.</p></div>`, id, id)
		}
		if n+1 < pages {
			fmt.Fprintf(&sb, `<a class="next" href="/page/%d">volgende</a>`, n+1)
		}
		sb.WriteString("</body></html>")
		return sb.String()
	}
	bodies := make([]string, pages)
	for i := range bodies {
		bodies[i] = page(i)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n int
		if _, err := fmt.Sscanf(r.URL.Path, "/page/%d", &n); err != nil || n >= pages {
			http.NotFound(w, r)
			return
		}
		if etags {
			etag := fmt.Sprintf(`"p%d"`, n)
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", etag)
		}
		fmt.Fprint(w, bodies[n])
	}))
	b.Cleanup(srv.Close)
	return srv
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCrawl10k crawls 10,000 posts over 20 local hosts (no per-host
// delay), then rescans them unchanged, and reports the cost of the rescan
// as a fraction of the first crawl (goal: under 5%). With ETags an
// unchanged page costs a 304; without, a download and a hash.
func BenchmarkCrawl10k(b *testing.B) {
	b.Run("etag", func(b *testing.B) { benchCrawl(b, true) })
	b.Run("no-etag", func(b *testing.B) { benchCrawl(b, false) })
}

func benchCrawl(b *testing.B, etags bool) {
	const hosts, pagesPerHost = 20, 10
	var srcs []config.Source
	for h := 0; h < hosts; h++ {
		srv := benchSite(b, h, pagesPerHost, etags)
		srcs = append(srcs, config.Source{Name: fmt.Sprintf("host%02d", h), Type: config.SourceHTML, URL: srv.URL + "/page/0",
			MaxPages: pagesPerHost, Selectors: config.Selectors{Item: "div.post", Text: "p", Link: "a.l@href", Next: "a.next"}})
	}
	ctx := context.Background()
	var firstCPU, rescanCPU, firstWall time.Duration
	posts := 0
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		p, _ := setupB(b, srcs)
		b.StartTimer()
		c0, w0 := cpuTime(), time.Now()
		for _, r := range p.RunAll(ctx, srcs, hosts, nil) {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
			posts += r.Stats.Posts
		}
		firstCPU += cpuTime() - c0
		firstWall += time.Since(w0)
		c1 := cpuTime()
		for _, r := range p.RunAll(ctx, srcs, hosts, nil) {
			if r.Err != nil || r.Stats.NotModified != pagesPerHost || r.Stats.Posts != 0 {
				b.Fatalf("rescan of %s: %+v", r.Source, r)
			}
		}
		rescanCPU += cpuTime() - c1
	}
	b.ReportMetric(float64(posts)/firstWall.Seconds(), "posts/s")
	b.ReportMetric(firstCPU.Seconds()/float64(b.N), "cpu-s/crawl")
	b.ReportMetric(rescanCPU.Seconds()/float64(b.N), "cpu-s/rescan")
	b.ReportMetric(100*rescanCPU.Seconds()/firstCPU.Seconds(), "rescan-%")
}
