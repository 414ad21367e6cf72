package paystore

import (
	"encoding/binary"
	"fmt"
	"math/bits"

	"github.com/dgraph-io/badger/v4"
	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/pay"
)

// gateStore is the pay.GateStore of a Store.
type gateStore struct{ s *Store }

var _ pay.GateStore = gateStore{}

// Gate returns the operator's pay.GateStore, kept in s.
func (s *Store) Gate() pay.GateStore { return gateStore{s} }

// AddRequest implements pay.GateStore.
func (g gateStore) AddRequest(epoch uint64, payer common.Address, request [32]byte) (bool, error) {
	rk := payerKey(prefixRequest, payer, request[:])
	fresh := false
	err := g.s.update(func(txn *badger.Txn) error {
		fresh = false
		seen, err := has(txn, rk)
		if err != nil || seen {
			return err
		}
		if err := putUint64(txn, rk, epoch); err != nil {
			return err
		}
		fresh = true
		return txn.Set(epochKey(prefixEpochRequest, epoch, payer[:], request[:]), nil)
	})
	if err != nil {
		return false, fmt.Errorf("paystore: add request of %s in epoch %d: %w", payer.Hex(), epoch, err)
	}
	return fresh, nil
}

// AddCharge implements pay.GateStore.
func (g gateStore) AddCharge(epoch uint64, payer common.Address, fee uint64) (uint64, error) {
	k := epochKey(prefixCharge, epoch, payer[:])
	var total uint64
	err := g.s.update(func(txn *badger.Txn) error {
		cur, err := getUint64(txn, k)
		if err != nil {
			return err
		}
		var carry uint64
		if total, carry = bits.Add64(cur, fee, 0); carry != 0 {
			return fmt.Errorf("%w: %s owes more than 2^64-1 in epoch %d", pay.ErrOverflow, payer.Hex(), epoch)
		}
		return putUint64(txn, k, total)
	})
	if err != nil {
		return 0, fmt.Errorf("paystore: add charge: %w", err)
	}
	return total, nil
}

// Owed implements pay.GateStore.
func (g gateStore) Owed(epoch uint64, payer common.Address) (uint64, error) {
	var v uint64
	err := g.s.db.View(func(txn *badger.Txn) error {
		var err error
		v, err = getUint64(txn, epochKey(prefixCharge, epoch, payer[:]))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("paystore: owed by %s in epoch %d: %w", payer.Hex(), epoch, err)
	}
	return v, nil
}

// Unsettled implements pay.GateStore. The charges come sorted by epoch,
// then payer.
func (g gateStore) Unsettled() ([]pay.Charge, error) {
	var out []pay.Charge
	err := g.s.db.View(func(txn *badger.Txn) error {
		settled := map[uint64]bool{}
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixSettled}})
		for it.Rewind(); it.Valid(); it.Next() {
			settled[binary.BigEndian.Uint64(it.Item().Key()[1:9])] = true
		}
		it.Close()

		it = txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixCharge}, PrefetchValues: true, PrefetchSize: 64})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			k := it.Item().Key()
			if len(k) != 9+common.AddressLength {
				return fmt.Errorf("charge key %x has %d bytes", k, len(k))
			}
			c := pay.Charge{Epoch: binary.BigEndian.Uint64(k[1:9]), Payer: common.BytesToAddress(k[9:])}
			if settled[c.Epoch] {
				continue
			}
			err := it.Item().Value(func(b []byte) error {
				if len(b) != 8 {
					return fmt.Errorf("charge at %x has %d bytes, want 8", k, len(b))
				}
				c.Amount = binary.BigEndian.Uint64(b)
				return nil
			})
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("paystore: unsettled charges: %w", err)
	}
	return out, nil
}

// PutVoucher implements pay.GateStore. A voucher that has no canonical
// encoding (a zero payer or operator, a signature of the wrong length) is
// an error wrapping pay.ErrMalformed; the Gate never passes one.
func (g gateStore) PutVoucher(sv pay.SignedVoucher) error {
	enc, err := sv.Encode()
	if err != nil {
		return fmt.Errorf("paystore: put voucher: %w", err)
	}
	k := epochKey(prefixVoucher, sv.Epoch, sv.Payer[:])
	if err := g.s.update(func(txn *badger.Txn) error { return txn.Set(k, enc) }); err != nil {
		return fmt.Errorf("paystore: put voucher of %s in epoch %d: %w", sv.Payer.Hex(), sv.Epoch, err)
	}
	return nil
}

// Voucher implements pay.GateStore.
func (g gateStore) Voucher(epoch uint64, payer common.Address) (pay.SignedVoucher, bool, error) {
	var (
		sv pay.SignedVoucher
		ok bool
	)
	err := g.s.db.View(func(txn *badger.Txn) error {
		var err error
		sv, ok, err = getVoucher(txn, epochKey(prefixVoucher, epoch, payer[:]))
		return err
	})
	if err != nil {
		return pay.SignedVoucher{}, false, fmt.Errorf("paystore: voucher of %s in epoch %d: %w", payer.Hex(), epoch, err)
	}
	return sv, ok, nil
}

// Vouchers implements pay.GateStore. They come sorted by payer.
func (g gateStore) Vouchers(epoch uint64) ([]pay.SignedVoucher, error) {
	var out []pay.SignedVoucher
	err := g.s.db.View(func(txn *badger.Txn) error {
		var err error
		out, err = vouchersWithPrefix(txn, epochKey(prefixVoucher, epoch))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("paystore: vouchers of epoch %d: %w", epoch, err)
	}
	return out, nil
}

// Settle implements pay.GateStore: it records the epoch as settled and
// deletes its requests and charges, keeping its vouchers. See the package
// comment for an epoch too large for one transaction.
func (g gateStore) Settle(epoch uint64) error {
	qs, err := g.s.keysWithPrefix(epochKey(prefixEpochRequest, epoch), nil)
	if err != nil {
		return fmt.Errorf("paystore: settle epoch %d: %w", epoch, err)
	}
	cs, err := g.s.keysWithPrefix(epochKey(prefixCharge, epoch), nil)
	if err != nil {
		return fmt.Errorf("paystore: settle epoch %d: %w", epoch, err)
	}
	keys := make([][]byte, 0, 2*len(qs)+len(cs))
	for _, q := range qs {
		// q/<epoch 8><payer 20><request 32> -> r/<payer 20><request 32>
		keys = append(keys, append([]byte{prefixRequest}, q[9:]...), q)
	}
	keys = append(keys, cs...)
	if err := g.s.deleteAll(epochKey(prefixSettled, epoch), keys); err != nil {
		return fmt.Errorf("paystore: settle epoch %d: %w", epoch, err)
	}
	return nil
}
