package node

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"testing"
	"time"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/node/payments"
	"github.com/provenet/provenet/pay"
)

// rawInfer sends one routed request from node from to node to over
// ProtoInfer, as a routing node does, and returns the status and trailer.
func rawInfer(t *testing.T, from, to *Node, body string, auth []byte) (int, inferTrailer) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := from.host.Libp2p().NewStream(ctx, to.host.ID(), ProtoInfer)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := writeInferFrame(s, inferRequest{Path: "/v1/completions", Body: json.RawMessage(body), Auth: auth}); err != nil {
		t.Fatal(err)
	}
	_ = s.CloseWrite()
	br := bufio.NewReader(s)
	var h inferHeader
	if err := readInferFrame(br, 1<<12, &h); err != nil {
		t.Fatal(err)
	}
	for {
		c, err := readChunk(br, maxInferChunk, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(c) == 0 {
			break
		}
	}
	var tr inferTrailer
	if err := readInferFrame(br, 1<<22, &tr); err != nil {
		t.Fatal(err)
	}
	return h.Status, tr
}

// restart stops nd and starts a node on its home and config again.
func restart(t *testing.T, nd *Node) *Node {
	t.Helper()
	if err := nd.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	return startNodeAt(t, nd.cfg, nd.Home())
}

// Restarts during an unsettled epoch lose no authorization: the GPU node
// refuses a replay of an authorization it served before its restart, and
// refuses a forged one; the aggregator, restarted after the vouchers
// reached it, still settles the epoch and charges the payer exactly the
// fee.
func TestPaidEpochSurvivesRestarts(t *testing.T) {
	pn := startPayNet(t, 12*time.Second)
	gpuNode, edge := pn.nodes[0], pn.nodes[1]
	ctx := context.Background()
	var created APIKeyCreated
	if code := apiDo(t, edge, "POST", "/api/v1/pay/keys", map[string]string{"label": "app"}, &created); code != http.StatusCreated {
		t.Fatalf("create key: %d", code)
	}
	if code := apiDo(t, edge, "POST", "/api/v1/pay/deposit", map[string]string{"amount_wei": "10000000000000000"}, nil); code != http.StatusOK {
		t.Fatalf("deposit: %d", code)
	}
	payer := edge.Home().Account.Address()
	pc := pn.client(t, 1)
	balBefore, _, _, err := pc.EscrowBalance(ctx, payer)
	if err != nil {
		t.Fatal(err)
	}

	// The payer's side, as the edge runs it, with the API key's session key.
	sk, err := pay.ParseAPIKey(created.Key)
	if err != nil {
		t.Fatal(err)
	}
	ps := edge.payments()
	wal, err := pay.NewWallet(sk, payer, ps.Domain(), pay.NewMemWalletStore())
	if err != nil {
		t.Fatal(err)
	}
	prices := gpuNode.cfg.GPU.Prices()
	op := gpuNode.Home().Account.Address()
	waitEpochStart(edge, 8*time.Second)
	epoch := edge.CurrentEpoch()
	sa, err := wal.Authorize(op, "stories15m", epoch, prices, 1_000_000_000_000_000)
	if err != nil {
		t.Fatal(err)
	}
	auth, _ := sa.Encode()
	body := `{"model":"stories15m","prompt":"Once upon a time","max_tokens":4,"temperature":0}`
	code, tr := rawInfer(t, edge, gpuNode, body, auth)
	if code != http.StatusOK || len(tr.Receipt) == 0 {
		t.Fatalf("paid routed request: %d, trailer %d bytes", code, len(tr.Receipt))
	}
	pr := payments.NewPaid(sa, wal)
	edge.payRouted(ctx, edge.payments(), gpuNode.host.ID(), pr, tr)
	r, _, sv := pr.Result()
	if sv == nil {
		t.Fatal("no voucher for the receipt in the trailer")
	}
	rc, err := attribution.DecodeReceipt(tr.Receipt)
	if err != nil || sv.Amount != rc.Fee || rc.Fee == 0 {
		t.Fatalf("voucher %d for receipt fee %d (%v) %v", sv.Amount, rc.Fee, err, r)
	}
	// An operator that says it served more tokens than the payer received
	// is not paid for the request: the wallet signs no voucher.
	sa2, err := wal.Authorize(op, "stories15m", epoch, prices, 1_000_000_000_000_000)
	if err != nil {
		t.Fatal(err)
	}
	auth2, _ := sa2.Encode()
	code, tr2 := rawInfer(t, edge, gpuNode, body, auth2)
	if code != http.StatusOK || len(tr2.OutputIDs) == 0 {
		t.Fatalf("second request: %d", code)
	}
	tr2.OutputIDs = tr2.OutputIDs[:len(tr2.OutputIDs)-1]
	pr2 := payments.NewPaid(sa2, wal)
	edge.payRouted(ctx, edge.payments(), gpuNode.host.ID(), pr2, tr2)
	if _, _, v := pr2.Result(); v != nil {
		t.Fatalf("voucher %d signed for a receipt claiming a token the payer did not receive", v.Amount)
	}
	if owed, _ := wal.Owed(op, epoch); owed != rc.Fee {
		t.Fatalf("wallet owes %d after the overclaim, want the first fee %d", owed, rc.Fee)
	}
	// A paid request whose body the handler refuses (before the engine)
	// holds no reservation afterwards.
	out0 := gpuNode.payments().Gate().Outstanding(payer)
	sa3, err := wal.Authorize(op, "stories15m", epoch, prices, 1_000_000_000_000_000)
	if err != nil {
		t.Fatal(err)
	}
	auth3, _ := sa3.Encode()
	if code, _ := rawInfer(t, edge, gpuNode, `{"model":"stories15m","prompt":"x","max_tokens":-5}`, auth3); code != http.StatusBadRequest {
		t.Fatalf("malformed paid request: %d, want 400", code)
	}
	if out := gpuNode.payments().Gate().Outstanding(payer); out != out0 {
		t.Fatalf("outstanding %d after a refused body, was %d: the reservation leaked", out, out0)
	}
	agg := pn.nodes[2]
	eventually(t, 10*time.Second, "voucher at the aggregator", func() bool {
		vs, err := agg.payments().Pool().Epoch(epoch)
		return err == nil && len(vs) == 1 && vs[0].Amount == rc.Fee
	})

	// Restart the GPU node: the authorization is remembered.
	gpuNode = restart(t, gpuNode)
	pn.nodes[0] = gpuNode
	connect(t, edge, gpuNode)
	connect(t, agg, gpuNode)
	if code, _ := rawInfer(t, edge, gpuNode, body, auth); code != http.StatusPaymentRequired {
		t.Fatalf("replayed authorization after restart: %d, want 402", code)
	}
	stranger, err := account.Generate()
	if err != nil {
		t.Fatal(err)
	}
	forged := sa.Authorization
	forged.Request[0] ^= 1
	fsa, err := forged.Sign(stranger, ps.Domain())
	if err != nil {
		t.Fatal(err)
	}
	fauth, _ := fsa.Encode()
	if code, _ := rawInfer(t, edge, gpuNode, body, fauth); code != http.StatusPaymentRequired {
		t.Fatalf("forged authorization: %d, want 402", code)
	}

	// Restart the aggregator before the epoch closes; it settles after.
	if agg.CurrentEpoch() != epoch {
		t.Fatalf("epoch %d ended before the restarts (now %d): the machine is too slow for this test's 12 s epoch", epoch, agg.CurrentEpoch())
	}
	// The edge is offline while the epoch settles: it hears no settlement
	// gossip and must back-fill the record when it is back.
	if err := edge.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	agg = restart(t, agg)
	pn.nodes[2] = agg
	connect(t, agg, gpuNode)
	var info *SettlementInfo
	eventually(t, 40*time.Second, "epoch settled after the restart", func() bool {
		s, err := agg.attr.store.Settlement(epoch)
		info = s
		return err == nil && s.Status == SettlementSettled
	})
	balAfter, _, _, err := pc.EscrowBalance(ctx, payer)
	if err != nil {
		t.Fatal(err)
	}
	// The payer pays the first request only: the overclaimed one has a
	// receipt but no voucher covering it.
	if d := new(big.Int).Sub(balBefore, balAfter); d.Uint64() != rc.Fee || len(info.Redemptions) != 1 || info.Redemptions[0].Receipts != 2 {
		t.Fatalf("payer charged %v, want the one fee %d (%+v)", d, rc.Fee, info.Redemptions)
	}

	// The edge comes back after the settlement's gossip is gone (past
	// gossipsub's few seconds of history), fetches the record from the
	// aggregator (SettlementsProtocol, checked against the escrow's root)
	// and serves the claim proofs.
	if len(info.Claims) == 0 {
		t.Fatalf("settlement %+v has no claims to prove", info)
	}
	time.Sleep(4 * time.Second)
	edge = startNodeAt(t, edge.cfg, edge.Home())
	pn.nodes[1] = edge
	connect(t, edge, agg)
	eventually(t, 20*time.Second, "settlement back-filled on the edge", func() bool {
		_, err := edge.attr.store.Settlement(epoch)
		return err == nil
	})
	c := info.Claims[0]
	var cp ClaimProof
	if code := apiDo(t, edge, "GET", fmt.Sprintf("/api/v1/pay/claims?epoch=%d&account=%s", epoch, c.Account.Hex()), nil, &cp); code != http.StatusOK ||
		cp.Amount != c.Amount || cp.ClaimsRoot != info.ClaimsRoot || len(cp.Proof) == 0 && len(info.Claims) > 1 {
		t.Fatalf("claim proof on the back-filled edge: %d %+v, want %d under %s", code, cp, c.Amount, info.ClaimsRoot)
	}
}
