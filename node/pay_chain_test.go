package node

import (
	"context"
	"math/big"
	"testing"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/chain"
	"github.com/provenet/provenet/pay"
)

// Package pay and PaymentEscrow were written from one spec by different
// hands; here they meet: pay's digests equal the contract's, and a voucher
// that pay signs with an API key's session key redeems on chain.
func TestPayMatchesEscrow(t *testing.T) {
	ctx := context.Background()
	payer, err := account.Generate()
	if err != nil {
		t.Fatal(err)
	}
	dcc := chain.DefaultDevChainConfig()
	dcc.Fund = append(dcc.Fund, payer.Address())
	dc, err := chain.NewDevChain(dcc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := dc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = dc.Stop(context.Background()) })
	settler, err := chain.NewClient(ctx, dc.InProc(), dc.Config(), dc.Keys()[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	pc, err := chain.NewClient(ctx, dc.InProc(), dc.Config(), payer.PrivateKey(), nil)
	if err != nil {
		t.Fatal(err)
	}
	_, session, err := pay.NewAPIKey()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pc.Deposit(ctx, big.NewInt(1_000_000_000_000_000)); err != nil {
		t.Fatal(err)
	}
	if _, err := pc.AuthorizeSigner(ctx, session.Address()); err != nil {
		t.Fatal(err)
	}
	d := pay.Domain{ChainID: dc.ChainID(), Escrow: dc.Config().Escrow}
	if sep, err := settler.DomainSeparator(ctx); err != nil || sep != d.Separator() {
		t.Fatalf("domain separator: contract %x, pay %x (%v)", sep, d.Separator(), err)
	}
	operator := dc.Accounts()[1]
	a := pay.Authorization{Payer: payer.Address(), Operator: operator, Request: [32]byte{7}, Model: pay.ModelID("provenet-base"),
		Epoch: 3, PromptPrice: 1_000_000_000_000, OutputPrice: 3_000_000_000_000, MaxAmount: 5_000_000_000_000_000}
	ca := chain.Authorization{Payer: a.Payer, Operator: a.Operator, Request: a.Request, Model: a.Model, Epoch: a.Epoch,
		PromptPrice: new(big.Int).SetUint64(a.PromptPrice), OutputPrice: new(big.Int).SetUint64(a.OutputPrice),
		MaxAmount: new(big.Int).SetUint64(a.MaxAmount)}
	if h, err := settler.HashAuthorization(ctx, ca); err != nil || h != a.Digest(d) {
		t.Fatalf("authorization digest: contract %x, pay %x (%v)", h, a.Digest(d), err)
	}
	sa, err := a.Sign(session, d)
	if err != nil {
		t.Fatal(err)
	}
	if who, err := settler.AuthorizationSigner(ctx, ca, sa.Sig); err != nil || who != session.Address() {
		t.Fatalf("contract recovers %s from pay's signature, want %s (%v)", who, session.Address(), err)
	}
	v := pay.Voucher{Payer: payer.Address(), Operator: operator, Epoch: 3, Amount: 123_456_789}
	cv := chain.Voucher{Payer: v.Payer, Operator: v.Operator, Epoch: v.Epoch, Amount: new(big.Int).SetUint64(v.Amount)}
	if h, err := settler.HashVoucher(ctx, cv); err != nil || h != v.Digest(d) {
		t.Fatalf("voucher digest: contract %x, pay %x (%v)", h, v.Digest(d), err)
	}
	sv, err := v.Sign(session, d)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := settler.Redeem(ctx, 3, []chain.Redemption{{Voucher: cv, Signature: sv.Sig, Charge: big.NewInt(100_000_000)}}); err != nil {
		t.Fatalf("redeem a pay-signed voucher: %v", err)
	}
	if charge, ok, err := settler.Redeemed(ctx, v.Payer, v.Operator, 3); err != nil || !ok || charge.Int64() != 100_000_000 {
		t.Fatalf("redeemed %v %v %v", charge, ok, err)
	}
}
