package node

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/tasks"
)

// tracker polls the nodes for the records and for when each becomes final
// on every node. It reads the stores little: a read transaction of a
// store waits for the writes in flight, fsyncs included, and listing
// records decodes and hashes their content. A node's finalise sets the
// state, then feeds the record to the node's points ledger under the
// hash of its signature, then counts it; the tracker watches the count
// and asks the ledger.
type tracker struct {
	nodes  []*Node
	dn     *datanet.Datanet
	crawls map[tasks.ID]int64 // crawl task -> its first result's time (ms), 0 while none
	recs   map[string]*recTrack
	// Per node: its finalise count when last looked at, how many known
	// records are final there, and whether records were learnt since.
	// An unchanged count and no new records mean nothing to look at.
	finalised []int
	finalOn   []int
	dirty     []bool
	cpu       time.Duration
	// pollMax is the longest poll: the resolution of "final on all nodes".
	pollMax time.Duration
	// liveMin is the fewest live workers a node counted at a poll: below
	// len(nodes), nodes disagree on who holds a task.
	liveMin int
	doneAt  time.Time
}

type recTrack struct {
	cid      cid.Cid
	created  int64         // unix ms
	versions []common.Hash // ledger IDs (signature hashes) of the versions seen
	final    []bool
	pending  []bool // seen pending on the node
	nFinal   int
	allAt    time.Time // when it was first seen final on every node
}

func newTracker(nodes []*Node, dn *datanet.Datanet, ts []*tasks.Task) *tracker {
	t := &tracker{nodes: nodes, dn: dn, crawls: map[tasks.ID]int64{}, recs: map[string]*recTrack{},
		finalised: make([]int, len(nodes)), finalOn: make([]int, len(nodes)), dirty: make([]bool, len(nodes)), liveMin: len(nodes)}
	for _, task := range ts {
		t.crawls[task.ID()] = 0
	}
	return t
}

// pollEvery is the tracker's period; the nodes scan every 100ms by default.
const pollEvery = 50 * time.Millisecond

func (t *tracker) wait(ctx context.Context, deadline time.Time) error {
	// On its own thread, the poller's CPU time is the thread's.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for {
		begin, cpu0 := wall.Now(), threadCPU()
		done, err := t.poll()
		t.cpu += threadCPU() - cpu0
		t.pollMax = max(t.pollMax, time.Since(begin))
		if err != nil {
			t.doneAt = begin
			return err
		}
		if done {
			// The end is when the last record went final on its last node.
			for _, rt := range t.recs {
				if rt.allAt.After(t.doneAt) {
					t.doneAt = rt.allAt
				}
			}
			if t.doneAt.IsZero() {
				t.doneAt = begin
			}
			return nil
		}
		if begin.After(deadline) {
			t.doneAt = begin
			return fmt.Errorf("node: work bench: timed out: %s", t.progress())
		}
		select {
		case <-ctx.Done():
			t.doneAt = wall.Now()
			return ctx.Err()
		case <-tick.C:
		}
	}
}

func (t *tracker) progress() string {
	crawled, final := 0, 0
	for _, at := range t.crawls {
		if at != 0 {
			crawled++
		}
	}
	for _, r := range t.recs {
		if r.nFinal == len(t.nodes) {
			final++
		}
	}
	return fmt.Sprintf("%d/%d crawl tasks done, %d/%d records final on every node", crawled, len(t.crawls), final, len(t.recs))
}

func (t *tracker) add(r *datanet.StoredRecord) *recTrack {
	k := r.CID.KeyString()
	v := crypto.Keccak256Hash(r.Signature)
	rt, ok := t.recs[k]
	if !ok {
		rt = &recTrack{cid: r.CID, created: r.CreatedAt, final: make([]bool, len(t.nodes)), pending: make([]bool, len(t.nodes))}
		t.recs[k] = rt
	}
	if !slices.Contains(rt.versions, v) {
		// A page crawled twice is one record (its CID is its content's)
		// in versions signed at different times: count from the first.
		rt.versions = append(rt.versions, v)
		rt.created = min(rt.created, r.CreatedAt)
		for i := range t.dirty {
			t.dirty[i] = true
		}
	}
	return rt
}

// poll learns the records from the crawl results and the nodes' pending
// lists, and marks a record final on a node once the node holds it and it
// is no longer pending there. It reports whether everything is final.
func (t *tracker) poll() (bool, error) {
	crawlsDone, err := t.pollCrawls()
	if err != nil {
		return false, err
	}
	allFinal := true
	for i, n := range t.nodes {
		t.liveMin = min(t.liveMin, len(n.work.LiveWorkers()))
		fin := n.work.Done().Finalised
		if fin != t.finalised[i] || t.dirty[i] {
			t.finalised[i], t.dirty[i] = fin, false
			t.askLedger(i)
			if t.finalOn[i] < fin {
				// Finalised records the tracker does not know, or in
				// a version it has not seen: look at the store.
				if err := t.listNode(i); err != nil {
					return false, err
				}
			}
		}
		allFinal = allFinal && t.finalOn[i] == len(t.recs)
	}
	return crawlsDone && allFinal, nil
}

// pollCrawls notes the crawl tasks that got a result, from node 0, the
// owner, which gets every crawl result by gossip, in one pass.
func (t *tracker) pollCrawls() (bool, error) {
	open := 0
	for _, at := range t.crawls {
		if at == 0 {
			open++
		}
	}
	if open == 0 {
		return true, nil
	}
	produced := map[tasks.ID][]cid.Cid{}
	t.nodes[0].work.TaskStore().AllResults(func(r *tasks.Result) bool {
		if at, ok := t.crawls[r.Task]; ok && r.Kind == tasks.KindCrawl && (at == 0 || r.CreatedAt < at) {
			if at == 0 {
				open--
			}
			t.crawls[r.Task], produced[r.Task] = r.CreatedAt, r.Produced
		}
		return true
	})
	for id, cids := range produced {
		for _, c := range cids {
			if _, ok := t.recs[c.KeyString()]; !ok && !t.learn(c) {
				t.crawls[id] = 0 // not on any node yet: look again next time
				open++
				break
			}
		}
	}
	return open == 0, nil
}

// askLedger marks final on node i the records its ledger holds.
func (t *tracker) askLedger(i int) {
	l := t.nodes[i].work.Ledger()
	for _, rt := range t.recs {
		if rt.final[i] {
			continue
		}
		for _, v := range rt.versions {
			if l.Has(v) {
				t.markFinal(rt, i, wall.Now())
				break
			}
		}
	}
}

func (t *tracker) markFinal(rt *recTrack, i int, at time.Time) {
	rt.final[i] = true
	t.finalOn[i]++
	if rt.nFinal++; rt.nFinal == len(t.nodes) {
		rt.allAt = at
	}
}

// listNode lists node i's pending records and marks the others it holds
// final.
func (t *tracker) listNode(i int) error {
	n := t.nodes[i]
	pending := datanet.StatePending
	pend := map[string]bool{}
	var after uint64
	for {
		recs, next, err := n.Store().ListRecords(datanet.Query{Datanet: t.dn.ID(), State: &pending, After: after, Limit: datanet.MaxQueryLimit})
		if err != nil {
			return err
		}
		for _, r := range recs {
			t.add(r).pending[i] = true
			pend[r.CID.KeyString()] = true
		}
		if next == 0 || len(recs) == 0 {
			break
		}
		after = next
	}
	t.dirty[i] = false
	seen := wall.Now() // after the listing: a poll can take a while under load
	for k, rt := range t.recs {
		// A record never seen pending here may not have arrived yet.
		if rt.final[i] || pend[k] || !rt.pending[i] && !n.Store().HasRecord(rt.cid) {
			continue
		}
		t.markFinal(rt, i, seen)
	}
	return nil
}

// learn adds a produced record from the first node that holds it.
func (t *tracker) learn(c cid.Cid) bool {
	for _, n := range t.nodes {
		if r, err := n.Store().GetRecord(c); err == nil {
			t.add(r)
			return true
		}
	}
	return false
}

// report fills in the stages from the records' and results' signed times,
// the work per node and the final states.
func (t *tracker) report(res *WorkBenchResult, seed time.Time) {
	res.Records = len(t.recs)
	var last int64
	for id, at := range t.crawls {
		last = max(last, at)
		res.CrawlResults += len(t.nodes[0].work.TaskStore().Results(id))
	}
	res.Crawl = time.UnixMilli(last).Sub(seed)
	policy := tasks.Policy{Validators: t.dn.Validators, Quorum: t.dn.Quorum}
	var created, classified, decided, final, voteToFinal []time.Duration
	for _, rt := range t.recs {
		at := time.UnixMilli(rt.created)
		created = append(created, at.Sub(seed))
		ct := tasks.Derive(tasks.KindClassify, t.dn.ID(), rt.cid).ID()
		vt := tasks.Derive(tasks.KindValidate, t.dn.ID(), rt.cid).ID()
		cls, votes := t.union(ct), t.union(vt)
		res.ClassifyResults += len(cls)
		res.Votes += len(votes)
		if len(cls) > 0 {
			first := slices.MinFunc(cls, func(a, b *tasks.Result) int { return int(a.CreatedAt - b.CreatedAt) })
			classified = append(classified, time.UnixMilli(first.CreatedAt).Sub(at))
		}
		if o := tasks.Tally(policy, vt, votes); o.Final {
			decided = append(decided, time.UnixMilli(o.DecidedAt).Sub(at))
			voteToFinal = append(voteToFinal, rt.allAt.Sub(time.UnixMilli(o.DecidedAt)))
		}
		final = append(final, rt.allAt.Sub(at))
		if r, err := t.nodes[0].Store().GetRecord(rt.cid); err == nil {
			switch r.State {
			case datanet.StateGolden:
				res.Golden++
			case datanet.StateRejected:
				res.Rejected++
			}
		}
	}
	res.Stages = []StageLatency{
		stage("seed -> record created (crawl)", created),
		stage("created -> first classify result", classified),
		stage("created -> quorum decision", decided),
		stage("quorum decision -> final on all nodes", voteToFinal),
		stage("created -> final on all nodes", final),
	}
	res.CrawledMin, res.ClassifiedMin, res.FinalisedMin = 1<<30, 1<<30, 1<<30
	for _, n := range t.nodes {
		d := n.TasksInfo().Done
		res.CrawledMin, res.CrawledMax = min(res.CrawledMin, d.Crawled), max(res.CrawledMax, d.Crawled)
		res.ClassifiedMin, res.ClassifiedMax = min(res.ClassifiedMin, d.Classified), max(res.ClassifiedMax, d.Classified)
		res.FinalisedMin, res.FinalisedMax = min(res.FinalisedMin, d.Finalised), max(res.FinalisedMax, d.Finalised)
	}
}

// union is every node's results for task, each once.
func (t *tracker) union(task tasks.ID) []*tasks.Result {
	seen := map[string]bool{}
	var out []*tasks.Result
	for _, n := range t.nodes {
		for _, r := range n.work.TaskStore().Results(task) {
			if k := string(r.Signature); !seen[k] {
				seen[k] = true
				out = append(out, r)
			}
		}
	}
	return out
}

func stage(name string, d []time.Duration) StageLatency {
	s := StageLatency{Name: name, N: len(d)}
	if len(d) == 0 {
		return s
	}
	slices.Sort(d)
	s.P50, s.P99, s.Max = d[len(d)*50/100], d[min(len(d)-1, len(d)*99/100)], d[len(d)-1]
	return s
}
