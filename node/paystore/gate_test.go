package paystore

import (
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/dgraph-io/badger/v4"
	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/pay"
)

// sameErr reports whether two errors agree: both nil, or both overflow,
// or both some other error.
func sameErr(a, b error) bool {
	if (a == nil) != (b == nil) {
		return false
	}
	return errors.Is(a, pay.ErrOverflow) == errors.Is(b, pay.ErrOverflow)
}

// TestGateConformance runs one random sequence of GateStore calls against
// pay.MemGateStore and the badger store, reopening the latter now and
// then, and compares every result.
func TestGateConformance(t *testing.T) {
	dir := t.TempDir()
	st := mustOpen(t, dir)
	defer func() { mustClose(t, st) }()
	mem := pay.NewMemGateStore()
	op := addr(0)
	payers := []common.Address{addr(3), addr(1), addr(2)}
	rng := rand.New(rand.NewPCG(1, 2))
	epoch := func() uint64 { return uint64(rng.IntN(4)) + 1 }
	payer := func() common.Address { return payers[rng.IntN(len(payers))] }
	var counts [8]int

	for i := range 3000 {
		if i%500 == 499 {
			mustClose(t, st)
			st = mustOpen(t, dir)
		}
		db := st.Gate()
		switch n := rng.IntN(8); n {
		case 0, 1:
			counts[n]++
			e, p, r := epoch(), payer(), [32]byte{byte(rng.IntN(40))}
			a, errA := mem.AddRequest(e, p, r)
			b, errB := db.AddRequest(e, p, r)
			if a != b || !sameErr(errA, errB) {
				t.Fatalf("op %d AddRequest(%d, %s, %x): mem %v %v, badger %v %v", i, e, p.Hex(), r[0], a, errA, b, errB)
			}
		case 2, 3:
			counts[n]++
			fee := uint64(rng.IntN(1000))
			if rng.IntN(50) == 0 {
				fee = math.MaxUint64 - uint64(rng.IntN(3))
			}
			e, p := epoch(), payer()
			a, errA := mem.AddCharge(e, p, fee)
			b, errB := db.AddCharge(e, p, fee)
			if a != b || !sameErr(errA, errB) {
				t.Fatalf("op %d AddCharge(%d, %s, %d): mem %d %v, badger %d %v", i, e, p.Hex(), fee, a, errA, b, errB)
			}
			if errA != nil {
				counts[7]++
			}
		case 4:
			counts[n]++
			sv := fakeVoucher(payer(), op, epoch(), uint64(rng.IntN(1000)))
			errA, errB := mem.PutVoucher(sv), db.PutVoucher(sv)
			if !sameErr(errA, errB) {
				t.Fatalf("op %d PutVoucher: mem %v, badger %v", i, errA, errB)
			}
		case 5:
			counts[n]++
			e, p := epoch(), payer()
			a, okA, errA := mem.Voucher(e, p)
			b, okB, errB := db.Voucher(e, p)
			if !reflect.DeepEqual(a, b) || okA != okB || !sameErr(errA, errB) {
				t.Fatalf("op %d Voucher(%d, %s): mem %+v %v %v, badger %+v %v %v", i, e, p.Hex(), a, okA, errA, b, okB, errB)
			}
		case 6:
			if rng.IntN(20) != 0 {
				continue
			}
			counts[n]++
			e := epoch()
			errA, errB := mem.Settle(e), db.Settle(e)
			if !sameErr(errA, errB) {
				t.Fatalf("op %d Settle(%d): mem %v, badger %v", i, e, errA, errB)
			}
		}
		compareGateState(t, i, mem, db, payers)
	}
	for n, c := range counts {
		if c == 0 {
			t.Fatalf("operation %d never ran: %v", n, counts)
		}
	}
}

// compareGateState compares what both stores answer to every read.
func compareGateState(t *testing.T, i int, mem, db pay.GateStore, payers []common.Address) {
	t.Helper()
	ua, errA := mem.Unsettled()
	ub, errB := db.Unsettled()
	if errA != nil || errB != nil || !reflect.DeepEqual(sortCharges(ua), sortCharges(ub)) {
		t.Fatalf("after op %d Unsettled: mem %v %v, badger %v %v", i, sortCharges(ua), errA, sortCharges(ub), errB)
	}
	for e := uint64(0); e <= 5; e++ {
		va, errA := mem.Vouchers(e)
		vb, errB := db.Vouchers(e)
		if errA != nil || errB != nil || !reflect.DeepEqual(va, vb) {
			t.Fatalf("after op %d Vouchers(%d): mem %v %v, badger %v %v", i, e, va, errA, vb, errB)
		}
		for _, p := range payers {
			a, errA := mem.Owed(e, p)
			b, errB := db.Owed(e, p)
			if a != b || errA != nil || errB != nil {
				t.Fatalf("after op %d Owed(%d, %s): mem %d %v, badger %d %v", i, e, p.Hex(), a, errA, b, errB)
			}
		}
	}
}

// TestGateReopen: requests, charges and vouchers of an unsettled epoch
// survive Close and Open; a settlement does too.
func TestGateReopen(t *testing.T) {
	dir := t.TempDir()
	st := mustOpen(t, dir)
	g := st.Gate()
	op, p1, p2 := addr(0), addr(1), addr(2)
	for _, r := range [][32]byte{{1}, {2}} {
		if ok, err := g.AddRequest(7, p1, r); !ok || err != nil {
			t.Fatalf("AddRequest %v %v", ok, err)
		}
	}
	if ok, err := g.AddRequest(8, p2, [32]byte{1}); !ok || err != nil {
		t.Fatalf("AddRequest %v %v", ok, err)
	}
	for _, c := range []pay.Charge{{Epoch: 7, Payer: p1, Amount: 300}, {Epoch: 7, Payer: p1, Amount: 200}, {Epoch: 8, Payer: p2, Amount: 40}} {
		if _, err := g.AddCharge(c.Epoch, c.Payer, c.Amount); err != nil {
			t.Fatal(err)
		}
	}
	sv := fakeVoucher(p1, op, 7, 500)
	if err := g.PutVoucher(sv); err != nil {
		t.Fatal(err)
	}
	mustClose(t, st)

	st = mustOpen(t, dir)
	g = st.Gate()
	for _, r := range [][32]byte{{1}, {2}} {
		if ok, err := g.AddRequest(9, p1, r); ok || err != nil {
			t.Fatalf("request %x authorised before the restart was added again: %v %v", r[0], ok, err)
		}
	}
	if ok, err := g.AddRequest(7, p1, [32]byte{3}); !ok || err != nil {
		t.Fatalf("a new request: %v %v", ok, err)
	}
	if got, err := g.Owed(7, p1); got != 500 || err != nil {
		t.Fatalf("Owed(7, p1) = %d %v", got, err)
	}
	want := []pay.Charge{{Epoch: 7, Payer: p1, Amount: 500}, {Epoch: 8, Payer: p2, Amount: 40}}
	if got, err := g.Unsettled(); err != nil || !reflect.DeepEqual(sortCharges(got), want) {
		t.Fatalf("Unsettled = %v %v, want %v", got, err, want)
	}
	if got, ok, err := g.Voucher(7, p1); !ok || err != nil || !reflect.DeepEqual(got, sv) {
		t.Fatalf("Voucher = %+v %v %v", got, ok, err)
	}
	if err := g.Settle(7); err != nil {
		t.Fatal(err)
	}
	mustClose(t, st)

	st = mustOpen(t, dir)
	defer mustClose(t, st)
	g = st.Gate()
	want = want[1:]
	if got, err := g.Unsettled(); err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("Unsettled after settling 7 = %v %v, want %v", got, err, want)
	}
	if got, err := g.Owed(7, p1); got != 0 || err != nil {
		t.Fatalf("Owed(7, p1) after settling = %d %v", got, err)
	}
	if vs, err := g.Vouchers(7); err != nil || !reflect.DeepEqual(vs, []pay.SignedVoucher{sv}) {
		t.Fatalf("settling dropped the voucher: %v %v", vs, err)
	}
	// Settling dropped epoch 7's requests, as MemGateStore does; epoch 8's stay.
	if ok, err := g.AddRequest(9, p1, [32]byte{1}); !ok || err != nil {
		t.Fatalf("request of a settled epoch: %v %v", ok, err)
	}
	if ok, err := g.AddRequest(9, p2, [32]byte{1}); ok || err != nil {
		t.Fatalf("request of an unsettled epoch added again: %v %v", ok, err)
	}
}

func TestGateOverflow(t *testing.T) {
	st := mustOpen(t, t.TempDir())
	defer mustClose(t, st)
	g, p := st.Gate(), addr(1)
	if total, err := g.AddCharge(1, p, math.MaxUint64-1); total != math.MaxUint64-1 || err != nil {
		t.Fatalf("first charge %d %v", total, err)
	}
	if _, err := g.AddCharge(1, p, 2); !errors.Is(err, pay.ErrOverflow) {
		t.Fatalf("overflowing charge: %v, want ErrOverflow", err)
	}
	if total, err := g.Owed(1, p); total != math.MaxUint64-1 || err != nil {
		t.Fatalf("the overflowing charge changed the total: %d %v", total, err)
	}
	if total, err := g.AddCharge(1, p, 1); total != math.MaxUint64 || err != nil {
		t.Fatalf("charge to exactly 2^64-1: %d %v", total, err)
	}
}

func TestGatePutVoucherMalformed(t *testing.T) {
	st := mustOpen(t, t.TempDir())
	defer mustClose(t, st)
	sv := fakeVoucher(addr(1), addr(2), 1, 5)
	sv.Sig = sv.Sig[:10]
	if err := st.Gate().PutVoucher(sv); !errors.Is(err, pay.ErrMalformed) {
		t.Fatalf("PutVoucher of a short signature: %v, want ErrMalformed", err)
	}
}

// TestGateSettleLarge settles an epoch whose deletions do not fit one
// badger transaction.
func TestGateSettleLarge(t *testing.T) {
	st := mustOpen(t, t.TempDir())
	defer mustClose(t, st)
	g, p := st.Gate(), addr(1)
	const n = 20000
	for i := range n {
		if ok, err := g.AddRequest(3, p, [32]byte{byte(i), byte(i >> 8), byte(i >> 16)}); !ok || err != nil {
			t.Fatalf("AddRequest %d: %v %v", i, ok, err)
		}
	}
	if _, err := g.AddCharge(3, p, 10); err != nil {
		t.Fatal(err)
	}
	// The deletions do not fit one transaction, or this test tests nothing.
	qs, err := st.keysWithPrefix([]byte{prefixEpochRequest}, nil)
	if err != nil || len(qs) != n {
		t.Fatalf("%d request keys, %v", len(qs), err)
	}
	txn := st.db.NewTransaction(true)
	for _, k := range qs {
		if err = txn.Delete(k); err != nil {
			break
		}
	}
	txn.Discard()
	if !errors.Is(err, badger.ErrTxnTooBig) {
		t.Fatalf("deleting %d keys in one transaction: %v, want ErrTxnTooBig", n, err)
	}
	if err := g.Settle(3); err != nil {
		t.Fatal(err)
	}
	if cs, err := g.Unsettled(); len(cs) != 0 || err != nil {
		t.Fatalf("Unsettled %v %v", cs, err)
	}
	left, err := st.keysWithPrefix(nil, nil)
	if err != nil || len(left) != 1 || left[0][0] != prefixSettled {
		t.Fatalf("%d keys left after settling (%v), want the settled mark", len(left), err)
	}
}
