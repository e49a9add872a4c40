package crawler_test

import (
	"context"
	"errors"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/crawler"
)

func forumSource(s *site) config.Source {
	return config.Source{Name: "forum", Type: config.SourceHTML, URL: s.URL + "/viewtopic.php?t=812", MaxPages: 5,
		Selectors: config.Selectors{Item: "div.post", Text: ".content", Author: ".author .username", Time: "time@datetime",
			Link: "a.permalink@href", Next: "a.next"}}
}

func TestHTMLForumWithPagination(t *testing.T) {
	s := newSite(t)
	c := crawler.New(testCrawlConfig(), nil, testLogger())
	posts, st, err := crawl(t, c, forumSource(s))
	if err != nil {
		t.Fatal(err)
	}
	if st.Pages != 3 || len(posts) != 4 {
		t.Fatalf("pages %d, posts %d", st.Pages, len(posts))
	}
	p := posts[0]
	// The permalink keeps its fragment: on a forum it is the post, not the page.
	if p.URL != s.URL+"/viewtopic.php?p=4411#p4411" || p.Author != "boze_vader81" || p.Source != "forum" ||
		!p.Published.Equal(time.Date(2026, 11, 20, 19, 12, 3, 0, time.UTC)) {
		t.Errorf("post 0 = %+v", p)
	}
	if !strings.Contains(p.Text, "Sanne van den Berg van De Zonnebloem") || !strings.Contains(p.Text, "06-12345678") {
		t.Errorf("text %q", p.Text)
	}
	if len(posts[1].Images) != 1 || posts[1].Images[0] != s.URL+"/download/file.php?id=55" {
		t.Errorf("images %v", posts[1].Images)
	}
	if ua := s.requested("/viewtopic")[0].ua; ua != "doxwatch-test/1.0 (+https://zonnebloem-kdv.example/doxwatch)" {
		t.Errorf("user agent %q", ua)
	}
}

func TestMaxPages(t *testing.T) {
	s := newSite(t)
	src := forumSource(s)
	src.MaxPages = 2
	_, st, err := crawl(t, crawler.New(testCrawlConfig(), nil, testLogger()), src)
	if err != nil || st.Pages != 2 || len(s.requested("/viewtopic")) != 2 {
		t.Fatalf("pages %d, requests %d, err %v", st.Pages, len(s.requested("/viewtopic")), err)
	}
}

func TestTelegram(t *testing.T) {
	s := newSite(t)
	posts, st, err := crawl(t, crawler.New(testCrawlConfig(), nil, testLogger()),
		config.Source{Name: "tg", Type: config.SourceTelegram, Channel: "ouders_utrecht", BaseURL: s.URL})
	if err != nil {
		t.Fatal(err)
	}
	if st.Pages != 2 || len(posts) != 3 {
		t.Fatalf("pages %d posts %d", st.Pages, len(posts))
	}
	p := posts[0]
	if p.URL != "https://t.me/ouders_utrecht/1201" || p.Author != "Ouders Utrecht" || p.Published.Hour() != 10 ||
		!strings.Contains(p.Text, "Anouk Jansen-de Vries") || len(p.Images) != 1 || p.Images[0] != "https://cdn4.telesco.pe/file/abc123.jpg" {
		t.Errorf("post 0 = %+v", p)
	}
	if posts[2].URL != "https://t.me/ouders_utrecht/1199" {
		t.Errorf("older page post %+v", posts[2])
	}
}

func TestFeeds(t *testing.T) {
	s := newSite(t)
	c := crawler.New(testCrawlConfig(), nil, testLogger())
	tests := []struct {
		path, wantURL, wantText, wantAuthor string
		wantPosts, wantImages               int
	}{
		{"/feed.rss", "https://wijkkrant.example.org/2026/11/wachtlijst", "planner Sanne van den Berg", "Redactie", 2, 2}, // <img> and enclosure
		{"/feed.atom", "https://social.example.org/@boos_op_opvang/113", "Dorpsweg 3, Zeist", "boos_op_opvang", 1, 0},
		{"/feed.json", "https://buurtblog.example.net/p/42", "Mieke Bakker op 0612121212", "buurman", 1, 0},
	}
	for _, tt := range tests {
		posts, _, err := crawl(t, c, config.Source{Name: "feed", Type: config.SourceFeed, URL: s.URL + tt.path})
		if err != nil {
			t.Errorf("%s: %v", tt.path, err)
			continue
		}
		if len(posts) != tt.wantPosts || posts[0].URL != tt.wantURL || !strings.Contains(posts[0].Text, tt.wantText) ||
			posts[0].Author != tt.wantAuthor || len(posts[0].Images) != tt.wantImages || posts[0].Published.IsZero() {
			t.Errorf("%s: %d posts, first %+v", tt.path, len(posts), posts[0])
		}
	}
}

func TestMastodon(t *testing.T) {
	s := newSite(t)
	c := crawler.New(testCrawlConfig(), nil, testLogger())
	for _, src := range []config.Source{
		{Name: "tag", Type: config.SourceMastodon, Instance: s.URL, Hashtag: "kinderopvang"},
		{Name: "acct", Type: config.SourceMastodon, Instance: s.URL, Account: "@boos_op_opvang"},
	} {
		posts, _, err := crawl(t, c, src)
		if err != nil {
			t.Fatalf("%s: %v", src.Name, err)
		}
		if len(posts) != 2 || posts[0].URL != "https://social.example.org/@ouder_utrecht/113500000000000002" ||
			posts[0].Author != "ouder_utrecht" || !strings.Contains(posts[0].Text, "Joëlle Dijkstra") ||
			len(posts[0].Images) != 1 || posts[1].Author != "juf_ellen@other.example" {
			t.Errorf("%s: %d posts, first %+v", src.Name, len(posts), posts[0])
		}
	}
	if n := len(s.requested("/api/v1/timelines/tag/kinderopvang?limit=40&max_id=")); n != 1 {
		t.Errorf("paging with max_id: %d requests", n)
	}
	s.handle("/api/v1/timelines/tag/closed", func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, `{"error":"This method requires an authenticated user"}`, http.StatusUnauthorized)
	})
	_, _, err := crawl(t, c, config.Source{Name: "closed", Type: config.SourceMastodon, Instance: s.URL, Hashtag: "closed"})
	if !errors.Is(err, crawler.ErrHTTPStatus) || !strings.Contains(err.Error(), "401") || !strings.Contains(err.Error(), "public preview") {
		t.Errorf("401: %v", err)
	}
}

func TestDiscourse(t *testing.T) {
	s := newSite(t)
	posts, st, err := crawl(t, crawler.New(testCrawlConfig(), nil, testLogger()), config.Source{Name: "d", Type: config.SourceDiscourse, URL: s.URL})
	if err != nil {
		t.Fatal(err)
	}
	if st.Pages != 2 || len(posts) != 3 || posts[0].URL != s.URL+"/t/wachtlijst-zonnebloem/77/3" || posts[0].Author != "ouder42" ||
		!strings.Contains(posts[0].Text, "fatima.elamrani@example.org") {
		t.Fatalf("pages %d, %d posts, first %+v", st.Pages, len(posts), posts[0])
	}
}

func TestRobotsTxtHonoured(t *testing.T) {
	s := newSite(t)
	s.handle("/private/list", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("<div class=post>geheim</div>")) })
	src := config.Source{Name: "private", Type: config.SourceHTML, URL: s.URL + "/private/list", Selectors: config.Selectors{Item: "div.post"}}
	_, _, err := crawl(t, crawler.New(testCrawlConfig(), nil, testLogger()), src)
	if !errors.Is(err, crawler.ErrRobots) {
		t.Fatalf("err = %v, want crawler.ErrRobots", err)
	}
	if n := len(s.requested("/private/")); n != 0 {
		t.Errorf("the disallowed path was requested %d times", n)
	}
	if n := len(s.requested("/robots.txt")); n != 1 {
		t.Errorf("robots.txt requested %d times", n)
	}
}

func TestPerHostSpacing(t *testing.T) {
	s := newSite(t)
	cfg := testCrawlConfig()
	cfg.Delay = 150 * time.Millisecond
	if _, _, err := crawl(t, crawler.New(cfg, nil, testLogger()), forumSource(s)); err != nil {
		t.Fatal(err)
	}
	reqs := s.requested("/viewtopic")
	if len(reqs) != 3 {
		t.Fatalf("%d requests", len(reqs))
	}
	for i := 1; i < len(reqs); i++ {
		if gap := reqs[i].at.Sub(reqs[i-1].at); gap < cfg.Delay {
			t.Errorf("requests %d and %d only %v apart, want at least %v", i-1, i, gap, cfg.Delay)
		}
	}
}

func TestConditionalGet(t *testing.T) {
	s := newSite(t)
	s.handle("/etag.rss", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(s.fixture("feed.rss"))
	})
	src := config.Source{Name: "feed", Type: config.SourceFeed, URL: s.URL + "/etag.rss"}
	c := crawler.New(testCrawlConfig(), testStore(t, src), testLogger())
	posts, st, err := crawl(t, c, src)
	if err != nil || len(posts) != 2 || st.Pages != 1 {
		t.Fatalf("first crawl: %d posts, %+v, %v", len(posts), st, err)
	}
	posts, st, err = crawl(t, c, src)
	if err != nil || len(posts) != 0 || st.NotModified != 1 || st.Pages != 0 {
		t.Fatalf("second crawl: %d posts, %+v, %v", len(posts), st, err)
	}
}

func TestOversizedBody(t *testing.T) {
	s := newSite(t)
	s.handle("/big", func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte("<html><body><div class=post>Sanne van den Berg</div>" + strings.Repeat("<p>vulling</p>", 10_000) + "</body></html>"))
	})
	cfg := testCrawlConfig()
	cfg.MaxBodyBytes = 4096
	posts, st, err := crawl(t, crawler.New(cfg, nil, testLogger()),
		config.Source{Name: "big", Type: config.SourceHTML, URL: s.URL + "/big", Selectors: config.Selectors{Item: "div.post"}})
	if err != nil || len(st.Truncated) != 1 || len(posts) != 1 {
		t.Fatalf("truncated %v, %d posts, err %v", st.Truncated, len(posts), err)
	}
}

func TestRedirectLoop(t *testing.T) {
	s := newSite(t)
	s.handle("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	_, _, err := crawl(t, crawler.New(testCrawlConfig(), nil, testLogger()),
		config.Source{Name: "loop", Type: config.SourceHTML, URL: s.URL + "/loop", Selectors: config.Selectors{Item: "p"}})
	if err == nil || !strings.Contains(err.Error(), "redirects") {
		t.Fatalf("err = %v", err)
	}
	if n := len(s.requested("/loop")); n > 7 {
		t.Errorf("%d requests for a redirect loop", n)
	}
}

func TestSlowServer(t *testing.T) {
	s := newSite(t)
	release := make(chan struct{})
	defer close(release)
	s.handle("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	cfg := testCrawlConfig()
	cfg.Timeout = 200 * time.Millisecond
	start := time.Now()
	_, _, err := crawl(t, crawler.New(cfg, nil, testLogger()),
		config.Source{Name: "slow", Type: config.SourceFeed, URL: s.URL + "/slow"})
	if err == nil || time.Since(start) > 10*time.Second {
		t.Fatalf("err = %v after %v", err, time.Since(start))
	}
}

func TestRetryAfterThenRecovery(t *testing.T) {
	s := newSite(t)
	calls := 0
	s.handle("/busy.rss", func(w http.ResponseWriter, _ *http.Request) {
		calls++
		if calls == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.Write(s.fixture("feed.rss"))
	})
	posts, _, err := crawl(t, crawler.New(testCrawlConfig(), nil, testLogger()), config.Source{Name: "busy", Type: config.SourceFeed, URL: s.URL + "/busy.rss"})
	if err != nil || len(posts) != 2 {
		t.Fatalf("%d posts, err %v", len(posts), err)
	}
	reqs := s.requested("/busy.rss")
	if len(reqs) != 2 || reqs[1].at.Sub(reqs[0].at) < time.Second {
		t.Errorf("Retry-After not waited: %d requests", len(reqs))
	}
	// A Retry-After beyond crawl.max_retry_after fails the run instead of stalling it.
	s.handle("/closed.rss", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	_, _, err = crawl(t, crawler.New(testCrawlConfig(), nil, testLogger()), config.Source{Name: "closed", Type: config.SourceFeed, URL: s.URL + "/closed.rss"})
	if !errors.Is(err, crawler.ErrHTTPStatus) || !strings.Contains(err.Error(), "503") {
		t.Errorf("err = %v", err)
	}
}

func TestServerErrorsAndMalformedAnswers(t *testing.T) {
	s := newSite(t)
	s.handle("/broken.json", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte(`{"latest_posts": [{"id": `)) })
	s.handle("/error", func(w http.ResponseWriter, _ *http.Request) { http.Error(w, "oops", http.StatusInternalServerError) })
	c := crawler.New(testCrawlConfig(), nil, testLogger())
	tests := []struct {
		src  config.Source
		want error
	}{
		{config.Source{Name: "e", Type: config.SourceFeed, URL: s.URL + "/error"}, crawler.ErrHTTPStatus},
		{config.Source{Name: "f", Type: config.SourceFeed, URL: s.URL + "/s/ouders_utrecht"}, crawler.ErrParse},
		{config.Source{Name: "m", Type: config.SourceMastodon, Instance: s.URL, Hashtag: "nope"}, crawler.ErrHTTPStatus},
	}
	for _, tt := range tests {
		if _, _, err := crawl(t, c, tt.src); !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.src.Name, err, tt.want)
		}
	}
	s.handle("/posts.json", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte(`{"latest_posts": [{"id": `)) })
	if _, _, err := crawl(t, c, config.Source{Name: "d", Type: config.SourceDiscourse, URL: s.URL}); !errors.Is(err, crawler.ErrParse) {
		t.Errorf("malformed JSON: %v", err)
	}
}

func TestPrivateAddressesRefused(t *testing.T) {
	s := newSite(t)
	cfg := testCrawlConfig()
	cfg.AllowPrivateNetworks = false
	_, _, err := crawl(t, crawler.New(cfg, nil, testLogger()), config.Source{Name: "f", Type: config.SourceFeed, URL: s.URL + "/feed.rss"})
	if !errors.Is(err, crawler.ErrPrivateAddress) {
		t.Fatalf("err = %v", err)
	}
	if n := len(s.requested("/")); n != 0 {
		t.Errorf("%d requests reached the loopback server", n)
	}
	for addr, want := range map[string]bool{
		"127.0.0.1": false, "10.1.2.3": false, "192.168.1.1": false, "172.16.0.1": false, "169.254.169.254": false,
		"100.64.0.1": false, "::1": false, "fe80::1": false, "fd00::1": false, "::ffff:127.0.0.1": false, "0.0.0.0": false,
		"93.184.216.34": true, "2a00:1450:4001:82a::200e": true,
		// IPv6 forms that carry an internal IPv4 address.
		"64:ff9b::7f00:1": false, "64:ff9b::a9fe:a9fe": false, "2002:7f00:1::1": false, "fec0::1": false,
		"::127.0.0.1": false, "::a9fe:a9fe": false, "2001:0:4136:e378:8000:63bf:3fff:fdd2": false,
	} {
		if got := crawler.Public(netip.MustParseAddr(addr)); got != want {
			t.Errorf("crawler.Public(%s) = %v", addr, got)
		}
	}
}

func TestCancelStopsCrawl(t *testing.T) {
	s := newSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	_, err := crawler.New(testCrawlConfig(), nil, testLogger()).Crawl(ctx, forumSource(s), crawler.Scan{}, func(crawler.Post) error {
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if pages := len(s.requested("/viewtopic")); pages != 1 {
		t.Errorf("%d pages fetched after cancel", pages)
	}
}

func TestNewReplyBehindUnchangedFirstPage(t *testing.T) {
	s := newSite(t)
	var mu sync.Mutex
	last := `<div class="post"><a class="permalink" href="/t/2#1">#</a><div class="content">Eerste antwoord.</div></div>`
	s.handle("/t/1", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"t1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"t1"`)
		w.Write([]byte(`<div class="post"><a class="permalink" href="/t/1#1">#</a><div class="content">Openingsbericht.</div></div><a class="next" href="/t/2">2</a>`))
	})
	s.handle("/t/2", func(w http.ResponseWriter, _ *http.Request) { // no validators: only the body hash tells
		mu.Lock()
		defer mu.Unlock()
		w.Write([]byte(last))
	})
	src := config.Source{Name: "topic", Type: config.SourceHTML, URL: s.URL + "/t/1",
		Selectors: config.Selectors{Item: "div.post", Text: ".content", Link: "a.permalink@href", Next: "a.next"}}
	c := crawler.New(testCrawlConfig(), testStore(t, src), testLogger())
	if posts, st, err := crawl(t, c, src); err != nil || len(posts) != 2 || st.Pages != 2 {
		t.Fatalf("first crawl: %d posts, %+v, %v", len(posts), st, err)
	}
	if posts, st, err := crawl(t, c, src); err != nil || len(posts) != 0 || st.NotModified != 2 {
		t.Fatalf("unchanged crawl: %d posts, %+v, %v", len(posts), st, err)
	}
	mu.Lock()
	last += `<div class="post"><a class="permalink" href="/t/2#2">#</a><div class="content">Nieuw antwoord over Sanne.</div></div>`
	mu.Unlock()
	posts, st, err := crawl(t, c, src)
	if err != nil || st.NotModified != 1 || st.Pages != 1 || len(posts) != 2 || !strings.Contains(posts[1].Text, "Nieuw antwoord") {
		t.Fatalf("after a new reply: %d posts, %+v, %v", len(posts), st, err)
	}
}
