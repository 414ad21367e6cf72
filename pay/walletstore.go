package pay

import (
	"fmt"
	"math/bits"
	"sync"

	"github.com/ethereum/go-ethereum/common"
)

// WalletStore is what a Wallet keeps: the cumulative amount it owes each
// operator per epoch, and which authorizations it has paid, so that a
// receipt is paid once. The Wallet serialises its calls.
type WalletStore interface {
	// AddOwed adds fee to what the payer owes operator for epoch, once per
	// authorization digest auth. It returns the new total and true, or,
	// when auth was paid before, the current total and false (adding
	// nothing). The total passing 2^64-1 is ErrOverflow.
	AddOwed(operator common.Address, epoch uint64, auth [32]byte, fee uint64) (total uint64, added bool, err error)
	// Owed returns what the payer owes operator for epoch, 0 when nothing.
	Owed(operator common.Address, epoch uint64) (uint64, error)
}

type operatorEpoch struct {
	operator common.Address
	epoch    uint64
}

// MemWalletStore is a WalletStore in memory, safe for concurrent use.
type MemWalletStore struct {
	mu   sync.Mutex
	owed map[operatorEpoch]uint64
	paid map[[32]byte]struct{}
}

var _ WalletStore = (*MemWalletStore)(nil)

// NewMemWalletStore returns an empty store.
func NewMemWalletStore() *MemWalletStore {
	return &MemWalletStore{owed: map[operatorEpoch]uint64{}, paid: map[[32]byte]struct{}{}}
}

// AddOwed implements WalletStore.
func (s *MemWalletStore) AddOwed(operator common.Address, epoch uint64, auth [32]byte, fee uint64) (uint64, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := operatorEpoch{operator, epoch}
	if _, ok := s.paid[auth]; ok {
		return s.owed[k], false, nil
	}
	total, carry := bits.Add64(s.owed[k], fee, 0)
	if carry != 0 {
		return 0, false, fmt.Errorf("%w: owed to %s in epoch %d", ErrOverflow, operator.Hex(), epoch)
	}
	s.owed[k] = total
	s.paid[auth] = struct{}{}
	return total, true, nil
}

// Owed implements WalletStore.
func (s *MemWalletStore) Owed(operator common.Address, epoch uint64) (uint64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.owed[operatorEpoch{operator, epoch}], nil
}
