package node

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/internal/realdata"
	"github.com/provenet/provenet/p2p"
	"github.com/provenet/provenet/tasks"
	"github.com/provenet/provenet/tasks/classify"
)

// The Byzantine tests model workers with the Options.Classify and
// Options.Decide hooks: an honest worker answers the ground truth (it stands
// for a person who knows it), a liar does not.

// fortuneTopics are the labels of the Byzantine test's Datanet: topic files
// of Debian's fortunes package.
var fortuneTopics = []string{"computers", "food", "law", "love", "medicine", "sports"}

// loadFortunes returns perTopic fortunes of each topic, chosen and shuffled
// with seed, and their ground truth (content to topic). Fortunes that occur
// twice, over 600 bytes, or with control characters (overstrike backspaces,
// which a record may not hold) are left out.
func loadFortunes(t *testing.T, perTopic int, seed uint64) ([]string, map[string]string) {
	t.Helper()
	all, err := classify.LoadFortunes(realdata.Path(t, classify.FortunesDir), fortuneTopics...)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, ex := range all {
		seen[ex.Text]++
	}
	byTopic := map[string][]string{}
	for _, ex := range all {
		if seen[ex.Text] == 1 && len(ex.Text) <= 600 && datanet.CheckContent(ex.Text) == nil {
			byTopic[ex.Label] = append(byTopic[ex.Label], ex.Text)
		}
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	truth := map[string]string{}
	var texts []string
	for _, topic := range fortuneTopics {
		items := byTopic[topic]
		if len(items) < perTopic {
			t.Fatalf("fortunes topic %s has %d usable items, want %d", topic, len(items), perTopic)
		}
		rng.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
		for _, s := range items[:perTopic] {
			truth[s] = topic
			texts = append(texts, s)
		}
	}
	rng.Shuffle(len(texts), func(i, j int) { texts[i], texts[j] = texts[j], texts[i] })
	return texts, truth
}

// behaviour is how a worker answers.
type behaviour int

const (
	truthful    behaviour = iota
	random                // a label of the schema or a rejection, at random
	adversarial           // the liars' agreed wrong label: the one after the truth
)

// oracle answers for a worker with a behaviour. Random answers are a
// function of (seed, worker, record), so they do not depend on timing.
type oracle struct {
	truth  map[string]string
	labels []string // sorted
	seed   uint64
}

func (o *oracle) answer(b behaviour, worker uint64, r *datanet.StoredRecord) tasks.Verdict {
	truth, ok := o.truth[r.Content]
	if !ok {
		panic(fmt.Sprintf("record %s is not in the ground truth", r.CID))
	}
	switch b {
	case truthful:
		return tasks.Verdict{Accept: true, Label: truth}
	case adversarial:
		i := slices.Index(o.labels, truth)
		return tasks.Verdict{Accept: true, Label: o.labels[(i+1)%len(o.labels)]}
	}
	h := r.CID.Hash()
	rng := rand.New(rand.NewPCG(o.seed^worker, binary.BigEndian.Uint64(h[len(h)-8:])))
	if k := rng.IntN(len(o.labels) + 1); k < len(o.labels) {
		return tasks.Verdict{Accept: true, Label: o.labels[k]}
	}
	return tasks.Verdict{} // reject
}

// TestByzantineLiars: ten workers label 150 unlabelled fortunes of six
// topics. Three of them lie when they classify (one at random, two
// colluding on a wrong label), and one of the five validators votes at
// random (and classifies at random too). The golden set's labels match the
// ground truth, and every liar ends with fewer points than every honest
// worker.
//
// Five validators with a quorum of four: a wrong verdict needs four
// agreeing votes and only one validator lies, so it never gets through; and
// a lone dissent among five is a 4/5 = 80% consensus, which the points
// rules count as strong, so the random validator's wrong votes cost it
// points. (With four validators and a quorum of three a lone random voter
// could not push a wrong label through either, but 3/4 is not a strong
// consensus: its wrong votes would cost nothing, and its lucky ones would
// earn it more than an honest classifier.)
func TestByzantineLiars(t *testing.T) {
	const (
		perTopic    = 25
		replication = 3
		seed        = 7
	)
	texts, truth := loadFortunes(t, perTopic, seed)
	labels := slices.Sorted(slices.Values(fortuneTopics))
	o := &oracle{truth: truth, labels: labels, seed: seed}
	// Node 0 owns the Datanet and submits; 1..4 are honest validators, 5
	// the random validator; 6 lies at random, 7 and 8 collude; 9 is an
	// honest classifier. Every node classifies the tasks it holds.
	classifyAs := []behaviour{truthful, truthful, truthful, truthful, truthful, random, random, adversarial, adversarial, truthful}
	liar := func(i int) bool { return classifyAs[i] != truthful }
	var self [10]atomic.Pointer[Node]
	var votes, lateVotes [10]atomic.Int64
	setup := func(i int, cfg *Config, opts *Options) {
		cfg.Tasks.Replication = replication
		opts.Classify = func(_ context.Context, _ *datanet.Datanet, r *datanet.StoredRecord) (tasks.Verdict, float64) {
			return o.answer(classifyAs[i], uint64(i), r), 0.9
		}
		switch {
		case i == 5:
			opts.Decide = func(_ context.Context, _ *datanet.Datanet, r *datanet.StoredRecord) (tasks.Verdict, bool) {
				votes[i].Add(1)
				return o.answer(random, uint64(100+i), r), true
			}
		case i >= 1 && i <= 4:
			// Human validators are slower than classifiers: an honest one
			// votes once the record's classify answers are in, so that
			// they are not late (signed after the outcome).
			opts.Decide = func(_ context.Context, dn *datanet.Datanet, r *datanet.StoredRecord) (tasks.Verdict, bool) {
				n := self[i].Load()
				if n == nil {
					return tasks.Verdict{}, false
				}
				ct := tasks.Derive(tasks.KindClassify, dn.ID(), r.CID).ID()
				if len(n.work.TaskStore().Results(ct)) < replication {
					return tasks.Verdict{}, false
				}
				if out := n.work.Outcome(dn, r.CID); out.Final {
					lateVotes[i].Add(1)
				}
				votes[i].Add(1)
				return o.answer(truthful, uint64(i), r), true
			}
		}
	}
	nodes := startWorkNetworkWith(t, 10, setup)
	for i, n := range nodes {
		self[i].Store(n)
	}
	var vals []string
	for _, v := range nodes[1:6] {
		vals = append(vals, v.Home().Account.Address().Hex())
	}
	d := createDatanetEverywhere(t, nodes, CreateDatanetRequest{
		Name: "fortunes", Description: "fortunes by topic", Labels: labels, Validators: vals, Quorum: 4,
	})
	start := time.Now()
	cids := submitUnlabelled(t, nodes[0], d.ID(), texts) // the validators label them
	eventually(t, 60*time.Second, "every record final on every node", func() bool {
		for _, nd := range nodes {
			for _, c := range cids {
				if r, err := nd.Store().GetRecord(c); err != nil || r.State == datanet.StatePending {
					return false
				}
			}
		}
		return true
	})
	decided := time.Since(start)
	waitSameLedger(t, nodes, 20*time.Second)

	// Label accuracy of the golden set against the ground truth, on every
	// node.
	for i, nd := range nodes {
		right := 0
		for j, c := range cids {
			o := nd.work.Outcome(d, c)
			if o.Final && o.Verdict.Accept && o.Verdict.Label == truth[texts[j]] {
				right++
			}
		}
		if acc := float64(right) / float64(len(cids)); acc < 0.99 {
			t.Errorf("node %d: %d of %d golden labels match the ground truth (%.1f%%), want at least 99%%", i, right, len(cids), 100*acc)
		} else if i == 0 {
			t.Logf("golden set: %d of %d labels match the ground truth (%.1f%%)", right, len(cids), 100*acc)
		}
	}

	// Points: every liar below every honest worker.
	pts := map[common.Address]int64{}
	for _, s := range nodes[0].Points("", math.MaxUint64, 0).Leaderboard {
		pts[s.Address] = s.Points
	}
	var honest, liars []string
	minHonest, maxLiar := int64(math.MaxInt64), int64(math.MinInt64)
	for i, nd := range nodes {
		p := pts[nd.Home().Account.Address()]
		if liar(i) {
			maxLiar = max(maxLiar, p)
			liars = append(liars, fmt.Sprintf("%d:%d", i, p))
		} else {
			minHonest = min(minHonest, p)
			honest = append(honest, fmt.Sprintf("%d:%d", i, p))
		}
	}
	t.Logf("points by node: honest [%s], liars [%s]", strings.Join(honest, " "), strings.Join(liars, " "))
	if maxLiar >= minHonest {
		t.Errorf("a liar has %d points, not fewer than the lowest honest worker's %d", maxLiar, minHonest)
	}
	var classified []int
	for _, nd := range nodes {
		classified = append(classified, nd.TasksInfo().Done.Classified)
	}
	t.Logf("classify answers by node: %v", classified)
	var late int64
	for i := range lateVotes {
		late += lateVotes[i].Load()
	}
	t.Logf("%d records decided on 10 nodes %v after submission; honest validator votes %d %d %d %d (%d after the outcome), random validator %d",
		len(cids), decided.Round(time.Millisecond), votes[1].Load(), votes[2].Load(), votes[3].Load(), votes[4].Load(), late, votes[5].Load())
}

// submitUnlabelled submits texts without labels, so that the validators
// must label them.
func submitUnlabelled(t *testing.T, n *Node, dn cid.Cid, texts []string) []cid.Cid {
	t.Helper()
	subs := make([]SubmitRecord, len(texts))
	for i, s := range texts {
		subs[i] = SubmitRecord{Content: s, Source: "test"}
	}
	res, err := n.SubmitRecords(context.Background(), dn, subs)
	if err != nil {
		t.Fatal(err)
	}
	cids := make([]cid.Cid, len(res))
	for i, r := range res {
		if r.Error != "" {
			t.Fatalf("submit %d: %s", i, r.Error)
		}
		cids[i] = mustCID(t, r.CID)
	}
	return cids
}

// TestByzantineSybils: fifty identities outside the validator whitelist
// sign votes on every record, all against the truth (half a wrong label,
// half a rejection), and gossip them into the network from a bare p2p host
// before any validator votes. The nodes they reach reject them (a vote
// from outside the whitelist is invalid), so no node stores or relays
// them, and the flood gets the sender graylisted. They change nothing: no
// record is decided on them, every outcome is the one the whitelisted
// votes give, and the sybils earn no points and leave no trace in the
// points ledger.
func TestByzantineSybils(t *testing.T) {
	const sybils, records = 50, 20
	labels := []string{"art", "science"}
	var open atomic.Bool // the validators vote only once the sybils have
	truthOf := func(content string) string { return labels[strings.Count(content, "i")%2] }
	nodes := startWorkNetworkWith(t, 4, func(i int, _ *Config, opts *Options) {
		if i > 0 {
			opts.Decide = func(_ context.Context, _ *datanet.Datanet, r *datanet.StoredRecord) (tasks.Verdict, bool) {
				return tasks.Verdict{Accept: true, Label: truthOf(r.Content)}, open.Load()
			}
		}
	})
	var vals []string
	for _, v := range nodes[1:] {
		vals = append(vals, v.Home().Account.Address().Hex())
	}
	d, _, err := nodes[0].CreateDatanet(context.Background(), CreateDatanetRequest{Name: "quips", Labels: labels, Validators: vals, Quorum: 2})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for i := range records {
		texts = append(texts, fmt.Sprintf("quip number %d: %s", i, strings.Repeat("i", i)))
	}
	eventually(t, 10*time.Second, "datanet everywhere", func() bool {
		for _, nd := range nodes {
			if _, err := nd.Store().GetDatanet(d.ID()); err != nil {
				return false
			}
		}
		return true
	})
	cids := submitUnlabelled(t, nodes[0], d.ID(), texts)
	eventually(t, 10*time.Second, "records everywhere", func() bool {
		for _, nd := range nodes {
			if !hasAll(nd, cids) {
				return false
			}
		}
		return true
	})

	// The sybils vote through a bare host linked to two of the nodes.
	attacker, _ := startAttacker(t)
	topic, err := attacker.Join(TopicResults, func(context.Context, peer.ID, []byte) p2p.Result { return p2p.Accept })
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, nd := range []*Node{nodes[0], nodes[2]} {
		if err := attacker.Connect(ctx, nd.Host().AddrInfo()); err != nil {
			t.Fatal(err)
		}
	}
	eventually(t, 10*time.Second, "attacker among the results topic's peers", func() bool {
		return len(topic.ListPeers()) == 2
	})
	sybil := map[common.Address]bool{}
	for i := range sybils {
		k, err := account.Generate()
		if err != nil {
			t.Fatal(err)
		}
		sybil[k.Address()] = true
		for j, c := range cids {
			res := tasks.NewResult(tasks.Derive(tasks.KindValidate, d.ID(), c), time.Now())
			if i%2 == 0 { // the wrong label; the other half rejects
				res.Accept = true
				res.Label = labels[1-slices.Index(labels, truthOf(texts[j]))]
			}
			if err := res.Sign(k); err != nil {
				t.Fatal(err)
			}
			b, err := tasks.EncodeResult(res)
			if err != nil {
				t.Fatal(err)
			}
			if err := topic.Publish(ctx, b); err != nil {
				t.Fatal(err)
			}
		}
	}
	votes := func(nd *Node, c cid.Cid) []*tasks.Result {
		return nd.work.TaskStore().Results(tasks.Derive(tasks.KindValidate, d.ID(), c).ID())
	}
	rejected := func() (n float64) {
		for _, nd := range []*Node{nodes[0], nodes[2]} {
			n += testutil.ToFloat64(nd.metrics.(*PromMetrics).gossip.WithLabelValues(TopicResults, "reject"))
		}
		return n
	}
	eventually(t, 30*time.Second, "the sybil votes rejected", func() bool { return rejected() >= 9 })
	// An absence: after several scans, no sybil vote is stored anywhere and
	// nothing is decided.
	time.Sleep(5 * workConfig().Tasks.ScanInterval.D())
	for i, nd := range nodes {
		for _, c := range cids {
			if n := len(votes(nd, c)); n != 0 {
				t.Fatalf("node %d stored %d sybil votes for record %s", i, n, c)
			}
			if r, err := nd.Store().GetRecord(c); err != nil || r.State != datanet.StatePending {
				t.Fatalf("node %d: record %s is %v (%v) on sybil votes alone", i, c, r.State, err)
			}
		}
		if f := nd.TasksInfo().Done.Finalised; f != 0 {
			t.Fatalf("node %d finalised %d records on sybil votes alone", i, f)
		}
	}

	open.Store(true)
	eventually(t, 30*time.Second, "every record golden on every node", func() bool {
		for _, nd := range nodes {
			for _, c := range cids {
				if r, err := nd.Store().GetRecord(c); err != nil || r.State != datanet.StateGolden {
					return false
				}
			}
		}
		return true
	})
	waitSameLedger(t, nodes, 10*time.Second)
	policy := tasks.Policy{Validators: d.Validators, Quorum: d.Quorum}
	for i, nd := range nodes {
		for j, c := range cids {
			all := votes(nd, c)
			var whitelisted []*tasks.Result
			for _, v := range all {
				if !sybil[v.Worker] {
					whitelisted = append(whitelisted, v)
				}
			}
			got := nd.work.Outcome(d, c)
			want := tasks.Tally(policy, tasks.Derive(tasks.KindValidate, d.ID(), c).ID(), whitelisted)
			if len(all) != len(whitelisted) || got != want || got.Verdict.Label != truthOf(texts[j]) {
				t.Fatalf("node %d record %d: outcome %+v, want %+v (label %s) as without the sybils", i, j, got, want, truthOf(texts[j]))
			}
		}
		for _, e := range nd.work.Ledger().Epochs() {
			for _, ev := range nd.work.Ledger().Events(e.Epoch) {
				if sybil[ev.Actor] {
					t.Fatalf("node %d: a sybil's event in the points ledger: %+v", i, ev)
				}
			}
		}
	}
	for _, s := range nodes[0].Points("", math.MaxUint64, 0).Leaderboard {
		if sybil[s.Address] {
			t.Fatalf("sybil %s on the leaderboard with %d points", s.Address.Hex(), s.Points)
		}
	}
	t.Logf("%d sybil votes sent; %v rejected before the sender was graylisted; none stored", sybils*records, rejected())
}
