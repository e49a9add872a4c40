package crawler_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/crawler"
	"github.com/doxwatch/doxwatch/memtest"
)

// peakLimitMB is what a hostile page may cost the process at its peak.
// The daemon's budget is 512 MB for everything, eight hosts at once; one
// page must stay far below it.
const peakLimitMB = 256

// bomb is gzip data that decodes to n MiB of zeros: one compressed MiB
// repeated as gzip members, which decoders join (it costs nothing to make).
func bomb(n int) []byte {
	var one bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&one, gzip.BestCompression)
	zw.Write(make([]byte, 1<<20))
	zw.Close()
	return bytes.Repeat(one.Bytes(), n)
}

// hostileCases are pages that once grew doxwatch to gigabytes.
var hostileCases = map[string]http.HandlerFunc{
	// 1 GiB of zeros behind encodings colly does not recognise as Go's
	// transport does, so colly gunzipped them without a bound.
	"gzip-x-gzip": func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			return
		}
		w.Header().Set("Content-Encoding", "x-gzip")
		w.Write(bomb(1024))
	},
	"gzip-identity": func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			return
		}
		w.Header().Set("Content-Encoding", "gzip, identity")
		w.Write(bomb(1024))
	},
	"gzip-content-type": func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			return
		}
		w.Header().Set("Content-Type", "application/x-gzip")
		w.Write(bomb(1024))
	},
	// robots.txt that never ends, and one that is a gzip bomb.
	"robots-endless": func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/robots.txt" {
			fmt.Fprint(w, `<html><body><div class="post"><p>Gewoon een bericht.</p></div></body></html>`)
			return
		}
		line := []byte("User-agent: *\nDisallow: /private/\n")
		for r.Context().Err() == nil {
			if _, err := w.Write(line); err != nil {
				return
			}
		}
	},
	"robots-gzip-bomb": func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/robots.txt" {
			fmt.Fprint(w, `<html><body><div class="post"><p>Gewoon een bericht.</p></div></body></html>`)
			return
		}
		w.Header().Set("Content-Encoding", "x-gzip")
		w.Write(bomb(1024))
	},
	// JSON answers of a million empty items (within the body limit).
	"mastodon-json-flood": func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte("[{}" + strings.Repeat(",{}", 1_600_000) + "]"))
	},
	"discourse-json-flood": func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"latest_posts":[{}` + strings.Repeat(",{}", 1_600_000) + "]}"))
	},
}

// hostileSource is the source a case is read as.
func hostileSource(name, base string) config.Source {
	switch {
	case strings.HasPrefix(name, "mastodon"):
		return config.Source{Name: "hostile", Type: config.SourceMastodon, Instance: base, Hashtag: "ouders"}
	case strings.HasPrefix(name, "discourse"):
		return config.Source{Name: "hostile", Type: config.SourceDiscourse, URL: base}
	}
	return config.Source{Name: "hostile", Type: config.SourceHTML, URL: base + "/page", Selectors: config.Selectors{Item: "div.post", Text: "p"}}
}

// eightHosts crawls eight hosts at once, each a gzip bomb, as the daemon
// does with its default of eight parallel hosts.
func eightHosts(t *testing.T) string {
	var wg sync.WaitGroup
	var mu sync.Mutex
	truncated := 0
	for range 8 {
		srv := httptest.NewServer(hostileCases["gzip-x-gzip"])
		defer srv.Close()
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, st, _ := crawl(t, crawler.New(testCrawlConfig(), nil, testLogger()), hostileSource("gzip-x-gzip", srv.URL))
			mu.Lock()
			truncated += len(st.Truncated)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return fmt.Sprintf("hosts=8 truncated=%d", truncated)
}

// TestHostileChild runs one case, when started by TestHostileMemory.
func TestHostileChild(t *testing.T) {
	name := memtest.Case()
	if name == "" {
		t.Skip("run by TestHostileMemory in a child process")
	}
	if name == "eight-hosts" {
		memtest.Report(eightHosts(t))
		return
	}
	srv := httptest.NewServer(hostileCases[name])
	defer srv.Close()
	src := hostileSource(name, srv.URL)
	src.MaxPages = 1
	posts, st, err := crawl(t, crawler.New(testCrawlConfig(), nil, testLogger()), src)
	memtest.Report(fmt.Sprintf("posts=%d pages=%d truncated=%d err=%v", len(posts), st.Pages, len(st.Truncated), err))
}

// TestHostileMemory runs every hostile case in its own process and holds
// each to peakLimitMB of peak RSS.
func TestHostileMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process per case")
	}
	names := []string{"eight-hosts"}
	for name := range hostileCases {
		names = append(names, name)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			limit := peakLimitMB
			if name == "eight-hosts" {
				limit = 512 // the daemon's whole budget
			}
			mb, result := memtest.Run(t, "TestHostileChild", name)
			t.Logf("%-20s peak RSS %4d MB  %s", name, mb, result)
			if mb > memtest.Limit(limit) {
				t.Errorf("%s: peak RSS %d MB, the limit is %d MB", name, mb, memtest.Limit(limit))
			}
		})
	}
}

// robots.txt is read once per host and run, only its first 500 KiB, and
// its rules hold.
func TestRobotsReadWithinLimits(t *testing.T) {
	robots := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			robots++
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
			w.Write(bytes.Repeat([]byte("# filler\n"), 200_000)) // 1.8 MB
			fmt.Fprint(w, "User-agent: *\nDisallow: /\n")        // past 500 KiB: not read
		default:
			fmt.Fprintf(w, `<html><body><div class="post"><p>Post op %s</p></div><a class="next" href="/page%d">next</a></body></html>`,
				r.URL.Path, len(r.URL.Path))
		}
	}))
	defer srv.Close()
	c := crawler.New(testCrawlConfig(), nil, testLogger())
	src := config.Source{Name: "forum", Type: config.SourceHTML, URL: srv.URL + "/page", MaxPages: 3,
		Selectors: config.Selectors{Item: "div.post", Text: "p", Next: "a.next"}}
	posts, _, err := crawl(t, c, src)
	if err != nil || len(posts) != 3 {
		t.Fatalf("posts %d, err %v", len(posts), err)
	}
	if robots != 1 {
		t.Errorf("robots.txt fetched %d times in one run", robots)
	}
	src.URL = srv.URL + "/private/page"
	if _, _, err := crawl(t, c, src); !errors.Is(err, crawler.ErrRobots) {
		t.Errorf("a disallowed page: %v", err)
	}
}

// A forum page nested deeper than the HTML parser allows still yields its
// text, so an address cannot hide behind markup.
func TestDeeplyNestedPage(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			return
		}
		fmt.Fprint(w, "<html><body>"+strings.Repeat("<div>", 100_000)+`<div class="post"><p>Sanne woont op Kerkstraat 12a</p></div>`+
			strings.Repeat("</div>", 100_000)+"</body></html>")
	}))
	defer srv.Close()
	src := config.Source{Name: "deep", Type: config.SourceHTML, URL: srv.URL + "/t", Selectors: config.Selectors{Item: "div.post", Text: "p"}}
	posts, st, err := crawl(t, crawler.New(testCrawlConfig(), nil, testLogger()), src)
	if err != nil || len(posts) != 1 || !strings.Contains(posts[0].Text, "Kerkstraat 12a") {
		t.Fatalf("posts %+v, err %v", posts, err)
	}
	if len(st.Truncated) != 1 || !strings.Contains(st.Truncated[0], "too deeply nested") {
		t.Errorf("no warning: %+v", st)
	}
}
