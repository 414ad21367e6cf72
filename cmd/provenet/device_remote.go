//go:build !cuda

package main

import "github.com/provenet/provenet/gpu/devproc"

// Without the cuda tag, gpu.backend = "cuda" runs the device in a
// provenet-cuda worker process (see gpu/devproc).
func init() { devproc.RegisterCUDAWorker() }
