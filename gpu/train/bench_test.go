package train

import (
	"math/rand/v2"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/provenet/provenet/gpu/cpu"
	"github.com/provenet/provenet/gpu/model"
)

// benchNet is a LoRA (rank 8 on q, v) network on the stories15M shape
// (full 32000 vocabulary) and a batch of b sequences of 256.
func benchNet(b *testing.B, batch int) (*net[float32], []tensor[float32], []int32, []int32, func()) {
	c := model.Stories15M()
	w, err := model.Random(c, 1)
	if err != nil {
		b.Fatal(err)
	}
	ad := NewAdapter(w.Config, "bench", 8, 16, []model.Module{model.Q, model.V}, 1)
	p, err := fromModel[float32](w, ad, true)
	if err != nil {
		b.Fatal(err)
	}
	g := gradFor(p, false, false)
	be := cpu.NewBackend(0)
	n, err := newNet(w.Config, p, g, newKern32(be))
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	S := 256
	tokens, targets := make([]int32, batch*S), make([]int32, batch*S)
	for i := range tokens {
		tokens[i], targets[i] = int32(r.IntN(c.Vocab)), int32(r.IntN(c.Vocab))
	}
	return n, trainables(p, g, false), tokens, targets, be.Close
}

func BenchmarkStories15M(b *testing.B) {
	const batch, S = 4, 256
	b.Run("lora-train-step", func(b *testing.B) {
		n, ts, tok, tg, done := benchNet(b, batch)
		defer done()
		opt := newAdamW(DefaultOptim(), ts)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			zeroGrad(ts)
			if _, err := n.lossGrad(tok, nil, tg, batch, S, 1/float32(len(tg)), true); err != nil {
				b.Fatal(err)
			}
			opt.step(ts, 1e-3)
		}
		b.ReportMetric(float64(b.N*batch*S)/b.Elapsed().Seconds(), "tokens/s")
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MiB")
		b.ReportMetric(peakRSS()/(1<<10), "peakRSS-MiB")
	})
	b.Run("forward-only", func(b *testing.B) {
		n, _, tok, tg, done := benchNet(b, batch)
		defer done()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if _, err := n.lossGrad(tok, nil, tg, batch, S, 0, false); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N*batch*S)/b.Elapsed().Seconds(), "tokens/s")
	})
}

// peakRSS is VmHWM from /proc/self/status in KiB (0 where unavailable).
func peakRSS() float64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(raw), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmHWM:" {
			var v float64
			for _, ch := range f[1] {
				v = v*10 + float64(ch-'0')
			}
			return v
		}
	}
	return 0
}

// BenchmarkFactoryBase runs the committed base's shape
// (testdata/factory-base): one full-parameter optimiser step on 16
// sequences of 256 as scripts/pretrain-base.sh runs it, and a LoRA step
// (rank 8 on q, v) against the forward pass alone on 4 sequences of 256,
// as BenchmarkStories15M does for the 15M shape. Run with -cpu 1,2,...
// for scaling.
func BenchmarkFactoryBase(b *testing.B) {
	w, err := model.LoadHF("testdata/factory-base")
	if err != nil {
		b.Fatal(err)
	}
	setup := func(b *testing.B, ad *model.Adapter, batch int) (*net[float32], []tensor[float32], []int32, []int32, func()) {
		p, err := fromModel[float32](w, ad, true)
		if err != nil {
			b.Fatal(err)
		}
		full, tied := ad == nil, w.Output == nil
		g := gradFor(p, full, full && tied)
		be := cpu.NewBackend(0)
		n, err := newNet(w.Config, p, g, newKern32(be))
		if err != nil {
			b.Fatal(err)
		}
		r := rand.New(rand.NewPCG(1, 2))
		tokens, targets := make([]int32, batch*256), make([]int32, batch*256)
		for i := range tokens {
			tokens[i], targets[i] = int32(r.IntN(w.Config.Vocab)), int32(r.IntN(w.Config.Vocab))
		}
		return n, trainables(p, g, full && tied), tokens, targets, be.Close
	}
	step := func(b *testing.B, ad *model.Adapter, batch int) {
		n, ts, tok, tg, done := setup(b, ad, batch)
		defer done()
		opt := newAdamW(DefaultOptim(), ts)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			zeroGrad(ts)
			if _, err := n.lossGrad(tok, nil, tg, batch, 256, 1/float32(len(tg)), true); err != nil {
				b.Fatal(err)
			}
			opt.step(ts, 1e-3)
		}
		b.ReportMetric(float64(b.N*batch*256)/b.Elapsed().Seconds(), "tokens/s")
	}
	lora := func() *model.Adapter {
		return NewAdapter(w.Config, "bench", 8, 16, []model.Module{model.Q, model.V}, 1)
	}
	b.Run("pretrain-step", func(b *testing.B) { step(b, nil, 16) })
	b.Run("lora-train-step", func(b *testing.B) { step(b, lora(), 4) })
	b.Run("forward-only", func(b *testing.B) {
		n, _, tok, tg, done := setup(b, lora(), 4)
		defer done()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if _, err := n.lossGrad(tok, nil, tg, 4, 256, 0, false); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N*4*256)/b.Elapsed().Seconds(), "tokens/s")
	})
}
