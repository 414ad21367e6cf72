package model

import (
	"fmt"
	"testing"

	"github.com/provenet/provenet/gpu/cpu"
)

// benchDecode measures decode steps of batch sequences at context ~pos,
// each row with adapters[i%len(adapters)] (nil: base only).
func benchDecode(b *testing.B, c Config, batch int, adapters [][]AdapterRef) {
	w, err := Random(c, 1)
	if err != nil {
		b.Fatal(err)
	}
	kv, err := NewKVCache(c, batch*c.MaxSeq)
	if err != nil {
		b.Fatal(err)
	}
	be := cpu.NewBackend(0)
	defer be.Close()
	m, err := New(w, be, kv)
	if err != nil {
		b.Fatal(err)
	}
	tables := make([][]int32, batch)
	for i := range tables {
		if tables[i], err = kv.Reserve(nil, c.MaxSeq); err != nil {
			b.Fatal(err)
		}
	}
	var bt Batch
	const start = 64 // decode at a realistic context, not an empty one
	step := func(pos int) {
		bt.Reset()
		for i := 0; i < batch; i++ {
			var a []AdapterRef
			if len(adapters) > 0 {
				a = adapters[i%len(adapters)]
			}
			bt.Add(int32((i*7+pos)%c.Vocab), int32(pos), tables[i], a, true)
		}
		if err := m.Step(&bt); err != nil {
			b.Fatal(err)
		}
	}
	for p := 0; p < start; p++ {
		step(p)
	}
	b.ReportAllocs()
	b.ResetTimer()
	pos := start
	for i := 0; i < b.N; i++ {
		step(pos)
		if pos++; pos >= c.MaxSeq {
			pos = start
		}
	}
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "tok/s")
}

func BenchmarkDecode15M(b *testing.B) {
	for _, n := range []int{1, 8, 32, 64} {
		b.Run(fmt.Sprintf("batch=%d", n), func(b *testing.B) { benchDecode(b, Stories15M(), n, nil) })
	}
}

func BenchmarkDecode110M(b *testing.B) {
	benchDecode(b, Stories110M(), 1, nil)
}

// BenchmarkMixedAdapters15M runs 64 rows with 64 distinct rank-8 q,v
// adapters against the same 64 rows without adapters.
func BenchmarkMixedAdapters15M(b *testing.B) {
	c := Stories15M()
	for _, targets := range [][]Module{{Q, V}, {Q, K, V, O, Gate, Up, Down}} {
		var sets [][]AdapterRef
		for i := 0; i < 64; i++ {
			sets = append(sets, []AdapterRef{{A: RandomAdapter(c, fmt.Sprint(i), 8, 16, targets, uint64(i)), Weight: 1}})
		}
		b.Run(fmt.Sprintf("targets=%d", len(targets)), func(b *testing.B) { benchDecode(b, c, 64, sets) })
	}
	b.Run("none", func(b *testing.B) { benchDecode(b, c, 64, nil) })
}
