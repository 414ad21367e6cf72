// Package kernels holds the CUDA C sources of the cuda backend's
// forward-pass kernels (RMSNorm, RoPE in both conventions, SwiGLU, the KV
// write and attention over the paged cache, the batched LoRA shrink and
// expand for batches that mix adapters, and greedy and top-k/top-p
// sampling), compiled at start with NVRTC by gpu/cuda.
//
// The package has no build tag and no cgo: the sources are data, so a
// build without CUDA carries them and the checks that need none (the
// entry points listed here are in the source, the block size matches the
// host cache) run everywhere. With the cuda tag, the test compiles them
// with NVRTC, which needs the CUDA libraries but no GPU.
package kernels

import (
	_ "embed"
)

// Source is the CUDA C of every kernel.
//
//go:embed kernels.cu
var Source string

// Entry points, as named in Source (extern "C").
const (
	EmbedF32       = "embed_f32"
	EmbedF16       = "embed_f16"
	RMSNorm        = "rmsnorm"
	Rope           = "rope"
	KVWrite        = "kv_write"
	PagedAttention = "paged_attention"
	SwiGLU         = "swiglu"
	ToF16          = "to_f16"
	AddInto        = "add_into"
	AddBias        = "add_bias"
	LoRAShrink     = "lora_shrink"
	LoRAExpand     = "lora_expand"
	Argmax         = "argmax"
	SampleTopKTopP = "sample_topk_topp"
)

// Names lists every entry point.
var Names = []string{EmbedF32, EmbedF16, RMSNorm, Rope, KVWrite, PagedAttention, SwiGLU, ToF16, AddInto, AddBias,
	LoRAShrink, LoRAExpand, Argmax, SampleTopKTopP}

// Limits the kernels are written for.
const (
	BlockTokens = 16  // KV cache positions per block (model.BlockTokens)
	MaxHeadDim  = 256 // paged_attention's shared buffers
	MaxTopK     = 64  // sample_topk_topp's candidates
)
