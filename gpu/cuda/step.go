//go:build cuda

package cuda

import (
	"runtime"
	"unsafe"

	"gorgonia.org/cu"

	"github.com/provenet/provenet/gpu/cuda/kernels"
	"github.com/provenet/provenet/gpu/model"
)

// stepScratch is the device memory of one step, grown to the largest
// batch seen and reused.
type stepScratch struct {
	bufs map[string]*devBuf

	// host staging, reused
	ints   []int32
	coef   []float32
	ptrs   []uint64
	ranks  []int32
	scales []float32
	slots  map[*model.Adapter]int
	held   []*deviceAdapter
	rels   []func()
}

type devBuf struct {
	p     cu.DevicePtr
	bytes int64
}

// buf returns scratch buffer name with at least n bytes.
func (d *Device) buf(name string, n int64) (cu.DevicePtr, error) {
	s := &d.scratch
	if s.bufs == nil {
		s.bufs = make(map[string]*devBuf)
	}
	b := s.bufs[name]
	if b != nil && b.bytes >= n {
		return b.p, nil
	}
	if b != nil {
		_ = cu.MemFree(b.p)
	}
	n = max(n, 256)
	p, err := cu.MemAlloc(n)
	if err != nil {
		delete(s.bufs, name)
		return 0, wrap("alloc scratch "+name, err)
	}
	s.bufs[name] = &devBuf{p: p, bytes: n}
	return p, nil
}

func (s *stepScratch) free() {
	for _, b := range s.bufs {
		_ = cu.MemFree(b.p)
	}
	s.bufs = nil
}

// put copies host slice v into scratch buffer name.
func put[T int32 | float32 | uint64](d *Device, name string, v []T) (cu.DevicePtr, error) {
	n := int64(len(v)) * int64(unsafe.Sizeof(*new(T)))
	p, err := d.buf(name, n)
	if err != nil || n == 0 {
		return p, err
	}
	if err := cu.MemcpyHtoDAsync(p, unsafe.Pointer(&v[0]), n, d.step); err != nil {
		return 0, wrap("copy "+name, err)
	}
	return p, nil
}

// Step runs b through every layer on the GPU and copies back the logits
// of b.LogitRows (see model.Model.Step for the contract).
func (d *Device) Step(b *model.Batch) error {
	n := b.Rows()
	if n == 0 {
		return nil
	}
	c := &d.cfg
	if err := b.Validate(c); err != nil {
		return err
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := cu.SetCurrentContext(d.ctx); err != nil {
		return wrap("set context", err)
	}
	defer d.releaseAdapters()
	in, err := d.stage(b)
	if err != nil {
		return err
	}
	dim, qd, kvd, hid := c.Dim, c.QDim(), c.KVDim(), c.Hidden
	f := int64(4)
	x, err1 := d.buf("x", int64(n*dim)*f)
	xb, err2 := d.buf("xb", int64(n*max(dim, qd))*f)
	q, err3 := d.buf("q", int64(n*qd)*f)
	k, err4 := d.buf("k", int64(n*kvd)*f)
	v, err5 := d.buf("v", int64(n*kvd)*f)
	att, err6 := d.buf("att", int64(n*qd)*f)
	gate, err7 := d.buf("gate", int64(n*hid)*f)
	up, err8 := d.buf("up", int64(n*hid)*f)
	// Buffers used inside the layers are sized now: freeing a smaller one
	// mid-step would wait on the stream.
	_, err9 := d.buf("xh", int64(n*max(dim, qd, hid))*2)
	_, err10 := d.buf("lora_t", int64(max(in.pairs*in.maxRank, 1))*4)
	for _, e := range []error{err1, err2, err3, err4, err5, err6, err7, err8, err9, err10} {
		if e != nil {
			return e
		}
	}
	if err := d.launch(kernels.EmbedF32, n, 1, 256, x, d.w.embed, in.tokens, dim); err != nil {
		return err
	}
	for l := range d.w.layers {
		L := &d.w.layers[l]
		steps := []func() error{
			func() error {
				return d.launch(kernels.RMSNorm, n, 1, 256, xb, x, L.attnNorm, cu.DevicePtr(0), dim, c.NormEps)
			},
			func() error { return d.linear(in, l, model.Q, xb, q, n) },
			func() error { return d.linear(in, l, model.K, xb, k, n) },
			func() error { return d.linear(in, l, model.V, xb, v, n) },
			func() error { return d.biases(L, q, k, v, n) },
			func() error {
				return d.launch(kernels.Rope, n, 1, 128, q, k, in.pos, d.cos, d.sin, c.Heads, c.KVHeads, c.HeadDim, ropeFlag(c))
			},
			func() error {
				return d.launch(kernels.KVWrite, n, 1, 128, d.cache, k, v, in.tables, in.pos, in.maxBlocks, c.Layers, l, kvd)
			},
			func() error {
				return d.launch(kernels.PagedAttention, n*c.Heads, 1, 128, att, q, d.cache, in.tables, in.pos, in.maxBlocks,
					c.Layers, l, c.Heads, c.KVHeads, c.HeadDim, attnScale(c))
			},
			func() error { return d.linear(in, l, model.O, att, xb, n) },
			func() error {
				return d.launch(kernels.AddInto, gridFor(int64(n*dim), 256), 1, 256, x, xb, int64(n*dim))
			},
			func() error {
				return d.launch(kernels.RMSNorm, n, 1, 256, xb, x, L.ffnNorm, cu.DevicePtr(0), dim, c.NormEps)
			},
			func() error { return d.linear(in, l, model.Gate, xb, gate, n) },
			func() error { return d.linear(in, l, model.Up, xb, up, n) },
			func() error {
				return d.launch(kernels.SwiGLU, gridFor(int64(n*hid), 256), 1, 256, gate, up, int64(n*hid))
			},
			func() error { return d.linear(in, l, model.Down, gate, xb, n) },
			func() error {
				return d.launch(kernels.AddInto, gridFor(int64(n*dim), 256), 1, 256, x, xb, int64(n*dim))
			},
		}
		for _, s := range steps {
			if err := s(); err != nil {
				return err
			}
		}
	}
	return d.logits(b, in, x)
}

// logits normalises the rows that asked for logits and runs the output
// projection, then copies the logits to b.Logits.
func (d *Device) logits(b *model.Batch, in *stepInputs, x cu.DevicePtr) error {
	c := &d.cfg
	nl := len(b.LogitRows)
	if nl == 0 {
		b.Logits = b.Logits[:0]
		return d.sync()
	}
	xl, err := d.buf("xl", int64(nl*c.Dim)*4)
	if err != nil {
		return err
	}
	out, err := d.buf("logits", int64(nl*c.Vocab)*4)
	if err != nil {
		return err
	}
	if err := d.launch(kernels.RMSNorm, nl, 1, 256, xl, x, d.w.finalNorm, in.logitRows, c.Dim, c.NormEps); err != nil {
		return err
	}
	if err := d.gemm(out, xl, d.w.output, nl, c.Dim, c.Vocab, d.w.f16); err != nil {
		return err
	}
	need := nl * c.Vocab
	if cap(b.Logits) < need {
		b.Logits = make([]float32, need)
	}
	b.Logits = b.Logits[:need]
	if err := cu.MemcpyDtoHAsync(unsafe.Pointer(&b.Logits[0]), out, int64(need)*4, d.step); err != nil {
		return wrap("copy logits", err)
	}
	return d.sync()
}

func (d *Device) sync() error {
	if err := d.step.Synchronize(); err != nil {
		return wrap("step", err)
	}
	return nil
}

// gemm is y = x·wᵀ, converting x to f16 first for an f16 matrix.
func (d *Device) gemm(y, x, w cu.DevicePtr, rows, in, out int, half bool) error {
	if !half {
		return d.blas.linear(y, x, w, rows, in, out, false)
	}
	xh, err := d.buf("xh", int64(rows*in)*2)
	if err != nil {
		return err
	}
	if err := d.launch(kernels.ToF16, gridFor(int64(rows*in), 256), 1, 256, xh, x, int64(rows*in)); err != nil {
		return err
	}
	return d.blas.linear(y, xh, w, rows, in, out, true)
}

// linear is one projection of layer l plus the batch's adapters on it:
// the GEMM, then (if any row has an adapter) the BGMV shrink and expand,
// two launches whatever the number of distinct adapters.
func (d *Device) linear(in *stepInputs, l int, mod model.Module, x, y cu.DevicePtr, rows int) error {
	c := &d.cfg
	out, inDim := c.Shape(mod)
	L := &d.w.layers[l]
	if err := d.gemm(y, x, L.w[mod], rows, inDim, out, L.half[mod]); err != nil {
		return err
	}
	if in.pairs == 0 || in.maxRank == 0 {
		return nil
	}
	off := cu.DevicePtr((l*int(model.NumModules) + int(mod)) * in.slots)
	t, err := d.buf("lora_t", int64(in.pairs*in.maxRank)*4)
	if err != nil {
		return err
	}
	if err := d.launch(kernels.LoRAShrink, in.pairs, in.maxRank, 128, t, x, in.pairRow, in.slot,
		in.aPtrs+off*8, in.ranks+off*4, inDim, in.maxRank); err != nil {
		return err
	}
	return d.launch(kernels.LoRAExpand, rows, (out+255)/256, 256, y, t, in.rowPairs, in.slot, in.coef,
		in.btPtrs+off*8, in.ranks+off*4, in.scales+off*4, out, in.maxRank)
}

func (d *Device) biases(L *deviceLayer, q, k, v cu.DevicePtr, n int) error {
	c := &d.cfg
	if !c.AttentionBias {
		return nil
	}
	for i, t := range []struct {
		p     cu.DevicePtr
		width int
	}{{q, c.QDim()}, {k, c.KVDim()}, {v, c.KVDim()}} {
		if err := d.launch(kernels.AddBias, gridFor(int64(n*t.width), 256), 1, 256, t.p, L.bias[i], t.width, int64(n*t.width)); err != nil {
			return err
		}
	}
	return nil
}

func ropeFlag(c *model.Config) int {
	if c.RopeStyle == model.RopeInterleaved {
		return 1
	}
	return 0
}

func attnScale(c *model.Config) float32 {
	return float32(1 / sqrt(float64(c.HeadDim)))
}
