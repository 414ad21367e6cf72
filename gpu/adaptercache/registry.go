package adaptercache

import (
	"slices"
	"time"
)

// Stats is what the cache knows of one adapter. Counters survive
// eviction.
type Stats struct {
	Loads, Hits, Misses int64
	// LastLoad and TotalLoad are load latencies (fetch plus disk).
	LastLoad, TotalLoad time.Duration
	Resident            bool
	Loading             bool
	Pinned              int
	Bytes               int64
	LastUsed            time.Time
	Meta                Meta
	Registered          bool
}

// Register records a known adapter that need not be loaded, or updates
// its description.
func (c *Cache[T]) Register(id string, meta Meta) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r := c.recs[id]
	if r == nil {
		r = &record[T]{id: id}
		c.recs[id] = r
	}
	r.meta, r.registered = meta, true
}

// Registered returns the IDs of the registered adapters, sorted.
func (c *Cache[T]) Registered() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var ids []string
	for id, r := range c.recs {
		if r.registered {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// Lookup returns a registered adapter's description.
func (c *Cache[T]) Lookup(id string) (Meta, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r := c.recs[id]
	if r == nil || !r.registered {
		return Meta{}, false
	}
	return r.meta, true
}

// Stats returns the statistics of one adapter; false when the cache has
// never seen it.
func (c *Cache[T]) Stats(id string) (Stats, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r := c.recs[id]
	if r == nil {
		return Stats{}, false
	}
	s := r.st
	s.Meta, s.Registered = r.meta, r.registered
	if e := r.e; e != nil {
		s.Loading = e.loading
		if !e.loading {
			s.Resident, s.Pinned, s.Bytes = true, e.refs, e.bytes
		}
	}
	return s, true
}
