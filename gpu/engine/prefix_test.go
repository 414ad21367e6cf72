package engine

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/gpu/model"
)

// prompt is BOS, a system prompt of sys tokens and a user suffix.
func prompt(sysSeed, userSeed uint64, sys, user int) []int32 {
	return slices.Concat([]int32{1}, benchTokens(sysSeed, sys), benchTokens(1000+userSeed, user))
}

func prefixAdapters() *memAdapters {
	c := model.Stories15M()
	return &memAdapters{base: "stories15m", byName: map[string]*model.Adapter{
		"a1": model.RandomAdapter(c, "a1", 8, 32, []model.Module{model.Q, model.V, model.Down}, 1),
		"a2": model.RandomAdapter(c, "a2", 8, 32, []model.Module{model.Q, model.K, model.Down}, 2),
	}}
}

func generate(t *testing.T, e *Engine, r gpu.Request) ([]int32, gpu.Usage) {
	t.Helper()
	ch, err := e.Generate(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	ids, _, last := collect(t, ch)
	if last.Usage == nil {
		t.Fatalf("final event %+v", last)
	}
	return ids, *last.Usage
}

func prefixConfig(on bool) Config {
	cfg := DefaultConfig()
	cfg.PrefixCache = on
	return cfg
}

// TestPrefixCacheHitMatchesMiss: greedy tokens after a cached prefix are
// the tokens of a run without the cache, for the base and for an adapter,
// for a prefix shared with another prompt and for the same prompt again.
func TestPrefixCacheHitMatchesMiss(t *testing.T) {
	ad := prefixAdapters()
	off, _ := newEngine(t, prefixConfig(false), ad, nil)
	on, _ := newEngine(t, prefixConfig(true), ad, nil)
	for _, name := range []string{"stories15m", "a1"} {
		warm := gpu.Request{Model: name, PromptIDs: prompt(1, 1, 200, 9), MaxTokens: 4}
		req := gpu.Request{Model: name, PromptIDs: prompt(1, 2, 200, 13), MaxTokens: 16}
		want, _ := generate(t, off, req)
		before := on.PrefixStats()
		generate(t, on, warm)
		got, _ := generate(t, on, req)
		st := on.PrefixStats()
		if st.Hits-before.Hits != 1 || st.ReusedTokens-before.ReusedTokens != 192 {
			t.Fatalf("%s: stats before %+v after %+v, want one hit of 192 tokens", name, before, st)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%s: with a cached prefix %v, without the cache %v", name, got, want)
		}
		// The same prompt again reuses every full block but the last
		// position's (214 positions: 13 blocks).
		again, _ := generate(t, on, req)
		if st2 := on.PrefixStats(); st2.ReusedTokens-st.ReusedTokens != 13*16 {
			t.Fatalf("%s: repeat reused %d tokens", name, st2.ReusedTokens-st.ReusedTokens)
		}
		if fmt.Sprint(again) != fmt.Sprint(want) {
			t.Fatalf("%s: repeated prompt %v, without the cache %v", name, again, want)
		}
	}
	if off.PrefixStats().Lookups != 0 {
		t.Fatal("a disabled cache looked up")
	}
}

// TestPrefixCacheKeyedByAdapterSet: blocks cached under one adapter set
// are never reused by another (another adapter, an ensemble, another
// weight, the base), only by the same set.
func TestPrefixCacheKeyedByAdapterSet(t *testing.T) {
	e, _ := newEngine(t, prefixConfig(true), prefixAdapters(), nil)
	p := prompt(3, 1, 100, 5)
	hits := func(r gpu.Request) int64 {
		before := e.PrefixStats().Hits
		r.PromptIDs, r.MaxTokens = p, 2
		generate(t, e, r)
		return e.PrefixStats().Hits - before
	}
	ens := func(w1, w2 float32) []gpu.AdapterWeight {
		return []gpu.AdapterWeight{{Name: "a1", Weight: w1}, {Name: "a2", Weight: w2}}
	}
	for i, tc := range []struct {
		r    gpu.Request
		want int64
	}{
		{gpu.Request{Model: "a1"}, 0},
		{gpu.Request{Model: "stories15m"}, 0},
		{gpu.Request{Model: "a2"}, 0},
		{gpu.Request{Model: "stories15m", Adapters: ens(0.5, 0.5)}, 0},
		{gpu.Request{Model: "stories15m", Adapters: ens(0.7, 0.3)}, 0},
		{gpu.Request{Model: "a1"}, 1},
		{gpu.Request{Model: "stories15m"}, 1},
		{gpu.Request{Model: "stories15m", Adapters: []gpu.AdapterWeight{{Name: "a2", Weight: 0.5}, {Name: "a1", Weight: 0.5}}}, 1},
		{gpu.Request{Model: "stories15m", Adapters: []gpu.AdapterWeight{{Name: "a1", Weight: 1}}}, 1}, // = model a1
	} {
		if got := hits(tc.r); got != tc.want {
			t.Fatalf("request %d (%s %v): %d hits, want %d", i, tc.r.Model, tc.r.Adapters, got, tc.want)
		}
	}
}

// TestPrefixCacheEvictsUnderPressure: with a pool of 24 blocks, prompts of
// 7 blocks each keep evicting the cached ones; every request runs, and
// outputs (hit or miss) stay those of a run without the cache.
func TestPrefixCacheEvictsUnderPressure(t *testing.T) {
	small := func(on bool) Config {
		cfg := prefixConfig(on)
		cfg.KVTokens = 24 * model.BlockTokens
		return cfg
	}
	off, _ := newEngine(t, small(false), nil, nil)
	on, _ := newEngine(t, small(true), nil, nil)
	want := map[uint64][]int32{}
	for round := 0; round < 2; round++ {
		for sys := uint64(0); sys < 6; sys++ {
			r := gpu.Request{Model: "stories15m", PromptIDs: prompt(10+sys, sys, 96, 4), MaxTokens: 8}
			if round == 0 {
				want[sys], _ = generate(t, off, r)
			}
			got, _ := generate(t, on, r)
			if fmt.Sprint(got) != fmt.Sprint(want[sys]) {
				t.Fatalf("round %d prompt %d: %v, without the cache %v", round, sys, got, want[sys])
			}
		}
	}
	st := on.PrefixStats()
	if st.Evictions == 0 || st.Lookups != 12 {
		t.Fatalf("stats %+v: expected evictions", st)
	}
	// The latest prompt is still cached: it hits and runs the same.
	before := st.Hits
	r := gpu.Request{Model: "stories15m", PromptIDs: prompt(15, 5, 96, 4), MaxTokens: 8}
	if got, _ := generate(t, on, r); fmt.Sprint(got) != fmt.Sprint(want[5]) || on.PrefixStats().Hits != before+1 {
		t.Fatalf("cached prompt: %v (want %v), stats %+v", got, want[5], on.PrefixStats())
	}
	b := on.list[0]
	eventually(t, "blocks leaked", func() bool { return b.dev.Blocks().Free() == b.dev.Blocks().Blocks() })
}

// TestPrefixCacheConcurrentSharedPrefix: requests sharing a cached system
// prompt run together in one batch, each with the tokens it gets alone
// without the cache.
func TestPrefixCacheConcurrentSharedPrefix(t *testing.T) {
	ad := prefixAdapters()
	off, _ := newEngine(t, prefixConfig(false), ad, nil)
	on, _ := newEngine(t, prefixConfig(true), ad, nil)
	reqs := make([]gpu.Request, 8)
	want := make([][]int32, len(reqs))
	for i := range reqs {
		name := "stories15m"
		if i%4 == 3 {
			name = "a1"
		}
		reqs[i] = gpu.Request{Model: name, PromptIDs: prompt(5, uint64(i), 64, 3+i), MaxTokens: 10}
		want[i], _ = generate(t, off, reqs[i])
	}
	generate(t, on, gpu.Request{Model: "stories15m", PromptIDs: prompt(5, 99, 64, 2), MaxTokens: 1})
	generate(t, on, gpu.Request{Model: "a1", PromptIDs: prompt(5, 99, 64, 2), MaxTokens: 1})
	before := on.PrefixStats()
	got := make([][]int32, len(reqs))
	var wg sync.WaitGroup
	for i := range reqs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ch, err := on.Generate(context.Background(), reqs[i])
			if err != nil {
				t.Error(err)
				return
			}
			got[i], _, _ = collect(t, ch)
		}()
	}
	wg.Wait()
	for i := range reqs {
		if fmt.Sprint(got[i]) != fmt.Sprint(want[i]) {
			t.Fatalf("request %d (%s): %v, alone without the cache %v", i, reqs[i].Model, got[i], want[i])
		}
	}
	if st := on.PrefixStats(); st.Hits-before.Hits != 8 || st.ReusedTokens-before.ReusedTokens != 8*64 {
		t.Fatalf("stats before %+v after %+v: want 8 hits of 64 tokens", before, st)
	}
}

// TestPrefixCacheTTFT: the time to first token of a request whose
// 200-token system prompt is cached, against one whose system prompt is
// new, in the same engine (stories15M shape, random weights).
func TestPrefixCacheTTFT(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	e, _ := newEngine(t, prefixConfig(true), nil, nil)
	cold, warm, err := PrefixTTFT(e, "stories15m", 7)
	if err != nil {
		t.Fatal(err)
	}
	ratio := float64(cold) / float64(warm)
	t.Logf("TTFT, 200-token system prompt + 10-token user turn: uncached %v, cached %v: %.1fx", cold, warm, ratio)
	if ratio < 3 {
		t.Fatalf("cached TTFT %v is only %.1fx faster than uncached %v", warm, ratio, cold)
	}
}
