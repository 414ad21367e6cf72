package node

import (
	"context"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/p2p"
)

// TestRecordBeforeItsDatanetIsStored: a record gossiped before its datanet
// is kept and stored as soon as the datanet arrives, without waiting for
// catch-up sync (whose interval is set far away here).
func TestRecordBeforeItsDatanetIsStored(t *testing.T) {
	cfg := testConfig()
	cfg.Sync.Interval = Duration(time.Hour)
	victim := startNode(t, cfg)
	sender, recTopic := startAttacker(t)
	dnTopic, err := sender.Join(TopicDatanets, func(context.Context, peer.ID, []byte) p2p.Result { return p2p.Accept })
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := sender.Connect(ctx, victim.Host().AddrInfo()); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "victim in both topics", func() bool {
		return len(recTopic.ListPeers()) > 0 && len(dnTopic.ListPeers()) > 0
	})
	k, _ := account.Generate()
	dn := datanet.NewDatanet("late", "", []string{"art"}, nil, 0, time.Now())
	if err := dn.Sign(k); err != nil {
		t.Fatal(err)
	}
	rec := signedRecord(t, k, dn, "overtook its datanet", "art")
	if err := recTopic.Publish(ctx, encode(t, rec)); err != nil {
		t.Fatal(err)
	}
	eventually(t, 5*time.Second, "record parked", func() bool {
		return victim.replica.Orphans() == 1
	})
	b, _ := datanet.EncodeDatanet(dn)
	if err := dnTopic.Publish(ctx, b); err != nil {
		t.Fatal(err)
	}
	eventually(t, 5*time.Second, "orphan adopted", func() bool { return victim.Store().HasRecord(rec.CID()) })
}
