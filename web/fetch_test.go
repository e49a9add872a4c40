package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/crawler"
)

// Why a link handed in could not be read is said in the page's words,
// from the fetch's real errors (a closed port, a site's answer, a page
// too large, an address on the network, a site that keeps silent) and a
// failed name lookup, which this machine cannot make happen for sure.
func TestFetchProblemsInWords(t *testing.T) {
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/gone":
			http.NotFound(w, r)
		case "/big":
			w.Write([]byte(strings.Repeat("x", 4096)))
		case "/slow":
			<-r.Context().Done() // until the client gives up
		}
	}))
	defer page.Close()
	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL
	closed.Close()
	cfg := config.Default().Crawl
	cfg.AllowPrivateNetworks = true
	cfg.Timeout = 300 * time.Millisecond
	open := crawler.New(cfg, nil, slog.New(slog.DiscardHandler))
	guarded := crawler.New(config.Default().Crawl, nil, slog.New(slog.DiscardHandler))
	fetchErr := func(c *crawler.Crawler, url string, limit int64) error {
		_, _, err := c.Fetch(context.Background(), url, limit)
		if err == nil {
			t.Fatalf("%s was read", url)
		}
		return err
	}
	tests := []struct {
		err    error
		nl, en string
	}{
		{fetchErr(open, page.URL+"/gone", 1<<20), "de site antwoordde met status 404", "the site answered with status 404"},
		{fetchErr(open, page.URL+"/big", 1024), "de pagina is groter dan doxwatch leest", "the page is larger than doxwatch reads"},
		{fetchErr(open, closedURL+"/", 1<<20), "de site weigert de verbinding", "the site refuses the connection"},
		{fetchErr(open, page.URL+"/slow", 1<<20), "de site antwoordde niet op tijd", "the site did not answer in time"},
		{fetchErr(guarded, page.URL+"/gone", 1<<20), "doxwatch leest geen adressen in het eigen netwerk", "doxwatch does not read addresses on its own network"},
		{fmt.Errorf("get: %w", &net.DNSError{Err: "no such host", Name: "forum.invalid", Server: "10.0.0.53:53", IsNotFound: true}),
			"geen site heeft die naam", "no site has that name"},
		{errors.New("something else"), "de site was niet te bereiken", "the site could not be reached"},
	}
	for _, tt := range tests {
		saysInBoth(t, tt.err, lang.fetchProblem, tt.nl, tt.en)
	}
}

// What was handed in and cannot be read is said in the page's words too:
// an image where images are not read, a file that is no e-mail.
func TestScanProblemsInWords(t *testing.T) {
	e := newEnv(t) // its checker reads no images
	c := e.client(t).login("rik", reviewerPW)
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00")
	body, ctype := multipartBody(t, "file", "schermafbeelding.png", png)
	_, page := c.do(http.MethodPost, "/intake", body, ctype, nil)
	if !strings.Contains(page, "Could not be read: text in images is not read; the administrator can turn it on (ocr.enabled)") ||
		strings.Contains(page, "switched off") || strings.Contains(page, "schermafbeelding.png:") {
		t.Errorf("an image where images are not read:\n%s", page)
	}
	body, ctype = multipartBody(t, "file", "bericht.eml", []byte("From: x\r\nContent-Type: multipart/mixed\r\n\r\n--"))
	if _, page = c.do(http.MethodPost, "/intake", body, ctype, nil); !strings.Contains(page, "Could not be read: the file cannot be read (is it damaged?)") {
		t.Errorf("an e-mail that cannot be read:\n%s", page)
	}
}
