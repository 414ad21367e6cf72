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
// fragmenting it.
//
// Blocks are reference-counted, so that sequences can share the blocks of
// a common prompt prefix (prefix caching). A block whose contents are
// final can be published under a BlockKey; Lookup finds published blocks
// by key and takes a reference on them. A released block that is
// published stays cached, unreferenced, in least-recently-used order;
// Reserve takes free blocks first and then evicts the least recently used
// cached ones. A block that is not published returns to the pool at once.
type KVCache struct {
	layers, kvDim int
	blocks        int
	// data holds block b, layer l, key (0) or value (1) at
	// ((b*layers+l)*2+kv)*BlockTokens*kvDim.
	data []float32

	mu    sync.Mutex
	free  []int32
	refs  []int32    // per block: the tables holding it
	keys  []BlockKey // per block: its key when published
	keyed []bool
	index map[BlockKey]int32
	// lru links the published blocks with no reference, oldest first:
	// prev and next per block, -1 at the ends.
	prev, next []int32
	head, tail int32
	cached     int // blocks in lru
	evicted    int64
}

// BlockKey names the contents of one full block: a hash of everything
// that determines its keys and values (the model, the adapters and every
// token up to the block's end).
type BlockKey [32]byte

// NewKVCache allocates a pool of blocks for at most tokens positions.
func NewKVCache(c Config, tokens int) (*KVCache, error) { return newKV(c, tokens, true) }

// NewKVBlocks is the block bookkeeping of a cache whose storage is held
// elsewhere (on a device): Reserve, Release, the prefix index and
// eviction, and no host memory for the blocks' contents.
func NewKVBlocks(c Config, tokens int) (*KVCache, error) { return newKV(c, tokens, false) }

func newKV(c Config, tokens int, storage bool) (*KVCache, error) {
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
	kv := &KVCache{layers: c.Layers, kvDim: c.KVDim(), blocks: blocks, free: make([]int32, blocks),
		refs: make([]int32, blocks), keys: make([]BlockKey, blocks), keyed: make([]bool, blocks),
		index: make(map[BlockKey]int32), prev: make([]int32, blocks), next: make([]int32, blocks), head: -1, tail: -1}
	for i := range kv.free {
		kv.free[i] = int32(blocks - 1 - i)
	}
	if storage {
		kv.data = make([]float32, n)
	}
	return kv, nil
}

// Blocks is the total number of blocks in the pool.
func (kv *KVCache) Blocks() int { return kv.blocks }

// Free is the number of blocks Reserve can take: the unused ones and the
// cached ones that no sequence holds.
func (kv *KVCache) Free() int {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	return len(kv.free) + kv.cached
}

// Cached is the number of published blocks that no sequence holds, and
// Evicted the number of cached blocks reused for other contents so far.
func (kv *KVCache) Cached() (cached int, evicted int64) {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	return kv.cached, kv.evicted
}

// BlocksFor is the number of blocks a sequence of n positions needs.
func BlocksFor(n int) int { return (n + BlockTokens - 1) / BlockTokens }

// Reserve grows table to cover n positions, taking blocks from the pool
// and, when it runs short, evicting the least recently used cached blocks.
// It takes all the blocks or none.
func (kv *KVCache) Reserve(table []int32, n int) ([]int32, error) {
	need := BlocksFor(n) - len(table)
	if need <= 0 {
		return table, nil
	}
	kv.mu.Lock()
	defer kv.mu.Unlock()
	if need > len(kv.free)+kv.cached {
		return table, fmt.Errorf("%w: need %d blocks, %d free", ErrCacheFull, need, len(kv.free)+kv.cached)
	}
	for len(kv.free) < need {
		b := kv.head
		kv.unlink(b)
		delete(kv.index, kv.keys[b])
		kv.keyed[b] = false
		kv.evicted++
		kv.free = append(kv.free, b)
	}
	cut := len(kv.free) - need
	for _, b := range kv.free[cut:] {
		kv.refs[b] = 1
	}
	table = append(table, kv.free[cut:]...)
	kv.free = kv.free[:cut]
	return table, nil
}

// Release drops a table's references to its blocks. A block nobody holds
// returns to the pool, or to the cache when published. The table's later
// blocks become older in the cache than its earlier ones, so that a
// prefix's tail is evicted before its head.
func (kv *KVCache) Release(table []int32) {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	for i := len(table) - 1; i >= 0; i-- {
		b := table[i]
		if kv.refs[b]--; kv.refs[b] > 0 {
			continue
		}
		if kv.keyed[b] {
			kv.pushBack(b)
		} else {
			kv.free = append(kv.free, b)
		}
	}
}

// Publish makes block b (held by the caller, its contents final) findable
// under key. It reports false, changing nothing, when another block
// already holds key or b is already published.
func (kv *KVCache) Publish(b int32, key BlockKey) bool {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	if _, ok := kv.index[key]; ok || kv.keyed[b] || kv.refs[b] == 0 {
		return false
	}
	kv.index[key] = b
	kv.keys[b], kv.keyed[b] = key, true
	return true
}

// Lookup returns the published blocks of the longest run of keys from the
// start, taking a reference on each; release them with Release.
func (kv *KVCache) Lookup(keys []BlockKey) []int32 {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	var table []int32
	for _, k := range keys {
		b, ok := kv.index[k]
		if !ok {
			break
		}
		if kv.refs[b] == 0 {
			kv.unlink(b)
		}
		kv.refs[b]++
		table = append(table, b)
	}
	return table
}

func (kv *KVCache) pushBack(b int32) {
	kv.prev[b], kv.next[b] = kv.tail, -1
	if kv.tail >= 0 {
		kv.next[kv.tail] = b
	} else {
		kv.head = b
	}
	kv.tail = b
	kv.cached++
}

func (kv *KVCache) unlink(b int32) {
	p, n := kv.prev[b], kv.next[b]
	if p >= 0 {
		kv.next[p] = n
	} else {
		kv.head = n
	}
	if n >= 0 {
		kv.prev[n] = p
	} else {
		kv.tail = p
	}
	kv.cached--
}

// slot returns the key (kv=0) or value (kv=1) vector of position pos in
// layer l for a sequence with block table table.
func (kv *KVCache) slot(table []int32, l, kvIdx, pos int) []float32 {
	b := int(table[pos/BlockTokens])
	off := (((b*kv.layers+l)*2+kvIdx)*BlockTokens + pos%BlockTokens) * kv.kvDim
	return kv.data[off : off+kv.kvDim : off+kv.kvDim]
}
