//go:build cuda

package cuda

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"runtime"
	"unsafe"

	"gorgonia.org/cu"

	"github.com/provenet/provenet/gpu/devtier"
	"github.com/provenet/provenet/gpu/model"
)

// ErrCUDA wraps every failure of the driver, cuBLAS or NVRTC.
var ErrCUDA = errors.New("cuda")

func init() {
	model.RegisterDevice("cuda", func(s model.DeviceSpec) (model.Device, error) { return Open(s) })
}

// Options tune a device beyond model.DeviceSpec.
type Options struct {
	// AdapterBudget is the device memory for resident adapters (0: 1 GiB).
	AdapterBudget int64
	// PTXCache is the directory compiled kernels are kept in ("" : the
	// user cache directory's provenet/cuda).
	PTXCache string
}

// Device is one base model on one GPU.
type Device struct {
	cfg  model.Config
	log  *slog.Logger
	kv   *model.KVCache // block bookkeeping; the blocks live in cache
	dev  cu.Device
	ctx  cu.CUContext
	step cu.Stream // the forward pass
	up   cu.Stream // adapter uploads, apart from the step
	blas *blasHandle
	mod  cu.Module
	fn   map[string]cu.Function
	arch string

	w     deviceWeights
	cache cu.DevicePtr // KV blocks: [blocks][layers][2][BlockTokens][kvDim] f32
	cos   cu.DevicePtr // [MaxSeq][HeadDim/2]
	sin   cu.DevicePtr

	tier *devtier.Tier[*deviceAdapter]

	scratch stepScratch
	args    launchArgs
	allocs  []cu.DevicePtr // freed at Close
}

// Open uploads spec's weights to GPU spec.Ordinal and compiles the
// kernels for it. A machine whose driver sees no GPU gets an error
// wrapping model.ErrNoDevice.
func Open(spec model.DeviceSpec) (*Device, error) {
	return OpenWith(spec, Options{})
}

// OpenWith is Open with options.
func OpenWith(spec model.DeviceSpec, o Options) (_ *Device, err error) {
	if spec.Weights == nil {
		return nil, fmt.Errorf("%w: no weights", model.ErrConfig)
	}
	if err := spec.Weights.Check(); err != nil {
		return nil, err
	}
	n, err := cu.NumDevices()
	if err != nil || n <= spec.Ordinal {
		return nil, fmt.Errorf("%w: cuda: %d GPUs (%v), ordinal %d", model.ErrNoDevice, n, err, spec.Ordinal)
	}
	log := spec.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	d := &Device{cfg: spec.Weights.Config, log: log, fn: make(map[string]cu.Function)}
	if d.dev, err = cu.GetDevice(spec.Ordinal); err != nil {
		return nil, wrap("get device", err)
	}
	if d.ctx, err = d.dev.RetainPrimaryCtx(); err != nil {
		return nil, wrap("retain primary context", err)
	}
	if err := cu.SetCurrentContext(d.ctx); err != nil {
		return nil, wrap("set context", err)
	}
	defer func() {
		if err != nil {
			d.Close()
		}
	}()
	name, _ := d.dev.Name()
	major, _ := d.dev.Attribute(cu.ComputeCapabilityMajor)
	minor, _ := d.dev.Attribute(cu.ComputeCapabilityMinor)
	d.arch = fmt.Sprintf("compute_%d%d", major, minor)
	if d.step, err = cu.MakeStream(cu.NonBlocking); err != nil {
		return nil, wrap("stream", err)
	}
	if d.up, err = cu.MakeStream(cu.NonBlocking); err != nil {
		return nil, wrap("upload stream", err)
	}
	if d.blas, err = newBLAS(d.step); err != nil {
		return nil, err
	}
	if err := d.loadKernels(o.PTXCache); err != nil {
		return nil, err
	}
	if err := d.uploadWeights(spec.Weights); err != nil {
		return nil, err
	}
	if d.kv, err = model.NewKVBlocks(d.cfg, spec.KVTokens); err != nil {
		return nil, err
	}
	kvFloats := int64(d.kv.Blocks()) * int64(d.cfg.Layers) * 2 * model.BlockTokens * int64(d.cfg.KVDim())
	if d.cache, err = d.alloc(kvFloats * 4); err != nil {
		return nil, err
	}
	if err := d.uploadRope(); err != nil {
		return nil, err
	}
	budget := o.AdapterBudget
	if budget <= 0 {
		budget = 1 << 30
	}
	if d.tier, err = devtier.New[*deviceAdapter](devtier.Config{Budget: budget, PrefetchWorkers: 1, PrefetchQueue: 256, Logger: log}, uploader{d}); err != nil {
		return nil, err
	}
	free, total, _ := cu.MemInfo()
	log.Info("cuda device open", "gpu", name, "arch", d.arch, "weights_f16", d.w.f16,
		"kv_blocks", d.kv.Blocks(), "mem_free_mib", free>>20, "mem_total_mib", total>>20)
	return d, nil
}

// Name is "cuda".
func (d *Device) Name() string { return "cuda" }

// Config is the model's shape.
func (d *Device) Config() *model.Config { return &d.cfg }

// Blocks is the KV cache's bookkeeping.
func (d *Device) Blocks() *model.KVCache { return d.kv }

// Prefetch uploads a's matrices to the device tier in the background.
func (d *Device) Prefetch(a *model.Adapter) { d.tier.Prefetch(a) }

// Close frees the device memory, the streams and the context.
func (d *Device) Close() {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	_ = cu.SetCurrentContext(d.ctx)
	if d.tier != nil {
		_ = d.tier.Close()
	}
	if d.blas != nil {
		d.blas.close()
	}
	for _, p := range d.allocs {
		_ = cu.MemFree(p)
	}
	d.allocs = nil
	d.scratch.free()
	_ = d.step.Destroy()
	_ = d.up.Destroy()
	_ = d.dev.ReleasePrimaryCtx()
}

// alloc allocates n bytes freed at Close.
func (d *Device) alloc(n int64) (cu.DevicePtr, error) {
	p, err := cu.MemAlloc(max(n, 4))
	if err != nil {
		return 0, wrap(fmt.Sprintf("alloc %d bytes", n), err)
	}
	d.allocs = append(d.allocs, p)
	return p, nil
}

// upload copies a host slice into a new allocation.
func upload[T float32 | uint16 | int32 | uint64](d *Device, s []T) (cu.DevicePtr, error) {
	if len(s) == 0 {
		return 0, nil
	}
	n := int64(len(s)) * int64(unsafe.Sizeof(s[0]))
	p, err := d.alloc(n)
	if err != nil {
		return 0, err
	}
	if err := cu.MemcpyHtoD(p, unsafe.Pointer(&s[0]), n); err != nil {
		return 0, wrap("copy to device", err)
	}
	return p, nil
}

func (d *Device) uploadRope() error {
	c := &d.cfg
	half := c.HeadDim / 2
	cos := make([]float32, c.MaxSeq*half)
	sin := make([]float32, c.MaxSeq*half)
	for p, f := 0, c.InvFreq(); p < c.MaxSeq; p++ {
		for i, fi := range f {
			a := float64(p) * fi
			cos[p*half+i], sin[p*half+i] = float32(math.Cos(a)), float32(math.Sin(a))
		}
	}
	var err error
	if d.cos, err = upload(d, cos); err != nil {
		return err
	}
	d.sin, err = upload(d, sin)
	return err
}

func wrap(what string, err error) error { return fmt.Errorf("%w: %s: %v", ErrCUDA, what, err) }
