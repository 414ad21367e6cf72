package chain

import (
	"context"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// AssetKind is the kind of a registered asset.
type AssetKind uint8

// Asset kinds, as Registry.KIND_MODEL and KIND_ADAPTER.
const (
	KindModel   AssetKind = 0
	KindAdapter AssetKind = 1
)

// Operator is a registered GPU operator.
type Operator struct {
	Address common.Address
	// PeerID is the operator's libp2p peer ID bytes.
	PeerID []byte
	// PricePer1kTokens is in wei per 1,000 tokens.
	PricePer1kTokens *big.Int
	RegisteredAt     time.Time
	Active           bool
}

// Asset is a registered model or adapter.
type Asset struct {
	ID    [32]byte
	Owner common.Address
	Kind  AssetKind
	// BaseID is the base model of an adapter (or of a fine-tuned model);
	// zero for a base model.
	BaseID [32]byte
	// CID is the CID bytes of the weights.
	CID []byte
}

// regTx sends registry calldata built by pack.
func (c *Client) regTx(ctx context.Context, what string, data []byte, perr error) (common.Hash, error) {
	if err := c.ready(c.cfg.Registry, "registry", true); err != nil {
		return common.Hash{}, err
	}
	if perr != nil {
		return common.Hash{}, packErr(what, perr)
	}
	r, err := c.send(ctx, what, c.cfg.Registry, data)
	if err != nil {
		return common.Hash{}, err
	}
	return r.TxHash, nil
}

// regCall runs a registry view.
func (c *Client) regCall(ctx context.Context, what string, data []byte, perr error) ([]byte, error) {
	if err := c.ready(c.cfg.Registry, "registry", false); err != nil {
		return nil, err
	}
	if perr != nil {
		return nil, packErr(what, perr)
	}
	return c.call(ctx, what, c.cfg.Registry, data)
}

// RegisterDatanet registers datanet id, owned by c's account. A taken id
// fails with ErrExists.
func (c *Client) RegisterDatanet(ctx context.Context, id [32]byte) (common.Hash, error) {
	data, err := c.reg.TryPackRegisterDatanet(id)
	return c.regTx(ctx, "register datanet", data, err)
}

// TransferDatanet hands datanet id to newOwner; owner only.
func (c *Client) TransferDatanet(ctx context.Context, id [32]byte, newOwner common.Address) (common.Hash, error) {
	data, err := c.reg.TryPackTransferDatanet(id, newOwner)
	return c.regTx(ctx, "transfer datanet", data, err)
}

// DatanetOwner returns the owner of datanet id, or ErrNotFound.
func (c *Client) DatanetOwner(ctx context.Context, id [32]byte) (common.Address, error) {
	data, err := c.reg.TryPackDatanetOwner(id)
	out, err := c.regCall(ctx, "datanet owner", data, err)
	if err != nil {
		return common.Address{}, err
	}
	owner, err := c.reg.UnpackDatanetOwner(out)
	if err != nil {
		return common.Address{}, unpackErr("datanet owner", err)
	}
	if owner == (common.Address{}) {
		return common.Address{}, fmt.Errorf("chain: datanet %x: %w", id, ErrNotFound)
	}
	return owner, nil
}

// AddValidator whitelists validator on datanet id; owner only.
func (c *Client) AddValidator(ctx context.Context, id [32]byte, validator common.Address) (common.Hash, error) {
	data, err := c.reg.TryPackAddValidator(id, validator)
	return c.regTx(ctx, "add validator", data, err)
}

// RemoveValidator removes validator from datanet id's whitelist; owner
// only.
func (c *Client) RemoveValidator(ctx context.Context, id [32]byte, validator common.Address) (common.Hash, error) {
	data, err := c.reg.TryPackRemoveValidator(id, validator)
	return c.regTx(ctx, "remove validator", data, err)
}

// Validators returns datanet id's whitelist, in no particular order.
func (c *Client) Validators(ctx context.Context, id [32]byte) ([]common.Address, error) {
	data, err := c.reg.TryPackValidators(id)
	out, err := c.regCall(ctx, "validators", data, err)
	if err != nil {
		return nil, err
	}
	v, err := c.reg.UnpackValidators(out)
	if err != nil {
		return nil, unpackErr("validators", err)
	}
	return v, nil
}

// IsValidator reports whether validator is on datanet id's whitelist.
func (c *Client) IsValidator(ctx context.Context, id [32]byte, validator common.Address) (bool, error) {
	data, err := c.reg.TryPackIsValidator(id, validator)
	out, err := c.regCall(ctx, "is validator", data, err)
	if err != nil {
		return false, err
	}
	ok, err := c.reg.UnpackIsValidator(out)
	if err != nil {
		return false, unpackErr("is validator", err)
	}
	return ok, nil
}

// RegisterOperator registers c's account as a GPU operator with its libp2p
// peer ID bytes and price (wei per 1,000 tokens), or updates them.
func (c *Client) RegisterOperator(ctx context.Context, peerID []byte, pricePer1kTokens *big.Int) (common.Hash, error) {
	if pricePer1kTokens == nil || pricePer1kTokens.Sign() < 0 || pricePer1kTokens.BitLen() > 128 {
		return common.Hash{}, fmt.Errorf("chain: register operator: %w: price %v", ErrBadInput, pricePer1kTokens)
	}
	data, err := c.reg.TryPackRegisterOperator(peerID, pricePer1kTokens)
	return c.regTx(ctx, "register operator", data, err)
}

// DeregisterOperator deregisters operator; the operator itself or the
// admin.
func (c *Client) DeregisterOperator(ctx context.Context, operator common.Address) (common.Hash, error) {
	data, err := c.reg.TryPackDeregisterOperator(operator)
	return c.regTx(ctx, "deregister operator", data, err)
}

// IsOperator reports whether addr is a registered, active GPU operator.
func (c *Client) IsOperator(ctx context.Context, addr common.Address) (bool, error) {
	data, err := c.reg.TryPackIsOperator(addr)
	out, err := c.regCall(ctx, "is operator", data, err)
	if err != nil {
		return false, err
	}
	ok, err := c.reg.UnpackIsOperator(out)
	if err != nil {
		return false, unpackErr("is operator", err)
	}
	return ok, nil
}

// Operator returns addr's operator record, or ErrNotFound when it never
// registered (a deregistered one comes back with Active false).
func (c *Client) Operator(ctx context.Context, addr common.Address) (Operator, error) {
	data, err := c.reg.TryPackGetOperator(addr)
	out, err := c.regCall(ctx, "operator", data, err)
	if err != nil {
		return Operator{}, err
	}
	o, err := c.reg.UnpackGetOperator(out)
	if err != nil {
		return Operator{}, unpackErr("operator", err)
	}
	if o.RegisteredAt == 0 {
		return Operator{}, fmt.Errorf("chain: operator %s: %w", addr, ErrNotFound)
	}
	return Operator{
		Address: addr, PeerID: o.PeerId, PricePer1kTokens: o.PricePer1kTokens,
		RegisteredAt: time.Unix(int64(o.RegisteredAt), 0).UTC(), Active: o.Active,
	}, nil
}

// RegisterAsset registers a (ID, Kind, BaseID, CID), owned by c's account.
// An adapter must name a registered base.
func (c *Client) RegisterAsset(ctx context.Context, a Asset) (common.Hash, error) {
	data, err := c.reg.TryPackRegisterAsset(a.ID, uint8(a.Kind), a.BaseID, a.CID)
	return c.regTx(ctx, "register asset", data, err)
}

// UpdateAsset points asset id at new weights; owner only.
func (c *Client) UpdateAsset(ctx context.Context, id [32]byte, cid []byte) (common.Hash, error) {
	data, err := c.reg.TryPackUpdateAsset(id, cid)
	return c.regTx(ctx, "update asset", data, err)
}

// Asset returns asset id, or ErrNotFound.
func (c *Client) Asset(ctx context.Context, id [32]byte) (Asset, error) {
	data, err := c.reg.TryPackGetAsset(id)
	out, err := c.regCall(ctx, "asset", data, err)
	if err != nil {
		return Asset{}, err
	}
	a, err := c.reg.UnpackGetAsset(out)
	if err != nil {
		return Asset{}, unpackErr("asset", err)
	}
	return Asset{ID: id, Owner: a.Owner, Kind: AssetKind(a.Kind), BaseID: a.BaseId, CID: a.Cid}, nil
}
