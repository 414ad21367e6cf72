package node

import (
	"context"
	"testing"
	"time"

	"github.com/provenet/provenet/datanet"
)

// TestDuplicateSubmissionsAcrossAPartition: the same content is submitted
// on both sides of a split, by different submitters. Each side's record
// store keeps its own submission; after the heal every node knows both, and
// the ledgers agree on who was first (credited) and who duplicated.
func TestDuplicateSubmissionsAcrossAPartition(t *testing.T) {
	nodes := startWorkNetwork(t, 4) // 0 owner; 1, 2 validators; 3 a second submitter
	d := quipsDatanet(t, nodes, "dups")
	p := newPartition([]*Node{nodes[0], nodes[1]}, []*Node{nodes[2], nodes[3]})
	for _, a := range []*Node{nodes[0], nodes[1]} {
		for _, b := range []*Node{nodes[2], nodes[3]} {
			p.links = append(p.links, [2]*Node{a, b})
		}
	}
	p.cut(t, nodes)
	same := SubmitRecord{Content: "one text, two submitters", Label: "science"}
	r0, err := nodes[0].SubmitRecords(context.Background(), d.ID(), []SubmitRecord{same})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * time.Millisecond) // a later signed time on the other side
	r3, err := nodes[3].SubmitRecords(context.Background(), d.ID(), []SubmitRecord{same})
	if err != nil {
		t.Fatal(err)
	}
	if r0[0].CID != r3[0].CID || !r0[0].Created || !r3[0].Created {
		t.Fatalf("both sides should store the same CID as new: %+v %+v", r0, r3)
	}
	if c := p.crossed(); len(c) > 0 {
		t.Fatalf("connections crossed the split: %v", c)
	}
	p.heal(t)
	cid := mustCID(t, r0[0].CID)
	eventually(t, 30*time.Second, "record golden everywhere", finalState(t, nodes, []string{r0[0].CID}, datanet.StateGolden))
	eventually(t, 30*time.Second, "every node knows both submissions", func() bool {
		for _, n := range nodes {
			if len(n.work.TaskStore().Submissions(cid)) != 1 {
				return false
			}
		}
		return true
	})
	waitSameLedger(t, nodes, 20*time.Second)
	epoch := nodes[0].CurrentEpoch()
	board := map[string]int64{}
	for _, s := range nodes[2].Points("", epoch, 10).Leaderboard {
		board[s.Address.Hex()] = s.Points
	}
	first, second := nodes[0].Home().Account.Address().Hex(), nodes[3].Home().Account.Address().Hex()
	if board[first] <= 0 || board[second] >= board[first] {
		t.Fatalf("the first submitter should be credited and the duplicate not: %v", board)
	}
}
