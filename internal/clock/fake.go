package clock

import (
	"context"
	"sync"
	"time"
)

// Fake is a clock that moves only when told to, by Advance or Set. It is
// safe for concurrent use.
//
// Timers and tickers fire in the order of their deadlines, and those with
// equal deadlines in the order they were set (created, reset or, for a
// ticker, rescheduled). While one fires, Now returns its deadline.
//
// Channels have a buffer of one and sends never block. A ticker whose
// reader is behind drops ticks, as time.Ticker does: advanced by three
// periods at once, it delivers one tick, stamped with the first of the
// three deadlines, and its next tick is due one period after the third.
//
// An AfterFunc function runs on the goroutine that moves the clock, before
// Advance or Set returns, without the clock's lock held: it may use the
// clock, and a timer it sets that falls due within the same Advance fires
// in that Advance. One due when it is set (d <= 0) runs on a goroutine of
// its own, as time.AfterFunc's would.
type Fake struct {
	mu      sync.Mutex
	now     time.Time
	seq     uint64
	waiters []*waiter     // active timers and tickers, unordered
	changed chan struct{} // closed and replaced when waiters changes
}

// waiter is one timer or ticker.
type waiter struct {
	when   time.Time
	seq    uint64
	period time.Duration // a ticker's; zero for a timer
	c      chan time.Time
	fn     func()
	active bool
}

var _ Clock = (*Fake)(nil)

// NewFake returns a fake clock that reads start.
func NewFake(start time.Time) *Fake {
	return &Fake{now: start, changed: make(chan struct{})}
}

// Now returns the fake time.
func (f *Fake) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

// Since returns Now().Sub(t).
func (f *Fake) Since(t time.Time) time.Duration { return f.Now().Sub(t) }

// After returns the channel of a new timer: NewTimer(d).C().
func (f *Fake) After(d time.Duration) <-chan time.Time { return f.NewTimer(d).C() }

// NewTimer returns a timer that fires once the clock has moved d. One with
// d <= 0 fires at once.
func (f *Fake) NewTimer(d time.Duration) Timer {
	w := &waiter{c: make(chan time.Time, 1)}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.schedule(w, d)
	return &fakeTimer{f: f, w: w}
}

// AfterFunc returns a timer that calls fn once the clock has moved d.
func (f *Fake) AfterFunc(d time.Duration, fn func()) Timer {
	w := &waiter{fn: fn}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.schedule(w, d)
	return &fakeTimer{f: f, w: w}
}

// NewTicker returns a ticker that fires every d of fake time. It panics if
// d is not positive, as time.NewTicker does.
func (f *Fake) NewTicker(d time.Duration) Ticker {
	if d <= 0 {
		panic("clock: non-positive interval for NewTicker")
	}
	w := &waiter{c: make(chan time.Time, 1), period: d}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.schedule(w, d)
	return &fakeTicker{f: f, w: w}
}

// Advance moves the clock forward by d, firing in order every timer and
// tick that falls due on the way. A negative d does nothing.
func (f *Fake) Advance(d time.Duration) {
	if d < 0 {
		return
	}
	f.mu.Lock()
	target := f.now.Add(d)
	f.mu.Unlock()
	f.advanceTo(target)
}

// Set moves the clock to t. Forward, it fires what falls due, as Advance
// does; backward, it fires nothing and timers keep their deadlines, so they
// are then further away.
func (f *Fake) Set(t time.Time) {
	f.mu.Lock()
	if !t.After(f.now) {
		f.now = t
		f.mu.Unlock()
		return
	}
	f.mu.Unlock()
	f.advanceTo(t)
}

// Waiters returns the number of active timers and tickers.
func (f *Fake) Waiters() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.waiters)
}

// BlockUntil waits until at least n timers and tickers are active: the
// way for a test to know that the code under test is waiting on the clock
// before it advances it.
func (f *Fake) BlockUntil(n int) { _ = f.BlockUntilContext(context.Background(), n) }

// BlockUntilContext is BlockUntil bounded by ctx; it returns ctx's error if
// ctx ends first.
func (f *Fake) BlockUntilContext(ctx context.Context, n int) error {
	for {
		f.mu.Lock()
		if len(f.waiters) >= n {
			f.mu.Unlock()
			return nil
		}
		changed := f.changed
		f.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// advanceTo fires, one at a time and in order, what falls due up to
// target, then leaves the clock at target (or later, if a concurrent
// Advance got further).
func (f *Fake) advanceTo(target time.Time) {
	for {
		f.mu.Lock()
		w := f.next(target)
		if w == nil {
			if target.After(f.now) {
				f.now = target
			}
			f.mu.Unlock()
			return
		}
		if w.when.After(f.now) {
			f.now = w.when
		}
		fn := f.fire(w)
		f.mu.Unlock()
		if fn != nil {
			fn()
		}
	}
}

// next returns the first waiter due by target, or nil.
func (f *Fake) next(target time.Time) *waiter {
	var first *waiter
	for _, w := range f.waiters {
		if w.when.After(target) {
			continue
		}
		if first == nil || w.when.Before(first.when) || (w.when.Equal(first.when) && w.seq < first.seq) {
			first = w
		}
	}
	return first
}

// fire delivers w's tick or expiry at w.when, reschedules a ticker and
// retires a timer. It returns the AfterFunc function to call, if any.
// f.mu is held.
func (f *Fake) fire(w *waiter) func() {
	when := w.when
	if w.period > 0 {
		w.when = when.Add(w.period)
		w.seq = f.nextSeq()
	} else {
		f.remove(w)
	}
	if w.c != nil {
		select {
		case w.c <- when:
		default: // the reader is behind: drop, as package time does
		}
	}
	return w.fn
}

// schedule makes w due d from now; one due already fires at once. f.mu is
// held.
func (f *Fake) schedule(w *waiter, d time.Duration) {
	w.when = f.now.Add(d)
	w.seq = f.nextSeq()
	if d <= 0 && w.period == 0 {
		if w.fn != nil {
			go w.fn()
		} else {
			w.c <- w.when // the channel is new or drained: room for one
		}
		return
	}
	w.active = true
	f.waiters = append(f.waiters, w)
	f.notify()
}

// remove deactivates w and reports whether it was active. f.mu is held.
func (f *Fake) remove(w *waiter) bool {
	if !w.active {
		return false
	}
	w.active = false
	for i, x := range f.waiters {
		if x == w {
			f.waiters = append(f.waiters[:i], f.waiters[i+1:]...)
			break
		}
	}
	f.notify()
	return true
}

func (f *Fake) nextSeq() uint64 {
	f.seq++
	return f.seq
}

func (f *Fake) notify() {
	close(f.changed)
	f.changed = make(chan struct{})
}

// drain discards a value sent but not received, so that none is received
// after Stop or Reset. f.mu is held.
func drain(c chan time.Time) {
	if c == nil {
		return
	}
	select {
	case <-c:
	default:
	}
}

type fakeTimer struct {
	f *Fake
	w *waiter
}

// C is nil for an AfterFunc timer, as in package time.
func (t *fakeTimer) C() <-chan time.Time { return t.w.c }

func (t *fakeTimer) Stop() bool {
	t.f.mu.Lock()
	defer t.f.mu.Unlock()
	drain(t.w.c)
	return t.f.remove(t.w)
}

func (t *fakeTimer) Reset(d time.Duration) bool {
	t.f.mu.Lock()
	defer t.f.mu.Unlock()
	drain(t.w.c)
	active := t.f.remove(t.w)
	t.f.schedule(t.w, d)
	return active
}

type fakeTicker struct {
	f *Fake
	w *waiter
}

func (t *fakeTicker) C() <-chan time.Time { return t.w.c }

func (t *fakeTicker) Stop() {
	t.f.mu.Lock()
	defer t.f.mu.Unlock()
	drain(t.w.c)
	t.f.remove(t.w)
}

func (t *fakeTicker) Reset(d time.Duration) {
	if d <= 0 {
		panic("clock: non-positive interval for Ticker.Reset")
	}
	t.f.mu.Lock()
	defer t.f.mu.Unlock()
	drain(t.w.c)
	t.f.remove(t.w)
	t.w.period = d
	t.f.schedule(t.w, d)
}
