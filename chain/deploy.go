package chain

import (
	"context"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/chain/bindings"
)

// DeployAll deploys Registry, EpochAnchor, ClaimsDistributor (reading
// the anchor's roots) and PaymentEscrow from c's account, which becomes the
// admin of the administered contracts, an authorised aggregator and the
// escrow's settler. The escrow's thawing period is c's
// Config.ThawingPeriod (DefaultThawingPeriod when 0). It returns the
// addresses; c.WithAddresses(a) gives a Client for them.
func DeployAll(ctx context.Context, c *Client) (Addresses, error) {
	if c.b == nil {
		return Addresses{}, ErrNoChain
	}
	if c.tx == nil {
		return Addresses{}, ErrNoKey
	}
	var a Addresses
	var err error
	if a.Registry, err = c.deploy(ctx, "Registry", bindings.RegistryMetaData.Bin, nil); err != nil {
		return Addresses{}, err
	}
	if a.Anchor, err = c.deploy(ctx, "EpochAnchor", bindings.EpochAnchorMetaData.Bin, nil); err != nil {
		return Addresses{}, err
	}
	if a.Claims, err = c.deploy(ctx, "ClaimsDistributor", bindings.ClaimsDistributorMetaData.Bin,
		abiClaims.PackConstructor(a.Anchor)); err != nil {
		return Addresses{}, err
	}
	thaw, err := thawingSeconds(c.cfg.ThawingPeriod)
	if err != nil {
		return Addresses{}, err
	}
	if a.Escrow, err = c.deploy(ctx, "PaymentEscrow", bindings.PaymentEscrowMetaData.Bin,
		abiEscrow.PackConstructor(c.from, thaw)); err != nil {
		return Addresses{}, err
	}
	if _, err := c.WithAddresses(a).SetAggregator(ctx, c.from, true); err != nil {
		return Addresses{}, fmt.Errorf("chain: deploy: authorise deployer as aggregator: %w", err)
	}
	c.log.Info("contracts deployed", "registry", a.Registry, "anchor", a.Anchor, "claims", a.Claims,
		"escrow", a.Escrow, "thawing_period_s", thaw, "admin", c.from)
	return a, nil
}

// deploy sends a contract creation and returns the new address.
func (c *Client) deploy(ctx context.Context, name, binHex string, args []byte) (common.Address, error) {
	code := append(common.FromHex(binHex), args...)
	if len(code) == 0 {
		return common.Address{}, fmt.Errorf("chain: deploy %s: empty bytecode", name)
	}
	r, err := c.tx.transact(ctx, "deploy "+name, nil, code)
	if err != nil {
		return common.Address{}, err
	}
	c.log.Debug("contract deployed", "name", name, "address", r.ContractAddress, "gas", r.GasUsed)
	return r.ContractAddress, nil
}
