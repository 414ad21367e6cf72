package paystore

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/pay"
)

// Key prefixes (see the package comment).
const (
	prefixRequest      = 'r'
	prefixEpochRequest = 'q'
	prefixCharge       = 'c'
	prefixVoucher      = 'v'
	prefixSettled      = 's'
	prefixOwed         = 'o'
	prefixPaid         = 'a'
	prefixPool         = 'p'
)

// conflictRetries is how many times a transaction that badger refused for
// a conflict (a concurrent one wrote what it read) is run again.
const conflictRetries = 8

// Store is the node's payment database. It is safe for concurrent use;
// the stores it hands out share its database.
type Store struct {
	db *badger.DB
}

// Open opens (creating it if need be) the payment database in dir. With
// syncWrites every committed transaction is on disk before the call
// returns.
func Open(dir string, syncWrites bool) (*Store, error) {
	opts := badger.DefaultOptions(dir).WithSyncWrites(syncWrites).WithLogger(nil).
		WithMemTableSize(2 << 20).WithNumMemtables(2).WithValueThreshold(32 << 10).
		WithBlockCacheSize(1 << 20).WithIndexCacheSize(1 << 20).
		WithValueLogFileSize(16 << 20).WithCompression(options.None).WithNumCompactors(2).WithMetricsEnabled(false)
	db, err := badger.Open(opts)
	if err != nil {
		return nil, fmt.Errorf("paystore: open %s: %w", dir, err)
	}
	return &Store{db: db}, nil
}

// Close closes the database. The stores handed out fail after it.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("paystore: close: %w", err)
	}
	return nil
}

// update runs fn in one read-write transaction, again when badger reports
// a conflict.
func (s *Store) update(fn func(txn *badger.Txn) error) error {
	var err error
	for range conflictRetries {
		if err = s.db.Update(fn); !errors.Is(err, badger.ErrConflict) {
			return err
		}
	}
	return err
}

// deleteAll deletes keys, first in the transaction after setting first
// (when not nil), then in as many further transactions as they need.
func (s *Store) deleteAll(first []byte, keys [][]byte) error {
	txn := s.db.NewTransaction(true)
	defer func() { txn.Discard() }()
	if first != nil {
		if err := txn.Set(first, nil); err != nil {
			return err
		}
	}
	for _, k := range keys {
		err := txn.Delete(k)
		if errors.Is(err, badger.ErrTxnTooBig) {
			if err := txn.Commit(); err != nil {
				return err
			}
			txn = s.db.NewTransaction(true)
			err = txn.Delete(k)
		}
		if err != nil {
			return err
		}
	}
	return txn.Commit()
}

// keysWithPrefix returns the keys under prefix, in order, up to the first
// for which more (when not nil) is false.
func (s *Store) keysWithPrefix(prefix []byte, more func(k []byte) bool) ([][]byte, error) {
	var out [][]byte
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			k := it.Item().KeyCopy(nil)
			if more != nil && !more(k) {
				break
			}
			out = append(out, k)
		}
		return nil
	})
	return out, err
}

// getUint64 returns the 8-byte value at k, 0 when there is none.
func getUint64(txn *badger.Txn, k []byte) (uint64, error) {
	it, err := txn.Get(k)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var v uint64
	err = it.Value(func(b []byte) error {
		if len(b) != 8 {
			return fmt.Errorf("paystore: value of key %x has %d bytes, want 8", k, len(b))
		}
		v = binary.BigEndian.Uint64(b)
		return nil
	})
	return v, err
}

func putUint64(txn *badger.Txn, k []byte, v uint64) error {
	return txn.Set(k, binary.BigEndian.AppendUint64(nil, v))
}

// has reports whether k is there.
func has(txn *badger.Txn, k []byte) (bool, error) {
	_, err := txn.Get(k)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	return err == nil, err
}

// getVoucher decodes the voucher at k; false when there is none.
func getVoucher(txn *badger.Txn, k []byte) (pay.SignedVoucher, bool, error) {
	it, err := txn.Get(k)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return pay.SignedVoucher{}, false, nil
	}
	if err != nil {
		return pay.SignedVoucher{}, false, err
	}
	var sv pay.SignedVoucher
	err = it.Value(func(b []byte) error {
		var err error
		sv, err = pay.DecodeSignedVoucher(b)
		return err
	})
	if err != nil {
		return pay.SignedVoucher{}, false, fmt.Errorf("paystore: voucher at %x: %w", k, err)
	}
	return sv, true, nil
}

// vouchersWithPrefix decodes every voucher under prefix, in key order;
// nil when none.
func vouchersWithPrefix(txn *badger.Txn, prefix []byte) ([]pay.SignedVoucher, error) {
	var out []pay.SignedVoucher
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: true, PrefetchSize: 16})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		var sv pay.SignedVoucher
		err := it.Item().Value(func(b []byte) error {
			var err error
			sv, err = pay.DecodeSignedVoucher(b)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("paystore: voucher at %x: %w", it.Item().Key(), err)
		}
		out = append(out, sv)
	}
	return out, nil
}

// epochKey is prefix, epoch, then the fields in parts.
func epochKey(prefix byte, epoch uint64, parts ...[]byte) []byte {
	n := 9
	for _, p := range parts {
		n += len(p)
	}
	k := make([]byte, 0, n)
	k = append(k, prefix)
	k = binary.BigEndian.AppendUint64(k, epoch)
	for _, p := range parts {
		k = append(k, p...)
	}
	return k
}

// payerKey is prefix, payer, then the fields in parts.
func payerKey(prefix byte, payer common.Address, parts ...[]byte) []byte {
	n := 1 + common.AddressLength
	for _, p := range parts {
		n += len(p)
	}
	k := make([]byte, 0, n)
	k = append(k, prefix)
	k = append(k, payer[:]...)
	for _, p := range parts {
		k = append(k, p...)
	}
	return k
}

func be64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }
