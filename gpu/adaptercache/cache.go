package adaptercache

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// entry is one adapter that is loading or resident.
type entry[T any] struct {
	rec     *record[T]
	val     T
	bytes   int64
	refs    int  // pins held by callers
	waiters int  // Acquire calls waiting on the load; pinned when it ends
	loading bool // done is open while loading
	done    chan struct{}
	err     error // set when a load failed; the entry is then dropped
	// LRU links; in the list only while resident and unpinned.
	prev, next *entry[T]
}

// record is what the cache knows of one adapter ID.
type record[T any] struct {
	id         string
	meta       Meta
	registered bool
	st         Stats
	e          *entry[T] // nil when neither loading nor resident
}

// Cache is a tiered, just-in-time adapter cache. It is safe for
// concurrent use. Build it with New and stop it with Close.
type Cache[T any] struct {
	cfg     Config
	log     *slog.Logger
	m       Metrics
	loader  Loader[T]
	fetcher Fetcher

	mu     sync.Mutex
	recs   map[string]*record[T]
	lru    entry[T] // sentinel: lru.next is the most recent, lru.prev the least
	used   int64
	count  int
	closed bool

	queue  chan string
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// New returns a cache over loader and fetcher (which may be nil: no remote
// tier) and starts its prefetch workers. Close stops them.
func New[T any](cfg Config, loader Loader[T], fetcher Fetcher) (*Cache[T], error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if loader == nil {
		return nil, fmt.Errorf("%w: nil loader", ErrBadConfig)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Metrics == nil {
		cfg.Metrics = NoopMetrics{}
	}
	c := &Cache[T]{
		cfg: cfg, log: cfg.Logger, m: cfg.Metrics, loader: loader, fetcher: fetcher,
		recs:  make(map[string]*record[T]),
		queue: make(chan string, cfg.PrefetchQueue),
	}
	c.lru.next, c.lru.prev = &c.lru, &c.lru
	c.ctx, c.cancel = context.WithCancel(context.Background())
	for range cfg.PrefetchWorkers {
		c.wg.Add(1)
		go c.prefetchWorker()
	}
	return c, nil
}

// Acquire returns the adapter id, loading it if needed, pinned until
// release is called (release is idempotent). Concurrent Acquires of one id
// share a single load. A load outlives a cancelled caller, so that the
// next request finds the adapter warm; ctx only bounds the wait. A failed
// load is not cached: the next Acquire tries again.
func (c *Cache[T]) Acquire(ctx context.Context, id string) (T, func(), error) {
	var zero T
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return zero, nil, ErrClosed
	}
	r := c.recs[id]
	if r != nil && r.e != nil && !r.e.loading {
		e := r.e
		c.pinLocked(e)
		r.st.Hits++
		r.st.LastUsed = time.Now()
		c.mu.Unlock()
		c.m.Hit(id)
		return e.val, c.releaser(e), nil
	}
	if r == nil {
		r = &record[T]{id: id}
		c.recs[id] = r
	}
	r.st.Misses++
	r.st.LastUsed = time.Now()
	e := r.e
	var victims []T
	if e == nil {
		e, victims = c.startLoadLocked(r)
	}
	e.waiters++
	c.mu.Unlock()
	closeAll(c.log, victims)

	select {
	case <-e.done:
	case <-ctx.Done():
		c.mu.Lock()
		if e.loading {
			e.waiters--
			c.mu.Unlock()
			return zero, nil, ctx.Err()
		}
		c.mu.Unlock()
		// The load ended as we gave up: drop the pin it took for us.
		if e.err == nil {
			c.release(e)
		}
		return zero, nil, ctx.Err()
	}
	if e.err != nil {
		return zero, nil, e.err
	}
	return e.val, c.releaser(e), nil
}

// releaser returns an idempotent release function for one pin of e.
func (c *Cache[T]) releaser(e *entry[T]) func() {
	var done atomic.Bool
	return func() {
		if !done.Swap(true) {
			c.release(e)
		}
	}
}

func (c *Cache[T]) release(e *entry[T]) {
	c.mu.Lock()
	e.refs--
	var victims []T
	if e.refs == 0 {
		if c.closed {
			c.dropLocked(e)
			victims = append(victims, e.val)
		} else {
			c.lruPushFront(e)
			victims = c.evictLocked(0)
		}
	}
	c.mu.Unlock()
	closeAll(c.log, victims)
}

// pinLocked takes one pin on a resident entry.
func (c *Cache[T]) pinLocked(e *entry[T]) {
	if e.refs == 0 {
		c.lruRemove(e)
	}
	e.refs++
}

// evictLocked evicts least recently used unpinned entries until extra
// more bytes fit the budget, or nothing unpinned is left (overshoot). It
// returns the evicted values, to be closed once the lock is released.
func (c *Cache[T]) evictLocked(extra int64) []T {
	var victims []T
	for c.used+extra > c.cfg.Budget && c.lru.prev != &c.lru {
		e := c.lru.prev
		c.lruRemove(e)
		c.dropLocked(e)
		victims = append(victims, e.val)
		c.m.Evict(e.rec.id)
		c.log.Debug("adapter evicted", "id", e.rec.id, "bytes", e.bytes)
	}
	c.reportLocked()
	return victims
}

// dropLocked forgets a resident entry (already out of the LRU list).
func (c *Cache[T]) dropLocked(e *entry[T]) {
	if e.rec.e == e {
		e.rec.e = nil
	}
	c.used -= e.bytes
	c.count--
}

func (c *Cache[T]) reportLocked() {
	c.m.Resident(c.used, c.count)
	c.m.Overshoot(max(0, c.used-c.cfg.Budget))
}

func (c *Cache[T]) lruPushFront(e *entry[T]) {
	e.prev, e.next = &c.lru, c.lru.next
	c.lru.next.prev = e
	c.lru.next = e
}

func (c *Cache[T]) lruRemove(e *entry[T]) {
	if e.prev == nil {
		return
	}
	e.prev.next, e.next.prev = e.next, e.prev
	e.prev, e.next = nil, nil
}

// closeAll closes the values that implement io.Closer.
func closeAll[T any](log *slog.Logger, vals []T) {
	for _, v := range vals {
		if cl, ok := any(v).(io.Closer); ok {
			if err := cl.Close(); err != nil {
				log.Warn("closing evicted adapter", "err", err)
			}
		}
	}
}

// Close stops the prefetch workers, cancels loads in flight and closes
// the unpinned resident adapters; pinned ones are closed on release.
// Later Acquires fail with ErrClosed.
func (c *Cache[T]) Close() error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil
	}
	c.closed = true
	var victims []T
	for c.lru.prev != &c.lru {
		e := c.lru.prev
		c.lruRemove(e)
		c.dropLocked(e)
		victims = append(victims, e.val)
	}
	c.reportLocked()
	c.mu.Unlock()
	c.cancel()
	c.wg.Wait()
	closeAll(c.log, victims)
	return nil
}

// Remove unloads a resident adapter (an admin action). It fails with
// ErrPinned while the adapter is in use or loading, and ErrNotResident
// when it is not loaded. The registry entry is kept.
func (c *Cache[T]) Remove(id string) error {
	c.mu.Lock()
	r := c.recs[id]
	if r == nil || r.e == nil {
		c.mu.Unlock()
		return fmt.Errorf("%w: %s", ErrNotResident, id)
	}
	e := r.e
	if e.loading || e.refs > 0 {
		c.mu.Unlock()
		return fmt.Errorf("%w: %s", ErrPinned, id)
	}
	c.lruRemove(e)
	c.dropLocked(e)
	c.m.Evict(id)
	c.reportLocked()
	c.mu.Unlock()
	closeAll(c.log, []T{e.val})
	c.log.Info("adapter unloaded", "id", id)
	return nil
}

// Resident returns the IDs of the loaded adapters, sorted.
func (c *Cache[T]) Resident() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var ids []string
	for id, r := range c.recs {
		if r.e != nil && !r.e.loading {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// Usage returns the resident bytes, the budget and the resident count.
// Used above Budget is an overshoot: everything resident was pinned.
func (c *Cache[T]) Usage() (used, budget int64, count int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.used, c.cfg.Budget, c.count
}
