package work

import (
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/points"
)

// The work service is replica.Submissions: it keeps the extra
// submissions of stored content in the task store and credits them.

// HasSubmission reports whether these wire bytes are kept already.
func (w *Service) HasSubmission(wire []byte) bool { return w.store.HasSubmission(wire) }

// KeepSubmission stores an extra submission and, if its record is final,
// credits it.
func (w *Service) KeepSubmission(r *datanet.Record, wire []byte) { w.keepSubmission(r, wire) }

// keepSubmission stores an extra submission and, if its record is final,
// credits it.
func (w *Service) keepSubmission(r *datanet.Record, wire []byte) {
	ok, err := w.store.PutSubmission(r.CID(), wire)
	if err != nil || !ok {
		return
	}
	stored, err := w.data.GetRecord(r.CID())
	if err != nil || stored.State == datanet.StatePending {
		return
	}
	if dn, err := w.data.GetDatanet(r.Datanet); err == nil {
		w.addSubmission(dn, r)
	}
}

// addSubmission feeds one submission of a decided record to the ledger.
func (w *Service) addSubmission(dn *datanet.Datanet, r *datanet.Record) {
	w.addEvent(points.Event{
		ID: crypto.Keccak256Hash(r.Signature), Epoch: w.Epoch(r.CreatedAt), Kind: points.KindRecord, Actor: r.Submitter,
		Datanet: dn.ID().String(), Record: r.CID().String(), Created: r.CreatedAt,
	})
}

// addExtraSubmissions feeds the kept extra submissions of a decided record.
func (w *Service) addExtraSubmissions(dn *datanet.Datanet, rec *datanet.StoredRecord) {
	for _, b := range w.store.Submissions(rec.CID) {
		if r, err := datanet.DecodeRecord(b); err == nil {
			w.addSubmission(dn, r)
		}
	}
}
