package adaptercache

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
)

func BenchmarkAcquireWarm(b *testing.B) {
	s := newStore(10, "a")
	c := newCache(b, 100, s, false)
	_, rel := mustAcquire(b, c, "a")
	rel()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		_, rel, _ := c.Acquire(ctx, "a")
		rel()
	}
}

func BenchmarkAcquireWarmParallel(b *testing.B) {
	s := newStore(10, "a")
	c := newCache(b, 100, s, false)
	_, rel := mustAcquire(b, c, "a")
	rel()
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			_, rel, _ := c.Acquire(ctx, "a")
			rel()
		}
	})
}

// Benchmark1000Registered100Resident: 1,000 registered adapters, room
// for 100, requests drawn from a Zipf(1.1) popularity over all 1,000 (a
// miss loads from the in-memory fake disk tier and evicts). It reports
// the hit ratio.
func Benchmark1000Registered100Resident(b *testing.B) {
	ids := make([]string, 1000)
	for i := range ids {
		ids[i] = fmt.Sprintf("cid-%04d", i)
	}
	s := newStore(10, ids...)
	c := newCache(b, 100*10, s, false)
	for _, id := range ids {
		c.Register(id, Meta{Name: id, Base: "base", Size: 10})
	}
	z := rand.NewZipf(rand.New(rand.NewPCG(1, 2)), 1.1, 1, uint64(len(ids)-1))
	seq := make([]string, 1<<16)
	for i := range seq {
		seq[i] = ids[z.Uint64()]
	}
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		_, rel, err := c.Acquire(ctx, seq[i%len(seq)])
		if err != nil {
			b.Fatal(err)
		}
		rel()
		i++
	}
	b.StopTimer()
	var hits, total int64
	for _, id := range ids {
		st, _ := c.Stats(id)
		hits += st.Hits
		total += st.Hits + st.Misses
	}
	b.ReportMetric(float64(hits)/float64(total), "hit-ratio")
	if n := len(c.Resident()); n != 100 {
		b.Fatalf("resident %d", n)
	}
}
