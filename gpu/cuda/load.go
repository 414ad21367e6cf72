//go:build cuda

package cuda

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"gorgonia.org/cu"

	"github.com/provenet/provenet/gpu/cuda/kernels"
)

// loadKernels compiles the kernels for the device's architecture with
// NVRTC, or reads the PTX a previous start cached under dir (keyed by
// the source's hash and the architecture), and loads every entry point.
func (d *Device) loadKernels(dir string) error {
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			base = os.TempDir()
		}
		dir = filepath.Join(base, "provenet", "cuda")
	}
	sum := sha256.Sum256([]byte(kernels.Source))
	path := filepath.Join(dir, fmt.Sprintf("kernels-%s-%s.ptx", hex.EncodeToString(sum[:8]), d.arch))
	ptx, err := os.ReadFile(path)
	if err != nil {
		src, log, cerr := kernels.Compile(d.arch)
		if cerr != nil {
			return fmt.Errorf("%w: %v\n%s", ErrCUDA, cerr, log)
		}
		ptx = []byte(src)
		if err := os.MkdirAll(dir, 0o755); err == nil {
			tmp := path + ".tmp"
			if os.WriteFile(tmp, ptx, 0o644) == nil {
				_ = os.Rename(tmp, path)
			}
		}
		d.log.Info("cuda kernels compiled", "arch", d.arch, "ptx_bytes", len(ptx), "cache", path)
	}
	if d.mod, err = cu.LoadData(string(ptx)); err != nil {
		return wrap("load PTX", err)
	}
	for _, n := range kernels.Names {
		f, err := d.mod.Function(n)
		if err != nil {
			return wrap("kernel "+n, err)
		}
		d.fn[n] = f
	}
	return nil
}
