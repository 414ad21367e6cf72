package paystore

import (
	"errors"
	"reflect"
	"testing"

	"github.com/provenet/provenet/pay"
)

func TestPoolKeepsHighest(t *testing.T) {
	dir := t.TempDir()
	st := mustOpen(t, dir)
	p := st.Pool()
	payer, op := addr(1), addr(2)
	for _, c := range []struct {
		amount uint64
		stored bool
	}{{10, true}, {5, false}, {10, false}, {11, true}, {3, false}} {
		if ok, err := p.Put(fakeVoucher(payer, op, 4, c.amount)); ok != c.stored || err != nil {
			t.Fatalf("Put amount %d: %v %v, want %v", c.amount, ok, err, c.stored)
		}
	}
	// Another operator, and another epoch, are other slots.
	if ok, err := p.Put(fakeVoucher(payer, addr(3), 4, 1)); !ok || err != nil {
		t.Fatalf("Put for another operator: %v %v", ok, err)
	}
	if ok, err := p.Put(fakeVoucher(payer, op, 5, 1)); !ok || err != nil {
		t.Fatalf("Put for another epoch: %v %v", ok, err)
	}
	mustClose(t, st)

	st = mustOpen(t, dir)
	defer mustClose(t, st)
	p = st.Pool()
	want := []pay.SignedVoucher{fakeVoucher(payer, op, 4, 11), fakeVoucher(payer, addr(3), 4, 1)}
	if got, err := p.Epoch(4); err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("Epoch(4) = %v %v, want %v", got, err, want)
	}
	if ok, err := p.Put(fakeVoucher(payer, op, 4, 11)); ok || err != nil {
		t.Fatalf("an equal voucher after reopening was stored: %v %v", ok, err)
	}
	bad := fakeVoucher(payer, op, 4, 100)
	bad.Sig = nil
	if ok, err := p.Put(bad); ok || !errors.Is(err, pay.ErrMalformed) {
		t.Fatalf("Put without a signature: %v %v, want ErrMalformed", ok, err)
	}
}

func TestPoolOrderAndPrune(t *testing.T) {
	st := mustOpen(t, t.TempDir())
	defer mustClose(t, st)
	p := st.Pool()
	// Put in an order that is not the sorted one.
	for _, e := range []uint64{3, 1, 2, 1 << 40} {
		for _, payer := range []int{9, 4, 7} {
			for _, op := range []int{30, 10, 20} {
				if ok, err := p.Put(fakeVoucher(addr(payer), addr(op), e, uint64(payer*100+op))); !ok || err != nil {
					t.Fatalf("Put: %v %v", ok, err)
				}
			}
		}
	}
	got, err := p.Epoch(2)
	if err != nil {
		t.Fatal(err)
	}
	var want []pay.SignedVoucher
	for _, payer := range []int{4, 7, 9} { // addr(i) sorts as i
		for _, op := range []int{10, 20, 30} {
			want = append(want, fakeVoucher(addr(payer), addr(op), 2, uint64(payer*100+op)))
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Epoch(2) order:\n got %v\nwant %v", got, want)
	}
	if err := p.Prune(3); err != nil {
		t.Fatal(err)
	}
	for e, n := range map[uint64]int{1: 0, 2: 0, 3: 9, 1 << 40: 9} {
		if vs, err := p.Epoch(e); len(vs) != n || err != nil {
			t.Fatalf("after Prune(3), epoch %d has %d vouchers (%v), want %d", e, len(vs), err, n)
		}
	}
	if vs, err := p.Epoch(7); vs != nil || err != nil {
		t.Fatalf("empty epoch: %v %v", vs, err)
	}
}
