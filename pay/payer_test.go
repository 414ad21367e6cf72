package pay

import (
	"errors"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/attribution"
)

// roundTrip is one paid request: the wallet authorizes, the gate admits
// and charges, the operator stamps and signs the receipt.
type roundTrip struct {
	sa SignedAuthorization
	tk *Ticket
	r  *attribution.Receipt
}

func paidRequest(t *testing.T, w *Wallet, g *Gate, op *account.Key, seed int, pt, ot uint32) roundTrip {
	t.Helper()
	sa, err := w.Authorize(op.Address(), "provenet-base", 5, g.Prices(), 100_000)
	if err != nil {
		t.Fatal(err)
	}
	// Through the wire form, as a node receives it.
	b, err := sa.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if sa, err = DecodeSignedAuthorization(b); err != nil {
		t.Fatal(err)
	}
	tk, err := g.Check(sa, 5)
	if err != nil {
		t.Fatal(err)
	}
	fee, err := g.Charge(tk, pt, ot)
	if err != nil {
		t.Fatal(err)
	}
	r := unpaidReceipt(op.Address(), seed, pt, ot)
	if err := tk.Stamp(r); err != nil {
		t.Fatal(err)
	}
	if r.Fee != fee {
		t.Fatalf("stamped fee %d, charged %d", r.Fee, fee)
	}
	if err := r.Sign(op); err != nil {
		t.Fatal(err)
	}
	return roundTrip{sa, tk, r}
}

func TestWalletGateEndToEnd(t *testing.T) {
	op, payer := mustKey(t), mustKey(t)
	apiKey, session, err := NewAPIKey()
	if err != nil {
		t.Fatal(err)
	}
	b := newBindings()
	b.available[payer.Address()] = 1_000_000
	b.payerOf[session.Address()] = payer.Address() // the payer bound the API key's session key
	g, err := NewGate(op.Address(), testDomain, Prices{Prompt: 1000, Output: 3000}, b, NewMemGateStore())
	if err != nil {
		t.Fatal(err)
	}
	sk, _ := ParseAPIKey(apiKey)
	w, err := NewWallet(sk, payer.Address(), testDomain, NewMemWalletStore())
	if err != nil {
		t.Fatal(err)
	}
	var last SignedVoucher
	var want uint64
	for i := range 3 {
		rt := paidRequest(t, w, g, op, i, 100, 50*uint32(i+1))
		sv, err := w.Accept(rt.sa, rt.r, rt.r.PromptTokens, rt.r.OutputTokens, rt.r.OutputHash)
		if err != nil {
			t.Fatal(err)
		}
		want += rt.r.Fee
		if sv.Amount != want || sv.Payer != payer.Address() || sv.Operator != op.Address() || sv.Epoch != 5 {
			t.Fatalf("voucher %+v, want amount %d", sv.Voucher, want)
		}
		vb, _ := sv.Encode()
		if sv, err = DecodeSignedVoucher(vb); err != nil {
			t.Fatal(err)
		}
		if err := g.AcceptVoucher(sv); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Accept(rt.sa, rt.r, rt.r.PromptTokens, rt.r.OutputTokens, rt.r.OutputHash); !errors.Is(err, ErrReplay) {
			t.Fatalf("second accept: %v", err)
		}
		last = sv
	}
	owed, _ := g.Owed(payer.Address(), 5)
	if owed != want {
		t.Fatalf("gate owed %d, wallet %d", owed, want)
	}
	vs, _ := g.Vouchers(5)
	if len(vs) != 1 || vs[0].Amount != last.Amount {
		t.Fatalf("gate holds %+v", vs)
	}
	if again, err := w.Voucher(op.Address(), 5); err != nil || again.Amount != want {
		t.Fatalf("re-signed voucher %d %v", again.Amount, err)
	}
}

func TestWalletAcceptMismatch(t *testing.T) {
	op, payer := mustKey(t), mustKey(t)
	b := newBindings()
	b.available[payer.Address()] = 1 << 40
	g, _ := NewGate(op.Address(), testDomain, Prices{Prompt: 1000, Output: 3000}, b, NewMemGateStore())
	w, _ := NewWallet(payer, payer.Address(), testDomain, NewMemWalletStore())
	other := mustKey(t)

	cases := []struct {
		field  string
		mutate func(rt *roundTrip, pt, ot *uint32, oh *[32]byte)
		resign bool
	}{
		{"payer", func(rt *roundTrip, _, _ *uint32, _ *[32]byte) { rt.r.Payer = addr(50) }, true},
		{"operator", func(rt *roundTrip, _, _ *uint32, _ *[32]byte) { rt.r.Operator = other.Address() }, false},
		{"auth", func(rt *roundTrip, _, _ *uint32, _ *[32]byte) { rt.r.Auth[0] ^= 1 }, true},
		{"epoch", func(rt *roundTrip, _, _ *uint32, _ *[32]byte) { rt.r.Epoch++ }, true},
		{"prompt price", func(rt *roundTrip, _, _ *uint32, _ *[32]byte) { rt.r.PromptPrice++ }, true},
		{"output price", func(rt *roundTrip, _, _ *uint32, _ *[32]byte) { rt.r.OutputPrice++ }, true},
		{"prompt tokens", func(_ *roundTrip, pt, _ *uint32, _ *[32]byte) { *pt-- }, false},
		{"output tokens", func(_ *roundTrip, _, ot *uint32, _ *[32]byte) { *ot-- }, false},
		{"output hash", func(_ *roundTrip, _, _ *uint32, oh *[32]byte) { oh[5] ^= 1 }, false},
		{"fee", func(rt *roundTrip, _, _ *uint32, _ *[32]byte) { rt.r.Fee++ }, true},
		{"authorization payer", func(rt *roundTrip, _, _ *uint32, _ *[32]byte) { rt.sa.Payer = addr(51) }, false},
		{"signature", func(rt *roundTrip, _, _ *uint32, _ *[32]byte) { rt.r.Sig[3] ^= 1 }, false},
		{"receipt", func(rt *roundTrip, _, _ *uint32, _ *[32]byte) { rt.r.Base.Owner = common.Address{} }, true},
	}
	for i, c := range cases {
		rt := paidRequest(t, w, g, op, 100+i, 200, 300)
		pt, ot, oh := rt.r.PromptTokens, rt.r.OutputTokens, rt.r.OutputHash
		c.mutate(&rt, &pt, &ot, &oh)
		if c.resign {
			if err := rt.r.Sign(op); err != nil {
				t.Fatal(err)
			}
		}
		_, err := w.Accept(rt.sa, rt.r, pt, ot, oh)
		if !errors.Is(err, ErrReceiptMismatch) || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%s: %v", c.field, err)
		}
	}
	if owed, _ := w.Owed(op.Address(), 5); owed != 0 {
		t.Fatalf("mismatched receipts owe %d", owed)
	}

	// A fee within the formula but over the authorised maximum.
	sa, _ := w.Authorize(op.Address(), "m", 5, g.Prices(), 10)
	r := unpaidReceipt(op.Address(), 7, 200, 300)
	r.Payer, r.Auth, r.PromptPrice, r.OutputPrice = payer.Address(), sa.Digest(testDomain), 1000, 3000
	r.Fee, _ = Fee(200, 300, g.Prices())
	_ = r.Sign(op)
	if _, err := w.Accept(sa, r, 200, 300, r.OutputHash); !errors.Is(err, ErrReceiptMismatch) || !strings.Contains(err.Error(), "maximum") {
		t.Fatalf("over max: %v", err)
	}
	if _, err := w.Accept(sa, nil, 0, 0, [32]byte{}); !errors.Is(err, ErrReceiptMismatch) {
		t.Fatalf("nil receipt: %v", err)
	}
}
