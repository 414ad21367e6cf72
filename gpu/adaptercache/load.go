package adaptercache

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"time"
)

// Tiers reported to Metrics.Load.
const (
	TierDisk   = "disk"
	TierRemote = "remote"
)

// startLoadLocked starts the single load of r's adapter. Room is made
// first when the registry knows the adapter's size. It returns the new
// entry and the values evicted to make room (to close after unlocking).
func (c *Cache[T]) startLoadLocked(r *record[T]) (*entry[T], []T) {
	e := &entry[T]{rec: r, loading: true, done: make(chan struct{})}
	r.e = e
	var victims []T
	if r.meta.Size > 0 {
		victims = c.evictLocked(r.meta.Size)
	}
	c.wg.Add(1)
	go c.load(e)
	return e, victims
}

// load runs one load to completion and publishes it: on success the entry
// becomes resident, pinned once for each waiting Acquire; on failure it
// is dropped so that a later Acquire retries.
func (c *Cache[T]) load(e *entry[T]) {
	defer c.wg.Done()
	id := e.rec.id
	ctx := c.ctx
	if c.cfg.LoadTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.cfg.LoadTimeout)
		defer cancel()
	}
	start := time.Now()
	v, n, tier, err := c.fetchAndLoad(ctx, id)
	d := time.Since(start)

	c.mu.Lock()
	e.loading = false
	if err == nil && c.closed {
		err = ErrClosed
		defer closeAll(c.log, []T{v}) // after the unlock below
	}
	if err != nil {
		e.err = err
		e.waiters = 0
		r := e.rec
		r.e = nil
		if !r.registered && r.st.Loads == 0 {
			delete(c.recs, id) // keep no record of IDs that never loaded
		}
		close(e.done)
		c.mu.Unlock()
		c.log.Warn("adapter load failed", "id", id, "err", err, "took", d)
		return
	}
	e.val, e.bytes = v, max(n, 0)
	c.used += e.bytes
	c.count++
	e.refs, e.waiters = e.waiters, 0
	if e.refs == 0 {
		c.lruPushFront(e)
	}
	st := &e.rec.st
	st.Loads++
	st.LastLoad = d
	st.TotalLoad += d
	st.LastUsed = time.Now()
	c.m.Load(id, d, tier)
	victims := c.evictLocked(0)
	close(e.done)
	c.mu.Unlock()
	closeAll(c.log, victims)
	c.log.Debug("adapter loaded", "id", id, "tier", tier, "bytes", e.bytes, "took", d)
}

// fetchAndLoad tries the disk tier, then the remote tier and disk again.
// A panicking Loader or Fetcher becomes an error.
func (c *Cache[T]) fetchAndLoad(ctx context.Context, id string) (v T, n int64, tier string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("adaptercache: loading %s panicked: %v", id, p)
		}
	}()
	tier = TierDisk
	v, n, err = c.loader.LoadLocal(ctx, id)
	if err == nil || c.fetcher == nil || !(errors.Is(err, ErrNotLocal) || errors.Is(err, fs.ErrNotExist)) {
		return v, n, tier, err
	}
	tier = TierRemote
	if err = c.fetcher.Fetch(ctx, id); err != nil {
		return v, 0, tier, fmt.Errorf("adaptercache: fetching %s: %w", id, err)
	}
	v, n, err = c.loader.LoadLocal(ctx, id)
	return v, n, tier, err
}

// Prefetch loads id in the background (for a queued request) unless it
// is resident or loading. It never blocks: it reports false when the
// prefetch queue is full, prefetching is off, or the cache is closed.
func (c *Cache[T]) Prefetch(id string) bool {
	c.mu.Lock()
	closed := c.closed
	r := c.recs[id]
	busy := r != nil && r.e != nil
	c.mu.Unlock()
	switch {
	case closed || c.cfg.PrefetchWorkers == 0:
		return false
	case busy:
		return true
	}
	select {
	case c.queue <- id:
		return true
	default:
		c.log.Debug("prefetch queue full", "id", id)
		return false
	}
}

// prefetchWorker loads queued IDs one at a time, so that the number of
// workers bounds background loads.
func (c *Cache[T]) prefetchWorker() {
	defer c.wg.Done()
	for {
		select {
		case <-c.ctx.Done():
			return
		case id := <-c.queue:
			c.mu.Lock()
			if c.closed {
				c.mu.Unlock()
				return
			}
			r := c.recs[id]
			if r == nil {
				r = &record[T]{id: id}
				c.recs[id] = r
			}
			e := r.e
			var victims []T
			if e == nil {
				e, victims = c.startLoadLocked(r)
			}
			c.mu.Unlock()
			closeAll(c.log, victims)
			select {
			case <-e.done:
			case <-c.ctx.Done():
				return
			}
		}
	}
}
