// Package gpu will own the inference engine: LLaMA-family models, tensor
// backends (cpu; cuda behind the build tag), tokenizers, sampling, LoRA
// adapters and their cache, the batching scheduler and the OpenAI-compatible
// handlers.
//
// Not built yet: see issue 4. This package holds no code until then.
package gpu
