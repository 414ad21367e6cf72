// Package gpu is the inference engine's shared vocabulary: the request,
// event and usage-record types that pass between the engine
// (gpu/engine), the OpenAI-compatible handlers (gpu/openai) and the node.
//
// The engine itself is split by responsibility:
//   - gpu/half, gpu/safetensors, gpu/gguf, gpu/hf: file formats;
//   - gpu/tokenizer: SentencePiece and byte-level BPE, chat templates;
//   - gpu/model: the LLaMA-family forward pass, paged KV cache, LoRA;
//   - gpu/cpu: the CPU tensor backend;
//   - gpu/sample: sampling;
//   - gpu/adaptercache: tiered just-in-time adapter cache;
//   - gpu/engine: continuous batching scheduler;
//   - gpu/openai: HTTP handlers.
package gpu
