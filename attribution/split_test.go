package attribution

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestFee(t *testing.T) {
	cases := []struct {
		p, o   uint32
		pp, op uint64
		want   uint64
	}{
		{0, 0, 100, 100, 0},
		{1, 0, 1, 0, 1},        // ceil(1/1000)
		{0, 1, 0, 1, 1},        // ceil(1/1000)
		{500, 500, 7, 7, 7},    // exact
		{999, 0, 1000, 5, 999}, // exact
		{1, 1, 1000, 1000, 2},  // exact
		{3, 0, 333, 0, 1},      // ceil(999/1000)
		{1001, 0, 1, 0, 2},     // ceil(1001/1000)
		{1, 1, 400, 601, 2},    // ceil(1001/1000)
		{1, 1, 400, 600, 1},    // exact 1000
		{100, 256, 3, 11, 4},   // ceil(3116/1000)
		{1000, 0, math.MaxUint64, 0, math.MaxUint64},
		{0, 1000, 0, math.MaxUint64, math.MaxUint64},
		{500, 500, math.MaxUint64, math.MaxUint64, math.MaxUint64},
	}
	for _, c := range cases {
		got, err := Fee(c.p, c.o, c.pp, c.op)
		if err != nil || got != c.want {
			t.Errorf("Fee(%d,%d,%d,%d) = %d, %v; want %d", c.p, c.o, c.pp, c.op, got, err, c.want)
		}
	}
	for _, c := range []struct {
		p, o   uint32
		pp, op uint64
	}{
		{math.MaxUint32, math.MaxUint32, math.MaxUint64, math.MaxUint64},
		{1001, 0, math.MaxUint64, 0},
		{0, 1001, 0, math.MaxUint64},
		{500, 501, math.MaxUint64, math.MaxUint64},
	} {
		if _, err := Fee(c.p, c.o, c.pp, c.op); !errors.Is(err, ErrOverflow) {
			t.Errorf("Fee(%d,%d,%d,%d): %v, want ErrOverflow", c.p, c.o, c.pp, c.op, err)
		}
	}
}

// TestFeeMatchesBigInt checks Fee against math/big on random inputs over
// the whole range, overflow included.
func TestFeeMatchesBigInt(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	maxU64 := new(big.Int).SetUint64(math.MaxUint64)
	pick := func() uint64 {
		switch rng.IntN(3) {
		case 0:
			return rng.Uint64()
		case 1:
			return rng.Uint64N(1 << 40)
		}
		return math.MaxUint64 - rng.Uint64N(3)
	}
	for range 20000 {
		p, o := rng.Uint32()>>rng.IntN(32), rng.Uint32()>>rng.IntN(32)
		pp, op := pick(), pick()
		x := new(big.Int).Mul(big.NewInt(int64(p)), new(big.Int).SetUint64(pp))
		x.Add(x, new(big.Int).Mul(big.NewInt(int64(o)), new(big.Int).SetUint64(op)))
		x.Add(x, big.NewInt(999))
		x.Quo(x, big.NewInt(1000))
		got, err := Fee(p, o, pp, op)
		if x.Cmp(maxU64) > 0 {
			if !errors.Is(err, ErrOverflow) {
				t.Fatalf("Fee(%d,%d,%d,%d) = %d, %v; want overflow", p, o, pp, op, got, err)
			}
			continue
		}
		if err != nil || got != x.Uint64() {
			t.Fatalf("Fee(%d,%d,%d,%d) = %d, %v; want %s", p, o, pp, op, got, err, x)
		}
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
