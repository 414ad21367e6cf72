package chain

import (
	"context"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// MaxDACommitment is EpochAnchor.MAX_DA_COMMITMENT: the longest DA
// commitment an anchor accepts.
const MaxDACommitment = 8192

// EpochRecord is an anchored epoch as EpochAnchor stores it.
type EpochRecord struct {
	Epoch        uint64
	ReceiptsRoot [32]byte
	PointsRoot   [32]byte
	// DACommitmentHash is keccak256 of the DA commitment; the commitment
	// itself is in the Anchored event (see DACommitment).
	DACommitmentHash [32]byte
	AnchoredAt       time.Time
	BlockNumber      uint64
	Aggregator       common.Address
}

// Anchor anchors epoch's roots and DA commitment; c's account must be an
// authorised aggregator. It returns the hash of the mined transaction. An
// epoch anchored before fails with ErrEpochAnchored, a sender that is not
// an aggregator with ErrUnauthorized.
func (c *Client) Anchor(ctx context.Context, epoch uint64, receiptsRoot, pointsRoot [32]byte, daCommitment []byte) (common.Hash, error) {
	if err := c.ready(c.cfg.Anchor, "anchor", true); err != nil {
		return common.Hash{}, err
	}
	if len(daCommitment) == 0 || len(daCommitment) > MaxDACommitment {
		return common.Hash{}, fmt.Errorf("chain: anchor: %w: DA commitment of %d bytes (want 1..%d)", ErrBadInput, len(daCommitment), MaxDACommitment)
	}
	data, err := c.anc.TryPackAnchor(epoch, receiptsRoot, pointsRoot, daCommitment)
	if err != nil {
		return common.Hash{}, packErr("anchor", err)
	}
	r, err := c.send(ctx, fmt.Sprintf("anchor epoch %d", epoch), c.cfg.Anchor, data)
	if err != nil {
		return common.Hash{}, err
	}
	c.log.Info("epoch anchored", "epoch", epoch, "tx", r.TxHash, "gas", r.GasUsed, "block", r.BlockNumber)
	return r.TxHash, nil
}

// Epoch returns anchored epoch n, or ErrEpochNotAnchored.
func (c *Client) Epoch(ctx context.Context, n uint64) (EpochRecord, error) {
	if err := c.ready(c.cfg.Anchor, "anchor", false); err != nil {
		return EpochRecord{}, err
	}
	data, err := c.anc.TryPackGetEpoch(n)
	if err != nil {
		return EpochRecord{}, packErr("epoch", err)
	}
	out, err := c.call(ctx, "epoch", c.cfg.Anchor, data)
	if err != nil {
		return EpochRecord{}, err
	}
	e, err := c.anc.UnpackGetEpoch(out)
	if err != nil {
		return EpochRecord{}, unpackErr("epoch", err)
	}
	if e.AnchoredAt == nil || e.AnchoredAt.Sign() == 0 {
		return EpochRecord{}, fmt.Errorf("chain: epoch %d: %w", n, ErrEpochNotAnchored)
	}
	return EpochRecord{
		Epoch: n, ReceiptsRoot: e.ReceiptsRoot, PointsRoot: e.PointsRoot, DACommitmentHash: e.DaCommitmentHash,
		AnchoredAt:  time.Unix(e.AnchoredAt.Int64(), 0).UTC(),
		BlockNumber: e.BlockNumber.Uint64(), Aggregator: e.Aggregator,
	}, nil
}

// LatestEpoch returns the highest anchored epoch; ok is false when none
// has been anchored.
func (c *Client) LatestEpoch(ctx context.Context) (epoch uint64, ok bool, err error) {
	if err := c.ready(c.cfg.Anchor, "anchor", false); err != nil {
		return 0, false, err
	}
	out, err := c.call(ctx, "anchored count", c.cfg.Anchor, c.anc.PackAnchoredCount())
	if err != nil {
		return 0, false, err
	}
	n, err := c.anc.UnpackAnchoredCount(out)
	if err != nil || n == 0 {
		return 0, false, err
	}
	out, err = c.call(ctx, "latest epoch", c.cfg.Anchor, c.anc.PackLatestEpoch())
	if err != nil {
		return 0, false, err
	}
	epoch, err = c.anc.UnpackLatestEpoch(out)
	if err != nil {
		return 0, false, unpackErr("latest epoch", err)
	}
	return epoch, true, nil
}

// DACommitment returns the full DA commitment anchored for epoch, read
// from the Anchored event in the epoch's anchoring block, and checks it
// against the stored hash.
func (c *Client) DACommitment(ctx context.Context, epoch uint64) ([]byte, error) {
	com, _, err := c.AnchorEvent(ctx, epoch)
	return com, err
}

// AnchorEvent returns epoch's DA commitment (as DACommitment) and the hash
// of the transaction that anchored it.
func (c *Client) AnchorEvent(ctx context.Context, epoch uint64) ([]byte, common.Hash, error) {
	rec, err := c.Epoch(ctx, epoch)
	if err != nil {
		return nil, common.Hash{}, err
	}
	ev := c.anc.GetABI().Events["Anchored"]
	var topic common.Hash
	new(big.Int).SetUint64(epoch).FillBytes(topic[:])
	block := new(big.Int).SetUint64(rec.BlockNumber)
	cctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout)
	defer cancel()
	logs, err := c.b.FilterLogs(cctx, ethereum.FilterQuery{
		FromBlock: block, ToBlock: block, Addresses: []common.Address{c.cfg.Anchor},
		Topics: [][]common.Hash{{ev.ID}, {topic}},
	})
	if err != nil {
		return nil, common.Hash{}, fmt.Errorf("chain: anchored event of epoch %d: %w", epoch, err)
	}
	for i := range logs {
		a, err := c.anc.UnpackAnchoredEvent(&logs[i])
		if err != nil || a.Epoch != epoch {
			continue
		}
		if crypto.Keccak256Hash(a.DaCommitment) == rec.DACommitmentHash {
			return a.DaCommitment, logs[i].TxHash, nil
		}
	}
	return nil, common.Hash{}, fmt.Errorf("chain: anchored event of epoch %d in block %d: %w", epoch, rec.BlockNumber, ErrNotFound)
}

// SetAggregator authorises (or revokes) an aggregator; admin only.
func (c *Client) SetAggregator(ctx context.Context, aggregator common.Address, authorised bool) (common.Hash, error) {
	if err := c.ready(c.cfg.Anchor, "anchor", true); err != nil {
		return common.Hash{}, err
	}
	data, err := c.anc.TryPackSetAggregator(aggregator, authorised)
	if err != nil {
		return common.Hash{}, packErr("set aggregator", err)
	}
	r, err := c.send(ctx, "set aggregator", c.cfg.Anchor, data)
	if err != nil {
		return common.Hash{}, err
	}
	return r.TxHash, nil
}

// IsAggregator reports whether addr may anchor.
func (c *Client) IsAggregator(ctx context.Context, addr common.Address) (bool, error) {
	if err := c.ready(c.cfg.Anchor, "anchor", false); err != nil {
		return false, err
	}
	out, err := c.call(ctx, "is aggregator", c.cfg.Anchor, c.anc.PackIsAggregator(addr))
	if err != nil {
		return false, err
	}
	ok, err := c.anc.UnpackIsAggregator(out)
	if err != nil {
		return false, unpackErr("is aggregator", err)
	}
	return ok, nil
}
