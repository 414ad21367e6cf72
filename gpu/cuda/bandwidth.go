//go:build cuda

package cuda

import (
	"runtime"
	"time"

	"gorgonia.org/cu"
)

// MemoryBandwidth measures the device's memory bandwidth in bytes per
// second: device-to-device copies of 256 MiB (each byte read once and
// written once), best of 10. A decode step's floor is its weight bytes
// over this.
func (d *Device) MemoryBandwidth() float64 {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if cu.SetCurrentContext(d.ctx) != nil {
		return 0
	}
	const n = 256 << 20
	src, err := cu.MemAlloc(n)
	if err != nil {
		return 0
	}
	defer cu.MemFree(src)
	dst, err := cu.MemAlloc(n)
	if err != nil {
		return 0
	}
	defer cu.MemFree(dst)
	best := time.Duration(1 << 62)
	for i := 0; i < 11; i++ {
		start := time.Now()
		if cu.MemcpyDtoDAsync(dst, src, n, d.step) != nil || d.step.Synchronize() != nil {
			return 0
		}
		if el := time.Since(start); i > 0 && el < best {
			best = el
		}
	}
	return 2 * n / best.Seconds()
}
