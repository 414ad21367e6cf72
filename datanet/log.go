package datanet

import (
	"fmt"
	"math"

	badger "github.com/dgraph-io/badger/v4"
)

// Defaults and bounds for Log.
const (
	DefaultLogLimit = 1000
	MaxLogLimit     = 10000
	DefaultLogBytes = 4 << 20
)

// Log returns the replication log after sequence number after (exclusive),
// in order: at most limit entries (default DefaultLogLimit, at most
// MaxLogLimit) and about maxBytes of data (default DefaultLogBytes); it
// always returns at least one entry when there is one, however large. A
// peer catches up by calling Log with the last Seq it has seen. Sequence
// numbers are local to this store and may have gaps.
func (s *Store) Log(after uint64, limit int, maxBytes int) ([]LogEntry, error) {
	if err := s.acquire(); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	switch {
	case limit < 0 || maxBytes < 0:
		return nil, fmt.Errorf("%w: negative log limit", ErrInvalid)
	case limit == 0:
		limit = DefaultLogLimit
	case limit > MaxLogLimit:
		limit = MaxLogLimit
	}
	if maxBytes == 0 {
		maxBytes = DefaultLogBytes
	}
	if after == math.MaxUint64 {
		return nil, nil
	}
	txn := s.db.NewTransaction(false)
	defer txn.Discard()
	p := prefix(tLog)
	it := txn.NewIterator(badger.IteratorOptions{Prefix: p, PrefetchValues: true, PrefetchSize: min(limit, 100)})
	defer it.Close()
	var out []LogEntry
	total := 0
	for it.Seek(logKey(after + 1)); it.ValidForPrefix(p) && len(out) < limit; it.Next() {
		item := it.Item()
		if len(out) > 0 && total+int(item.ValueSize()) > maxBytes {
			break
		}
		v, err := item.ValueCopy(nil)
		if err != nil {
			return nil, fmt.Errorf("datanet: log: %w", err)
		}
		if len(v) < 1 {
			return nil, fmt.Errorf("%w: empty log entry", ErrMalformed)
		}
		total += len(v)
		out = append(out, LogEntry{Seq: seqSuffix(item.Key()), Kind: Kind(v[0]), Data: v[1:]})
	}
	return out, nil
}
