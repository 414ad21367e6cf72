package attribution

import (
	"bytes"
	"cmp"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSplitterMatchesSplit checks a reused Splitter against the Split of
// receipt version 1 (kept below as referenceSplit, byte for byte the
// former implementation) on random receipts and parameters, with fees
// other than r.Fee, and that a warm Splitter does not allocate.
func TestSplitterMatchesSplit(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	splitters := map[SplitParams]*Splitter{}
	for iter := 0; iter < 5000; iter++ {
		r := testReceipt(testAddr(rng.IntN(4)), iter)
		r.Adapters = nil
		left := uint32(WeightScale)
		for i := range rng.IntN(4) {
			w := rng.Uint32N(left + 1)
			left -= w
			r.Adapters = append(r.Adapters, Adapter{CID: testCID(string(rune('a' + i))), Owner: testAddr(rng.IntN(6)), Weight: w})
		}
		r.Records = nil
		lw := uint64(WeightScale)
		for i := range rng.IntN(20) {
			w := rng.Uint64N(lw + 1)
			lw -= w
			r.Records = append(r.Records, Record{CID: testCID(string(rune('A' + i))), Datanet: testCID("dn"), Contributor: testAddr(rng.IntN(8)), Weight: w})
		}
		var p SplitParams
		if rng.IntN(2) == 0 {
			p = DefaultSplitParams()
		} else {
			a := uint32(rng.IntN(BpsScale + 1))
			b := uint32(rng.IntN(BpsScale - int(a) + 1))
			p = SplitParams{OperatorBps: a, ModelOwnerBps: b, DataBps: BpsScale - a - b}
		}
		s := splitters[p]
		if s == nil {
			var err error
			if s, err = NewSplitter(p); err != nil {
				t.Fatal(err)
			}
			splitters[p] = s
		}
		fee := rng.Uint64() >> rng.IntN(64)
		got, err := s.Split(r, fee)
		if err != nil {
			t.Fatal(err)
		}
		c := *r
		c.Fee = fee
		want, err := referenceSplit(&c, p)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("iter %d: splitter %+v\nreference %+v", iter, got, want)
		}
		if byFee, _ := Split(&c, p); !slices.Equal(byFee, want) {
			t.Fatalf("iter %d: Split differs from the reference", iter)
		}
	}
	s, _ := NewSplitter(DefaultSplitParams())
	r := testReceipt(testAddr(1), 1)
	if n := testing.AllocsPerRun(100, func() { _, _ = s.Split(r, 12345) }); n != 0 {
		t.Fatalf("warm Splitter allocates %v times per split", n)
	}
	if _, err := NewSplitter(SplitParams{OperatorBps: 1}); err == nil {
		t.Fatal("bad params accepted")
	}
}

func referenceSplit(r *Receipt, p SplitParams) ([]Payout, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	model := mulDiv(r.Fee, uint64(p.ModelOwnerBps), BpsScale)
	data := mulDiv(r.Fee, uint64(p.DataBps), BpsScale)
	operator := r.Fee - model - data

	var dataParties []party
	for _, rec := range r.Records {
		if rec.Weight > WeightScale {
			return nil, fmt.Errorf("%w: record weight %d", ErrMalformed, rec.Weight)
		}
		if rec.Weight > 0 {
			dataParties = append(dataParties, party{addr: rec.Contributor, w: rec.Weight})
		}
	}
	if len(dataParties) == 0 {
		model += data
		data = 0
	}
	var modelParties []party
	var adapterSum uint64
	for _, a := range r.Adapters {
		if a.Weight > 0 {
			modelParties = append(modelParties, party{addr: a.Owner, w: uint64(a.Weight)})
			adapterSum += uint64(a.Weight)
		}
	}
	if adapterSum > WeightScale {
		return nil, fmt.Errorf("%w: adapter weights sum to %d", ErrMalformed, adapterSum)
	}
	if adapterSum < WeightScale {
		modelParties = append(modelParties, party{addr: r.Base.Owner, w: WeightScale - adapterSum})
	}

	out := make([]Payout, 0, 1+len(modelParties)+len(dataParties))
	if operator > 0 {
		out = append(out, Payout{Address: r.Operator, Amount: operator, Role: RoleOperator})
	}
	out = referenceAppendShares(out, model, modelParties, RoleModel)
	out = referenceAppendShares(out, data, dataParties, RoleData)
	return out, nil
}

// appendShares divides amount among parties by the largest remainder
// method and appends the non-zero parts, sorted by address.
func referenceAppendShares(out []Payout, amount uint64, ps []party, role Role) []Payout {
	if amount == 0 || len(ps) == 0 {
		return out
	}
	slices.SortFunc(ps, func(a, b party) int { return bytes.Compare(a.addr[:], b.addr[:]) })
	merged := ps[:1]
	for _, p := range ps[1:] {
		if last := &merged[len(merged)-1]; last.addr == p.addr {
			last.w += p.w
			continue
		}
		merged = append(merged, p)
	}
	ws := make([]uint64, len(merged))
	for i, p := range merged {
		ws[i] = p.w
	}
	for i, amt := range referenceLargestRemainder(amount, ws) {
		merged[i].amt = amt
	}
	for _, p := range merged {
		if p.amt > 0 {
			out = append(out, Payout{Address: p.addr, Amount: p.amt, Role: role})
		}
	}
	return out
}

func referenceLargestRemainder(amount uint64, ws []uint64) []uint64 {
	out := make([]uint64, len(ws))
	var total uint64
	for _, w := range ws {
		total += w
	}
	if total == 0 || amount == 0 {
		return out
	}
	rems := make([]uint64, len(ws))
	left := amount
	for i, w := range ws {
		hi, lo := bits.Mul64(amount, w)
		out[i], rems[i] = bits.Div64(hi, lo, total) // hi < total since w <= total
		left -= out[i]
	}
	if left == 0 {
		return out
	}
	order := make([]int, len(ws))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(rems[b], rems[a]) })
	for _, i := range order[:left] {
		out[i]++
	}
	return out
}
