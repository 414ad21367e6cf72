package model

import (
	"errors"
	"fmt"
	"math"
)

// ErrConfig reports a model configuration the engine cannot run.
var ErrConfig = errors.New("model: bad config")

// RopeStyle says which dimensions RoPE rotates together.
type RopeStyle uint8

const (
	// RopeHalf pairs dimension i with i+headDim/2: Hugging Face's
	// rotate_half, and GGUF's NEOX style (Qwen2).
	RopeHalf RopeStyle = iota
	// RopeInterleaved pairs 2i with 2i+1: GGUF LLaMA files, whose
	// converter permuted the q and k rows to this layout.
	RopeInterleaved
)

// RopeScaling is LLaMA-3.1's frequency-dependent RoPE scaling.
type RopeScaling struct {
	Factor, LowFreqFactor, HighFreqFactor float64
	OriginalMaxPos                        int
}

// Config is the shape of a model.
type Config struct {
	Dim, Hidden    int // model width, feed-forward width
	Layers         int
	Heads, KVHeads int
	HeadDim        int // Dim/Heads unless the model says otherwise
	Vocab          int
	NormEps        float32
	RopeTheta      float64
	RopeStyle      RopeStyle
	RopeScaling    *RopeScaling
	MaxSeq         int  // positions the engine allows per sequence
	TiedEmbeddings bool // output projection shares the embedding matrix
	AttentionBias  bool // q, k, v have biases (Qwen2)
	BOS            int32
	EOS            []int32
	Arch           string
}

// Stories15M is the llama2.c stories15M shape. llama2.c ties the
// classifier to the embedding; these shapes do not, because random tied
// weights make a model that echoes its input token. A decode step reads the
// same bytes either way (the classifier is a full vocab×dim matrix).
func Stories15M() Config {
	return Config{Dim: 288, Hidden: 768, Layers: 6, Heads: 6, KVHeads: 6, Vocab: 32000,
		NormEps: 1e-5, RopeTheta: 10000, MaxSeq: 256, BOS: 1, EOS: []int32{2}, Arch: "llama"}
}

// Stories110M is the llama2.c stories110M shape.
func Stories110M() Config {
	return Config{Dim: 768, Hidden: 2048, Layers: 12, Heads: 12, KVHeads: 12, Vocab: 32000,
		NormEps: 1e-5, RopeTheta: 10000, MaxSeq: 1024, BOS: 1, EOS: []int32{2}, Arch: "llama"}
}

// TinyLlama is the TinyLlama-1.1B shape (a 1B-class LLaMA with grouped
// query attention, 32 query heads over 4 KV heads), the GPU backend's
// benchmark shape.
func TinyLlama() Config {
	return Config{Dim: 2048, Hidden: 5632, Layers: 22, Heads: 32, KVHeads: 4, Vocab: 32000,
		NormEps: 1e-5, RopeTheta: 10000, MaxSeq: 2048, BOS: 1, EOS: []int32{2}, Arch: "llama"}
}

// Validate checks the shape for consistency and sane sizes.
func (c *Config) Validate() error {
	if c.HeadDim == 0 && c.Heads > 0 {
		c.HeadDim = c.Dim / c.Heads
	}
	if c.KVHeads == 0 {
		c.KVHeads = c.Heads
	}
	switch {
	case c.Dim <= 0 || c.Dim > 1<<16, c.Hidden <= 0 || c.Hidden > 1<<18:
		return fmt.Errorf("%w: dim %d, hidden %d", ErrConfig, c.Dim, c.Hidden)
	case c.Layers <= 0 || c.Layers > 1024:
		return fmt.Errorf("%w: %d layers", ErrConfig, c.Layers)
	case c.Heads <= 0 || c.KVHeads <= 0 || c.Heads%c.KVHeads != 0:
		return fmt.Errorf("%w: %d heads, %d kv heads", ErrConfig, c.Heads, c.KVHeads)
	case c.HeadDim <= 0 || c.HeadDim%2 != 0 || c.HeadDim > 1024:
		return fmt.Errorf("%w: head dim %d", ErrConfig, c.HeadDim)
	case c.Vocab <= 0 || c.Vocab > 1<<22:
		return fmt.Errorf("%w: vocab %d", ErrConfig, c.Vocab)
	case c.MaxSeq <= 0 || c.MaxSeq > 1<<20:
		return fmt.Errorf("%w: max sequence %d", ErrConfig, c.MaxSeq)
	case !(c.NormEps > 0) || !(c.RopeTheta > 0):
		return fmt.Errorf("%w: norm eps %v, rope theta %v", ErrConfig, c.NormEps, c.RopeTheta)
	}
	return nil
}

// QDim is the width of the query projection.
func (c *Config) QDim() int { return c.Heads * c.headDim() }

// KVDim is the width of the key and value projections.
func (c *Config) KVDim() int {
	kv := c.KVHeads
	if kv == 0 {
		kv = c.Heads
	}
	return kv * c.headDim()
}

// headDim is HeadDim, or its default before Validate fills it in.
func (c *Config) headDim() int {
	if c.HeadDim == 0 && c.Heads > 0 {
		return c.Dim / c.Heads
	}
	return c.HeadDim
}

// Params is the parameter count.
func (c *Config) Params() int64 {
	per := int64(c.Dim)*int64(c.QDim()+2*c.KVDim()) + int64(c.QDim())*int64(c.Dim) +
		3*int64(c.Dim)*int64(c.Hidden) + 2*int64(c.Dim)
	n := int64(c.Layers)*per + int64(c.Vocab)*int64(c.Dim) + int64(c.Dim)
	if !c.TiedEmbeddings {
		n += int64(c.Vocab) * int64(c.Dim)
	}
	return n
}

// InvFreq returns RoPE's inverse frequencies, with LLaMA-3.1 scaling when
// configured (the formula of transformers' _compute_llama3_parameters).
func (c *Config) InvFreq() []float64 {
	half := c.HeadDim / 2
	f := make([]float64, half)
	for i := range f {
		f[i] = 1 / math.Pow(c.RopeTheta, float64(2*i)/float64(c.HeadDim))
	}
	s := c.RopeScaling
	if s == nil || s.Factor <= 0 {
		return f
	}
	lowWave := float64(s.OriginalMaxPos) / s.LowFreqFactor
	highWave := float64(s.OriginalMaxPos) / s.HighFreqFactor
	for i, fr := range f {
		wave := 2 * math.Pi / fr
		switch {
		case wave < highWave:
		case wave > lowWave:
			f[i] = fr / s.Factor
		default:
			smooth := (float64(s.OriginalMaxPos)/wave - s.LowFreqFactor) / (s.HighFreqFactor - s.LowFreqFactor)
			f[i] = (1-smooth)*fr/s.Factor + smooth*fr
		}
	}
	return f
}
