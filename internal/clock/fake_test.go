package clock

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"
)

var t0 = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)

// recv returns the value waiting on c, if any, without blocking.
func recv(c <-chan time.Time) (time.Time, bool) {
	select {
	case v := <-c:
		return v, true
	default:
		return time.Time{}, false
	}
}

func mustRecv(t *testing.T, c <-chan time.Time, want time.Time) {
	t.Helper()
	got, ok := recv(c)
	if !ok {
		t.Fatalf("nothing received, want %v", want)
	}
	if !got.Equal(want) {
		t.Fatalf("received %v, want %v", got, want)
	}
}

func mustNotRecv(t *testing.T, c <-chan time.Time) {
	t.Helper()
	if got, ok := recv(c); ok {
		t.Fatalf("received %v, want nothing", got)
	}
}

func TestFakeNowSinceAdvanceSet(t *testing.T) {
	c := NewFake(t0)
	if !c.Now().Equal(t0) {
		t.Fatalf("Now = %v", c.Now())
	}
	c.Advance(90 * time.Second)
	if got := c.Since(t0); got != 90*time.Second {
		t.Fatalf("Since = %v", got)
	}
	c.Advance(-time.Hour)
	if got := c.Since(t0); got != 90*time.Second {
		t.Fatalf("negative Advance moved the clock: Since = %v", got)
	}
	c.Set(t0.Add(time.Hour))
	if got := c.Since(t0); got != time.Hour {
		t.Fatalf("after Set, Since = %v", got)
	}
}

func TestFakeAfterFiresAtDeadline(t *testing.T) {
	c := NewFake(t0)
	ch := c.After(time.Second)
	c.Advance(time.Second - 1)
	mustNotRecv(t, ch)
	c.Advance(1)
	mustRecv(t, ch, t0.Add(time.Second))
	c.Advance(time.Hour)
	mustNotRecv(t, ch)
	if n := c.Waiters(); n != 0 {
		t.Fatalf("Waiters = %d after the timer fired", n)
	}
}

func TestFakeFiresInDeadlineOrder(t *testing.T) {
	c := NewFake(t0)
	var mu sync.Mutex
	var got []string
	// at sets a timer due at t0+off.
	at := func(name string, off time.Duration) {
		c.AfterFunc(t0.Add(off).Sub(c.Now()), func() {
			mu.Lock()
			defer mu.Unlock()
			// While a timer fires, Now is its deadline.
			if now := c.Now(); !now.Equal(t0.Add(off)) {
				t.Errorf("%s: Now = %v, want %v", name, now, t0.Add(off))
			}
			got = append(got, name)
		})
	}
	at("3s", 3*time.Second)
	at("1s", time.Second)
	at("2s-a", 2*time.Second)
	at("2s-b", 2*time.Second) // equal deadlines: in the order they were set
	// A timer set while another fires, and due within the same Advance,
	// fires in it, in order.
	c.AfterFunc(1500*time.Millisecond, func() { at("2.5s", 2500*time.Millisecond) })
	c.Advance(10 * time.Second)
	want := []string{"1s", "2s-a", "2s-b", "2.5s", "3s"}
	if !slices.Equal(got, want) {
		t.Fatalf("fired %v, want %v", got, want)
	}
	if !c.Now().Equal(t0.Add(10 * time.Second)) {
		t.Fatalf("Now = %v after Advance", c.Now())
	}
}

func TestFakeTimerStopReset(t *testing.T) {
	c := NewFake(t0)
	tm := c.NewTimer(time.Second)
	if !tm.Stop() {
		t.Fatal("Stop of an active timer returned false")
	}
	if tm.Stop() {
		t.Fatal("second Stop returned true")
	}
	c.Advance(time.Hour)
	mustNotRecv(t, tm.C())

	if tm.Reset(time.Second) {
		t.Fatal("Reset of a stopped timer returned true")
	}
	c.Advance(time.Second)
	if tm.Stop() {
		t.Fatal("Stop of a fired timer returned true")
	}
	// Fired but not received, then stopped: nothing stale is received.
	mustNotRecv(t, tm.C())

	tm.Reset(time.Second)
	c.Advance(time.Second)
	// Fired and not received, then reset: only the new expiry comes.
	tm.Reset(2 * time.Second)
	mustNotRecv(t, tm.C())
	c.Advance(2 * time.Second)
	mustRecv(t, tm.C(), c.Now())
}

func TestFakeZeroDurationFiresAtOnce(t *testing.T) {
	c := NewFake(t0)
	mustRecv(t, c.After(0), t0)
	mustRecv(t, c.NewTimer(-time.Second).C(), t0.Add(-time.Second))

	done := make(chan struct{})
	c.AfterFunc(0, func() { close(done) })
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("AfterFunc(0) did not run")
	}
	if n := c.Waiters(); n != 0 {
		t.Fatalf("Waiters = %d", n)
	}
}

func TestFakeAfterFuncStop(t *testing.T) {
	c := NewFake(t0)
	ran := false
	tm := c.AfterFunc(time.Second, func() { ran = true })
	if tm.C() != nil {
		t.Fatal("AfterFunc timer has a channel")
	}
	if !tm.Stop() {
		t.Fatal("Stop returned false")
	}
	c.Advance(time.Hour)
	if ran {
		t.Fatal("stopped AfterFunc ran")
	}
	tm.Reset(time.Second)
	c.Advance(time.Second)
	if !ran {
		t.Fatal("reset AfterFunc did not run")
	}
}

func TestFakeTicker(t *testing.T) {
	c := NewFake(t0)
	tk := c.NewTicker(time.Second)
	for i := 1; i <= 3; i++ {
		c.Advance(time.Second)
		mustRecv(t, tk.C(), t0.Add(time.Duration(i)*time.Second))
	}
	tk.Reset(5 * time.Second)
	c.Advance(4 * time.Second)
	mustNotRecv(t, tk.C())
	c.Advance(time.Second)
	mustRecv(t, tk.C(), t0.Add(8*time.Second))
	tk.Stop()
	c.Advance(time.Hour)
	mustNotRecv(t, tk.C())
	if n := c.Waiters(); n != 0 {
		t.Fatalf("Waiters = %d after Stop", n)
	}
}

// TestFakeTickerCatchUp documents what a ticker does when the clock jumps
// several periods: like time.Ticker with a slow reader, its one-slot
// channel keeps the first tick and drops the rest, and the schedule stays
// on the original grid.
func TestFakeTickerCatchUp(t *testing.T) {
	c := NewFake(t0)
	tk := c.NewTicker(time.Second)
	c.Advance(3 * time.Second)
	mustRecv(t, tk.C(), t0.Add(time.Second)) // ticks at 2s and 3s were dropped
	mustNotRecv(t, tk.C())
	c.Advance(time.Second)
	mustRecv(t, tk.C(), t0.Add(4*time.Second))

	// An unread tick stays; later ones are dropped until it is read.
	c.Advance(time.Second)
	c.Advance(time.Second)
	mustRecv(t, tk.C(), t0.Add(5*time.Second))
	mustNotRecv(t, tk.C())
}

func TestFakeTickerPanicsOnNonPositive(t *testing.T) {
	c := NewFake(t0)
	for _, f := range []func(){
		func() { c.NewTicker(0) },
		func() { c.NewTicker(time.Second).Reset(-1) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			f()
		}()
	}
}

func TestFakeSetBackwardFiresNothing(t *testing.T) {
	c := NewFake(t0)
	ch := c.After(time.Second)
	c.Set(t0.Add(-time.Hour))
	mustNotRecv(t, ch)
	// The deadline stays where it was, an hour and a second away now.
	c.Advance(time.Hour)
	mustNotRecv(t, ch)
	c.Set(t0.Add(time.Second))
	mustRecv(t, ch, t0.Add(time.Second))
}

func TestFakeBlockUntil(t *testing.T) {
	c := NewFake(t0)
	got := make(chan time.Time)
	for range 2 {
		go func() {
			tm := c.NewTimer(time.Minute)
			got <- <-tm.C()
		}()
	}
	c.BlockUntil(2)
	c.Advance(time.Minute)
	for range 2 {
		select {
		case v := <-got:
			if !v.Equal(t0.Add(time.Minute)) {
				t.Fatalf("received %v", v)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("waiter not woken")
		}
	}
	c.BlockUntil(0) // returns at once
}

func TestFakeBlockUntilContext(t *testing.T) {
	c := NewFake(t0)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if err := c.BlockUntilContext(ctx, 1); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
}

// TestFakeConcurrent exercises the clock from many goroutines at once; it
// is there for the race detector.
func TestFakeConcurrent(t *testing.T) {
	c := NewFake(t0)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 100 {
				tm := c.NewTimer(time.Millisecond)
				tk := c.NewTicker(time.Millisecond)
				c.AfterFunc(time.Millisecond, func() { c.Now() })
				c.Advance(time.Millisecond)
				<-tm.C()
				tk.Stop()
				tm.Reset(time.Second)
				tm.Stop()
			}
		})
	}
	wg.Wait()
	// Each goroutine's Advances follow one another; concurrent ones may
	// overlap.
	if got := c.Since(t0); got < 100*time.Millisecond || got > 400*time.Millisecond {
		t.Fatalf("Since = %v, want between 100ms and 400ms", got)
	}
}
