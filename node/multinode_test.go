package node

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// sameLedger reports how the nodes' points ledgers differ, or nil when they
// hold the same events in every epoch (Epochs: counts and digests) and the
// same snapshot root at every epoch from the first to the last.
func sameLedger(nodes []*Node) error {
	want := nodes[0].work.Ledger().Epochs()
	if len(want) == 0 {
		return fmt.Errorf("node 0 has an empty ledger")
	}
	for i, n := range nodes[1:] {
		if got := n.work.Ledger().Epochs(); !slices.Equal(got, want) {
			return fmt.Errorf("node %d epochs %v, node 0 %v", i+1, got, want)
		}
	}
	for e := want[0].Epoch; e <= want[len(want)-1].Epoch; e++ {
		root := nodes[0].Points("", e, 1).Root
		for i, n := range nodes[1:] {
			if got := n.Points("", e, 1).Root; got != root {
				return fmt.Errorf("epoch %d: node %d root %s, node 0 %s", e, i+1, got, root)
			}
		}
	}
	return nil
}

// waitSameLedger waits until every node derives the same points ledger.
func waitSameLedger(t *testing.T, nodes []*Node, d time.Duration) {
	t.Helper()
	var err error
	deadline := time.Now().Add(d)
	for err = sameLedger(nodes); err != nil; err = sameLedger(nodes) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for the same points ledger everywhere: %v", d, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
