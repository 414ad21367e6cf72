package node

import (
	"context"
	"crypto/rand"
	"strings"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/p2p"
)

// startAttacker is a bare p2p host whose own validators accept anything, so
// that it publishes whatever bytes it is given.
func startAttacker(t *testing.T) (*p2p.Host, *p2p.Topic) {
	t.Helper()
	cfg := p2p.DefaultConfig()
	cfg.ListenAddrs = []string{"/ip4/127.0.0.1/tcp/0"}
	cfg.DHT = false
	cfg.MaxMessageBytes = 4 << 20
	key, _, _ := crypto.GenerateEd25519Key(rand.Reader)
	h, err := p2p.New(cfg, key, testLogger(t), p2p.NoopMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Stop(context.Background()) })
	top, err := h.Join(TopicRecords, func(context.Context, peer.ID, []byte) p2p.Result { return p2p.Accept })
	if err != nil {
		t.Fatal(err)
	}
	return h, top
}

func signedRecord(t *testing.T, k *account.Key, dn *datanet.Datanet, content, label string) *datanet.Record {
	t.Helper()
	r := &datanet.Record{Datanet: dn.ID(), Content: content, Source: "attacker", Submitter: k.Address(), Label: label, CreatedAt: time.Now().UnixMilli()}
	if err := r.Sign(k); err != nil {
		t.Fatal(err)
	}
	return r
}

func encode(t *testing.T, r *datanet.Record) []byte {
	t.Helper()
	b, err := datanet.EncodeRecord(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestInvalidGossipIsNeitherStoredNorRelayed feeds a node garbage, a bad
// signature, a label outside the schema, an oversized record, a record of an
// unknown datanet and a message over the gossip size cap. None is stored by
// the victim, and none reaches the observer that hears only through it.
func TestInvalidGossipIsNeitherStoredNorRelayed(t *testing.T) {
	victim := startNode(t, testConfig())
	observer := startNode(t, testConfig())
	honest := startNode(t, testConfig())
	connect(t, observer, victim)
	connect(t, honest, victim)
	d := createTestDatanet(t, victim)
	eventually(t, 10*time.Second, "datanet everywhere", func() bool {
		_, e1 := observer.Store().GetDatanet(d.ID())
		_, e2 := honest.Store().GetDatanet(d.ID())
		return e1 == nil && e2 == nil
	})

	attacker, topic := startAttacker(t)
	ctx := context.Background()
	if err := attacker.Connect(ctx, victim.Host().AddrInfo()); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "attacker in the victim's topic mesh", func() bool {
		for _, p := range topic.ListPeers() {
			if p == victim.Host().ID() {
				return true
			}
		}
		return false
	})

	k, _ := account.Generate()
	badSig := signedRecord(t, k, d, "signed content", "art")
	badSig.Content = "tampered content"
	otherDN := datanet.NewDatanet("elsewhere", "", []string{"art"}, nil, 0, time.UnixMilli(1))
	if err := otherDN.Sign(k); err != nil {
		t.Fatal(err)
	}
	payloads := map[string][]byte{
		"garbage":         []byte("this is not CBOR at all"),
		"bad signature":   encode(t, badSig),
		"label":           encode(t, signedRecord(t, k, d, "a label outside the schema", "nonsense")),
		"oversized":       encode(t, signedRecord(t, k, d, strings.Repeat("x", datanet.MaxContentBytes+1), "art")),
		"unknown datanet": encode(t, signedRecord(t, k, otherDN, "of a datanet nobody has", "art")),
		"over gossip cap": append([]byte{0x00}, make([]byte, 2<<20)...),
	}
	for name, p := range payloads {
		if err := topic.Publish(ctx, p); err != nil {
			t.Fatalf("publish %s: %v", name, err)
		}
	}

	vm := victim.metrics.(*PromMetrics)
	rejected := vm.gossip.WithLabelValues(TopicRecords, "reject")
	ignored := vm.gossip.WithLabelValues(TopicRecords, "ignore")
	eventually(t, 10*time.Second, "victim judged the attack", func() bool {
		return testutil.ToFloat64(rejected) >= 4 && testutil.ToFloat64(ignored) >= 1
	})

	// A valid record sent after the attack crosses the victim to the
	// observer: the path works, so the attack's absence is not slowness.
	cids := submit(t, honest, d.ID(), "an honest record")
	eventually(t, 10*time.Second, "honest record at the observer", func() bool { return hasAll(observer, cids) })

	for _, n := range []*Node{victim, observer} {
		if got := n.Store().Stats().Records; got != 1 {
			t.Errorf("node stored %d records, want only the honest one", got)
		}
	}
	if got := testutil.ToFloat64(observer.metrics.(*PromMetrics).gossip.WithLabelValues(TopicRecords, "reject")); got != 0 {
		t.Errorf("observer saw %v rejected messages: the victim relayed them", got)
	}
}
