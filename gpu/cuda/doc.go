// Package cuda is the GPU backend of the forward pass, behind the build
// tag `cuda`: a model.Device on gorgonia.org/cu (the CUDA driver API),
// NVRTC for the kernels of gpu/cuda/kernels (compiled at start, PTX
// cached on disk by source hash and architecture) and cuBLAS for the
// dense projections (cublasGemmEx, f16 or f32 weights, f32 accumulate).
//
// A device uploads the weights once at open, holds the paged KV cache's
// blocks in device memory, and runs a whole step on its stream: the
// embedding gather, every layer (RMSNorm, q/k/v projections, RoPE, the KV
// write, paged attention, the output projection, SwiGLU), the batch's
// adapters as two launches per projection whatever the number of
// distinct adapters (BGMV shrink and expand over a per-step pointer
// table), the final norm of the rows that want logits and the logits
// GEMM. Only the step's small inputs (tokens, positions, block tables,
// adapter pairs) go to the device and only the requested logits come
// back. Adapters live in a device-memory tier (gpu/devtier) in front of
// the host tier; the engine's queued requests prefetch into it.
//
// Without the tag this package is this comment only: a default build
// has no cgo dependency on CUDA. With it, the binary links libcuda,
// libcublas and libnvrtc (stable entry points only: the driver API,
// cublasGemmEx, nvrtc*), so it starts only where the NVIDIA driver is
// installed; gorgonia.org/cu's init() exits the process when the driver
// finds no GPU. So the default daemon never links this package: it runs
// it in a `provenet-cuda device-worker` process (gpu/devproc) and falls
// back to the CPU backend when that worker cannot start.
package cuda
