package attribution

import (
	"errors"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/provenet/provenet/merkle"
)

func TestAggregatorOrderIndependent(t *testing.T) {
	var rs []*Receipt
	for i := range 50 {
		r := testReceipt(testAddr(i%3+20), i)
		r.Epoch = 3
		rs = append(rs, r)
	}
	close := func(order []*Receipt) *EpochReceipts {
		a, err := NewAggregator(DefaultSplitParams())
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range order {
			if _, err := a.Add(r); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := a.Add(order[0]); !errors.Is(err, ErrDuplicate) {
			t.Fatalf("dup: %v", err)
		}
		e, err := a.Close(3)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Add(order[0]); !errors.Is(err, ErrEpochClosed) {
			t.Fatalf("closed: %v", err)
		}
		return e
	}
	e1 := close(rs)
	shuffled := slices.Clone(rs)
	rand.New(rand.NewPCG(1, 1)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	e2 := close(shuffled)
	if e1.Root != e2.Root || !slices.Equal(e1.Rewards, e2.Rewards) || len(e1.Totals) != len(e2.Totals) {
		t.Fatal("order changed the result")
	}
	// Every receipt has a proof that verifies, also via the merkle package.
	var fees, rewards uint64
	for _, r := range rs {
		id, _ := r.ID()
		leaf, proof, err := e1.Proof(id)
		if err != nil {
			t.Fatal(err)
		}
		if !VerifyReceiptProof(e1.Root, id, r.Operator, 3, r.Fee, proof) || !merkle.Verify(proof, e1.Root, leaf) {
			t.Fatal("proof does not verify")
		}
		fees += r.Fee
	}
	for _, rw := range e1.Rewards {
		rewards += rw.Amount
	}
	total := new(big.Int)
	for _, x := range e1.Totals {
		total.Add(total, x.Amount)
	}
	if fees != rewards || total.Uint64() != fees {
		t.Fatalf("fees %d, rewards %d, totals %v", fees, rewards, total)
	}
	if _, _, err := e1.Proof(ReceiptID{}); !errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
	a, _ := NewAggregator(DefaultSplitParams())
	if _, err := a.Close(9); !errors.Is(err, ErrNoReceipts) {
		t.Fatal(err)
	}
}
