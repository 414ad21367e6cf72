package adaptercache

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// Errors of the cache.
var (
	// ErrNotLocal: a Loader's answer when the adapter is not on local
	// disk; the cache then asks the Fetcher. fs.ErrNotExist works too.
	ErrNotLocal = errors.New("adaptercache: adapter not on local disk")
	// ErrPinned: Remove of an adapter that is in use or loading.
	ErrPinned = errors.New("adaptercache: adapter in use")
	// ErrNotResident: Remove of an adapter that is not loaded.
	ErrNotResident = errors.New("adaptercache: adapter not resident")
	// ErrClosed: the cache has been closed.
	ErrClosed = errors.New("adaptercache: closed")
	// ErrBadConfig: Config.Validate failed.
	ErrBadConfig = errors.New("adaptercache: bad config")
)

// Loader loads an adapter from the local disk tier and reports its
// resident size in bytes. It returns an error wrapping ErrNotLocal (or
// fs.ErrNotExist) when the adapter's files are not on disk.
type Loader[T any] interface {
	LoadLocal(ctx context.Context, id string) (T, int64, error)
}

// Fetcher copies an adapter's files from a peer, by CID, into the local
// disk tier.
type Fetcher interface {
	Fetch(ctx context.Context, id string) error
}

// Meta describes a known adapter, loaded or not.
type Meta struct {
	// Name is the human name.
	Name string
	// Base is the base model the adapter applies to.
	Base string
	// Size is the size on disk in bytes; when set it is used to make room
	// before a load.
	Size int64
}

// Config configures a Cache.
type Config struct {
	// Budget is the memory budget in bytes for resident adapters.
	Budget int64
	// PrefetchWorkers bounds concurrent background loads.
	PrefetchWorkers int
	// PrefetchQueue bounds queued prefetches; beyond it Prefetch drops.
	PrefetchQueue int
	// LoadTimeout bounds one load (fetch plus disk); 0 means none.
	LoadTimeout time.Duration
	Logger      *slog.Logger
	Metrics     Metrics
}

// DefaultConfig returns a 4 GiB budget, two prefetch workers and a queue
// of 64.
func DefaultConfig() Config {
	return Config{Budget: 4 << 30, PrefetchWorkers: 2, PrefetchQueue: 64}
}

// Validate checks the configuration.
func (c Config) Validate() error {
	switch {
	case c.Budget <= 0:
		return fmt.Errorf("%w: budget %d must be positive", ErrBadConfig, c.Budget)
	case c.PrefetchWorkers < 0:
		return fmt.Errorf("%w: prefetch workers %d is negative", ErrBadConfig, c.PrefetchWorkers)
	case c.PrefetchQueue < 0:
		return fmt.Errorf("%w: prefetch queue %d is negative", ErrBadConfig, c.PrefetchQueue)
	case c.LoadTimeout < 0:
		return fmt.Errorf("%w: load timeout %v is negative", ErrBadConfig, c.LoadTimeout)
	}
	return nil
}
