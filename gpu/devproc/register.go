package devproc

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/provenet/provenet/gpu/model"
)

// inWorkerEnv is set in a worker's environment, so that a worker built
// without the tag does not start a worker of its own.
const inWorkerEnv = "PROVENET_IN_DEVICE_WORKER"

// WorkerEnv overrides where the cuda worker binary is found.
const WorkerEnv = "PROVENET_CUDA_WORKER"

// RegisterCUDAWorker makes backend "cuda" a device worker: the binary
// named by $PROVENET_CUDA_WORKER, else provenet-cuda beside this
// executable, else provenet-cuda on PATH, run as `device-worker`. A
// daemon built without the cuda tag calls it; one built with the tag
// runs the device in process instead.
func RegisterCUDAWorker() {
	model.RegisterDevice("cuda", func(ds model.DeviceSpec) (model.Device, error) {
		if os.Getenv(inWorkerEnv) != "" {
			return nil, fmt.Errorf("%w: this worker binary was built without the cuda tag", model.ErrNoDevice)
		}
		bin, err := cudaWorker()
		if err != nil {
			return nil, err
		}
		return Open(Spec{Command: []string{bin, "device-worker"}, Backend: "cuda", Log: ds.Log}, ds)
	})
}

func cudaWorker() (string, error) {
	if p := os.Getenv(WorkerEnv); p != "" {
		return p, nil
	}
	if exe, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(exe), "provenet-cuda")
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	if p, err := exec.LookPath("provenet-cuda"); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("%w: no provenet-cuda binary (build one with `go build -tags cuda -o provenet-cuda ./cmd/provenet`, put it beside provenet or set %s)", model.ErrNoDevice, WorkerEnv)
}
