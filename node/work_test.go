package node

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/internal/realdata"
)

func workConfig() Config {
	cfg := testConfig()
	cfg.Tasks.ScanInterval = Duration(100 * time.Millisecond)
	cfg.Tasks.PresenceEvery = Duration(200 * time.Millisecond)
	cfg.Tasks.Lease = Duration(20 * time.Second)
	cfg.Tasks.CrawlLoopback = true
	cfg.Tasks.CrawlHostRate = 200
	return cfg
}

func startWorkNetwork(t *testing.T, n int) []*Node {
	t.Helper()
	return startWorkNetworkWith(t, n, nil)
}

// startWorkNetworkWith starts n work nodes, node i configured by setup (when
// not nil), each dialling node 0 and its predecessor, and waits until every
// node sees every worker.
func startWorkNetworkWith(t *testing.T, n int, setup func(i int, cfg *Config, opts *Options)) []*Node {
	t.Helper()
	nodes := startWorkNodes(t, n, setup)
	for i := 1; i < n; i++ {
		connect(t, nodes[i], nodes[0])
		if i > 1 {
			connect(t, nodes[i], nodes[i-1])
		}
	}
	waitWorkers(t, nodes, n)
	return nodes
}

// startWorkNodes starts n work nodes, node i configured by setup (when not
// nil), and links none of them.
func startWorkNodes(t *testing.T, n int, setup func(i int, cfg *Config, opts *Options)) []*Node {
	t.Helper()
	nodes := make([]*Node, n)
	for i := range nodes {
		cfg, opts := workConfig(), Options{}
		if setup != nil {
			setup(i, &cfg, &opts)
		}
		h, err := Init(t.TempDir(), cfg, false)
		if err != nil {
			t.Fatal(err)
		}
		nodes[i] = startNodeWith(t, cfg, h, opts)
	}
	return nodes
}

// waitWorkers waits until each of nodes sees want live workers.
func waitWorkers(t *testing.T, nodes []*Node, want int) {
	t.Helper()
	eventually(t, 10*time.Second, fmt.Sprintf("every node sees %d workers", want), func() bool {
		for _, nd := range nodes {
			if len(nd.TasksInfo().Workers) != want {
				return false
			}
		}
		return true
	})
}

func finalState(t *testing.T, nodes []*Node, cids []string, want datanet.State) func() bool {
	return func() bool {
		for _, nd := range nodes {
			for _, c := range cids {
				r, err := nd.Store().GetRecord(mustCID(t, c))
				if err != nil || r.State != want {
					return false
				}
			}
		}
		return true
	}
}

// TestCrawlToGoldenAcrossNodes: the owner seeds a crawl of a local server
// that serves Debian's python3.11-doc HTML; one worker crawls it, every
// node gets the records, the two whitelisted validators vote, and every
// record ends golden on every node.
func TestCrawlToGoldenAcrossNodes(t *testing.T) { crawlToGolden(t, 4, 2, 2, 15) }

// TestCrawlToGoldenTenNodes is the same end to end on ten nodes, three of
// them validators with a quorum of two, and a larger crawl.
func TestCrawlToGoldenTenNodes(t *testing.T) { crawlToGolden(t, 10, 3, 2, 40) }

// crawlToGolden runs a network of n work nodes; node 0 owns an unlabelled
// Datanet whose validators are nodes 1..validators, and seeds a same-site
// crawl of pages pages. Exactly one worker crawls, every record is
// classified by the workers that hold it and voted golden, every node ends
// with every record golden, and every node derives the same points ledger.
func crawlToGolden(t *testing.T, n, validators int, quorum uint32, pages int) {
	pyDocs := realdata.Path(t, realdata.PythonDocs)
	srv := httptest.NewServer(http.FileServer(http.Dir(pyDocs)))
	defer srv.Close()
	start := time.Now()
	nodes := startWorkNetwork(t, n)
	owner := nodes[0]
	var vals []string
	for _, v := range nodes[1 : 1+validators] {
		vals = append(vals, v.Home().Account.Address().Hex())
	}
	d := createDatanetEverywhere(t, nodes, CreateDatanetRequest{Name: "pydocs", Validators: vals, Quorum: quorum})
	if _, err := owner.Seed(context.Background(), d.ID(), nil, srv.URL+"/tutorial/index.html", pages); err != nil {
		t.Fatal(err)
	}
	var crawler *Node
	eventually(t, 30*time.Second, "crawl done", func() bool {
		for _, nd := range nodes {
			if nd.TasksInfo().Done.Crawled == 1 {
				crawler = nd
				return true
			}
		}
		return false
	})
	var cids []string
	recs, _, err := crawler.Store().ListRecords(datanet.Query{Datanet: d.ID(), Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		cids = append(cids, r.CID.String())
	}
	if len(cids) != pages {
		t.Fatalf("crawl produced %d records, want %d (progress %+v)", len(cids), pages, crawler.TasksInfo().Crawls)
	}
	eventually(t, 30*time.Second, "every record golden on every node", finalState(t, nodes, cids, datanet.StateGolden))
	crawls, classified, voted := 0, 0, 0
	for _, nd := range nodes {
		c := nd.TasksInfo().Done
		crawls, classified, voted = crawls+c.Crawled, classified+c.Classified, voted+c.Voted
	}
	if crawls != 1 {
		t.Fatalf("the crawl ran %d times; one worker should hold it", crawls)
	}
	for _, nd := range nodes {
		for _, c := range cids {
			if o := nd.work.Outcome(d, mustCID(t, c)); !o.Final || !o.Verdict.Accept || o.Agree < int(quorum) {
				t.Fatalf("record %s outcome %+v, want accepted by %d validators", c, o, quorum)
			}
		}
	}
	waitSameLedger(t, nodes, 10*time.Second)
	t.Logf("%d nodes: %d pages crawled, %d classify answers, %d votes, all golden everywhere in %v",
		n, len(cids), classified, voted, time.Since(start).Round(time.Millisecond))
}

// TestLabelledRecordsFinaliseWithQuorum: records submitted with labels are
// accepted by the automatic validators with those labels; a whitelist
// outsider's votes are not needed and not counted.
func TestLabelledRecordsFinaliseWithQuorum(t *testing.T) {
	nodes := startWorkNetwork(t, 3)
	d := quipsDatanet(t, nodes, "quips")
	var subs []SubmitRecord
	for i := range 20 {
		label := "art"
		if i%2 == 0 {
			label = "science"
		}
		subs = append(subs, SubmitRecord{Content: fmt.Sprintf("quip %d about %s", i, label), Label: label})
	}
	res, err := nodes[0].SubmitRecords(context.Background(), d.ID(), subs)
	if err != nil {
		t.Fatal(err)
	}
	var cids []string
	for _, r := range res {
		cids = append(cids, r.CID)
	}
	eventually(t, 30*time.Second, "records golden everywhere", finalState(t, nodes, cids, datanet.StateGolden))
	for _, nd := range nodes {
		for i, c := range cids {
			o := nd.work.Outcome(d, mustCID(t, c))
			if o.Verdict.Label != subs[i].Label || o.Agree != 2 {
				t.Fatalf("record %d outcome %+v, want label %s by 2 validators", i, o, subs[i].Label)
			}
		}
	}
	if nodes[0].TasksInfo().Done.Voted != 0 {
		t.Fatal("the owner, not whitelisted, voted")
	}
	eventually(t, 5*time.Second, "no work left in the kinds", func() bool {
		k := nodes[1].TasksInfo().Kinds
		return k["validate"] == (KindCounts{}) && nodes[1].TasksInfo().Pending == 0
	})
	// Every node derives the same ledger from the same signed objects.
	epoch := nodes[0].CurrentEpoch()
	var root string
	eventually(t, 10*time.Second, "same points root everywhere", func() bool {
		root = nodes[0].Points("", epoch, 10).Root
		for _, nd := range nodes[1:] {
			if nd.Points("", epoch, 10).Root != root {
				return false
			}
		}
		return root != ""
	})
	board := nodes[0].Points("", epoch, 10).Leaderboard
	got := map[common.Address]int64{}
	for _, s := range board {
		got[s.Address] = s.Points
	}
	for _, v := range []*Node{nodes[1], nodes[2]} {
		if got[v.Home().Account.Address()] <= 0 {
			t.Errorf("validator %s has %d points: %+v", v.Home().Account.Address().Hex(), got[v.Home().Account.Address()], board)
		}
	}
	if got[nodes[0].Home().Account.Address()] <= 0 {
		t.Errorf("the submitter of 20 golden records has %d points", got[nodes[0].Home().Account.Address()])
	}
	t.Logf("leaderboard: %+v root %s", board, root)
}

func mustCID(t *testing.T, s string) cid.Cid {
	t.Helper()
	c, err := cid.Decode(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// quipsDatanet has nodes[0] create a Datanet labelled art/science whose
// validators are nodes[1] and nodes[2] (quorum 2), and waits until every
// node holds it.
func quipsDatanet(t *testing.T, nodes []*Node, name string) *datanet.Datanet {
	t.Helper()
	vals := []string{nodes[1].Home().Account.Address().Hex(), nodes[2].Home().Account.Address().Hex()}
	return createDatanetEverywhere(t, nodes, CreateDatanetRequest{
		Name: name, Labels: []string{"art", "science"}, Validators: vals, Quorum: 2,
	})
}

// createDatanetEverywhere has nodes[0] create a Datanet and waits until
// every node holds it.
func createDatanetEverywhere(t *testing.T, nodes []*Node, req CreateDatanetRequest) *datanet.Datanet {
	t.Helper()
	d, _, err := nodes[0].CreateDatanet(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "datanet everywhere", func() bool {
		for _, nd := range nodes {
			if _, err := nd.Store().GetDatanet(d.ID()); err != nil {
				return false
			}
		}
		return true
	})
	return d
}
