package chain

import (
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// Config configures a Client. The zero RPCURL disables the chain: every
// Client call then returns ErrNoChain.
type Config struct {
	// RPCURL is the EVM JSON-RPC endpoint (http, https, ws or wss). Empty
	// disables the chain.
	RPCURL string
	// ChainID is the expected chain ID; 0 accepts what the endpoint reports.
	// A mismatch fails Dial.
	ChainID uint64
	// Registry, Anchor, Claims and Escrow (PaymentEscrow) are the deployed
	// contracts (hex in TOML). A zero address disables the calls that need
	// that contract.
	Registry, Anchor, Claims, Escrow common.Address
	// ThawingPeriod is the thawing period DeployAll gives a new
	// PaymentEscrow (whole seconds, rounded up); 0 means
	// DefaultThawingPeriod. It is fixed at deployment: a Client talking to
	// a deployed escrow reads it from the contract (EscrowThawingPeriod).
	ThawingPeriod time.Duration
	// GasLimitCap caps the gas limit of one transaction: an estimate (plus
	// GasMarginPercent) above it fails with ErrGasCap rather than sending.
	GasLimitCap uint64
	// GasMarginPercent is added to the gas estimate.
	GasMarginPercent uint64
	// MaxFeePerGasWei caps the EIP-1559 fee cap, initial and bumped; 0 means
	// no cap.
	MaxFeePerGasWei uint64
	// FeeBumpPercent raises tip and fee cap on every re-send; at least 10,
	// the replacement minimum of geth's and op-geth's pools.
	FeeBumpPercent uint64
	// ReceiptTimeout bounds the wait for a transaction's receipt, re-sends
	// included.
	ReceiptTimeout time.Duration
	// ResendAfter is how long a transaction may stay unmined before it is
	// re-sent with bumped fees (same nonce) when the pool dropped it or its
	// fees are stuck.
	ResendAfter time.Duration
	// PollInterval is how often a receipt is polled for.
	PollInterval time.Duration
	// CallTimeout bounds one RPC round trip when the caller's context has
	// no earlier deadline.
	CallTimeout time.Duration
}

// DefaultConfig returns a disabled chain with sending defaults suited to an
// OP-Stack L2 (2 s blocks).
func DefaultConfig() Config {
	return Config{
		GasLimitCap:      5_000_000,
		GasMarginPercent: 20,
		FeeBumpPercent:   20,
		ReceiptTimeout:   2 * time.Minute,
		ResendAfter:      30 * time.Second,
		PollInterval:     500 * time.Millisecond,
		CallTimeout:      15 * time.Second,
	}
}

// Enabled reports whether an RPC endpoint is configured.
func (c Config) Enabled() bool { return c.RPCURL != "" }

// Validate checks c. A disabled config is valid whatever its other fields.
func (c Config) Validate() error {
	if !c.Enabled() {
		return nil
	}
	var errs []error
	u, err := url.Parse(c.RPCURL)
	switch {
	case err != nil:
		errs = append(errs, fmt.Errorf("rpc url: %w", err))
	case u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "ws" && u.Scheme != "wss":
		errs = append(errs, fmt.Errorf("rpc url %q: scheme must be http, https, ws or wss", c.RPCURL))
	case u.Host == "":
		errs = append(errs, fmt.Errorf("rpc url %q: no host", c.RPCURL))
	}
	if c.GasLimitCap < 21_000 {
		errs = append(errs, fmt.Errorf("gas limit cap %d below 21000", c.GasLimitCap))
	}
	if c.GasMarginPercent > 100 {
		errs = append(errs, fmt.Errorf("gas margin %d%% above 100%%", c.GasMarginPercent))
	}
	if c.FeeBumpPercent < 10 || c.FeeBumpPercent > 200 {
		errs = append(errs, fmt.Errorf("fee bump %d%% outside [10, 200]", c.FeeBumpPercent))
	}
	if c.PollInterval <= 0 || c.ResendAfter <= 0 || c.ReceiptTimeout <= 0 || c.CallTimeout <= 0 {
		errs = append(errs, errors.New("poll interval, resend-after, receipt and call timeouts must be positive"))
	}
	if c.ThawingPeriod < 0 || c.ThawingPeriod > MaxThawingPeriod {
		errs = append(errs, fmt.Errorf("thawing period %v outside [0, %v]", c.ThawingPeriod, MaxThawingPeriod))
	}
	if c.ResendAfter < c.PollInterval {
		errs = append(errs, errors.New("resend-after below poll interval"))
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w: %w", ErrConfig, errors.Join(errs...))
	}
	return nil
}
