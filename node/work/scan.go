package work

import (
	"context"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/tasks"
)

// scan does one round of work: crawls to start, records to classify, votes
// to cast and records to finalise.
func (w *Service) scan(ctx context.Context) {
	now := w.d.Clock.Now()
	me := w.d.Account.Address()
	live := w.liveAt(now)
	lease := w.cfg.Lease.D()
	for id, t := range w.store.Unanswered() {
		w.maybeCrawl(ctx, id, t, me, live, now, lease)
	}
	dns, err := w.data.ListDatanets()
	if err != nil {
		return
	}
	defer w.revealFinal(ctx)
	pending := datanet.StatePending
	seen := 0
	kinds := map[string]*KindCounts{tasks.KindClassify.String(): {}, tasks.KindValidate.String(): {}}
	defer func() {
		w.mu.Lock()
		w.pending, w.kinds = seen, kinds
		w.mu.Unlock()
	}()
	for _, dn := range dns {
		w.catchUpDups(dn.ID())
		policy := policyOf(dn)
		var after uint64
		for ctx.Err() == nil {
			recs, next, err := w.data.ListRecords(datanet.Query{Datanet: dn.ID(), State: &pending, After: after, Limit: datanet.MaxQueryLimit})
			if err != nil {
				w.log.Warn("work: list records", "err", err)
				break
			}
			seen += len(recs)
			for _, r := range recs {
				decided := w.workOn(ctx, dn, policy, r, me, live, now, lease)
				w.tallyKinds(kinds, dn, r, decided)
			}
			if next == 0 || len(recs) == 0 {
				break
			}
			after = next
		}
	}
}

func (w *Service) workOn(ctx context.Context, dn *datanet.Datanet, policy tasks.Policy, r *datanet.StoredRecord,
	me common.Address, live []common.Address, now time.Time, lease time.Duration) (decided bool) {
	start := time.UnixMilli(r.CreatedAt)
	ct := tasks.Derive(tasks.KindClassify, dn.ID(), r.CID)
	ctID := ct.ID()
	done := func(a common.Address) bool { return w.store.HasResult(ctID, a) }
	if !done(me) {
		if ok, _ := tasks.Holds(me, ctID, live, w.cfg.Replication, start, now, lease, done); ok {
			w.classify(ctx, dn, ct, r)
		}
	}
	vt := tasks.Derive(tasks.KindValidate, dn.ID(), r.CID)
	vtID := vt.ID()
	if policy.IsValidator(me) && w.cfg.AutoValidate && !w.store.HasResult(vtID, me) {
		if v, ok := w.decide(ctx, dn, r); ok {
			res := tasks.NewResult(vt, w.d.Clock.Now())
			res.Accept, res.Label = v.Accept, v.Label
			if err := w.publishResult(ctx, res); err == nil {
				w.count(func(c *WorkCounts) { c.Voted++ })
			}
		}
	}
	return w.finalise(dn, r)
}

// KindCounts is the state of one task kind over the pending records at the
// last scan: queued (no answer yet), in flight (answered, not enough:
// fewer than replication classify results, or votes short of quorum).
type KindCounts struct {
	Queued   int `json:"queued"`
	InFlight int `json:"in_flight"`
}

func (w *Service) tallyKinds(k map[string]*KindCounts, dn *datanet.Datanet, r *datanet.StoredRecord, decided bool) {
	c := len(w.store.Results(tasks.Derive(tasks.KindClassify, dn.ID(), r.CID).ID()))
	switch {
	case c == 0:
		k[tasks.KindClassify.String()].Queued++
	case c < w.cfg.Replication:
		k[tasks.KindClassify.String()].InFlight++
	}
	if decided {
		return
	}
	if v := len(w.store.Results(tasks.Derive(tasks.KindValidate, dn.ID(), r.CID).ID())); v == 0 {
		k[tasks.KindValidate.String()].Queued++
	} else {
		k[tasks.KindValidate.String()].InFlight++
	}
}

// classify answers a classify task this node holds: with the Datanet's
// classifier, or with Options.Classify when set.
func (w *Service) classify(ctx context.Context, dn *datanet.Datanet, t *tasks.Task, r *datanet.StoredRecord) {
	res := tasks.NewResult(t, w.d.Clock.Now())
	res.Accept = true
	switch hook := w.d.Classify; {
	case hook != nil:
		v, conf := hook(ctx, dn, r)
		conf = min(max(conf, 0), 1)
		res.Accept, res.Label = v.Accept, v.Label
		res.Confidence = uint16(conf * 1000)
		res.Unsure = conf < w.cfg.Confidence
	case len(dn.Labels) > 0:
		p, err := w.models.predict(ctx, dn, r.Content)
		switch {
		case err == nil:
			res.Label = p.Label
			res.Confidence = uint16(p.Confidence * 1000)
			// A classifier that has seen too little (one label, a handful of
			// records) is confident and wrong: its label is only a hint.
			res.Unsure = p.Unsure || p.Confidence < w.cfg.Confidence || !w.models.ready(dn)
		default: // untrained: no label to offer yet
			res.Unsure = true
		}
	}
	if err := w.publishResult(ctx, res); err != nil {
		w.log.Warn("work: classify result", "record", r.CID, "err", err)
		return
	}
	w.count(func(c *WorkCounts) { c.Classified++ })
}

// decide is the automatic validator: in an unlabelled Datanet it accepts
// any non-empty text; otherwise it confirms the submitter's label, or,
// for an unlabelled record, takes the label of a classifier that is
// trained and confident. It abstains (leaving the vote to a person, via
// POST /api/v1/votes) when it has neither. A classifier never overrides a
// submitter's label: early on it knows too little, and validators that
// trained on different prefixes of the golden set would split the vote.
//
// Options.Decide, when set, decides instead.
func (w *Service) decide(ctx context.Context, dn *datanet.Datanet, r *datanet.StoredRecord) (tasks.Verdict, bool) {
	if w.d.Decide != nil {
		return w.d.Decide(ctx, dn, r)
	}
	if len(dn.Labels) == 0 {
		return tasks.Verdict{Accept: true}, true
	}
	if r.Label != "" {
		return tasks.Verdict{Accept: true, Label: r.Label}, true
	}
	if !w.models.ready(dn) {
		return tasks.Verdict{}, false
	}
	p, err := w.models.predict(ctx, dn, r.Content)
	if err == nil && !p.Unsure && p.Confidence >= w.cfg.Confidence {
		return tasks.Verdict{Accept: true, Label: p.Label}, true
	}
	return tasks.Verdict{}, false
}
