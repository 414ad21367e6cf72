//go:build cuda

package cuda

import (
	"context"
	"runtime"
	"unsafe"

	"gorgonia.org/cu"

	"github.com/provenet/provenet/gpu/model"
)

// deviceAdapter is one adapter's matrices in device memory: one
// allocation holding every A and Bt back to back.
type deviceAdapter struct {
	d     *Device
	buf   cu.DevicePtr
	bytes int64
	// per layer, per module: device addresses (0 where not targeted),
	// rank and scale.
	a, bt [][model.NumModules]cu.DevicePtr
	rank  [][model.NumModules]int32
	scale [][model.NumModules]float32
}

// Close frees the adapter's device memory.
func (a *deviceAdapter) Close() error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := cu.SetCurrentContext(a.d.ctx); err != nil {
		return wrap("set context", err)
	}
	if err := cu.MemFree(a.buf); err != nil {
		return wrap("free adapter", err)
	}
	return nil
}

// uploader copies host adapters into the device tier, on the upload
// stream so that a running step is not held up.
type uploader struct{ d *Device }

func (u uploader) Upload(ctx context.Context, a *model.Adapter) (*deviceAdapter, int64, error) {
	d := u.d
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := cu.SetCurrentContext(d.ctx); err != nil {
		return nil, 0, wrap("set context", err)
	}
	var host []float32
	da := &deviceAdapter{d: d, a: make([][model.NumModules]cu.DevicePtr, len(a.Layers)), bt: make([][model.NumModules]cu.DevicePtr, len(a.Layers)),
		rank: make([][model.NumModules]int32, len(a.Layers)), scale: make([][model.NumModules]float32, len(a.Layers))}
	type at struct{ l, m, aOff, btOff int }
	var places []at
	for l, layer := range a.Layers {
		for m, lo := range layer {
			if lo == nil {
				continue
			}
			places = append(places, at{l, m, len(host), len(host) + len(lo.A)})
			host = append(host, lo.A...)
			host = append(host, lo.Bt...)
			da.rank[l][m], da.scale[l][m] = int32(lo.Rank), lo.Scale
		}
	}
	da.bytes = int64(len(host)) * 4
	buf, err := cu.MemAlloc(max(da.bytes, 4))
	if err != nil {
		return nil, 0, wrap("alloc adapter", err)
	}
	da.buf = buf
	if len(host) > 0 {
		if err := cu.MemcpyHtoDAsync(buf, unsafe.Pointer(&host[0]), da.bytes, d.up); err != nil {
			_ = cu.MemFree(buf)
			return nil, 0, wrap("upload adapter", err)
		}
		if err := d.up.Synchronize(); err != nil {
			_ = cu.MemFree(buf)
			return nil, 0, wrap("upload adapter", err)
		}
	}
	for _, p := range places {
		da.a[p.l][p.m] = buf + cu.DevicePtr(p.aOff*4)
		da.bt[p.l][p.m] = buf + cu.DevicePtr(p.btOff*4)
	}
	return da, da.bytes, nil
}
