package node

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/p2p"
	"github.com/provenet/provenet/points"
	"github.com/provenet/provenet/tasks"
	"github.com/provenet/provenet/tasks/crawl"
)

// Gossip topics of the data work.
const (
	TopicTasks   = "/provenet/tasks/1"
	TopicResults = "/provenet/results/1"
)

// ErrTasksDisabled reports a tasks call on a node with [tasks] enabled = false.
var ErrTasksDisabled = errors.New("node: tasks are disabled on this node")

// workService runs this node's share of the data work: it crawls the crawl
// tasks it holds, classifies the pending records it holds, votes as a
// whitelisted validator, and finalises records whose vote reached quorum.
// Who holds what follows from tasks.Holders over the live workers, so no
// node coordinates.
type workService struct {
	n       *Node
	store   *tasks.Store
	crawler *crawl.Crawler
	workers *workerSet
	models  *modelSet
	ledger  *points.Ledger

	fin    sync.Mutex // serialises deciding records: finalise and revise
	goldMu sync.Mutex // serialises the owner's pending gold reveals

	mu      sync.Mutex
	crawls  map[tasks.ID]*CrawlProgress
	done    WorkCounts
	pending int // pending records seen by the last scan
	kinds   map[string]*KindCounts
	started bool
}

// WorkCounts counts what this node did since it started.
type WorkCounts struct {
	Crawled    int `json:"crawled"`
	Classified int `json:"classified"`
	Voted      int `json:"voted"`
	Finalised  int `json:"finalised"`
}

// CrawlProgress is the progress of one crawl task.
type CrawlProgress struct {
	Task     string `json:"task"`
	Datanet  string `json:"datanet"`
	Target   string `json:"target"`
	MaxPages uint32 `json:"max_pages"`
	Worker   string `json:"worker,omitempty"`
	State    string `json:"state"`  // queued, running, done, failed
	Queued   int    `json:"queued"` // URLs waiting in the crawl's frontier
	Fetched  int    `json:"fetched"`
	Pages    int    `json:"pages"`
	Failed   int    `json:"failed"`
	Records  int    `json:"records"`
	Error    string `json:"error,omitempty"`
}

func (n *Node) startTaskStore(context.Context) error {
	n.work = &workService{n: n, workers: newWorkerSet(), crawls: map[tasks.ID]*CrawlProgress{}}
	st, err := tasks.OpenStore(filepath.Join(n.home.Path(DataDir), "tasks"), false, n.cfg.Store.SyncWrites, n.log)
	if err != nil {
		return err
	}
	n.work.store = st
	n.work.models = newModelSet(n)
	if err := n.work.rebuildLedger(); err != nil {
		return err
	}
	return nil
}

func (n *Node) stopTaskStore(context.Context) error { return n.work.store.Close() }

// startWork joins the work topics and starts the loops.
func (n *Node) startWork(context.Context) error {
	var err error
	if n.presence, err = n.host.Join(TopicPresence, n.validatePresence); err != nil {
		return err
	}
	if n.taskTopic, err = n.host.Join(TopicTasks, n.validateTaskMsg); err != nil {
		return err
	}
	if n.results, err = n.host.Join(TopicResults, n.validateResultMsg); err != nil {
		return err
	}
	if n.gold, err = n.host.Join(TopicGold, n.validateGoldMsg); err != nil {
		return err
	}
	if err := n.gold.Subscribe(n.onGoldMsg); err != nil {
		return err
	}
	if err := n.presence.Subscribe(func(context.Context, peer.ID, []byte) {}); err != nil {
		return err
	}
	if err := n.taskTopic.Subscribe(n.onTaskMsg); err != nil {
		return err
	}
	if err := n.results.Subscribe(n.onResultMsg); err != nil {
		return err
	}
	if !n.cfg.Tasks.Enabled {
		return nil
	}
	ccfg := crawl.DefaultConfig()
	ccfg.AllowLoopback = n.cfg.Tasks.CrawlLoopback
	ccfg.HostRate = n.cfg.Tasks.CrawlHostRate
	ccfg.MaxPages = n.cfg.Tasks.CrawlMaxPages
	if n.work.crawler, err = crawl.New(ccfg, n.log.With("svc", "crawl")); err != nil {
		return err
	}
	n.work.started = true
	n.goBackground(n.announce)
	n.goBackground(n.work.loop)
	return nil
}

func (n *Node) validateTaskMsg(_ context.Context, from peer.ID, data []byte) p2p.Result {
	t, err := tasks.DecodeTask(data)
	if err != nil {
		return p2p.Reject
	}
	dn, err := n.store.GetDatanet(t.Datanet)
	if err != nil {
		return p2p.Ignore
	}
	if t.Kind != tasks.KindCrawl || t.Validate(dn.Owner) != nil {
		n.log.Debug("gossip: bad task", "from", from)
		return p2p.Reject
	}
	return p2p.Accept
}

func (n *Node) onTaskMsg(_ context.Context, _ peer.ID, data []byte) {
	if t, err := tasks.DecodeTask(data); err == nil {
		if _, err := n.work.store.PutTask(t); err != nil {
			n.log.Warn("store task", "err", err)
		}
	}
}

// checkResult decodes and validates a result against its datanet.
func (n *Node) checkResult(data []byte) (*tasks.Result, error) {
	r, err := tasks.DecodeResult(data)
	if err != nil {
		return nil, err
	}
	dn, err := n.store.GetDatanet(r.Datanet)
	if err != nil {
		return nil, datanet.ErrUnknownDatanet
	}
	hasLabel := dn.HasLabel
	if len(dn.Labels) == 0 {
		hasLabel = func(string) bool { return false }
	}
	if err := r.Validate(hasLabel); err != nil {
		return nil, err
	}
	// Only whitelisted validators vote: other votes would be ignored by the
	// quorum and the ledger anyway, so they are neither kept nor relayed,
	// and their senders' peer scores fall.
	if r.Kind == tasks.KindValidate && !dn.IsValidator(r.Worker) {
		return nil, fmt.Errorf("%w: %s is not a validator of %s", tasks.ErrNotAuthorized, r.Worker.Hex(), dn.ID())
	}
	return r, nil
}

func (n *Node) validateResultMsg(_ context.Context, from peer.ID, data []byte) p2p.Result {
	r, err := n.checkResult(data)
	if err != nil {
		n.log.Debug("gossip: bad result", "from", from, "err", err)
		return verdict(err)
	}
	if r.Record.Defined() && !n.store.HasRecord(r.Record) {
		return p2p.Ignore
	}
	return p2p.Accept
}

func (n *Node) onResultMsg(_ context.Context, _ peer.ID, data []byte) {
	if r, err := tasks.DecodeResult(data); err == nil {
		if ok, err := n.work.store.PutResult(r); err != nil {
			n.log.Warn("store result", "err", err)
		} else if ok {
			n.work.took(r)
		}
	}
}

// publishResult signs, stores and gossips a result of this node's.
func (w *workService) publishResult(ctx context.Context, r *tasks.Result) error {
	if err := r.Sign(w.n.home.Account); err != nil {
		return err
	}
	if _, err := w.store.PutResult(r); err != nil {
		return err
	}
	w.took(r)
	publish(ctx, w.n, w.n.results, tasks.EncodeResult, r)
	return nil
}

func (w *workService) loop(ctx context.Context) {
	t := time.NewTicker(w.n.cfg.Tasks.ScanInterval.D())
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			w.scan(ctx)
		}
	}
}

// liveWorkers are the workers heard from recently, this node always
// included.
func (w *workService) liveWorkers(now time.Time) []common.Address {
	live := w.workers.live(now.Add(-time.Duration(presenceTTL) * w.n.cfg.Tasks.PresenceEvery.D()))
	me := w.n.home.Account.Address()
	if !slices.Contains(live, me) {
		live = append(live, me)
		slices.SortFunc(live, func(a, b common.Address) int { return a.Cmp(b) })
	}
	return live
}

// scan does one round of work: crawls to start, records to classify, votes
// to cast and records to finalise.
func (w *workService) scan(ctx context.Context) {
	n := w.n
	now := time.Now()
	me := n.home.Account.Address()
	live := w.liveWorkers(now)
	lease := n.cfg.Tasks.Lease.D()
	for id, t := range w.store.Unanswered() {
		w.maybeCrawl(ctx, id, t, me, live, now, lease)
	}
	dns, err := n.store.ListDatanets()
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
		policy := tasks.Policy{Validators: dn.Validators, Quorum: dn.Quorum}
		var after uint64
		for ctx.Err() == nil {
			recs, next, err := n.store.ListRecords(datanet.Query{Datanet: dn.ID(), State: &pending, After: after, Limit: datanet.MaxQueryLimit})
			if err != nil {
				n.log.Warn("work: list records", "err", err)
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

func (w *workService) workOn(ctx context.Context, dn *datanet.Datanet, policy tasks.Policy, r *datanet.StoredRecord,
	me common.Address, live []common.Address, now time.Time, lease time.Duration) (decided bool) {
	start := time.UnixMilli(r.CreatedAt)
	ct := tasks.Derive(tasks.KindClassify, dn.ID(), r.CID)
	ctID := ct.ID()
	done := func(a common.Address) bool { return w.store.HasResult(ctID, a) }
	if !done(me) {
		if ok, _ := tasks.Holds(me, ctID, live, w.n.cfg.Tasks.Replication, start, now, lease, done); ok {
			w.classify(ctx, dn, ct, r)
		}
	}
	vt := tasks.Derive(tasks.KindValidate, dn.ID(), r.CID)
	vtID := vt.ID()
	if policy.IsValidator(me) && w.n.cfg.Tasks.AutoValidate && !w.store.HasResult(vtID, me) {
		if v, ok := w.decide(ctx, dn, r); ok {
			res := tasks.NewResult(vt, time.Now())
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

func (w *workService) tallyKinds(k map[string]*KindCounts, dn *datanet.Datanet, r *datanet.StoredRecord, decided bool) {
	c := len(w.store.Results(tasks.Derive(tasks.KindClassify, dn.ID(), r.CID).ID()))
	switch {
	case c == 0:
		k[tasks.KindClassify.String()].Queued++
	case c < w.n.cfg.Tasks.Replication:
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
func (w *workService) classify(ctx context.Context, dn *datanet.Datanet, t *tasks.Task, r *datanet.StoredRecord) {
	res := tasks.NewResult(t, time.Now())
	res.Accept = true
	switch hook := w.n.opts.Classify; {
	case hook != nil:
		v, conf := hook(ctx, dn, r)
		conf = min(max(conf, 0), 1)
		res.Accept, res.Label = v.Accept, v.Label
		res.Confidence = uint16(conf * 1000)
		res.Unsure = conf < w.n.cfg.Tasks.Confidence
	case len(dn.Labels) > 0:
		p, err := w.models.predict(ctx, dn, r.Content)
		switch {
		case err == nil:
			res.Label = p.Label
			res.Confidence = uint16(p.Confidence * 1000)
			// A classifier that has seen too little (one label, a handful of
			// records) is confident and wrong: its label is only a hint.
			res.Unsure = p.Unsure || p.Confidence < w.n.cfg.Tasks.Confidence || !w.models.ready(dn)
		default: // untrained: no label to offer yet
			res.Unsure = true
		}
	}
	if err := w.publishResult(ctx, res); err != nil {
		w.n.log.Warn("work: classify result", "record", r.CID, "err", err)
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
func (w *workService) decide(ctx context.Context, dn *datanet.Datanet, r *datanet.StoredRecord) (tasks.Verdict, bool) {
	if w.n.opts.Decide != nil {
		return w.n.opts.Decide(ctx, dn, r)
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
	if err == nil && !p.Unsure && p.Confidence >= w.n.cfg.Tasks.Confidence {
		return tasks.Verdict{Accept: true, Label: p.Label}, true
	}
	return tasks.Verdict{}, false
}

// finalise decides a pending record once its vote has reached quorum: it
// records the record's state and outcome, and teaches the classifier.
func (w *workService) finalise(dn *datanet.Datanet, r *datanet.StoredRecord) bool {
	w.fin.Lock()
	defer w.fin.Unlock()
	return w.finaliseLocked(dn, r)
}

// finaliseLocked is finalise with w.fin held.
func (w *workService) finaliseLocked(dn *datanet.Datanet, r *datanet.StoredRecord) bool {
	o := w.outcome(dn, r.CID)
	if !o.Final {
		return false
	}
	// r may be stale: a vote's arrival and the scan both finalise.
	if cur, err := w.n.store.GetRecord(r.CID); err != nil || cur.State != datanet.StatePending {
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
func (w *workService) took(r *tasks.Result) {
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
func (w *workService) revise(v *tasks.Result) {
	dn, err := w.n.store.GetDatanet(v.Datanet)
	if err != nil || !dn.IsValidator(v.Worker) {
		return
	}
	w.fin.Lock() // before reading the state: a decision in flight must be seen
	defer w.fin.Unlock()
	r, err := w.n.store.GetRecord(v.Record)
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
func (w *workService) settle(dn *datanet.Datanet, r *datanet.StoredRecord, o tasks.Outcome) bool {
	st := datanet.StateRejected
	if o.Verdict.Accept {
		st = datanet.StateGolden
	}
	if r.State != st {
		if err := w.n.store.SetState(r.CID, st); err != nil {
			w.n.log.Warn("work: finalise", "record", r.CID, "err", err)
			return false
		}
	}
	w.addOutcome(dn, r, o)
	return true
}

func (w *workService) count(fn func(*WorkCounts)) {
	w.mu.Lock()
	fn(&w.done)
	w.mu.Unlock()
}

// outcome is the vote state of a record, from the stored votes.
func (w *workService) outcome(dn *datanet.Datanet, rec cid.Cid) tasks.Outcome {
	vt := tasks.Derive(tasks.KindValidate, dn.ID(), rec).ID()
	return tasks.Tally(tasks.Policy{Validators: dn.Validators, Quorum: dn.Quorum}, vt, w.store.Results(vt))
}

// Vote casts this node's vote on a record, as a whitelisted validator.
func (n *Node) Vote(ctx context.Context, rec cid.Cid, v tasks.Verdict) (*tasks.Result, error) {
	r, err := n.store.GetRecord(rec)
	if err != nil {
		return nil, err
	}
	dn, err := n.store.GetDatanet(r.Datanet)
	if err != nil {
		return nil, err
	}
	if !dn.IsValidator(n.home.Account.Address()) {
		return nil, fmt.Errorf("%w: %s is not a validator of %s", tasks.ErrNotAuthorized, n.home.Account.Address().Hex(), dn.ID())
	}
	if v.Label != "" && !dn.HasLabel(v.Label) {
		return nil, fmt.Errorf("%w: %q", datanet.ErrLabelNotInSchema, v.Label)
	}
	res := tasks.NewResult(tasks.Derive(tasks.KindValidate, dn.ID(), rec), time.Now())
	res.Accept, res.Label = v.Accept, v.Label
	if err := n.work.publishResult(ctx, res); err != nil {
		return nil, err
	}
	return res, nil
}

// Seed issues signed crawl tasks for a Datanet this node owns: each URL
// alone, and root as a same-site crawl of up to maxPages pages.
func (n *Node) Seed(ctx context.Context, dnID cid.Cid, urls []string, root string, maxPages int) ([]*tasks.Task, error) {
	dn, err := n.store.GetDatanet(dnID)
	if err != nil {
		return nil, err
	}
	if dn.Owner != n.home.Account.Address() {
		return nil, fmt.Errorf("%w: only the datanet owner %s seeds crawl tasks", tasks.ErrNotAuthorized, dn.Owner.Hex())
	}
	if maxPages <= 0 {
		maxPages = n.cfg.Tasks.CrawlMaxPages
	}
	var out []*tasks.Task
	now := time.Now()
	add := func(target string, pages int) error {
		t := tasks.NewCrawl(dnID, target, uint32(pages), now)
		if err := t.Sign(n.home.Account); err != nil {
			return err
		}
		if err := t.Validate(dn.Owner); err != nil {
			return err
		}
		out = append(out, t)
		return nil
	}
	for _, u := range urls {
		if err := add(u, 1); err != nil {
			return nil, err
		}
	}
	if root != "" {
		if err := add(root, maxPages); err != nil {
			return nil, err
		}
	}
	if len(out) == 0 {
		return nil, badRequest("seed: give urls or a root")
	}
	for _, t := range out {
		if _, err := n.work.store.PutTask(t); err != nil {
			return nil, err
		}
		publish(ctx, n, n.taskTopic, tasks.EncodeTask, t)
	}
	return out, nil
}
