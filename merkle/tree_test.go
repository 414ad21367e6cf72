package merkle

import (
	"errors"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

func randLeaves(r *rand.Rand, n int) [][32]byte {
	out := make([][32]byte, n)
	for i := range out {
		for k := 0; k < 32; k += 8 {
			v := r.Uint64()
			for b := range 8 {
				out[i][k+b] = byte(v >> (8 * b))
			}
		}
	}
	return out
}

// naiveRoot is OpenZeppelin's makeMerkleTree transcribed literally, run
// single-threaded with the exported HashPair.
func naiveRoot(leaves [][32]byte) [32]byte {
	sorted := append([][32]byte(nil), leaves...)
	for i := 1; i < len(sorted); i++ { // insertion sort keeps it obviously right
		for j := i; j > 0 && compare(sorted[j-1], sorted[j]) > 0; j-- {
			sorted[j-1], sorted[j] = sorted[j], sorted[j-1]
		}
	}
	tree := make([][32]byte, 2*len(sorted)-1)
	for i, l := range sorted {
		tree[len(tree)-1-i] = l
	}
	for i := len(tree) - 1 - len(sorted); i >= 0; i-- {
		tree[i] = HashPair(tree[2*i+1], tree[2*i+2])
	}
	return tree[0]
}

func TestEmptyAndSingle(t *testing.T) {
	if _, err := New(nil); !errors.Is(err, ErrNoLeaves) {
		t.Fatalf("New(nil): %v", err)
	}
	leaf := LeafHash([]byte("x"))
	tree, err := New([][32]byte{leaf})
	if err != nil {
		t.Fatal(err)
	}
	if tree.Root() != leaf || tree.Len() != 1 {
		t.Fatal("single-leaf root must be the leaf")
	}
	p, err := tree.Proof(leaf)
	if err != nil || len(p) != 0 {
		t.Fatalf("single-leaf proof %v %v", p, err)
	}
	if !Verify(p, tree.Root(), leaf) {
		t.Fatal("empty proof must verify")
	}
}

func TestHashPairCommutes(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	ls := randLeaves(r, 2)
	if HashPair(ls[0], ls[1]) != HashPair(ls[1], ls[0]) {
		t.Fatal("HashPair not commutative")
	}
	a, b := ls[0], ls[1]
	if compare(a, b) > 0 {
		a, b = b, a
	}
	if HashPair(a, b) != Keccak256(a[:], b[:]) {
		t.Fatal("HashPair must hash the smaller child first")
	}
}

func TestLeafHashIsDoubleKeccak(t *testing.T) {
	enc := EncodeAddressUint64s(common.HexToAddress("0x01"), 1, 2)
	inner := Keccak256(enc)
	if LeafHash(enc) != Keccak256(inner[:]) {
		t.Fatal("LeafHash is not keccak256(keccak256(x))")
	}
}

func TestRandomTrees(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 31, 33, 100, 257, 1000} {
		leaves := randLeaves(r, n)
		tree, err := New(leaves)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := tree.Root(), naiveRoot(leaves); got != want {
			t.Fatalf("n=%d root mismatch", n)
		}
		// Input order does not matter.
		shuffled := append([][32]byte(nil), leaves...)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		t2, _ := New(shuffled)
		if t2.Root() != tree.Root() {
			t.Fatalf("n=%d root depends on leaf order", n)
		}
		for i, l := range leaves {
			p, err := tree.Proof(l)
			if err != nil {
				t.Fatalf("n=%d leaf %d: %v", n, i, err)
			}
			if !Verify(p, tree.Root(), l) {
				t.Fatalf("n=%d leaf %d: proof does not verify", n, i)
			}
			if len(p) > 0 {
				bad := append([][32]byte(nil), p...)
				bad[0][0] ^= 1
				if Verify(bad, tree.Root(), l) {
					t.Fatalf("n=%d: tampered proof verifies", n)
				}
			}
		}
		for i := range n {
			if tree.Index(tree.Leaf(i)) < 0 {
				t.Fatalf("n=%d: Index(Leaf(%d)) not found", n, i)
			}
			if i > 0 && compare(tree.Leaf(i-1), tree.Leaf(i)) > 0 {
				t.Fatalf("n=%d: leaves not ascending", n)
			}
		}
		var absent [32]byte
		absent[0] = 0xff
		absent[31] = 0x01
		if _, err := tree.Proof(absent); !errors.Is(err, ErrNotInTree) {
			t.Fatalf("absent leaf: %v", err)
		}
	}
}

func TestDuplicateLeaves(t *testing.T) {
	l := LeafHash([]byte("dup"))
	o := LeafHash([]byte("other"))
	tree, err := New([][32]byte{l, o, l})
	if err != nil {
		t.Fatal(err)
	}
	if tree.Root() != naiveRoot([][32]byte{l, o, l}) {
		t.Fatal("root mismatch with duplicates")
	}
	p, err := tree.Proof(l)
	if err != nil || !Verify(p, tree.Root(), l) {
		t.Fatal("duplicate leaf proof")
	}
}

// TestParallelBuild covers levels wide enough to be split across goroutines.
func TestParallelBuild(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	n := 3*parallelMin + 17
	leaves := randLeaves(r, n)
	tree, err := New(leaves)
	if err != nil {
		t.Fatal(err)
	}
	if tree.Root() != naiveRootFast(leaves) {
		t.Fatal("parallel build differs from the sequential one")
	}
	for _, i := range []int{0, 1, n / 2, n - 1} {
		if !Verify(tree.ProofAt(i), tree.Root(), tree.Leaf(i)) {
			t.Fatalf("proof %d", i)
		}
	}
}

// naiveRootFast is naiveRoot with a library sort and no goroutines, for
// large n.
func naiveRootFast(leaves [][32]byte) [32]byte {
	s := append([][32]byte(nil), leaves...)
	slices.SortFunc(s, func(a, b [32]byte) int { return compare(b, a) }) // descending
	nodes := append(make([][32]byte, len(s)-1), s...)
	for i := len(s) - 2; i >= 0; i-- {
		nodes[i] = HashPair(nodes[2*i+1], nodes[2*i+2])
	}
	return nodes[0]
}

func TestEncodeRange(t *testing.T) {
	a := common.Address{1}
	if _, err := EncodeAddressUint256s(a, big.NewInt(-1)); !errors.Is(err, ErrValueRange) {
		t.Fatal("negative must fail")
	}
	if _, err := EncodeAddressUint256s(a, new(big.Int).Lsh(big.NewInt(1), 256)); !errors.Is(err, ErrValueRange) {
		t.Fatal("2^256 must fail")
	}
	if _, err := EncodeAddressUint256s(a, nil); !errors.Is(err, ErrValueRange) {
		t.Fatal("nil must fail")
	}
}
