package pay

import (
	"bytes"
	"cmp"
	"math/big"
	"math/bits"
	"slices"

	"github.com/provenet/provenet/attribution"
)

// scaler scales a pair's receipt fees to its charge, reusing its buffers
// from pair to pair.
type scaler struct {
	fees  []uint64
	rems  []uint64
	bigs  []big.Int
	order []int
}

// scale returns the fees of the receipts rs[idx[i]] scaled so that they
// sum to charge, which is at most their sum S (sumHi:sumLo): each gets
// floor(fee*charge/S), and the units left over (fewer than len(idx)) go
// one each to the largest remainders, ties broken by compareReceipts. When
// charge == S the fees are the receipts' own. The slice is valid until the
// next call.
func (s *scaler) scale(rs []*attribution.Receipt, idx []int32, charge, sumHi, sumLo uint64) []uint64 {
	n := len(idx)
	s.fees = growSlice(s.fees, n)
	fees := s.fees
	if sumHi == 0 && sumLo == charge {
		for i, ri := range idx {
			fees[i] = rs[ri].Fee
		}
		return fees
	}
	var floors uint64
	s.order = growSlice(s.order, n)
	order := s.order
	for i := range order {
		order[i] = i
	}
	var byRem func(a, b int) int
	if sumHi == 0 {
		// S < 2^64: fee*charge < S*2^64, so the quotient fits.
		s.rems = growSlice(s.rems, n)
		for i, ri := range idx {
			hi, lo := bits.Mul64(rs[ri].Fee, charge)
			fees[i], s.rems[i] = bits.Div64(hi, lo, sumLo)
			floors += fees[i]
		}
		rems := s.rems
		byRem = func(a, b int) int { return cmp.Compare(rems[b], rems[a]) }
	} else {
		// S >= 2^64 (over-reported fees): big integers, rarely needed.
		sum := u128{sumHi, sumLo}.big()
		s.bigs = growSlice(s.bigs, n)
		var q, c big.Int
		c.SetUint64(charge)
		for i, ri := range idx {
			q.SetUint64(rs[ri].Fee)
			q.Mul(&q, &c)
			q.QuoRem(&q, sum, &s.bigs[i])
			fees[i] = q.Uint64() // < charge
			floors += fees[i]
		}
		bigs := s.bigs
		byRem = func(a, b int) int { return bigs[b].Cmp(&bigs[a]) }
	}
	left := charge - floors // < n
	if left == 0 {
		return fees
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := byRem(a, b); c != 0 {
			return c
		}
		return compareReceipts(rs[idx[a]], rs[idx[b]])
	})
	for _, i := range order[:left] {
		fees[i]++
	}
	return fees
}

// compareReceipts is a total order, independent of input order, on what
// settling a receipt reads: Auth (unique per paid request), then fee,
// operator, payer, base owner, the adapters of non-zero weight (owner,
// weight) and the records of non-zero weight (contributor, weight), in
// the receipt's order. Two receipts it finds equal split any fee
// identically, so which of them a leftover unit goes to changes nothing;
// and a settlement row (AppendRow) holds all it reads, so settling rows
// gives the settlement of their receipts.
func compareReceipts(a, b *attribution.Receipt) int {
	if c := bytes.Compare(a.Auth[:], b.Auth[:]); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Fee, b.Fee); c != 0 {
		return c
	}
	if c := bytes.Compare(a.Operator[:], b.Operator[:]); c != 0 {
		return c
	}
	if c := bytes.Compare(a.Payer[:], b.Payer[:]); c != 0 {
		return c
	}
	if c := bytes.Compare(a.Base.Owner[:], b.Base.Owner[:]); c != 0 {
		return c
	}
	i, j := 0, 0
	for {
		for i < len(a.Adapters) && a.Adapters[i].Weight == 0 {
			i++
		}
		for j < len(b.Adapters) && b.Adapters[j].Weight == 0 {
			j++
		}
		if i == len(a.Adapters) || j == len(b.Adapters) {
			if c := cmp.Compare(len(a.Adapters)-i, len(b.Adapters)-j); c != 0 {
				return c
			}
			break
		}
		x, y := &a.Adapters[i], &b.Adapters[j]
		if c := bytes.Compare(x.Owner[:], y.Owner[:]); c != 0 {
			return c
		}
		if c := cmp.Compare(x.Weight, y.Weight); c != 0 {
			return c
		}
		i, j = i+1, j+1
	}
	i, j = 0, 0
	for {
		for i < len(a.Records) && a.Records[i].Weight == 0 {
			i++
		}
		for j < len(b.Records) && b.Records[j].Weight == 0 {
			j++
		}
		if i == len(a.Records) || j == len(b.Records) {
			return cmp.Compare(len(a.Records)-i, len(b.Records)-j)
		}
		x, y := &a.Records[i], &b.Records[j]
		if c := bytes.Compare(x.Contributor[:], y.Contributor[:]); c != 0 {
			return c
		}
		if c := cmp.Compare(x.Weight, y.Weight); c != 0 {
			return c
		}
		i, j = i+1, j+1
	}
}

// growSlice returns b resized to n, reallocated only when too small.
func growSlice[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	return b[:n]
}
