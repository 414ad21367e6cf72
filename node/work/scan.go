package work

import (
	"container/heap"
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/tasks"
)

// The scan touches only the pending records whose work can have changed
// since the last one, so an idle node's cost does not grow with its
// backlog. A record is visited (classify if this node holds it, vote,
// finalise) when:
//
//   - it is new: each Datanet's records are read from a cursor on the
//     record store's sequence numbers that only moves forward, whatever
//     path (a submission, a crawl, gossip or sync) stored them;
//   - a result or vote for it arrives (took marks it);
//   - a classify lease that can hand it to this node runs out: each
//     record this node has not classified is due at the earliest
//     deadline of its undone leases, in a heap keyed by time;
//   - the live workers change (rendezvous hashing may move its classify
//     task to this node): every pending record this node has not
//     classified is visited;
//   - the automatic validator abstained on it and may now answer (its
//     classifier was built or learnt, or a Decide hook is set);
//   - its Datanet's vote policy or labels changed: the Datanet's pending
//     records are read again;
//   - its visit failed to publish (retried at the next scan).
//
// Nothing else changes what a scan would do for a pending record.
type backlog struct {
	mu    sync.Mutex
	dirty map[cid.Cid]cid.Cid // record -> Datanet, to visit at the next scan

	// The rest is the scan's own (Service.scanMu).
	cursor       map[cid.Cid]uint64  // by Datanet: records read up to this sequence number
	policy       map[cid.Cid]string  // by Datanet: what its records' work depends on
	unclassified map[cid.Cid]cid.Cid // pending records this node has no classify result for
	abstained    map[cid.Cid]cid.Cid // pending records the automatic validator abstained on
	due          dueHeap
	dueAt        map[cid.Cid]time.Time // each record's entry in due; older entries are stale
	live         []common.Address      // live workers at the last scan
	modelGen     uint64
}

func newBacklog() *backlog {
	return &backlog{dirty: map[cid.Cid]cid.Cid{}, cursor: map[cid.Cid]uint64{}, policy: map[cid.Cid]string{},
		unclassified: map[cid.Cid]cid.Cid{}, abstained: map[cid.Cid]cid.Cid{}, dueAt: map[cid.Cid]time.Time{}}
}

// mark asks the next scan to visit rec of dn.
func (b *backlog) mark(dn, rec cid.Cid) {
	b.mu.Lock()
	b.dirty[rec] = dn
	b.mu.Unlock()
}

func (b *backlog) takeDirty() map[cid.Cid]cid.Cid {
	b.mu.Lock()
	defer b.mu.Unlock()
	d := b.dirty
	b.dirty = map[cid.Cid]cid.Cid{}
	return d
}

// schedule makes rec due at t, unless it is due earlier already.
func (b *backlog) schedule(dn, rec cid.Cid, t time.Time) {
	if at, ok := b.dueAt[rec]; ok && !t.Before(at) {
		return
	}
	b.dueAt[rec] = t
	heap.Push(&b.due, dueEntry{at: t, dn: dn, rec: rec})
}

// forget drops what is kept about a record that is no longer pending.
func (b *backlog) forget(rec cid.Cid) {
	delete(b.unclassified, rec)
	delete(b.abstained, rec)
	delete(b.dueAt, rec) // its heap entry, now stale, is dropped when it comes up
}

type dueEntry struct {
	at      time.Time
	dn, rec cid.Cid
}

type dueHeap []dueEntry

func (h dueHeap) Len() int           { return len(h) }
func (h dueHeap) Less(i, j int) bool { return h[i].at.Before(h[j].at) }
func (h dueHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *dueHeap) Push(x any)        { *h = append(*h, x.(dueEntry)) }
func (h *dueHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	*h = old[:len(old)-1]
	return e
}

// policyKey is what the work on a Datanet's records depends on besides
// the records and their results: a change reads its pending records again.
func policyKey(dn *datanet.Datanet) string {
	var b strings.Builder
	for _, v := range dn.Validators {
		b.WriteString(v.Hex())
	}
	b.WriteByte('/')
	b.WriteString(strings.Join(dn.Labels, "\x00"))
	b.WriteByte('/')
	b.WriteByte(byte(dn.Quorum))
	b.WriteByte(byte(dn.Quorum >> 8))
	return b.String()
}

// scanCtx is what one scan's visits share.
type scanCtx struct {
	me    common.Address
	live  []common.Address
	now   time.Time
	lease time.Duration
}

// scan does one round of work: crawls to start, and the classify, vote
// and finalise work on the pending records that can have changed (see
// backlog).
func (w *Service) scan(ctx context.Context) {
	w.scanMu.Lock()
	defer w.scanMu.Unlock()
	now := w.d.Clock.Now()
	sc := scanCtx{me: w.d.Account.Address(), live: w.liveAt(now), now: now, lease: w.cfg.Lease.D()}
	for id, t := range w.store.Unanswered() {
		w.maybeCrawl(ctx, id, t, sc.me, sc.live, now, sc.lease)
	}
	dns, err := w.data.ListDatanets()
	if err != nil {
		return
	}
	defer w.revealFinal(ctx)
	b := w.bl
	todo := b.takeDirty()
	if !slices.Equal(sc.live, b.live) {
		b.live = sc.live
		for rec, dn := range b.unclassified {
			todo[rec] = dn
		}
	}
	if gen := w.models.gen.Load(); gen != b.modelGen || w.d.Decide != nil {
		b.modelGen = gen
		for rec, dn := range b.abstained {
			todo[rec] = dn
		}
	}
	for len(b.due) > 0 && !b.due[0].at.After(now) {
		e := heap.Pop(&b.due).(dueEntry)
		if at, ok := b.dueAt[e.rec]; ok && at.Equal(e.at) {
			delete(b.dueAt, e.rec)
			todo[e.rec] = e.dn
		}
	}
	byID := make(map[cid.Cid]*datanet.Datanet, len(dns))
	for _, dn := range dns {
		id := dn.ID()
		byID[id] = dn
		w.catchUpDups(id)
		if k := policyKey(dn); b.policy[id] != k {
			b.policy[id], b.cursor[id] = k, 0
		}
		w.scanNew(ctx, dn, id, sc, todo)
	}
	for rec, dnID := range todo {
		if ctx.Err() != nil {
			for rec, dnID := range todo { // not visited: the next scan does
				b.mark(dnID, rec)
			}
			return
		}
		delete(todo, rec)
		dn := byID[dnID]
		if dn == nil {
			continue
		}
		r, err := w.data.GetRecord(rec)
		if err != nil || r.State != datanet.StatePending {
			b.forget(rec)
			continue
		}
		w.visit(ctx, dn, dnID, r, sc)
	}
}

// scanNew visits dn's pending records stored since its cursor.
func (w *Service) scanNew(ctx context.Context, dn *datanet.Datanet, id cid.Cid, sc scanCtx, todo map[cid.Cid]cid.Cid) {
	b := w.bl
	for ctx.Err() == nil {
		recs, next, err := w.data.ListRecords(datanet.Query{Datanet: id, After: b.cursor[id], Limit: datanet.MaxQueryLimit})
		if err != nil {
			w.log.Warn("work: list records", "err", err)
			return
		}
		for _, r := range recs {
			if ctx.Err() != nil {
				return
			}
			if r.State == datanet.StatePending {
				delete(todo, r.CID)
				w.visit(ctx, dn, id, r, sc)
			} else {
				b.forget(r.CID)
			}
			b.cursor[id] = r.Seq
		}
		if len(recs) > 0 {
			w.workGen.Add(1)
		}
		if next == 0 || len(recs) == 0 {
			return
		}
	}
}

// visit does the work on one pending record: classify it if this node
// holds its classify task, vote on it as a validator, finalise it once its
// vote reached quorum. It records when the record needs a visit again.
func (w *Service) visit(ctx context.Context, dn *datanet.Datanet, dnID cid.Cid, r *datanet.StoredRecord, sc scanCtx) {
	w.visits.Add(1)
	b := w.bl
	b.forget(r.CID)
	retry := false
	ctID := tasks.Derive(tasks.KindClassify, dnID, r.CID).ID()
	done := func(a common.Address) bool { return w.store.HasResult(ctID, a) }
	if !done(sc.me) {
		leases := tasks.Holders(ctID, sc.live, w.cfg.Replication, time.UnixMilli(r.CreatedAt), sc.now, sc.lease, done)
		var next time.Time // when a lease moves: the task may come to this node
		holds := false
		for _, l := range leases {
			if l.Done {
				continue
			}
			holds = holds || l.Worker == sc.me
			if sc.now.Before(l.Deadline) && (next.IsZero() || l.Deadline.Before(next)) {
				next = l.Deadline
			}
		}
		if holds && !w.classify(ctx, dn, tasks.Derive(tasks.KindClassify, dnID, r.CID), r) {
			retry = true
		}
		if !done(sc.me) {
			b.unclassified[r.CID] = dnID
			if !next.IsZero() {
				b.schedule(dnID, r.CID, next)
			}
		}
	}
	vt := tasks.Derive(tasks.KindValidate, dnID, r.CID)
	if dn.IsValidator(sc.me) && w.cfg.AutoValidate && !w.store.HasResult(vt.ID(), sc.me) {
		if v, ok := w.decide(ctx, dn, r); !ok {
			b.abstained[r.CID] = dnID
		} else {
			res := tasks.NewResult(vt, w.d.Clock.Now())
			res.Accept, res.Label = v.Accept, v.Label
			if err := w.publishResult(ctx, res); err == nil {
				w.count(func(c *WorkCounts) { c.Voted++ })
			} else {
				retry = true
			}
		}
	}
	if w.finalise(dn, r) {
		b.forget(r.CID)
		return
	}
	if retry {
		b.mark(dnID, r.CID)
	}
}

// KindCounts is the state of one task kind over the pending records:
// queued (no answer yet), in flight (answered, not enough: fewer than
// replication classify results, or votes short of quorum).
type KindCounts struct {
	Queued   int `json:"queued"`
	InFlight int `json:"in_flight"`
}

// backlogCounts counts the pending records and the classify and validate
// work on them. It reads them all, so it is done when asked (TasksInfo),
// at most once a scan interval, and only when something changed since.
func (w *Service) backlogCounts() (int, map[string]KindCounts) {
	w.tallyMu.Lock()
	defer w.tallyMu.Unlock()
	now := w.d.Clock.Now()
	gen := w.workGen.Load()
	if w.tallied && (gen == w.tallyGen || now.Sub(w.tallyAt) < w.cfg.ScanInterval.D()) {
		return w.pending, w.kinds
	}
	w.tallyGen, w.tallyAt, w.tallied = gen, now, true
	dns, err := w.data.ListDatanets()
	if err != nil {
		return w.pending, w.kinds
	}
	seen := 0
	kinds := map[string]KindCounts{tasks.KindClassify.String(): {}, tasks.KindValidate.String(): {}}
	cl, va := kinds[tasks.KindClassify.String()], kinds[tasks.KindValidate.String()]
	pending := datanet.StatePending
	for _, dn := range dns {
		id := dn.ID()
		var after uint64
		for {
			recs, next, err := w.data.ListRecords(datanet.Query{Datanet: id, State: &pending, After: after, Limit: datanet.MaxQueryLimit})
			if err != nil {
				break
			}
			seen += len(recs)
			for _, r := range recs {
				switch c := len(w.store.Results(tasks.Derive(tasks.KindClassify, id, r.CID).ID())); {
				case c == 0:
					cl.Queued++
				case c < w.cfg.Replication:
					cl.InFlight++
				}
				if v := len(w.store.Results(tasks.Derive(tasks.KindValidate, id, r.CID).ID())); v == 0 {
					va.Queued++
				} else {
					va.InFlight++
				}
			}
			if next == 0 || len(recs) == 0 {
				break
			}
			after = next
		}
	}
	kinds[tasks.KindClassify.String()], kinds[tasks.KindValidate.String()] = cl, va
	w.pending, w.kinds = seen, kinds
	return seen, kinds
}

// classify answers a classify task this node holds: with the Datanet's
// classifier, or with Options.Classify when set. It reports whether the
// result was published.
func (w *Service) classify(ctx context.Context, dn *datanet.Datanet, t *tasks.Task, r *datanet.StoredRecord) bool {
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
		return false
	}
	w.count(func(c *WorkCounts) { c.Classified++ })
	return true
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
