package crawler

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/temoto/robotstxt"
)

// maxRobotsBytes is how much of a robots.txt is read: RFC 9309 lets a
// crawler parse only the first 500 KiB, and an endless or bombed file must
// not cost more.
const maxRobotsBytes = 500 << 10

// robotsFor fetches and parses the robots.txt of u's host once per run,
// within the crawler's limits (time, redirects, address checks). colly's
// own robots.txt handling reads the whole file without a bound, so it is
// switched off and this takes its place.
func (f *fetcher) robotsFor(u *url.URL) (*robotstxt.RobotsData, error) {
	key := u.Scheme + "://" + u.Host
	if r, ok := f.robots[key]; ok {
		return r, nil
	}
	ctx, cancel := context.WithTimeout(f.ctx, f.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, key+"/robots.txt", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", f.ua)
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s/robots.txt: %w", key, err)
	}
	defer resp.Body.Close()
	// Past the limit the rest is ignored: the rules read so far apply.
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxRobotsBytes))
	if err != nil {
		return nil, fmt.Errorf("%s/robots.txt: %w", key, err)
	}
	r, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil {
		return nil, fmt.Errorf("%s/robots.txt: %w", key, err)
	}
	f.robots[key] = r
	return r, nil
}

// allowed reports whether robots.txt lets this crawler fetch raw; the
// error names robots.txt when it could not be read.
func (f *fetcher) allowed(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	r, err := f.robotsFor(u)
	if err != nil {
		return err
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !r.TestAgent(path, f.ua) {
		return fmt.Errorf("%s: %w", raw, ErrRobots)
	}
	return nil
}
