package datanet

import (
	"errors"
	"fmt"
	"math"

	badger "github.com/dgraph-io/badger/v4"
	"github.com/ipfs/go-cid"
)

// ListRecords returns one page of a Datanet's records in sequence order,
// filtered by q, and the cursor for the next page: pass it as q.After. next
// is 0 when there are no more records.
func (s *Store) ListRecords(q Query) (recs []*StoredRecord, next uint64, err error) {
	if err := s.acquire(); err != nil {
		return nil, 0, err
	}
	defer s.mu.RUnlock()
	txn := s.db.NewTransaction(false)
	defer txn.Discard()
	return s.listRecords(txn, q)
}

func (s *Store) listRecords(txn *badger.Txn, q Query) ([]*StoredRecord, uint64, error) {
	e := s.datanet(q.Datanet)
	if e == nil {
		return nil, 0, fmt.Errorf("%w: %s", ErrUnknownDatanet, q.Datanet)
	}
	limit := q.Limit
	switch {
	case limit < 0:
		return nil, 0, fmt.Errorf("%w: negative limit %d", ErrInvalid, limit)
	case limit == 0:
		limit = DefaultQueryLimit
	case limit > MaxQueryLimit:
		limit = MaxQueryLimit
	}
	if q.State != nil && !q.State.Valid() {
		return nil, 0, fmt.Errorf("%w: state %d", ErrInvalid, uint8(*q.State))
	}
	if q.After == math.MaxUint64 {
		return nil, 0, nil
	}
	// Pick the narrowest index; with both a submitter and a state, scan the
	// submitter index and check the state index per record.
	var p, stateP []byte
	switch {
	case q.Submitter != nil:
		p = bySubmitterPrefix(e.seq, *q.Submitter)
		if q.State != nil {
			stateP = byStatePrefix(e.seq, *q.State)
		}
	case q.State != nil:
		p = byStatePrefix(e.seq, *q.State)
	default:
		p = byDNPrefix(e.seq)
	}
	it := txn.NewIterator(badger.IteratorOptions{Prefix: p})
	defer it.Close()
	var out []*StoredRecord
	var next uint64
	for it.Seek(withSeq(p, q.After+1)); it.ValidForPrefix(p); it.Next() {
		seq := seqSuffix(it.Item().Key())
		if stateP != nil {
			if _, err := txn.Get(withSeq(stateP, seq)); errors.Is(err, badger.ErrKeyNotFound) {
				continue
			} else if err != nil {
				return nil, 0, err
			}
		}
		if len(out) == limit {
			next = out[len(out)-1].Seq
			break
		}
		// Entries written since the index carried CIDs hold one; older
		// entries are empty, and loadRecord computes it.
		c := nilCID
		if err := it.Item().Value(func(v []byte) error {
			if len(v) > 0 {
				parsed, err := cid.Cast(v)
				if err != nil {
					return fmt.Errorf("%w: index entry %d: %v", ErrMalformed, seq, err)
				}
				c = parsed
			}
			return nil
		}); err != nil {
			return nil, 0, err
		}
		r, err := loadRecord(txn, seq, nil, c)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, r)
	}
	return out, next, nil
}
