package node

import (
	"context"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/node/work"
	"github.com/provenet/provenet/p2p"
)

// TestPresenceBindsOnlyTheAuthor: a host can announce its own peer ID as
// a worker, but not bind another peer's ID to an address.
func TestPresenceBindsOnlyTheAuthor(t *testing.T) {
	victim := startNode(t, workConfig())
	sender, _ := startAttacker(t)
	top, err := sender.Join(TopicPresence, func(context.Context, peer.ID, []byte) p2p.Result { return p2p.Accept })
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := sender.Connect(ctx, victim.Host().AddrInfo()); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "victim in the presence topic", func() bool { return len(top.ListPeers()) > 0 })
	forger, _ := account.Generate()
	forged, _ := work.SignPresence(forger, victim.Host().ID(), []string{"worker"}, time.Now())
	honest, _ := account.Generate()
	own, _ := work.SignPresence(honest, sender.ID(), []string{"worker"}, time.Now())
	for _, b := range [][]byte{forged, own} {
		if err := top.Publish(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	eventually(t, 10*time.Second, "the honest announcement", func() bool {
		for _, w := range victim.TasksInfo().Workers {
			if w == honest.Address().Hex() {
				return true
			}
		}
		return false
	})
	rejected := victim.metrics.(*PromMetrics).gossip.WithLabelValues(TopicPresence, "reject")
	eventually(t, 10*time.Second, "the forged announcement judged", func() bool { return testutil.ToFloat64(rejected) >= 1 })
	for _, w := range victim.TasksInfo().Workers {
		if w == forger.Address().Hex() {
			t.Fatal("a presence binding another peer's ID was accepted")
		}
	}
}
