package work

import (
	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/tasks"
)

// finalise decides a pending record once its vote has reached quorum: it
// records the record's state and outcome, and teaches the classifier.
func (w *Service) finalise(dn *datanet.Datanet, r *datanet.StoredRecord) bool {
	w.fin.Lock()
	defer w.fin.Unlock()
	return w.finaliseLocked(dn, r)
}

// finaliseLocked is finalise with w.fin held.
func (w *Service) finaliseLocked(dn *datanet.Datanet, r *datanet.StoredRecord) bool {
	o := w.outcome(dn, r.CID)
	if !o.Final {
		return false
	}
	// r may be stale: a vote's arrival and the scan both finalise.
	if cur, err := w.data.GetRecord(r.CID); err != nil || cur.State != datanet.StatePending {
		return false
	}
	if !w.settle(dn, r, o) {
		return false
	}
	if o.Verdict.Accept && o.Verdict.Label != "" {
		w.models.learn(dn, r.Content, o.Verdict.Label)
	}
	w.count(func(c *WorkCounts) { c.Finalised++ })
	return true
}

// took feeds a result new to this node to the ledger and, for a vote on a
// decided record, revises the record's outcome.
func (w *Service) took(r *tasks.Result) {
	w.workGen.Add(1)
	if r.Record.Defined() && r.Datanet.Defined() {
		w.bl.mark(r.Datanet, r.Record) // its work may have changed: the next scan visits it
	}
	w.addAnswer(r)
	if r.Kind == tasks.KindValidate && r.Record.Defined() {
		w.revise(r)
	}
}

// revise decides a final record again when a vote for it arrives. A quorum
// reached on part of the votes moves when an earlier vote arrives, from a
// slow peer or across a healed partition: the vote that completes the
// quorum, and with it the outcome's time and epoch (in rare cases even its
// verdict), is a function of the whole set of votes. Every node must end
// with the outcome of the same set, or their points ledgers differ. The
// classifier keeps what it learnt from the first decision.
func (w *Service) revise(v *tasks.Result) {
	dn, err := w.data.GetDatanet(v.Datanet)
	if err != nil || !dn.IsValidator(v.Worker) {
		return
	}
	w.fin.Lock() // before reading the state: a decision in flight must be seen
	defer w.fin.Unlock()
	r, err := w.data.GetRecord(v.Record)
	if err != nil {
		return
	}
	if r.State == datanet.StatePending {
		w.finaliseLocked(dn, r) // decide now, not at the next scan
		return
	}
	if o := w.outcome(dn, r.CID); o.Final {
		w.settle(dn, r, o)
	}
}

// settle sets a record's state and its ledger outcome to o. Callers hold
// w.fin.
func (w *Service) settle(dn *datanet.Datanet, r *datanet.StoredRecord, o tasks.Outcome) bool {
	st := datanet.StateRejected
	if o.Verdict.Accept {
		st = datanet.StateGolden
	}
	if r.State != st {
		if err := w.data.SetState(r.CID, st); err != nil {
			w.log.Warn("work: finalise", "record", r.CID, "err", err)
			return false
		}
		w.workGen.Add(1)
	}
	w.addOutcome(dn, r, o)
	return true
}

func (w *Service) count(fn func(*WorkCounts)) {
	w.mu.Lock()
	fn(&w.done)
	w.mu.Unlock()
}

// outcome is the vote state of a record, from the stored votes.
func (w *Service) outcome(dn *datanet.Datanet, rec cid.Cid) tasks.Outcome {
	vt := tasks.Derive(tasks.KindValidate, dn.ID(), rec).ID()
	return tasks.Tally(policyOf(dn), vt, w.store.Results(vt))
}

// policyOf is the vote policy of dn: its whitelist, quorum and whether a
// vote must carry a label.
func policyOf(dn *datanet.Datanet) tasks.Policy {
	return tasks.Policy{Validators: dn.Validators, Quorum: dn.Quorum, Labelled: len(dn.Labels) > 0}
}
