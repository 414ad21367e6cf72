package clock

import (
	"testing"
	"time"
)

// The real clock is package time; these only check the wiring.

func TestRealNowAndSince(t *testing.T) {
	c := Real()
	before := time.Now()
	now := c.Now()
	if now.Before(before) {
		t.Fatalf("Now %v before %v", now, before)
	}
	if d := c.Since(before); d < 0 {
		t.Fatalf("Since = %v", d)
	}
}

func TestRealTimers(t *testing.T) {
	c := Real()
	select {
	case <-c.After(time.Millisecond):
	case <-time.After(10 * time.Second):
		t.Fatal("After did not fire")
	}

	tm := c.NewTimer(time.Hour)
	if !tm.Stop() {
		t.Fatal("Stop of an active timer returned false")
	}
	if tm.Reset(time.Millisecond) {
		t.Fatal("Reset of a stopped timer returned true")
	}
	<-tm.C()

	done := make(chan struct{})
	af := c.AfterFunc(time.Millisecond, func() { close(done) })
	if af.C() != nil {
		t.Fatal("AfterFunc timer has a channel")
	}
	<-done

	tk := c.NewTicker(time.Millisecond)
	<-tk.C()
	tk.Reset(2 * time.Millisecond)
	<-tk.C()
	tk.Stop()
}
