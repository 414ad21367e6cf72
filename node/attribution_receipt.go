package node

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"

	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/chain"
	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/node/payments"
)

// ErrNoTokens reports a usage record with neither prompt nor output
// tokens: there is nothing to bill.
var ErrNoTokens = errors.New("node: usage without tokens")

// adapterShare is the part of the model share that a request's adapters
// get together (split by their ensemble weights), in parts per million;
// the base model's owner keeps the rest. A LoRA adapter is a small delta
// on a base that did most of the learning, hence an even split.
const adapterShare = attribution.WeightScale / 2

// build turns a usage record into a signed receipt; pr, when not nil, is
// the request's payment, which stamps and charges it.
func (a *attrService) build(ctx context.Context, u gpu.Usage, pr *payments.Paid, now time.Time) (*attribution.Receipt, error) {
	if u.PromptTokens <= 0 && u.OutputTokens <= 0 {
		return nil, fmt.Errorf("%w: request %s", ErrNoTokens, u.RequestID)
	}
	self := a.n.home.Account.Address()
	prices := a.n.cfg.GPU.Prices()
	bcid := u.BaseCID
	if bcid == "" {
		bcid = a.n.modelCID(u.Base)
	}
	r := &attribution.Receipt{
		Version: attribution.ReceiptVersion, Epoch: a.n.epochOf(now.UnixMilli()), RequestID: u.RequestID,
		Base:       attribution.Model{CID: bcid, Owner: a.owner(ctx, bcid, self)},
		PromptHash: tokenHash(u.PromptIDs), OutputHash: tokenHash(u.OutputIDs),
		PromptTokens: uint32(max(u.PromptTokens, 0)), OutputTokens: uint32(max(u.OutputTokens, 0)),
		// A paid request's receipt is stamped with its authorization
		// (payer, digest, epoch, prices) below; a free one keeps Payer and
		// Auth zero and is paid nothing at settlement.
		Operator: self, PromptPrice: prices.Prompt, OutputPrice: prices.Output, Time: now.UnixMilli(),
	}
	if r.RequestID == "" {
		r.RequestID = fmt.Sprintf("req-%d", now.UnixNano())
	}
	r.Adapters = a.adapters(ctx, u.Adapters, self)
	if a.index != nil && len(u.OutputIDs) > 0 {
		recs, err := a.index.records(u.OutputIDs)
		if err != nil {
			a.log.Warn("receipts: span attribution", "request", u.RequestID, "err", err)
		}
		r.Records = recs
	}
	if a.index != nil && len(u.PromptIDs) > 0 {
		r.Citations = a.index.citations(u.PromptIDs)
		r.Records = a.index.creditCitations(r.Records, r.Citations)
	}
	if a.index != nil {
		// Records that trained the adapters (Model Factory provenance).
		r.Records = a.index.creditTraining(r.Records, a.trainingRecords(u.Adapters), r.RequestID)
	}
	fee, err := attribution.Fee(r.PromptTokens, r.OutputTokens, r.PromptPrice, r.OutputPrice)
	if err != nil {
		return nil, err
	}
	r.Fee = fee
	if pr != nil {
		if err := a.n.payments().Charge(pr, r); err != nil {
			return nil, fmt.Errorf("pay: charge request %s: %w", u.RequestID, err)
		}
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	if err := r.Sign(a.n.home.Account); err != nil {
		return nil, err
	}
	return r, nil
}

// adapters converts a request's ensemble into receipt adapters: together
// they get adapterShare, split by their weights; sorted by CID, merged.
func (a *attrService) adapters(ctx context.Context, use []gpu.AdapterUse, self common.Address) []attribution.Adapter {
	var total float64
	w := map[string]float64{}
	for _, ad := range use {
		if _, err := cid.Decode(ad.CID); err != nil || ad.Weight <= 0 {
			continue
		}
		w[ad.CID] += float64(ad.Weight)
		total += float64(ad.Weight)
	}
	if total == 0 {
		return nil
	}
	out := make([]attribution.Adapter, 0, len(w))
	for c, x := range w {
		out = append(out, attribution.Adapter{CID: c, Owner: a.owner(ctx, c, self), Weight: uint32(x / total * adapterShare)})
	}
	slices.SortFunc(out, func(x, y attribution.Adapter) int { return strings.Compare(x.CID, y.CID) })
	if len(out) > attribution.MaxAdapters {
		out = out[:attribution.MaxAdapters]
	}
	return out
}

// owner is the registry owner of a model or adapter CID (asset ID =
// keccak256 of the CID's bytes), or fallback when there is no chain or the
// asset is not registered.
func (a *attrService) owner(ctx context.Context, cidStr string, fallback common.Address) common.Address {
	if !a.chain.Enabled() || a.chain.Addresses().Registry == (common.Address{}) {
		return fallback
	}
	c, err := cid.Decode(cidStr)
	if err != nil {
		return fallback
	}
	if o, ok := a.owners.get(cidStr); ok {
		return o
	}
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	as, err := a.chain.Asset(cctx, AssetID(c))
	if err != nil || as.Owner == (common.Address{}) {
		return fallback
	}
	a.owners.put(cidStr, as.Owner)
	return as.Owner
}

// AssetID is the registry ID of a model or adapter: keccak256 of its CID
// bytes.
func AssetID(c cid.Cid) [32]byte { return crypto.Keccak256Hash(c.Bytes()) }

// newOwnerCache remembers registry owners (registration rarely changes),
// one cache per attribution service: a process may run nodes on different
// chains (tests), where one CID has different owners.
func newOwnerCache() *addrCache { return &addrCache{m: map[string]common.Address{}} }

type addrCache struct {
	mu sync.Mutex
	m  map[string]common.Address
}

func (c *addrCache) get(k string) (common.Address, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

func (c *addrCache) put(k string, v common.Address) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) > 4096 {
		clear(c.m)
	}
	c.m[k] = v
}

// tokenHash is keccak256 over the little-endian int32 token IDs
// (payments.TokenHash).
func tokenHash(ids []int32) [32]byte { return payments.TokenHash(ids) }

// baseCID is the name-derived identity of a base model whose weights
// this node does not hold (nameCID of "provenet-base/1\n" + name): the
// Model Factory on a node without the inference role names its base so.
// A served base is identified by its weights (engine.BaseCID).
func baseCID(name string) string { return nameCID("provenet-base/1\n" + name) }

// modelCID is the CID of the base model called name: the CID of its
// weight files when this node serves it, else baseCID(name).
func (n *Node) modelCID(name string) string {
	if n.infer != nil && n.infer.base == name && n.infer.baseCID != "" {
		return n.infer.baseCID
	}
	return baseCID(name)
}

// registerBase registers the served base model on chain as an asset
// owned by this node's account, by the CID of its weights, unless it is
// registered already. Receipts name the same CID, so the registry says who
// owns the weights that produced an answer.
func (a *attrService) registerBase(ctx context.Context) {
	if a.chain == nil || !a.chain.Enabled() || a.n.infer == nil {
		return
	}
	c, err := cid.Decode(a.n.infer.baseCID)
	if err != nil {
		return
	}
	id := AssetID(c)
	if _, err := a.chain.Asset(ctx, id); err == nil {
		return
	} else if !errors.Is(err, chain.ErrNotFound) {
		a.log.Warn("register base model", "cid", c, "err", err)
		return
	}
	as := chain.Asset{ID: id, Owner: a.n.home.Account.Address(), Kind: chain.KindModel, CID: c.Bytes()}
	if _, err := a.chain.RegisterAsset(ctx, as); err != nil {
		a.log.Warn("register base model", "cid", c, "err", err)
		return
	}
	a.log.Info("base model registered", "name", a.n.infer.base, "cid", c)
}

// nameCID is a CIDv1 (raw, sha2-256) over s.
func nameCID(s string) string {
	sum := sha256.Sum256([]byte(s))
	mh, _ := multihash.Encode(sum[:], multihash.SHA2_256)
	return cid.NewCidV1(cid.Raw, mh).String()
}

// IssueReceipt issues (or returns, for a request already receipted) the
// receipt of a finished request. It is the hook for the OpenAI handler's
// Extra and for tests.
func (n *Node) IssueReceipt(ctx context.Context, u gpu.Usage) (attribution.ReceiptID, error) {
	a := n.attr
	if a == nil {
		return attribution.ReceiptID{}, ErrAttributionDisabled
	}
	_, id, err := a.issue(ctx, u)
	return id, err
}

// ReceiptExtra is meant for openai.Options.Extra: the x_provenet object of
// a finished request, {"receipt_id", "records"}; nil when no receipt.
func (n *Node) ReceiptExtra(u *gpu.Usage) any {
	a := n.attr
	if a == nil || u == nil {
		return nil
	}
	r, id, err := a.issue(context.Background(), *u)
	if err != nil {
		return nil
	}
	out := map[string]any{"receipt_id": id.String()}
	if r != nil && r.Payer != (common.Address{}) {
		out["payer"] = r.Payer.Hex()
		out["fee"] = strconv.FormatUint(r.Fee, 10) // wei
	}
	if r != nil && len(r.Records) > 0 {
		out["records"] = r.Records
	}
	if r != nil && len(r.Citations) > 0 {
		out["citations"] = r.Citations
	}
	return out
}
