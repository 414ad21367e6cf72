package points

import (
	"bytes"
	"errors"
	"testing"
)

// TestSetOutcomeConverges: a node that first saw a quorum on part of the
// votes, then an earlier vote, ends with the same events, digests, balances
// and roots as a node that saw every vote at once.
func TestSetOutcomeConverges(t *testing.T) {
	v3 := addr(3)
	votes := []Event{
		ans("r1", v1, validator, accept, "news", 1, 100),
		ans("r1", v2, validator, accept, "news", 2, 300),
		ans("r1", v3, validator, accept, "news", 1, 200),
	}
	shared := []Event{sub("r1", s1, 1, 50), votes[0], votes[1], votes[2],
		ans("r1", addr(9), classifier, accept, "news", 1, 150), outcome("r2", golden, "code", true, 1, 10)}
	partial := outcome("r1", golden, "news", false, 2, 300) // v1 and v2 made the quorum
	full := outcome("r1", golden, "news", false, 1, 200)    // v1 and v3 made it first

	a, b := NewLedger(), NewLedger()
	for _, e := range shared {
		if _, err := a.Add(e); err != nil {
			t.Fatal(err)
		}
		if _, err := b.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	if changed, err := a.SetOutcome(partial); !changed || err != nil {
		t.Fatalf("first outcome: changed=%v err=%v", changed, err)
	}
	a.Balances(1) // score the stale state, so the replacement must rescore
	if changed, err := a.SetOutcome(full); !changed || err != nil {
		t.Fatalf("replacement: changed=%v err=%v", changed, err)
	}
	if changed, err := a.SetOutcome(full); changed || err != nil {
		t.Fatalf("same outcome again: changed=%v err=%v", changed, err)
	}
	if _, err := b.SetOutcome(full); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(stateBytes(a), stateBytes(b)) {
		t.Fatalf("ledgers differ:\n%s\nvs\n%s", stateBytes(a), stateBytes(b))
	}
	if a.Has(partial.ID) || a.Len() != b.Len() || a.Len() != len(shared)+1 {
		t.Fatalf("stale outcome kept: has=%v len %d vs %d", a.Has(partial.ID), a.Len(), b.Len())
	}
	for _, ei := range a.Epochs() {
		if ei.Epoch == 2 && ei.Events != 1 {
			t.Fatalf("epoch 2 holds %d events, want v2's answer only", ei.Events)
		}
	}
	// A gold outcome is never displaced, and an answer is not an outcome.
	if _, err := a.SetOutcome(outcome("r2", golden, "news", false, 1, 20)); err != nil {
		t.Fatal(err)
	}
	if !a.Has(shared[5].ID) {
		t.Fatal("a quorum outcome displaced the gold outcome")
	}
	if _, err := a.SetOutcome(votes[0]); !errors.Is(err, ErrInvalidEvent) {
		t.Fatalf("SetOutcome of an answer: %v", err)
	}
	// A removed outcome can come back.
	if changed, err := a.SetOutcome(partial); !changed || err != nil || !a.Has(partial.ID) || a.Has(full.ID) {
		t.Fatalf("re-adding a removed outcome: changed=%v err=%v", changed, err)
	}
}
