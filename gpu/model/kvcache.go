package model

import (
	"errors"
	"fmt"
	"sync"
)

// ErrCacheFull is returned when the KV cache has too few free blocks.
var ErrCacheFull = errors.New("model: kv cache full")

// BlockTokens is the number of positions one KV block holds.
const BlockTokens = 16

// KVCache is a paged key/value cache: one fixed pool of blocks shared by
// all sequences, each sequence holding a table of block indices. Blocks are
// fixed-size, so sequences of any length share the pool without
// fragmenting it; a finished sequence returns its blocks at once.
type KVCache struct {
	layers, kvDim int
	// data holds block b, layer l, key (0) or value (1) at
	// ((b*layers+l)*2+kv)*BlockTokens*kvDim.
	data []float32

	mu   sync.Mutex
	free []int32
}

// NewKVCache allocates a pool of blocks for at most tokens positions.
func NewKVCache(c Config, tokens int) (*KVCache, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	blocks := (tokens + BlockTokens - 1) / BlockTokens
	if blocks <= 0 {
		return nil, fmt.Errorf("%w: kv cache of %d tokens", ErrConfig, tokens)
	}
	n := int64(blocks) * int64(c.Layers) * 2 * BlockTokens * int64(c.KVDim())
	if n > 1<<34 {
		return nil, fmt.Errorf("%w: kv cache of %d floats", ErrConfig, n)
	}
	kv := &KVCache{layers: c.Layers, kvDim: c.KVDim(), data: make([]float32, n), free: make([]int32, blocks)}
	for i := range kv.free {
		kv.free[i] = int32(blocks - 1 - i)
	}
	return kv, nil
}

// Blocks is the total number of blocks in the pool.
func (kv *KVCache) Blocks() int { return len(kv.data) / (kv.layers * 2 * BlockTokens * kv.kvDim) }

// Free is the number of unused blocks.
func (kv *KVCache) Free() int {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	return len(kv.free)
}

// BlocksFor is the number of blocks a sequence of n positions needs.
func BlocksFor(n int) int { return (n + BlockTokens - 1) / BlockTokens }

// Reserve grows table to cover n positions, taking blocks from the pool.
// It takes all the blocks or none.
func (kv *KVCache) Reserve(table []int32, n int) ([]int32, error) {
	need := BlocksFor(n) - len(table)
	if need <= 0 {
		return table, nil
	}
	kv.mu.Lock()
	defer kv.mu.Unlock()
	if need > len(kv.free) {
		return table, fmt.Errorf("%w: need %d blocks, %d free", ErrCacheFull, need, len(kv.free))
	}
	cut := len(kv.free) - need
	table = append(table, kv.free[cut:]...)
	kv.free = kv.free[:cut]
	return table, nil
}

// Release returns a sequence's blocks to the pool.
func (kv *KVCache) Release(table []int32) {
	kv.mu.Lock()
	kv.free = append(kv.free, table...)
	kv.mu.Unlock()
}

// slot returns the key (kv=0) or value (kv=1) vector of position pos in
// layer l for a sequence with block table table.
func (kv *KVCache) slot(table []int32, l, kvIdx, pos int) []float32 {
	b := int(table[pos/BlockTokens])
	off := (((b*kv.layers+l)*2+kvIdx)*BlockTokens + pos%BlockTokens) * kv.kvDim
	return kv.data[off : off+kv.kvDim : off+kv.kvDim]
}
