// Package cpu is the CPU tensor backend of the inference engine: a worker
// pool that splits kernels over cores, and the kernels themselves (matrix
// multiply, RMSNorm, RoPE, softmax, SwiGLU) on float32 slices. Kernels do
// not allocate: the decode loop calls them thousands of times per second.
package cpu
