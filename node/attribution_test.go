package node

import (
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/chain"
	"github.com/provenet/provenet/chain/da"
	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/gpu/engine"
	"github.com/provenet/provenet/gpu/gguf"
	gpumodel "github.com/provenet/provenet/gpu/model"
)

// anchorNet is a dev chain, a dev DA server and three work nodes wired to
// them: node 0 serves inference and aggregates, nodes 1 and 2 validate.
type anchorNet struct {
	dc    *chain.DevChain
	da    *da.Server
	nodes []*Node
}

// startChainAndDA makes n homes and starts a dev chain funding their
// accounts and a dev DA server, both stopped at cleanup.
func startChainAndDA(ctx context.Context, t *testing.T, n int) ([]*Home, *chain.DevChain, *da.Server) {
	t.Helper()
	homes := make([]*Home, n)
	var fund []common.Address
	for i := range homes {
		h, err := Init(t.TempDir(), workConfig(), false)
		if err != nil {
			t.Fatal(err)
		}
		homes[i], fund = h, append(fund, h.Account.Address())
	}
	dcc := chain.DefaultDevChainConfig()
	dcc.Fund = fund
	dc, err := chain.NewDevChain(dcc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := dc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = dc.Stop(context.Background()) })
	scfg := da.DefaultServerConfig()
	scfg.Dir = t.TempDir()
	srv, err := da.NewServer(scfg, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Stop(context.Background()) })
	return homes, dc, srv
}

func startAnchorNet(t *testing.T, epoch time.Duration) *anchorNet {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	homes, dc, srv := startChainAndDA(ctx, t, 3)

	admin, err := chain.NewClient(ctx, dc.InProc(), dc.Config(), dc.Keys()[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.SetAggregator(ctx, homes[0].Account.Address(), true); err != nil {
		t.Fatal(err)
	}
	op, err := chain.NewClient(ctx, dc.InProc(), dc.Config(), homes[0].Account.PrivateKey(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := op.RegisterOperator(ctx, []byte(homes[0].PeerID()), big.NewInt(2000)); err != nil {
		t.Fatal(err)
	}

	model := filepath.Join(t.TempDir(), "stories15m.gguf")
	if err := engine.WriteRandomGGUF(model, gpumodel.Stories15M(), 1, gguf.TypeF16); err != nil {
		t.Fatal(err)
	}
	cc := dc.Config()
	an := &anchorNet{dc: dc, da: srv}
	for i, h := range homes {
		cfg := workConfig()
		cfg.Tasks.EpochLength = Duration(epoch)
		cfg.Chain = ChainConfig{RPCURL: cc.RPCURL, ChainID: cc.ChainID, Registry: cc.Registry.Hex(), Anchor: cc.Anchor.Hex(), Claims: cc.Claims.Hex()}
		cfg.DA = DAConfig{URL: srv.URL(), Timeout: Duration(30 * time.Second)}
		cfg.Attribution.IndexInterval = Duration(200 * time.Millisecond)
		cfg.Attribution.CloseGrace = Duration(300 * time.Millisecond)
		if i == 0 {
			cfg.Attribution.Aggregator = true
			cfg.GPU.Enabled, cfg.GPU.Model, cfg.GPU.KVTokens, cfg.GPU.PricePer1k = true, model, 4096, 2_000_000_000_000
		}
		an.nodes = append(an.nodes, startNodeWith(t, cfg, h, Options{}))
	}
	for i := 1; i < 3; i++ {
		connect(t, an.nodes[i], an.nodes[0])
	}
	connect(t, an.nodes[2], an.nodes[1])
	waitWorkers(t, an.nodes, 3)
	return an
}

func getJSON(t *testing.T, url string, out any) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return resp.StatusCode
}

func hashes(t *testing.T, hs []string) [][32]byte {
	out := make([][32]byte, len(hs))
	for i, h := range hs {
		out[i] = common.HexToHash(h)
	}
	return out
}

// TestReceiptsAnchorAndClaim: a record becomes golden; the GPU node issues
// a receipt for an answer that repeats the record (built directly from a
// usage record, since random weights repeat nothing) and one for a real
// request through the engine; the receipts gossip to the other nodes; the
// aggregator closes the epoch, posts the batch to DA and anchors it; the
// batch round-trips against its commitment and the anchored roots; proofs
// verify on chain; the record's contributor claims once, and a second
// claim fails with AlreadyClaimed.
func TestReceiptsAnchorAndClaim(t *testing.T) {
	an := startAnchorNet(t, 4*time.Second)
	gpuNode, contrib, other := an.nodes[0], an.nodes[1], an.nodes[2]
	ctx := context.Background()
	d := quipsDatanet(t, an.nodes, "attrib")
	text := "The quick brown fox jumps over the lazy dog while the cat sleeps by the warm fire all night long."
	res, err := contrib.SubmitRecords(ctx, d.ID(), []SubmitRecord{{Content: text, Label: "art"}})
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, 30*time.Second, "record golden", finalState(t, an.nodes, []string{res[0].CID}, datanet.StateGolden))

	a := gpuNode.attr
	if err := a.index.refresh(false); err != nil {
		t.Fatal(err)
	}
	toks := a.index.Tokens(text)
	u := gpu.Usage{RequestID: "direct-1", Base: "stories15m", PromptTokens: 3, PromptIDs: []int32{1, 2, 3},
		OutputTokens: len(toks), OutputIDs: toks}
	id, err := gpuNode.IssueReceipt(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	var view ReceiptView
	if code := getJSON(t, gpuNode.APIURL()+"/api/v1/receipts/"+id.String(), &view); code != 200 {
		t.Fatalf("receipt: %d", code)
	}
	r := view.Receipt
	if len(r.Records) != 1 || r.Records[0].CID != res[0].CID || r.Records[0].Contributor != contrib.Home().Account.Address() ||
		r.Records[0].Weight != attribution.WeightScale {
		t.Fatalf("receipt records %+v, want the golden record at full weight", r.Records)
	}
	var dataPaid uint64
	for _, p := range view.Payouts {
		if p.Role == "data" && p.Address == contrib.Home().Account.Address().Hex() {
			dataPaid = p.Amount
		}
	}
	if r.Fee == 0 || dataPaid != r.Fee*3/10 {
		t.Fatalf("fee %d, data payout %d: %+v", r.Fee, dataPaid, view.Payouts)
	}

	// One real request through the engine and the OpenAI API.
	body := `{"model":"stories15m","prompt":"Once upon a time","max_tokens":6,"temperature":0}`
	resp, err := http.Post(gpuNode.APIURL()+"/v1/completions", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("completion: %d", resp.StatusCode)
	}
	var realID attribution.ReceiptID
	eventually(t, 10*time.Second, "receipt of the real request", func() bool {
		us := gpuNode.infer.recent()
		if len(us) == 0 {
			return false
		}
		a.mu.Lock()
		defer a.mu.Unlock()
		var ok bool
		realID, ok = a.byReq[us[len(us)-1].RequestID]
		return ok
	})
	for _, rid := range []attribution.ReceiptID{id, realID} {
		eventually(t, 10*time.Second, "receipts gossiped", func() bool { return other.attr.store.has(rid) && contrib.attr.store.has(rid) })
	}

	// The aggregator closes and anchors the receipt's epoch.
	var info EpochInfo
	eventually(t, 30*time.Second, "epoch anchored", func() bool {
		e, err := a.store.epoch(r.Epoch)
		if err == nil {
			info = *e
		}
		return err == nil && e.Status != EpochFailed
	})
	if info.Status != EpochAnchored || info.Receipts < 1 || info.TxHash == "" {
		t.Fatalf("epoch %+v", info)
	}
	cc, _ := gpuNode.cfg.ChainClientConfig()
	reader, err := chain.NewClient(ctx, an.dc.InProc(), cc, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := reader.Epoch(ctx, r.Epoch)
	if err != nil || common.Hash(rec.ReceiptsRoot).Hex() != info.ReceiptsRoot || common.Hash(rec.PointsRoot).Hex() != info.PointsRoot {
		t.Fatalf("anchored %+v %v, want %+v", rec, err, info)
	}
	// The DA batch round-trips with a valid commitment and the anchored roots.
	com, err := reader.DACommitment(ctx, r.Epoch)
	if err != nil || hexutil.Encode(com) != info.DACommitment {
		t.Fatalf("commitment %x %v", com, err)
	}
	dc, err := da.DecodeCommitment(com, da.ModeOptimismGeneric)
	if err != nil {
		t.Fatal(err)
	}
	batch, err := a.fetchBatch(ctx, dc)
	if err != nil {
		t.Fatal(err)
	}
	b, er, pt, err := decodeBatch(batch)
	if err != nil || er == nil || er.Root != rec.ReceiptsRoot || pt.root != rec.PointsRoot || len(b.Receipts) != info.Receipts {
		t.Fatalf("batch: %v", err)
	}

	// Receipt proofs verify on chain, from the aggregator and from a node
	// that rebuilds the epoch from chain and DA.
	for _, nd := range []*Node{gpuNode, other} {
		var pr ReceiptProof
		if code := getJSON(t, nd.APIURL()+"/api/v1/receipts/"+id.String()+"/proof", &pr); code != 200 {
			t.Fatalf("proof: %d %+v", code, pr)
		}
		ok, err := reader.VerifyReceipt(ctx, r.Epoch, common.HexToHash(pr.Leaf), hashes(t, pr.Proof))
		if err != nil || !ok || !attribution.VerifyReceiptProof(rec.ReceiptsRoot, id, r.Operator, r.Epoch, r.Fee, hashes(t, pr.Proof)) {
			t.Fatalf("receipt proof from %s does not verify: %v %+v", nd.APIURL(), err, pr)
		}
	}

	// A node that never closed or fetched the epoch lists it from the chain
	// and DA, with its roots, DA commitment and anchor transaction.
	var list EpochsInfo
	if code := getJSON(t, contrib.APIURL()+"/api/v1/epochs", &list); code != 200 {
		t.Fatalf("epochs on the contributor: %d", code)
	}
	var listed *EpochInfo
	for _, e := range list.Epochs {
		if e.Epoch == r.Epoch {
			listed = e
		}
	}
	if listed == nil || listed.TxHash != info.TxHash || listed.DACommitment != info.DACommitment ||
		listed.ReceiptsRoot != info.ReceiptsRoot || listed.PointsRoot != info.PointsRoot {
		t.Fatalf("contributor lists epoch %d as %+v, want %+v", r.Epoch, listed, info)
	}

	// The contributor claims its points of the anchored epoch.
	var pp PointsProof
	addr := contrib.Home().Account.Address().Hex()
	if code := getJSON(t, gpuNode.APIURL()+"/api/v1/points/proof?epoch="+itoa(r.Epoch)+"&address="+addr, &pp); code != 200 {
		t.Fatalf("points proof: %d %+v", code, pp)
	}
	claimer, err := chain.NewClient(ctx, an.dc.InProc(), cc, contrib.Home().Account.PrivateKey(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := claimer.Claim(ctx, r.Epoch, new(big.Int).SetUint64(pp.Cumulative), hashes(t, pp.Proof)); err != nil {
		t.Fatalf("claim: %v", err)
	}
	if got, err := claimer.Claimed(ctx, contrib.Home().Account.Address()); err != nil || got.Uint64() != pp.Cumulative || pp.Cumulative == 0 {
		t.Fatalf("claimed %v %v, want %d", got, err, pp.Cumulative)
	}
	_, err = claimer.Claim(ctx, r.Epoch, new(big.Int).SetUint64(pp.Cumulative), hashes(t, pp.Proof))
	if !errors.Is(err, chain.ErrAlreadyClaimed) {
		t.Fatalf("second claim: %v, want AlreadyClaimed", err)
	}

	// Points score data work only: the GPU operator, which does no data
	// work here, has no points from serving (fees are money, package pay).
	var op PointsProof
	if code := getJSON(t, gpuNode.APIURL()+"/api/v1/points/proof?epoch="+itoa(r.Epoch)+"&address="+gpuNode.Home().Account.Address().Hex(), &op); code == 200 && op.Cumulative != 0 {
		t.Fatalf("operator earned points by serving: %d %+v", code, op)
	}
}

func itoa(v uint64) string { return big.NewInt(0).SetUint64(v).String() }
