package paystore

import (
	"encoding/binary"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"github.com/provenet/provenet/pay"
)

// VoucherPool is the epoch aggregator's pool of vouchers: per (epoch,
// payer, operator) the one of the highest amount it was given. It checks
// no signature; its caller does, before Put. It is safe for concurrent
// use.
type VoucherPool struct{ s *Store }

// Pool returns the voucher pool kept in s.
func (s *Store) Pool() *VoucherPool { return &VoucherPool{s} }

// Put keeps sv if its amount is above that of the voucher held for
// (sv.Epoch, sv.Payer, sv.Operator), or none is held, and reports whether
// it did. A voucher with no canonical encoding is an error wrapping
// pay.ErrMalformed.
func (p *VoucherPool) Put(sv pay.SignedVoucher) (bool, error) {
	enc, err := sv.Encode()
	if err != nil {
		return false, fmt.Errorf("paystore: pool put: %w", err)
	}
	k := epochKey(prefixPool, sv.Epoch, sv.Payer[:], sv.Operator[:])
	stored := false
	err = p.s.update(func(txn *badger.Txn) error {
		stored = false
		cur, ok, err := getVoucher(txn, k)
		if err != nil || (ok && cur.Amount >= sv.Amount) {
			return err
		}
		stored = true
		return txn.Set(k, enc)
	})
	if err != nil {
		return false, fmt.Errorf("paystore: pool put voucher of %s to %s in epoch %d: %w",
			sv.Payer.Hex(), sv.Operator.Hex(), sv.Epoch, err)
	}
	return stored, nil
}

// Epoch returns the vouchers held for epoch, sorted by payer, then
// operator; nil when none.
func (p *VoucherPool) Epoch(epoch uint64) ([]pay.SignedVoucher, error) {
	var out []pay.SignedVoucher
	err := p.s.db.View(func(txn *badger.Txn) error {
		var err error
		out, err = vouchersWithPrefix(txn, epochKey(prefixPool, epoch))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("paystore: pool epoch %d: %w", epoch, err)
	}
	return out, nil
}

// Prune deletes the vouchers of the epochs before before.
func (p *VoucherPool) Prune(before uint64) error {
	keys, err := p.s.keysWithPrefix([]byte{prefixPool}, func(k []byte) bool {
		return len(k) >= 9 && binary.BigEndian.Uint64(k[1:9]) < before
	})
	if err == nil {
		err = p.s.deleteAll(nil, keys)
	}
	if err != nil {
		return fmt.Errorf("paystore: pool prune before epoch %d: %w", before, err)
	}
	return nil
}
