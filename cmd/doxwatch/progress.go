package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/pipeline"
)

// progress shows a rescan on a terminal: a status line that updates as
// posts are read, and a line per finished source.
type progress struct {
	w     io.Writer
	mu    sync.Mutex
	total int
	done  int
	last  time.Time
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// update redraws the status line, at most ten times a second.
func (p *progress) update(source string, posts int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(p.w, "\r\x1b[K[%d/%d] %s: %d posts", p.done, p.total, source, posts)
}

// finished replaces the status line with the source's result.
func (p *progress) finished(r pipeline.Result) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	status := "ok"
	if r.Err != nil {
		status = "error: " + r.Err.Error()
	}
	fmt.Fprintf(p.w, "\r\x1b[K[%d/%d] %s: %d posts, %d new hits (%d critical) — %s\n", p.done, p.total, r.Source,
		r.Stats.Posts, r.NewHits(), r.New[model.Critical], status)
}
