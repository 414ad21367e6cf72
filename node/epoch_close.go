package node

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/chain"
	"github.com/provenet/provenet/internal/canon"
	"github.com/provenet/provenet/merkle"
	"github.com/provenet/provenet/points"
)

// Epoch statuses.
const (
	EpochAnchored = "anchored" // DA batch posted and anchor transaction mined
	EpochClosed   = "closed"   // closed locally; not anchored (see Error)
	EpochFailed   = "failed"   // DA or anchoring failed (see Error); retried
)

// maxCloseRetries bounds the attempts to post and anchor one epoch.
const maxCloseRetries = 3

// maxCatchUpEpochs bounds how far back a restarted aggregator starts
// closing epochs.
const maxCatchUpEpochs = 100

// EpochInfo is a closed epoch as GET /api/v1/epochs/{n} shows it and the
// receipt store keeps it.
type EpochInfo struct {
	Epoch        uint64   `json:"epoch"`
	Status       string   `json:"status"`
	Error        string   `json:"error,omitempty"`
	Receipts     int      `json:"receipts"`
	ReceiptIDs   []string `json:"receipt_ids,omitempty"`
	ReceiptsRoot string   `json:"receipts_root"`
	PointsRoot   string   `json:"points_root"`
	PointsCount  int      `json:"points_entries"`
	// PointsDigest is keccak256 over the snapshot's (address, points)
	// pairs without the epoch: equal digests mean nothing to claim anew.
	PointsDigest string        `json:"points_digest"`
	Rewards      []RewardTotal `json:"rewards,omitempty"`
	DACommitment string        `json:"da_commitment,omitempty"` // hex, as anchored
	DAChunks     int           `json:"da_chunks,omitempty"`
	BatchBytes   int           `json:"batch_bytes"`
	TxHash       string        `json:"tx_hash,omitempty"`
	Aggregator   string        `json:"aggregator"`
	ClosedAt     time.Time     `json:"closed_at"`
}

// RewardTotal is one address's reward (in the fee's unit, wei) in an
// epoch, over all its receipts and roles.
type RewardTotal struct {
	Address string `json:"address"`
	Amount  string `json:"amount"`
}

// epochBatch is what goes to DA for an epoch: every receipt as signed and
// the points snapshot, in deterministic CBOR. Anyone holding the anchored
// commitment can fetch it and recompute both roots.
type epochBatch struct {
	Version      uint8         `cbor:"v"`
	Epoch        uint64        `cbor:"epoch"`
	ReceiptsRoot []byte        `cbor:"rroot"`
	PointsRoot   []byte        `cbor:"proot"`
	Receipts     [][]byte      `cbor:"receipts"` // sorted by receipt ID
	Points       []batchPoints `cbor:"points"`   // sorted by address
}

type batchPoints struct {
	Address []byte `cbor:"a"`
	Points  uint64 `cbor:"p"`
	Net     int64  `cbor:"n"`
}

// epochEnd is when epoch e ends.
func (n *Node) epochEnd(e uint64) time.Time {
	return time.UnixMilli(int64(e+1) * n.cfg.Tasks.EpochLength.D().Milliseconds())
}

// loadOpen restores the aggregator after a restart: receipts of epochs
// not closed yet go back into it.
func (a *attrService) loadOpen() error {
	last, err := a.store.epochs(1)
	if err != nil {
		return err
	}
	a.next = a.n.CurrentEpoch()
	if len(last) > 0 {
		a.next = last[0].Epoch + 1
	}
	// After a long downtime, do not walk thousands of empty epochs.
	a.next = max(a.next, a.n.CurrentEpoch()-min(a.n.CurrentEpoch(), maxCatchUpEpochs))
	eps, err := a.store.receiptEpochs(a.next - min(a.next, a.cfg.MaxLagEpochs+1))
	if err != nil {
		return err
	}
	for _, e := range eps {
		if _, err := a.store.epoch(e); err == nil {
			continue // closed
		}
		a.next = min(a.next, e)
		ids, err := a.store.epochIDs(e)
		if err != nil {
			return err
		}
		for _, id := range ids {
			b, err := a.store.get(id)
			if err != nil {
				return err
			}
			r, err := attribution.DecodeReceipt(b)
			if err == nil {
				err = a.agg.AddWithID(id, r)
			}
			if err != nil && !errors.Is(err, attribution.ErrDuplicate) {
				a.log.Warn("receipts: reload", "id", id, "err", err)
			}
		}
	}
	return nil
}

// epochLoop closes every epoch once it has ended and its grace passed.
func (a *attrService) epochLoop(ctx context.Context) {
	tick := min(a.n.cfg.Tasks.EpochLength.D()/4, time.Second)
	t := a.n.clock.NewTicker(tick)
	defer t.Stop()
	backlog := true
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C():
		}
		if backlog && a.n.payments() != nil {
			// After a restart: epochs closed but not settled settle now.
			backlog = false
			a.settleBacklog(ctx)
		}
		for ctx.Err() == nil && a.n.clock.Now().After(a.n.epochEnd(a.next).Add(a.cfg.CloseGrace.D())) {
			e := a.next
			if err := a.closeEpoch(ctx, e); err != nil {
				a.retries[e]++
				if a.retries[e] < maxCloseRetries {
					a.log.Warn("epoch: close failed, will retry", "epoch", e, "err", err)
					break
				}
				a.log.Error("epoch: close failed, giving up", "epoch", e, "err", err)
			}
			delete(a.retries, e)
			a.next = e + 1
		}
	}
}

// CloseEpoch closes epoch e now (aggregator only): tests and operators
// use it instead of waiting for the clock.
func (n *Node) CloseEpoch(ctx context.Context, e uint64) (*EpochInfo, error) {
	a := n.attr
	if a == nil || a.agg == nil {
		return nil, fmt.Errorf("%w: not an aggregator", ErrAttributionDisabled)
	}
	if err := a.closeEpoch(ctx, e); err != nil {
		return nil, err
	}
	return a.store.epoch(e)
}

// closeEpoch closes epoch e: receipts tree and rewards, points snapshot,
// the batch to DA, the anchor transaction, and the record of it all. An
// epoch with no receipts whose points root equals the last anchored one
// is skipped: there is nothing new to anchor, and claims against the
// earlier epoch stay valid (totals are cumulative). It returns an error
// only for a failure worth retrying (DA or chain).
func (a *attrService) closeEpoch(ctx context.Context, e uint64) error {
	a.closeMu.Lock()
	defer a.closeMu.Unlock()
	if info, err := a.store.epoch(e); err == nil && info.Status != EpochFailed {
		return a.settleEpoch(ctx, e) // closed before; settle if not yet
	}
	a.mu.Lock()
	er, done := a.closed[e]
	a.mu.Unlock()
	if !done {
		var err error
		er, err = a.agg.Close(e)
		if err != nil && !errors.Is(err, attribution.ErrNoReceipts) {
			return err
		}
		a.mu.Lock()
		a.closed[e] = er
		a.mu.Unlock()
	}
	snap, err := a.n.work.Ledger().Snapshot(e)
	if err != nil && !errors.Is(err, points.ErrEmptySnapshot) {
		return err
	}
	info := &EpochInfo{Epoch: e, Aggregator: a.n.home.Account.Address().Hex(), ClosedAt: a.n.clock.Now().UTC(),
		ReceiptsRoot: common.Hash{}.Hex(), PointsRoot: common.Hash(snap.Root).Hex(), PointsCount: len(snap.Entries),
		PointsDigest: pointsDigest(snap)}
	if er == nil && (len(snap.Entries) == 0 || a.lastPointsDigest(ctx) == info.PointsDigest) {
		return nil
	}
	batch, err := a.encodeBatch(e, er, snap, info)
	if err != nil {
		return err
	}
	info.BatchBytes = len(batch)
	a.anchor(ctx, info, batch, er, snap)
	if err := a.store.putEpoch(info, batch); err != nil {
		return err
	}
	a.log.Info("epoch closed", "epoch", e, "status", info.Status, "receipts", info.Receipts,
		"receipts_root", info.ReceiptsRoot, "points_root", info.PointsRoot, "tx", info.TxHash, "err", info.Error)
	if info.Status == EpochFailed {
		return errors.New(info.Error)
	}
	return a.settleEpoch(ctx, e)
}

// settleBacklog settles the recent closed epochs that have no
// settlement record (a restart between close and settlement).
func (a *attrService) settleBacklog(ctx context.Context) {
	eps, err := a.store.epochs(maxCloseRetries * 4)
	if err != nil {
		return
	}
	for _, e := range eps {
		if _, err := a.store.Settlement(e.Epoch); err == nil || e.Status == EpochFailed {
			continue
		}
		if err := a.settleEpoch(ctx, e.Epoch); err != nil {
			a.log.Warn("epoch: settle after restart", "epoch", e.Epoch, "err", err)
		}
	}
}

// settleEpoch settles closed epoch e's payments on the escrow, unless
// they are settled or the node takes no payments. Its error makes the
// close loop try again.
func (a *attrService) settleEpoch(ctx context.Context, e uint64) error {
	p := a.n.payments()
	if p == nil || p.Pool() == nil {
		return nil
	}
	if s, err := a.store.Settlement(e); err == nil && (s.Status == SettlementSettled || s.Status == SettlementNone) {
		return nil
	}
	rows, legacy, err := a.store.settleRows(e)
	if err != nil {
		return err
	}
	if legacy > 0 {
		a.log.Info("epoch: receipts without settlement rows decoded", "epoch", e, "receipts", legacy)
	}
	receipts := rows.Receipts()
	if _, err := p.Settle(ctx, e, receipts, a.params); err != nil {
		a.log.Warn("epoch: settlement failed", "epoch", e, "err", err)
		return fmt.Errorf("settle epoch %d: %w", e, err)
	}
	return nil
}

// anchor posts the batch to DA and anchors the roots, filling info.
func (a *attrService) anchor(ctx context.Context, info *EpochInfo, batch []byte, er *attribution.EpochReceipts, snap points.Snapshot) {
	if a.da == nil {
		info.Status, info.Error = EpochClosed, ErrDANotConfigured.Error()
		return
	}
	if !a.chain.Enabled() {
		info.Status, info.Error = EpochClosed, chain.ErrNoChain.Error()
		return
	}
	ref, err := a.da.PutBatch(ctx, batch)
	if err != nil {
		info.Status, info.Error = EpochFailed, fmt.Sprintf("DA: %v", err)
		return
	}
	com := ref.Manifest.OPGeneric()
	info.DACommitment, info.DAChunks = hexutil.Encode(com), len(ref.Chunks)
	var rroot [32]byte
	if er != nil {
		rroot = er.Root
	}
	tx, err := a.chain.Anchor(ctx, info.Epoch, rroot, snap.Root, com)
	switch {
	case err == nil:
		info.Status, info.TxHash = EpochAnchored, tx.Hex()
	case errors.Is(err, chain.ErrEpochAnchored):
		info.Status, info.Error = EpochClosed, fmt.Sprintf("anchored before (another aggregator or a restart): %v", err)
	default:
		info.Status, info.Error = EpochFailed, fmt.Sprintf("anchor: %v", err)
	}
}

// pointsDigest is keccak256 over a snapshot's (address, points) pairs.
func pointsDigest(s points.Snapshot) string {
	b := make([]byte, 0, len(s.Entries)*28)
	for _, e := range s.Entries {
		b = binary.BigEndian.AppendUint64(append(b, e.Address[:]...), e.Points)
	}
	return crypto.Keccak256Hash(b).Hex()
}

// lastPointsDigest is the points digest of the newest epoch anchored, if
// the chain has that anchor (a devnet restarts with a fresh chain: the
// local record alone is not proof).
func (a *attrService) lastPointsDigest(ctx context.Context) string {
	eps, err := a.store.epochs(16)
	if err != nil {
		return ""
	}
	for _, e := range eps {
		if e.Status != EpochAnchored {
			continue
		}
		if rec, err := a.chain.Epoch(ctx, e.Epoch); err != nil || common.Hash(rec.PointsRoot).Hex() != e.PointsRoot {
			return ""
		}
		return e.PointsDigest
	}
	return ""
}

// encodeBatch builds the epoch's DA batch and fills the receipt side of
// info.
func (a *attrService) encodeBatch(e uint64, er *attribution.EpochReceipts, snap points.Snapshot, info *EpochInfo) ([]byte, error) {
	b := epochBatch{Version: 1, Epoch: e, PointsRoot: snap.Root[:], ReceiptsRoot: make([]byte, 32), Receipts: [][]byte{}, Points: []batchPoints{}}
	if er != nil {
		b.ReceiptsRoot = er.Root[:]
		info.ReceiptsRoot = common.Hash(er.Root).Hex()
		info.Receipts = len(er.IDs)
		for _, id := range er.IDs {
			enc, err := a.store.get(id)
			if err != nil {
				return nil, fmt.Errorf("epoch %d: receipt %s: %w", e, id, err)
			}
			b.Receipts = append(b.Receipts, enc)
			info.ReceiptIDs = append(info.ReceiptIDs, id.String())
		}
		for _, t := range er.Totals {
			info.Rewards = append(info.Rewards, RewardTotal{Address: t.Address.Hex(), Amount: t.Amount.String()})
		}
	}
	for _, en := range snap.Entries {
		b.Points = append(b.Points, batchPoints{Address: en.Address.Bytes(), Points: en.Points, Net: en.Net})
	}
	return syncEnc.Marshal(b)
}

// batchDec decodes epoch batches strictly, within generous limits.
var batchDec = canon.DecMode(canon.Limits{MaxArrayElements: 1 << 24, MaxMapPairs: 16, MaxNestedLevels: 8})

// pointsTree is an anchored points snapshot rebuilt from a batch.
type pointsTree struct {
	epoch   uint64
	root    [32]byte
	entries map[common.Address]uint64
	tree    *merkle.Tree
}

// proof returns addr's cumulative points and Merkle proof.
func (p *pointsTree) proof(addr common.Address) (uint64, [][32]byte, error) {
	pts, ok := p.entries[addr]
	if !ok || p.tree == nil {
		return 0, nil, points.ErrNotInSnapshot
	}
	pr, err := p.tree.Proof(points.Leaf(addr, p.epoch, pts))
	return pts, pr, err
}

// decodeBatch parses a batch and recomputes both roots from its content;
// it fails unless they match the roots the batch states.
func decodeBatch(data []byte) (*epochBatch, *attribution.EpochReceipts, *pointsTree, error) {
	var b epochBatch
	if err := batchDec.Unmarshal(data, &b); err != nil {
		return nil, nil, nil, fmt.Errorf("node: epoch batch: %w", err)
	}
	var er *attribution.EpochReceipts
	if len(b.Receipts) > 0 {
		agg, _ := attribution.NewAggregator(attribution.DefaultSplitParams())
		for _, enc := range b.Receipts {
			r, err := attribution.DecodeReceipt(enc)
			if err == nil {
				_, err = agg.Add(r)
			}
			if err != nil {
				return nil, nil, nil, fmt.Errorf("node: epoch batch %d: %w", b.Epoch, err)
			}
		}
		var err error
		if er, err = agg.Close(b.Epoch); err != nil {
			return nil, nil, nil, err
		}
	}
	var rroot [32]byte
	if er != nil {
		rroot = er.Root
	}
	if !bytes.Equal(rroot[:], b.ReceiptsRoot) {
		return nil, nil, nil, fmt.Errorf("node: epoch batch %d: receipts root mismatch", b.Epoch)
	}
	pt := &pointsTree{epoch: b.Epoch, entries: map[common.Address]uint64{}}
	leaves := make([][32]byte, 0, len(b.Points))
	for _, p := range b.Points {
		addr := common.BytesToAddress(p.Address)
		pt.entries[addr] = p.Points
		leaves = append(leaves, points.Leaf(addr, b.Epoch, p.Points))
	}
	if len(leaves) > 0 {
		tree, err := merkle.New(leaves)
		if err != nil {
			return nil, nil, nil, err
		}
		pt.tree, pt.root = tree, tree.Root()
	}
	if !bytes.Equal(pt.root[:], b.PointsRoot) {
		return nil, nil, nil, fmt.Errorf("node: epoch batch %d: points root mismatch", b.Epoch)
	}
	return &b, er, pt, nil
}
