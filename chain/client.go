package chain

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"log/slog"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/provenet/provenet/chain/bindings"
)

// Client talks to the provenet contracts over any EVM JSON-RPC endpoint.
// Calls that send a transaction need an account key and wait for the
// receipt; read calls do not. A Client built from a disabled Config
// returns ErrNoChain from every call. It is safe for concurrent use.
type Client struct {
	cfg     Config
	log     *slog.Logger
	b       Backend
	closeFn func()
	chainID *big.Int
	tx      *sender // nil without a key
	from    common.Address

	reg *bindings.Registry
	anc *bindings.EpochAnchor
	clm *bindings.ClaimsDistributor
	esc *bindings.PaymentEscrow
}

// The generated bindings hold only the parsed ABIs; they are shared.
var (
	abiRegistry = bindings.NewRegistry()
	abiAnchor   = bindings.NewEpochAnchor()
	abiClaims   = bindings.NewClaimsDistributor()
	abiEscrow   = bindings.NewPaymentEscrow()
)

// Addresses are the deployed contracts.
type Addresses struct {
	Registry, Anchor, Claims common.Address
	// Escrow is the PaymentEscrow.
	Escrow common.Address
}

// Dial connects to cfg.RPCURL. key may be nil for a read-only client; log
// may be nil. With an empty RPCURL it returns a disabled Client and no
// error.
func Dial(ctx context.Context, cfg Config, key *ecdsa.PrivateKey, log *slog.Logger) (*Client, error) {
	if !cfg.Enabled() {
		return &Client{cfg: cfg, reg: abiRegistry, anc: abiAnchor, clm: abiClaims, esc: abiEscrow}, nil
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	ec, err := ethclient.DialContext(ctx, cfg.RPCURL)
	if err != nil {
		return nil, fmt.Errorf("chain: dial %s: %w", cfg.RPCURL, err)
	}
	c, err := NewClient(ctx, ec, cfg, key, log)
	if err != nil {
		ec.Close()
		return nil, err
	}
	c.closeFn = ec.Close
	return c, nil
}

// NewClient builds a Client over an existing backend (an in-process
// simulated chain, say); cfg.RPCURL is not used. It reads the chain ID and
// checks it against cfg.ChainID when that is set.
func NewClient(ctx context.Context, b Backend, cfg Config, key *ecdsa.PrivateKey, log *slog.Logger) (*Client, error) {
	if b == nil {
		return nil, fmt.Errorf("%w: nil backend", ErrConfig)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg = withSendDefaults(cfg)
	cctx, cancel := context.WithTimeout(ctx, cfg.CallTimeout)
	id, err := b.ChainID(cctx)
	cancel()
	if err != nil {
		return nil, fmt.Errorf("chain: chain id: %w", err)
	}
	if cfg.ChainID != 0 && (!id.IsUint64() || id.Uint64() != cfg.ChainID) {
		return nil, fmt.Errorf("%w: endpoint reports %v, config wants %d", ErrChainID, id, cfg.ChainID)
	}
	c := &Client{
		cfg: cfg, log: log.With("component", "chain"), b: b, chainID: id,
		reg: abiRegistry, anc: abiAnchor, clm: abiClaims, esc: abiEscrow,
	}
	if key != nil {
		c.tx = newSender(b, cfg, key, id, c.log)
		c.from = crypto.PubkeyToAddress(key.PublicKey)
	}
	return c, nil
}

// withSendDefaults fills unset sending parameters from DefaultConfig, so
// that a Config built field by field still works.
func withSendDefaults(c Config) Config {
	d := DefaultConfig()
	if c.GasLimitCap == 0 {
		c.GasLimitCap = d.GasLimitCap
	}
	if c.FeeBumpPercent == 0 {
		c.FeeBumpPercent = d.FeeBumpPercent
	}
	if c.ReceiptTimeout <= 0 {
		c.ReceiptTimeout = d.ReceiptTimeout
	}
	if c.ResendAfter <= 0 {
		c.ResendAfter = d.ResendAfter
	}
	if c.PollInterval <= 0 {
		c.PollInterval = d.PollInterval
	}
	if c.CallTimeout <= 0 {
		c.CallTimeout = d.CallTimeout
	}
	return c
}

// WithAddresses returns a Client for the contracts at a, sharing c's
// connection and nonce tracking.
func (c *Client) WithAddresses(a Addresses) *Client {
	cp := *c
	cp.cfg.Registry, cp.cfg.Anchor, cp.cfg.Claims, cp.cfg.Escrow = a.Registry, a.Anchor, a.Claims, a.Escrow
	cp.closeFn = nil // the original owns the connection
	return &cp
}

// Addresses returns the contracts c talks to.
func (c *Client) Addresses() Addresses {
	return Addresses{Registry: c.cfg.Registry, Anchor: c.cfg.Anchor, Claims: c.cfg.Claims, Escrow: c.cfg.Escrow}
}

// Close closes the connection Dial opened.
func (c *Client) Close() {
	if c.closeFn != nil {
		c.closeFn()
		c.closeFn = nil
	}
}

// Enabled reports whether c has a chain.
func (c *Client) Enabled() bool { return c.b != nil }

// From is the account transactions are sent from (zero without a key).
func (c *Client) From() common.Address { return c.from }

// ChainID is the chain ID the endpoint reported (0 when disabled).
func (c *Client) ChainID() uint64 {
	if c.chainID == nil || !c.chainID.IsUint64() {
		return 0
	}
	return c.chainID.Uint64()
}

// Backend returns the underlying RPC client (nil when disabled).
func (c *Client) Backend() Backend { return c.b }

// ready checks that c can reach contract addr (and send, when send).
func (c *Client) ready(addr common.Address, name string, send bool) error {
	if c.b == nil {
		return ErrNoChain
	}
	if addr == (common.Address{}) {
		return fmt.Errorf("%w: %s", ErrNoContract, name)
	}
	if send && c.tx == nil {
		return ErrNoKey
	}
	return nil
}

// call runs a read-only call against the latest block.
func (c *Client) call(ctx context.Context, what string, to common.Address, data []byte) ([]byte, error) {
	cctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout)
	defer cancel()
	out, err := c.b.CallContract(cctx, ethereum.CallMsg{From: c.from, To: &to, Data: data}, nil)
	if err != nil {
		return nil, fmt.Errorf("chain: %s: %w", what, asRevert(err))
	}
	return out, nil
}

// send packs nothing: data is ready calldata. It returns the receipt.
func (c *Client) send(ctx context.Context, what string, to common.Address, data []byte) (*types.Receipt, error) {
	return c.tx.transact(ctx, what, &to, data)
}

// sendValue is send with value wei attached.
func (c *Client) sendValue(ctx context.Context, what string, to common.Address, data []byte, value *big.Int) (*types.Receipt, error) {
	return c.tx.transactValue(ctx, what, &to, data, value)
}

func packErr(what string, err error) error {
	return fmt.Errorf("chain: %s: %w: %w", what, ErrBadInput, err)
}

func unpackErr(what string, err error) error {
	return fmt.Errorf("chain: %s: decode result: %w", what, err)
}
