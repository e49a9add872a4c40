package crawler_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/crawler"
	"github.com/doxwatch/doxwatch/store"
)

// site is a local web server serving the fixtures the way the real sites
// serve them, and recording every request.
type site struct {
	*httptest.Server
	t        *testing.T
	mu       sync.Mutex
	requests []request
	robots   string
	override map[string]http.HandlerFunc
}

type request struct {
	path string // with the query
	at   time.Time
	ua   string
}

func newSite(t *testing.T) *site {
	s := &site{t: t, robots: "User-agent: *\nDisallow: /private/\n", override: map[string]http.HandlerFunc{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/", s.serve)
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func (s *site) fixture(name string) []byte {
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		s.t.Error(err)
	}
	return data
}

// routes maps a path with its query to a fixture and its content type.
var routes = map[string][2]string{
	"/viewtopic.php?t=812":                        {"forum-1.html", "text/html; charset=utf-8"},
	"/viewtopic.php?t=812&start=2":                {"forum-2.html", "text/html; charset=utf-8"},
	"/viewtopic.php?t=812&start=4":                {"forum-3.html", "text/html; charset=utf-8"},
	"/s/ouders_utrecht":                           {"telegram.html", "text/html; charset=utf-8"},
	"/s/ouders_utrecht?before=1201":               {"telegram-older.html", "text/html; charset=utf-8"},
	"/feed.rss":                                   {"feed.rss", "application/rss+xml"},
	"/feed.atom":                                  {"feed.atom", "application/atom+xml"},
	"/feed.json":                                  {"feed.json", "application/feed+json"},
	"/api/v1/timelines/tag/kinderopvang?limit=40": {"mastodon-tag.json", "application/json"},
	"/api/v1/accounts/lookup?acct=boos_op_opvang": {"mastodon-lookup.json", "application/json"},
	"/api/v1/accounts/109876/statuses?limit=40":   {"mastodon-tag.json", "application/json"},
	"/posts.json":                                 {"discourse-posts.json", "application/json"},
	"/posts.json?before=904":                      {"discourse-older.json", "application/json"},
	"/api/v1/timelines/tag/kinderopvang?limit=40&max_id=113500000000000001": {"", "application/json"},
	"/api/v1/accounts/109876/statuses?limit=40&max_id=113500000000000001":   {"", "application/json"},
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	key := r.URL.Path
	if r.URL.RawQuery != "" {
		key += "?" + r.URL.RawQuery
	}
	s.mu.Lock()
	s.requests = append(s.requests, request{key, time.Now(), r.UserAgent()})
	h := s.override[r.URL.Path]
	s.mu.Unlock()
	if r.URL.Path == "/robots.txt" {
		w.Write([]byte(s.robots))
		return
	}
	if h != nil {
		h(w, r)
		return
	}
	route, ok := routes[key]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", route[1])
	if route[0] == "" {
		w.Write([]byte("[]"))
		return
	}
	w.Write(s.fixture(route[0]))
}

func (s *site) handle(path string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.override[path] = h
}

// requested lists the requests for paths starting with prefix.
func (s *site) requested(prefix string) []request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []request
	for _, r := range s.requests {
		if strings.HasPrefix(r.path, prefix) {
			out = append(out, r)
		}
	}
	return out
}

func testCrawlConfig() config.Crawl {
	c := config.Default().Crawl
	c.Delay = 10 * time.Millisecond
	c.Timeout = 2 * time.Second
	c.MaxRetryAfter = 3 * time.Second
	c.AllowPrivateNetworks = true
	c.UserAgent = "doxwatch-test/1.0"
	c.ContactURL = "https://zonnebloem-kdv.example/doxwatch"
	return c
}

func testStore(t *testing.T, srcs ...config.Source) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "dw.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var infos []store.SourceInfo
	for _, s := range srcs {
		infos = append(infos, store.SourceInfo{Name: s.Name, Type: s.Type})
	}
	if err := st.EnsureSources(context.Background(), infos); err != nil {
		t.Fatal(err)
	}
	return st
}

func testLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// crawl runs one source and returns its posts.
func crawl(t *testing.T, c *crawler.Crawler, src config.Source) ([]crawler.Post, crawler.Stats, error) {
	t.Helper()
	var posts []crawler.Post
	st, err := c.Crawl(context.Background(), src, crawler.Scan{}, func(p crawler.Post) error {
		posts = append(posts, p)
		return nil
	})
	return posts, st, err
}
