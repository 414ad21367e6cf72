package node

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/chain"
	"github.com/provenet/provenet/chain/da"
)

// ErrEpochOpen reports a proof asked for an epoch this node has not
// closed, and cannot fetch from chain and DA.
var ErrEpochOpen = errors.New("node: epoch not closed (or not anchored) yet")

// ReceiptView is the body of GET /api/v1/receipts/{id}: the receipt and
// its reward split.
type ReceiptView struct {
	ID      string                  `json:"id"`
	Receipt ReceiptJSON             `json:"receipt"`
	Payouts []PayoutView            `json:"payouts"`
	Params  attribution.SplitParams `json:"split"`
}

// ReceiptJSON is a receipt with hashes and the signature in hex.
type ReceiptJSON struct {
	Epoch        uint64                 `json:"epoch"`
	RequestID    string                 `json:"request_id"`
	Base         attribution.Model      `json:"base"`
	Adapters     []attribution.Adapter  `json:"adapters,omitempty"`
	PromptHash   string                 `json:"prompt_hash"`
	OutputHash   string                 `json:"output_hash"`
	PromptTokens uint32                 `json:"prompt_tokens"`
	OutputTokens uint32                 `json:"output_tokens"`
	Records      []attribution.Record   `json:"records,omitempty"`
	Citations    []attribution.Citation `json:"citations,omitempty"`
	Operator     common.Address         `json:"operator"`
	Payer        common.Address         `json:"payer"`
	Auth         string                 `json:"auth"`
	PromptPrice  uint64                 `json:"prompt_price"`
	OutputPrice  uint64                 `json:"output_price"`
	Fee          uint64                 `json:"fee"`
	Time         int64                  `json:"time"`
	Signature    string                 `json:"signature"`
}

func receiptJSON(r *attribution.Receipt) ReceiptJSON {
	return ReceiptJSON{Epoch: r.Epoch, RequestID: r.RequestID, Base: r.Base, Adapters: r.Adapters,
		PromptHash: common.Hash(r.PromptHash).Hex(), OutputHash: common.Hash(r.OutputHash).Hex(),
		PromptTokens: r.PromptTokens, OutputTokens: r.OutputTokens, Records: r.Records, Citations: r.Citations,
		Operator: r.Operator, Payer: r.Payer, Auth: common.Hash(r.Auth).Hex(),
		PromptPrice: r.PromptPrice, OutputPrice: r.OutputPrice, Fee: r.Fee, Time: r.Time, Signature: hexutil.Encode(r.Sig)}
}

// PayoutView is one party's share of a receipt's fee.
type PayoutView struct {
	Address string `json:"address"`
	Role    string `json:"role"`
	Amount  uint64 `json:"amount"`
}

// ReceiptProof is the body of GET /api/v1/receipts/{id}/proof.
type ReceiptProof struct {
	ID           string   `json:"id"`
	Epoch        uint64   `json:"epoch"`
	Operator     string   `json:"operator"`
	Fee          uint64   `json:"fee"`
	Leaf         string   `json:"leaf"`
	Proof        []string `json:"proof"`
	ReceiptsRoot string   `json:"receipts_root"`
	Status       string   `json:"status"`
	TxHash       string   `json:"tx_hash,omitempty"`
}

// PointsProof is the body of GET /api/v1/points/proof: what
// ClaimsDistributor.claim takes.
type PointsProof struct {
	Epoch      uint64   `json:"epoch"`
	Address    string   `json:"address"`
	Cumulative uint64   `json:"cumulative_points"`
	Proof      []string `json:"proof"`
	PointsRoot string   `json:"points_root"`
	Status     string   `json:"status"`
}

func (n *Node) attrOrErr(w http.ResponseWriter) *attrService {
	if n.attr == nil {
		writeError(w, http.StatusServiceUnavailable, ErrAttributionDisabled)
	}
	return n.attr
}

// writeAttrErr answers an attribution, epoch or chain error (see apiErrors).
func writeAttrErr(w http.ResponseWriter, err error) { writeErr(w, err) }

func parseReceiptID(s string) (attribution.ReceiptID, error) {
	var id attribution.ReceiptID
	b, err := hexutil.Decode(s)
	if err != nil || len(b) != len(id) {
		return id, badRequest("receipt id %q: want 0x and 64 hex digits", s)
	}
	copy(id[:], b)
	return id, nil
}

func (n *Node) getReceipt(w http.ResponseWriter, r *http.Request) {
	a := n.attrOrErr(w)
	if a == nil {
		return
	}
	id, err := parseReceiptID(r.PathValue("id"))
	if err != nil {
		writeErr(w, err)
		return
	}
	rc, err := a.receipt(id)
	if err != nil {
		writeAttrErr(w, err)
		return
	}
	v := ReceiptView{ID: id.String(), Receipt: receiptJSON(rc), Params: a.params, Payouts: []PayoutView{}}
	ps, err := attribution.Split(rc, a.params)
	if err != nil {
		writeAttrErr(w, err)
		return
	}
	for _, p := range ps {
		v.Payouts = append(v.Payouts, PayoutView{Address: p.Address.Hex(), Role: p.Role.String(), Amount: p.Amount})
	}
	writeJSON(w, http.StatusOK, v)
}

func (a *attrService) receipt(id attribution.ReceiptID) (*attribution.Receipt, error) {
	b, err := a.store.get(id)
	if err != nil {
		return nil, err
	}
	return attribution.DecodeReceipt(b)
}

func (n *Node) getReceiptProof(w http.ResponseWriter, r *http.Request) {
	a := n.attrOrErr(w)
	if a == nil {
		return
	}
	id, err := parseReceiptID(r.PathValue("id"))
	if err != nil {
		writeErr(w, err)
		return
	}
	rc, err := a.receipt(id)
	if err != nil {
		writeAttrErr(w, err)
		return
	}
	er, _, info, err := a.closedEpoch(r.Context(), rc.Epoch)
	if err == nil && er == nil {
		err = fmt.Errorf("%w: epoch %d has no receipts tree", ErrReceiptNotFound, rc.Epoch)
	}
	if err != nil {
		writeAttrErr(w, err)
		return
	}
	leaf, proof, err := er.Proof(id)
	if err != nil {
		writeAttrErr(w, fmt.Errorf("%w: %w (it reached the aggregator after the epoch closed)", ErrReceiptNotFound, err))
		return
	}
	writeJSON(w, http.StatusOK, ReceiptProof{ID: id.String(), Epoch: rc.Epoch, Operator: rc.Operator.Hex(), Fee: rc.Fee,
		Leaf: common.Hash(leaf).Hex(), Proof: hexes(proof), ReceiptsRoot: common.Hash(er.Root).Hex(),
		Status: info.Status, TxHash: info.TxHash})
}

func hexes(p [][32]byte) []string {
	out := make([]string, len(p))
	for i, h := range p {
		out[i] = common.Hash(h).Hex()
	}
	return out
}

// closedEpoch returns a closed epoch's receipts tree and points tree: from
// the batch this node keeps, or else fetched through the anchored DA
// commitment and checked against the anchored roots.
func (a *attrService) closedEpoch(ctx context.Context, e uint64) (*attribution.EpochReceipts, *pointsTree, *EpochInfo, error) {
	info, err := a.store.epoch(e)
	if err == nil {
		if batch, err := a.store.batch(e); err == nil {
			_, er, pt, err := decodeBatch(batch)
			return er, pt, info, err
		}
	}
	if !a.chain.Enabled() || a.da == nil {
		return nil, nil, nil, fmt.Errorf("%w: epoch %d", ErrEpochOpen, e)
	}
	rec, err := a.chain.Epoch(ctx, e)
	if err != nil {
		if errors.Is(err, chain.ErrEpochNotAnchored) {
			err = fmt.Errorf("%w: epoch %d: %w", ErrEpochOpen, e, err)
		}
		return nil, nil, nil, err
	}
	com, tx, err := a.chain.AnchorEvent(ctx, e)
	if err != nil {
		return nil, nil, nil, err
	}
	c, err := da.DecodeCommitment(com, da.ModeOptimismGeneric)
	if err != nil {
		return nil, nil, nil, err
	}
	batch, err := a.fetchBatch(ctx, c)
	if err != nil {
		return nil, nil, nil, err
	}
	b, er, pt, err := decodeBatch(batch)
	if err != nil {
		return nil, nil, nil, err
	}
	var rroot [32]byte
	if er != nil {
		rroot = er.Root
	}
	if b.Epoch != e || rroot != rec.ReceiptsRoot || pt.root != rec.PointsRoot {
		return nil, nil, nil, fmt.Errorf("node: epoch %d: DA batch does not match the anchored roots", e)
	}
	info = &EpochInfo{Epoch: e, Status: EpochAnchored, Receipts: len(b.Receipts), ReceiptsRoot: common.Hash(rroot).Hex(),
		PointsRoot: common.Hash(pt.root).Hex(), PointsCount: len(b.Points), DACommitment: hexutil.Encode(com),
		BatchBytes: len(batch), Aggregator: rec.Aggregator.Hex(), ClosedAt: rec.AnchoredAt, TxHash: tx.Hex()}
	if err := a.store.putEpoch(info, batch); err != nil {
		return nil, nil, nil, err
	}
	return er, pt, info, nil
}

// maxChainFill bounds the epochs one listing looks up on the chain.
const maxChainFill = 64

// fillFromChain caches, from the chain and DA, the newest anchored epochs
// (up to limit, looking at no more than maxChainFill epochs) that this
// node has no record of: a node other than the aggregator then lists them
// with their roots, DA commitment and anchor transaction too. Each is
// checked against the anchored roots (closedEpoch). Failures leave the
// list as the cache has it.
func (a *attrService) fillFromChain(ctx context.Context, limit int) {
	if !a.chain.Enabled() || a.da == nil || a.agg != nil {
		return
	}
	latest, ok, err := a.chain.LatestEpoch(ctx)
	if err != nil || !ok {
		return
	}
	a.mu.Lock()
	done := a.filledTo
	a.mu.Unlock()
	if done != 0 && latest <= done {
		return // nothing anchored since the last fill: ask the chain no more
	}
	found := 0
	for e, steps := latest, 0; found < limit && steps < maxChainFill; e, steps = e-1, steps+1 {
		if _, err := a.store.epoch(e); err == nil {
			found++
		} else if _, _, _, err := a.closedEpoch(ctx, e); err == nil {
			found++
		} else if !errors.Is(err, ErrEpochOpen) {
			a.log.Debug("epochs: from chain", "epoch", e, "err", err)
		}
		if e == 0 {
			break
		}
	}
	a.mu.Lock()
	a.filledTo = max(a.filledTo, latest)
	a.mu.Unlock()
}

// EpochsInfo is the body of GET /api/v1/epochs.
type EpochsInfo struct {
	Current     uint64       `json:"current_epoch"`
	EpochLength string       `json:"epoch_length"`
	Aggregator  bool         `json:"aggregator"`
	Chain       bool         `json:"chain"`
	DA          bool         `json:"da"`
	Epochs      []*EpochInfo `json:"epochs"`
}

func (n *Node) getEpochs(w http.ResponseWriter, r *http.Request) {
	a := n.attrOrErr(w)
	if a == nil {
		return
	}
	limit, err := queryInt(r, "limit", 100)
	if err != nil {
		writeErr(w, err)
		return
	}
	limit = min(max(limit, 1), 10000)
	a.fillFromChain(r.Context(), int(limit))
	eps, err := a.store.epochs(int(limit))
	if err != nil {
		writeAttrErr(w, err)
		return
	}
	if eps == nil {
		eps = []*EpochInfo{}
	}
	writeJSON(w, http.StatusOK, EpochsInfo{Current: n.CurrentEpoch(), EpochLength: n.cfg.Tasks.EpochLength.D().String(),
		Aggregator: a.agg != nil, Chain: a.chain.Enabled(), DA: a.da != nil, Epochs: eps})
}

func (n *Node) getEpoch(w http.ResponseWriter, r *http.Request) {
	a := n.attrOrErr(w)
	if a == nil {
		return
	}
	e, err := strconv.ParseUint(r.PathValue("n"), 10, 64)
	if err != nil {
		writeErr(w, badRequest("epoch %q: want a number", r.PathValue("n")))
		return
	}
	_, _, info, err := a.closedEpoch(r.Context(), e)
	if err != nil {
		writeAttrErr(w, err)
		return
	}
	writeJSON(w, http.StatusOK, info)
}

func (n *Node) getPointsProof(w http.ResponseWriter, r *http.Request) {
	a := n.attrOrErr(w)
	if a == nil {
		return
	}
	addrHex := r.URL.Query().Get("address")
	if !common.IsHexAddress(addrHex) {
		writeErr(w, badRequest("address %q: want a 0x hex address", addrHex))
		return
	}
	addr := common.HexToAddress(addrHex)
	var e uint64
	if r.URL.Query().Get("epoch") != "" {
		var err error
		if e, err = queryInt(r, "epoch", 0); err != nil {
			writeErr(w, err)
			return
		}
	} else {
		var err error
		if e, err = a.latestAnchored(r.Context()); err != nil {
			writeAttrErr(w, err)
			return
		}
	}
	_, pt, info, err := a.closedEpoch(r.Context(), e)
	if err != nil {
		writeAttrErr(w, err)
		return
	}
	pts, proof, err := pt.proof(addr)
	if err != nil {
		writeAttrErr(w, fmt.Errorf("%w: %s in epoch %d", err, addr.Hex(), e))
		return
	}
	writeJSON(w, http.StatusOK, PointsProof{Epoch: e, Address: addr.Hex(), Cumulative: pts, Proof: hexes(proof),
		PointsRoot: common.Hash(pt.root).Hex(), Status: info.Status})
}

// latestAnchored is the newest epoch anchored: this node's record, else
// the chain's.
func (a *attrService) latestAnchored(ctx context.Context) (uint64, error) {
	eps, err := a.store.epochs(64)
	if err != nil {
		return 0, err
	}
	for _, e := range eps {
		if e.Status == EpochAnchored {
			return e.Epoch, nil
		}
	}
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	e, ok, err := a.chain.LatestEpoch(cctx)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, fmt.Errorf("%w: no epoch anchored yet", ErrEpochOpen)
	}
	return e, nil
}
