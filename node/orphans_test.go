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

func TestOrphanPoolBoundsAndExpiry(t *testing.T) {
	now := time.Unix(1000, 0)
	o := newOrphans(func() time.Time { return now })
	k, _ := account.Generate()
	dn := datanet.NewDatanet("d", "", nil, nil, 0, now)
	if err := dn.Sign(k); err != nil {
		t.Fatal(err)
	}
	for range orphanPerDNCap {
		if !o.add(dn.ID(), []byte("x")) {
			t.Fatal("pool refused below its per-datanet cap")
		}
	}
	if o.add(dn.ID(), []byte("x")) {
		t.Fatal("pool took more than its per-datanet cap")
	}
	now = now.Add(orphanTTL + time.Second)
	if got := o.take(dn.ID()); len(got) != 0 {
		t.Fatalf("expired orphans returned: %d", len(got))
	}
	if o.n != 0 || o.bytes != 0 {
		t.Fatalf("accounting after take: n=%d bytes=%d", o.n, o.bytes)
	}
}

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
		victim.orphans.mu.Lock()
		defer victim.orphans.mu.Unlock()
		return victim.orphans.n == 1
	})
	b, _ := datanet.EncodeDatanet(dn)
	if err := dnTopic.Publish(ctx, b); err != nil {
		t.Fatal(err)
	}
	eventually(t, 5*time.Second, "orphan adopted", func() bool { return victim.Store().HasRecord(rec.CID()) })
}
