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
//
// join, when set, is called on each record before it is written: the
// caller that knows the votes fills in Final there.
func (s *Store) Export(ctx context.Context, w io.Writer, datanet cid.Cid, state *State, join func(*StoredRecord)) (n int, err error) {
	return s.export(ctx, w, datanet, state, func(enc *json.Encoder, r *StoredRecord) (bool, error) {
		if join != nil {
			join(r)
		}
		return true, enc.Encode(r)
	})
}

// DatasetRow is one line of a golden dataset export: what a trainer reads
// (datasets.load_dataset("json", data_files=...) loads it as is).
type DatasetRow struct {
	Text        string `json:"text"`
	Label       string `json:"label"`       // the final label
	Source      string `json:"source"`      // where the text came from (a URL), may be empty
	CID         string `json:"cid"`         // the record's content CID
	Contributor string `json:"contributor"` // the submitter's address
}

// ExportDataset writes a Datanet's golden records as a labelled dataset
// (one DatasetRow per line). join must fill in each record's Final: a
// golden record without one is left out, since its label is not known.
func (s *Store) ExportDataset(ctx context.Context, w io.Writer, datanet cid.Cid, join func(*StoredRecord)) (n int, err error) {
	golden := StateGolden
	return s.export(ctx, w, datanet, &golden, func(enc *json.Encoder, r *StoredRecord) (bool, error) {
		join(r)
		if r.Final == nil {
			return false, nil
		}
		return true, enc.Encode(DatasetRow{Text: r.Content, Label: r.Final.Label, Source: r.Source, CID: r.CID.String(), Contributor: r.Submitter.Hex()})
	})
}

func (s *Store) export(ctx context.Context, w io.Writer, datanet cid.Cid, state *State, write func(*json.Encoder, *StoredRecord) (bool, error)) (n int, err error) {
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
			ok, err := write(enc, r)
			if err != nil {
				return n, fmt.Errorf("datanet: export: %w", err)
			}
			if ok {
				n++
			}
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
