package merkle

import (
	"bytes"
	"errors"
	"runtime"
	"slices"
	"sync"
)

// Errors returned by New and Tree.Proof.
var (
	ErrNoLeaves  = errors.New("merkle: a tree needs at least one leaf")
	ErrNotInTree = errors.New("merkle: leaf not in tree")
)

// parallelMin is the level width below which a level is hashed on one
// goroutine.
const parallelMin = 1 << 13

// Tree is an immutable StandardMerkleTree over leaf hashes. It is safe for
// concurrent use.
type Tree struct {
	// nodes is the array layout: root at 0, children of i at 2i+1 and
	// 2i+2; the i-th smallest leaf at len(nodes)-1-i.
	nodes [][32]byte
	n     int
}

// New builds the tree of leaves (already hashed, see LeafHash). It sorts a
// copy of leaves ascending, as StandardMerkleTree does by default, so the
// root does not depend on the order of leaves. Duplicate leaves are kept, as
// in OpenZeppelin. It returns ErrNoLeaves when leaves is empty.
func New(leaves [][32]byte) (*Tree, error) {
	n := len(leaves)
	if n == 0 {
		return nil, ErrNoLeaves
	}
	nodes := make([][32]byte, 2*n-1)
	sorted := nodes[n-1:]
	copy(sorted, leaves)
	slices.SortFunc(sorted, compare)
	// The leaf region holds the leaves in descending order.
	slices.Reverse(sorted)
	t := &Tree{nodes: nodes, n: n}
	t.build()
	return t, nil
}

func compare(a, b [32]byte) int { return bytes.Compare(a[:], b[:]) }

// build hashes the inner nodes 0..n-2, deepest level first. The nodes of
// one level [2^d-1, 2^(d+1)-2] depend only on deeper nodes, so a wide level
// is split across goroutines.
func (t *Tree) build() {
	last := t.n - 2 // last inner node
	if last < 0 {
		return
	}
	depth := 0
	for (1<<(depth+1))-1 <= last {
		depth++
	}
	workers := runtime.GOMAXPROCS(0)
	h := newHasher()
	for d := depth; d >= 0; d-- {
		lo, hi := (1<<d)-1, min((1<<(d+1))-2, last)
		if workers < 2 || hi-lo+1 < parallelMin {
			t.hashRange(h, lo, hi)
			continue
		}
		var wg sync.WaitGroup
		chunk := (hi - lo + workers) / workers
		for s := lo; s <= hi; s += chunk {
			e := min(s+chunk-1, hi)
			wg.Go(func() { t.hashRange(newHasher(), s, e) })
		}
		wg.Wait()
	}
}

func (t *Tree) hashRange(h *hasher, lo, hi int) {
	nodes := t.nodes
	for i := hi; i >= lo; i-- {
		h.pair(&nodes[i], &nodes[2*i+1], &nodes[2*i+2])
	}
}

// Root returns the Merkle root.
func (t *Tree) Root() [32]byte { return t.nodes[0] }

// Len returns the number of leaves.
func (t *Tree) Len() int { return t.n }

// Leaf returns the i-th smallest leaf, 0 <= i < Len().
func (t *Tree) Leaf(i int) [32]byte { return t.nodes[len(t.nodes)-1-i] }

// Index returns the position of leaf in ascending leaf order, or -1 when the
// tree does not hold it. With duplicate leaves, any of their positions.
func (t *Tree) Index(leaf [32]byte) int {
	i, ok := slices.BinarySearchFunc(t.nodes[t.n-1:], leaf, func(e, x [32]byte) int {
		return compare(x, e) // the leaf region is descending
	})
	if !ok {
		return -1
	}
	return len(t.nodes) - 1 - (t.n - 1 + i)
}

// Proof returns the sibling path of leaf from the bottom up, the proof that
// Verify, MerkleProof.sol and StandardMerkleTree.verify accept. It returns
// ErrNotInTree when the tree does not hold leaf.
func (t *Tree) Proof(leaf [32]byte) ([][32]byte, error) {
	i := t.Index(leaf)
	if i < 0 {
		return nil, ErrNotInTree
	}
	return t.ProofAt(i), nil
}

// ProofAt returns the proof of the i-th smallest leaf, 0 <= i < Len(). It
// panics when i is out of range.
func (t *Tree) ProofAt(i int) [][32]byte {
	if i < 0 || i >= t.n {
		panic("merkle: leaf index out of range")
	}
	j := len(t.nodes) - 1 - i
	depth := 0
	for k := j; k > 0; k = (k - 1) / 2 {
		depth++
	}
	proof := make([][32]byte, 0, depth)
	for j > 0 {
		sib := j + 1
		if j%2 == 0 {
			sib = j - 1
		}
		proof = append(proof, t.nodes[sib])
		j = (j - 1) / 2
	}
	return proof
}
