package attribution

import (
	"fmt"
	"sync"
)

// DefaultMaxSideTokens bounds a Builder's side index.
const DefaultMaxSideTokens = 4 << 20

// Builder keeps the span index of a node up to date between epochs.
//
// The main index is rebuilt from all golden records once per epoch
// (Rebuild; SA-IS is linear, about a second per ten million tokens on one
// core). Records made golden since then go to a side index, a second, small
// suffix array that is rebuilt lazily, at the first Attribute after an Add.
// We chose a second suffix array over a naive scan of the side records: a
// scan costs O(side tokens) per output position, while rebuilding the side
// array costs O(side tokens) once per batch of Adds, and the same search
// code then serves both indexes with exact occurrence counts. The side
// index is bounded (MaxSideTokens); past it, Add fails with ErrIndexFull
// until the next Rebuild.
//
// A Builder is safe for concurrent use; Rebuild runs without blocking
// Attribute (the new index is swapped in when built).
type Builder struct {
	maxSide int

	mu        sync.Mutex
	main      *Index
	side      *Index
	pending   []IndexRecord // side records, side index stale when dirty
	sideToks  int
	sideDirty bool
}

// NewBuilder returns a Builder with an empty main index. maxSideTokens <=
// 0 means DefaultMaxSideTokens.
func NewBuilder(maxSideTokens int) *Builder {
	if maxSideTokens <= 0 {
		maxSideTokens = DefaultMaxSideTokens
	}
	return &Builder{maxSide: maxSideTokens}
}

// Rebuild builds a new main index from records (all golden records) and
// swaps it in. Side records that records does not contain, keyed by (CID,
// Datanet), stay in the side index.
func (b *Builder) Rebuild(records []IndexRecord) error {
	ix, err := NewIndex(records)
	if err != nil {
		return err
	}
	return b.SetMain(ix)
}

// SetMain swaps in a main index built or loaded elsewhere (ReadIndex) and
// drops the side records it holds.
func (b *Builder) SetMain(ix *Index) error {
	have := make(map[[2]string]struct{}, ix.Records())
	for _, r := range ix.refs {
		have[[2]string{r.CID, r.Datanet}] = struct{}{}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.main = ix
	kept := b.pending[:0]
	toks := 0
	for _, r := range b.pending {
		if _, ok := have[[2]string{r.Ref.CID, r.Ref.Datanet}]; !ok {
			kept = append(kept, r)
			toks += len(r.Tokens) + 1
		}
	}
	clear(b.pending[len(kept):])
	b.pending, b.sideToks, b.sideDirty = kept, toks, true
	return nil
}

// Add puts a newly golden record in the side index. The tokens are copied.
func (b *Builder) Add(rec IndexRecord) error {
	for _, t := range rec.Tokens {
		if t < 0 || t > MaxToken {
			return fmt.Errorf("%w: token %d", ErrBadToken, t)
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.sideToks+len(rec.Tokens)+1 > b.maxSide {
		return fmt.Errorf("%w: side index at %d tokens, limit %d", ErrIndexFull, b.sideToks, b.maxSide)
	}
	rec.Tokens = append([]int32(nil), rec.Tokens...)
	b.pending = append(b.pending, rec)
	b.sideToks += len(rec.Tokens) + 1
	b.sideDirty = true
	return nil
}

// Main returns the current main index (nil before the first Rebuild).
func (b *Builder) Main() *Index {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.main
}

// indexes returns the main and an up-to-date side index.
func (b *Builder) indexes() ([]*Index, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.sideDirty {
		side, err := NewIndex(b.pending)
		if err != nil {
			return nil, err
		}
		b.side, b.sideDirty = side, false
	}
	return []*Index{b.main, b.side}, nil
}

// NumRecords returns the number of records in the main and side indexes.
func (b *Builder) NumRecords() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := len(b.pending)
	if b.main != nil {
		n += b.main.Records()
	}
	return n
}

// Attribute runs Attribute over the main and side indexes.
func (b *Builder) Attribute(output []int32, opts AttributeOptions) ([]Match, error) {
	ixs, err := b.indexes()
	if err != nil {
		return nil, err
	}
	return Attribute(ixs, output, opts), nil
}

// Records attributes output and weighs the matches into at most
// MaxRecords receipt records (see WeighRare; opts.MaxHolders drops
// formulas).
func (b *Builder) Records(output []int32, opts AttributeOptions) ([]Record, error) {
	ms, err := b.Attribute(output, opts)
	if err != nil {
		return nil, err
	}
	return WeighRare(ms, b.NumRecords(), MaxRecords, opts.MaxHolders), nil
}
