package pay

import (
	"errors"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/account"
)

type gateFixture struct {
	op     common.Address
	payer  *account.Key
	b      *bindings
	store  *MemGateStore
	g      *Gate
	prices Prices
	n      byte
}

func newGateFixture(t *testing.T) *gateFixture {
	t.Helper()
	f := &gateFixture{op: addr(1), payer: mustKey(t), b: newBindings(), store: NewMemGateStore(), prices: Prices{Prompt: 1000, Output: 2000}}
	f.b.available[f.payer.Address()] = 1_000_000
	g, err := NewGate(f.op, testDomain, f.prices, f.b, f.store)
	if err != nil {
		t.Fatal(err)
	}
	f.g = g
	return f
}

// auth returns a fresh authorization of f's payer for f's operator.
func (f *gateFixture) auth(max uint64) Authorization {
	f.n++
	return Authorization{Payer: f.payer.Address(), Operator: f.op, Request: [32]byte{f.n, 0xaa}, Model: ModelID("m"),
		Epoch: 5, PromptPrice: f.prices.Prompt, OutputPrice: f.prices.Output, MaxAmount: max}
}

func (f *gateFixture) signed(t *testing.T, s account.HashSigner, a Authorization) SignedAuthorization {
	t.Helper()
	sa, err := a.Sign(s, testDomain)
	if err != nil {
		t.Fatal(err)
	}
	return sa
}

func TestGateCheckCharge(t *testing.T) {
	f := newGateFixture(t)
	sa := f.signed(t, f.payer, f.auth(10_000))
	tk, err := f.g.Check(sa, 5)
	if err != nil {
		t.Fatal(err)
	}
	if tk.Digest != sa.Digest(testDomain) || tk.Signer != f.payer.Address() {
		t.Fatal("ticket digest or signer")
	}
	if got := f.g.Outstanding(f.payer.Address()); got != 10_000 {
		t.Fatalf("reserved %d", got)
	}
	n, err := tk.MaxOutputTokens(100) // 100 prompt tokens cost 100; output 2 each
	if err != nil || n != 4950 {
		t.Fatalf("max output %d %v", n, err)
	}
	if _, err := f.g.Charge(tk, 100, n+1); !errors.Is(err, ErrOverAuthorised) {
		t.Fatalf("over: %v", err)
	}
	fee, err := f.g.Charge(tk, 100, 200) // 100 + 400
	if err != nil || fee != 500 {
		t.Fatalf("fee %d %v", fee, err)
	}
	if _, err := f.g.Charge(tk, 1, 1); !errors.Is(err, ErrTicketClosed) {
		t.Fatalf("second charge: %v", err)
	}
	if err := f.g.Release(tk); !errors.Is(err, ErrTicketClosed) {
		t.Fatalf("release after charge: %v", err)
	}
	if got := f.g.Outstanding(f.payer.Address()); got != 500 {
		t.Fatalf("outstanding %d, want the fee", got)
	}
	if owed, _ := f.g.Owed(f.payer.Address(), 5); owed != 500 {
		t.Fatalf("owed %d", owed)
	}
	// Replay of the same authorization.
	if _, err := f.g.Check(sa, 5); !errors.Is(err, ErrReplay) {
		t.Fatalf("replay: %v", err)
	}
	// Release returns the reservation.
	tk2, err := f.g.Check(f.signed(t, f.payer, f.auth(7_000)), 5)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.g.Release(tk2); err != nil || f.g.Outstanding(f.payer.Address()) != 500 {
		t.Fatalf("release: %v, outstanding %d", err, f.g.Outstanding(f.payer.Address()))
	}
}

func TestGateCheckRefuses(t *testing.T) {
	f := newGateFixture(t)
	other := mustKey(t)
	cases := []struct {
		name string
		sa   func() SignedAuthorization
		want error
	}{
		{"wrong operator", func() SignedAuthorization { a := f.auth(1); a.Operator = addr(2); return f.signed(t, f.payer, a) }, ErrWrongOperator},
		{"wrong epoch", func() SignedAuthorization { a := f.auth(1); a.Epoch = 4; return f.signed(t, f.payer, a) }, ErrWrongEpoch},
		{"prompt price", func() SignedAuthorization { a := f.auth(1); a.PromptPrice--; return f.signed(t, f.payer, a) }, ErrPriceTooLow},
		{"output price", func() SignedAuthorization { a := f.auth(1); a.OutputPrice--; return f.signed(t, f.payer, a) }, ErrPriceTooLow},
		{"stranger", func() SignedAuthorization { return f.signed(t, other, f.auth(1)) }, ErrBadSignature},
		{"tampered", func() SignedAuthorization { sa := f.signed(t, f.payer, f.auth(1)); sa.MaxAmount = 2; return sa }, ErrBadSignature},
		{"no sig", func() SignedAuthorization { return SignedAuthorization{Authorization: f.auth(1)} }, ErrMalformed},
		{"funds", func() SignedAuthorization { return f.signed(t, f.payer, f.auth(1_000_001)) }, ErrInsufficientFunds},
	}
	for _, c := range cases {
		if _, err := f.g.Check(c.sa(), 5); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	// Higher prices than the gate's are fine.
	a := f.auth(1)
	a.PromptPrice, a.OutputPrice = a.PromptPrice+1, a.OutputPrice+1
	if _, err := f.g.Check(f.signed(t, f.payer, a), 5); err != nil {
		t.Fatalf("higher prices: %v", err)
	}
	// A lookup failure is not a verdict.
	f.b.err = errors.New("rpc down")
	if _, err := f.g.Check(f.signed(t, f.payer, f.auth(1)), 5); err == nil || errors.Is(err, ErrInsufficientFunds) {
		t.Fatalf("failed lookup: %v", err)
	}
}

func TestGateSessionKeyAndOutstanding(t *testing.T) {
	f := newGateFixture(t)
	session := mustKey(t)
	if _, err := f.g.Check(f.signed(t, session, f.auth(1)), 5); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("unbound: %v", err)
	}
	f.b.payerOf[session.Address()] = f.payer.Address()
	tk, err := f.g.Check(f.signed(t, session, f.auth(600_000)), 5)
	if err != nil {
		t.Fatal(err)
	}
	if tk.Signer != session.Address() || tk.Payer != f.payer.Address() {
		t.Fatal("ticket signer/payer")
	}
	// 600,000 reserved of 1,000,000: 400,001 more does not fit.
	if _, err := f.g.Check(f.signed(t, f.payer, f.auth(400_001)), 5); !errors.Is(err, ErrInsufficientFunds) {
		t.Fatalf("over reservation: %v", err)
	}
	tk2, err := f.g.Check(f.signed(t, f.payer, f.auth(400_000)), 5)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.g.Charge(tk, 1000, 0); err != nil { // fee 1000
		t.Fatal(err)
	}
	if _, err := f.g.Charge(tk2, 0, 1000); err != nil { // fee 2000
		t.Fatal(err)
	}
	if got := f.g.Outstanding(f.payer.Address()); got != 3000 {
		t.Fatalf("outstanding %d", got)
	}
	// A restarted gate on the same store sees the same charges.
	g2, err := NewGate(f.op, testDomain, f.prices, f.b, f.store)
	if err != nil || g2.Outstanding(f.payer.Address()) != 3000 {
		t.Fatalf("restart: %v %d", err, g2.Outstanding(f.payer.Address()))
	}
	// Settlement releases the epoch.
	if err := f.g.Settled(5); err != nil {
		t.Fatal(err)
	}
	if got := f.g.Outstanding(f.payer.Address()); got != 0 {
		t.Fatalf("after settlement %d", got)
	}
	if _, err := f.g.Check(f.signed(t, f.payer, f.auth(1)), 5); !errors.Is(err, ErrWrongEpoch) {
		t.Fatalf("check in settled epoch: %v", err)
	}
}

func TestGateSettledClosesOpenTickets(t *testing.T) {
	f := newGateFixture(t)
	tk, err := f.g.Check(f.signed(t, f.payer, f.auth(5000)), 5)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.g.Settled(5); err != nil {
		t.Fatal(err)
	}
	if f.g.Outstanding(f.payer.Address()) != 0 {
		t.Fatal("reservation survived settlement")
	}
	if _, err := f.g.Charge(tk, 1, 1); !errors.Is(err, ErrWrongEpoch) {
		t.Fatalf("charge after settlement: %v", err)
	}
	if err := f.g.Release(tk); !errors.Is(err, ErrTicketClosed) {
		t.Fatalf("release: %v", err)
	}
	if f.g.Outstanding(f.payer.Address()) != 0 {
		t.Fatal("outstanding went negative or up")
	}
}

func TestGateVouchers(t *testing.T) {
	f := newGateFixture(t)
	session, stranger, payer2 := mustKey(t), mustKey(t), mustKey(t)
	f.b.payerOf[session.Address()] = f.payer.Address()
	v := func(s account.HashSigner, payer common.Address, amount uint64) SignedVoucher {
		sv, err := Voucher{Payer: payer, Operator: f.op, Epoch: 5, Amount: amount}.Sign(s, testDomain)
		if err != nil {
			t.Fatal(err)
		}
		return sv
	}
	p := f.payer.Address()
	if err := f.g.AcceptVoucher(v(f.payer, p, 100)); err != nil {
		t.Fatal(err)
	}
	if err := f.g.AcceptVoucher(v(session, p, 300)); err != nil {
		t.Fatal(err)
	}
	if err := f.g.AcceptVoucher(v(f.payer, p, 200)); !errors.Is(err, ErrStaleVoucher) {
		t.Fatalf("lower: %v", err)
	}
	if err := f.g.AcceptVoucher(v(f.payer, p, 300)); err != nil {
		t.Fatalf("equal: %v", err)
	}
	if err := f.g.AcceptVoucher(v(stranger, p, 1000)); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("stranger: %v", err)
	}
	wrongOp, _ := Voucher{Payer: p, Operator: addr(9), Epoch: 5, Amount: 1000}.Sign(f.payer, testDomain)
	if err := f.g.AcceptVoucher(wrongOp); !errors.Is(err, ErrWrongOperator) {
		t.Fatalf("operator: %v", err)
	}
	if err := f.g.AcceptVoucher(v(payer2, payer2.Address(), 7)); err != nil {
		t.Fatal(err)
	}
	vs, err := f.g.Vouchers(5)
	if err != nil || len(vs) != 2 {
		t.Fatalf("vouchers %d %v", len(vs), err)
	}
	for i, sv := range vs {
		if i > 0 && vs[i-1].Payer.Cmp(sv.Payer) >= 0 {
			t.Fatal("not sorted by payer")
		}
		if sv.Payer == p && sv.Amount != 300 {
			t.Fatalf("latest of payer is %d", sv.Amount)
		}
	}
	if vs, _ := f.g.Vouchers(6); len(vs) != 0 {
		t.Fatal("vouchers of another epoch")
	}
	if err := f.g.Settled(5); err != nil {
		t.Fatal(err)
	}
	if err := f.g.AcceptVoucher(v(f.payer, p, 400)); !errors.Is(err, ErrWrongEpoch) {
		t.Fatalf("settled epoch: %v", err)
	}
}

// TestGateConcurrent admits and charges from many goroutines: the gate
// never admits more than the payer's funds, and the sum of charges equals
// Owed (run with -race).
func TestGateConcurrent(t *testing.T) {
	f := newGateFixture(t)
	f.b.available[f.payer.Address()] = 50_000
	f.b.err = nil
	const workers, per = 8, 40
	sas := make([][]SignedAuthorization, workers)
	for w := range sas {
		for i := range per {
			a := f.auth(1000)
			a.Request = [32]byte{byte(w), byte(i), 1}
			sas[w] = append(sas[w], f.signed(t, f.payer, a))
		}
	}
	var mu sync.Mutex
	var charged uint64
	admitted := 0
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for _, sa := range sas[w] {
				tk, err := f.g.Check(sa, 5)
				if err != nil {
					if !errors.Is(err, ErrInsufficientFunds) {
						t.Error(err)
					}
					continue
				}
				fee, err := f.g.Charge(tk, 100, 450) // 100 + 900 = 1000
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				charged += fee
				admitted++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	owed, _ := f.g.Owed(f.payer.Address(), 5)
	if owed != charged || charged > 50_000 || admitted != 50 {
		t.Fatalf("owed %d, charged %d, admitted %d", owed, charged, admitted)
	}
}

// A model with its own prices is checked against them; the others against
// the gate's.
func TestGateModelPrices(t *testing.T) {
	f := newGateFixture(t)
	dear := Prices{Prompt: 5000, Output: 9000}
	f.g.SetModelPrices(func(m [32]byte) (Prices, bool) { return dear, m == ModelID("adapter-x") })
	if got := f.g.PricesOf(ModelID("adapter-x")); got != dear {
		t.Fatalf("PricesOf adapter-x = %+v", got)
	}
	a := f.auth(1)
	a.Model = ModelID("adapter-x")
	if _, err := f.g.Check(f.signed(t, f.payer, a), 5); !errors.Is(err, ErrPriceTooLow) {
		t.Fatalf("base prices for a dearer adapter: %v, want ErrPriceTooLow", err)
	}
	a = f.auth(1)
	a.Model, a.PromptPrice, a.OutputPrice = ModelID("adapter-x"), dear.Prompt, dear.Output
	if _, err := f.g.Check(f.signed(t, f.payer, a), 5); err != nil {
		t.Fatalf("the adapter's prices: %v", err)
	}
	if _, err := f.g.Check(f.signed(t, f.payer, f.auth(1)), 5); err != nil {
		t.Fatalf("the base at the gate's prices: %v", err)
	}
}
