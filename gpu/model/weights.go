package model

import (
	"fmt"

	"github.com/provenet/provenet/gpu/half"
	"math"
	"math/rand/v2"
)

// Module names the seven linear projections of a block, as PEFT names
// them in target_modules.
type Module uint8

// The projections of one block.
const (
	Q Module = iota
	K
	V
	O
	Gate
	Up
	Down
	NumModules
)

var moduleNames = [NumModules]string{"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"}

func (m Module) String() string {
	if m < NumModules {
		return moduleNames[m]
	}
	return fmt.Sprintf("module(%d)", m)
}

// ParseModule maps a PEFT module name ("q_proj", or "q") to a Module.
func ParseModule(s string) (Module, bool) {
	for i, n := range moduleNames {
		if s == n || s+"_proj" == n {
			return Module(i), true
		}
	}
	return 0, false
}

// Shape returns (out, in) of module m's weight under c.
func (c *Config) Shape(m Module) (out, in int) {
	switch m {
	case Q:
		return c.QDim(), c.Dim
	case K, V:
		return c.KVDim(), c.Dim
	case O:
		return c.Dim, c.QDim()
	case Gate, Up:
		return c.Hidden, c.Dim
	default:
		return c.Dim, c.Hidden
	}
}

// Layer holds one block's weights in float32, each projection row-major
// [out][in] (the PyTorch Linear layout).
type Layer struct {
	AttnNorm, FFNNorm []float32
	W                 [NumModules][]float32
	// Bias holds q, k, v biases for architectures that have them.
	Bias [3][]float32
	// W16, when set (see Weights.UseF16), holds the projections as f16
	// bit patterns, and the forward pass reads those instead of W.
	W16 [NumModules][]uint16
}

// Weights are a model's parameters.
type Weights struct {
	Config    Config
	Embed     []float32 // [Vocab][Dim]
	Layers    []Layer
	FinalNorm []float32
	Output    []float32 // [Vocab][Dim]; the Embed slice when tied
	Output16  []uint16  // f16 copy of Output read by the forward pass, when set
}

// UseF16 adds f16 copies of the projection and output matrices, which the
// forward pass then reads: a decode step streams half the bytes (the
// kernels widen with VCVTPH2PS). The f32 weights stay (merging, training
// and the loaders use them); for a model stored in f16 the copies are
// exact. Weights of other precision are rounded to nearest; a matrix with
// a value beyond f16's range (65504) keeps its f32 form.
func (w *Weights) UseF16() {
	for i := range w.Layers {
		for m := range w.Layers[i].W {
			w.Layers[i].W16[m] = toF16(w.Layers[i].W[m])
		}
	}
	w.Output16 = toF16(w.Output)
}

// Bytes is the memory the weights occupy.
func (w *Weights) Bytes() int64 {
	return w.Config.Params() * 4
}

// Check validates every slice length against the config.
func (w *Weights) Check() error {
	c := &w.Config
	if err := c.Validate(); err != nil {
		return err
	}
	want := func(name string, got []float32, n int) error {
		if len(got) != n {
			return fmt.Errorf("%w: %s has %d values, want %d", ErrConfig, name, len(got), n)
		}
		return nil
	}
	if err := want("embedding", w.Embed, c.Vocab*c.Dim); err != nil {
		return err
	}
	if err := want("output", w.Output, c.Vocab*c.Dim); err != nil {
		return err
	}
	if err := want("final norm", w.FinalNorm, c.Dim); err != nil {
		return err
	}
	if len(w.Layers) != c.Layers {
		return fmt.Errorf("%w: %d layers, want %d", ErrConfig, len(w.Layers), c.Layers)
	}
	for i := range w.Layers {
		l := &w.Layers[i]
		if err := want(fmt.Sprintf("layer %d attention norm", i), l.AttnNorm, c.Dim); err != nil {
			return err
		}
		if err := want(fmt.Sprintf("layer %d ffn norm", i), l.FFNNorm, c.Dim); err != nil {
			return err
		}
		for m := Module(0); m < NumModules; m++ {
			out, in := c.Shape(m)
			if err := want(fmt.Sprintf("layer %d %s", i, m), l.W[m], out*in); err != nil {
				return err
			}
		}
		if c.AttentionBias {
			for j, n := range []int{c.QDim(), c.KVDim(), c.KVDim()} {
				if err := want(fmt.Sprintf("layer %d %s bias", i, Module(j)), l.Bias[j], n); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// Random returns deterministic random weights of shape c from seed:
// projections uniform in ±1/sqrt(in), norms near 1. Tests and benchmarks
// use them; no trained weights can be downloaded here.
func Random(c Config, seed uint64) (*Weights, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	fill := func(n int, scale float32) []float32 {
		s := make([]float32, n)
		for i := range s {
			s[i] = (2*r.Float32() - 1) * scale
		}
		return s
	}
	norm := func() []float32 {
		s := make([]float32, c.Dim)
		for i := range s {
			s[i] = 1 + 0.1*(2*r.Float32()-1)
		}
		return s
	}
	w := &Weights{Config: c, Embed: fill(c.Vocab*c.Dim, 1), Layers: make([]Layer, c.Layers)}
	for i := range w.Layers {
		l := &w.Layers[i]
		l.AttnNorm, l.FFNNorm = norm(), norm()
		for m := Module(0); m < NumModules; m++ {
			out, in := c.Shape(m)
			l.W[m] = fill(out*in, float32(1/math.Sqrt(float64(in))))
		}
		if c.AttentionBias {
			l.Bias = [3][]float32{fill(c.QDim(), 0.1), fill(c.KVDim(), 0.1), fill(c.KVDim(), 0.1)}
		}
	}
	w.FinalNorm = norm()
	if c.TiedEmbeddings {
		w.Output = w.Embed
	} else {
		w.Output = fill(c.Vocab*c.Dim, float32(1/math.Sqrt(float64(c.Dim))))
	}
	return w, nil
}

// toF16 rounds v to f16, or returns nil when a value does not fit.
func toF16(v []float32) []uint16 {
	out := make([]uint16, len(v))
	for i, x := range v {
		if x > 65504 || x < -65504 {
			return nil
		}
		out[i] = half.F32ToF16(x)
	}
	return out
}
