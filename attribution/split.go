package attribution

import (
	"bytes"
	"fmt"
	"math/bits"
	"slices"

	"github.com/ethereum/go-ethereum/common"
)

// BpsScale is the basis-point scale of SplitParams: 10,000 = 100%.
const BpsScale = 10_000

// Fee returns the fee of a request in wei: ceil((promptTokens*promptPrice
// + outputTokens*outputPrice) / 1000), prices being per 1,000 tokens, in
// exact 128-bit integer arithmetic. Rounding up means any non-empty request
// at a non-zero price costs at least 1 wei; the difference to the exact
// price is below one wei. It fails with ErrOverflow when the fee does not
// fit a uint64. This is the fee formula of the payment protocol (package
// pay wraps it); the escrow contract's spec states it the same way.
func Fee(promptTokens, outputTokens uint32, promptPrice, outputPrice uint64) (uint64, error) {
	// Each product is below 2^96 and their sum plus 999 below 2^98: no
	// 128-bit overflow.
	hi, lo := bits.Mul64(uint64(promptTokens), promptPrice)
	ohi, olo := bits.Mul64(uint64(outputTokens), outputPrice)
	var carry uint64
	lo, carry = bits.Add64(lo, olo, 0)
	hi += ohi + carry
	lo, carry = bits.Add64(lo, 999, 0)
	hi += carry
	if hi >= 1000 {
		return 0, fmt.Errorf("%w: %d prompt tokens at %d and %d output tokens at %d per 1k",
			ErrOverflow, promptTokens, promptPrice, outputTokens, outputPrice)
	}
	q, _ := bits.Div64(hi, lo, 1000)
	return q, nil
}

// SplitParams divides a fee between the roles, in basis points that sum to
// BpsScale.
type SplitParams struct {
	// OperatorBps goes to the serving node (Receipt.Operator). It also
	// takes the rounding dust of the three-way split.
	OperatorBps uint32
	// ModelOwnerBps goes to the model: each adapter owner by its Weight (in
	// parts per million of this share), the rest to the base model owner.
	ModelOwnerBps uint32
	// DataBps goes to record contributors in proportion to record weights.
	// When a receipt credits no record with a positive weight, this share
	// goes to the model share instead (not to the operator, who signs the
	// receipt and must gain nothing by leaving attribution out).
	DataBps uint32
}

// DefaultSplitParams is the one place that sets the default split:
// operator 50%, model owners 20%, data contributors 30%. The operator
// carries the hardware, power and bandwidth of serving, hence the half;
// data gets more than the model owners because the network exists to pay
// data contributors, and a base model's owner is often off-network.
func DefaultSplitParams() SplitParams {
	return SplitParams{OperatorBps: 5000, ModelOwnerBps: 2000, DataBps: 3000}
}

// Validate checks that the shares sum to BpsScale.
func (p SplitParams) Validate() error {
	if uint64(p.OperatorBps)+uint64(p.ModelOwnerBps)+uint64(p.DataBps) != BpsScale {
		return fmt.Errorf("%w: %d+%d+%d bps, want %d", ErrBadParams, p.OperatorBps, p.ModelOwnerBps, p.DataBps, BpsScale)
	}
	return nil
}

// Role is the capacity in which an address is paid.
type Role uint8

const (
	RoleOperator Role = iota + 1
	RoleModel
	RoleData
)

func (r Role) String() string {
	switch r {
	case RoleOperator:
		return "operator"
	case RoleModel:
		return "model"
	case RoleData:
		return "data"
	}
	return fmt.Sprintf("role(%d)", uint8(r))
}

// Payout is one address's part of a fee in one role.
type Payout struct {
	Address common.Address
	Amount  uint64
	Role    Role
}

// Split divides r.Fee exactly, in integers:
//
//  1. model = floor(Fee*ModelOwnerBps/10000), data =
//     floor(Fee*DataBps/10000), operator = Fee - model - data.
//  2. If no record has a positive weight, data is added to model.
//  3. The model share is divided among adapter owners (weight = adapter
//     Weight) and the base owner (weight = WeightScale - sum of adapter
//     weights); the data share among contributors (weight = sum of their
//     records' Weight). Entries of one address are merged first.
//  4. Each division uses the largest remainder method: everyone gets
//     floor(share*w/W); the units left over (fewer than the number of
//     payees) go one each to the largest remainders, ties to the lower
//     address. The parts therefore sum to the share exactly.
//
// Payouts come in role order (operator, model, data), by address within a
// role; zero amounts are left out. The payouts sum to r.Fee exactly. Split
// does not validate r beyond what it needs; call Validate first.
func Split(r *Receipt, p SplitParams) ([]Payout, error) {
	s, err := NewSplitter(p)
	if err != nil {
		return nil, err
	}
	return s.Split(r, r.Fee)
}

// Splitter is Split with buffers that are reused from call to call, for a
// caller that splits many receipts (a settlement splits every receipt of
// an epoch). It is not safe for concurrent use.
type Splitter struct {
	p           SplitParams
	model, data []party
	ws, parts   []uint64
	rems        []uint64
	order       []int
	out         []Payout
}

// NewSplitter returns a Splitter for p (ErrBadParams when p is invalid).
func NewSplitter(p SplitParams) (*Splitter, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return &Splitter{p: p}, nil
}

// Split returns what Split(r, p) returns for r with its Fee replaced by
// fee (a settlement splits scaled fees), without copying r. The slice is
// the Splitter's: it is valid until the next call.
func (s *Splitter) Split(r *Receipt, fee uint64) ([]Payout, error) {
	p := s.p
	model := mulDiv(fee, uint64(p.ModelOwnerBps), BpsScale)
	data := mulDiv(fee, uint64(p.DataBps), BpsScale)
	operator := fee - model - data

	s.data = s.data[:0]
	for _, rec := range r.Records {
		if rec.Weight > WeightScale {
			return nil, fmt.Errorf("%w: record weight %d", ErrMalformed, rec.Weight)
		}
		if rec.Weight > 0 {
			s.data = append(s.data, party{addr: rec.Contributor, w: rec.Weight})
		}
	}
	if len(s.data) == 0 {
		model += data
		data = 0
	}
	s.model = s.model[:0]
	var adapterSum uint64
	for _, a := range r.Adapters {
		if a.Weight > 0 {
			s.model = append(s.model, party{addr: a.Owner, w: uint64(a.Weight)})
			adapterSum += uint64(a.Weight)
		}
	}
	if adapterSum > WeightScale {
		return nil, fmt.Errorf("%w: adapter weights sum to %d", ErrMalformed, adapterSum)
	}
	if adapterSum < WeightScale {
		s.model = append(s.model, party{addr: r.Base.Owner, w: WeightScale - adapterSum})
	}

	out := s.out[:0]
	if operator > 0 {
		out = append(out, Payout{Address: r.Operator, Amount: operator, Role: RoleOperator})
	}
	out = s.appendShares(out, model, s.model, RoleModel)
	out = s.appendShares(out, data, s.data, RoleData)
	s.out = out
	return out, nil
}

type party struct {
	addr common.Address
	w    uint64
	amt  uint64
}

// appendShares divides amount among parties by the largest remainder
// method and appends the non-zero parts, sorted by address.
func (s *Splitter) appendShares(out []Payout, amount uint64, ps []party, role Role) []Payout {
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
	s.ws = s.ws[:0]
	for _, p := range merged {
		s.ws = append(s.ws, p.w)
	}
	s.parts = grow(s.parts, len(merged))
	s.rems = grow(s.rems, len(merged))
	s.order = grow(s.order, len(merged))
	largestRemainderInto(s.parts, s.rems, s.order, amount, s.ws)
	for i, p := range merged {
		if s.parts[i] > 0 {
			out = append(out, Payout{Address: p.addr, Amount: s.parts[i], Role: role})
		}
	}
	return out
}

// grow returns b resized to n, reallocated only when too small.
func grow[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	return b[:n]
}

// mulDiv returns floor(a*b/c) for b <= c, c > 0.
func mulDiv(a, b, c uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	q, _ := bits.Div64(hi, lo, c)
	return q
}
