package node

import (
	"context"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/p2p"
)

// signedReceipt is a structurally valid receipt of epoch, signed by k.
func signedReceipt(t *testing.T, k *account.Key, epoch uint64, req string) *attribution.Receipt {
	t.Helper()
	r := &attribution.Receipt{Version: attribution.ReceiptVersion, Epoch: epoch, RequestID: req,
		Base:         attribution.Model{CID: baseCID("test"), Owner: k.Address()},
		PromptTokens: 3, OutputTokens: 5, Operator: k.Address(), PromptPrice: 1000, OutputPrice: 1000, Time: time.Now().UnixMilli()}
	var err error
	if r.Fee, err = attribution.Fee(r.PromptTokens, r.OutputTokens, r.PromptPrice, r.OutputPrice); err != nil {
		t.Fatal(err)
	}
	if err := r.Sign(k); err != nil {
		t.Fatal(err)
	}
	return r
}

func encodeReceipt(t *testing.T, r *attribution.Receipt) []byte {
	t.Helper()
	b, err := r.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestReceiptGossipValidator: forged, malformed, stale (replayed in a later
// epoch) receipts are rejected; future ones and those of operators with
// no GPU advertisement are ignored; a valid one is accepted once.
func TestReceiptGossipValidator(t *testing.T) {
	cfg := testConfig()
	cfg.Tasks.EpochLength = Duration(time.Second)
	cfg.Attribution.MaxLagEpochs = 1
	n := startNode(t, cfg)
	a := n.attr
	ctx := context.Background()
	opKey, _ := account.Generate()
	check := func(what string, data []byte, want p2p.Result) {
		t.Helper()
		if got := a.validate(ctx, "", data); got != want {
			_, _, err := a.checkReceipt(ctx, data)
			t.Fatalf("%s: %v, want %v (%v)", what, got, want, err)
		}
	}
	// Wait for the start of an epoch, so that the whole test fits in it.
	eventually(t, 3*time.Second, "epoch start", func() bool { return time.Now().UnixMilli()%1000 < 100 })
	cur := n.CurrentEpoch()
	good := signedReceipt(t, opKey, cur, "good")
	check("unadvertised operator", encodeReceipt(t, good), p2p.Ignore)

	forged := signedReceipt(t, opKey, cur, "forged")
	forged.PromptTokens++
	forged.Fee, _ = attribution.Fee(forged.PromptTokens, forged.OutputTokens, forged.PromptPrice, forged.OutputPrice)
	check("forged (signature over other content)", encodeReceipt(t, forged), p2p.Reject)
	other, _ := account.Generate()
	stolen := signedReceipt(t, other, cur, "stolen")
	stolen.Operator = opKey.Address()
	check("signed by someone else", encodeReceipt(t, stolen), p2p.Reject)
	unsigned := signedReceipt(t, opKey, cur, "unsigned")
	unsigned.Sig = nil
	check("unsigned", encodeReceipt(t, unsigned), p2p.Reject)

	check("not CBOR", []byte{0xff, 0x00, 0x13}, p2p.Reject)
	check("empty", nil, p2p.Reject)
	badFee := &attribution.Receipt{}
	*badFee = *signedReceipt(t, opKey, cur, "badfee")
	badFee.Fee++
	badFee.Sig = nil
	if err := badFee.Sign(opKey); err != nil {
		t.Fatal(err)
	}
	check("wrong fee, signed", encodeReceipt(t, badFee), p2p.Reject)
	check("trailing bytes", append(encodeReceipt(t, good), 0), p2p.Reject)
	check("stale epoch", encodeReceipt(t, signedReceipt(t, opKey, cur-2, "old")), p2p.Reject)
	check("future epoch", encodeReceipt(t, signedReceipt(t, opKey, cur+1, "future")), p2p.Ignore)

	// The operator advertises inference: its receipt is accepted once.
	pid := peer.ID("gpu-peer")
	n.work.Saw(opKey.Address(), pid, time.Now())
	n.gpuAds.put(pid, gpuAd{Peer: pid.String()}, time.Now())
	data := encodeReceipt(t, good)
	check("valid", data, p2p.Accept)
	a.onMsg(ctx, pid, data)
	check("duplicate", data, p2p.Ignore)

	// Replayed after the window moved on: rejected.
	eventually(t, 5*time.Second, "two epochs later", func() bool { return n.CurrentEpoch() >= cur+2 })
	check("replayed in a later epoch", data, p2p.Reject)
	fresh := signedReceipt(t, opKey, n.CurrentEpoch(), "fresh")
	check("fresh receipt of the advertised operator", encodeReceipt(t, fresh), p2p.Accept)
}

// TestReceiptsSurviveRestart: a kept receipt is served again after the
// node restarts on the same home.
func TestReceiptsSurviveRestart(t *testing.T) {
	cfg := testConfig()
	h, err := Init(t.TempDir(), cfg, false)
	if err != nil {
		t.Fatal(err)
	}
	n, err := New(cfg, h, Options{Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := n.Start(ctx); err != nil {
		t.Fatal(err)
	}
	k, _ := account.Generate()
	id, _, err := n.attr.keep(signedReceipt(t, k, n.CurrentEpoch(), "kept"))
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	n2 := startNodeAt(t, cfg, h)
	var v ReceiptView
	if code := getJSON(t, n2.APIURL()+"/api/v1/receipts/"+id.String(), &v); code != 200 || v.ID != id.String() || len(v.Payouts) == 0 {
		t.Fatalf("after restart: %d %+v", code, v)
	}
	var e EpochsInfo
	if code := getJSON(t, n2.APIURL()+"/api/v1/epochs", &e); code != 200 || e.Aggregator || e.Chain {
		t.Fatalf("epochs: %d %+v", code, e)
	}
	var pp map[string]any
	if code := getJSON(t, n2.APIURL()+"/api/v1/points/proof?address="+k.Address().Hex(), &pp); code != 503 {
		t.Fatalf("points proof without chain: %d %v, want 503", code, pp)
	}
}
