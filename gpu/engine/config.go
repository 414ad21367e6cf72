package engine

import (
	"fmt"

	"github.com/provenet/provenet/gpu"
)

// Config tunes one engine.
type Config struct {
	// MaxBatch is the most sequences decoding at once per base model.
	MaxBatch int
	// PrefillChunk is the most prompt tokens processed per step, over all
	// sequences: long prompts are split so that decoding keeps flowing.
	PrefillChunk int
	// QueueDepth is the most requests waiting to start, per base model.
	QueueDepth int
	// KVTokens is the KV cache size in positions, per base model.
	KVTokens int
	// MaxContext caps the model's context, the prompt plus output tokens
	// of one sequence (0: the model's). KVTokens caps it too.
	MaxContext int
	// DefaultMaxTokens applies when a request sets none.
	DefaultMaxTokens int
	// Backend is the device the forward pass runs on: "cpu" (or empty),
	// or "cuda" in a binary built with the cuda tag (see model.Backends).
	Backend string
	// Threads is the CPU backend's goroutines (0: GOMAXPROCS).
	Threads int
	// MergeHot bakes an adapter into a private copy of the weights while
	// it alone fills the batch (see mergeState).
	MergeHot bool
	// PrefixCache shares the KV blocks of a common prompt prefix between
	// requests with the same base and adapter set: the full blocks of a
	// prompt stay cached after it ends (evicted least recently used) and a
	// later prompt that starts with the same tokens skips their prefill.
	PrefixCache bool
	// Metrics receives the engine's figures (nil: none).
	Metrics Metrics
}

// DefaultConfig suits a small model on a few cores.
func DefaultConfig() Config {
	return Config{MaxBatch: 64, PrefillChunk: 512, QueueDepth: 256, KVTokens: 64 * 1024, MaxContext: 2048, DefaultMaxTokens: 256, PrefixCache: true}
}

// Validate checks the ranges.
func (c Config) Validate() error {
	if c.MaxBatch < 1 || c.PrefillChunk < 1 || c.QueueDepth < 1 || c.KVTokens < 16 || c.DefaultMaxTokens < 1 || c.MaxContext < 0 || c.Threads < 0 {
		return fmt.Errorf("%w: engine config %+v", gpu.ErrBadRequest, c)
	}
	return nil
}
