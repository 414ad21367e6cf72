//go:build cuda

package main

// The cuda backend registers itself as gpu.backend = "cuda".
import _ "github.com/provenet/provenet/gpu/cuda"
