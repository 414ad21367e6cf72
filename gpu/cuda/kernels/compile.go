//go:build cuda

package kernels

import (
	"fmt"

	"gorgonia.org/cu/nvrtc"
)

// Compile compiles Source with NVRTC for arch (a virtual architecture
// such as "compute_80") and returns the PTX and NVRTC's log.
func Compile(arch string) (ptx, log string, err error) {
	prog, err := nvrtc.CreateProgram(Source, "provenet_kernels.cu")
	if err != nil {
		return "", "", fmt.Errorf("nvrtc: create: %w", err)
	}
	defer prog.Destroy()
	err = prog.Compile("--gpu-architecture="+arch, "--std=c++14")
	log, _ = prog.GetLog()
	if err != nil {
		return "", log, fmt.Errorf("nvrtc: compile for %s: %w", arch, err)
	}
	ptx, err = prog.GetPTX()
	return ptx, log, err
}
