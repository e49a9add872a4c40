package crawler

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/doxwatch/doxwatch/config"
)

// FuzzParsers: no page a source serves may panic its parser (a panic in the
// daemon would stop every source, not fail this one).
func FuzzParsers(f *testing.F) {
	sources := []config.Source{
		{Name: "forum", Type: config.SourceHTML, URL: "https://forum.example/t?id=1", Selectors: config.Selectors{Item: "div.post",
			Text: ".content", Author: ".author .username", Time: "time@datetime", Link: "a.permalink@href", Next: "a.next", Images: "img@src"}},
		{Name: "feed", Type: config.SourceFeed, URL: "https://forum.example/feed"},
		{Name: "tg", Type: config.SourceTelegram, Channel: "ouders", BaseURL: "https://t.example"},
		{Name: "masto", Type: config.SourceMastodon, Instance: "https://masto.example", Hashtag: "opvang"},
		{Name: "disc", Type: config.SourceDiscourse, URL: "https://disc.example"},
	}
	seeds := map[string]int{"forum-1.html": 0, "forum-2.html": 0, "feed.atom": 1, "feed.json": 1, "feed.rss": 1,
		"telegram.html": 2, "telegram-older.html": 2, "mastodon-tag.json": 3, "mastodon-lookup.json": 3,
		"discourse-posts.json": 4, "discourse-older.json": 4}
	for name, kind := range seeds {
		body, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(kind), body)
	}
	u, _ := url.Parse("https://forum.example/t?id=1")
	f.Fuzz(func(t *testing.T, kind uint8, body []byte) {
		p, err := parserFor(sources[int(kind)%len(sources)])
		if err != nil {
			t.Fatal(err)
		}
		p.parse(u, body)
		if e, ok := p.(explainer); ok {
			e.explainEmpty(u, body)
		}
	})
}
