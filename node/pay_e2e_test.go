package node

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/chain"
	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/gpu/engine"
	"github.com/provenet/provenet/gpu/gguf"
	gpumodel "github.com/provenet/provenet/gpu/model"
	"github.com/provenet/provenet/internal/realdata"
	"github.com/provenet/provenet/pay"
)

// payNet is a dev chain with the escrow, a dev DA server and three nodes:
// node 0 serves inference (the operator), node 1 is an edge node whose
// account pays and contributes data, node 2 aggregates and settles.
type payNet struct {
	dc    *chain.DevChain
	eth   *ethclient.Client
	nodes []*Node
	admin *chain.Client
}

func startPayNet(t *testing.T, epoch time.Duration, opts ...func(i int, cfg *Config)) *payNet {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	homes, dc, srv := startChainAndDA(ctx, t, 3)
	admin, err := chain.NewClient(ctx, dc.InProc(), dc.Config(), dc.Keys()[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	agg := homes[2].Account.Address()
	if _, err := admin.SetAggregator(ctx, agg, true); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.SetSettler(ctx, agg); err != nil {
		t.Fatal(err)
	}
	op, err := chain.NewClient(ctx, dc.InProc(), dc.Config(), homes[0].Account.PrivateKey(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := op.RegisterOperator(ctx, []byte(homes[0].PeerID()), big.NewInt(2000)); err != nil {
		t.Fatal(err)
	}
	mdir := t.TempDir()
	model := filepath.Join(mdir, "stories15m.gguf")
	if err := engine.WriteRandomGGUF(model, gpumodel.Stories15M(), 1, gguf.TypeF16); err != nil {
		t.Fatal(err)
	}
	ad := gpumodel.RandomAdapter(gpumodel.Stories15M(), "", 8, 16, []gpumodel.Module{gpumodel.Q, gpumodel.V}, 2)
	if err := gpumodel.SavePEFT(filepath.Join(mdir, "adapters", "tales"), ad, "stories15m"); err != nil {
		t.Fatal(err)
	}
	cc := dc.Config()
	pn := &payNet{dc: dc, admin: admin}
	for i, h := range homes {
		cfg := workConfig()
		cfg.GPU.Free = false // every request pays
		cfg.Tasks.EpochLength = Duration(epoch)
		cfg.Chain = ChainConfig{RPCURL: cc.RPCURL, ChainID: cc.ChainID, Registry: cc.Registry.Hex(), Anchor: cc.Anchor.Hex(),
			Claims: cc.Claims.Hex(), Escrow: cc.Escrow.Hex()}
		cfg.DA = DAConfig{URL: srv.URL(), Timeout: Duration(30 * time.Second)}
		cfg.Attribution.IndexInterval = Duration(200 * time.Millisecond)
		cfg.Attribution.CloseGrace = Duration(time.Second)
		switch i {
		case 0:
			cfg.GPU.Enabled, cfg.GPU.Model, cfg.GPU.KVTokens = true, model, 4096
			cfg.GPU.Adapters = filepath.Join(mdir, "adapters")
			cfg.GPU.PromptPricePer1k, cfg.GPU.OutputPricePer1k = 3_000_000_000_000, 7_000_000_000_000
		case 2:
			cfg.Attribution.Aggregator = true
		}
		for _, o := range opts {
			o(i, &cfg)
		}
		pn.nodes = append(pn.nodes, startNodeWith(t, cfg, h, Options{}))
	}
	connect(t, pn.nodes[1], pn.nodes[0])
	connect(t, pn.nodes[2], pn.nodes[0])
	connect(t, pn.nodes[2], pn.nodes[1])
	waitWorkers(t, pn.nodes, 3)
	eth, err := ethclient.Dial(cc.RPCURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(eth.Close)
	pn.eth = eth
	return pn
}

// client is a chain client of node i's account.
func (pn *payNet) client(t *testing.T, i int) *chain.Client {
	t.Helper()
	cc, err := pn.nodes[i].cfg.ChainClientConfig()
	if err != nil {
		t.Fatal(err)
	}
	c, err := chain.NewClient(context.Background(), pn.dc.InProc(), cc, pn.nodes[i].Home().Account.PrivateKey(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// balanceDelta is addr's ETH balance change in the block that mined tx.
func (pn *payNet) balanceDelta(t *testing.T, tx string, addr common.Address) *big.Int {
	t.Helper()
	ctx := context.Background()
	r, err := pn.eth.TransactionReceipt(ctx, common.HexToHash(tx))
	if err != nil {
		t.Fatal(err)
	}
	after, err := pn.eth.BalanceAt(ctx, addr, r.BlockNumber)
	if err != nil {
		t.Fatal(err)
	}
	before, err := pn.eth.BalanceAt(ctx, addr, new(big.Int).Sub(r.BlockNumber, big.NewInt(1)))
	if err != nil {
		t.Fatal(err)
	}
	return new(big.Int).Sub(after, before)
}

// apiDo sends a request with the node's API token and decodes the JSON
// answer into out; it returns the status.
func apiDo(t *testing.T, nd *Node, method, path string, body, out any) int {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, nd.APIURL()+path, rd)
	req.Header.Set("Authorization", "Bearer "+nd.Home().Token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %d %s: %v", method, path, resp.StatusCode, b, err)
		}
	}
	return resp.StatusCode
}

// completion posts an OpenAI completion of the base with an API key and
// returns the status and the decoded body.
func completion(t *testing.T, nd *Node, key, prompt string, maxTokens int) (int, map[string]any) {
	t.Helper()
	return completionOf(t, nd, key, "stories15m", prompt, maxTokens)
}

func completionOf(t *testing.T, nd *Node, key, model, prompt string, maxTokens int) (int, map[string]any) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"model": model, "prompt": prompt, "max_tokens": maxTokens, "temperature": 0})
	req, _ := http.NewRequest(http.MethodPost, nd.APIURL()+"/v1/completions", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// waitEpochStart sleeps until at least room is left in the current epoch.
func waitEpochStart(nd *Node, room time.Duration) {
	now := nd.clock.Now()
	if end := nd.epochEnd(nd.CurrentEpoch()); end.Sub(now) < room {
		time.Sleep(end.Sub(now) + 50*time.Millisecond)
	}
}

// The payment protocol end to end: an edge node's user deposits and
// creates an API key; a completion routed to the GPU node is authorised,
// capped, served, receipted and paid with a voucher; the aggregator
// settles the epoch on the escrow; the operator's payout and the model
// owner's and data contributor's claims move exactly their split of the
// fee, to the wei, and a second claim fails.
func TestPaidInferenceSettles(t *testing.T) {
	// The adapter has prices of its own, above the operator's flat ones.
	const adapterPrompt, adapterOutput = 5_000_000_000_000, 11_000_000_000_000
	pn := startPayNet(t, 8*time.Second, func(i int, cfg *Config) {
		if i == 0 {
			cfg.GPU.ModelPrices = map[string]ModelPrice{"tales": {Prompt: adapterPrompt, Output: adapterOutput}}
		}
	})
	gpuNode, edge, agg := pn.nodes[0], pn.nodes[1], pn.nodes[2]
	ctx := context.Background()

	// A golden record of the edge's account, which the prompt will cite.
	d := quipsDatanet(t, pn.nodes, "paid")
	text := "The quick brown fox jumps over the lazy dog while the cat sleeps by the warm fire all night long."
	res, err := edge.SubmitRecords(ctx, d.ID(), []SubmitRecord{{Content: text, Label: "art"}})
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, 30*time.Second, "record golden", finalState(t, pn.nodes, []string{res[0].CID}, datanet.StateGolden))
	if err := gpuNode.attr.index.refresh(false); err != nil {
		t.Fatal(err)
	}

	// The adapter "tales" belongs to the aggregator's account: it
	// registers the adapter's CID on chain.
	var adapterCID string
	for _, m := range gpuNode.infer.eng.Models() {
		if m.ID == "tales" {
			adapterCID = m.CID
		}
	}
	ac, err := cid.Decode(adapterCID)
	if err != nil {
		t.Fatalf("adapter CID %q: %v", adapterCID, err)
	}
	bc, err := cid.Decode(gpuNode.modelCID("stories15m"))
	if err != nil {
		t.Fatal(err)
	}
	adapterOwner := agg.Home().Account.Address()
	if _, err := pn.client(t, 2).RegisterAsset(ctx, chain.Asset{ID: AssetID(ac), Owner: adapterOwner, Kind: chain.KindAdapter,
		BaseID: AssetID(bc), CID: ac.Bytes()}); err != nil {
		t.Fatal(err)
	}

	// Without funds or a key: refused before any token.
	if code, _ := completion(t, edge, "", text, 4); code != http.StatusUnauthorized {
		t.Fatalf("no key: %d, want 401", code)
	}
	var created APIKeyCreated
	if code := apiDo(t, edge, "POST", "/api/v1/pay/keys", map[string]string{"label": "app"}, &created); code != http.StatusCreated {
		t.Fatalf("create key: %d", code)
	}
	eventually(t, 10*time.Second, "GPU ad with prices", func() bool {
		_, ad, ok := edge.pickGPUPeer("stories15m")
		return ok && ad.Operator != "" && ad.pricesOf("tales").Output == adapterOutput && ad.pricesOf("stories15m").Output == 7_000_000_000_000
	})
	usageBefore := len(gpuNode.infer.recent())
	code, body := completion(t, edge, created.Key, text, 4)
	if code != http.StatusPaymentRequired || !strings.Contains(jsonString(body), "insufficient_funds") {
		t.Fatalf("unfunded key: %d %v, want 402 insufficient_funds", code, body)
	}
	if len(gpuNode.infer.recent()) != usageBefore {
		t.Fatal("an unfunded request generated tokens")
	}

	// Deposit, then a paid request routed edge -> GPU node.
	payer := edge.Home().Account.Address()
	if code := apiDo(t, edge, "POST", "/api/v1/pay/deposit", map[string]string{"amount_wei": "10000000000000000"}, nil); code != http.StatusOK {
		t.Fatalf("deposit: %d", code)
	}
	pc := pn.client(t, 1)
	balBefore, _, _, err := pc.EscrowBalance(ctx, payer)
	if err != nil {
		t.Fatal(err)
	}
	waitEpochStart(edge, 5*time.Second)
	// The prompt cites the record (RAG's source tag), which credits it;
	// the model is the adapter, whose owner gets part of the model share.
	code, body = completionOf(t, edge, created.Key, "tales", "[source "+res[0].CID+"] "+text, 5)
	if code != http.StatusOK {
		t.Fatalf("paid completion: %d %v", code, body)
	}
	xp, _ := body["x_provenet"].(map[string]any)
	if xp == nil || xp["payer"] != payer.Hex() || xp["fee"] == nil || xp["receipt_id"] == nil {
		t.Fatalf("x_provenet %v, want receipt_id, fee and payer %s", xp, payer.Hex())
	}
	var view ReceiptView
	if code := getJSON(t, gpuNode.APIURL()+"/api/v1/receipts/"+xp["receipt_id"].(string), &view); code != 200 {
		t.Fatalf("receipt: %d", code)
	}
	r := view.Receipt
	if r.Payer != payer || r.Auth == (common.Hash{}).Hex() || r.PromptPrice != adapterPrompt || r.OutputPrice != adapterOutput {
		t.Fatalf("receipt payment fields %+v", r)
	}
	wantFee, _ := pay.Fee(r.PromptTokens, r.OutputTokens, pay.Prices{Prompt: r.PromptPrice, Output: r.OutputPrice})
	if r.Fee != wantFee || xp["fee"] != itoa(wantFee) || r.OutputTokens == 0 || r.OutputTokens > 5 {
		t.Fatalf("fee %d (x_provenet %v) for %d+%d tokens, want %d", r.Fee, xp["fee"], r.PromptTokens, r.OutputTokens, wantFee)
	}
	if len(r.Records) == 0 || r.Records[0].Contributor != payer {
		t.Fatalf("receipt records %+v: the cited golden record should be credited", r.Records)
	}
	if len(r.Adapters) != 1 || r.Adapters[0].Owner != adapterOwner || r.Base.Owner != gpuNode.Home().Account.Address() {
		t.Fatalf("receipt models: base %+v, adapters %+v; want the base the operator's and the adapter %s's", r.Base, r.Adapters, adapterOwner.Hex())
	}

	// The aggregator settles the epoch.
	var info *SettlementInfo
	eventually(t, 40*time.Second, "epoch settled", func() bool {
		s, err := agg.attr.store.Settlement(r.Epoch)
		info = s
		return err == nil && s.Status == SettlementSettled
	})
	if len(info.Redemptions) != 1 || info.Redemptions[0].Charge != r.Fee || info.Redemptions[0].Payer != payer {
		t.Fatalf("redemptions %+v, want one charge of %d", info.Redemptions, r.Fee)
	}
	balAfter, _, _, err := pc.EscrowBalance(ctx, payer)
	if err != nil {
		t.Fatal(err)
	}
	if d := new(big.Int).Sub(balBefore, balAfter); d.Cmp(new(big.Int).SetUint64(r.Fee)) != 0 {
		t.Fatalf("payer's escrow fell by %v, want the fee %d", d, r.Fee)
	}
	// What each role gets is the receipt's split.
	want := map[string]map[common.Address]uint64{"operator": {}, "claims": {}}
	for _, p := range view.Payouts {
		role := "claims"
		if p.Role == "operator" {
			role = "operator"
		}
		want[role][common.HexToAddress(p.Address)] += p.Amount
	}
	if len(info.Payouts) != 1 || info.Payouts[0].Account != gpuNode.Home().Account.Address() ||
		info.Payouts[0].Amount != want["operator"][info.Payouts[0].Account] {
		t.Fatalf("payouts %+v, want %v", info.Payouts, want["operator"])
	}
	if d := pn.balanceDelta(t, info.FinalizeTx, info.Payouts[0].Account); d.Uint64() != info.Payouts[0].Amount {
		t.Fatalf("operator's balance rose by %v at finalize, want %d", d, info.Payouts[0].Amount)
	}
	for _, c := range info.Claims {
		if want["claims"][c.Account] != c.Amount {
			t.Fatalf("claim %s %d, want %d (%+v)", c.Account.Hex(), c.Amount, want["claims"][c.Account], view.Payouts)
		}
	}
	for who, addr := range map[string]common.Address{"data contributor": payer, "base owner": gpuNode.Home().Account.Address(), "adapter owner": adapterOwner} {
		if _, ok := want["claims"][addr]; !ok {
			t.Fatalf("claims %+v: no claim of the %s %s", info.Claims, who, addr.Hex())
		}
	}
	if len(info.Claims) != 3 {
		t.Fatalf("claims %+v: want the base owner's, the adapter owner's and the data contributor's", info.Claims)
	}

	// Claims: the settlement reached the edge by gossip; the edge sends the
	// model owner's claim, the aggregator the data contributor's, so that
	// each claimant's balance moves by exactly its amount.
	eventually(t, 10*time.Second, "settlement gossiped", func() bool {
		_, err := edge.attr.store.Settlement(r.Epoch)
		return err == nil
	})
	for _, c := range info.Claims {
		sender := edge
		if c.Account == payer {
			sender = agg
		}
		var out struct {
			Tx string `json:"tx"`
		}
		if code := apiDo(t, sender, "POST", "/api/v1/pay/claims", map[string]any{"epoch": r.Epoch, "account": c.Account}, &out); code != 200 {
			t.Fatalf("claim for %s: %d", c.Account.Hex(), code)
		}
		if d := pn.balanceDelta(t, out.Tx, c.Account); d.Uint64() != c.Amount {
			t.Fatalf("claimant %s got %v, want %d", c.Account.Hex(), d, c.Amount)
		}
		var e apiError
		if code := apiDo(t, sender, "POST", "/api/v1/pay/claims", map[string]any{"epoch": r.Epoch, "account": c.Account}, &e); code != http.StatusConflict || e.Code != "already_claimed" {
			t.Fatalf("second claim: %d %+v, want 409 already_claimed", code, e)
		}
	}
	var earn Earnings
	if code := apiDo(t, gpuNode, "GET", "/api/v1/earnings", nil, &earn); code != 200 || earn.OperatorPaid != itoa(info.Payouts[0].Amount) || earn.Claimable != "0" {
		t.Fatalf("earnings %d %+v", code, earn)
	}
	_ = attribution.WeightScale

	// The payment counters, as Prometheus's own linter reads them.
	opMetrics := promtoolCheck(t, gpuNode)
	if !strings.Contains(opMetrics, `provenet_pay_revenue_wei_total{role="charged"}`) {
		t.Errorf("operator metrics lack the charged revenue:\n%s", grepLines(opMetrics, "provenet_pay"))
	}
	aggMetrics := promtoolCheck(t, agg)
	if !strings.Contains(aggMetrics, `provenet_pay_settlements_total{result="settled"} 1`) {
		t.Errorf("aggregator metrics lack the settlement:\n%s", grepLines(aggMetrics, "provenet_pay"))
	}
	edgeMetrics := promtoolCheck(t, edge)
	if !strings.Contains(edgeMetrics, `provenet_pay_rejections_total{reason="no_funds"}`) {
		t.Errorf("edge metrics lack the unfunded refusal:\n%s", grepLines(edgeMetrics, "provenet_pay"))
	}
}

// promtoolCheck fetches nd's /metrics and lints it with promtool check
// metrics (from Debian's prometheus, which make testdata extracts); it
// returns the exposition. Without promtool it skips the lint, except in CI.
func promtoolCheck(t *testing.T, nd *Node) string {
	t.Helper()
	resp, err := http.Get(nd.APIURL() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	tool, err := realdata.Find(realdata.Promtool)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Logf("no promtool, /metrics not linted: %v", err)
		return string(body)
	}
	cmd := exec.Command(tool, "check", "metrics")
	cmd.Stdin = bytes.NewReader(body)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("promtool check metrics on %s: %v\n%s", nd.APIURL(), err, out)
	}
	return string(body)
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
