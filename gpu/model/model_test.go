package model

import (
	"errors"
	"math"
	"testing"

	"github.com/provenet/provenet/gpu/cpu"
	"github.com/provenet/provenet/gpu/half"
)

func newTestModel(t testing.TB, c Config, seed uint64) *Model {
	t.Helper()
	w, err := Random(c, seed)
	if err != nil {
		t.Fatal(err)
	}
	kv, err := NewKVCache(c, 64*c.MaxSeq)
	if err != nil {
		t.Fatal(err)
	}
	be := cpu.NewBackend(0)
	t.Cleanup(be.Close)
	m, err := New(w, be, kv)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// greedy prefills prompt in one step, then decodes n tokens greedily,
// returning them.
func greedy(t testing.TB, m *Model, prompt []int32, n int, adapters []AdapterRef) []int32 {
	t.Helper()
	table, err := m.KV.Reserve(nil, len(prompt)+n)
	if err != nil {
		t.Fatal(err)
	}
	defer m.KV.Release(table)
	var b Batch
	for i, tok := range prompt {
		b.Add(tok, int32(i), table, adapters, i == len(prompt)-1)
	}
	var out []int32
	for len(out) < n {
		if err := m.Step(&b); err != nil {
			t.Fatal(err)
		}
		next := argmax32(b.Logits[:m.Config().Vocab])
		out = append(out, next)
		pos := int32(len(prompt) + len(out) - 1)
		b.Reset()
		b.Add(next, pos, table, adapters, true)
	}
	return out
}

func refGreedy(r *refModel, prompt []int32, n int) []int32 {
	var logits []float64
	for i, tok := range prompt {
		logits = r.forward(tok, i)
	}
	var out []int32
	for len(out) < n {
		next := argmax64(logits)
		out = append(out, next)
		logits = r.forward(next, len(prompt)+len(out)-1)
	}
	return out
}

func TestGreedyMatchesReferenceStories15M(t *testing.T) {
	c := Stories15M()
	m := newTestModel(t, c, 1)
	prompt := []int32{1, 450, 4996, 17354, 1701}
	const n = 12
	got := greedy(t, m, prompt, n, nil)
	want := refGreedy(newRef(m.W), prompt, n)
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("token %d: engine %v, reference %v", i, got, want)
		}
	}
}

func TestArchitectureVariantsMatchReference(t *testing.T) {
	small := Config{Dim: 64, Hidden: 96, Layers: 2, Heads: 8, KVHeads: 2, Vocab: 300, NormEps: 1e-6, RopeTheta: 500000, MaxSeq: 64}
	gqaBias := small
	gqaBias.AttentionBias = true
	inter := small
	inter.RopeStyle = RopeInterleaved
	inter.TiedEmbeddings = true
	scaled := small
	scaled.RopeScaling = &RopeScaling{Factor: 8, LowFreqFactor: 1, HighFreqFactor: 4, OriginalMaxPos: 16}
	for name, c := range map[string]Config{"gqa": small, "qwen2-bias": gqaBias, "interleaved-tied": inter, "llama3-scaling": scaled} {
		t.Run(name, func(t *testing.T) {
			m := newTestModel(t, c, 7)
			prompt := []int32{3, 17, 250, 9}
			got := greedy(t, m, prompt, 20, nil)
			want := refGreedy(newRef(m.W), prompt, 20)
			if !equal(got, want) {
				t.Fatalf("engine %v\nreference %v", got, want)
			}
		})
	}
}

func equal(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// logitsOf runs prompt through m (one sequence, one step) and returns the
// last row's logits.
func logitsOf(t *testing.T, m *Model, prompt []int32, adapters []AdapterRef) []float32 {
	t.Helper()
	table, err := m.KV.Reserve(nil, len(prompt))
	if err != nil {
		t.Fatal(err)
	}
	defer m.KV.Release(table)
	var b Batch
	for i, tok := range prompt {
		b.Add(tok, int32(i), table, adapters, i == len(prompt)-1)
	}
	if err := m.Step(&b); err != nil {
		t.Fatal(err)
	}
	return append([]float32(nil), b.Logits...)
}

func maxDiff(a, b []float32) float64 {
	var d float64
	for i := range a {
		d = math.Max(d, math.Abs(float64(a[i]-b[i])))
	}
	return d
}

func TestLoRAMatchesReferenceAndMerged(t *testing.T) {
	c := Stories15M()
	c.Vocab = 512
	m := newTestModel(t, c, 2)
	a := RandomAdapter(c, "a", 8, 16, []Module{Q, K, V, O, Gate, Up, Down}, 3)
	if err := a.Check(&c); err != nil {
		t.Fatal(err)
	}
	refs := []AdapterRef{{A: a, Weight: 1}}
	prompt := []int32{1, 5, 77, 300}
	got := greedy(t, m, prompt, 8, refs)
	want := refGreedy(newRef(m.W, refs...), prompt, 8)
	if !equal(got, want) {
		t.Fatalf("unmerged %v, reference %v", got, want)
	}
	base := logitsOf(t, m, prompt, nil)
	unmerged := logitsOf(t, m, prompt, refs)
	if maxDiff(base, unmerged) < 1e-3 {
		t.Fatal("adapter did not change the logits")
	}
	mw, err := Merge(m.W, refs...)
	if err != nil {
		t.Fatal(err)
	}
	mm, err := m.WithWeights(mw)
	if err != nil {
		t.Fatal(err)
	}
	merged := logitsOf(t, mm, prompt, nil)
	if d := maxDiff(merged, unmerged); d > 1e-3 {
		t.Fatalf("merged and unmerged logits differ by %g", d)
	}
	if d := maxDiff(logitsOf(t, m, prompt, nil), base); d != 0 {
		t.Fatalf("merging changed the base weights (%g)", d)
	}
}

func TestMixedBatchMatchesSingleRuns(t *testing.T) {
	c := Stories15M()
	c.Vocab = 512
	m := newTestModel(t, c, 4)
	a1 := RandomAdapter(c, "a1", 8, 16, []Module{Q, V}, 10)
	a2 := RandomAdapter(c, "a2", 16, 32, []Module{Q, K, V, O, Gate, Up, Down}, 11)
	sets := [][]AdapterRef{nil, {{A: a1, Weight: 1}}, {{A: a2, Weight: 1}}, {{A: a1, Weight: 0.3}, {A: a2, Weight: 0.7}}}
	prompts := [][]int32{{1, 2, 3}, {1, 9, 8, 7, 6}, {1, 400}, {1, 33, 44, 55}}
	var single [][]float32
	for i := range sets {
		single = append(single, logitsOf(t, m, prompts[i], sets[i]))
	}
	var b Batch
	var tables [][]int32
	for i, p := range prompts {
		table, err := m.KV.Reserve(nil, len(p))
		if err != nil {
			t.Fatal(err)
		}
		tables = append(tables, table)
		for j, tok := range p {
			b.Add(tok, int32(j), table, sets[i], j == len(p)-1)
		}
	}
	if err := m.Step(&b); err != nil {
		t.Fatal(err)
	}
	for i := range prompts {
		got := b.Logits[i*c.Vocab : (i+1)*c.Vocab]
		if d := maxDiff(got, single[i]); d > 1e-4 {
			t.Errorf("sequence %d: batched and single logits differ by %g", i, d)
		}
		m.KV.Release(tables[i])
	}
}

func TestAdapterShapeErrors(t *testing.T) {
	c := Stories15M()
	a := RandomAdapter(c, "a", 8, 16, []Module{Q}, 1)
	a.Layers[2][Q].A = a.Layers[2][Q].A[:10]
	if err := a.Check(&c); err == nil {
		t.Fatal("short A accepted")
	}
	b := RandomAdapter(c, "b", 8, 16, []Module{Q}, 1)
	b.Layers = b.Layers[:3]
	if err := b.Check(&c); err == nil {
		t.Fatal("wrong layer count accepted")
	}
}

func TestKVCacheReserveRelease(t *testing.T) {
	c := Stories15M()
	kv, err := NewKVCache(c, 64)
	if err != nil {
		t.Fatal(err)
	}
	t1, err := kv.Reserve(nil, 40)
	if err != nil || len(t1) != 3 {
		t.Fatalf("reserve 40: %v %v", t1, err)
	}
	if _, err := kv.Reserve(nil, 40); err == nil {
		t.Fatal("over-reservation accepted")
	}
	kv.Release(t1)
	if kv.Free() != 4 {
		t.Fatalf("free = %d", kv.Free())
	}
}

// TestF16WeightsMatchReference: with UseF16 the forward pass reads f16
// copies of the matrices; it must match the reference run on the same
// weights rounded to f16.
func TestF16WeightsMatchReference(t *testing.T) {
	c := Stories15M()
	m := newTestModel(t, c, 12)
	rounded := *m.W
	rounded.Layers = make([]Layer, len(m.W.Layers))
	round := func(v []float32) []float32 {
		out := make([]float32, len(v))
		for i, x := range toF16(v) {
			out[i] = half.F16ToF32(x)
		}
		return out
	}
	for i, L := range m.W.Layers {
		rounded.Layers[i] = L
		for j := range L.W {
			rounded.Layers[i].W[j] = round(L.W[j])
		}
	}
	rounded.Output = round(m.W.Output)
	m.W.UseF16()
	prompt := []int32{1, 306, 4966}
	got := greedy(t, m, prompt, 16, nil)
	want := refGreedy(newRef(&rounded), prompt, 16)
	if !equal(got, want) {
		t.Fatalf("f16 engine %v, reference on rounded weights %v", got, want)
	}
}

// TestKVCachePrefixBlocks: published blocks outlive their table, are
// found again by key (reference-counted), and are evicted least recently
// used first, a prefix's tail before its head, only when the pool runs
// short.
func TestKVCachePrefixBlocks(t *testing.T) {
	c := Stories15M()
	kv, err := NewKVCache(c, 4*BlockTokens)
	if err != nil {
		t.Fatal(err)
	}
	keys := []BlockKey{{1}, {2}, {3}}
	t1, err := kv.Reserve(nil, 3*BlockTokens)
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range keys {
		if !kv.Publish(t1[i], k) {
			t.Fatalf("publish %d refused", i)
		}
	}
	if kv.Publish(t1[0], BlockKey{9}) {
		t.Fatal("a block was published twice")
	}
	// A second holder of the same prefix shares the blocks.
	t2 := kv.Lookup(keys)
	if len(t2) != 3 || t2[0] != t1[0] || t2[2] != t1[2] {
		t.Fatalf("lookup %v, table %v", t2, t1)
	}
	kv.Release(t1)
	if kv.Free() != 1 {
		t.Fatalf("free %d with the blocks still held", kv.Free())
	}
	kv.Release(t2)
	if n, _ := kv.Cached(); n != 3 || kv.Free() != 4 {
		t.Fatalf("cached %d free %d", n, kv.Free())
	}
	if got := kv.Lookup([]BlockKey{{1}, {7}, {3}}); len(got) != 1 || got[0] != t1[0] {
		t.Fatalf("lookup stops at the first miss: %v", got)
	} else {
		kv.Release(got)
	}
	// Two new blocks: one free, one evicted, the prefix's last block.
	t3, err := kv.Reserve(nil, 2*BlockTokens)
	if err != nil {
		t.Fatal(err)
	}
	if n, ev := kv.Cached(); n != 2 || ev != 1 {
		t.Fatalf("cached %d evicted %d", n, ev)
	}
	if got := kv.Lookup(keys); len(got) != 2 {
		t.Fatalf("after eviction the prefix is %d blocks, want 2", len(got))
	} else {
		kv.Release(got)
	}
	if _, err := kv.Reserve(nil, 2*BlockTokens); err != nil {
		t.Fatalf("eviction of every cached block: %v", err)
	}
	if n, ev := kv.Cached(); n != 0 || ev != 3 || len(kv.index) != 0 {
		t.Fatalf("cached %d evicted %d index %d", n, ev, len(kv.index))
	}
	if _, err := kv.Reserve(t3, 3*BlockTokens); !errors.Is(err, ErrCacheFull) {
		t.Fatalf("a full pool: %v", err)
	}
}
