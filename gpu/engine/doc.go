// Package engine is the continuous-batching scheduler of the inference
// engine. Each base model has one step loop: at every step, new requests
// join the running batch (prefill in bounded chunks), running ones decode
// one token, and finished ones leave at once. Rows are ordered by adapter,
// so that the LoRA kernels group them (SGMV style), and admission takes
// adapters in round-robin order, so that one busy adapter cannot starve
// the others. The queue is bounded; a full queue is refused at once
// (gpu.ErrQueueFull, HTTP 429) rather than waited on.
//
// With Config.PrefixCache, the full KV blocks of a prompt stay cached after
// the request and are shared, by reference, with later requests of the same
// base and adapter set whose prompts start with the same tokens: their
// prefill starts after the cached blocks. Cached blocks nobody holds are
// evicted least recently used when the cache needs room (see
// docs/ARCHITECTURE.md, "Prefix caching", and Engine.PrefixStats).
package engine
