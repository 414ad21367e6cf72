package paystore

import (
	"encoding/binary"
	"testing"
)

// BenchmarkGateChargePath is the store's share of one paid request: an
// AddRequest and an AddCharge, without synchronous writes.
func BenchmarkGateChargePath(b *testing.B) {
	st := mustOpen(b, b.TempDir())
	defer mustClose(b, st)
	g, payer := st.Gate(), addr(1)
	var req [32]byte
	b.ReportAllocs()
	i := uint64(0)
	for b.Loop() {
		i++
		binary.BigEndian.PutUint64(req[:], i)
		if ok, err := g.AddRequest(1, payer, req); !ok || err != nil {
			b.Fatalf("AddRequest %v %v", ok, err)
		}
		if _, err := g.AddCharge(1, payer, 7); err != nil {
			b.Fatal(err)
		}
	}
}
