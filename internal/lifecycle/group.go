// Package lifecycle is the one goroutine pattern every node service uses:
// a service owns a Group, starts its goroutines with Go, and its Stop
// cancels the group's context and waits for them, bounded by the caller's
// context. A Group knows nothing of what its goroutines do.
package lifecycle

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// ErrStopped reports Go on a group that was stopped.
var ErrStopped = errors.New("lifecycle: group stopped")

// Group tracks the goroutines of one service. The zero value is not ready:
// use NewGroup.
type Group struct {
	name   string
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu      sync.Mutex
	stopped bool
}

// NewGroup returns a group whose goroutines run under a context that lives
// until Stop. It is detached from parent's cancellation (a start-up context
// bounds start-up only) but keeps its values.
func NewGroup(parent context.Context, name string) *Group {
	ctx, cancel := context.WithCancel(context.WithoutCancel(parent))
	return &Group{name: name, ctx: ctx, cancel: cancel}
}

// Context is the group's context: done once Stop is called.
func (g *Group) Context() context.Context { return g.ctx }

// Go runs fn on its own goroutine under the group's context. After Stop it
// runs nothing and returns ErrStopped.
func (g *Group) Go(fn func(ctx context.Context)) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.stopped {
		return ErrStopped
	}
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		fn(g.ctx)
	}()
	return nil
}

// Stop cancels the group's context and waits for its goroutines, or for ctx
// to end, whichever comes first. It is safe to call more than once.
func (g *Group) Stop(ctx context.Context) error {
	g.mu.Lock()
	g.stopped = true
	g.mu.Unlock()
	g.cancel()
	done := make(chan struct{})
	go func() { g.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("%s: waiting for goroutines: %w", g.name, ctx.Err())
	}
}
