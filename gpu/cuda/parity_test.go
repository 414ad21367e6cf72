//go:build cuda

package cuda

// These tests need a GPU. gorgonia.org/cu's init() exits the test binary
// on a machine whose driver finds none, so they cannot skip there: CI
// compiles them (go test -c -tags cuda) and they run where a GPU is, with
//
//	go test -tags cuda ./gpu/cuda/
//
// Each compares the cuda device with the CPU device on the same random
// weights, through the model.Device boundary both implement.

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/provenet/provenet/gpu/model"
)

func open(t *testing.T, backend string, w *model.Weights, tokens int) model.Device {
	t.Helper()
	d, err := model.OpenDevice(backend, model.DeviceSpec{Weights: w, KVTokens: tokens})
	if err != nil {
		t.Fatalf("%s: %v", backend, err)
	}
	t.Cleanup(d.Close)
	return d
}

// greedy generates n tokens after prompt on dev (one sequence) and
// returns them with every step's logits.
func greedy(t *testing.T, dev model.Device, prompt []int32, n int, refs []model.AdapterRef) ([]int32, [][]float32) {
	t.Helper()
	table, err := dev.Blocks().Reserve(nil, len(prompt)+n)
	if err != nil {
		t.Fatal(err)
	}
	defer dev.Blocks().Release(table)
	var b model.Batch
	for i, tok := range prompt {
		b.Add(tok, int32(i), table, refs, i == len(prompt)-1)
	}
	var out []int32
	var logits [][]float32
	for len(out) < n {
		if err := dev.Step(&b); err != nil {
			t.Fatal(err)
		}
		l := append([]float32(nil), b.Logits...)
		logits = append(logits, l)
		next := argmax(l)
		out = append(out, next)
		b.Reset()
		b.Add(next, int32(len(prompt)+len(out)-1), table, refs, true)
	}
	return out, logits
}

func argmax(v []float32) int32 {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return int32(best)
}

var prompts = [][]int32{{1, 415, 2501, 338}, {1, 9038, 2501, 263, 931}, {1, 29871, 13, 450, 4799, 471, 1811}}

// logitTolerance is the largest |cuda - cpu| logit difference accepted,
// relative to the row's largest |logit| (f32 throughout; the sums run in
// a different order on the GPU).
const logitTolerance = 1e-3

func maxRelDiff(a, b []float32) float64 {
	scale, diff := 0.0, 0.0
	for i := range a {
		scale = max(scale, math.Abs(float64(b[i])))
		diff = max(diff, math.Abs(float64(a[i]-b[i])))
	}
	return diff / max(scale, 1e-9)
}

func TestGreedyParityWithCPU(t *testing.T) {
	for _, shape := range []struct {
		name string
		c    model.Config
	}{{"stories15M", model.Stories15M()}, {"stories110M", model.Stories110M()}} {
		w, err := model.Random(shape.c, 7)
		if err != nil {
			t.Fatal(err)
		}
		adapter := model.RandomAdapter(shape.c, "qkvo", 8, 16, []model.Module{model.Q, model.K, model.V, model.O}, 3)
		adapter.CID = "qkvo"
		cpu := open(t, "cpu", w, 4096)
		gpu := open(t, "cuda", w, 4096)
		for _, withAdapter := range []bool{false, true} {
			var refs []model.AdapterRef
			if withAdapter {
				refs = []model.AdapterRef{{A: adapter, Weight: 1}}
			}
			for pi, p := range prompts {
				name := fmt.Sprintf("%s/adapter=%v/prompt%d", shape.name, withAdapter, pi)
				want, wl := greedy(t, cpu, p, 128, refs)
				got, gl := greedy(t, gpu, p, 128, refs)
				for i := range want {
					if got[i] != want[i] {
						t.Fatalf("%s: token %d is %d on cuda, %d on cpu", name, i, got[i], want[i])
					}
					if d := maxRelDiff(gl[i], wl[i]); d > logitTolerance {
						t.Fatalf("%s: step %d logits differ by %.2g (tolerance %g)", name, i, d, logitTolerance)
					}
				}
			}
		}
	}
}

// A batch of 64 rows with 64 distinct adapters gives each row what it
// gives alone.
func TestMixedAdapterBatchMatchesPerRow(t *testing.T) {
	c := model.Stories15M()
	w, err := model.Random(c, 9)
	if err != nil {
		t.Fatal(err)
	}
	gpu := open(t, "cuda", w, 64*64)
	const rows = 64
	adapters := make([]*model.Adapter, rows)
	for i := range adapters {
		adapters[i] = model.RandomAdapter(c, fmt.Sprintf("m%02d", i), 8, 16, []model.Module{model.Q, model.K, model.V, model.O}, uint64(100+i))
		adapters[i].CID = adapters[i].Name
	}
	prompt := prompts[0]
	var b model.Batch
	tables := make([][]int32, rows)
	for r := range rows {
		if tables[r], err = gpu.Blocks().Reserve(nil, len(prompt)); err != nil {
			t.Fatal(err)
		}
		for i, tok := range prompt {
			b.Add(tok, int32(i), tables[r], []model.AdapterRef{{A: adapters[r], Weight: 1}}, i == len(prompt)-1)
		}
	}
	if err := gpu.Step(&b); err != nil {
		t.Fatal(err)
	}
	batched := append([]float32(nil), b.Logits...)
	for r := range rows {
		gpu.Blocks().Release(tables[r])
	}
	for r := range rows {
		_, alone := greedy(t, gpu, prompt, 1, []model.AdapterRef{{A: adapters[r], Weight: 1}})
		if d := maxRelDiff(batched[r*c.Vocab:(r+1)*c.Vocab], alone[0]); d > logitTolerance {
			t.Fatalf("row %d: batched logits differ from the row alone by %.2g", r, d)
		}
	}
}

// 1,000 adapters registered and cycled through a GPU tier that holds 64.
func TestThousandAdaptersThroughGPUTier(t *testing.T) {
	c := model.Stories15M()
	w, err := model.Random(c, 11)
	if err != nil {
		t.Fatal(err)
	}
	one := model.RandomAdapter(c, "", 8, 16, []model.Module{model.Q, model.V}, 1).Bytes()
	d, err := OpenWith(model.DeviceSpec{Weights: w, KVTokens: 1024}, Options{AdapterBudget: 64 * one})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for i := range 1000 {
		a := model.RandomAdapter(c, fmt.Sprintf("c%04d", i), 8, 16, []model.Module{model.Q, model.V}, uint64(i+1))
		a.CID = a.Name
		_, rel, err := d.tier.Acquire(context.Background(), a)
		if err != nil {
			t.Fatalf("adapter %d: %v", i, err)
		}
		rel()
		if used, budget, _ := d.tier.Usage(); used > budget {
			t.Fatalf("adapter %d: %d bytes on the device over the %d budget", i, used, budget)
		}
	}
}
