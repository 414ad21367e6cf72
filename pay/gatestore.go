package pay

import (
	"bytes"
	"fmt"
	"math/bits"
	"slices"
	"sync"

	"github.com/ethereum/go-ethereum/common"
)

// GateStore is the state a Gate keeps: the requests it authorised, what
// it charged each payer per epoch, and the payers' latest vouchers. The
// Gate serialises its calls (it holds its lock around them), so an
// implementation needs no transaction across calls, only durability of
// each. MemGateStore is the in-memory one.
type GateStore interface {
	// AddRequest records payer's request as authorised in epoch. It returns
	// false, and records nothing, when (payer, request) is already there.
	AddRequest(epoch uint64, payer common.Address, request [32]byte) (bool, error)
	// AddCharge adds fee to what payer owes for epoch and returns the new
	// total; ErrOverflow when the total would not fit a uint64.
	AddCharge(epoch uint64, payer common.Address, fee uint64) (uint64, error)
	// Owed returns what payer owes for epoch, 0 when nothing.
	Owed(epoch uint64, payer common.Address) (uint64, error)
	// Unsettled returns the totals of every epoch not yet settled, one
	// Charge per (epoch, payer), in any order. NewGate rebuilds what each
	// payer has outstanding from it.
	Unsettled() ([]Charge, error)
	// PutVoucher stores sv as the voucher of (sv.Epoch, sv.Payer),
	// replacing the one there. The Gate only calls it with a higher amount.
	PutVoucher(sv SignedVoucher) error
	// Voucher returns the voucher of (epoch, payer), false when none.
	Voucher(epoch uint64, payer common.Address) (SignedVoucher, bool, error)
	// Vouchers returns the vouchers of epoch, one per payer, in any order.
	Vouchers(epoch uint64) ([]SignedVoucher, error)
	// Settle marks epoch settled: its charges leave Unsettled. The store may
	// then drop the epoch's requests and charges; it keeps its vouchers
	// until the node prunes them.
	Settle(epoch uint64) error
}

// Charge is what a payer owes an operator for an epoch.
type Charge struct {
	Epoch  uint64
	Payer  common.Address
	Amount uint64
}

type epochPayer struct {
	epoch uint64
	payer common.Address
}

type payerRequest struct {
	payer   common.Address
	request [32]byte
}

// MemGateStore is a GateStore in memory, safe for concurrent use. A node
// that restarts with it forgets its charges and vouchers: it is for tests
// and for nodes that settle nothing.
type MemGateStore struct {
	mu       sync.Mutex
	requests map[uint64]map[payerRequest]struct{}
	seen     map[payerRequest]uint64 // -> epoch
	charges  map[epochPayer]uint64
	vouchers map[epochPayer]SignedVoucher
	settled  map[uint64]bool
}

var _ GateStore = (*MemGateStore)(nil)

// NewMemGateStore returns an empty store.
func NewMemGateStore() *MemGateStore {
	return &MemGateStore{
		requests: map[uint64]map[payerRequest]struct{}{},
		seen:     map[payerRequest]uint64{},
		charges:  map[epochPayer]uint64{},
		vouchers: map[epochPayer]SignedVoucher{},
		settled:  map[uint64]bool{},
	}
}

// AddRequest implements GateStore.
func (s *MemGateStore) AddRequest(epoch uint64, payer common.Address, request [32]byte) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := payerRequest{payer, request}
	if _, ok := s.seen[k]; ok {
		return false, nil
	}
	s.seen[k] = epoch
	m := s.requests[epoch]
	if m == nil {
		m = map[payerRequest]struct{}{}
		s.requests[epoch] = m
	}
	m[k] = struct{}{}
	return true, nil
}

// AddCharge implements GateStore.
func (s *MemGateStore) AddCharge(epoch uint64, payer common.Address, fee uint64) (uint64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := epochPayer{epoch, payer}
	total, carry := bits.Add64(s.charges[k], fee, 0)
	if carry != 0 {
		return 0, fmt.Errorf("%w: %s owes more than 2^64-1 in epoch %d", ErrOverflow, payer.Hex(), epoch)
	}
	s.charges[k] = total
	return total, nil
}

// Owed implements GateStore.
func (s *MemGateStore) Owed(epoch uint64, payer common.Address) (uint64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.charges[epochPayer{epoch, payer}], nil
}

// Unsettled implements GateStore.
func (s *MemGateStore) Unsettled() ([]Charge, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Charge
	for k, v := range s.charges {
		if !s.settled[k.epoch] {
			out = append(out, Charge{Epoch: k.epoch, Payer: k.payer, Amount: v})
		}
	}
	return out, nil
}

// PutVoucher implements GateStore.
func (s *MemGateStore) PutVoucher(sv SignedVoucher) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	sv.Sig = slices.Clone(sv.Sig)
	s.vouchers[epochPayer{sv.Epoch, sv.Payer}] = sv
	return nil
}

// Voucher implements GateStore.
func (s *MemGateStore) Voucher(epoch uint64, payer common.Address) (SignedVoucher, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sv, ok := s.vouchers[epochPayer{epoch, payer}]
	sv.Sig = slices.Clone(sv.Sig)
	return sv, ok, nil
}

// Vouchers implements GateStore. They come sorted by payer.
func (s *MemGateStore) Vouchers(epoch uint64) ([]SignedVoucher, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []SignedVoucher
	for k, sv := range s.vouchers {
		if k.epoch == epoch {
			sv.Sig = slices.Clone(sv.Sig)
			out = append(out, sv)
		}
	}
	slices.SortFunc(out, func(a, b SignedVoucher) int { return bytes.Compare(a.Payer[:], b.Payer[:]) })
	return out, nil
}

// Settle implements GateStore: it drops the epoch's requests and charges.
func (s *MemGateStore) Settle(epoch uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settled[epoch] = true
	for k := range s.requests[epoch] {
		delete(s.seen, k)
	}
	delete(s.requests, epoch)
	for k := range s.charges {
		if k.epoch == epoch {
			delete(s.charges, k)
		}
	}
	return nil
}
