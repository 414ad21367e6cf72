package attribution

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestFee(t *testing.T) {
	cases := []struct {
		p, o  uint32
		price uint64
		want  uint64
	}{
		{0, 0, 100, 0},
		{1, 0, 1, 1},        // ceil(1/1000)
		{500, 500, 7, 7},    // exact
		{999, 0, 1000, 999}, // exact
		{1, 1, 1000, 2},     // exact
		{3, 0, 333, 1},      // ceil(999/1000)
		{1001, 0, 1, 2},     // ceil(1001/1000)
		{MaxTokens, MaxTokens, math.MaxUint64 / (2 * MaxTokens), 0}, // filled below
	}
	last := &cases[len(cases)-1]
	last.want = (uint64(2*MaxTokens)*last.price + 999) / 1000 // fits: no overflow at this price
	for _, c := range cases {
		got, err := Fee(c.p, c.o, c.price)
		if err != nil || got != c.want {
			t.Errorf("Fee(%d,%d,%d) = %d, %v; want %d", c.p, c.o, c.price, got, err, c.want)
		}
	}
	if _, err := Fee(math.MaxUint32, math.MaxUint32, math.MaxUint64); !errors.Is(err, ErrOverflow) {
		t.Fatalf("overflow: %v", err)
	}
	// The largest fee that fits.
	if got, err := Fee(1000, 0, math.MaxUint64); err != nil || got != math.MaxUint64 {
		t.Fatalf("max: %d %v", got, err)
	}
}

func sumPayouts(ps []Payout) uint64 {
	var s uint64
	for _, p := range ps {
		s += p.Amount
	}
	return s
}

func TestSplitExample(t *testing.T) {
	r := testReceipt(testAddr(5), 1)
	r.Fee = 1000
	ps, err := Split(r, DefaultSplitParams())
	if err != nil {
		t.Fatal(err)
	}
	// operator 500; model 200: adapter owner 120, base owner 80;
	// data 300: 210 and 90.
	want := []Payout{
		{testAddr(5), 500, RoleOperator},
		{testAddr(1), 80, RoleModel},
		{testAddr(2), 120, RoleModel},
		{testAddr(10), 210, RoleData},
		{testAddr(11), 90, RoleData},
	}
	if !slices.Equal(ps, want) {
		t.Fatalf("got %+v\nwant %+v", ps, want)
	}
	// No records: the data share goes to the model share.
	r.Records = nil
	ps, _ = Split(r, DefaultSplitParams())
	want = []Payout{
		{testAddr(5), 500, RoleOperator},
		{testAddr(1), 200, RoleModel},
		{testAddr(2), 300, RoleModel},
	}
	if !slices.Equal(ps, want) {
		t.Fatalf("no records: got %+v", ps)
	}
	if _, err := Split(r, SplitParams{1, 2, 3}); !errors.Is(err, ErrBadParams) {
		t.Fatal(err)
	}
}

func TestLargestRemainderTies(t *testing.T) {
	// 10 among three equal weights: 4, 3, 3 (tie to the lowest index).
	if got := largestRemainder(10, []uint64{1, 1, 1}); !slices.Equal(got, []uint64{4, 3, 3}) {
		t.Fatal(got)
	}
	if got := largestRemainder(5, []uint64{0, 0}); !slices.Equal(got, []uint64{0, 0}) {
		t.Fatal(got)
	}
	if got := largestRemainder(math.MaxUint64, []uint64{1, 2}); got[0]+got[1] != math.MaxUint64 {
		t.Fatal(got)
	}
}

// TestSplitProperties: random receipts and params; the payouts sum to the
// fee exactly, are positive, sorted, and deterministic (independent of
// record order and repeat calls).
func TestSplitProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for iter := 0; iter < 5000; iter++ {
		r := testReceipt(testAddr(rng.IntN(4)), iter)
		r.Fee = rng.Uint64() >> rng.IntN(64)
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
		a := uint32(rng.IntN(BpsScale + 1))
		b := uint32(rng.IntN(BpsScale - int(a) + 1))
		p := SplitParams{OperatorBps: a, ModelOwnerBps: b, DataBps: BpsScale - a - b}
		ps, err := Split(r, p)
		if err != nil {
			t.Fatal(err)
		}
		if s := sumPayouts(ps); s != r.Fee {
			t.Fatalf("iter %d: sum %d, fee %d", iter, s, r.Fee)
		}
		for i, x := range ps {
			if x.Amount == 0 {
				t.Fatal("zero payout")
			}
			if i > 0 && ps[i-1].Role == x.Role && compareAddr(ps[i-1].Address, x.Address) >= 0 {
				t.Fatal("unsorted or duplicate payout")
			}
		}
		rng.Shuffle(len(r.Records), func(i, j int) { r.Records[i], r.Records[j] = r.Records[j], r.Records[i] })
		again, _ := Split(r, p)
		if !slices.Equal(ps, again) {
			t.Fatal("not deterministic")
		}
	}
}
