//go:build cuda

package cuda

import (
	"math"
	"unsafe"

	"gorgonia.org/cu"
)

// launchArgs holds one launch's parameters as 8-byte slots (the driver
// reads each parameter's own size from its slot; the platform is little
// endian), reused across launches so that a step allocates nothing.
type launchArgs struct {
	vals [16]uint64
	ptrs [16]unsafe.Pointer
}

// launch runs kernel name on the step stream with grid (gx, gy) and bx
// threads per block. Parameters are device pointers, ints (C int),
// int64s (C long long) or float32s.
func (d *Device) launch(name string, gx, gy, bx int, params ...any) error {
	a := &d.args
	for i, p := range params {
		switch v := p.(type) {
		case cu.DevicePtr:
			a.vals[i] = uint64(v)
		case int:
			a.vals[i] = uint64(uint32(int32(v)))
		case int64:
			a.vals[i] = uint64(v)
		case float32:
			a.vals[i] = uint64(math.Float32bits(v))
		default:
			panic("cuda: unsupported kernel parameter type")
		}
		a.ptrs[i] = unsafe.Pointer(&a.vals[i])
	}
	if err := d.fn[name].Launch(gx, max(gy, 1), 1, bx, 1, 1, 0, d.step, a.ptrs[:len(params)]); err != nil {
		return wrap("launch "+name, err)
	}
	return nil
}

// gridFor is the grid of a grid-stride kernel over n elements.
func gridFor(n int64, block int) int {
	g := (n + int64(block) - 1) / int64(block)
	return int(min(max(g, 1), 65535))
}
