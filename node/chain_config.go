package node

import (
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/chain"
	"github.com/provenet/provenet/chain/da"
)

// ChainConfig is the [chain] section: the L2 the node anchors epochs on
// and claims from. An empty rpc_url disables the chain; calls that need
// it then fail with chain.ErrNoChain.
type ChainConfig struct {
	RPCURL   string `toml:"rpc_url" comment:"EVM JSON-RPC endpoint of the L2; empty disables anchoring, claims and registry checks"`
	ChainID  uint64 `toml:"chain_id" comment:"expected chain id (0: accept what the endpoint reports)"`
	Registry string `toml:"registry" comment:"Registry contract address (hex)"`
	Anchor   string `toml:"anchor" comment:"EpochAnchor contract address (hex)"`
	Claims   string `toml:"claims" comment:"ClaimsDistributor contract address (hex)"`
	Escrow   string `toml:"escrow" comment:"PaymentEscrow contract address (hex): deposits, vouchers, per-epoch settlement"`
}

// DAConfig is the [da] section: an eigenda-proxy (or the devnet's dev DA
// server) that epoch batches are posted to. An empty url disables it.
type DAConfig struct {
	URL     string   `toml:"url" comment:"eigenda-proxy REST base URL; empty disables posting epoch batches"`
	Timeout Duration `toml:"timeout" comment:"per request; a real proxy's put waits for dispersal"`
}

// AttributionConfig is the [attribution] section: receipts for served
// requests, and, on an aggregator, epoch closing and anchoring.
type AttributionConfig struct {
	Enabled       bool     `toml:"enabled" comment:"issue, gossip and keep attribution receipts"`
	Aggregator    bool     `toml:"aggregator" comment:"close epochs: receipts root, points root, DA batch, anchor transaction (needs [chain], [da] and an authorised account)"`
	OperatorBps   uint32   `toml:"operator_bps" comment:"fee share of the serving node, in basis points"`
	ModelBps      uint32   `toml:"model_bps" comment:"fee share of base model and adapter owners"`
	DataBps       uint32   `toml:"data_bps" comment:"fee share of the contributors of attributed records"`
	MinSpan       int      `toml:"min_span" comment:"shortest output span (tokens) copied from a golden record that credits it"`
	MaxLagEpochs  uint64   `toml:"max_lag_epochs" comment:"receipts older than this many epochs are rejected (replay window)"`
	CloseGrace    Duration `toml:"close_grace" comment:"wait after an epoch ends before closing it"`
	IndexInterval Duration `toml:"index_interval" comment:"how often newly golden records are added to the span index"`
}

// DefaultChainConfig is disabled.
func DefaultChainConfig() ChainConfig { return ChainConfig{} }

// DefaultDAConfig is disabled.
func DefaultDAConfig() DAConfig { return DAConfig{Timeout: Duration(2 * time.Minute)} }

// DefaultAttributionConfig issues receipts and does not aggregate.
func DefaultAttributionConfig() AttributionConfig {
	p := attribution.DefaultSplitParams()
	return AttributionConfig{
		Enabled: true, OperatorBps: p.OperatorBps, ModelBps: p.ModelOwnerBps, DataBps: p.DataBps,
		MinSpan: attribution.DefaultAttributeOptions().MinSpan, MaxLagEpochs: 2,
		CloseGrace: Duration(5 * time.Second), IndexInterval: Duration(10 * time.Second),
	}
}

// validateAnchoring checks [chain], [da] and [attribution].
func (c Config) validateAnchoring() error {
	var errs []error
	if _, err := c.ChainClientConfig(); err != nil {
		errs = append(errs, err)
	}
	if c.DA.URL != "" {
		if err := c.DAClientConfig().Validate(); err != nil {
			errs = append(errs, fmt.Errorf("da: %w", err))
		}
	}
	a := c.Attribution
	if err := a.SplitParams().Validate(); err != nil {
		errs = append(errs, fmt.Errorf("attribution: %w", err))
	}
	if a.MinSpan < 1 || a.MinSpan > 1024 {
		errs = append(errs, fmt.Errorf("attribution.min_span %d: want 1..1024", a.MinSpan))
	}
	if a.MaxLagEpochs > 1000 {
		errs = append(errs, fmt.Errorf("attribution.max_lag_epochs %d: want at most 1000", a.MaxLagEpochs))
	}
	if a.CloseGrace.D() < 0 || a.IndexInterval.D() <= 0 {
		errs = append(errs, errors.New("attribution: close_grace must be >= 0 and index_interval positive"))
	}
	return errors.Join(errs...)
}

// SplitParams maps the fee shares onto attribution.SplitParams.
func (a AttributionConfig) SplitParams() attribution.SplitParams {
	return attribution.SplitParams{OperatorBps: a.OperatorBps, ModelOwnerBps: a.ModelBps, DataBps: a.DataBps}
}

// ChainClientConfig maps [chain] onto chain.Config.
func (c Config) ChainClientConfig() (chain.Config, error) {
	cc := chain.DefaultConfig()
	cc.RPCURL, cc.ChainID = c.Chain.RPCURL, c.Chain.ChainID
	for _, f := range []struct {
		name, hex string
		dst       *common.Address
	}{{"registry", c.Chain.Registry, &cc.Registry}, {"anchor", c.Chain.Anchor, &cc.Anchor}, {"claims", c.Chain.Claims, &cc.Claims}, {"escrow", c.Chain.Escrow, &cc.Escrow}} {
		if f.hex == "" {
			continue
		}
		if !common.IsHexAddress(f.hex) {
			return cc, fmt.Errorf("chain.%s %q: not a hex address", f.name, f.hex)
		}
		*f.dst = common.HexToAddress(f.hex)
	}
	if err := cc.Validate(); err != nil {
		return cc, err
	}
	return cc, nil
}

// DAClientConfig maps [da] onto da.ClientConfig.
func (c Config) DAClientConfig() da.ClientConfig {
	d := da.DefaultClientConfig(c.DA.URL)
	if c.DA.Timeout.D() > 0 {
		d.Timeout = c.DA.Timeout.D()
	}
	return d
}
