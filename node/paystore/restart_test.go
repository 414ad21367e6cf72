package paystore

import (
	"errors"
	"reflect"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/pay"
)

// payers is a pay.Payers: every signer is its own payer, with a balance.
type payers map[common.Address]uint64

func (p payers) PayerOf(common.Address) (common.Address, error) { return common.Address{}, nil }
func (p payers) Available(payer common.Address) (uint64, error) { return p[payer], nil }

// TestGateRestartRebuildsOutstanding: a node that restarts during an
// unsettled epoch rebuilds, with pay.NewGate over the reopened store, what
// each payer owes, refuses the authorizations it admitted before as
// replays and still holds the payers' vouchers; after settling and
// another restart the payers owe nothing.
func TestGateRestartRebuildsOutstanding(t *testing.T) {
	d := pay.Domain{ChainID: 31337, Escrow: addr(99)}
	op, prices := addr(1), pay.Prices{Prompt: 1000, Output: 2000}
	key, err := account.Generate()
	if err != nil {
		t.Fatal(err)
	}
	payer := key.Address()
	funds := payers{payer: 1_000_000}
	auth := func(n byte, max uint64) pay.SignedAuthorization {
		t.Helper()
		sa, err := pay.Authorization{Payer: payer, Operator: op, Request: [32]byte{n}, Model: pay.ModelID("m"), Epoch: 5,
			PromptPrice: prices.Prompt, OutputPrice: prices.Output, MaxAmount: max}.Sign(key, d)
		if err != nil {
			t.Fatal(err)
		}
		return sa
	}
	newGate := func(st *Store) *pay.Gate {
		t.Helper()
		g, err := pay.NewGate(op, d, prices, funds, st.Gate())
		if err != nil {
			t.Fatal(err)
		}
		return g
	}

	dir := t.TempDir()
	st := mustOpen(t, dir)
	g := newGate(st)
	sas := []pay.SignedAuthorization{auth(1, 10_000), auth(2, 20_000), auth(3, 5_000)}
	var charged uint64
	for i, sa := range sas {
		tk, err := g.Check(sa, 5)
		if err != nil {
			t.Fatalf("Check %d: %v", i, err)
		}
		if i == 2 {
			break // admitted, not charged: its reservation lives in the Gate only
		}
		fee, err := g.Charge(tk, 100*uint32(i+1), 200)
		if err != nil {
			t.Fatal(err)
		}
		charged += fee
	}
	if got := g.Outstanding(payer); got != charged+5_000 {
		t.Fatalf("outstanding before the restart %d, want %d", got, charged+5_000)
	}
	sv, err := pay.Voucher{Payer: payer, Operator: op, Epoch: 5, Amount: charged}.Sign(key, d)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.AcceptVoucher(sv); err != nil {
		t.Fatal(err)
	}
	mustClose(t, st)

	st = mustOpen(t, dir)
	g = newGate(st)
	if got := g.Outstanding(payer); got != charged || charged == 0 {
		t.Fatalf("outstanding after the restart %d, want the charges, %d", got, charged)
	}
	if got, err := g.Owed(payer, 5); got != charged || err != nil {
		t.Fatalf("Owed after the restart %d %v, want %d", got, err, charged)
	}
	for i, sa := range sas {
		if _, err := g.Check(sa, 5); !errors.Is(err, pay.ErrReplay) {
			t.Fatalf("authorization %d admitted before the restart: %v, want ErrReplay", i, err)
		}
	}
	if vs, err := g.Vouchers(5); err != nil || len(vs) != 1 || !reflect.DeepEqual(vs[0], sv) {
		t.Fatalf("Vouchers after the restart: %v %v", vs, err)
	}
	if err := g.AcceptVoucher(sv); err != nil { // equal: nothing to do
		t.Fatal(err)
	}
	low, err := pay.Voucher{Payer: payer, Operator: op, Epoch: 5, Amount: charged - 1}.Sign(key, d)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.AcceptVoucher(low); !errors.Is(err, pay.ErrStaleVoucher) {
		t.Fatalf("a voucher below the one held before the restart: %v, want ErrStaleVoucher", err)
	}
	if err := g.Settled(5); err != nil {
		t.Fatal(err)
	}
	mustClose(t, st)

	st = mustOpen(t, dir)
	defer mustClose(t, st)
	g = newGate(st)
	if got := g.Outstanding(payer); got != 0 {
		t.Fatalf("outstanding after settling and restarting %d, want 0", got)
	}
	if vs, err := g.Vouchers(5); err != nil || len(vs) != 1 {
		t.Fatalf("settling dropped the vouchers: %v %v", vs, err)
	}
}
