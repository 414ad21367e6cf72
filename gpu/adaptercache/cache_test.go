package adaptercache

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

func TestHitMissEvictionOrder(t *testing.T) {
	s := newStore(10, "a", "b", "c", "d")
	c := newCache(t, 30, s, false)
	for _, id := range []string{"a", "b", "c"} {
		_, rel := mustAcquire(t, c, id)
		rel()
		rel() // idempotent
	}
	_, rel := mustAcquire(t, c, "a") // hit; a becomes most recent
	rel()
	if st, _ := c.Stats("a"); st.Hits != 1 || st.Misses != 1 || st.Loads != 1 || !st.Resident || st.Bytes != 10 {
		t.Fatalf("stats a = %+v", st)
	}
	aVal, rel := mustAcquire(t, c, "d") // evicts b, the least recent
	rel()
	if got := c.Resident(); !slices.Equal(got, []string{"a", "c", "d"}) {
		t.Fatalf("resident = %v", got)
	}
	_ = aVal
	if st, _ := c.Stats("b"); st.Resident || st.Loads != 1 {
		t.Fatalf("stats b = %+v", st)
	}
	_, rel = mustAcquire(t, c, "b") // evicts c
	rel()
	if got := c.Resident(); !slices.Equal(got, []string{"a", "b", "d"}) {
		t.Fatalf("resident = %v", got)
	}
	if n := s.count(s.loads, "b"); n != 2 {
		t.Fatalf("b loaded %d times", n)
	}
	if used, budget, n := c.Usage(); used != 30 || budget != 30 || n != 3 {
		t.Fatalf("usage %d/%d %d", used, budget, n)
	}
}

func TestEvictedValuesClosed(t *testing.T) {
	s := newStore(10, "a", "b")
	c := newCache(t, 10, s, false)
	a, rel := mustAcquire(t, c, "a")
	rel()
	_, rel = mustAcquire(t, c, "b")
	defer rel()
	if !a.closed.Load() {
		t.Fatal("evicted adapter not closed")
	}
}

func TestPinnedNeverEvicted(t *testing.T) {
	s := newStore(10, "a", "b", "c")
	c := newCache(t, 10, s, false)
	a, relA := mustAcquire(t, c, "a")
	b, relB := mustAcquire(t, c, "b") // overshoot: a is pinned
	if a.closed.Load() {
		t.Fatal("pinned adapter evicted")
	}
	if used, _, _ := c.Usage(); used != 20 {
		t.Fatalf("used %d, want overshoot to 20", used)
	}
	relA()
	if !a.closed.Load() || b.closed.Load() {
		t.Fatal("release should evict a (unpinned, least recent) to meet the budget")
	}
	relB()
	if used, _, _ := c.Usage(); used != 10 {
		t.Fatalf("used %d", used)
	}
}

// TestPinnedConcurrent hammers a small budget from many goroutines and
// checks that no value is ever closed while pinned.
func TestPinnedConcurrent(t *testing.T) {
	ids := []string{"a", "b", "c", "d", "e", "f"}
	s := newStore(10, ids...)
	c := newCache(t, 25, s, false)
	var wg sync.WaitGroup
	var bad atomic.Int64
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 300 {
				id := ids[(g*7+i*3)%len(ids)]
				a, rel, err := c.Acquire(context.Background(), id)
				if err != nil {
					t.Error(err)
					return
				}
				if a.closed.Load() {
					bad.Add(1)
				}
				if i%5 == 0 {
					time.Sleep(10 * time.Microsecond)
				}
				if a.closed.Load() {
					bad.Add(1)
				}
				rel()
			}
		}()
	}
	wg.Wait()
	if bad.Load() != 0 {
		t.Fatalf("%d pinned adapters were closed", bad.Load())
	}
	if used, budget, _ := c.Usage(); used > budget {
		t.Fatalf("after all releases used %d > budget %d", used, budget)
	}
}

func TestSingleFlight(t *testing.T) {
	s := newStore(10, "a")
	s.gate = make(chan struct{})
	c := newCache(t, 100, s, false)
	const n = 16
	var wg sync.WaitGroup
	vals := make([]*adapter, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, rel, err := c.Acquire(context.Background(), "a")
			if err != nil {
				t.Error(err)
				return
			}
			vals[i] = a
			rel()
		}()
	}
	waitFor(t, func() bool { st, _ := c.Stats("a"); return st.Misses == n })
	close(s.gate)
	wg.Wait()
	if got := s.count(s.loads, "a"); got != 1 {
		t.Fatalf("loaded %d times, want 1", got)
	}
	for _, v := range vals {
		if v != vals[0] {
			t.Fatal("waiters got different values")
		}
	}
	if st, _ := c.Stats("a"); st.Pinned != 0 || !st.Resident {
		t.Fatalf("stats %+v", st)
	}
}

func TestCancelledWaiter(t *testing.T) {
	s := newStore(10, "a")
	s.gate = make(chan struct{})
	c := newCache(t, 100, s, false)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, _, err := c.Acquire(ctx, "a")
		errc <- err
	}()
	waitFor(t, func() bool { st, _ := c.Stats("a"); return st.Loading })
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	close(s.gate) // the load goes on and leaves a warm, unpinned adapter
	waitFor(t, func() bool { st, _ := c.Stats("a"); return st.Resident })
	if st, _ := c.Stats("a"); st.Pinned != 0 {
		t.Fatalf("stats %+v", st)
	}
}

func TestPrefetch(t *testing.T) {
	s := newStore(10, "a", "b", "c")
	c := newCache(t, 100, s, false)
	for _, id := range []string{"a", "b", "c", "a"} {
		c.Prefetch(id)
	}
	waitFor(t, func() bool { return len(c.Resident()) == 3 })
	_, rel := mustAcquire(t, c, "b")
	rel()
	if st, _ := c.Stats("b"); st.Hits != 1 || st.Misses != 0 || st.Loads != 1 {
		t.Fatalf("stats b %+v", st)
	}
	if got := s.count(s.loads, "a"); got != 1 {
		t.Fatalf("a loaded %d times", got)
	}
}

func TestRemoteTier(t *testing.T) {
	s := newStore(10)
	s.remote["r"] = true
	reg := prometheus.NewRegistry()
	pm, err := NewPromMetrics(reg)
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.Budget, cfg.Metrics = 100, pm
	c, err := New[*adapter](cfg, s, s)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	a, rel, err := c.Acquire(context.Background(), "r")
	if err != nil || a.id != "r" {
		t.Fatalf("acquire r: %v", err)
	}
	rel()
	if s.count(s.fetches, "r") != 1 || s.count(s.loads, "r") != 2 {
		t.Fatalf("fetches %d loads %d", s.count(s.fetches, "r"), s.count(s.loads, "r"))
	}
	if got := testutil.ToFloat64(pm.loads.WithLabelValues(TierRemote)); got != 1 {
		t.Fatalf("remote loads metric = %v", got)
	}
	if got := testutil.ToFloat64(pm.bytes); got != 10 {
		t.Fatalf("resident bytes metric = %v", got)
	}
	// Missing everywhere: the fetch error propagates.
	if _, _, err := c.Acquire(context.Background(), "nowhere"); err == nil {
		t.Fatal("want error")
	}
	if _, ok := c.Stats("nowhere"); ok {
		t.Fatal("failed unregistered ID should leave no record")
	}
}

func TestErrorsNotCached(t *testing.T) {
	s := newStore(10, "a")
	boom := errors.New("disk on fire")
	s.fail["a"] = boom
	c := newCache(t, 100, s, true)
	if _, _, err := c.Acquire(context.Background(), "a"); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want %v", err, boom)
	}
	if s.count(s.fetches, "a") != 0 {
		t.Fatal("a non-missing error must not go to the remote tier")
	}
	_, rel := mustAcquire(t, c, "a") // retried
	rel()
	if got := s.count(s.loads, "a"); got != 2 {
		t.Fatalf("loads %d", got)
	}
}

func TestRemoveAndRegistry(t *testing.T) {
	s := newStore(10, "a")
	c := newCache(t, 100, s, false)
	c.Register("a", Meta{Name: "alpha", Base: "llama", Size: 10})
	c.Register("z", Meta{Name: "zeta"})
	if got := c.Registered(); !slices.Equal(got, []string{"a", "z"}) {
		t.Fatalf("registered %v", got)
	}
	if m, ok := c.Lookup("a"); !ok || m.Name != "alpha" {
		t.Fatalf("lookup %v %v", m, ok)
	}
	if err := c.Remove("a"); !errors.Is(err, ErrNotResident) {
		t.Fatalf("remove unloaded: %v", err)
	}
	a, rel := mustAcquire(t, c, "a")
	if err := c.Remove("a"); !errors.Is(err, ErrPinned) {
		t.Fatalf("remove pinned: %v", err)
	}
	rel()
	if err := c.Remove("a"); err != nil {
		t.Fatal(err)
	}
	if !a.closed.Load() || len(c.Resident()) != 0 {
		t.Fatal("removed adapter still resident or not closed")
	}
	if st, ok := c.Stats("a"); !ok || !st.Registered || st.Resident {
		t.Fatalf("stats after remove %+v", st)
	}
}

func TestClosed(t *testing.T) {
	s := newStore(10, "a")
	c := newCache(t, 100, s, false)
	a, rel := mustAcquire(t, c, "a")
	c.Close()
	if _, _, err := c.Acquire(context.Background(), "a"); !errors.Is(err, ErrClosed) {
		t.Fatalf("err = %v", err)
	}
	if a.closed.Load() {
		t.Fatal("pinned adapter closed by Close")
	}
	rel()
	if !a.closed.Load() {
		t.Fatal("adapter not closed on release after Close")
	}
	if _, err := New[*adapter](Config{}, s, nil); !errors.Is(err, ErrBadConfig) {
		t.Fatalf("bad config: %v", err)
	}
}
