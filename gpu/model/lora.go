package model

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
)

// ErrAdapter reports an adapter that does not fit its base model.
var ErrAdapter = errors.New("model: bad adapter")

// LoRA is one low-rank update of a projection: ΔW = Scale · B·A, with A
// [Rank][in] and B stored transposed as Bt [Rank][out], so that applying
// it is Rank dot products and Rank contiguous axpys per row.
type LoRA struct {
	Rank  int
	Scale float32
	A     []float32
	Bt    []float32
}

// Adapter is a LoRA adapter for one base model: per layer, per module, a
// LoRA or nil where the adapter does not target that projection.
type Adapter struct {
	Name   string
	CID    string
	Layers [][NumModules]*LoRA
	// Rope is the row order of the q and k updates: the RoPE style of the
	// base they were loaded or trained for. RopeHalf is Hugging Face's
	// order, which PEFT files use; RopeInterleaved is that of a LLaMA
	// GGUF base (see LoadPEFT and SavePEFTFor).
	Rope RopeStyle
}

// AdapterRef is one adapter applied to a row with a weight (1 for a single
// adapter; ensemble weights otherwise).
type AdapterRef struct {
	A      *Adapter
	Weight float32
}

// Bytes is the memory the adapter's matrices occupy.
func (a *Adapter) Bytes() int64 {
	var n int64
	for _, l := range a.Layers {
		for _, lo := range l {
			if lo != nil {
				n += int64(len(lo.A)+len(lo.Bt)) * 4
			}
		}
	}
	return n
}

// Check validates every matrix's shape against the base config c.
func (a *Adapter) Check(base *Config) error {
	cc := *base
	c := &cc
	if err := c.Validate(); err != nil {
		return err
	}
	if len(a.Layers) != c.Layers {
		return fmt.Errorf("%w: %s has %d layers, base has %d", ErrAdapter, a.Name, len(a.Layers), c.Layers)
	}
	any := false
	for i, l := range a.Layers {
		for m, lo := range l {
			if lo == nil {
				continue
			}
			any = true
			out, in := c.Shape(Module(m))
			if lo.Rank <= 0 || lo.Rank > min(out, in) || len(lo.A) != lo.Rank*in || len(lo.Bt) != lo.Rank*out {
				return fmt.Errorf("%w: %s layer %d %s: rank %d with A of %d and B of %d values, base projection is %dx%d",
					ErrAdapter, a.Name, i, Module(m), lo.Rank, len(lo.A), len(lo.Bt), out, in)
			}
			if math.IsNaN(float64(lo.Scale)) || math.IsInf(float64(lo.Scale), 0) {
				return fmt.Errorf("%w: %s layer %d %s: scale %v", ErrAdapter, a.Name, i, Module(m), lo.Scale)
			}
		}
	}
	if !any {
		return fmt.Errorf("%w: %s targets no projection", ErrAdapter, a.Name)
	}
	return nil
}

// RandomAdapter returns a deterministic random adapter of the given rank
// on targets, with PEFT's alpha/rank scaling, in c's row order. Unlike a freshly initialised
// PEFT adapter (B = 0), both matrices are random, so the adapter changes
// the logits and tests can see it.
func RandomAdapter(c Config, name string, rank int, alpha float32, targets []Module, seed uint64) *Adapter {
	_ = c.Validate() // fills HeadDim and KVHeads defaults; Check reports a bad shape
	r := rand.New(rand.NewPCG(seed, 0xa0761d6478bd642f))
	a := &Adapter{Name: name, Layers: make([][NumModules]*LoRA, c.Layers), Rope: c.RopeStyle}
	for i := range a.Layers {
		for _, m := range targets {
			out, in := c.Shape(m)
			lo := &LoRA{Rank: rank, Scale: alpha / float32(rank), A: make([]float32, rank*in), Bt: make([]float32, rank*out)}
			sa, sb := float32(1/math.Sqrt(float64(in))), float32(0.5/math.Sqrt(float64(rank)))
			for j := range lo.A {
				lo.A[j] = (2*r.Float32() - 1) * sa
			}
			for j := range lo.Bt {
				lo.Bt[j] = (2*r.Float32() - 1) * sb
			}
			a.Layers[i][m] = lo
		}
	}
	return a
}

// Merge returns weights with the adapters baked in: W' = W + Σ weight ·
// Scale · B·A. Only the targeted projections are copied; everything else
// is shared with w, which is left unchanged.
func Merge(w *Weights, refs ...AdapterRef) (*Weights, error) {
	c := &w.Config
	for _, r := range refs {
		if err := r.A.Check(c); err != nil {
			return nil, err
		}
	}
	out := *w
	out.Layers = make([]Layer, len(w.Layers))
	copy(out.Layers, w.Layers)
	for i := range out.Layers {
		for m := Module(0); m < NumModules; m++ {
			copied := false
			for _, r := range refs {
				lo := r.A.Layers[i][m]
				if lo == nil {
					continue
				}
				if !copied {
					out.Layers[i].W[m] = append([]float32(nil), w.Layers[i].W[m]...)
					out.Layers[i].W16[m] = nil // the merged matrix is f32
					copied = true
				}
				nOut, nIn := c.Shape(m)
				dst := out.Layers[i].W[m]
				s := r.Weight * lo.Scale
				for o := 0; o < nOut; o++ {
					row := dst[o*nIn : (o+1)*nIn]
					for j := 0; j < lo.Rank; j++ {
						axpy(s*lo.Bt[j*nOut+o], lo.A[j*nIn:(j+1)*nIn], row)
					}
				}
			}
		}
	}
	return &out, nil
}

func axpy(alpha float32, x, y []float32) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] += alpha * v
	}
}
