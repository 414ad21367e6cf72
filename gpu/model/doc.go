// Package model is the LLaMA-family forward pass: token embedding,
// RMSNorm, rotary position embeddings (theta from the config, LLaMA-3.1
// frequency scaling), grouped-query attention over a paged KV cache,
// SwiGLU feed-forward, and tied or untied output embeddings. That covers
// LLaMA-2 and LLaMA-3, Mistral (without sliding-window attention: the cache
// keeps every position, so results match within the context the engine
// allows) and Qwen2 (attention biases on q, k and v).
//
// One Step processes a flat batch of tokens from many sequences: prefill
// chunks and single decode tokens mix freely, each with its own adapters.
// LoRA adapters are applied unmerged, rows grouped by adapter (SGMV
// style), or merged into a private copy of the weights.
//
// Kernels run behind Backend; gpu/cpu implements it.
package model
