// Package train fine-tunes and pretrains models of exactly the
// architecture gpu/model runs (RMSNorm, RoPE in both styles, grouped-query
// causal attention, SwiGLU, tied or untied output, optional q/k/v biases)
// in pure Go on the CPU.
//
// The forward pass runs a batch of fixed-length sequences and saves every
// activation; the backward pass differentiates each op by hand. The same
// code serves two modes: LoRA (the base is frozen; gradients flow only into
// the A and B matrices of the targeted projections) and full-parameter
// training. The network is generic over float32 and float64: training uses
// float32 with gpu/cpu's AVX2 kernels, and the tests check every gradient
// against central finite differences in float64.
//
// Around the network sit AdamW with decoupled weight decay, a linear
// warmup plus cosine schedule, global-norm clipping, gradient accumulation,
// deterministic data order, atomic checkpoints with bitwise-exact resume,
// a document pipeline with a hashed held-out split, and evaluation
// (held-out loss, perplexity, greedy samples through gpu/model's engine).
// Run is the entry point a node calls.
package train
