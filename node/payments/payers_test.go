package payments

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/internal/clock"
)

// countingEscrow answers from fields and counts the calls.
type countingEscrow struct {
	payer            common.Address
	balance, thawing *big.Int
	payerOfCalls     int
	balanceCalls     int
}

func (c *countingEscrow) PayerOf(context.Context, common.Address) (common.Address, error) {
	c.payerOfCalls++
	return c.payer, nil
}

func (c *countingEscrow) EscrowBalance(context.Context, common.Address) (*big.Int, *big.Int, time.Time, error) {
	c.balanceCalls++
	return c.balance, c.thawing, time.Time{}, nil
}

// Payers caches bindings (a minute when bound, 5 s when not) and funds
// (2 s), and counts what is thawing as unavailable.
func TestPayersCache(t *testing.T) {
	clk := clock.NewFake(time.Unix(1_700_000_000, 0))
	esc := &countingEscrow{balance: big.NewInt(1000), thawing: big.NewInt(300)}
	p := NewPayers(esc, clk)
	signer, payer := common.Address{1}, common.Address{2}

	if a, _ := p.PayerOf(signer); a != (common.Address{}) || esc.payerOfCalls != 1 {
		t.Fatalf("unbound: %s, %d calls", a.Hex(), esc.payerOfCalls)
	}
	esc.payer = payer // bound on chain now
	clk.Advance(4 * time.Second)
	if a, _ := p.PayerOf(signer); a != (common.Address{}) || esc.payerOfCalls != 1 {
		t.Fatalf("a miss is cached for 5 s: %s, %d calls", a.Hex(), esc.payerOfCalls)
	}
	clk.Advance(2 * time.Second)
	if a, _ := p.PayerOf(signer); a != payer || esc.payerOfCalls != 2 {
		t.Fatalf("after 6 s the binding is asked again: %s, %d calls", a.Hex(), esc.payerOfCalls)
	}
	clk.Advance(59 * time.Second)
	if a, _ := p.PayerOf(signer); a != payer || esc.payerOfCalls != 2 {
		t.Fatalf("a binding is cached for a minute: %d calls", esc.payerOfCalls)
	}

	if v, _ := p.Available(payer); v != 700 {
		t.Fatalf("available %d, want balance less thawing 700", v)
	}
	esc.balance = big.NewInt(5000)
	if v, _ := p.Available(payer); v != 700 || esc.balanceCalls != 1 {
		t.Fatalf("funds are cached: %d, %d calls", v, esc.balanceCalls)
	}
	p.Forget(payer)
	if v, _ := p.Available(payer); v != 4700 || esc.balanceCalls != 2 {
		t.Fatalf("after Forget: %d, %d calls", v, esc.balanceCalls)
	}
	esc.thawing = big.NewInt(6000)
	clk.Advance(3 * time.Second)
	if v, _ := p.Available(payer); v != 0 {
		t.Fatalf("thawing above balance: available %d, want 0", v)
	}
	esc.thawing, esc.balance = big.NewInt(0), new(big.Int).Lsh(big.NewInt(1), 70)
	clk.Advance(3 * time.Second)
	if v, _ := p.Available(payer); v != ^uint64(0) {
		t.Fatalf("a balance beyond uint64 caps at %d, got %d", ^uint64(0), v)
	}
}
