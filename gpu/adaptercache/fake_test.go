package adaptercache

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// adapter is the test value; it records being closed.
type adapter struct {
	id     string
	closed atomic.Bool
}

func (a *adapter) Close() error {
	if a.closed.Swap(true) {
		return errors.New("closed twice")
	}
	return nil
}

// fakeStore is an in-memory disk tier (Loader) and remote tier (Fetcher).
type fakeStore struct {
	mu      sync.Mutex
	local   map[string]bool
	remote  map[string]bool
	size    int64
	fail    map[string]error // LoadLocal error, consumed once
	gate    chan struct{}    // when set, loads wait on it
	loads   map[string]int
	fetches map[string]int
}

func newStore(size int64, local ...string) *fakeStore {
	s := &fakeStore{local: map[string]bool{}, remote: map[string]bool{}, size: size,
		fail: map[string]error{}, loads: map[string]int{}, fetches: map[string]int{}}
	for _, id := range local {
		s.local[id] = true
	}
	return s
}

func (s *fakeStore) LoadLocal(ctx context.Context, id string) (*adapter, int64, error) {
	if s.gate != nil {
		select {
		case <-s.gate:
		case <-ctx.Done():
			return nil, 0, ctx.Err()
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.loads[id]++
	if err := s.fail[id]; err != nil {
		delete(s.fail, id)
		return nil, 0, err
	}
	if !s.local[id] {
		return nil, 0, fmt.Errorf("open %s: %w", id, ErrNotLocal)
	}
	return &adapter{id: id}, s.size, nil
}

func (s *fakeStore) Fetch(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fetches[id]++
	if !s.remote[id] {
		return errors.New("no peer has it")
	}
	s.local[id] = true
	return nil
}

func (s *fakeStore) count(m map[string]int, id string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return m[id]
}

type tlogWriter struct{ t testing.TB }

func (w tlogWriter) Write(p []byte) (int, error) { w.t.Log(string(p)); return len(p), nil }

func newCache(t testing.TB, budget int64, s *fakeStore, withFetcher bool) *Cache[*adapter] {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Budget = budget
	cfg.Logger = slog.New(slog.NewTextHandler(tlogWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	var f Fetcher
	if withFetcher {
		f = s
	}
	c, err := New[*adapter](cfg, s, f)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func mustAcquire(t testing.TB, c *Cache[*adapter], id string) (*adapter, func()) {
	t.Helper()
	a, rel, err := c.Acquire(context.Background(), id)
	if err != nil {
		t.Fatalf("acquire %s: %v", id, err)
	}
	if a.id != id {
		t.Fatalf("acquire %s returned %s", id, a.id)
	}
	return a, rel
}

func waitFor(t testing.TB, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in 5s")
		}
		time.Sleep(time.Millisecond)
	}
}
