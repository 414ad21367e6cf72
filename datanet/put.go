package datanet

import (
	"context"
	"fmt"
	"runtime"
	"sync"
)

// PutRecord validates r against its stored Datanet (ErrUnknownDatanet if
// there is none), checks its signature, and stores it. It is idempotent by
// content: storing content that is already stored returns Created false and
// the existing Seq. When it returns without error the record is durable (with
// StoreConfig.SyncWrites). If ctx ends while the write is queued, the record
// may or may not be stored; resubmitting is safe.
func (s *Store) PutRecord(ctx context.Context, r *Record) (PutResult, error) {
	res, err := s.putRecords(ctx, []*Record{r}, true)
	if err != nil {
		return PutResult{}, err
	}
	return res[0], res[0].Err
}

// PutRecords stores a batch as PutRecord does, in one group commit. A record
// that fails validation gets its error in its PutResult.Err and does not
// stop the others. The returned error is for the whole call (closed store,
// ctx, a failed commit); the results are then not meaningful, some records
// may be stored, and resubmitting is safe. Signatures of a large batch are
// checked on all cores.
func (s *Store) PutRecords(ctx context.Context, recs []*Record) ([]PutResult, error) {
	return s.putRecords(ctx, recs, true)
}

// PutVerified is PutRecords for records whose signatures the caller has
// already checked (for example a gossip validator that called
// Record.Verify). It skips only the signature recovery; every other check
// still runs. Storing a record with a bad signature through it corrupts the
// data set, so use it only on verified records.
func (s *Store) PutVerified(ctx context.Context, recs []*Record) ([]PutResult, error) {
	return s.putRecords(ctx, recs, false)
}

// parallelPrepareMin is the batch size from which putRecords spreads the
// validation over all cores.
const parallelPrepareMin = 32

func (s *Store) putRecords(ctx context.Context, recs []*Record, verify bool) ([]PutResult, error) {
	if err := s.acquire(); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	results := make([]PutResult, len(recs))
	prepared := make([]*preparedRecord, len(recs))
	prepare := func(i int) {
		p, err := s.prepare(recs[i], verify)
		if err != nil {
			results[i].Err = err
			if recs[i] != nil {
				results[i].CID = recs[i].CID()
			}
			return
		}
		prepared[i] = p
		results[i].CID = p.cid
	}
	if workers := min(runtime.GOMAXPROCS(0), len(recs)/parallelPrepareMin); workers > 1 {
		var wg sync.WaitGroup
		chunk := (len(recs) + workers - 1) / workers
		for lo := 0; lo < len(recs); lo += chunk {
			hi := min(lo+chunk, len(recs))
			wg.Go(func() {
				for i := lo; i < hi; i++ {
					prepare(i)
				}
			})
		}
		wg.Wait()
	} else {
		for i := range recs {
			prepare(i)
		}
	}
	pending := 0
	for _, p := range prepared {
		if p != nil {
			pending++
		}
	}
	if pending == 0 {
		return results, nil
	}
	if err := s.w.submit(ctx, &writeReq{kind: opRecords, recs: prepared, results: results}); err != nil {
		return nil, err
	}
	return results, nil
}

func (s *Store) prepare(r *Record, verify bool) (*preparedRecord, error) {
	if r == nil {
		return nil, fmt.Errorf("%w: nil record", ErrInvalid)
	}
	e := s.datanet(r.Datanet)
	if e == nil {
		return nil, fmt.Errorf("%w: %s", ErrUnknownDatanet, r.Datanet)
	}
	p, err := r.prepare(e.id, e.dn, verify)
	if err != nil {
		return nil, err
	}
	p.dnSeq = e.seq
	return p, nil
}
