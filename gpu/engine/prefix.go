package engine

import (
	"crypto/sha256"
	"encoding/binary"
	"sync/atomic"

	"github.com/provenet/provenet/gpu/model"
)

// PrefixStats are the prefix cache's counters, summed over the bases.
type PrefixStats struct {
	// Lookups is the requests that looked for a cached prefix, Hits those
	// that found one (at least one block).
	Lookups, Hits int64
	// ReusedTokens is the prompt positions taken from the cache instead of
	// computed; PromptTokens all the prompt positions of the lookups.
	ReusedTokens, PromptTokens int64
	// CachedBlocks is the blocks cached now with no request holding them;
	// Evictions the cached blocks reused for other contents so far.
	CachedBlocks int
	Evictions    int64
}

// prefixCounters are one base's counters, written by its loop.
type prefixCounters struct {
	lookups, hits, reused, prompt atomic.Int64
}

// PrefixStats returns the prefix cache's counters.
func (e *Engine) PrefixStats() PrefixStats {
	e.mu.RLock()
	defer e.mu.RUnlock()
	var st PrefixStats
	for _, b := range e.list {
		st.Lookups += b.prefix.lookups.Load()
		st.Hits += b.prefix.hits.Load()
		st.ReusedTokens += b.prefix.reused.Load()
		st.PromptTokens += b.prefix.prompt.Load()
		c, ev := b.dev.Blocks().Cached()
		st.CachedBlocks += c
		st.Evictions += ev
	}
	return st
}

// blockKeys names the full blocks of s's prompt: key i hashes key i-1 (for
// the first, the base and the adapter set, each adapter by CID and weight)
// and block i's tokens, so that a block matches only after the same
// tokens under the same weights.
func (b *base) blockKeys(s *seq) []model.BlockKey {
	n := len(s.prompt) / model.BlockTokens
	if n == 0 {
		return nil
	}
	keys := make([]model.BlockKey, n)
	h := sha256.New()
	h.Write([]byte(b.name + "\x00" + b.cid + "\x00" + s.key))
	var prev model.BlockKey
	h.Sum(prev[:0])
	buf := make([]byte, len(prev)+4*model.BlockTokens)
	for i := range keys {
		copy(buf, prev[:])
		for j, t := range s.prompt[i*model.BlockTokens : (i+1)*model.BlockTokens] {
			binary.LittleEndian.PutUint32(buf[len(prev)+4*j:], uint32(t))
		}
		prev = sha256.Sum256(buf)
		keys[i] = prev
	}
	return keys
}

// lookupPrefix takes the cached blocks of s's prompt prefix. The block of
// the prompt's last position is always computed, for its logits, and a
// request that scores its prompt computes every position.
func (b *base) lookupPrefix(s *seq) []int32 {
	if !b.cfg.PrefixCache {
		return nil
	}
	s.blockKeys = b.blockKeys(s)
	if s.scorePrompt {
		return nil
	}
	usable := min(len(s.blockKeys), (len(s.prompt)-1)/model.BlockTokens)
	return b.dev.Blocks().Lookup(s.blockKeys[:usable])
}

// publish caches the prompt blocks that s has filled so far.
func (b *base) publish(s *seq) {
	if s.noPublish || s.table == nil {
		return
	}
	full := min(len(s.blockKeys), s.fed/model.BlockTokens)
	for ; s.published < full; s.published++ {
		b.dev.Blocks().Publish(s.table[s.published], s.blockKeys[s.published])
	}
}
