package points

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

// TestRewardEvents: a reward credits its amount to its actor in its epoch,
// with no outcome needed, and shows in the snapshot's cumulative total.
func TestRewardEvents(t *testing.T) {
	l := NewLedger()
	alice := common.HexToAddress("0xa1")
	rw := func(id byte, amount int64, epoch uint64) Event {
		return Event{ID: [32]byte{id}, Epoch: epoch, Kind: KindReward, Actor: alice, Datanet: RewardsDatanet, Record: "0xreceipt", Amount: amount}
	}
	for _, e := range []Event{rw(1, 30, 5), rw(2, 12, 6), rw(1, 30, 5)} {
		if _, err := l.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := l.Add(Event{ID: [32]byte{9}, Epoch: 5, Kind: KindReward, Actor: alice, Datanet: RewardsDatanet, Record: "r"}); err == nil {
		t.Fatal("a zero reward was accepted")
	}
	s, err := l.Snapshot(5)
	if err != nil || len(s.Entries) != 1 || s.Entries[0].Points != 30 {
		t.Fatalf("epoch 5 snapshot %+v, %v", s.Entries, err)
	}
	s, err = l.Snapshot(6)
	if err != nil || s.Entries[0].Points != 42 {
		t.Fatalf("epoch 6 snapshot %+v, %v", s.Entries, err)
	}
}
