package chain

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth"
	"github.com/ethereum/go-ethereum/eth/catalyst"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/eth/filters"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/p2p"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"
)

// devChainRules returns the dev chain's rules: go-ethereum's dev-chain
// config up to Prague, as OP-Stack chains run it since Isthmus. The later
// forks go-ethereum enables for dev chains (Osaka, Amsterdam, Bogota) are
// off: Amsterdam's state-gas repricing (EIP-8037) roughly quadruples the
// cost of new storage, which would make gas figures meaningless for an
// L2.
func devChainRules(chainID uint64) *params.ChainConfig {
	c := *params.AllDevChainProtocolChanges
	c.ChainID = new(big.Int).SetUint64(chainID)
	c.OsakaTime, c.AmsterdamTime, c.BogotaTime = nil, nil, nil
	return &c
}

// ErrDevChain reports a dev chain that is misconfigured or not running.
var ErrDevChain = errors.New("chain: dev chain")

// DevChainConfig configures a DevChain.
type DevChainConfig struct {
	// Addr is the JSON-RPC HTTP listen address; it must be loopback. Port 0
	// picks a free port (see DevChain.URL).
	Addr string
	// ChainID of the dev chain.
	ChainID uint64
	// Seed derives the funded accounts' keys (DevKeys).
	Seed string
	// Accounts is how many funded accounts genesis holds.
	Accounts int
	// Balance is each account's genesis balance in wei.
	Balance *big.Int
	// BlockGasLimit is the block gas limit.
	BlockGasLimit uint64
	// BlockPeriod, when positive, also seals a block at that interval even
	// without transactions (advancing block time). Zero: blocks only on
	// transactions.
	BlockPeriod time.Duration
	// Deploy deploys the provenet contracts from account 0 at Start.
	Deploy bool
	// Fund are extra addresses that genesis gives Balance each (devnet
	// node accounts).
	Fund []common.Address
	// ThawingPeriod is the deployed PaymentEscrow's thawing period (0:
	// DefaultThawingPeriod).
	ThawingPeriod time.Duration
}

// DefaultDevChainConfig returns a loopback dev chain on a free port with
// ten accounts of a million ether each, sealing a block for each batch of
// transactions, with the contracts deployed (the escrow with a 10 s thawing
// period).
func DefaultDevChainConfig() DevChainConfig {
	return DevChainConfig{
		Addr:          "127.0.0.1:0",
		ChainID:       1337,
		Seed:          "provenet-devnet",
		Accounts:      10,
		Balance:       new(big.Int).Mul(big.NewInt(1_000_000), big.NewInt(params.Ether)),
		BlockGasLimit: 30_000_000,
		Deploy:        true,
		ThawingPeriod: 10 * time.Second,
	}
}

// Validate checks c.
func (c DevChainConfig) Validate() error {
	host, port, err := net.SplitHostPort(c.Addr)
	if err != nil {
		return fmt.Errorf("%w: addr %q: %w", ErrDevChain, c.Addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("%w: addr %q is not loopback", ErrDevChain, c.Addr)
	}
	if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
		return fmt.Errorf("%w: addr %q: bad port", ErrDevChain, c.Addr)
	}
	switch {
	case c.ChainID == 0:
		return fmt.Errorf("%w: chain id 0", ErrDevChain)
	case c.Accounts < 1 || c.Accounts > 1000:
		return fmt.Errorf("%w: %d accounts (want 1..1000)", ErrDevChain, c.Accounts)
	case c.Balance == nil || c.Balance.Sign() <= 0:
		return fmt.Errorf("%w: account balance must be positive", ErrDevChain)
	case c.BlockGasLimit < 1_000_000:
		return fmt.Errorf("%w: block gas limit %d below 1000000", ErrDevChain, c.BlockGasLimit)
	case c.BlockPeriod < 0:
		return fmt.Errorf("%w: negative block period", ErrDevChain)
	case c.ThawingPeriod < 0 || c.ThawingPeriod > MaxThawingPeriod:
		return fmt.Errorf("%w: thawing period %v outside [0, %v]", ErrDevChain, c.ThawingPeriod, MaxThawingPeriod)
	}
	return nil
}

// DevChain is an embedded single-node EVM chain for devnet and tests: the
// same go-ethereum stack as ethclient/simulated (an in-memory node with a
// simulated beacon driving block production, all forks active), plus
// funded deterministic accounts and the JSON-RPC HTTP server on loopback.
//
// Blocks: a block is sealed as soon as transactions reach the pool (one
// block per burst, not per fixed tick). That keeps a transaction's
// latency at a few milliseconds, produces no empty blocks while idle, and
// keeps block timestamps close to wall time (the beacon gives each block
// at least parent+1 s, so five blocks a second would run ahead of the
// clock). BlockPeriod adds idle blocks for code that waits on time.
type DevChain struct {
	cfg  DevChainConfig
	log  *slog.Logger
	base *slog.Logger // for the deploying Client
	keys []*ecdsa.PrivateKey

	mu       sync.Mutex // guards the fields below and serialises sealing
	stack    *node.Node
	eth      *eth.Ethereum
	beacon   *catalyst.SimulatedBeacon
	client   *ethclient.Client
	url      string
	addrs    Addresses
	automine bool
	cancel   context.CancelFunc
	done     chan struct{}
}

// NewDevChain validates cfg and derives the accounts; Start runs the chain.
func NewDevChain(cfg DevChainConfig, log *slog.Logger) (*DevChain, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	keys, err := DevKeys(cfg.Seed, cfg.Accounts)
	if err != nil {
		return nil, err
	}
	return &DevChain{cfg: cfg, log: log.With("component", "devchain"), base: log, keys: keys, automine: true}, nil
}

// Start builds the chain, opens the RPC server and, when configured,
// deploys the contracts. ctx bounds the deployment only. A failed Start
// leaves nothing running.
func (d *DevChain) Start(ctx context.Context) (err error) {
	d.mu.Lock()
	if d.stack != nil {
		d.mu.Unlock()
		return fmt.Errorf("%w: already started", ErrDevChain)
	}
	if err := d.startNode(); err != nil {
		d.mu.Unlock()
		return err
	}
	loopCtx, cancel := context.WithCancel(context.Background())
	d.cancel, d.done = cancel, make(chan struct{})
	go d.produce(loopCtx, d.done)
	d.mu.Unlock()
	defer func() {
		if err != nil {
			_ = d.Stop(context.Background())
		}
	}()
	if d.cfg.Deploy {
		c, err := NewClient(ctx, d.client, Config{PollInterval: 20 * time.Millisecond, ResendAfter: 5 * time.Second, ThawingPeriod: d.cfg.ThawingPeriod}, d.keys[0], d.base)
		if err != nil {
			return err
		}
		a, err := DeployAll(ctx, c)
		if err != nil {
			return fmt.Errorf("%w: deploy contracts: %w", ErrDevChain, err)
		}
		d.mu.Lock()
		d.addrs = a
		d.mu.Unlock()
	}
	d.log.Info("dev chain started", "rpc", d.url, "chain_id", d.cfg.ChainID, "accounts", len(d.keys),
		"registry", d.addrs.Registry, "anchor", d.addrs.Anchor, "claims", d.addrs.Claims, "escrow", d.addrs.Escrow)
	return nil
}

// startNode assembles the node as ethclient/simulated does, with HTTP on.
// d.mu is held.
func (d *DevChain) startNode() error {
	host, portStr, _ := net.SplitHostPort(d.cfg.Addr)
	port, _ := strconv.Atoi(portStr)
	nodeConf := node.DefaultConfig
	nodeConf.DataDir = "" // in memory
	nodeConf.P2P = p2p.Config{NoDiscovery: true, MaxPeers: 0}
	nodeConf.HTTPHost, nodeConf.HTTPPort = host, port
	nodeConf.HTTPModules = []string{"eth", "net", "web3", "txpool"}
	nodeConf.HTTPVirtualHosts = []string{"localhost"}
	nodeConf.AuthAddr, nodeConf.AuthPort = "127.0.0.1", 0
	nodeConf.WSHost = ""

	chainCfg := devChainRules(d.cfg.ChainID)
	alloc := core.SystemContractAllocs()
	for _, k := range d.keys {
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = types.Account{Balance: new(big.Int).Set(d.cfg.Balance)}
	}
	for _, a := range d.cfg.Fund {
		alloc[a] = types.Account{Balance: new(big.Int).Set(d.cfg.Balance)}
	}
	ethConf := ethconfig.Defaults
	ethConf.Genesis = &core.Genesis{Config: chainCfg, GasLimit: d.cfg.BlockGasLimit, Alloc: alloc}
	ethConf.Miner.GasCeil = d.cfg.BlockGasLimit
	// The miner stops filling a block after Recommit (2 s by default)
	// and leaves the rest pending until the next seal; a loaded machine
	// running big redeem batches can take that long.
	ethConf.Miner.Recommit = 30 * time.Second
	ethConf.SyncMode = ethconfig.FullSync
	ethConf.TxPool.NoLocals = true
	ethConf.NetworkId = d.cfg.ChainID

	stack, err := node.New(&nodeConf)
	if err != nil {
		return fmt.Errorf("%w: node: %w", ErrDevChain, err)
	}
	backend, err := eth.New(stack, &ethConf)
	if err != nil {
		_ = stack.Close()
		return fmt.Errorf("%w: eth: %w", ErrDevChain, err)
	}
	fs := filters.NewFilterSystem(backend.APIBackend, filters.Config{})
	stack.RegisterAPIs([]rpc.API{{Namespace: "eth", Service: filters.NewFilterAPI(fs)}})
	if err := stack.Start(); err != nil {
		_ = stack.Close()
		return fmt.Errorf("%w: start node on %s: %w", ErrDevChain, d.cfg.Addr, err)
	}
	beacon, err := catalyst.NewSimulatedBeacon(0, common.Address{}, backend)
	if err == nil {
		err = beacon.Fork(backend.BlockChain().GetCanonicalHash(0))
	}
	if err != nil {
		_ = stack.Close()
		return fmt.Errorf("%w: beacon: %w", ErrDevChain, err)
	}
	d.stack, d.eth, d.beacon = stack, backend, beacon
	d.client = ethclient.NewClient(stack.Attach())
	d.url = stack.HTTPEndpoint()
	return nil
}

// produce seals a block whenever transactions reach the pool (after a
// short pause that gathers a burst), and every BlockPeriod when set.
func (d *DevChain) produce(ctx context.Context, done chan struct{}) {
	defer close(done)
	d.mu.Lock()
	pool := d.eth.TxPool()
	d.mu.Unlock()
	txs := make(chan core.NewTxsEvent, 64)
	sub := pool.SubscribeTransactions(txs, true)
	defer sub.Unsubscribe()
	var tick <-chan time.Time
	if d.cfg.BlockPeriod > 0 {
		t := time.NewTicker(d.cfg.BlockPeriod)
		defer t.Stop()
		tick = t.C
	}
	const gather = 2 * time.Millisecond
	for {
		select {
		case <-ctx.Done():
			return
		case err := <-sub.Err():
			if err != nil {
				d.log.Warn("tx subscription ended", "err", err)
			}
			return
		case <-txs:
			time.Sleep(gather)
			for len(txs) > 0 {
				<-txs
			}
			d.seal(true)
		case <-tick:
			d.seal(false)
		}
	}
}

// seal commits a block unless automining is off (for tx events).
func (d *DevChain) seal(onTx bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.beacon == nil || (onTx && !d.automine) {
		return
	}
	d.beacon.Commit()
}

// Stop stops block production, the RPC server and the node.
func (d *DevChain) Stop(ctx context.Context) error {
	d.mu.Lock()
	cancel, done := d.cancel, d.done
	d.cancel, d.done = nil, nil
	d.mu.Unlock()
	if cancel != nil {
		cancel()
		select {
		case <-done:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	var errs []error
	if d.client != nil {
		d.client.Close()
		d.client = nil
	}
	if d.beacon != nil {
		errs = append(errs, d.beacon.Stop())
		d.beacon = nil
	}
	if d.stack != nil {
		errs = append(errs, d.stack.Close())
		d.stack = nil
	}
	d.eth = nil
	return errors.Join(errs...)
}

// URL is the JSON-RPC HTTP endpoint (http://127.0.0.1:port), empty before
// Start.
func (d *DevChain) URL() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.url
}

// ChainID is the dev chain's chain ID.
func (d *DevChain) ChainID() uint64 { return d.cfg.ChainID }

// Keys returns the funded accounts' keys; key 0 deployed the contracts
// and is their admin and an aggregator.
func (d *DevChain) Keys() []*ecdsa.PrivateKey { return d.keys }

// Accounts returns the funded accounts' addresses.
func (d *DevChain) Accounts() []common.Address {
	out := make([]common.Address, len(d.keys))
	for i, k := range d.keys {
		out[i] = crypto.PubkeyToAddress(k.PublicKey)
	}
	return out
}

// Addresses returns the contracts deployed at Start (zero without Deploy).
func (d *DevChain) Addresses() Addresses {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.addrs
}

// Config returns a chain Config for this dev chain: its URL, chain ID and
// contracts, with sending tuned for instant blocks.
func (d *DevChain) Config() Config {
	c := DefaultConfig()
	d.mu.Lock()
	c.RPCURL, c.Registry, c.Anchor, c.Claims, c.Escrow = d.url, d.addrs.Registry, d.addrs.Anchor, d.addrs.Claims, d.addrs.Escrow
	c.ThawingPeriod = d.cfg.ThawingPeriod
	d.mu.Unlock()
	c.ChainID = d.cfg.ChainID
	c.PollInterval = 20 * time.Millisecond
	c.ResendAfter = 5 * time.Second
	c.ReceiptTimeout = 30 * time.Second
	return c
}

// InProc returns an in-process RPC client of the chain (nil when stopped).
func (d *DevChain) InProc() Backend {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.client == nil {
		return nil
	}
	return d.client
}

// Commit seals a block now, whatever automining says.
func (d *DevChain) Commit() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.beacon == nil {
		return fmt.Errorf("%w: not running", ErrDevChain)
	}
	d.beacon.Commit()
	return nil
}

// SetAutomine turns sealing on transactions on or off (tests use it to
// hold transactions in the pool). Turning it on seals what is pending.
func (d *DevChain) SetAutomine(on bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.automine = on
	if on && d.beacon != nil {
		d.beacon.Commit()
	}
}

// DropPending removes every pending transaction from the pool, as a
// congested or restarted L2 sequencer might.
func (d *DevChain) DropPending() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.beacon == nil {
		return fmt.Errorf("%w: not running", ErrDevChain)
	}
	d.beacon.Rollback()
	return nil
}
