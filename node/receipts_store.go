package node

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"

	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/pay"
)

// ErrReceiptNotFound reports a receipt or epoch this node does not hold.
var ErrReceiptNotFound = errors.New("node: receipt not found")

// receiptStore keeps receipts, their epoch index, closed epochs and their
// DA batches in a small badger database of its own under the data dir
// (data/receipts), so that they survive restarts. Keys:
//
//	r/<id 32>             receipt, canonical CBOR as signed
//	x/<epoch 8><id 32>    epoch index; the value is the receipt's settlement
//	                      row (pay.AppendRow), empty for receipts stored
//	                      before rows were
//	e/<epoch 8>           EpochInfo, JSON
//	b/<epoch 8>           the epoch's batch, as posted to DA
//	s/<epoch 8>           the epoch's payment settlement (SettlementInfo), JSON
type receiptStore struct {
	db *badger.DB
}

func openReceiptStore(dir string, syncWrites bool) (*receiptStore, error) {
	opts := badger.DefaultOptions(dir).WithSyncWrites(syncWrites).WithLogger(nil).
		WithMemTableSize(2 << 20).WithNumMemtables(2).WithValueThreshold(32 << 10).
		WithBlockCacheSize(1 << 20).WithIndexCacheSize(1 << 20).
		WithValueLogFileSize(16 << 20).WithCompression(options.None).WithNumCompactors(2).WithMetricsEnabled(false)
	db, err := badger.Open(opts)
	if err != nil {
		return nil, fmt.Errorf("node: open receipt store: %w", err)
	}
	return &receiptStore{db: db}, nil
}

func (s *receiptStore) close() error { return s.db.Close() }

func epochKey(prefix byte, epoch uint64) []byte {
	k := []byte{prefix, '/', 0, 0, 0, 0, 0, 0, 0, 0}
	binary.BigEndian.PutUint64(k[2:], epoch)
	return k
}

// put stores a receipt and indexes it by epoch, with its settlement row
// (pay.AppendRow) as the index entry's value, in one transaction: a
// receipt is never stored without its row. It returns false when the ID
// was already there.
func (s *receiptStore) put(id attribution.ReceiptID, epoch uint64, enc, row []byte) (bool, error) {
	rk := append([]byte("r/"), id[:]...)
	created := false
	err := s.db.Update(func(txn *badger.Txn) error {
		if _, err := txn.Get(rk); err == nil {
			return nil
		} else if !errors.Is(err, badger.ErrKeyNotFound) {
			return err
		}
		created = true
		if err := txn.Set(rk, enc); err != nil {
			return err
		}
		return txn.Set(append(epochKey('x', epoch), id[:]...), row)
	})
	return created, err
}

// settleRows reads epoch's settlement rows, in receipt ID order, into the
// receipts pay.Settle takes: no receipt is decoded or checked again (they
// were when first accepted). An index entry without a row (a receipt
// stored before rows were) is decoded from the receipt; legacy counts
// those.
func (s *receiptStore) settleRows(epoch uint64) (rows *pay.Rows, legacy int, err error) {
	rows = &pay.Rows{}
	prefix := epochKey('x', epoch)
	err = s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix}) // values are inline: read in place, not copied
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			item := it.Item()
			if item.ValueSize() > 0 {
				if err := item.Value(func(v []byte) error { return rows.Add(epoch, v) }); err != nil {
					return fmt.Errorf("epoch %d: receipt %x: %w", epoch, item.Key()[len(prefix):], err)
				}
				continue
			}
			legacy++
			var id attribution.ReceiptID
			copy(id[:], item.Key()[len(prefix):])
			ri, err := txn.Get(append([]byte("r/"), id[:]...))
			if err != nil {
				return fmt.Errorf("epoch %d: receipt %s: %w", epoch, id, err)
			}
			var r *attribution.Receipt
			if err := ri.Value(func(v []byte) (err error) { r, err = attribution.DecodeReceipt(v); return err }); err != nil {
				return fmt.Errorf("epoch %d: receipt %s: %w", epoch, id, err)
			}
			if err := rows.Add(epoch, pay.AppendRow(nil, r)); err != nil {
				return err
			}
		}
		return nil
	})
	return rows, legacy, err
}

// get returns a stored receipt's bytes.
func (s *receiptStore) get(id attribution.ReceiptID) ([]byte, error) {
	return s.getKey(append([]byte("r/"), id[:]...))
}

func (s *receiptStore) getKey(k []byte) ([]byte, error) {
	var out []byte
	err := s.db.View(func(txn *badger.Txn) error {
		it, err := txn.Get(k)
		if err != nil {
			return err
		}
		out, err = it.ValueCopy(nil)
		return err
	})
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, ErrReceiptNotFound
	}
	return out, err
}

func (s *receiptStore) has(id attribution.ReceiptID) bool {
	_, err := s.get(id)
	return err == nil
}

// epochIDs lists the receipt IDs indexed under epoch.
func (s *receiptStore) epochIDs(epoch uint64) ([]attribution.ReceiptID, error) {
	var ids []attribution.ReceiptID
	prefix := epochKey('x', epoch)
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			var id attribution.ReceiptID
			copy(id[:], it.Item().Key()[len(prefix):])
			ids = append(ids, id)
		}
		return nil
	})
	return ids, err
}

// receiptEpochs lists the epochs that have receipts, from epoch from on.
func (s *receiptStore) receiptEpochs(from uint64) ([]uint64, error) {
	var out []uint64
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte("x/")})
		defer it.Close()
		for it.Seek(epochKey('x', from)); it.Valid(); it.Next() {
			e := binary.BigEndian.Uint64(it.Item().Key()[2:10])
			if len(out) == 0 || out[len(out)-1] != e {
				out = append(out, e)
			}
		}
		return nil
	})
	return out, err
}

// putEpoch records a closed epoch and, when not nil, its batch.
func (s *receiptStore) putEpoch(e *EpochInfo, batch []byte) error {
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	return s.db.Update(func(txn *badger.Txn) error {
		if batch != nil {
			if err := txn.Set(epochKey('b', e.Epoch), batch); err != nil {
				return err
			}
		}
		return txn.Set(epochKey('e', e.Epoch), b)
	})
}

// epoch returns a closed epoch's record.
func (s *receiptStore) epoch(n uint64) (*EpochInfo, error) {
	b, err := s.getKey(epochKey('e', n))
	if err != nil {
		return nil, err
	}
	var e EpochInfo
	if err := json.Unmarshal(b, &e); err != nil {
		return nil, fmt.Errorf("node: epoch %d record: %w", n, err)
	}
	return &e, nil
}

// batch returns a closed epoch's batch bytes.
func (s *receiptStore) batch(n uint64) ([]byte, error) { return s.getKey(epochKey('b', n)) }

// epochs lists the closed epochs, newest first, at most limit.
func (s *receiptStore) epochs(limit int) ([]*EpochInfo, error) {
	var out []*EpochInfo
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte("e/"), Reverse: true})
		defer it.Close()
		for it.Seek(epochKey('e', ^uint64(0))); it.Valid() && len(out) < limit; it.Next() {
			var e EpochInfo
			if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &e) }); err != nil {
				return err
			}
			out = append(out, &e)
		}
		return nil
	})
	return out, err
}

// PutSettlement records an epoch's payment settlement.
func (s *receiptStore) PutSettlement(info *SettlementInfo) error {
	b, err := json.Marshal(info)
	if err != nil {
		return err
	}
	return s.db.Update(func(txn *badger.Txn) error { return txn.Set(epochKey('s', info.Epoch), b) })
}

// Settlement returns an epoch's settlement record, ErrReceiptNotFound
// when there is none.
func (s *receiptStore) Settlement(n uint64) (*SettlementInfo, error) {
	b, err := s.getKey(epochKey('s', n))
	if err != nil {
		return nil, err
	}
	var info SettlementInfo
	if err := json.Unmarshal(b, &info); err != nil {
		return nil, fmt.Errorf("node: settlement %d record: %w", n, err)
	}
	return &info, nil
}

// Settlements lists settlement records, newest first, at most limit.
func (s *receiptStore) Settlements(limit int) ([]*SettlementInfo, error) {
	var out []*SettlementInfo
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte("s/"), Reverse: true})
		defer it.Close()
		for it.Seek(epochKey('s', ^uint64(0))); it.Valid() && len(out) < limit; it.Next() {
			var info SettlementInfo
			if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &info) }); err != nil {
				return err
			}
			out = append(out, &info)
		}
		return nil
	})
	return out, err
}
