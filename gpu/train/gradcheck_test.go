package train

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/provenet/provenet/gpu/model"
)

func rnd(r *rand.Rand, n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = 2*r.Float64() - 1
	}
	return v
}

// checkGrad compares the analytic gradient g of f at x with central
// finite differences, perturbing x in place.
func checkGrad(t *testing.T, name string, x, g []float64, f func() float64) {
	t.Helper()
	const eps = 1e-6
	worst := 0.0
	for i := range x {
		old := x[i]
		x[i] = old + eps
		fp := f()
		x[i] = old - eps
		fm := f()
		x[i] = old
		num := (fp - fm) / (2 * eps)
		err := math.Abs(num-g[i]) / math.Max(1e-6, math.Abs(num)+math.Abs(g[i]))
		worst = math.Max(worst, err)
		if err > 1e-5 && math.Abs(num-g[i]) > 1e-8 {
			t.Fatalf("%s[%d]: analytic %.10g, numeric %.10g", name, i, g[i], num)
		}
	}
	t.Logf("%s: %d values, worst relative error %.2e", name, len(x), worst)
}

func dotv(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func TestOpGradients(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	k := newKern64()
	t.Run("rmsnorm", func(t *testing.T) {
		rows, dim := 3, 5
		x, w, R := rnd(r, rows*dim), rnd(r, dim), rnd(r, rows*dim)
		y, inv := make([]float64, rows*dim), make([]float64, rows)
		f := func() float64 { rmsnormF(y, inv, x, w, dim, 1e-5); return dotv(y, R) }
		f()
		dx, dw := make([]float64, len(x)), make([]float64, len(w))
		rmsnormB(dx, dw, R, x, inv, w, dim)
		checkGrad(t, "dx", x, dx, f)
		checkGrad(t, "dw", w, dw, f)
	})
	for _, style := range []model.RopeStyle{model.RopeHalf, model.RopeInterleaved} {
		t.Run("rope", func(t *testing.T) {
			c := model.Config{HeadDim: 4, RopeTheta: 10000}
			cos, sin := ropeTables[float64](&c, 8)
			rows, heads := 6, 2
			x, R := rnd(r, rows*heads*4), rnd(r, rows*heads*4)
			f := func() float64 {
				y := append([]float64(nil), x...)
				rope(y, cos, sin, rows, heads, 4, 3, nil, style, false)
				return dotv(y, R)
			}
			dx := append([]float64(nil), R...)
			rope(dx, cos, sin, rows, heads, 4, 3, nil, style, true)
			checkGrad(t, "dx", x, dx, f)
		})
	}
	t.Run("swiglu", func(t *testing.T) {
		g, u, R := rnd(r, 7), rnd(r, 7), rnd(r, 7)
		h := make([]float64, 7)
		f := func() float64 { swigluF(h, g, u); return dotv(h, R) }
		dg, du := make([]float64, 7), make([]float64, 7)
		swigluB(dg, du, R, g, u)
		checkGrad(t, "dg", g, dg, f)
		checkGrad(t, "du", u, du, f)
	})
	t.Run("attention", func(t *testing.T) {
		s := attnShape{B: 2, S: 4, H: 4, KVH: 2, HD: 3}
		N := s.B * s.S
		q, kk, v := rnd(r, N*s.qw()), rnd(r, N*s.kvw()), rnd(r, N*s.kvw())
		R := rnd(r, N*s.qw())
		p, out := make([]float64, s.B*s.H*s.S*s.S), make([]float64, N*s.qw())
		f := func() float64 { attnF(k, s, q, kk, v, p, out); return dotv(out, R) }
		f()
		dq, dk, dv := make([]float64, len(q)), make([]float64, len(kk)), make([]float64, len(v))
		attnB(k, s, q, kk, v, p, R, dq, dk, dv, [][]float64{make([]float64, s.S)})
		checkGrad(t, "dq", q, dq, f)
		checkGrad(t, "dk", kk, dk, f)
		checkGrad(t, "dv", v, dv, f)
	})
	t.Run("attention-block-diagonal", func(t *testing.T) {
		s := attnShape{B: 2, S: 4, H: 2, KVH: 1, HD: 2, Pos: []int32{0, 1, 0, 1, 0, 0, 1, 2}}
		N := s.B * s.S
		q, kk, v := rnd(r, N*s.qw()), rnd(r, N*s.kvw()), rnd(r, N*s.kvw())
		R := rnd(r, N*s.qw())
		p, out := make([]float64, s.B*s.H*s.S*s.S), make([]float64, N*s.qw())
		f := func() float64 { attnF(k, s, q, kk, v, p, out); return dotv(out, R) }
		f()
		dq, dk, dv := make([]float64, len(q)), make([]float64, len(kk)), make([]float64, len(v))
		attnB(k, s, q, kk, v, p, R, dq, dk, dv, [][]float64{make([]float64, s.S)})
		checkGrad(t, "dq", q, dq, f)
		checkGrad(t, "dk", kk, dk, f)
		checkGrad(t, "dv", v, dv, f)
	})
	t.Run("cross-entropy", func(t *testing.T) {
		V := 5
		lg := rnd(r, 3*V)
		tg := []int32{2, -1, 4}
		f := func() float64 { return crossEntropy(append([]float64(nil), lg...), tg, V, 1, false) }
		d := append([]float64(nil), lg...)
		crossEntropy(d, tg, V, 1, true)
		checkGrad(t, "dlogits", lg, d, f)
	})
	t.Run("linear", func(t *testing.T) {
		rows, in, out := 3, 4, 5
		x, w, R := rnd(r, rows*in), rnd(r, out*in), rnd(r, rows*out)
		y := make([]float64, rows*out)
		f := func() float64 { k.linF(y, x, w, rows, in, out); return dotv(y, R) }
		dx, dw := make([]float64, len(x)), make([]float64, len(w))
		k.linBX(dx, R, w, rows, in, out)
		k.linBW(dw, R, x, rows, in, out)
		checkGrad(t, "dx", x, dx, f)
		checkGrad(t, "dw", w, dw, f)
	})
}

func tinyConfig() model.Config {
	return model.Config{Dim: 8, Hidden: 12, Layers: 2, Heads: 2, KVHeads: 1, Vocab: 11,
		NormEps: 1e-5, RopeTheta: 10000, MaxSeq: 8, BOS: 1, EOS: []int32{2}}
}

func tinyBatch(r *rand.Rand, c model.Config, b, s int) (tokens, targets []int32) {
	for i := 0; i < b*s; i++ {
		tokens = append(tokens, int32(r.IntN(c.Vocab)))
		tg := int32(r.IntN(c.Vocab))
		if i%s == s-1 {
			tg = -1 // padding
		}
		targets = append(targets, tg)
	}
	return tokens, targets
}

func TestModelGradients(t *testing.T) {
	variants := []struct {
		name string
		edit func(*model.Config)
		full bool
		pos  []int32 // block-diagonal documents; nil: one per sequence
	}{
		{"lora", func(*model.Config) {}, false, nil},
		{"lora-interleaved-bias", func(c *model.Config) { c.RopeStyle, c.AttentionBias = model.RopeInterleaved, true }, false, nil},
		{"full-untied", func(*model.Config) {}, true, nil},
		{"full-tied-bias", func(c *model.Config) { c.TiedEmbeddings, c.AttentionBias = true, true }, true, nil},
		{"lora-packed", func(*model.Config) {}, false, []int32{0, 1, 0, 1, 2, 0, 0, 1, 2, 3}},
		{"full-packed-interleaved", func(c *model.Config) { c.RopeStyle = model.RopeInterleaved }, true, []int32{0, 1, 2, 0, 1, 0, 1, 0, 1, 2}},
	}
	for _, vt := range variants {
		t.Run(vt.name, func(t *testing.T) {
			c := tinyConfig()
			vt.edit(&c)
			w, err := model.Random(c, 3)
			if err != nil {
				t.Fatal(err)
			}
			ad := model.RandomAdapter(c, "t", 2, 4, []model.Module{model.Q, model.K, model.V, model.O, model.Gate, model.Up, model.Down}, 4)
			p, err := fromModel[float64](w, ad, false)
			if err != nil {
				t.Fatal(err)
			}
			g := gradFor(p, vt.full, c.TiedEmbeddings)
			n, err := newNet(c, p, g, newKern64())
			if err != nil {
				t.Fatal(err)
			}
			r := rand.New(rand.NewPCG(5, 6))
			tok, tg := tinyBatch(r, c, 2, 5)
			if _, err := n.lossGrad(tok, vt.pos, tg, 2, 5, 0.125, true); err != nil {
				t.Fatal(err)
			}
			eval, err := newNet(c, p, nil, newKern64())
			if err != nil {
				t.Fatal(err)
			}
			f := func() float64 {
				l, err := eval.lossGrad(tok, vt.pos, tg, 2, 5, 0, false)
				if err != nil {
					t.Fatal(err)
				}
				return l * 0.125
			}
			ts := trainables(p, g, c.TiedEmbeddings)
			if len(ts) == 0 {
				t.Fatal("nothing trainable")
			}
			for _, tr := range ts {
				checkGrad(t, tr.name, tr.p, tr.g, f)
			}
		})
	}
}
