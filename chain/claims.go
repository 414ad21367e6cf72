package chain

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
)

// Claim claims points for c's own account: cumulative is the account's
// cumulative total in epoch's points snapshot and proof the Merkle proof
// of its leaf. The contract credits cumulative minus what was claimed
// before; claiming the same total twice fails with ErrAlreadyClaimed, a bad
// proof with ErrInvalidProof.
func (c *Client) Claim(ctx context.Context, epoch uint64, cumulative *big.Int, proof [][32]byte) (common.Hash, error) {
	return c.ClaimFor(ctx, epoch, c.from, cumulative, proof)
}

// ClaimFor is Claim for any account, paid for by c's account; the points
// go to account.
func (c *Client) ClaimFor(ctx context.Context, epoch uint64, account common.Address, cumulative *big.Int, proof [][32]byte) (common.Hash, error) {
	if err := c.ready(c.cfg.Claims, "claims", true); err != nil {
		return common.Hash{}, err
	}
	if cumulative == nil || cumulative.Sign() < 0 || cumulative.BitLen() > 256 {
		return common.Hash{}, fmt.Errorf("chain: claim: %w: cumulative points %v", ErrBadInput, cumulative)
	}
	data, err := c.clm.TryPackClaim(epoch, account, cumulative, proof)
	if err != nil {
		return common.Hash{}, packErr("claim", err)
	}
	r, err := c.send(ctx, fmt.Sprintf("claim epoch %d for %s", epoch, account), c.cfg.Claims, data)
	if err != nil {
		return common.Hash{}, err
	}
	c.log.Info("points claimed", "epoch", epoch, "account", account, "cumulative", cumulative, "tx", r.TxHash, "gas", r.GasUsed)
	return r.TxHash, nil
}

// Claimed returns the points addr has claimed so far (its cumulative total
// at its last claim).
func (c *Client) Claimed(ctx context.Context, addr common.Address) (*big.Int, error) {
	if err := c.ready(c.cfg.Claims, "claims", false); err != nil {
		return nil, err
	}
	out, err := c.call(ctx, "claimed", c.cfg.Claims, c.clm.PackClaimed(addr))
	if err != nil {
		return nil, err
	}
	v, err := c.clm.UnpackClaimed(out)
	if err != nil {
		return nil, unpackErr("claimed", err)
	}
	return v, nil
}

// TotalClaimed returns the points claimed by all accounts.
func (c *Client) TotalClaimed(ctx context.Context) (*big.Int, error) {
	if err := c.ready(c.cfg.Claims, "claims", false); err != nil {
		return nil, err
	}
	out, err := c.call(ctx, "total claimed", c.cfg.Claims, c.clm.PackTotalClaimed())
	if err != nil {
		return nil, err
	}
	v, err := c.clm.UnpackTotalClaimed(out)
	if err != nil {
		return nil, unpackErr("total claimed", err)
	}
	return v, nil
}

// VerifyReceipt asks the chain whether proof proves the leaf hash under
// epoch's anchored receipts root (false for an epoch not anchored). A leaf
// hash can be confused with an inner node; VerifyReceiptData cannot.
func (c *Client) VerifyReceipt(ctx context.Context, epoch uint64, leaf [32]byte, proof [][32]byte) (bool, error) {
	if err := c.ready(c.cfg.Claims, "claims", false); err != nil {
		return false, err
	}
	data, err := c.clm.TryPackVerifyReceipt(epoch, leaf, proof)
	if err != nil {
		return false, packErr("verify receipt", err)
	}
	out, err := c.call(ctx, "verify receipt", c.cfg.Claims, data)
	if err != nil {
		return false, err
	}
	ok, err := c.clm.UnpackVerifyReceipt(out)
	if err != nil {
		return false, unpackErr("verify receipt", err)
	}
	return ok, nil
}

// VerifyReceiptData is VerifyReceipt for a leaf given by its abi.encode'd
// values; the contract double-hashes them into the leaf.
func (c *Client) VerifyReceiptData(ctx context.Context, epoch uint64, encodedLeaf []byte, proof [][32]byte) (bool, error) {
	if err := c.ready(c.cfg.Claims, "claims", false); err != nil {
		return false, err
	}
	data, err := c.clm.TryPackVerifyReceiptData(epoch, encodedLeaf, proof)
	if err != nil {
		return false, packErr("verify receipt data", err)
	}
	out, err := c.call(ctx, "verify receipt data", c.cfg.Claims, data)
	if err != nil {
		return false, err
	}
	ok, err := c.clm.UnpackVerifyReceiptData(out)
	if err != nil {
		return false, unpackErr("verify receipt data", err)
	}
	return ok, nil
}
