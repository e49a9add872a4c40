// Package pipeline runs the watch: it crawls each source, scans the posts
// that are new or changed for employees, and stores the hits with their
// alerts. Sources on one host run one after another; hosts run in parallel.
package pipeline

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/crawler"
	"github.com/doxwatch/doxwatch/detect"
	"github.com/doxwatch/doxwatch/evidence"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/store"
)

// Pipeline holds the parts one run needs.
type Pipeline struct {
	Crawler *crawler.Crawler
	// Detector returns the current detector: the roster may be reloaded
	// between runs.
	Detector func() *detect.Detector
	Store    *store.Store
	// Routes say which channels an alert of each severity goes to; none
	// queues no alerts.
	Routes []model.Route
	// HealthTo are the channels told when a source stops or starts working.
	HealthTo       []string
	UnhealthyAfter int
	Log            *slog.Logger
	// Progress, when set, is told of each post a run handles.
	Progress func(source string, posts int)
	// Images, when set, reads the text in posts' images.
	Images *Images
	// Full reads and scans every page and post again, whatever was seen
	// before (`rescan --full`); new findings alone become hits.
	Full bool
	// Evidence, when set, preserves the post of every new hit at or
	// above EvidenceAt.
	Evidence   *evidence.Writer
	EvidenceAt model.Severity
	// Browser, when set, renders the post's page for the evidence too.
	Browser *evidence.Browser

	hostMu sync.Mutex
	hosts  map[string]chan struct{}
	holder string
}

// holderGone reports whether a lease's holder ("host:pid:nonce") is a
// process on this machine that no longer runs: a daemon restarted after a
// crash need not wait for its old lease to run out.
func holderGone(holder string) bool {
	parts := strings.Split(holder, ":")
	if len(parts) != 3 {
		return false
	}
	if host, _ := os.Hostname(); parts[0] != host {
		return false
	}
	pid, err := strconv.Atoi(parts[1])
	if err != nil || pid <= 0 {
		return false
	}
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}

// hostLease is how long a process holds a host's lock in the database
// without renewing it; a process that dies frees it after this long.
const hostLease = time.Minute

// hostLock takes the lock of a source's host, so that sources on one host
// never crawl at the same time, whoever schedules them: in this process a
// channel, across processes (the daemon and a rescan by hand) a lease in
// the database, renewed while the run lasts. False if ctx ended.
func (p *Pipeline) hostLock(ctx context.Context, src config.Source) (unlock func(), ok bool) {
	h := crawler.Host(src)
	p.hostMu.Lock()
	if p.hosts == nil {
		p.hosts = map[string]chan struct{}{}
		var b [8]byte
		_, _ = rand.Read(b[:])
		host, _ := os.Hostname()
		p.holder = fmt.Sprintf("%s:%d:%x", host, os.Getpid(), b)
	}
	ch := p.hosts[h]
	if ch == nil {
		ch = make(chan struct{}, 1)
		p.hosts[h] = ch
	}
	holder := p.holder
	p.hostMu.Unlock()
	select {
	case ch <- struct{}{}:
	case <-ctx.Done():
		return nil, false
	}
	waited := false
	for {
		got, err := p.Store.TryLockHost(ctx, h, holder, hostLease, holderGone)
		if err != nil && ctx.Err() == nil {
			// The database lock is a courtesy to other processes; a
			// failing database shows up in the run itself.
			p.Log.Warn("host lock", "host", h, "err", err)
			got = true
		}
		if got {
			break
		}
		if !waited {
			p.Log.Info("another doxwatch is crawling this host; waiting for it", "host", h)
			waited = true
		}
		select {
		case <-time.After(500 * time.Millisecond):
		case <-ctx.Done():
			<-ch
			return nil, false
		}
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(hostLease / 3)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				_, _ = p.Store.TryLockHost(context.WithoutCancel(ctx), h, holder, hostLease, nil)
			}
		}
	}()
	return func() {
		close(stop)
		<-done
		_ = p.Store.UnlockHost(context.WithoutCancel(ctx), h, holder)
		<-ch
	}, true
}

// Result is what one run of one source did.
type Result struct {
	Source    string
	Stats     crawler.Stats
	Unchanged int // posts seen before with the same content
	New       map[model.Severity]int
	Alerts    int
	Err       error
	// ImagesRead counts images read; ImagesSkipped says why others were not.
	ImagesRead    int
	ImagesSkipped []string
}

// Run crawls one source and records what it finds. The source's crawl
// state is recorded even when the run fails; a run cut short by ctx (a
// shutdown) is not counted as a failure.
func (p *Pipeline) Run(ctx context.Context, src config.Source) Result {
	res := Result{Source: src.Name, New: map[model.Severity]int{}}
	unlock, ok := p.hostLock(ctx, src)
	if !ok {
		res.Err = ctx.Err()
		return res
	}
	defer unlock()
	det := p.Detector()
	scan := crawler.Scan{Fingerprint: det.Fingerprint(), Full: p.Full}
	pageScan := crawler.PageFingerprint(src, scan.Fingerprint)
	handled := 0
	emit := func(post crawler.Post) error {
		// A post is unchanged only if it says the same and was searched
		// for the same employees with the same settings.
		hash := post.ContentHash() + "." + pageScan[:8]
		unchanged, err := p.Store.DocumentUnchanged(ctx, post.Source, post.URL, hash)
		if err != nil {
			return err
		}
		unchanged = unchanged && !p.Full
		if handled++; p.Progress != nil {
			p.Progress(src.Name, handled)
		}
		if unchanged {
			res.Unchanged++
			return nil
		}
		h, err := p.Handle(ctx, Post{Post: post, ContentHash: hash, SourceType: src.Type})
		res.ImagesRead += h.ImagesRead
		res.ImagesSkipped = append(res.ImagesSkipped, h.ImagesSkipped...)
		if err != nil {
			return err
		}
		res.count(h.Recorded)
		return nil
	}
	res.Stats, res.Err = p.Crawler.Crawl(ctx, src, scan, emit)
	if p.Images != nil && ctx.Err() == nil {
		// Images that failed before are tried again, whatever the pages say.
		byPost, read, skipped := p.Images.retry(ctx, src.Name)
		res.ImagesRead += read
		res.ImagesSkipped = append(res.ImagesSkipped, skipped...)
		for postURL, rt := range byPost {
			rec, err := p.Store.AddHits(ctx, store.Post{Source: src.Name, URL: postURL, Hits: rt.hits, Routes: p.Routes})
			if err != nil {
				res.Err = errors.Join(res.Err, err)
				continue
			}
			// The image is the new evidence; the post's page is as it was.
			p.preserve(ctx, Post{Post: crawler.Post{Source: src.Name, URL: postURL}, SourceType: src.Type}, rec, rt.images)
			res.count(rec)
		}
	}
	if ctx.Err() != nil && (res.Err == nil || errors.Is(res.Err, context.Canceled) || errors.Is(res.Err, context.DeadlineExceeded)) {
		res.Err = ctx.Err()
		return res
	}
	run := store.Run{Pages: res.Stats.Pages, NotModified: res.Stats.NotModified, Posts: res.Stats.Posts, Empty: res.Stats.Empty,
		Channels: p.HealthTo}
	if res.Err != nil {
		run.Err = res.Err.Error()
	} else if len(res.Stats.Truncated) > 0 {
		run.Warning = "page not read whole: " + res.Stats.Truncated[0]
	} else if len(res.ImagesSkipped) > 0 {
		run.Warning = fmt.Sprintf("%d image(s) not read; first: %s", len(res.ImagesSkipped), res.ImagesSkipped[0])
	}
	if err := p.Store.RecordRun(context.WithoutCancel(ctx), src.Name, run, p.UnhealthyAfter); err != nil {
		res.Err = errors.Join(res.Err, err)
	}
	log := p.Log.With("source", src.Name, "pages", res.Stats.Pages, "not_modified", res.Stats.NotModified,
		"posts", res.Stats.Posts, "unchanged", res.Unchanged, "alerts", res.Alerts,
		"images_read", res.ImagesRead, "images_skipped", len(res.ImagesSkipped))
	if res.Err != nil {
		log.Warn("source failed", "err", res.Err)
	} else {
		log.Info("source crawled", "new_hits", res.NewHits())
	}
	return res
}

// Post is one post to handle, whatever brought it: a crawl, a file or
// text handed in by hand, a message forwarded to the intake mailbox.
type Post struct {
	crawler.Post
	// SourceType is the source's type, for the evidence.
	SourceType string
	// ContentHash is what the post is remembered by; the post's own
	// content hash when "".
	ContentHash string
	// Read are images of the post read already (handed in, not fetched).
	Read []ReadImage
	// Reporter is who handed the post in; "" for a crawled post.
	Reporter string
	// Capture is what the evidence of a post handed in keeps (what was
	// given, as given); nil for a crawled post, whose page is kept as it
	// was fetched.
	Capture *evidence.Capture
}

// ReadImage is an image of a post handed in, with its text.
type ReadImage struct {
	// Name is the image's name within the post ("" for the post itself).
	Name string
	Data []byte
	Text string
}

// Handled is what Handle did with one post.
type Handled struct {
	store.Recorded
	ImagesRead    int
	ImagesSkipped []string
}

// Handle is the one step every post goes through, crawled or handed in:
// find employees in its text and its images, store the post with its hits
// and their alerts, and keep the evidence of serious ones. A failure to
// keep evidence is logged: the hits and alerts are stored already. A
// panic while reading the post (a bug some hostile page provokes) is an
// error of this post: it fails the source's run, where it is seen, and
// does not stop the daemon.
func (p *Pipeline) Handle(ctx context.Context, post Post) (h Handled, err error) {
	defer func() {
		if r := recover(); r != nil {
			p.Log.Error("internal error while reading a post", "source", post.Source, "panic", r, "stack", string(debug.Stack()))
			err = fmt.Errorf("internal error while reading a post: %v", r)
		}
	}()
	var hits []store.NewHit
	for _, f := range p.Detector().Scan(post.Text) {
		hits = append(hits, store.NewHit{Finding: f})
	}
	var shown []evidence.Image
	if p.Images != nil && len(post.Images) > 0 {
		imgHits, imgs, read, skipped := p.Images.findings(ctx, post.Post)
		hits = append(hits, imgHits...)
		shown, h.ImagesRead, h.ImagesSkipped = imgs, read, skipped
	}
	for _, img := range post.Read {
		if p.Images == nil {
			h.ImagesSkipped = append(h.ImagesSkipped, "images are not read (ocr.enabled: false)")
			break
		}
		url := post.URL
		if img.Name != "" {
			url += "#" + img.Name
		}
		sum := sha256.Sum256(img.Data)
		found := p.Images.hits(ctx, url, img.Data, hex.EncodeToString(sum[:]), img.Text)
		hits = append(hits, found...)
		h.ImagesRead++
		if len(found) > 0 && post.Capture == nil {
			shown = append(shown, evidence.Image{URL: url, ContentType: http.DetectContentType(img.Data), Data: img.Data})
		}
	}
	hash := post.ContentHash
	if hash == "" {
		hash = post.Post.ContentHash()
	}
	h.Recorded, err = p.Store.RecordPost(ctx, store.Post{Source: post.Source, URL: post.URL, ContentHash: hash, Hits: hits,
		Routes: p.Routes, Author: post.Author, Published: post.Published, Reporter: post.Reporter})
	if err != nil {
		return h, err
	}
	p.preserve(ctx, post, h.Recorded, shown)
	return h, nil
}

// preserve keeps the evidence of a post that has new hits at or above the
// evidence threshold: a crawled post as it was fetched (and rendered, with
// a browser), a post handed in as it was given. A failure is logged, not
// fatal: the hit and its alert are stored already.
func (p *Pipeline) preserve(ctx context.Context, post Post, rec store.Recorded, images []evidence.Image) {
	if p.Evidence == nil || p.EvidenceAt == 0 {
		return
	}
	if !rec.Reaches(p.EvidenceAt) {
		return
	}
	var c evidence.Capture
	if post.Capture != nil {
		c = *post.Capture
	} else {
		c = evidence.Capture{Source: post.Source, SourceType: post.SourceType, PostURL: post.URL, PageURL: post.Page.URL,
			FinalURL: post.Page.FinalURL, Status: post.Page.Status, Header: post.Page.Header, FetchedAt: post.Page.FetchedAt,
			UserAgent: post.Page.UserAgent, HTML: []byte(post.HTML), Text: post.Text, Images: images}
		if p.Browser != nil {
			var err error
			if c.Screenshot, c.PDF, err = p.Browser.Render(ctx, post.URL); err != nil {
				p.Log.Warn("the page was not rendered for the evidence; the rest is kept", "source", post.Source, "err", err)
			}
		}
	}
	if c.FetchedAt.IsZero() {
		c.FetchedAt = time.Now().UTC()
	}
	if _, err := p.Evidence.Preserve(ctx, rec.DocumentID, c); err != nil {
		p.Log.Error("evidence not kept", "source", post.Source, "err", err)
	}
}

// count adds what one post's record stored to the run's totals.
func (r *Result) count(rec store.Recorded) {
	for sev, n := range rec.New {
		r.New[sev] += n
	}
	r.Alerts += rec.AlertsQueued
}

// NewHits is the number of new hits of all severities.
func (r Result) NewHits() int {
	n := 0
	for _, v := range r.New {
		n += v
	}
	return n
}

// RunAll runs the sources, those of one host in turn and up to
// parallelHosts hosts at once, calling done (if not nil) as each finishes.
// Results come back in the order of srcs.
func (p *Pipeline) RunAll(ctx context.Context, srcs []config.Source, parallelHosts int, done func(Result)) []Result {
	byHost := map[string][]int{}
	var hosts []string
	for i, s := range srcs {
		h := crawler.Host(s)
		if _, ok := byHost[h]; !ok {
			hosts = append(hosts, h)
		}
		byHost[h] = append(byHost[h], i)
	}
	sort.Strings(hosts)
	results := make([]Result, len(srcs))
	sem := make(chan struct{}, max(1, parallelHosts))
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, h := range hosts {
		wg.Add(1)
		go func(idx []int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			for _, i := range idx {
				if ctx.Err() != nil {
					results[i] = Result{Source: srcs[i].Name, Err: ctx.Err()}
					continue
				}
				r := p.Run(ctx, srcs[i])
				results[i] = r
				if done != nil {
					mu.Lock()
					done(r)
					mu.Unlock()
				}
			}
		}(byHost[h])
	}
	wg.Wait()
	return results
}
