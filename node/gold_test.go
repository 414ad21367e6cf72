package node

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/provenet/provenet/datanet"
)

// TestGoldRecordsScoreAccuracy: the owner marks some records as gold; they
// are answered and voted like any other, and once final the owner reveals
// them. Every node then tracks each validator's gold accuracy, from the
// same events, with the same ledger.
func TestGoldRecordsScoreAccuracy(t *testing.T) {
	nodes := startWorkNetwork(t, 3)
	owner := nodes[0]
	d := quipsDatanet(t, nodes, "quips")
	var subs []SubmitRecord
	for i := range 10 {
		subs = append(subs, SubmitRecord{Content: fmt.Sprintf("gold quip %d", i), Label: []string{"art", "science"}[i%2]})
	}
	res, err := owner.SubmitRecords(context.Background(), d.ID(), subs)
	if err != nil {
		t.Fatal(err)
	}
	// Three gold answers: two right, one the validators will get "wrong"
	// (the owner's answer differs from the submitted label they confirm).
	gold := []GoldEntry{
		{Record: res[0].CID, Accept: true, Label: "art"},
		{Record: res[1].CID, Accept: true, Label: "science"},
		{Record: res[2].CID, Accept: true, Label: "science"},
	}
	if _, err := owner.MarkGold(context.Background(), d.ID(), gold); err != nil {
		t.Fatal(err)
	}
	var cids []string
	for _, r := range res {
		cids = append(cids, r.CID)
	}
	eventually(t, 30*time.Second, "records final everywhere", finalState(t, nodes, cids, datanet.StateGolden))
	eventually(t, 30*time.Second, "gold revealed everywhere", func() bool {
		for _, nd := range nodes {
			if len(nd.work.TaskStore().GoldReveals()) != 3 {
				return false
			}
		}
		return true
	})
	waitSameLedger(t, nodes, 20*time.Second)

	// A node that joins now gets the records by catch-up sync, and the
	// results and the gold commit and reveals by results reconciliation.
	late := startNode(t, workConfig())
	connect(t, late, nodes[1])
	eventually(t, 20*time.Second, "late node has the gold objects", func() bool {
		return len(late.work.TaskStore().GoldReveals()) == 3 && len(late.work.TaskStore().GoldCommits()) == 1
	})
	waitSameLedger(t, append(nodes, late), 20*time.Second)
	// Each validator voted on the 3 gold records, 2 rightly and 1 wrongly;
	// as a worker it may also have classified some of them (rightly or
	// not, depending on what its classifier had learnt by then). Every
	// node must agree.
	for _, v := range nodes[1:] {
		want := nodes[0].work.Ledger().GoldAccuracy(v.Home().Account.Address())
		if want.Correct < 2 || want.Total-want.Correct < 1 || want.Total < 3 {
			t.Fatalf("validator gold accuracy %+v, want at least 2 right and 1 wrong", want)
		}
		for _, nd := range nodes[1:] {
			if got := nd.work.Ledger().GoldAccuracy(v.Home().Account.Address()); got != want {
				t.Fatalf("nodes disagree on gold accuracy: %+v vs %+v", got, want)
			}
		}
	}
}
