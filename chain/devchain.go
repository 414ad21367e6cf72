package chain

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"os"
	"path/filepath"
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
	// DataDir, when set, keeps the chain on disk there instead of in
	// memory: a later Start continues from the stored head with the same
	// genesis, and reuses the contracts deployed before (their addresses
	// are kept in DataDir/devchain.json) when their code is still there.
	// Addresses in Fund that the stored genesis lacks get Balance/100 by a
	// transfer from account 0 (which cannot give a whole Balance away). Blocks are written to disk on Stop; a
	// process killed without Stop may come back with an older head.
	DataDir string
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
	reused   bool // Start found the contracts of an earlier run
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
	state, err := d.loadState()
	if err != nil {
		d.mu.Unlock()
		return err
	}
	if err := d.startNode(state.Fund); err != nil {
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
	if err := d.fundNew(ctx, state); err != nil {
		return err
	}
	if d.cfg.Deploy {
		a, reused, err := d.reuseContracts(ctx, state.Contracts)
		if err != nil {
			return err
		}
		if !reused {
			c, err := NewClient(ctx, d.client, Config{PollInterval: 20 * time.Millisecond, ResendAfter: 5 * time.Second, ThawingPeriod: d.cfg.ThawingPeriod}, d.keys[0], d.base)
			if err != nil {
				return err
			}
			if a, err = DeployAll(ctx, c); err != nil {
				return fmt.Errorf("%w: deploy contracts: %w", ErrDevChain, err)
			}
		}
		d.mu.Lock()
		d.addrs = a
		d.reused = reused
		d.mu.Unlock()
		state.Contracts = &a
	}
	if err := d.saveState(state); err != nil {
		return err
	}
	d.log.Info("dev chain started", "rpc", d.url, "chain_id", d.cfg.ChainID, "accounts", len(d.keys),
		"data_dir", d.cfg.DataDir, "head", d.Head(), "contracts_reused", d.Reused(),
		"registry", d.addrs.Registry, "anchor", d.addrs.Anchor, "claims", d.addrs.Claims, "escrow", d.addrs.Escrow)
	return nil
}

// startNode assembles the node as ethclient/simulated does, with HTTP on;
// genesis funds the dev keys and fund. d.mu is held.
func (d *DevChain) startNode(fund []common.Address) error {
	host, portStr, _ := net.SplitHostPort(d.cfg.Addr)
	port, _ := strconv.Atoi(portStr)
	nodeConf := node.DefaultConfig
	nodeConf.DataDir = d.cfg.DataDir // "": in memory
	nodeConf.Name = "provenet-devchain"
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
	for _, a := range fund {
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
	// The beacon continues from the current head: genesis on a new
	// chain, the stored head on a reopened one.
	beacon, err := catalyst.NewSimulatedBeacon(0, common.Address{}, backend)
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

// Reused reports whether Start reopened a stored chain whose contracts
// were already deployed (callers then skip their own one-time setup when
// it is already on chain).
func (d *DevChain) Reused() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.reused
}

// Head is the current block number.
func (d *DevChain) Head() uint64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.eth == nil {
		return 0
	}
	return d.eth.BlockChain().CurrentBlock().Number.Uint64()
}

// devChainState is DataDir/devchain.json: what a reopened chain needs to
// rebuild the same genesis and find its contracts.
type devChainState struct {
	// Fund are the extra addresses of the stored genesis.
	Fund      []common.Address `json:"genesis_fund"`
	Contracts *Addresses       `json:"contracts,omitempty"`
	// extra: Fund addresses of this start that genesis lacks.
	extra []common.Address
}

const devChainStateFile = "devchain.json"

// loadState reads DataDir/devchain.json; without a DataDir or on a new
// one, genesis funds cfg.Fund.
func (d *DevChain) loadState() (*devChainState, error) {
	st := &devChainState{Fund: d.cfg.Fund}
	if d.cfg.DataDir == "" {
		return st, nil
	}
	b, err := os.ReadFile(filepath.Join(d.cfg.DataDir, devChainStateFile))
	if errors.Is(err, os.ErrNotExist) {
		return st, nil
	}
	if err == nil {
		err = json.Unmarshal(b, st)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrDevChain, devChainStateFile, err)
	}
	have := map[common.Address]bool{}
	for _, a := range st.Fund {
		have[a] = true
	}
	for _, a := range d.cfg.Fund {
		if !have[a] {
			st.extra = append(st.extra, a)
		}
	}
	return st, nil
}

func (d *DevChain) saveState(st *devChainState) error {
	if d.cfg.DataDir == "" {
		return nil
	}
	b, _ := json.MarshalIndent(st, "", "  ")
	path := filepath.Join(d.cfg.DataDir, devChainStateFile)
	if err := os.WriteFile(path+".tmp", append(b, '\n'), 0o600); err != nil {
		return fmt.Errorf("%w: %w", ErrDevChain, err)
	}
	if err := os.Rename(path+".tmp", path); err != nil {
		return fmt.Errorf("%w: %w", ErrDevChain, err)
	}
	return nil
}

// reuseContracts reports whether every stored contract still has code.
func (d *DevChain) reuseContracts(ctx context.Context, a *Addresses) (Addresses, bool, error) {
	if a == nil {
		return Addresses{}, false, nil
	}
	for _, addr := range []common.Address{a.Registry, a.Anchor, a.Claims, a.Escrow} {
		code, err := d.client.CodeAt(ctx, addr, nil)
		if err != nil {
			return Addresses{}, false, fmt.Errorf("%w: code at %s: %w", ErrDevChain, addr, err)
		}
		if len(code) == 0 {
			d.log.Warn("stored contract has no code; deploying again", "addr", addr)
			return Addresses{}, false, nil
		}
	}
	return *a, true, nil
}

// fundNew sends Balance/100 from account 0 to each address of cfg.Fund that
// the stored genesis lacks and that holds nothing yet (a devnet grown by
// some nodes since its chain began).
func (d *DevChain) fundNew(ctx context.Context, st *devChainState) error {
	if len(st.extra) == 0 {
		return nil
	}
	from := crypto.PubkeyToAddress(d.keys[0].PublicKey)
	signer := types.LatestSignerForChainID(new(big.Int).SetUint64(d.cfg.ChainID))
	for _, to := range st.extra {
		bal, err := d.client.BalanceAt(ctx, to, nil)
		if err != nil {
			return fmt.Errorf("%w: balance of %s: %w", ErrDevChain, to, err)
		}
		if bal.Sign() > 0 {
			continue
		}
		nonce, err := d.client.PendingNonceAt(ctx, from)
		if err != nil {
			return fmt.Errorf("%w: nonce: %w", ErrDevChain, err)
		}
		tip, err := d.client.SuggestGasTipCap(ctx)
		if err != nil {
			return fmt.Errorf("%w: gas tip: %w", ErrDevChain, err)
		}
		head, err := d.client.HeaderByNumber(ctx, nil)
		if err != nil {
			return fmt.Errorf("%w: head: %w", ErrDevChain, err)
		}
		feeCap := new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2)))
		tx, err := types.SignNewTx(d.keys[0], signer, &types.DynamicFeeTx{
			ChainID: new(big.Int).SetUint64(d.cfg.ChainID), Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap,
			Gas: 21_000, To: &to, Value: new(big.Int).Div(d.cfg.Balance, big.NewInt(100)),
		})
		if err != nil {
			return fmt.Errorf("%w: sign: %w", ErrDevChain, err)
		}
		if err := d.client.SendTransaction(ctx, tx); err != nil {
			return fmt.Errorf("%w: fund %s: %w", ErrDevChain, to, err)
		}
		for {
			if r, err := d.client.TransactionReceipt(ctx, tx.Hash()); err == nil {
				if r.Status != types.ReceiptStatusSuccessful {
					return fmt.Errorf("%w: fund %s: transaction failed", ErrDevChain, to)
				}
				break
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("%w: fund %s: %w", ErrDevChain, to, ctx.Err())
			case <-time.After(20 * time.Millisecond):
			}
		}
		d.log.Info("funded account missing from the stored genesis", "addr", to)
	}
	return nil
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
