package cpu

import (
	"runtime"
	"sync"
)

// span is one chunk of a parallel loop, passed by value so that
// dispatching it allocates nothing.
type span struct {
	fn             func(worker, lo, hi int)
	worker, lo, hi int
	wg             *sync.WaitGroup
}

// Pool runs loops over [0, n) on a fixed set of worker goroutines. The
// caller's goroutine takes a share, so a Pool of one worker runs inline.
type Pool struct {
	workers int
	work    chan span
	once    sync.Once
	wg      sync.WaitGroup
}

// NewPool returns a pool of n workers (n <= 0: GOMAXPROCS).
func NewPool(n int) *Pool {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	p := &Pool{workers: n, work: make(chan span, 4*n)}
	for i := 1; i < n; i++ {
		go p.loop()
	}
	return p
}

func (p *Pool) loop() {
	for s := range p.work {
		s.fn(s.worker, s.lo, s.hi)
		s.wg.Done()
	}
}

// Workers returns the number of goroutines a loop is split over.
func (p *Pool) Workers() int { return p.workers }

// Close stops the workers. The pool must not be used afterwards.
func (p *Pool) Close() { p.once.Do(func() { close(p.work) }) }

// For runs fn over [0, n) split into at most Workers() contiguous chunks
// whose sizes are multiples of grain (except the last), and waits. worker
// is the chunk's index in [0, Workers()), for per-worker scratch space.
// For is not reentrant: one goroutine (the engine's step loop) drives a
// Pool at a time. fn must be safe to run concurrently on disjoint ranges. It must not be a closure
// built per call in a hot loop (that allocates); bind it once.
func (p *Pool) For(n, grain int, fn func(worker, lo, hi int)) {
	if n <= 0 {
		return
	}
	if grain < 1 {
		grain = 1
	}
	chunks := (n + grain - 1) / grain
	w := min(p.workers, chunks)
	if w <= 1 {
		fn(0, 0, n)
		return
	}
	per := (chunks + w - 1) / w * grain
	var wg *sync.WaitGroup = &p.wg
	lo, worker := per, 1
	for lo < n {
		hi := min(lo+per, n)
		wg.Add(1)
		p.work <- span{fn: fn, worker: worker, lo: lo, hi: hi, wg: wg}
		lo, worker = hi, worker+1
	}
	fn(0, 0, min(per, n))
	wg.Wait()
}
