// Package demo is a small invented world to try doxwatch in: a local web
// site (a forum with two pages, a news feed and a Telegram-style channel),
// an invented organisation and staff roster, and a configuration that
// watches that site. Nothing in it is a real person.
package demo

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

//go:embed site staff.csv
var files embed.FS

// Site is the demo web site, served on loopback.
type Site struct {
	URL string
	srv *http.Server
}

// routes map the demo site's paths to its files and content types.
var routes = map[string][2]string{
	"/forum/topic?page=1": {"site/forum-1.html", "text/html; charset=utf-8"},
	"/forum/topic?page=2": {"site/forum-2.html", "text/html; charset=utf-8"},
	"/wijkblad/feed.rss":  {"site/feed.rss", "application/rss+xml"},
	"/s/ouders_demo":      {"site/channel.html", "text/html; charset=utf-8"},
}

// Start serves the demo site on a free loopback port until ctx ends or Close.
func Start(ctx context.Context) (*Site, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("demo site: %w", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		key := r.URL.Path
		if r.URL.RawQuery != "" {
			key += "?" + r.URL.RawQuery
		}
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
			return
		}
		route, ok := routes[key]
		if !ok {
			http.NotFound(w, r)
			return
		}
		data, err := files.ReadFile(route[0])
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", route[1])
		w.Write(data)
	})
	s := &Site{URL: "http://" + ln.Addr().String(), srv: &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}}
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(os.Stderr, "demo site:", err)
		}
	}()
	go func() {
		<-ctx.Done()
		s.Close()
	}()
	return s, nil
}

// Close stops the site.
func (s *Site) Close() error { return s.srv.Close() }

// WriteFiles writes the demo's roster and configuration into dir and
// returns the configuration's path. The configuration watches site.
func WriteFiles(dir string, site *Site) (string, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", err
	}
	staff, err := files.ReadFile("staff.csv")
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "staff.csv"), staff, 0o600); err != nil {
		return "", err
	}
	cfg := fmt.Sprintf(configTemplate, site.URL, site.URL, site.URL)
	path := filepath.Join(dir, "doxwatch.yaml")
	return path, os.WriteFile(path, []byte(cfg), 0o600)
}

const configTemplate = `# The demo configuration, written by "doxwatch demo". Everything in it is invented.
organisation:
  name: Kinderopvang De Zonnebloem
  aliases: ["De Zonnebloem", "KDV Zonnebloem"]
  own_contacts:
    addresses: ["Bloemenlaan 1, 3511 AA Utrecht"]
    phones: ["030-7001122"]
    email_domains: ["zonnebloem-kdv.example"]
roster: staff.csv
database: doxwatch.db
sources:
  - name: ouderforum
    type: html
    url: %s/forum/topic?page=1
    selectors: {item: div.post, text: div.body, author: span.author, time: "time@datetime", link: "a.perma@href", next: a.next}
  - name: wijkblad
    type: feed
    url: %s/wijkblad/feed.rss
  - name: ouderkanaal
    type: telegram
    channel: ouders_demo
    base_url: %s
crawl:
  delay: 100ms
  # The demo site runs on this machine; real sources never may.
  allow_private_networks: true
alerts:
  to: ["Veiligheid <veiligheid@zonnebloem-kdv.example>"]
  from: "doxwatch <doxwatch@zonnebloem-kdv.example>"
  transport: file
  outbox_dir: outbox
`
