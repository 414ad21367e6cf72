package model

import (
	"fmt"
	"math"

	"github.com/provenet/provenet/gpu/cpu"
)

// Backend is the kernel boundary of the forward pass: the heavy matrix
// multiplies and the parallel loops. gpu/cpu implements it; a CUDA backend
// fills the same interface.
type Backend interface {
	Name() string
	// MatMul sets dst[rows×out] = x[rows×in] · wᵀ (w is [out][in]).
	MatMul(dst, x, w []float32, rows, in, out int)
	// MatMulF16 is MatMul with w as f16 bit patterns.
	MatMulF16(dst, x []float32, w []uint16, rows, in, out int)
	// For runs fn over [0, n) in parallel chunks; worker indexes
	// per-worker scratch space and is < Threads().
	For(n, grain int, fn func(worker, lo, hi int))
	Threads() int
}

// Model runs forward steps of one base model over a shared KV cache.
// Step is called from one goroutine at a time (the engine's loop).
type Model struct {
	W  *Weights
	KV *KVCache
	be Backend

	cos, sin []float32 // [MaxSeq][HeadDim/2]
	s        *Batch    // the batch of the running Step, for the bound kernels
	layer    int
	loraMod  Module
	loraX    []float32
	loraY    []float32

	attnFn, loraFn func(worker, lo, hi int)
}

// New returns a model over weights w using backend be and cache kv.
func New(w *Weights, be Backend, kv *KVCache) (*Model, error) {
	if err := w.Check(); err != nil {
		return nil, err
	}
	c := &w.Config
	if kv.layers != c.Layers || kv.kvDim != c.KVDim() {
		return nil, fmt.Errorf("%w: kv cache shape does not match the model", ErrConfig)
	}
	m := &Model{W: w, KV: kv, be: be}
	half := c.HeadDim / 2
	m.cos = make([]float32, c.MaxSeq*half)
	m.sin = make([]float32, c.MaxSeq*half)
	freq := c.InvFreq()
	for p := 0; p < c.MaxSeq; p++ {
		for i, f := range freq {
			a := float64(p) * f
			m.cos[p*half+i] = float32(math.Cos(a))
			m.sin[p*half+i] = float32(math.Sin(a))
		}
	}
	m.attnFn = m.attnRange
	m.loraFn = m.loraRange
	return m, nil
}

// WithWeights returns a model sharing m's backend and cache that runs on
// w (for example merged adapter weights of the same shape).
func (m *Model) WithWeights(w *Weights) (*Model, error) { return New(w, m.be, m.KV) }

// Config is the model's shape.
func (m *Model) Config() *Config { return &m.W.Config }

// Batch is one step's input rows and the scratch it runs in. Reuse a
// Batch across steps: after the first steps it allocates nothing.
type Batch struct {
	Tokens   []int32
	Pos      []int32
	Tables   [][]int32      // each row's sequence block table
	Adapters [][]AdapterRef // each row's adapters; nil for the base
	// LogitRows are the rows whose next-token logits Step computes, in
	// order; Logits holds them, Vocab values each.
	LogitRows []int
	Logits    []float32

	x, xb, q, k, v, att, gate, up, xl []float32
	tmp                               [][]float32 // per worker LoRA scratch
}

// Reset empties the batch, keeping its memory.
func (b *Batch) Reset() {
	b.Tokens, b.Pos, b.Tables, b.Adapters, b.LogitRows = b.Tokens[:0], b.Pos[:0], b.Tables[:0], b.Adapters[:0], b.LogitRows[:0]
}

// Add appends one token row at position pos of the sequence with block
// table table; logits asks for its next-token logits.
func (b *Batch) Add(token, pos int32, table []int32, adapters []AdapterRef, logits bool) {
	if logits {
		b.LogitRows = append(b.LogitRows, len(b.Tokens))
	}
	b.Tokens = append(b.Tokens, token)
	b.Pos = append(b.Pos, pos)
	b.Tables = append(b.Tables, table)
	b.Adapters = append(b.Adapters, adapters)
}

// Rows is the number of token rows.
func (b *Batch) Rows() int { return len(b.Tokens) }

func grow(s []float32, n int) []float32 {
	if cap(s) < n {
		return make([]float32, n)
	}
	return s[:n]
}

// Validate checks b against the model shape c: tokens in the
// vocabulary, positions within the context and the row's block table,
// adapters of c's depth. Every device runs it before a step.
func (b *Batch) Validate(c *Config) error {
	for i, t := range b.Tokens {
		if t < 0 || int(t) >= c.Vocab {
			return fmt.Errorf("%w: token %d out of vocabulary", ErrConfig, t)
		}
		p := int(b.Pos[i])
		if p < 0 || p >= c.MaxSeq || p/BlockTokens >= len(b.Tables[i]) {
			return fmt.Errorf("%w: position %d beyond the sequence's cache or the model's %d", ErrConfig, p, c.MaxSeq)
		}
		for _, a := range b.Adapters[i] {
			if len(a.A.Layers) != c.Layers {
				return fmt.Errorf("%w: %s", ErrAdapter, a.A.Name)
			}
		}
	}
	for _, r := range b.LogitRows {
		if r < 0 || r >= b.Rows() {
			return fmt.Errorf("%w: logit row %d of %d rows", ErrConfig, r, b.Rows())
		}
	}
	return nil
}

func (m *Model) prepare(b *Batch) error {
	c := m.Config()
	n := b.Rows()
	if err := b.Validate(c); err != nil {
		return err
	}
	b.x = grow(b.x, n*c.Dim)
	b.xb = grow(b.xb, n*max(c.Dim, c.QDim()))
	b.q = grow(b.q, n*c.QDim())
	b.k = grow(b.k, n*c.KVDim())
	b.v = grow(b.v, n*c.KVDim())
	b.att = grow(b.att, n*c.QDim())
	b.gate = grow(b.gate, n*c.Hidden)
	b.up = grow(b.up, n*c.Hidden)
	b.xl = grow(b.xl, len(b.LogitRows)*c.Dim)
	b.Logits = grow(b.Logits, len(b.LogitRows)*c.Vocab)
	for len(b.tmp) < m.be.Threads() {
		b.tmp = append(b.tmp, nil)
	}
	return nil
}

// Step runs the batch's rows through the model: it writes their keys and
// values into the cache and leaves the logits of LogitRows in b.Logits.
func (m *Model) Step(b *Batch) error {
	if b.Rows() == 0 {
		return nil
	}
	if err := m.prepare(b); err != nil {
		return err
	}
	c := m.Config()
	w := m.W
	n := b.Rows()
	m.s = b
	defer func() { m.s = nil }()
	for i, t := range b.Tokens {
		copy(b.x[i*c.Dim:(i+1)*c.Dim], w.Embed[int(t)*c.Dim:(int(t)+1)*c.Dim])
	}
	for l := range w.Layers {
		m.layer = l
		L := &w.Layers[l]
		rmsnorm(b.xb[:n*c.Dim], b.x, L.AttnNorm, c.Dim, c.NormEps)
		xb := b.xb[:n*c.Dim]
		m.linear(Q, L, xb, b.q)
		m.linear(K, L, xb, b.k)
		m.linear(V, L, xb, b.v)
		if c.AttentionBias {
			addBias(b.q, L.Bias[0])
			addBias(b.k, L.Bias[1])
			addBias(b.v, L.Bias[2])
		}
		m.rope(b)
		for i := 0; i < n; i++ {
			p := int(b.Pos[i])
			copy(m.KV.slot(b.Tables[i], l, 0, p), b.k[i*c.KVDim():(i+1)*c.KVDim()])
			copy(m.KV.slot(b.Tables[i], l, 1, p), b.v[i*c.KVDim():(i+1)*c.KVDim()])
		}
		m.be.For(n*c.Heads, 1, m.attnFn)
		m.linear(O, L, b.att, b.xb[:n*c.Dim])
		addInto(b.x, b.xb[:n*c.Dim])

		rmsnorm(b.xb[:n*c.Dim], b.x, L.FFNNorm, c.Dim, c.NormEps)
		m.linear(Gate, L, xb, b.gate)
		m.linear(Up, L, xb, b.up)
		swiglu(b.gate, b.up)
		m.linear(Down, L, b.gate, b.xb[:n*c.Dim])
		addInto(b.x, b.xb[:n*c.Dim])
	}
	for j, r := range b.LogitRows {
		rmsnorm(b.xl[j*c.Dim:(j+1)*c.Dim], b.x[r*c.Dim:(r+1)*c.Dim], w.FinalNorm, c.Dim, c.NormEps)
	}
	if w.Output16 != nil {
		m.be.MatMulF16(b.Logits, b.xl, w.Output16, len(b.LogitRows), c.Dim, c.Vocab)
	} else {
		m.be.MatMul(b.Logits, b.xl, w.Output, len(b.LogitRows), c.Dim, c.Vocab)
	}
	return nil
}

// linear computes y = x·Wᵀ for module mod of layer L, plus the LoRA
// updates of every row's adapters.
func (m *Model) linear(mod Module, L *Layer, x, y []float32) {
	c := m.Config()
	out, in := c.Shape(mod)
	n := m.s.Rows()
	if L.W16[mod] != nil {
		m.be.MatMulF16(y, x, L.W16[mod], n, in, out)
	} else {
		m.be.MatMul(y, x, L.W[mod], n, in, out)
	}
	if !m.s.hasAdapters() {
		return
	}
	m.loraMod, m.loraX, m.loraY = mod, x, y
	m.be.For(n, 1, m.loraFn)
}

func (b *Batch) hasAdapters() bool {
	for _, a := range b.Adapters {
		if len(a) > 0 {
			return true
		}
	}
	return false
}

// loraRange applies the adapters of rows [lo, hi). The engine orders rows
// by adapter, so consecutive rows reuse the same A and B from cache: the
// memory traffic grows with distinct adapters, not with rows (SGMV's
// point, on a CPU).
func (m *Model) loraRange(worker, lo, hi int) {
	b := m.s
	c := m.Config()
	out, in := c.Shape(m.loraMod)
	for r := lo; r < hi; r++ {
		x := m.loraX[r*in : (r+1)*in]
		y := m.loraY[r*out : (r+1)*out]
		for _, ref := range b.Adapters[r] {
			lr := ref.A.Layers[m.layer][m.loraMod]
			if lr == nil {
				continue
			}
			if cap(b.tmp[worker]) < lr.Rank {
				b.tmp[worker] = make([]float32, lr.Rank)
			}
			t := b.tmp[worker][:lr.Rank]
			for j := range t {
				t[j] = cpu.Dot(x, lr.A[j*in:(j+1)*in])
			}
			s := ref.Weight * lr.Scale
			for j, tj := range t {
				cpu.Axpy(s*tj, lr.Bt[j*out:(j+1)*out], y)
			}
		}
	}
}

// attnRange runs causal attention for (row, head) units [lo, hi), with an
// online softmax over the cached positions (no score buffer).
func (m *Model) attnRange(_, lo, hi int) {
	b := m.s
	c := m.Config()
	hd := c.HeadDim
	group := c.Heads / c.KVHeads
	scale := float32(1 / math.Sqrt(float64(hd)))
	for u := lo; u < hi; u++ {
		r, h := u/c.Heads, u%c.Heads
		g := h / group
		q := b.q[r*c.QDim()+h*hd : r*c.QDim()+(h+1)*hd]
		acc := b.att[r*c.QDim()+h*hd : r*c.QDim()+(h+1)*hd]
		clear(acc)
		table := b.Tables[r]
		maxS, sum := float32(math.Inf(-1)), float32(0)
		for p := 0; p <= int(b.Pos[r]); p++ {
			k := m.KV.slot(table, m.layer, 0, p)[g*hd : (g+1)*hd]
			s := cpu.Dot(q, k) * scale
			if s > maxS {
				f := expf(maxS - s)
				sum *= f
				for i := range acc {
					acc[i] *= f
				}
				maxS = s
			}
			e := expf(s - maxS)
			sum += e
			cpu.Axpy(e, m.KV.slot(table, m.layer, 1, p)[g*hd:(g+1)*hd], acc)
		}
		inv := 1 / sum
		for i := range acc {
			acc[i] *= inv
		}
	}
}

func expf(x float32) float32 { return float32(math.Exp(float64(x))) }

func (m *Model) rope(b *Batch) {
	c := m.Config()
	hd, half := c.HeadDim, c.HeadDim/2
	for r, p := range b.Pos {
		cs := m.cos[int(p)*half : (int(p)+1)*half]
		sn := m.sin[int(p)*half : (int(p)+1)*half]
		for h := 0; h < c.Heads; h++ {
			rotate(b.q[r*c.QDim()+h*hd:r*c.QDim()+(h+1)*hd], cs, sn, c.RopeStyle)
		}
		for h := 0; h < c.KVHeads; h++ {
			rotate(b.k[r*c.KVDim()+h*hd:r*c.KVDim()+(h+1)*hd], cs, sn, c.RopeStyle)
		}
	}
}

func rotate(v, cs, sn []float32, style RopeStyle) {
	half := len(cs)
	if style == RopeInterleaved {
		for i := 0; i < half; i++ {
			a, b := v[2*i], v[2*i+1]
			v[2*i], v[2*i+1] = a*cs[i]-b*sn[i], a*sn[i]+b*cs[i]
		}
		return
	}
	for i := 0; i < half; i++ {
		a, b := v[i], v[i+half]
		v[i], v[i+half] = a*cs[i]-b*sn[i], a*sn[i]+b*cs[i]
	}
}

// rmsnorm normalises each row of x (width dim) into dst, times weight.
func rmsnorm(dst, x, weight []float32, dim int, eps float32) {
	for r := 0; r+dim <= len(dst); r += dim {
		row := x[r : r+dim]
		var ss float32
		for _, v := range row {
			ss += v * v
		}
		inv := float32(1 / math.Sqrt(float64(ss/float32(dim)+eps)))
		d := dst[r : r+dim]
		for i, v := range row {
			d[i] = v * inv * weight[i]
		}
	}
}

// swiglu sets gate = silu(gate) * up.
func swiglu(gate, up []float32) {
	up = up[:len(gate)]
	for i, g := range gate {
		gate[i] = g / (1 + expf(-g)) * up[i]
	}
}

func addInto(dst, src []float32) {
	src = src[:len(dst)]
	for i := range dst {
		dst[i] += src[i]
	}
}

func addBias(x, bias []float32) {
	for r := 0; r+len(bias) <= len(x); r += len(bias) {
		addInto(x[r:r+len(bias)], bias)
	}
}
