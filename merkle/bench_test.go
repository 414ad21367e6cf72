package merkle

import (
	"math/rand/v2"
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

func BenchmarkLeafHash(b *testing.B) {
	enc := EncodeAddressUint64s(common.Address{1, 2, 3}, 42, 1000)
	h := newHasher()
	var out [32]byte
	b.ReportAllocs()
	for b.Loop() {
		h.leaf(&out, enc)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "leaves/s")
}

func BenchmarkLeafHashExported(b *testing.B) {
	enc := EncodeAddressUint64s(common.Address{1, 2, 3}, 42, 1000)
	b.ReportAllocs()
	for b.Loop() {
		_ = LeafHash(enc)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "leaves/s")
}

func benchBuild(b *testing.B, n int) {
	leaves := randLeaves(rand.New(rand.NewPCG(1, 1)), n)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(leaves); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "leaves/s")
}

func BenchmarkBuild1K(b *testing.B) { benchBuild(b, 1_000) }
func BenchmarkBuild1M(b *testing.B) { benchBuild(b, 1_000_000) }

func BenchmarkProof1M(b *testing.B) {
	leaves := randLeaves(rand.New(rand.NewPCG(1, 1)), 1_000_000)
	tree, err := New(leaves)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := tree.Proof(leaves[i%len(leaves)]); err != nil {
			b.Fatal(err)
		}
		i += 7919
	}
}

func BenchmarkVerify1M(b *testing.B) {
	leaves := randLeaves(rand.New(rand.NewPCG(1, 1)), 1_000_000)
	tree, _ := New(leaves)
	p, _ := tree.Proof(leaves[0])
	root := tree.Root()
	for b.Loop() {
		if !Verify(p, root, leaves[0]) {
			b.Fatal("verify")
		}
	}
}
