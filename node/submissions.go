package node

import (
	"bytes"
	"context"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/points"
)

// The record store keeps the first submission of a content it sees; which
// one that is depends on arrival order. The points ledger credits the
// earliest submission and penalises later duplicates, so every node must
// know every submission: the others are kept in the task store, gossiped
// like records, and reconciled with the results.

// isExtraSubmission reports whether r is a submission of a stored record
// other than the stored one and not yet kept.
func (n *Node) isExtraSubmission(r *datanet.Record, wire []byte) bool {
	stored, err := n.store.GetRecord(r.CID())
	if err != nil || bytes.Equal(stored.Signature, r.Signature) {
		return false
	}
	return !n.work.store.HasSubmission(wire)
}

// keepSubmission stores an extra submission and, if its record is final,
// credits it.
func (w *workService) keepSubmission(r *datanet.Record, wire []byte) {
	ok, err := w.store.PutSubmission(r.CID(), wire)
	if err != nil || !ok {
		return
	}
	stored, err := w.n.store.GetRecord(r.CID())
	if err != nil || stored.State == datanet.StatePending {
		return
	}
	if dn, err := w.n.store.GetDatanet(r.Datanet); err == nil {
		w.addSubmission(dn, r)
	}
}

// addSubmission feeds one submission of a decided record to the ledger.
func (w *workService) addSubmission(dn *datanet.Datanet, r *datanet.Record) {
	w.addEvent(points.Event{
		ID: crypto.Keccak256Hash(r.Signature), Epoch: w.n.epochOf(r.CreatedAt), Kind: points.KindRecord, Actor: r.Submitter,
		Datanet: dn.ID().String(), Record: r.CID().String(), Created: r.CreatedAt,
	})
}

// addExtraSubmissions feeds the kept extra submissions of a decided record.
func (w *workService) addExtraSubmissions(dn *datanet.Datanet, rec *datanet.StoredRecord) {
	for _, b := range w.store.Submissions(rec.CID) {
		if r, err := datanet.DecodeRecord(b); err == nil {
			w.addSubmission(dn, r)
		}
	}
}

// publishExtra gossips a local submission of already stored content.
func (n *Node) publishExtra(ctx context.Context, r *datanet.Record) {
	wire, err := datanet.EncodeRecord(r)
	if err != nil || !n.isExtraSubmission(r, wire) {
		return
	}
	n.work.keepSubmission(r, wire)
	publish(ctx, n, n.records, datanet.EncodeRecord, r)
}
