//go:build cuda

package kernels

import (
	"strings"
	"testing"

	"gorgonia.org/cu/nvrtc"
)

// The kernels compile with NVRTC to PTX for the oldest architecture the
// backend supports, and the PTX has every entry point. NVRTC needs the
// CUDA libraries, not a GPU, so this runs in CI's cuda compile check.
func TestCompileWithNVRTC(t *testing.T) {
	ptx, log, err := Compile("compute_70")
	if err != nil {
		t.Fatalf("nvrtc: %v\n%s", err, log)
	}
	for _, n := range Names {
		if !strings.Contains(ptx, ".entry "+n) {
			t.Errorf("PTX has no entry %s", n)
		}
	}
	maj, min, _ := nvrtc.Version()
	t.Logf("NVRTC %d.%d: %d bytes of PTX for %d kernels", maj, min, len(ptx), len(Names))
}
