package pay

import (
	"bytes"
	"cmp"
	"fmt"
	"math/big"
	"math/bits"
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/attribution"
)

// SettleInput is what the settler (the epoch aggregator) settles an epoch
// from.
type SettleInput struct {
	Domain Domain
	Epoch  uint64
	// Split divides each (scaled) receipt fee between operator, model and
	// data (attribution.Split).
	Split attribution.SplitParams
	// Vouchers are the latest voucher of each (payer, operator) pair, as
	// the operators hand them in. Where a pair has several, the highest
	// valid one counts; vouchers of another epoch count for nothing.
	Vouchers []SignedVoucher
	// Receipts are the epoch's receipts, deduplicated by ID and trusted:
	// Settle does not check their signatures or structure beyond what
	// splitting needs. Receipts without an authorization (Auth zero, the
	// free tier) are counted in Settlement.Free and paid nothing.
	Receipts []*attribution.Receipt
	// PayerOf resolves the escrow binding of a voucher signer that is not
	// the payer itself; Settle calls it at most once per signer. A nil
	// PayerOf accepts only payers' own signatures.
	PayerOf PayerOfFunc
}

// Redemption is one voucher to redeem on the escrow, with the amount to
// charge: min(voucher amount, the pair's receipt fees).
type Redemption struct {
	SignedVoucher
	Charge uint64
	// Receipts is the number of the pair's receipts and Fees the sum of
	// their fees (which may exceed the voucher: the excess is not paid).
	Receipts int
	Fees     *big.Int
}

// Payout is what an operator is paid directly at finalize.
type Payout struct {
	Operator common.Address
	Amount   uint64
}

// Claim is one leaf of the epoch's claims tree: what a model owner or
// data contributor may claim (ClaimLeaf).
type Claim struct {
	Account common.Address
	Amount  uint64
}

// Rejection is a (payer, operator) pair that yields no redemption.
type Rejection struct {
	Payer, Operator common.Address
	// Receipts is the number of the pair's receipts, unpaid.
	Receipts int
	// Reason wraps ErrNoVoucher (none, or only one of zero amount),
	// ErrBadSignature, ErrWrongEpoch (only vouchers of another epoch) or
	// ErrNoReceipts (a voucher and no receipt).
	Reason error
}

// Settlement is the result of an epoch: the redemptions (redeem), the
// operator payouts and the claims root and total (finalize). Every list is
// sorted (redemptions and rejections by payer then operator, payouts by
// operator, claims by account), so equal inputs in any order give equal
// settlements.
type Settlement struct {
	Epoch       uint64
	Redemptions []Redemption
	Payouts     []Payout
	Claims      []Claim
	// Root is the claims Merkle root, zero when there are no claims.
	Root [32]byte
	// ClaimsTotal is the sum of Claims; ChargeTotal the sum of the
	// redemptions' charges. PayoutsTotal + ClaimsTotal == ChargeTotal.
	ClaimsTotal, PayoutsTotal, ChargeTotal *big.Int
	Rejected                               []Rejection
	// Free is the number of free-tier receipts (not paid).
	Free int

	tree *claimsTree
}

type pairKey struct{ payer, operator common.Address }

func comparePairs(a, b pairKey) int {
	if c := bytes.Compare(a.payer[:], b.payer[:]); c != 0 {
		return c
	}
	return bytes.Compare(a.operator[:], b.operator[:])
}

// pairAcc gathers one (payer, operator) pair.
type pairAcc struct {
	key          pairKey
	sumHi, sumLo uint64 // the receipts' fees, 128 bits
	n            int    // receipts
	start        int    // of a scaled pair's receipts in the scaling order
	vFirst, vEnd int    // candidate vouchers: cands[vFirst:vEnd]
	charge       uint64 // 0 when the pair pays nothing
	scaled       bool   // charge < the fees' sum
}

// u128 is an unsigned 128-bit accumulator.
type u128 struct{ hi, lo uint64 }

func (u *u128) add(v uint64) {
	var c uint64
	u.lo, c = bits.Add64(u.lo, v, 0)
	u.hi += c
}

func (u u128) big() *big.Int {
	b := new(big.Int).SetUint64(u.hi)
	return b.Lsh(b, 64).Or(b, new(big.Int).SetUint64(u.lo))
}

// Settle settles an epoch. For each (payer, operator) pair with receipts
// it verifies the pair's voucher (once), charges min(voucher amount, sum
// of the pair's receipt fees), scales the receipt fees to the charge by
// the largest remainder method (exact integers, ties broken by a
// canonical receipt order) and splits each with in.Split. Operator shares
// are summed per operator into Payouts; model and data shares per account
// into Claims, whose leaves (ClaimLeaf) form the claims tree. Pairs
// without a usable voucher are Rejected and contribute nothing.
//
// It fails with ErrSettleInput on a nil receipt, a receipt of another
// epoch or invalid split parameters, with ErrOverflow when one account's
// or operator's total passes 2^64-1, and with PayerOf's error when a
// binding lookup fails. The invariant PayoutsTotal + ClaimsTotal ==
// ChargeTotal is checked before returning.
func Settle(in SettleInput) (*Settlement, error) {
	splitter, err := attribution.NewSplitter(in.Split)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrSettleInput, err)
	}
	st := &Settlement{Epoch: in.Epoch}

	// Group the paid receipts by pair.
	index := make(map[pairKey]int)
	var pairs []pairAcc
	pairOf := make([]int32, len(in.Receipts))
	for i, r := range in.Receipts {
		if r == nil {
			return nil, fmt.Errorf("%w: receipt %d is nil", ErrSettleInput, i)
		}
		if r.Epoch != in.Epoch {
			return nil, fmt.Errorf("%w: receipt %d is of epoch %d, settling %d", ErrSettleInput, i, r.Epoch, in.Epoch)
		}
		if r.Auth == ([32]byte{}) {
			st.Free++
			pairOf[i] = -1
			continue
		}
		k := pairKey{r.Payer, r.Operator}
		p, ok := index[k]
		if !ok {
			p = len(pairs)
			index[k] = p
			pairs = append(pairs, pairAcc{key: k})
		}
		pa := &pairs[p]
		var c uint64
		pa.sumLo, c = bits.Add64(pa.sumLo, r.Fee, 0)
		pa.sumHi += c
		pa.n++
		pairOf[i] = int32(p)
	}
	// Candidate vouchers per pair, best first.
	cands := make([]voucherCand, 0, len(in.Vouchers))
	for i := range in.Vouchers {
		v := &in.Vouchers[i]
		k := pairKey{v.Payer, v.Operator}
		p, ok := index[k]
		if !ok {
			p = len(pairs)
			index[k] = p
			pairs = append(pairs, pairAcc{key: k})
		}
		cands = append(cands, voucherCand{pair: p, v: i})
	}
	slices.SortFunc(cands, func(a, b voucherCand) int {
		if c := cmp.Compare(a.pair, b.pair); c != 0 {
			return c
		}
		va, vb := &in.Vouchers[a.v], &in.Vouchers[b.v]
		if c := cmp.Compare(vb.Amount, va.Amount); c != 0 {
			return c
		}
		return bytes.Compare(va.Sig, vb.Sig)
	})
	for i := 0; i < len(cands); {
		j := i
		for j < len(cands) && cands[j].pair == cands[i].pair {
			j++
		}
		pairs[cands[i].pair].vFirst, pairs[cands[i].pair].vEnd = i, j
		i = j
	}

	// The pairs, in (payer, operator) order, decide their charges.
	sorted := make([]int, len(pairs))
	for i := range sorted {
		sorted[i] = i
	}
	slices.SortFunc(sorted, func(a, b int) int { return comparePairs(pairs[a].key, pairs[b].key) })
	v := &verifier{separator: in.Domain.Separator(), epoch: in.Epoch, payerOf: in.PayerOf, bound: map[common.Address]common.Address{}}
	var charges u128
	anyScaled := false
	for _, p := range sorted {
		pa := &pairs[p]
		if pa.n == 0 {
			st.Rejected = append(st.Rejected, Rejection{Payer: pa.key.payer, Operator: pa.key.operator,
				Reason: fmt.Errorf("%w: voucher without receipts", ErrNoReceipts)})
			continue
		}
		best, err := v.best(in.Vouchers, cands[pa.vFirst:pa.vEnd])
		if err != nil {
			return nil, err
		}
		if best.reason != nil {
			st.Rejected = append(st.Rejected, Rejection{Payer: pa.key.payer, Operator: pa.key.operator, Receipts: pa.n, Reason: best.reason})
			continue
		}
		sv := in.Vouchers[best.v]
		charge := sv.Amount
		if pa.sumHi == 0 && pa.sumLo <= charge {
			charge = pa.sumLo
		} else {
			pa.scaled = true
			anyScaled = true
		}
		if charge == 0 {
			continue // nothing owed: zero fees
		}
		pa.charge = charge
		charges.add(charge)
		st.Redemptions = append(st.Redemptions, Redemption{SignedVoucher: sv, Charge: charge, Receipts: pa.n,
			Fees: u128{pa.sumHi, pa.sumLo}.big()})
	}

	// The receipts of scaled pairs get their scaled fees, pair by pair.
	var fees []uint64
	if anyScaled {
		fees = make([]uint64, len(in.Receipts))
		next := 0
		for p := range pairs {
			if pairs[p].scaled {
				pairs[p].start = next
				next += pairs[p].n
			}
		}
		order := make([]int32, next)
		fill := make([]int, len(pairs))
		for i, p := range pairOf {
			if p >= 0 && pairs[p].scaled {
				order[pairs[p].start+fill[p]] = int32(i)
				fill[p]++
			}
		}
		sc := &scaler{}
		for p := range pairs {
			pa := &pairs[p]
			if !pa.scaled || pa.charge == 0 {
				continue
			}
			idx := order[pa.start : pa.start+pa.n]
			for j, f := range sc.scale(in.Receipts, idx, pa.charge, pa.sumHi, pa.sumLo) {
				fees[idx[j]] = f
			}
		}
	}

	// Split every paid receipt, in input order (memory is read in
	// sequence): operator shares per pair, the others per account.
	opShare := make([]uint64, len(pairs))
	var claims amounts
	for i, p := range pairOf {
		if p < 0 || pairs[p].charge == 0 {
			continue
		}
		r := in.Receipts[i]
		fee := r.Fee
		if pairs[p].scaled {
			fee = fees[i]
		}
		ps, err := splitter.Split(r, fee)
		if err != nil {
			return nil, fmt.Errorf("%w: receipt %d: %w", ErrSettleInput, i, err)
		}
		for _, x := range ps {
			if x.Role == attribution.RoleOperator {
				opShare[p] += x.Amount // at most the pair's charge in all
				continue
			}
			if err := claims.add(x.Address, x.Amount); err != nil {
				return nil, err
			}
		}
	}
	var opTotals amounts
	for p, amt := range opShare {
		if err := opTotals.add(pairs[p].key.operator, amt); err != nil {
			return nil, err
		}
	}

	var payouts, claimed u128
	opTotals.each(func(a common.Address, amt uint64) {
		st.Payouts = append(st.Payouts, Payout{Operator: a, Amount: amt})
		payouts.add(amt)
	})
	slices.SortFunc(st.Payouts, func(a, b Payout) int { return bytes.Compare(a.Operator[:], b.Operator[:]) })
	claims.each(func(a common.Address, amt uint64) {
		st.Claims = append(st.Claims, Claim{Account: a, Amount: amt})
		claimed.add(amt)
	})
	slices.SortFunc(st.Claims, func(a, b Claim) int { return bytes.Compare(a.Account[:], b.Account[:]) })
	st.PayoutsTotal, st.ClaimsTotal, st.ChargeTotal = payouts.big(), claimed.big(), charges.big()
	if sum := new(big.Int).Add(st.PayoutsTotal, st.ClaimsTotal); sum.Cmp(st.ChargeTotal) != 0 {
		return nil, fmt.Errorf("pay: settlement invariant broken: payouts %s + claims %s != charges %s",
			st.PayoutsTotal, st.ClaimsTotal, st.ChargeTotal)
	}
	if st.tree, err = newClaimsTree(in.Epoch, st.Claims); err != nil {
		return nil, err
	}
	st.Root = st.tree.root()
	return st, nil
}

type voucherCand struct{ pair, v int }

// verifier checks vouchers against the domain and the signer bindings,
// looking each binding up once.
type verifier struct {
	separator [32]byte
	epoch     uint64
	payerOf   PayerOfFunc
	bound     map[common.Address]common.Address
}

type verdict struct {
	v      int
	reason error
}

// best returns the first valid voucher of cands (sorted best first), or
// the reason there is none. An error is a failed binding lookup.
func (vf *verifier) best(vs []SignedVoucher, cands []voucherCand) (verdict, error) {
	reason := fmt.Errorf("%w for the pair", ErrNoVoucher)
	rank := 0 // of the reason: no voucher < wrong epoch < bad signature < zero amount
	set := func(r int, err error) {
		if r > rank {
			rank, reason = r, err
		}
	}
	for _, c := range cands {
		sv := &vs[c.v]
		if sv.Epoch != vf.epoch {
			set(1, fmt.Errorf("%w: voucher of epoch %d", ErrWrongEpoch, sv.Epoch))
			continue
		}
		ok, err := vf.valid(sv)
		if err != nil {
			return verdict{}, err
		}
		if !ok {
			set(2, fmt.Errorf("%w: voucher of %d", ErrBadSignature, sv.Amount))
			continue
		}
		if sv.Amount == 0 {
			set(3, fmt.Errorf("%w: voucher of zero", ErrNoVoucher))
			continue
		}
		return verdict{v: c.v}, nil
	}
	return verdict{reason: reason}, nil
}

func (vf *verifier) valid(sv *SignedVoucher) (bool, error) {
	if sv.check() != nil {
		return false, nil
	}
	signer, err := recoverDigest(typedDigest(vf.separator, sv.StructHash()), sv.Sig)
	if err != nil {
		return false, nil
	}
	if signer == sv.Payer {
		return true, nil
	}
	if vf.payerOf == nil {
		return false, nil
	}
	payer, ok := vf.bound[signer]
	if !ok {
		if payer, err = vf.payerOf(signer); err != nil {
			return false, fmt.Errorf("pay: signer binding of %s: %w", signer.Hex(), err)
		}
		vf.bound[signer] = payer
	}
	return payer == sv.Payer, nil
}
