// Package crawler reads the configured public sources (web pages, feeds,
// Telegram channels, Mastodon, Discourse) politely and incrementally, and
// hands each post to the caller. It knows nothing of employees or storage.
package crawler

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/temoto/robotstxt"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/extract"
	"github.com/doxwatch/doxwatch/model"
)

// Post is one message found on a source.
type Post struct {
	Source string
	// URL is the post's permalink, or the page URL with "#" and a hash of
	// the text where the source gives none.
	URL       string
	Author    string
	Published time.Time
	Text      string
	Images    []string
	// HTML is the post's own element (or item content) as served, and
	// Page how its page was fetched: kept as evidence of serious hits.
	HTML string
	Page PageInfo
}

// PageInfo is how a page was fetched: what proves where and when.
type PageInfo struct {
	URL, FinalURL string
	Status        int
	Header        http.Header
	FetchedAt     time.Time
	UserAgent     string
}

// ContentHash identifies what a post says, so an unchanged post is not
// scanned twice and an edited one is.
func (p Post) ContentHash() string {
	h := sha256.New()
	h.Write([]byte(p.Text))
	for _, img := range p.Images {
		h.Write([]byte{0})
		h.Write([]byte(img))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// key identifies a post without a permalink on its page: by who posted it
// and when, where the source says, so an edit updates the same post (and
// only its new findings alert); otherwise by its content.
func (p Post) key() string {
	if p.Author == "" && p.Published.IsZero() {
		return p.ContentHash()[:16]
	}
	h := sha256.Sum256([]byte(p.Author + "\x00" + p.Published.UTC().Format(time.RFC3339Nano)))
	return "post-" + hex.EncodeToString(h[:8])
}

// Cache keeps the validators of each URL between runs.
type Cache interface {
	Validators(ctx context.Context, url string) (model.Validators, error)
	SaveValidators(ctx context.Context, source, url string, v model.Validators) error
}

// Stats describe one crawl of one source.
type Stats struct {
	Pages       int // fetched with a new body
	NotModified int // answered 304, or the same body as last time
	Posts       int
	Truncated   []string // pages not read whole, each with why
	// Empty says why the first page read with no posts had none: which
	// selector matched nothing on which URL.
	Empty string
}

// Crawler fetches sources with the limits of its configuration.
type Crawler struct {
	cfg       config.Crawl
	cache     Cache
	log       *slog.Logger
	transport http.RoundTripper
}

// New returns a crawler. cache may be nil (no conditional GET).
func New(cfg config.Crawl, cache Cache, log *slog.Logger) *Crawler {
	return &Crawler{cfg: cfg, cache: cache, log: log, transport: boundedTransport{base: safeTransport(cfg), max: maxWireBody}}
}

// StatusError is an answer other than 200 to a single fetch; it is an
// ErrHTTPStatus.
type StatusError struct {
	URL  string
	Code int
}

func (e *StatusError) Error() string { return fmt.Sprintf("%s: %v %d", e.URL, ErrHTTPStatus, e.Code) }
func (e *StatusError) Unwrap() error { return ErrHTTPStatus }

// Temporary reports whether asking again later may work (5xx, 429, 408).
func (e *StatusError) Temporary() bool {
	return e.Code >= 500 || e.Code == http.StatusTooManyRequests || e.Code == http.StatusRequestTimeout
}

// Errors a source can end with; they are wrapped with detail.
var (
	ErrRobots     = errors.New("robots.txt forbids fetching it")
	ErrHTTPStatus = errors.New("unexpected HTTP status")
	ErrParse      = errors.New("cannot parse the answer")
)

// Scan says what a crawl's posts will be searched for.
type Scan struct {
	// Fingerprint identifies the roster and detection settings. A page
	// last read for another fingerprint (or with other selectors) is
	// fetched without validators and parsed again, once.
	Fingerprint string
	// Full reads every page again whatever its validators say.
	Full bool
}

// Crawl reads one source and calls emit for each post found, newest pages
// first. It stops at the first error of emit or of the source.
func (c *Crawler) Crawl(ctx context.Context, src config.Source, scan Scan, emit func(Post) error) (Stats, error) {
	p, err := parserFor(src)
	if err != nil {
		return Stats{}, err
	}
	f := c.newFetcher(ctx, src)
	f.scan, f.full = PageFingerprint(src, scan.Fingerprint), scan.Full
	var st Stats
	maxPages := src.MaxPages
	if maxPages == 0 {
		maxPages = 5
	}
	seen := map[string]bool{}
	for _, start := range p.start() {
		next, pages := start, 0
		for next != "" && pages < maxPages && !seen[next] {
			if err := ctx.Err(); err != nil {
				return st, err
			}
			seen[next] = true
			pg, err := f.get(next)
			if err != nil {
				return st, err
			}
			pages++
			if pg.notModified {
				// Nothing new here; a forum topic adds posts on its last
				// page, so go on to the next page this one linked to.
				st.NotModified++
				next = pg.prev.Next
				continue
			}
			st.Pages++
			if pg.truncated {
				st.Truncated = append(st.Truncated, next+" (cut at the body limit)")
			}
			posts, more, err := p.parse(pg.url, pg.body)
			if err != nil && (src.Type == config.SourceHTML || src.Type == config.SourceTelegram) && extract.LooksHTML(pg.body) {
				// The HTML parser refused the page (nested deeper than it
				// allows): its text is read as one post, so that nothing
				// can hide behind markup.
				posts, more, err = []Post{{Text: extract.TokenText(pg.body)}}, "", nil
				st.Truncated = append(st.Truncated, next+" (too deeply nested: read as one post)")
			}
			if err != nil {
				return st, fmt.Errorf("%s: %w: %v", next, ErrParse, err)
			}
			if len(posts) == 0 && st.Empty == "" {
				st.Empty = "no posts found on " + pg.url.String()
				if e, ok := p.(explainer); ok {
					st.Empty = e.explainEmpty(pg.url, pg.body)
				}
			}
			info := PageInfo{URL: next, FinalURL: pg.url.String(), Status: pg.status, Header: pg.header, FetchedAt: pg.fetchedAt,
				UserAgent: f.ua}
			for _, post := range posts {
				post.Source = src.Name
				post.Page = info
				if post.URL == "" {
					post.URL = pg.url.String() + "#" + post.key()
				}
				st.Posts++
				if err := emit(post); err != nil {
					return st, err
				}
			}
			next = more
			// Validators are saved only once the page's posts are handled:
			// a crash in between must not make the page look unchanged.
			pg.seen.Next = more
			if err := f.saveValidators(pg); err != nil {
				return st, err
			}
		}
	}
	return st, nil
}

// page is one fetched URL.
type page struct {
	url         *url.URL
	body        []byte
	notModified bool
	truncated   bool
	seen        model.Validators // what this fetch saw
	prev        model.Validators // what the last run saw
	status      int
	header      http.Header
	fetchedAt   time.Time
}

// fetcher gets pages for one source through a fresh colly collector, so
// its visited set and robots cache live only as long as one run.
type fetcher struct {
	ctx   context.Context
	c     *colly.Collector
	cfg   config.Crawl
	cache Cache
	src   string
	log   *slog.Logger

	ua      string
	client  *http.Client
	robots  map[string]*robotstxt.RobotsData // per scheme and host, for this run
	scan    string                           // the page fingerprint this run reads for
	full    bool                             // ignore validators
	last    *page
	lastErr error
	status  int
	header  http.Header
	prev    model.Validators // of the URL being fetched, from the last run
}

func (c *Crawler) newFetcher(ctx context.Context, src config.Source) *fetcher {
	col := colly.NewCollector(colly.StdlibContext(ctx))
	// Set after construction: NewCollector lets COLLY_* environment
	// variables override its options, and these must not be overridden.
	col.UserAgent = c.userAgent()
	// robots.txt is read by the fetcher itself, within limits (robots.go).
	col.IgnoreRobotsTxt = true
	col.ParseHTTPErrorResponse = true
	col.AllowURLRevisit = true // retries and re-reads are decided here
	col.MaxBodySize = int(c.cfg.MaxBodyBytes) + 1
	col.Async = false
	col.CacheDir = ""
	col.WithTransport(c.transport)
	col.SetRequestTimeout(c.cfg.Timeout)
	col.SetRedirectHandler(func(req *http.Request, via []*http.Request) error {
		if len(via) > c.cfg.MaxRedirects {
			return fmt.Errorf("stopped after %d redirects", c.cfg.MaxRedirects)
		}
		return nil
	})
	// A rule per collector (sharing one between collectors is unsafe in colly
	// v2.3.0); sources on one host are crawled one after another, so the
	// delay holds per host.
	_ = col.Limit(&colly.LimitRule{DomainGlob: "*", Delay: c.cfg.Delay, Parallelism: c.cfg.ParallelismPerHost})
	f := &fetcher{ctx: ctx, c: col, cfg: c.cfg, cache: c.cache, src: src.Name, log: c.log, ua: c.userAgent(),
		robots: map[string]*robotstxt.RobotsData{}, client: c.client()}
	col.OnRequest(func(r *colly.Request) {
		if f.cache == nil {
			return
		}
		v, err := f.cache.Validators(ctx, r.URL.String())
		if err != nil {
			f.log.Warn("reading HTTP validators", "source", f.src, "err", err)
			return
		}
		if v.Scan != f.scan || f.full {
			// Read for something else last time: read it all again.
			return
		}
		f.prev = v
		if v.ETag != "" {
			r.Headers.Set("If-None-Match", v.ETag)
		}
		if v.LastModified != "" {
			r.Headers.Set("If-Modified-Since", v.LastModified)
		}
	})
	col.OnResponse(func(r *colly.Response) {
		f.status, f.header = r.StatusCode, r.Headers.Clone()
		body := r.Body
		truncated := int64(len(body)) > c.cfg.MaxBodyBytes
		if truncated {
			body = body[:c.cfg.MaxBodyBytes]
		}
		sum := sha256.Sum256(body)
		seen := model.Validators{ETag: r.Headers.Get("ETag"), LastModified: r.Headers.Get("Last-Modified"),
			BodyHash: hex.EncodeToString(sum[:16]), Scan: f.scan}
		notModified := r.StatusCode == http.StatusNotModified || (r.StatusCode == http.StatusOK && seen.BodyHash == f.prev.BodyHash)
		f.last = &page{url: r.Request.URL, body: body, truncated: truncated, notModified: notModified, seen: seen, prev: f.prev,
			status: r.StatusCode, header: r.Headers.Clone(), fetchedAt: time.Now().UTC()}
	})
	col.OnError(func(r *colly.Response, err error) {
		f.lastErr = err
	})
	return f
}

// PageFingerprint combines what posts are searched for with how a source
// cuts its pages into posts, so fixing a selector also reads pages again.
func PageFingerprint(src config.Source, search string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%#v", search, src)
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// client is an HTTP client with the crawler's transport (address checks,
// bounded bodies), timeout and redirect limit.
func (c *Crawler) client() *http.Client {
	return &http.Client{Transport: c.transport, Timeout: c.cfg.Timeout,
		CheckRedirect: func(_ *http.Request, via []*http.Request) error {
			if len(via) > c.cfg.MaxRedirects {
				return fmt.Errorf("stopped after %d redirects", c.cfg.MaxRedirects)
			}
			return nil
		}}
}

func (c *Crawler) userAgent() string {
	if c.cfg.ContactURL == "" {
		return c.cfg.UserAgent
	}
	return c.cfg.UserAgent + " (+" + c.cfg.ContactURL + ")"
}

// maxAttempts bounds the tries of one URL that answers 429 or 503.
const maxAttempts = 3

// get fetches a URL, waiting out 429 and 503 answers as Retry-After asks
// (within crawl.max_retry_after), with exponential backoff otherwise.
func (f *fetcher) get(raw string) (*page, error) {
	if err := f.allowed(raw); err != nil {
		return nil, err
	}
	backoff := f.cfg.Delay + time.Second
	for attempt := 1; ; attempt++ {
		f.last, f.lastErr, f.status, f.prev = nil, nil, 0, model.Validators{}
		err := f.c.Visit(raw)
		switch {
		case err != nil && f.ctx.Err() != nil:
			return nil, f.ctx.Err()
		case err != nil && f.last == nil:
			if f.lastErr != nil {
				err = f.lastErr
			}
			return nil, fmt.Errorf("%s: %w", raw, err)
		}
		switch {
		case f.status == http.StatusTooManyRequests || f.status == http.StatusServiceUnavailable:
			wait := retryAfter(f.header.Get("Retry-After"), backoff)
			if attempt >= maxAttempts || wait > f.cfg.MaxRetryAfter {
				return nil, fmt.Errorf("%s: %w %d after %d attempts (Retry-After %v)", raw, ErrHTTPStatus, f.status, attempt, wait)
			}
			f.log.Info("source asks to wait", "source", f.src, "url", raw, "status", f.status, "wait", wait)
			if err := Wait(f.ctx, wait); err != nil {
				return nil, err
			}
			backoff *= 2
			continue
		case f.status == http.StatusUnauthorized || f.status == http.StatusForbidden:
			return nil, fmt.Errorf("%s: %w %d: the site refuses anonymous reading (a Mastodon instance answers so when its public preview is switched off)", raw, ErrHTTPStatus, f.status)
		case f.status != http.StatusOK && f.status != http.StatusNotModified:
			return nil, fmt.Errorf("%s: %w %d", raw, ErrHTTPStatus, f.status)
		}
		return f.last, nil
	}
}

func (f *fetcher) saveValidators(p *page) error {
	if f.cache == nil {
		return nil
	}
	return f.cache.SaveValidators(f.ctx, f.src, p.url.String(), p.seen)
}

// retryAfter reads a Retry-After header (seconds or an HTTP date).
func retryAfter(h string, fallback time.Duration) time.Duration {
	if h == "" {
		return fallback
	}
	if s, err := strconv.Atoi(strings.TrimSpace(h)); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil {
		return max(0, time.Until(t))
	}
	return fallback
}

// Wait waits for d or until ctx ends, whichever is first, and returns the
// context's error if it ended: the pause between polite requests that a
// shutdown must not sit out.
func Wait(ctx context.Context, d time.Duration) error {
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

// Host is the host a source is read from; sources that share one are
// crawled one after another so the per-host delay holds.
func Host(src config.Source) string {
	raw := src.URL
	switch src.Type {
	case config.SourceTelegram:
		raw = src.BaseURL
		if raw == "" {
			raw = telegramBase
		}
	case config.SourceMastodon:
		raw = src.Instance
	}
	if raw == "" && len(src.URLs) > 0 {
		raw = src.URLs[0]
	}
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return strings.ToLower(u.Host)
}

// ErrTooLarge is returned for a download over its byte limit.
var ErrTooLarge = errors.New("over the byte limit")

// Fetch downloads one URL (an image of a post, a page given by hand) with
// the crawler's transport (so its address checks), User-Agent, timeout and
// redirect limit, reading at most maxBytes. It returns the body and its
// content type.
func (c *Crawler) Fetch(ctx context.Context, rawURL string, maxBytes int64) ([]byte, string, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, "", fmt.Errorf("%q: not an http(s) URL", rawURL)
	}
	client := c.client()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, "", err
	}
	req.Header.Set("User-Agent", c.userAgent())
	resp, err := client.Do(req)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", rawURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, "", &StatusError{URL: rawURL, Code: resp.StatusCode}
	}
	if resp.ContentLength > maxBytes {
		return nil, "", fmt.Errorf("%s: %w (%d bytes, the limit is %d)", rawURL, ErrTooLarge, resp.ContentLength, maxBytes)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBytes+1))
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", rawURL, err)
	}
	if int64(len(data)) > maxBytes {
		return nil, "", fmt.Errorf("%s: %w (the limit is %d bytes)", rawURL, ErrTooLarge, maxBytes)
	}
	return data, resp.Header.Get("Content-Type"), nil
}
