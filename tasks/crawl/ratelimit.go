package crawl

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Clock is the crawler's source of time: rate limits and robots.txt TTLs
// read it, and rate-limit waits sleep on it. Tests inject a fake one.
type Clock interface {
	Now() time.Time
	// Sleep waits d or until ctx is done, whichever comes first, and
	// returns ctx.Err() in the second case.
	Sleep(ctx context.Context, d time.Duration) error
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// hostLimits spaces requests per host name with one token bucket each. The
// key is the host name without port, so that every port of one machine
// shares the politeness budget.
type hostLimits struct {
	clock Clock
	rate  rate.Limit
	burst int

	mu    sync.Mutex
	hosts map[string]*hostLimit
}

type hostLimit struct {
	lim  *rate.Limiter
	last time.Time
}

// maxIdleHosts is how many host buckets are kept before idle ones (full
// buckets, so equivalent to fresh ones) are dropped.
const maxIdleHosts = 4096

func newHostLimits(clock Clock, perSecond float64, burst int) *hostLimits {
	return &hostLimits{clock: clock, rate: rate.Limit(perSecond), burst: burst, hosts: map[string]*hostLimit{}}
}

// wait blocks until host may be sent one more request.
func (h *hostLimits) wait(ctx context.Context, host string) error {
	now := h.clock.Now()
	h.mu.Lock()
	hl := h.hosts[host]
	if hl == nil {
		if len(h.hosts) >= maxIdleHosts {
			h.prune(now)
		}
		hl = &hostLimit{lim: rate.NewLimiter(h.rate, h.burst)}
		h.hosts[host] = hl
	}
	r := hl.lim.ReserveN(now, 1)
	d := r.DelayFrom(now)
	if t := now.Add(d); t.After(hl.last) {
		hl.last = t
	}
	h.mu.Unlock()
	if d <= 0 {
		return nil
	}
	if err := h.clock.Sleep(ctx, d); err != nil {
		r.CancelAt(h.clock.Now())
		return err
	}
	return nil
}

// prune drops buckets that have refilled completely. Callers hold mu.
func (h *hostLimits) prune(now time.Time) {
	full := time.Duration(float64(h.burst) / float64(h.rate) * float64(time.Second))
	for k, hl := range h.hosts {
		if now.Sub(hl.last) > full {
			delete(h.hosts, k)
		}
	}
}
