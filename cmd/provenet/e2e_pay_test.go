package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/provenet/provenet/gpu/train"
	"github.com/provenet/provenet/node"
)

// apiJSON calls a node's API with its token and decodes the answer.
func apiJSON(t *testing.T, n node.DevnetNode, method, path string, body, out any) int {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, n.API+path, rd)
	req.Header.Set("Authorization", "Bearer "+n.Token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if out != nil && json.Unmarshal(b, out) != nil {
		t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, b)
	}
	return resp.StatusCode
}

// TestDevnetPaidInference is issue 12's story on devnet processes: an edge
// node's account deposits with the CLI and creates an API key; its
// completion, routed to the GPU node, is paid; once the epoch closes the
// aggregator settles it on the escrow; the payer's escrow falls by the fees (of every paid answer, some perhaps in an earlier epoch),
// the operator is paid its share and the base owner and the cited record's
// contributor claim theirs, each to the wei; a second claim fails.
func TestDevnetPaidInference(t *testing.T) {
	if testing.Short() {
		t.Skip("starts node processes")
	}
	dir := t.TempDir()
	apiBase, p2pBase := freeBase(t, 3), freeBase(t, 3)+3000
	info, stop := startDevnet(t, dir, 3, apiBase, p2pBase, "--gpu-nodes", "1")
	defer stop()
	gpuN, edge, other := info.Nodes[0], info.Nodes[1], info.Nodes[2]
	ctx := context.Background()
	eth, err := ethclient.Dial(info.ChainRPC)
	if err != nil {
		t.Fatal(err)
	}
	defer eth.Close()

	// A golden record of the edge's account, to cite.
	vals := edge.Address + "," + other.Address
	out := mustCLI(t, "--api", edge.API, "--token", edge.Token, "datanet", "create", "--name", "quips", "--labels", "art,science", "--validators", vals, "--quorum", "2")
	var dn struct{ ID string }
	if err := json.Unmarshal([]byte(out), &dn); err != nil {
		t.Fatalf("create: %q", out)
	}
	text := "The quick brown fox jumps over the lazy dog while the cat sleeps by the warm fire all night long."
	out = mustCLI(t, "--api", edge.API, "--token", edge.Token, "datanet", "submit", dn.ID, "--label", "art", text)
	var sub node.SubmitResult
	if err := json.Unmarshal([]byte(out), &sub); err != nil {
		t.Fatalf("submit: %q", out)
	}
	eventually(t, 60*time.Second, "record golden on the GPU node", func() bool {
		out, err := runCLI(t, "--api", gpuN.API, "datanet", "records", dn.ID, "--state", "golden")
		return err == nil && strings.Contains(out, sub.CID)
	})

	mustCLI(t, "--api", edge.API, "--token", edge.Token, "pay", "deposit", "--amount", "0.01")
	keyOut := mustCLI(t, "--api", edge.API, "--token", edge.Token, "pay", "keys", "create", "--label", "app")
	key := strings.Fields(keyOut)[0]
	payer := common.HexToAddress(edge.Address)
	var before struct {
		Balance string `json:"balance_wei"`
	}
	apiJSON(t, edge, "GET", "/api/v1/pay/balance", nil, &before)

	// The paid completion, routed edge -> GPU node. The span index of the
	// GPU node picks the record up within its index interval; until then
	// the receipt would not credit it, so the request waits for it.
	prompt := "[source " + sub.CID + "] " + text
	var resp map[string]any
	// Every answer before the one that credits the record is paid too,
	// and may fall in an earlier epoch: the escrow check sums them all.
	var paid []string
	eventually(t, 40*time.Second, "a paid answer crediting the record", func() bool {
		body, _ := json.Marshal(map[string]any{"model": train.BaseModelName, "prompt": prompt, "max_tokens": 4, "temperature": 0})
		req, _ := http.NewRequest("POST", edge.API+"/v1/completions", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+key)
		r, err := http.DefaultClient.Do(req)
		if err != nil {
			return false
		}
		defer r.Body.Close()
		resp = nil
		if r.StatusCode != 200 || json.NewDecoder(r.Body).Decode(&resp) != nil {
			t.Logf("completion: %d", r.StatusCode)
			return false
		}
		xp, _ := resp["x_provenet"].(map[string]any)
		recs, _ := xp["records"].([]any)
		if id, ok := xp["receipt_id"].(string); ok && xp["payer"] == payer.Hex() {
			paid = append(paid, id)
		}
		return xp["payer"] == payer.Hex() && len(recs) > 0
	})
	xp := resp["x_provenet"].(map[string]any)
	var rv node.ReceiptView
	if code := apiJSON(t, gpuN, "GET", "/api/v1/receipts/"+xp["receipt_id"].(string), nil, &rv); code != 200 {
		t.Fatalf("receipt: %d", code)
	}
	epoch := rv.Receipt.Epoch

	// Settlement after the epoch closes (30 s epochs on devnet).
	var st node.SettlementInfo
	eventually(t, 90*time.Second, "epoch settled", func() bool {
		return apiJSON(t, gpuN, "GET", fmt.Sprintf("/api/v1/pay/settlements/%d", epoch), nil, &st) == 200 && st.Status == node.SettlementSettled
	})
	var after struct {
		Balance string `json:"balance_wei"`
	}
	apiJSON(t, edge, "GET", "/api/v1/pay/balance", nil, &after)
	b0, _ := new(big.Int).SetString(before.Balance, 10)
	b1, _ := new(big.Int).SetString(after.Balance, 10)
	epochs := map[uint64]bool{}
	for _, id := range paid {
		var v node.ReceiptView
		if code := apiJSON(t, gpuN, "GET", "/api/v1/receipts/"+id, nil, &v); code != 200 {
			t.Fatalf("receipt %s: %d", id, code)
		}
		epochs[v.Receipt.Epoch] = true
	}
	var fees uint64
	for e := range epochs {
		var se node.SettlementInfo
		eventually(t, 90*time.Second, fmt.Sprintf("epoch %d settled", e), func() bool {
			return apiJSON(t, gpuN, "GET", fmt.Sprintf("/api/v1/pay/settlements/%d", e), nil, &se) == 200 && se.Status == node.SettlementSettled
		})
		for _, r := range se.Redemptions {
			if r.Payer == payer {
				fees += r.Charge
			}
		}
	}
	apiJSON(t, edge, "GET", "/api/v1/pay/balance", nil, &after)
	b1, _ = new(big.Int).SetString(after.Balance, 10)
	if d := new(big.Int).Sub(b0, b1); d.Uint64() != fees || fees < rv.Receipt.Fee {
		t.Fatalf("payer's escrow fell by %v, want the charges %d (receipt fee %d)", d, fees, rv.Receipt.Fee)
	}
	// The operator (also the settler, which pays gas for finalize) got its
	// payout in the finalize block: balance change + gas == payout.
	opAddr := common.HexToAddress(gpuN.Address)
	fin, err := eth.TransactionReceipt(ctx, common.HexToHash(st.FinalizeTx))
	if err != nil {
		t.Fatal(err)
	}
	delta := balanceDelta(t, eth, fin.BlockNumber, opAddr)
	gas := new(big.Int).Mul(new(big.Int).SetUint64(fin.GasUsed), fin.EffectiveGasPrice)
	if len(st.Payouts) != 1 || st.Payouts[0].Account != opAddr || new(big.Int).Add(delta, gas).Uint64() != st.Payouts[0].Amount {
		t.Fatalf("operator payout %+v, balance change %v + gas %v", st.Payouts, delta, gas)
	}
	// Claims, each sent by the third node so the claimant pays no gas; it
	// holds the settlement once it has heard it on gossip.
	eventually(t, 20*time.Second, "settlement at the third node", func() bool {
		var s node.SettlementInfo
		return apiJSON(t, other, "GET", fmt.Sprintf("/api/v1/pay/settlements/%d", epoch), nil, &s) == 200
	})
	claimed := 0
	for _, c := range st.Claims {
		if c.Account != payer && c.Account != opAddr {
			continue
		}
		var res struct {
			Tx string `json:"tx"`
		}
		if code := apiJSON(t, other, "POST", "/api/v1/pay/claims", map[string]any{"epoch": epoch, "account": c.Account}, &res); code != 200 {
			t.Fatalf("claim for %s: %d", c.Account.Hex(), code)
		}
		cr, err := eth.TransactionReceipt(ctx, common.HexToHash(res.Tx))
		if err != nil {
			t.Fatal(err)
		}
		if d := balanceDelta(t, eth, cr.BlockNumber, c.Account); d.Uint64() != c.Amount {
			t.Fatalf("claimant %s got %v, want %d", c.Account.Hex(), d, c.Amount)
		}
		claimed++
	}
	if claimed != 2 {
		t.Fatalf("claims %+v: want the base owner's and the data contributor's", st.Claims)
	}
	var e struct{ Code string }
	if code := apiJSON(t, other, "POST", "/api/v1/pay/claims", map[string]any{"epoch": epoch, "account": payer}, &e); code != 409 || e.Code != "already_claimed" {
		t.Fatalf("second claim: %d %+v, want 409 already_claimed", code, e)
	}
}

func balanceDelta(t *testing.T, eth *ethclient.Client, block *big.Int, addr common.Address) *big.Int {
	t.Helper()
	ctx := context.Background()
	a, err := eth.BalanceAt(ctx, addr, block)
	if err != nil {
		t.Fatal(err)
	}
	b, err := eth.BalanceAt(ctx, addr, new(big.Int).Sub(block, big.NewInt(1)))
	if err != nil {
		t.Fatal(err)
	}
	return a.Sub(a, b)
}
