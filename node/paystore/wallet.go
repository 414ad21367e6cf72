package paystore

import (
	"fmt"
	"math/bits"

	"github.com/dgraph-io/badger/v4"
	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/pay"
)

// walletStore is the pay.WalletStore of one payer in a Store.
type walletStore struct {
	s     *Store
	payer common.Address
}

var _ pay.WalletStore = walletStore{}

// Wallet returns the pay.WalletStore of payer, kept in s. The wallets of
// several payers share the database, each under its own keys.
func (s *Store) Wallet(payer common.Address) pay.WalletStore { return walletStore{s, payer} }

// AddOwed implements pay.WalletStore.
func (w walletStore) AddOwed(operator common.Address, epoch uint64, auth [32]byte, fee uint64) (uint64, bool, error) {
	ok := payerKey(prefixOwed, w.payer, operator[:], be64(epoch))
	ak := payerKey(prefixPaid, w.payer, auth[:])
	var (
		total uint64
		added bool
	)
	err := w.s.update(func(txn *badger.Txn) error {
		added = false
		var err error
		if total, err = getUint64(txn, ok); err != nil {
			return err
		}
		paid, err := has(txn, ak)
		if err != nil || paid {
			return err
		}
		var carry uint64
		if total, carry = bits.Add64(total, fee, 0); carry != 0 {
			return fmt.Errorf("%w: owed to %s in epoch %d", pay.ErrOverflow, operator.Hex(), epoch)
		}
		if err := putUint64(txn, ok, total); err != nil {
			return err
		}
		added = true
		return txn.Set(ak, nil)
	})
	if err != nil {
		return 0, false, fmt.Errorf("paystore: wallet of %s: add owed: %w", w.payer.Hex(), err)
	}
	return total, added, nil
}

// Owed implements pay.WalletStore.
func (w walletStore) Owed(operator common.Address, epoch uint64) (uint64, error) {
	var v uint64
	err := w.s.db.View(func(txn *badger.Txn) error {
		var err error
		v, err = getUint64(txn, payerKey(prefixOwed, w.payer, operator[:], be64(epoch)))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("paystore: wallet of %s: owed to %s in epoch %d: %w", w.payer.Hex(), operator.Hex(), epoch, err)
	}
	return v, nil
}
