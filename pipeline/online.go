package pipeline

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/crawler"
	"github.com/doxwatch/doxwatch/extract"
	"github.com/doxwatch/doxwatch/model"
)

// OnlineResult counts what a check of posts found.
type OnlineResult struct {
	Checked, Online, Removed, Unknown int
}

// CheckOnline fetches again the posts of open hits at or above min that
// were not checked in the last day, and records whether each is still
// online or was removed (404 or 410, or its text gone from the page); a
// server error or timeout changes nothing. Requests go through the
// crawler's limits, under each source's host lock, spaced by crawl.delay.
func (p *Pipeline) CheckOnline(ctx context.Context, srcs []config.Source, min model.Severity, delay time.Duration) (OnlineResult, error) {
	var res OnlineResult
	posts, err := p.Store.PostsToCheck(ctx, min, time.Now().Add(-20*time.Hour))
	if err != nil {
		return res, err
	}
	byName := map[string]config.Source{}
	for _, s := range srcs {
		byName[s.Name] = s
	}
	for i, post := range posts {
		if i > 0 && crawler.Wait(ctx, delay) != nil {
			return res, ctx.Err()
		}
		unlock := func() {}
		if src, ok := byName[post.Source]; ok {
			var got bool
			if unlock, got = p.hostLock(ctx, src); !got {
				return res, ctx.Err()
			}
		}
		online, known := p.stillOnline(ctx, post.URL, post.Matches)
		unlock()
		res.Checked++
		switch {
		case !known:
			res.Unknown++
			continue
		case online:
			res.Online++
		default:
			res.Removed++
		}
		if err := p.Store.RecordOnline(ctx, post.DocumentID, online); err != nil {
			return res, err
		}
	}
	return res, nil
}

// stillOnline fetches a post; known is false when the answer says nothing
// (a server error, a timeout).
func (p *Pipeline) stillOnline(ctx context.Context, url string, matches []string) (online, known bool) {
	data, ctype, err := p.Crawler.Fetch(ctx, url, 5<<20)
	var se *crawler.StatusError
	switch {
	case errors.As(err, &se) && (se.Code == http.StatusNotFound || se.Code == http.StatusGone):
		return false, true
	case err != nil:
		return false, false
	}
	text, err := extract.Document(url, ctype, data)
	if err != nil {
		return false, false
	}
	text = strings.Join(strings.Fields(text), " ")
	for _, m := range matches {
		if strings.Contains(text, strings.Join(strings.Fields(m), " ")) {
			return true, true
		}
	}
	// The page is there but what the post showed is not: the post (or the
	// personal data in it) was taken down.
	return len(matches) == 0, true
}
