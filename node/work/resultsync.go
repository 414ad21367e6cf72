package work

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"

	"github.com/provenet/provenet/internal/canon"
	"github.com/provenet/provenet/tasks"
)

// ResultSyncProtocol reconciles task results between two peers, so that
// results gossiped while nodes were apart (a partition, a restart) or
// dropped because their record had not arrived yet still reach every node,
// and every node's points ledger ends the same.
//
// The puller sends a digest of its result IDs per epoch; the server answers
// with its IDs for every epoch whose digest differs (or that the puller
// lacks); the puller then fetches what it is missing by ID.
const ResultSyncProtocol protocol.ID = "/provenet/results-sync/1"

// ErrSyncMessage reports a malformed result-sync request or answer.
var ErrSyncMessage = errors.New("work: malformed result sync message")

// Limits of a results exchange.
const (
	maxSyncIDs    = 60000 // ids in one answer (about 2 MB)
	maxFetchIDs   = 2000  // results fetched per request
	maxSyncEpochs = 4096
	resultSyncIDs = 1
	resultSyncGet = 2
)

// resultSyncDec ignores unknown fields, as it always has: a request or
// answer that a newer peer extends still decodes.
var resultSyncDec = canon.DecModeAllowing(
	canon.Limits{MaxArrayElements: maxSyncIDs, MaxMapPairs: maxSyncEpochs, MaxNestedLevels: 4},
	canon.Allow{UnknownFields: true})

type resultSyncRequest struct {
	Op      uint8             `cbor:"op"`
	Digests map[uint64][]byte `cbor:"d,omitempty"`
	Want    [][]byte          `cbor:"w,omitempty"`
}

type resultSyncResponse struct {
	IDs     [][]byte `cbor:"i,omitempty"`
	More    bool     `cbor:"m,omitempty"`
	Results [][]byte `cbor:"r,omitempty"`
}

// goldEpoch is the bucket that holds gold commits and reveals, which are
// reconciled with the results.
const goldEpoch = math.MaxUint64

// submissionEpoch is the bucket of extra record submissions.
const submissionEpoch = math.MaxUint64 - 1

// resultsByEpoch groups this node's result IDs by epoch, each sorted, and
// its gold objects' IDs under goldEpoch.
func (w *Service) resultsByEpoch() map[uint64][]tasks.ID {
	out := map[uint64][]tasks.ID{}
	w.store.AllResults(func(r *tasks.Result) bool {
		e := w.Epoch(r.CreatedAt)
		out[e] = append(out[e], r.ID())
		return true
	})
	if g := w.store.GoldIDs(); len(g) > 0 {
		out[goldEpoch] = g
	}
	if s := w.store.SubmissionIDs(); len(s) > 0 {
		out[submissionEpoch] = s
	}
	for _, ids := range out {
		slices.SortFunc(ids, func(a, b tasks.ID) int { return bytes.Compare(a[:], b[:]) })
	}
	return out
}

func idsDigest(ids []tasks.ID) []byte {
	h := sha256.New()
	for _, id := range ids {
		h.Write(id[:])
	}
	return h.Sum(nil)
}

func (w *Service) serveResultSync(_ context.Context, _ peer.ID, raw []byte) ([]byte, error) {
	var req resultSyncRequest
	if err := resultSyncDec.Unmarshal(raw, &req); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSyncMessage, err)
	}
	var resp resultSyncResponse
	switch req.Op {
	case resultSyncIDs:
		if len(req.Digests) > maxSyncEpochs {
			return nil, fmt.Errorf("%w: %d epochs", ErrSyncMessage, len(req.Digests))
		}
		mine := w.resultsByEpoch()
		epochs := make([]uint64, 0, len(mine))
		for e := range mine {
			epochs = append(epochs, e)
		}
		slices.Sort(epochs)
		for _, e := range epochs {
			ids := mine[e]
			if bytes.Equal(req.Digests[e], idsDigest(ids)) {
				continue
			}
			if len(resp.IDs)+len(ids) > maxSyncIDs {
				resp.More = true
				break
			}
			for _, id := range ids {
				resp.IDs = append(resp.IDs, slices.Clone(id[:]))
			}
		}
	case resultSyncGet:
		if len(req.Want) > maxFetchIDs {
			return nil, fmt.Errorf("%w: %d ids", ErrSyncMessage, len(req.Want))
		}
		for _, id := range req.Want {
			if len(id) != 32 {
				return nil, fmt.Errorf("%w: id of %d bytes", ErrSyncMessage, len(id))
			}
			if r, ok := w.store.Result(tasks.ID(id)); ok {
				if b, err := tasks.EncodeResult(r); err == nil {
					resp.Results = append(resp.Results, b)
				}
			} else if b, ok := w.store.GoldWire(tasks.ID(id)); ok {
				resp.Results = append(resp.Results, b)
			} else if b, ok := w.store.SubmissionWire(tasks.ID(id)); ok {
				resp.Results = append(resp.Results, b)
			}
		}
	default:
		return nil, fmt.Errorf("%w: op %d", ErrSyncMessage, req.Op)
	}
	return wireEnc.Marshal(resp)
}

// PullFrom reconciles results with p and returns how many were new.
func (w *Service) PullFrom(ctx context.Context, p peer.ID) (int, error) {
	mine := w.resultsByEpoch()
	req := resultSyncRequest{Op: resultSyncIDs, Digests: map[uint64][]byte{}}
	have := map[tasks.ID]bool{}
	for e, ids := range mine {
		if len(req.Digests) < maxSyncEpochs {
			req.Digests[e] = idsDigest(ids)
		}
		for _, id := range ids {
			have[id] = true
		}
	}
	resp, err := w.resultSyncCall(ctx, p, req)
	if err != nil {
		return 0, err
	}
	var want [][]byte
	for _, id := range resp.IDs {
		if len(id) == 32 && !have[tasks.ID(id)] {
			want = append(want, id)
		}
	}
	added := 0
	for len(want) > 0 && ctx.Err() == nil {
		batch := want[:min(len(want), maxFetchIDs)]
		want = want[len(batch):]
		got, err := w.resultSyncCall(ctx, p, resultSyncRequest{Op: resultSyncGet, Want: batch})
		if err != nil {
			return added, err
		}
		// Commits before reveals: a reveal needs its commit.
		slices.SortStableFunc(got.Results, func(a, b []byte) int { return goldOrder(a) - goldOrder(b) })
		for _, b := range got.Results {
			if c, g, err := w.checkGold(b); err == nil {
				w.storeGold(c, g)
				added++
				continue
			}
			if rec, err := w.d.Records.CheckRecord(b); err == nil {
				if w.d.Records.IsExtraSubmission(rec, b) {
					w.keepSubmission(rec, b)
					added++
				}
				continue
			}
			r, err := w.checkResult(b)
			if err != nil || (r.Record.Defined() && !w.data.HasRecord(r.Record)) {
				continue // bad, or its record has not arrived: next round
			}
			if ok, err := w.store.PutResult(r); err == nil && ok {
				w.took(r)
				added++
			}
		}
	}
	return added, nil
}

func (w *Service) resultSyncCall(ctx context.Context, p peer.ID, req resultSyncRequest) (resultSyncResponse, error) {
	var resp resultSyncResponse
	b, err := wireEnc.Marshal(req)
	if err != nil {
		return resp, err
	}
	raw, err := w.d.Net.Request(ctx, p, ResultSyncProtocol, b)
	if err != nil {
		return resp, err
	}
	if err := resultSyncDec.Unmarshal(raw, &resp); err != nil {
		return resp, fmt.Errorf("%w: %v", ErrSyncMessage, err)
	}
	return resp, nil
}

// goldOrder sorts gold commits first, then everything else.
func goldOrder(b []byte) int {
	if _, err := tasks.DecodeGoldCommit(b); err == nil {
		return 0
	}
	return 1
}
