package node

import (
	"context"
	"fmt"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/internal/clock"
	"github.com/provenet/provenet/node/payments"
	"github.com/provenet/provenet/node/paystore"
	"github.com/provenet/provenet/pay"
)

// fakeEscrow answers PayerOf and EscrowBalance from maps (what the chain
// would, behind chainPayers' cache).
type fakeEscrow struct {
	payerOf map[common.Address]common.Address
	balance map[common.Address]*big.Int
}

func (f fakeEscrow) PayerOf(_ context.Context, s common.Address) (common.Address, error) {
	return f.payerOf[s], nil
}

func (f fakeEscrow) EscrowBalance(_ context.Context, p common.Address) (*big.Int, *big.Int, time.Time, error) {
	b := f.balance[p]
	if b == nil {
		b = new(big.Int)
	}
	return b, new(big.Int), time.Time{}, nil
}

// BenchmarkPaidRequestNode measures what payment adds to one request on a
// node that holds both the payer's key and the engine (the local path),
// with the node's real stores (badger, data/pay) and the chain answers
// cached as in serving. On the serving path (serving-*): the wallet's
// authorization, the gate's check, the output cap, the receipt stamp and
// the charge. Off it, on the voucher worker after the answer (voucher-*):
// the wallet's receipt check and voucher signature, and the gate taking
// the voucher. The reference, measured in the same run, is the receipt
// work every request does anyway (validate and sign). Target: serving p99
// under 1 ms.
func BenchmarkPaidRequestNode(b *testing.B) {
	op, payer, session := mustAccount(b), mustAccount(b), mustAccount(b)
	db, err := paystore.Open(b.TempDir(), false)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	esc := fakeEscrow{payerOf: map[common.Address]common.Address{session.Address(): payer.Address()},
		balance: map[common.Address]*big.Int{payer.Address(): new(big.Int).Lsh(big.NewInt(1), 62)}}
	payers := payments.NewPayers(esc, clock.Real())
	d := pay.Domain{ChainID: 1337, Escrow: common.HexToAddress("0x00000000000000000000000000000000000000e5")}
	prices := pay.Prices{Prompt: 1_000_000_000_000, Output: 3_000_000_000_000}
	gate, err := pay.NewGate(op.Address(), d, prices, payers, db.Gate())
	if err != nil {
		b.Fatal(err)
	}
	wal, err := pay.NewWallet(session, payer.Address(), d, db.Wallet(payer.Address()))
	if err != nil {
		b.Fatal(err)
	}
	const epoch, pt, ot = 7, 512, 256
	out := make([]int32, ot)
	for i := range out {
		out[i] = int32(i * 7)
	}
	receipt := func(i int) *attribution.Receipt {
		r := &attribution.Receipt{Version: attribution.ReceiptVersion, Epoch: epoch, RequestID: fmt.Sprintf("req-%d", i),
			Base:       attribution.Model{CID: baseCID("bench"), Owner: op.Address()},
			PromptHash: payments.TokenHash(out), OutputHash: payments.TokenHash(out), PromptTokens: pt, OutputTokens: ot,
			Operator: op.Address(), PromptPrice: prices.Prompt, OutputPrice: prices.Output, Time: int64(1_700_000_000_000 + i)}
		r.Fee, _ = attribution.Fee(pt, ot, prices.Prompt, prices.Output)
		return r
	}
	ref := make([]time.Duration, 0, b.N)
	added := make([]time.Duration, 0, b.N)
	voucher := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		t0 := time.Now()
		r := receipt(i)
		if err := r.Validate(); err != nil {
			b.Fatal(err)
		}
		if err := r.Sign(op); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		sa, err := wal.Authorize(op.Address(), "bench", epoch, prices, 1<<44)
		if err != nil {
			b.Fatal(err)
		}
		tk, err := gate.Check(sa, epoch)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := tk.MaxOutputTokens(pt); err != nil {
			b.Fatal(err)
		}
		r = receipt(i)
		if err := tk.Stamp(r); err != nil {
			b.Fatal(err)
		}
		if _, err := gate.Charge(tk, pt, ot); err != nil {
			b.Fatal(err)
		}
		ts := time.Now()
		if err := r.Sign(op); err != nil { // replaces the unpaid signature: not added work
			b.Fatal(err)
		}
		signPaid := time.Since(ts)
		t2 := time.Now()
		sv, err := wal.Accept(sa, r, pt, ot, payments.TokenHash(out))
		if err != nil {
			b.Fatal(err)
		}
		if err := gate.AcceptVoucher(sv); err != nil {
			b.Fatal(err)
		}
		if _, err := sv.Encode(); err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		ref = append(ref, t1.Sub(t0))
		added = append(added, t2.Sub(t1)-signPaid)
		voucher = append(voucher, t3.Sub(t2))
	}
	b.StopTimer()
	us := func(x time.Duration) float64 { return float64(x) / float64(time.Microsecond) }
	p99 := func(ds []time.Duration) time.Duration {
		s := slices.Clone(ds)
		slices.Sort(s)
		return s[min(len(s)-1, len(s)*99/100)]
	}
	mean := func(ds []time.Duration) time.Duration {
		var sum time.Duration
		for _, x := range ds {
			sum += x
		}
		return sum / time.Duration(len(ds))
	}
	b.ReportMetric(us(p99(ref)), "receipt-p99-µs")
	b.ReportMetric(us(mean(added)), "serving-µs/op")
	b.ReportMetric(us(p99(added)), "serving-p99-µs")
	b.ReportMetric(float64(p99(added))/float64(time.Millisecond), "serving-p99/1ms")
	b.ReportMetric(us(mean(voucher)), "voucher-µs/op")
	b.ReportMetric(us(p99(voucher)), "voucher-p99-µs")
}

func mustAccount(b *testing.B) *account.Key {
	k, err := account.Generate()
	if err != nil {
		b.Fatal(err)
	}
	return k
}
