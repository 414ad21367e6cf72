package datanet

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/ipfs/go-cid"
)

var nilCID = cid.Undef

// Export writes the records of a Datanet, optionally only those in state,
// to w as JSON Lines: one StoredRecord JSON object per line, in sequence
// order. It streams page by page from one consistent snapshot and returns the
// number of records written.
func (s *Store) Export(ctx context.Context, w io.Writer, datanet cid.Cid, state *State) (n int, err error) {
	if err := s.acquire(); err != nil {
		return 0, err
	}
	defer s.mu.RUnlock()
	txn := s.db.NewTransaction(false)
	defer txn.Discard()
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	q := Query{Datanet: datanet, State: state, Limit: MaxQueryLimit}
	for {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		recs, next, err := s.listRecords(txn, q)
		if err != nil {
			return n, err
		}
		for _, r := range recs {
			if err := enc.Encode(r); err != nil {
				return n, fmt.Errorf("datanet: export: %w", err)
			}
			n++
		}
		if next == 0 {
			break
		}
		q.After = next
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("datanet: export: %w", err)
	}
	return n, nil
}
