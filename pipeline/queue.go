package pipeline

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/doxwatch/doxwatch/config"
)

// Queue runs sources when someone asks (the dashboard's "rescan now"),
// at most one requested run per source at a time. The pipeline's host
// lock keeps a requested run from overlapping a scheduled one.
type Queue struct {
	ctx     context.Context
	p       *Pipeline
	sources map[string]config.Source
	done    func(Result)
	now     func() time.Time

	mu    sync.Mutex
	state map[string]RunState
	wg    sync.WaitGroup
}

// RunState is what became of the last requested run of a source.
type RunState struct {
	Requested, Finished time.Time
	Running             bool
	Err                 string
	NewHits             int
}

// NewQueue runs requests under ctx (the daemon's life); done, if not nil,
// is called after each run.
func NewQueue(ctx context.Context, p *Pipeline, sources []config.Source, done func(Result)) *Queue {
	q := &Queue{ctx: ctx, p: p, sources: map[string]config.Source{}, done: done, now: time.Now, state: map[string]RunState{}}
	for _, s := range sources {
		q.sources[s.Name] = s
	}
	return q
}

// Request starts a run of the named source unless one is running.
func (q *Queue) Request(name string) error {
	src, ok := q.sources[name]
	if !ok {
		return fmt.Errorf("no source named %q is configured", name)
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.state[name].Running {
		return nil
	}
	q.state[name] = RunState{Requested: q.now(), Running: true}
	q.wg.Add(1)
	go func() {
		defer q.wg.Done()
		r := q.p.Run(q.ctx, src)
		st := RunState{Finished: q.now(), NewHits: r.NewHits()}
		if r.Err != nil {
			st.Err = r.Err.Error()
		}
		q.mu.Lock()
		st.Requested = q.state[name].Requested
		q.state[name] = st
		q.mu.Unlock()
		if q.done != nil && q.ctx.Err() == nil {
			q.done(r)
		}
	}()
	return nil
}

// State is the last requested run of a source (zero if none).
func (q *Queue) State(name string) RunState {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.state[name]
}

// Wait waits for requested runs to end (after the context is cancelled).
func (q *Queue) Wait() { q.wg.Wait() }
