package lifecycle

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestStopCancelsAndWaits(t *testing.T) {
	g := NewGroup(context.Background(), "t")
	exited := make(chan struct{})
	if err := g.Go(func(ctx context.Context) { <-ctx.Done(); close(exited) }); err != nil {
		t.Fatal(err)
	}
	if err := g.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	select {
	case <-exited:
	default:
		t.Fatal("Stop returned before the goroutine exited")
	}
	if err := g.Go(func(context.Context) {}); !errors.Is(err, ErrStopped) {
		t.Fatalf("Go after Stop: %v", err)
	}
	if err := g.Stop(context.Background()); err != nil {
		t.Fatalf("second Stop: %v", err)
	}
}

func TestStopIsBoundedByItsContext(t *testing.T) {
	g := NewGroup(context.Background(), "stuck")
	release := make(chan struct{})
	defer close(release)
	_ = g.Go(func(context.Context) { <-release })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if err := g.Stop(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Stop of a stuck goroutine: %v", err)
	}
}

func TestGroupOutlivesStartContext(t *testing.T) {
	start, cancel := context.WithCancel(context.Background())
	g := NewGroup(start, "t")
	cancel()
	if g.Context().Err() != nil {
		t.Fatal("cancelling the start-up context stopped the group")
	}
	_ = g.Stop(context.Background())
	if g.Context().Err() == nil {
		t.Fatal("Stop did not cancel the group's context")
	}
}
