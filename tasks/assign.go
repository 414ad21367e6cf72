package tasks

import (
	"bytes"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// Rank orders workers for a task by rendezvous (highest random weight)
// hashing: keccak256(task || worker), highest first. Every node that knows
// the same workers computes the same order; a worker joining or leaving
// moves only the tasks it ranks first for.
func Rank(task ID, workers []common.Address) []common.Address {
	type scored struct {
		w common.Address
		h [32]byte
	}
	s := make([]scored, 0, len(workers))
	var buf [32 + common.AddressLength]byte
	copy(buf[:], task[:])
	for _, w := range workers {
		copy(buf[32:], w[:])
		s = append(s, scored{w, crypto.Keccak256Hash(buf[:])})
	}
	slices.SortFunc(s, func(a, b scored) int {
		if c := bytes.Compare(b.h[:], a.h[:]); c != 0 {
			return c
		}
		return bytes.Compare(a.w[:], b.w[:])
	})
	out := make([]common.Address, 0, len(s))
	for i, e := range s {
		if i > 0 && e.w == s[i-1].w {
			continue // a worker listed twice ranks once
		}
		out = append(out, e.w)
	}
	return out
}

// Lease is one of a task's R slots: who holds it and until when.
type Lease struct {
	Slot     int
	Round    int // 0 for the first holder; +1 each time a lease ran out
	Worker   common.Address
	Deadline time.Time
	Done     bool // Worker delivered a result
}

// Holders computes, for each of the r slots of a task available since
// start, which worker holds it at now. Slot s goes to the s-th worker in
// rendezvous order; when that worker's lease runs out without a result
// (done reports results), slot s moves to the worker r places further
// down, and so on, wrapping around. So at most r workers hold a task at
// any time, and a silent worker delays it by one lease, not forever.
func Holders(task ID, workers []common.Address, r int, start, now time.Time, lease time.Duration, done func(common.Address) bool) []Lease {
	ranked := Rank(task, workers)
	n := len(ranked)
	if n == 0 || r <= 0 || lease <= 0 {
		return nil
	}
	r = min(r, n)
	out := make([]Lease, 0, r)
	maxRounds := (n + r - 1) / r
	for s := range r {
		l := Lease{Slot: s}
		for k := 0; ; k++ {
			w := ranked[(k*r+s)%n]
			l.Round, l.Worker = k, w
			l.Deadline = start.Add(time.Duration(k+1) * lease)
			if done != nil && done(w) {
				l.Done = true
				break
			}
			if now.Before(l.Deadline) {
				break
			}
			if k+1 >= 4*maxRounds { // everyone has had several turns: keep the last
				break
			}
		}
		out = append(out, l)
	}
	return out
}

// Holds reports whether worker holds an undone lease of the task at now,
// and until when.
func Holds(worker common.Address, task ID, workers []common.Address, r int, start, now time.Time, lease time.Duration, done func(common.Address) bool) (bool, time.Time) {
	for _, l := range Holders(task, workers, r, start, now, lease, done) {
		if l.Worker == worker && !l.Done {
			return true, l.Deadline
		}
	}
	return false, time.Time{}
}
