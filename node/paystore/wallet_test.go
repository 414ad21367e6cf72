package paystore

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/pay"
)

// TestWalletConformance runs one random sequence of WalletStore calls
// against pay.MemWalletStore and the badger store, for two payers sharing
// the database, reopening it now and then, and compares every result.
func TestWalletConformance(t *testing.T) {
	dir := t.TempDir()
	st := mustOpen(t, dir)
	defer func() { mustClose(t, st) }()
	payers := []common.Address{addr(10), addr(11)}
	mems := []*pay.MemWalletStore{pay.NewMemWalletStore(), pay.NewMemWalletStore()}
	ops := []common.Address{addr(1), addr(2), addr(3)}
	rng := rand.New(rand.NewPCG(3, 4))
	var added, replayed, overflowed int
	for i := range 3000 {
		if i%500 == 499 {
			mustClose(t, st)
			st = mustOpen(t, dir)
		}
		w := rng.IntN(len(payers))
		mem, db := mems[w], st.Wallet(payers[w])
		op, e := ops[rng.IntN(len(ops))], uint64(rng.IntN(3))
		auth := [32]byte{byte(rng.IntN(200)), byte(w)}
		if rng.IntN(10) == 0 {
			auth[1] = byte(1 - w) // another payer's digest: each payer has its own
		}
		fee := uint64(rng.IntN(1000))
		if rng.IntN(60) == 0 {
			fee = math.MaxUint64 - uint64(rng.IntN(2))
		}
		ta, okA, errA := mem.AddOwed(op, e, auth, fee)
		tb, okB, errB := db.AddOwed(op, e, auth, fee)
		if ta != tb || okA != okB || !sameErr(errA, errB) {
			t.Fatalf("op %d AddOwed(%s, %d, %x, %d) of payer %d: mem %d %v %v, badger %d %v %v",
				i, op.Hex(), e, auth[:2], fee, w, ta, okA, errA, tb, okB, errB)
		}
		switch {
		case errA != nil:
			overflowed++
		case okA:
			added++
		default:
			replayed++
		}
		for w := range payers {
			for _, op := range ops {
				for e := range uint64(3) {
					a, errA := mems[w].Owed(op, e)
					b, errB := st.Wallet(payers[w]).Owed(op, e)
					if a != b || errA != nil || errB != nil {
						t.Fatalf("after op %d Owed(%s, %d) of payer %d: mem %d %v, badger %d %v", i, op.Hex(), e, w, a, errA, b, errB)
					}
				}
			}
		}
	}
	if added == 0 || replayed == 0 || overflowed == 0 {
		t.Fatalf("added %d, replayed %d, overflowed %d: the sequence misses a case", added, replayed, overflowed)
	}
}

func TestWalletReopen(t *testing.T) {
	dir := t.TempDir()
	st := mustOpen(t, dir)
	payer, op := addr(10), addr(1)
	w := st.Wallet(payer)
	for i, fee := range []uint64{100, 250} {
		if _, ok, err := w.AddOwed(op, 4, [32]byte{byte(i)}, fee); !ok || err != nil {
			t.Fatalf("AddOwed %d: %v %v", i, ok, err)
		}
	}
	mustClose(t, st)

	st = mustOpen(t, dir)
	defer mustClose(t, st)
	w = st.Wallet(payer)
	if got, err := w.Owed(op, 4); got != 350 || err != nil {
		t.Fatalf("Owed after reopening = %d %v, want 350", got, err)
	}
	if total, ok, err := w.AddOwed(op, 4, [32]byte{1}, 999); ok || total != 350 || err != nil {
		t.Fatalf("an authorization paid before the restart was paid again: %d %v %v", total, ok, err)
	}
	if got, err := st.Wallet(addr(11)).Owed(op, 4); got != 0 || err != nil {
		t.Fatalf("another payer owes %d %v", got, err)
	}
	if _, ok, err := st.Wallet(addr(11)).AddOwed(op, 4, [32]byte{1}, 5); !ok || err != nil {
		t.Fatalf("another payer's wallet saw the digest as paid: %v %v", ok, err)
	}
}

func TestWalletOverflow(t *testing.T) {
	st := mustOpen(t, t.TempDir())
	defer mustClose(t, st)
	w, op := st.Wallet(addr(10)), addr(1)
	if _, _, err := w.AddOwed(op, 1, [32]byte{1}, math.MaxUint64); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := w.AddOwed(op, 1, [32]byte{2}, 1); ok || !errors.Is(err, pay.ErrOverflow) {
		t.Fatalf("overflow: %v %v, want ErrOverflow", ok, err)
	}
	// The failed call marked nothing paid.
	if _, ok, err := w.AddOwed(op, 2, [32]byte{2}, 1); !ok || err != nil {
		t.Fatalf("digest of the overflowing call: %v %v", ok, err)
	}
}
