package node

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/datanet"
)

// startNetwork starts n nodes, each dialling up to three earlier ones at
// random: a connected graph with no node linked to every other.
func startNetwork(t *testing.T, n int) []*Node {
	t.Helper()
	nodes := make([]*Node, n)
	var wg sync.WaitGroup
	for i := range nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			nodes[i] = startNode(t, testConfig())
		}()
	}
	wg.Wait()
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 1; i < n; i++ {
		for _, j := range rng.Perm(i)[:min(i, 3)] {
			connect(t, nodes[i], nodes[j])
		}
	}
	return nodes
}

func createTestDatanet(t *testing.T, n *Node) *datanet.Datanet {
	t.Helper()
	d, created, err := n.CreateDatanet(context.Background(), CreateDatanetRequest{
		Name: "fortunes", Description: "labelled quips", Labels: []string{"art", "science"},
	})
	if err != nil || !created {
		t.Fatalf("create datanet: created=%v err=%v", created, err)
	}
	return d
}

func submit(t *testing.T, n *Node, dn cid.Cid, texts ...string) []cid.Cid {
	t.Helper()
	subs := make([]SubmitRecord, len(texts))
	for i, s := range texts {
		subs[i] = SubmitRecord{Content: s, Source: "test", Label: "science"}
	}
	res, err := n.SubmitRecords(context.Background(), dn, subs)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]cid.Cid, len(res))
	for i, r := range res {
		if r.Error != "" {
			t.Fatalf("submit %d: %s", i, r.Error)
		}
		out[i], _ = cid.Decode(r.CID)
	}
	return out
}

func hasAll(n *Node, cids []cid.Cid) bool {
	for _, c := range cids {
		if !n.Store().HasRecord(c) {
			return false
		}
	}
	return true
}

func TestTwentyNodesRecordReachesAll(t *testing.T) {
	nodes := startNetwork(t, 20)
	d := createTestDatanet(t, nodes[0])
	eventually(t, 15*time.Second, "datanet on every node", func() bool {
		for _, n := range nodes {
			if _, err := n.Store().GetDatanet(d.ID()); err != nil {
				return false
			}
		}
		return true
	})
	start := time.Now()
	cids := submit(t, nodes[13], d.ID(), "the first record", "the second record", "the third record")
	eventually(t, 10*time.Second, "records on every node", func() bool {
		for _, n := range nodes {
			if !hasAll(n, cids) {
				return false
			}
		}
		return true
	})
	t.Logf("3 records reached 20 nodes in %v", time.Since(start))
	// Gossip, not sync, carried them: with a 1 s sync interval a one-second
	// bound would be too loose to tell, so check that every copy is pending
	// and identical instead.
	for _, n := range nodes {
		r, err := n.Store().GetRecord(cids[0])
		if err != nil || r.Content != "the first record" || r.State != datanet.StatePending {
			t.Fatalf("node %s: %+v %v", n.Home().PeerID(), r, err)
		}
	}
}

func TestLateJoinerCatchesUp(t *testing.T) {
	nodes := startNetwork(t, 3)
	d := createTestDatanet(t, nodes[0])
	eventually(t, 10*time.Second, "datanet on node 2", func() bool {
		_, err := nodes[2].Store().GetDatanet(d.ID())
		return err == nil
	})
	var texts []string
	for i := range 1200 { // more than one sync page (512)
		texts = append(texts, fmt.Sprintf("record number %d", i))
	}
	cids := submit(t, nodes[2], d.ID(), texts...)

	late := startNode(t, testConfig())
	connect(t, late, nodes[1])
	eventually(t, 20*time.Second, "late node caught up", func() bool {
		_, err := late.Store().GetDatanet(d.ID())
		return err == nil && hasAll(late, cids)
	})
	if got := late.Store().Stats().Records; got != len(cids) {
		t.Fatalf("late node has %d records, want %d", got, len(cids))
	}
}

func TestRestartKeepsData(t *testing.T) {
	cfg := testConfig()
	cfg.Store.SyncWrites = true
	h, err := Init(t.TempDir(), cfg, false)
	if err != nil {
		t.Fatal(err)
	}
	n, err := New(cfg, h, Options{Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	d := createTestDatanet(t, n)
	cids := submit(t, n, d.ID(), "kept across restarts")
	if err := n.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	n2 := startNodeAt(t, cfg, h)
	if !hasAll(n2, cids) {
		t.Fatal("record lost across restart")
	}
	if _, err := n2.Store().GetDatanet(d.ID()); err != nil {
		t.Fatalf("datanet lost across restart: %v", err)
	}
}
