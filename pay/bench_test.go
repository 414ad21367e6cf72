package pay

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/attribution"
)

// The settlement benchmark's epoch: 1,000,000 receipts from 1,000 payers
// to 50 operators. Each payer uses a random subset of 1-10 operators;
// every receipt has one base model (of 20), 0-1 adapters (of 500) and 1-4
// records (of 200,000, by 50,000 contributors). Each pair hands in one
// voucher: 80% cover the pair's fees exactly, 10% are lower (the pair is
// scaled), 10% higher; a third of the payers sign with a bound session
// key.
const (
	benchReceipts  = 1_000_000
	benchPayers    = 1_000
	benchOperators = 50
)

type settleFixture struct {
	in    SettleInput
	pairs int
}

var (
	settleOnce sync.Once
	settleFix  *settleFixture
)

func benchSettleFixture(b *testing.B) *settleFixture {
	settleOnce.Do(func() { settleFix = buildSettleFixture(b) })
	return settleFix
}

func buildSettleFixture(b *testing.B) *settleFixture {
	rng := rand.New(rand.NewPCG(2026, 1))
	randAddr := func() common.Address {
		var a common.Address
		for i := range a {
			a[i] = byte(rng.Uint32())
		}
		return a
	}
	payers := make([]*account.Key, benchPayers)
	signers := make([]*account.Key, benchPayers)
	bound := map[common.Address]common.Address{}
	for i := range payers {
		payers[i] = mustKey(b)
		signers[i] = payers[i]
		if i%3 == 0 {
			signers[i] = mustKey(b)
			bound[signers[i].Address()] = payers[i].Address()
		}
	}
	ops := make([]common.Address, benchOperators)
	for i := range ops {
		ops[i] = randAddr()
	}
	subsets := make([][]int, benchPayers)
	for i := range subsets {
		subsets[i] = rng.Perm(benchOperators)[:1+rng.IntN(10)]
	}
	type model struct {
		cid   string
		owner common.Address
	}
	bases := make([]model, 20)
	for i := range bases {
		bases[i] = model{testCID(fmt.Sprint("base", i)), randAddr()}
	}
	adapterOwners := make([]common.Address, 100)
	for i := range adapterOwners {
		adapterOwners[i] = randAddr()
	}
	adapters := make([]model, 500)
	for i := range adapters {
		adapters[i] = model{testCID(fmt.Sprint("adapter", i)), adapterOwners[rng.IntN(len(adapterOwners))]}
	}
	contributors := make([]common.Address, 50_000)
	for i := range contributors {
		contributors[i] = randAddr()
	}
	datanets := []string{testCID("dn0"), testCID("dn1"), testCID("dn2")}
	type rec struct {
		cid, datanet string
		contrib      common.Address
	}
	recs := make([]rec, 200_000)
	for i := range recs {
		recs[i] = rec{testCID(fmt.Sprint("rec", i)), datanets[rng.IntN(len(datanets))], contributors[rng.IntN(len(contributors))]}
	}
	slices.SortFunc(recs, func(a, c rec) int {
		if a.cid != c.cid {
			return map[bool]int{true: -1, false: 1}[a.cid < c.cid]
		}
		return 0
	})

	store := make([]attribution.Receipt, benchReceipts)
	recStore := make([]attribution.Record, 0, benchReceipts*5/2)
	adStore := make([]attribution.Adapter, 0, benchReceipts/2)
	receipts := make([]*attribution.Receipt, benchReceipts)
	type pk struct{ p, o int }
	sums := map[pk]uint64{}
	prices := Prices{Prompt: 1_000_000_000_000, Output: 3_000_000_000_000}
	for i := range store {
		pi := rng.IntN(benchPayers)
		oi := subsets[pi][rng.IntN(len(subsets[pi]))]
		r := &store[i]
		r.Version, r.Epoch, r.RequestID = attribution.ReceiptVersion, 5, fmt.Sprint("r", i)
		base := bases[rng.IntN(len(bases))]
		r.Base = attribution.Model{CID: base.cid, Owner: base.owner}
		if rng.IntN(2) == 0 {
			a := adapters[rng.IntN(len(adapters))]
			adStore = append(adStore, attribution.Adapter{CID: a.cid, Owner: a.owner, Weight: 500_000})
			r.Adapters = adStore[len(adStore)-1:]
		}
		n := 1 + rng.IntN(4)
		start := rng.IntN(len(recs) - 4)
		w := uint64(attribution.WeightScale / n)
		first := len(recStore)
		for k := range n {
			rc := recs[start+k]
			recStore = append(recStore, attribution.Record{CID: rc.cid, Datanet: rc.datanet, Contributor: rc.contrib, Weight: w})
		}
		r.Records = recStore[first:len(recStore):len(recStore)]
		r.PromptTokens, r.OutputTokens = 20+rng.Uint32N(2000), 1+rng.Uint32N(1000)
		r.Payer, r.Operator = payers[pi].Address(), ops[oi]
		for k := 0; k < 32; k += 8 {
			v := rng.Uint64()
			for j := range 8 {
				r.Auth[k+j] = byte(v >> (8 * j))
			}
		}
		r.PromptPrice, r.OutputPrice = prices.Prompt, prices.Output
		r.Fee, _ = Fee(r.PromptTokens, r.OutputTokens, prices)
		r.Time = 1_700_000_000_000 + int64(i)
		receipts[i] = r
		sums[pk{pi, oi}] += r.Fee
	}
	keys := make([]pk, 0, len(sums))
	for k := range sums {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, c pk) int { return (a.p*benchOperators + a.o) - (c.p*benchOperators + c.o) })
	var vs []SignedVoucher
	for _, k := range keys {
		amount := sums[k]
		switch x := rng.IntN(10); {
		case x == 0:
			amount -= amount / 7
		case x == 1:
			amount += amount / 7
		}
		sv, err := Voucher{Payer: payers[k.p].Address(), Operator: ops[k.o], Epoch: 5, Amount: amount}.Sign(signers[k.p], testDomain)
		if err != nil {
			b.Fatal(err)
		}
		vs = append(vs, sv)
	}
	return &settleFixture{
		in: SettleInput{Domain: testDomain, Epoch: 5, Split: attribution.DefaultSplitParams(), Vouchers: vs, Receipts: receipts,
			PayerOf: func(s common.Address) (common.Address, error) { return bound[s], nil }},
		pairs: len(keys),
	}
}

// cpuTime is the process's user and system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSettle1M settles the fixture epoch; run it with -cpu 1
// -benchtime 3x. cpu-s/op is the process CPU time per settlement (GC
// included); the fixture is built before the timer starts.
func BenchmarkSettle1M(b *testing.B) {
	f := benchSettleFixture(b)
	b.ReportAllocs()
	b.ResetTimer()
	c0 := cpuTime()
	var st *Settlement
	for range b.N {
		var err error
		if st, err = Settle(f.in); err != nil {
			b.Fatal(err)
		}
	}
	cpu := cpuTime() - c0
	b.StopTimer()
	scaled := 0
	for _, r := range st.Redemptions {
		if r.Fees.IsUint64() && r.Charge < r.Fees.Uint64() {
			scaled++
		}
	}
	if len(st.Redemptions) != f.pairs || len(st.Rejected) != 0 {
		b.Fatalf("%d redemptions of %d pairs, %d rejected", len(st.Redemptions), f.pairs, len(st.Rejected))
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(f.pairs), "pairs")
	b.ReportMetric(float64(scaled), "scaled-pairs")
	b.ReportMetric(float64(len(st.Claims)), "claims")
}

// BenchmarkEcrecover is the raw signature recovery rate (account.
// RecoverHash: secp256k1 recovery and the address hash), the unit the
// settlement's cost compares to.
func BenchmarkEcrecover(b *testing.B) {
	k := mustKey(b)
	h := crypto.Keccak256Hash([]byte("voucher"))
	sig, err := k.SignHash(h)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if _, err := account.RecoverHash(h, sig); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPaidRequestOverhead is the operator's per-request work with
// and without payment: unpaid builds, validates and signs a receipt; paid
// also runs Gate.Check (signature recovery, binding and funds), Charge and
// Ticket.Stamp. The two alternate in one loop; the authorizations are
// signed before the timer starts. It reports the means, the p99s and the
// added mean and p99 of the payment part alone.
func BenchmarkPaidRequestOverhead(b *testing.B) {
	op, payer, session := mustKey(b), mustKey(b), mustKey(b)
	bd := newBindings()
	bd.available[payer.Address()] = 1 << 62
	bd.payerOf[session.Address()] = payer.Address()
	prices := Prices{Prompt: 1_000_000_000_000, Output: 3_000_000_000_000}
	g, err := NewGate(op.Address(), testDomain, prices, bd, NewMemGateStore())
	if err != nil {
		b.Fatal(err)
	}
	w, _ := NewWallet(session, payer.Address(), testDomain, NewMemWalletStore())
	sas := make([]SignedAuthorization, b.N)
	for i := range sas {
		if sas[i], err = w.Authorize(op.Address(), "provenet-base", 5, prices, 1<<50); err != nil {
			b.Fatal(err)
		}
	}
	build := func(i int) *attribution.Receipt {
		r := unpaidReceipt(op.Address(), i, 512, 256)
		r.PromptPrice, r.OutputPrice = prices.Prompt, prices.Output
		r.Fee, _ = Fee(r.PromptTokens, r.OutputTokens, prices)
		return r
	}
	unpaid := make([]time.Duration, 0, b.N)
	paid := make([]time.Duration, 0, b.N)
	payment := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		t0 := time.Now()
		r := build(i)
		if err := r.Validate(); err != nil {
			b.Fatal(err)
		}
		if err := r.Sign(op); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		tk, err := g.Check(sas[i], 5)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := g.Charge(tk, 512, 256); err != nil {
			b.Fatal(err)
		}
		r = build(i)
		if err := tk.Stamp(r); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		if err := r.Validate(); err != nil {
			b.Fatal(err)
		}
		if err := r.Sign(op); err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		unpaid = append(unpaid, t1.Sub(t0))
		payment = append(payment, t2.Sub(t1))
		paid = append(paid, t3.Sub(t1))
	}
	b.StopTimer()
	us := func(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }
	mean := func(ds []time.Duration) time.Duration {
		var s time.Duration
		for _, d := range ds {
			s += d
		}
		return s / time.Duration(len(ds))
	}
	p99 := func(ds []time.Duration) time.Duration {
		s := slices.Clone(ds)
		slices.Sort(s)
		return s[min(len(s)-1, len(s)*99/100)]
	}
	b.ReportMetric(us(mean(unpaid)), "unpaid-µs/op")
	b.ReportMetric(us(mean(paid)), "paid-µs/op")
	b.ReportMetric(us(mean(payment)), "added-µs/op")
	b.ReportMetric(us(p99(unpaid)), "unpaid-p99-µs")
	b.ReportMetric(us(p99(paid)), "paid-p99-µs")
	b.ReportMetric(us(p99(payment)), "added-p99-µs")
}
