package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/doxwatch/doxwatch/crawler"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/pipeline"
)

func TestProgress(t *testing.T) {
	var b bytes.Buffer
	p := &progress{w: &b, total: 2}
	p.update("forum", 10)
	p.update("forum", 11) // within 100 ms: not drawn
	p.finished(pipeline.Result{Source: "forum", Stats: crawler.Stats{Posts: 12}, New: map[model.Severity]int{model.Critical: 1, model.Low: 2}})
	p.finished(pipeline.Result{Source: "feed", Err: errors.New("HTTP 500")})
	out := b.String()
	for _, want := range []string{"\r\x1b[K[0/2] forum: 10 posts", "[1/2] forum: 12 posts, 3 new hits (1 critical) — ok\n", "[2/2] feed: 0 posts, 0 new hits (0 critical) — error: HTTP 500\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("progress output lacks %q:\n%q", want, out)
		}
	}
	if strings.Contains(out, "11 posts") {
		t.Errorf("redrawn within 100 ms: %q", out)
	}
}
