// Package devtier is the accelerator-memory tier of LoRA adapters: a
// byte budget of device memory in front of the host tier (the adapters
// the engine already holds in memory, loaded from disk or fetched from a
// peer by gpu/adaptercache). A device backend supplies the Uploader that
// copies one adapter's matrices into its memory; the tier decides what
// stays resident.
//
// What the tier guarantees, whatever the backend:
//   - an adapter pinned by a running step is never evicted (the budget
//     overshoots instead, and says so through the metrics);
//   - evicted adapters are closed (their device memory freed) outside the
//     lock, once nothing holds them;
//   - concurrent requests for one adapter share one upload;
//   - Prefetch uploads in the background, on the workers' own goroutines
//     (a backend uploads there on a stream apart from the step's), so
//     that a queued request finds its adapter resident.
//
// The package knows no device: its tests run on the CPU with an uploader
// over host memory.
package devtier

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"sync"

	"github.com/provenet/provenet/gpu/adaptercache"
	"github.com/provenet/provenet/gpu/model"
)

// Uploader copies one host adapter into device memory and returns its
// handle and the device bytes it holds. Closing the handle frees them.
type Uploader[H io.Closer] interface {
	Upload(ctx context.Context, a *model.Adapter) (H, int64, error)
}

// Config sizes a tier.
type Config struct {
	Budget          int64 // device bytes for resident adapters
	PrefetchWorkers int   // concurrent background uploads (0: no prefetch)
	PrefetchQueue   int   // queued prefetches beyond which Prefetch drops
	Logger          *slog.Logger
	Metrics         adaptercache.Metrics // nil: none
}

// Tier is the device tier. It is safe for concurrent use.
type Tier[H io.Closer] struct {
	up    Uploader[H]
	cache *adaptercache.Cache[H]

	mu     sync.Mutex
	staged map[string]*model.Adapter // host adapters shown to the tier, until uploaded
}

// New returns a tier over up. Close it to free every resident adapter.
func New[H io.Closer](cfg Config, up Uploader[H]) (*Tier[H], error) {
	if up == nil {
		return nil, fmt.Errorf("%w: nil uploader", adaptercache.ErrBadConfig)
	}
	t := &Tier[H]{up: up, staged: make(map[string]*model.Adapter)}
	cc := adaptercache.Config{Budget: cfg.Budget, PrefetchWorkers: cfg.PrefetchWorkers, PrefetchQueue: cfg.PrefetchQueue,
		Logger: cfg.Logger, Metrics: cfg.Metrics}
	c, err := adaptercache.New[H](cc, loader[H]{t}, nil)
	if err != nil {
		return nil, err
	}
	t.cache = c
	return t, nil
}

// ID is the tier's key for a: its CID, or for an adapter without one
// (made in memory) its name and address.
func ID(a *model.Adapter) string {
	if a.CID != "" {
		return a.CID
	}
	return a.Name + "@" + strconv.FormatUint(uint64(uintptrOf(a)), 16)
}

// stage makes a known to the loader and registers its size, so that room
// is made before its upload.
func (t *Tier[H]) stage(a *model.Adapter) string {
	id := ID(a)
	if _, ok := t.cache.Lookup(id); !ok {
		t.cache.Register(id, adaptercache.Meta{Name: a.Name, Size: a.Bytes()})
	}
	t.mu.Lock()
	t.staged[id] = a
	t.mu.Unlock()
	return id
}

// Acquire returns a's device handle, uploading it if it is not resident,
// pinned until release is called.
func (t *Tier[H]) Acquire(ctx context.Context, a *model.Adapter) (H, func(), error) {
	id := ID(a)
	if s, ok := t.cache.Stats(id); ok && s.Resident {
		if h, rel, err := t.cache.Acquire(ctx, id); err == nil {
			return h, rel, nil
		}
	}
	t.stage(a)
	return t.cache.Acquire(ctx, id)
}

// Prefetch uploads a in the background unless it is resident or
// uploading; false when the queue is full or prefetching is off.
func (t *Tier[H]) Prefetch(a *model.Adapter) bool {
	return t.cache.Prefetch(t.stage(a))
}

// Stats is one adapter's tier statistics (hits, misses, loads, resident,
// pinned); false when the tier never saw it.
func (t *Tier[H]) Stats(a *model.Adapter) (adaptercache.Stats, bool) { return t.cache.Stats(ID(a)) }

// Usage is the device bytes in use, the budget and the resident count.
func (t *Tier[H]) Usage() (used, budget int64, count int) { return t.cache.Usage() }

// Close frees every resident adapter once its pins are released.
func (t *Tier[H]) Close() error { return t.cache.Close() }

// loader uploads a staged adapter; the cache calls it once per load.
type loader[H io.Closer] struct{ t *Tier[H] }

func (l loader[H]) LoadLocal(ctx context.Context, id string) (H, int64, error) {
	l.t.mu.Lock()
	a := l.t.staged[id]
	delete(l.t.staged, id)
	l.t.mu.Unlock()
	if a == nil {
		var zero H
		return zero, 0, fmt.Errorf("%w: %s was not handed to the device tier", adaptercache.ErrNotLocal, id)
	}
	return l.t.up.Upload(ctx, a)
}
