// Package clock is the time source that services take instead of calling
// package time, so that leases, epochs, batch windows and retries can be
// tested without sleeping: production code gets Real, tests get a Fake
// and move it with Advance.
//
// The interfaces cover what the services use: the current time, one-shot
// timers (After, NewTimer, AfterFunc) and tickers. Timers and tickers
// follow the Go 1.23 rules of package time: after Stop or Reset returns,
// no value prepared before the call is received from C.
package clock

import "time"

// Clock tells the time and makes timers.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// Since returns the time elapsed since t: Now().Sub(t).
	Since(t time.Time) time.Duration
	// After returns a channel that receives the time once d has elapsed.
	After(d time.Duration) <-chan time.Time
	// NewTimer returns a timer that sends the time on its channel once d
	// has elapsed.
	NewTimer(d time.Duration) Timer
	// AfterFunc calls f once d has elapsed. The timer's C is nil.
	AfterFunc(d time.Duration, f func()) Timer
	// NewTicker returns a ticker that sends the time every d; it drops
	// ticks its reader is too slow for. d must be positive.
	NewTicker(d time.Duration) Ticker
}

// Timer is a one-shot timer, as time.Timer.
type Timer interface {
	// C is the channel the time is sent on; nil for AfterFunc timers.
	C() <-chan time.Time
	// Stop prevents the timer from firing. It reports whether the call
	// stopped it, false if it had already fired or been stopped.
	Stop() bool
	// Reset makes the timer fire d from now. It reports whether the timer
	// had been active.
	Reset(d time.Duration) bool
}

// Ticker sends the time at intervals, as time.Ticker.
type Ticker interface {
	// C is the channel the ticks are sent on.
	C() <-chan time.Time
	// Stop turns the ticker off; no tick is received after it returns.
	Stop()
	// Reset stops the ticker and restarts it with period d, the first
	// tick d from now. d must be positive.
	Reset(d time.Duration)
}

// Real returns the wall clock: package time.
func Real() Clock { return realClock{} }

type realClock struct{}

var _ Clock = realClock{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) Since(t time.Time) time.Duration        { return time.Since(t) }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }
func (realClock) NewTimer(d time.Duration) Timer         { return realTimer{time.NewTimer(d)} }
func (realClock) AfterFunc(d time.Duration, f func()) Timer {
	return realTimer{time.AfterFunc(d, f)}
}
func (realClock) NewTicker(d time.Duration) Ticker { return realTicker{time.NewTicker(d)} }

type realTimer struct{ t *time.Timer }

func (t realTimer) C() <-chan time.Time        { return t.t.C }
func (t realTimer) Stop() bool                 { return t.t.Stop() }
func (t realTimer) Reset(d time.Duration) bool { return t.t.Reset(d) }

type realTicker struct{ t *time.Ticker }

func (t realTicker) C() <-chan time.Time   { return t.t.C }
func (t realTicker) Stop()                 { t.t.Stop() }
func (t realTicker) Reset(d time.Duration) { t.t.Reset(d) }

// NetDeadline is d from now on the operating system's clock, for socket
// and stream deadlines (SetDeadline and friends): the network stack
// measures those against the OS clock, so they must not follow an
// injected Clock, which a test may have stopped or moved.
func NetDeadline(d time.Duration) time.Time { return time.Now().Add(d) }
