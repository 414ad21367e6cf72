package node

import (
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/pay"
)

// settleEpochFixture is an epoch of paid receipts in a receipt store as
// an aggregator keeps them (receipt, index and settlement row, written by
// put), shaped like package pay's settlement benchmark: 1,000 payers, 50
// operators (each payer uses 1-10), 20 bases, half the receipts with one
// of 500 adapters, 1-4 records each of 200,000 by 50,000 contributors;
// one voucher per pair, 80% exact, 10% lower (scaled), 10% higher; a
// third of the payers sign with a bound session key.
type settleEpochFixture struct {
	store    *receiptStore
	dir      string
	epoch    uint64
	receipts []*attribution.Receipt
	in       pay.SettleInput // without Receipts
	pairs    int
}

func newSettleEpochFixture(tb testing.TB, n int, legacyEvery int) *settleEpochFixture {
	tb.Helper()
	const epoch, nPayers, nOps = 9, 1000, 50
	rng := rand.New(rand.NewPCG(2026, 12))
	randAddr := func() common.Address {
		var a common.Address
		for i := range a {
			a[i] = byte(rng.Uint32())
		}
		return a
	}
	payers, signers := make([]*account.Key, nPayers), make([]*account.Key, nPayers)
	bound := map[common.Address]common.Address{}
	for i := range payers {
		payers[i] = mustKeyTB(tb)
		signers[i] = payers[i]
		if i%3 == 0 {
			signers[i] = mustKeyTB(tb)
			bound[signers[i].Address()] = payers[i].Address()
		}
	}
	ops := make([]common.Address, nOps)
	for i := range ops {
		ops[i] = randAddr()
	}
	subsets := make([][]int, nPayers)
	for i := range subsets {
		subsets[i] = rng.Perm(nOps)[:1+rng.IntN(10)]
	}
	type model struct {
		cid   string
		owner common.Address
	}
	bases := make([]model, 20)
	for i := range bases {
		bases[i] = model{nameCID(fmt.Sprint("base", i)), randAddr()}
	}
	adapters := make([]model, 500)
	for i := range adapters {
		adapters[i] = model{nameCID(fmt.Sprint("adapter", i)), randAddr()}
	}
	contributors := make([]common.Address, 50_000)
	for i := range contributors {
		contributors[i] = randAddr()
	}
	dn := nameCID("datanet")
	recCIDs := make([]string, 200_000)
	for i := range recCIDs {
		recCIDs[i] = nameCID(fmt.Sprint("rec", i))
	}
	slices.Sort(recCIDs)
	recOwner := make([]common.Address, len(recCIDs))
	for i := range recOwner {
		recOwner[i] = contributors[rng.IntN(len(contributors))]
	}
	dir := tb.TempDir()
	st, err := openReceiptStore(dir, false)
	if err != nil {
		tb.Fatal(err)
	}
	f := &settleEpochFixture{store: st, dir: dir, epoch: epoch}
	type pk struct{ p, o int }
	sums := map[pk]uint64{}
	sig := make([]byte, account.SignatureLen)
	for i := range n {
		pi := rng.IntN(nPayers)
		oi := subsets[pi][rng.IntN(len(subsets[pi]))]
		b := bases[rng.IntN(len(bases))]
		r := &attribution.Receipt{Version: attribution.ReceiptVersion, Epoch: epoch, RequestID: fmt.Sprint("r", i),
			Base: attribution.Model{CID: b.cid, Owner: b.owner}, Payer: payers[pi].Address(), Operator: ops[oi],
			PromptTokens: 20 + rng.Uint32N(2000), OutputTokens: 1 + rng.Uint32N(1000),
			PromptPrice: 1_000_000_000_000, OutputPrice: 3_000_000_000_000, Time: 1_700_000_000_000 + int64(i)}
		if rng.IntN(2) == 0 {
			a := adapters[rng.IntN(len(adapters))]
			r.Adapters = []attribution.Adapter{{CID: a.cid, Owner: a.owner, Weight: 500_000}}
		}
		k := 1 + rng.IntN(4)
		start := rng.IntN(len(recCIDs) - 4)
		for j := range k {
			r.Records = append(r.Records, attribution.Record{CID: recCIDs[start+j], Datanet: dn, Contributor: recOwner[start+j],
				Weight: uint64(attribution.WeightScale / k)})
		}
		for j := range r.Auth {
			r.Auth[j] = byte(rng.Uint32())
		}
		for j := range r.PromptHash {
			r.PromptHash[j], r.OutputHash[j] = byte(rng.Uint32()), byte(rng.Uint32())
		}
		if r.Fee, err = attribution.Fee(r.PromptTokens, r.OutputTokens, r.PromptPrice, r.OutputPrice); err != nil {
			tb.Fatal(err)
		}
		for j := range sig {
			sig[j] = byte(rng.Uint32())
		}
		r.Sig = slices.Clone(sig)
		if err := r.Validate(); err != nil {
			tb.Fatal(err)
		}
		id, err := r.ID()
		if err != nil {
			tb.Fatal(err)
		}
		enc, err := r.Encode()
		if err != nil {
			tb.Fatal(err)
		}
		var row []byte
		if legacyEvery == 0 || i%legacyEvery != 0 {
			row = pay.AppendRow(nil, r)
		}
		if _, err := st.put(id, epoch, enc, row); err != nil {
			tb.Fatal(err)
		}
		f.receipts = append(f.receipts, r)
		sums[pk{pi, oi}] += r.Fee
	}
	keys := make([]pk, 0, len(sums))
	for k := range sums {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, c pk) int { return (a.p*nOps + a.o) - (c.p*nOps + c.o) })
	dom := pay.Domain{ChainID: 1337, Escrow: common.HexToAddress("0x00000000000000000000000000000000000000e5")}
	var vs []pay.SignedVoucher
	for _, k := range keys {
		amount := sums[k]
		switch x := rng.IntN(10); {
		case x == 0:
			amount -= amount / 7
		case x == 1:
			amount += amount / 7
		}
		sv, err := pay.Voucher{Payer: payers[k.p].Address(), Operator: ops[k.o], Epoch: epoch, Amount: amount}.Sign(signers[k.p], dom)
		if err != nil {
			tb.Fatal(err)
		}
		vs = append(vs, sv)
	}
	f.in = pay.SettleInput{Domain: dom, Epoch: epoch, Split: attribution.DefaultSplitParams(), Vouchers: vs,
		PayerOf: func(s common.Address) (common.Address, error) { return bound[s], nil }}
	f.pairs = len(keys)
	return f
}

func mustKeyTB(tb testing.TB) *account.Key {
	tb.Helper()
	k, err := account.Generate()
	if err != nil {
		tb.Fatal(err)
	}
	return k
}

// settle runs pay.Settle over receipts.
func (f *settleEpochFixture) settle(tb testing.TB, receipts []*attribution.Receipt) *pay.Settlement {
	tb.Helper()
	in := f.in
	in.Receipts = receipts
	st, err := pay.Settle(in)
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

// decodeAll is what settlement did before rows: every receipt of the
// epoch fetched by ID and decoded (canonical form and structure checked).
func (f *settleEpochFixture) decodeAll(tb testing.TB) []*attribution.Receipt {
	tb.Helper()
	ids, err := f.store.epochIDs(f.epoch)
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]*attribution.Receipt, 0, len(ids))
	for _, id := range ids {
		b, err := f.store.get(id)
		if err != nil {
			tb.Fatal(err)
		}
		r, err := attribution.DecodeReceipt(b)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func sameSettlement(a, b *pay.Settlement) bool {
	return a.Root == b.Root && a.ChargeTotal.Cmp(b.ChargeTotal) == 0 && a.ClaimsTotal.Cmp(b.ClaimsTotal) == 0 &&
		reflect.DeepEqual(a.Payouts, b.Payouts) && reflect.DeepEqual(a.Claims, b.Claims) && a.Free == b.Free &&
		len(a.Redemptions) == len(b.Redemptions)
}

// The settlement rows stored with the receipts, read back after the store
// is reopened (a restart), settle the epoch exactly as its decoded
// receipts do; entries stored without a row (before rows existed) are
// decoded from their receipts.
func TestSettleRowsMatchReceipts(t *testing.T) {
	f := newSettleEpochFixture(t, 3000, 7)
	if err := f.store.close(); err != nil {
		t.Fatal(err)
	}
	var err error
	if f.store, err = openReceiptStore(f.dir, false); err != nil {
		t.Fatal(err)
	}
	defer f.store.close()
	rows, legacy, err := f.store.settleRows(f.epoch)
	if err != nil {
		t.Fatal(err)
	}
	if rows.Len() != 3000 || legacy != (3000+6)/7 {
		t.Fatalf("%d rows, %d legacy; want 3000 and %d", rows.Len(), legacy, (3000+6)/7)
	}
	want := f.settle(t, f.decodeAll(t))
	got := f.settle(t, rows.Receipts())
	if !sameSettlement(want, got) {
		t.Fatalf("rows settle to root %x charge %s, receipts to %x %s", got.Root, got.ChargeTotal, want.Root, want.ChargeTotal)
	}
	if len(want.Redemptions) != f.pairs || want.ChargeTotal.Sign() == 0 {
		t.Fatalf("%d redemptions of %d pairs", len(want.Redemptions), f.pairs)
	}
	// A row the store cannot read fails settlement; it is not skipped.
	if _, err := f.store.put(attribution.ReceiptID{1}, f.epoch, []byte{0xa0}, []byte{9, 9}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.store.settleRows(f.epoch); err == nil {
		t.Fatal("a malformed row was skipped")
	}
}

func procCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSettleEpochNode is the aggregator's settlement step for one
// epoch of PROVENET_BENCH_SETTLE_RECEIPTS receipts (default 100,000):
// rows-* reads the epoch's settlement rows from the receipt store and
// runs pay.Settle (what settleEpoch does now); decode-* fetches and
// decodes every receipt and runs pay.Settle (what it did before);
// settle-* is pay.Settle alone over the receipts in memory, in the same
// run. cpu-s is process CPU (GC and badger's goroutines included);
// per-1M figures scale linearly (the per-pair voucher checks do not, so
// run 1M for the target); ecrecover-µs is the raw signature recovery in
// the same run. Target: under 5 cpu-s for 1M receipts.
// Run it with -cpu 1 -benchtime 1x.
func BenchmarkSettleEpochNode(b *testing.B) {
	n := 100_000
	if s := os.Getenv("PROVENET_BENCH_SETTLE_RECEIPTS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	f := newSettleEpochFixture(b, n, 0)
	defer f.store.close()
	b.ResetTimer()
	var rowsCPU, readCPU, decodeCPU, settleCPU time.Duration
	for range b.N {
		c0 := procCPU()
		rows, _, err := f.store.settleRows(f.epoch)
		if err != nil {
			b.Fatal(err)
		}
		c1 := procCPU()
		viaRows := f.settle(b, rows.Receipts())
		c2 := procCPU()
		viaDecode := f.settle(b, f.decodeAll(b))
		c3 := procCPU()
		direct := f.settle(b, f.receipts)
		c4 := procCPU()
		if !sameSettlement(viaRows, direct) || !sameSettlement(viaDecode, direct) {
			b.Fatal("the three paths settle differently")
		}
		readCPU += c1 - c0
		rowsCPU += c2 - c0
		decodeCPU += c3 - c2
		settleCPU += c4 - c3
	}
	b.StopTimer()
	// The raw signature recovery rate, measured in the same run: the unit
	// the per-pair voucher checks are paid in.
	k := mustKeyTB(b)
	h := common.Hash{1, 2, 3}
	sg, err := k.SignHash(h)
	if err != nil {
		b.Fatal(err)
	}
	const recovers = 2000
	c0 := procCPU()
	for range recovers {
		if _, err := account.RecoverHash(h, sg); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((procCPU()-c0).Microseconds())/recovers, "ecrecover-cpu-µs")
	per := func(d time.Duration) float64 { return d.Seconds() / float64(b.N) }
	perM := func(d time.Duration) float64 { return per(d) * 1e6 / float64(n) }
	b.ReportMetric(float64(n), "receipts")
	b.ReportMetric(float64(f.pairs), "pairs")
	b.ReportMetric(per(rowsCPU), "rows-cpu-s")
	b.ReportMetric(per(readCPU), "rows-read-cpu-s")
	b.ReportMetric(per(decodeCPU), "decode-cpu-s")
	b.ReportMetric(per(settleCPU), "settle-cpu-s")
	b.ReportMetric(perM(rowsCPU), "rows-cpu-s/1M")
	b.ReportMetric(perM(decodeCPU), "decode-cpu-s/1M")
	b.ReportMetric(perM(settleCPU), "settle-cpu-s/1M")
}
