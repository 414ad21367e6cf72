package devtier

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/provenet/provenet/gpu/adaptercache"
	"github.com/provenet/provenet/gpu/model"
)

// packed is an adapter "uploaded" into one contiguous host buffer, the
// layout a device backend uploads (every A and Bt back to back).
type packed struct {
	id     string
	data   []float32
	closed atomic.Bool
	live   *atomic.Int64
}

func (p *packed) Close() error {
	if p.closed.Swap(true) {
		return errors.New("closed twice")
	}
	p.live.Add(-int64(len(p.data)) * 4)
	return nil
}

type hostUploader struct {
	live    atomic.Int64 // bytes held by open handles
	uploads atomic.Int64
	delay   time.Duration
}

func (u *hostUploader) Upload(ctx context.Context, a *model.Adapter) (*packed, int64, error) {
	if u.delay > 0 {
		time.Sleep(u.delay)
	}
	p := &packed{id: ID(a), live: &u.live}
	for _, l := range a.Layers {
		for _, lo := range l {
			if lo != nil {
				p.data = append(p.data, lo.A...)
				p.data = append(p.data, lo.Bt...)
			}
		}
	}
	u.uploads.Add(1)
	n := int64(len(p.data)) * 4
	u.live.Add(n)
	return p, n, nil
}

func pool(t *testing.T, n int) []*model.Adapter {
	t.Helper()
	c := model.Stories15M()
	c.Layers = 2 // small: the tier's logic, not the matrices, is under test
	out := make([]*model.Adapter, n)
	for i := range out {
		out[i] = model.RandomAdapter(c, fmt.Sprintf("a%04d", i), 8, 16, []model.Module{model.Q, model.V}, uint64(i+1))
		out[i].CID = fmt.Sprintf("bafy-a%04d", i)
	}
	return out
}

func sameData(p *packed, a *model.Adapter) bool {
	i := 0
	for _, l := range a.Layers {
		for _, lo := range l {
			if lo == nil {
				continue
			}
			for _, v := range append(append([]float32(nil), lo.A...), lo.Bt...) {
				if i >= len(p.data) || p.data[i] != v {
					return false
				}
				i++
			}
		}
	}
	return i == len(p.data)
}

// 1,000 adapters cycled through a tier that holds 64: every Acquire gets
// that adapter's own matrices, the bytes in use stay within the budget,
// and closing the tier frees everything.
func TestThousandAdaptersCycle(t *testing.T) {
	as := pool(t, 1000)
	one := as[0].Bytes()
	up := &hostUploader{}
	tier, err := New[*packed](Config{Budget: 64 * one, PrefetchWorkers: 2, PrefetchQueue: 64}, up)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for round := 0; round < 3; round++ {
		for i, a := range as {
			h, rel, err := tier.Acquire(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			if h.id != ID(a) || !sameData(h, a) {
				t.Fatalf("round %d adapter %d: the handle holds another adapter's matrices", round, i)
			}
			rel()
			if used, budget, _ := tier.Usage(); used > budget {
				t.Fatalf("used %d over budget %d with nothing pinned", used, budget)
			}
		}
	}
	if got := up.uploads.Load(); got != 3000 {
		t.Fatalf("%d uploads, want 3000 (a cycle of 1,000 through 64 slots misses every time)", got)
	}
	if err := tier.Close(); err != nil {
		t.Fatal(err)
	}
	if live := up.live.Load(); live != 0 {
		t.Fatalf("%d device bytes still held after Close", live)
	}
}

// A pinned adapter is never evicted: with the budget full of pinned
// adapters, more uploads overshoot instead, and the pinned handles stay
// open and intact.
func TestPinnedNeverEvicted(t *testing.T) {
	as := pool(t, 40)
	one := as[0].Bytes()
	up := &hostUploader{}
	tier, err := New[*packed](Config{Budget: 8 * one}, up)
	if err != nil {
		t.Fatal(err)
	}
	defer tier.Close()
	ctx := context.Background()
	var pinned []*packed
	var rels []func()
	for _, a := range as[:8] {
		h, rel, err := tier.Acquire(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		pinned, rels = append(pinned, h), append(rels, rel)
	}
	for _, a := range as[8:] {
		_, rel, err := tier.Acquire(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		rel()
	}
	for i, h := range pinned {
		if h.closed.Load() || !sameData(h, as[i]) {
			t.Fatalf("pinned adapter %d was evicted", i)
		}
		if s, _ := tier.Stats(as[i]); !s.Resident || s.Pinned != 1 {
			t.Fatalf("pinned adapter %d: %+v", i, s)
		}
	}
	for _, r := range rels {
		r()
	}
	if used, budget, _ := tier.Usage(); used > budget {
		t.Fatalf("after the pins are released %d bytes are used of %d", used, budget)
	}
}

// A prefetched adapter is resident when its request comes: the Acquire is
// a hit and uploads nothing more.
func TestPrefetchThenHit(t *testing.T) {
	as := pool(t, 4)
	up := &hostUploader{delay: 5 * time.Millisecond}
	tier, err := New[*packed](Config{Budget: 1 << 30, PrefetchWorkers: 2, PrefetchQueue: 8}, up)
	if err != nil {
		t.Fatal(err)
	}
	defer tier.Close()
	for _, a := range as {
		if !tier.Prefetch(a) {
			t.Fatal("prefetch refused")
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for _, a := range as {
		for {
			if s, _ := tier.Stats(a); s.Resident {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("prefetch never finished")
			}
			time.Sleep(time.Millisecond)
		}
	}
	for _, a := range as {
		_, rel, err := tier.Acquire(context.Background(), a)
		if err != nil {
			t.Fatal(err)
		}
		rel()
		if s, _ := tier.Stats(a); s.Hits != 1 {
			t.Fatalf("%s: %+v, want one hit", a.Name, s)
		}
	}
	if got := up.uploads.Load(); got != int64(len(as)) {
		t.Fatalf("%d uploads for %d adapters", got, len(as))
	}
}

// Concurrent requests for one adapter share one upload.
func TestConcurrentAcquireSharesUpload(t *testing.T) {
	as := pool(t, 1)
	up := &hostUploader{delay: 20 * time.Millisecond}
	tier, err := New[*packed](Config{Budget: 1 << 30}, up)
	if err != nil {
		t.Fatal(err)
	}
	defer tier.Close()
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, rel, err := tier.Acquire(context.Background(), as[0])
			if err != nil {
				t.Error(err)
				return
			}
			rel()
		}()
	}
	wg.Wait()
	if got := up.uploads.Load(); got != 1 {
		t.Fatalf("%d uploads, want 1", got)
	}
}

func TestNilUploaderRefused(t *testing.T) {
	if _, err := New[*packed](Config{Budget: 1}, nil); !errors.Is(err, adaptercache.ErrBadConfig) {
		t.Fatalf("err = %v", err)
	}
}
