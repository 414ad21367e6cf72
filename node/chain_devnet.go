package node

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/provenet/provenet/chain"
	"github.com/provenet/provenet/chain/da"
	"github.com/provenet/provenet/gpu/train"
)

// devnetPricePer1k is what devnet GPU nodes charge: 10^12 wei (a
// micro-ether) per 1,000 tokens.
const devnetPricePer1k = 1_000_000_000_000

// devInfra is what a devnet runs in the launcher's own process: an
// embedded dev chain with the contracts, and a dev DA server.
type devInfra struct {
	chain *chain.DevChain
	da    *da.Server
	model string // random dev model for GPU nodes ("" without GPU nodes)
}

// startDevInfra starts the dev chain (kept under DIR/chain; every node's
// account funded, node 0
// authorised as aggregator and escrow settler, GPU nodes registered as operators with their
// own keys) and the DA server (blobs under DIR/da), and writes the random
// dev model once. A failure leaves nothing running.
func startDevInfra(ctx context.Context, dc DevnetConfig, homes []*Home) (inf *devInfra, err error) {
	inf = &devInfra{}
	defer func() {
		if err != nil {
			inf.stop(context.WithoutCancel(ctx), dc.Log)
			inf = nil
		}
	}()
	if dc.GPUNodes > 0 {
		if inf.model, err = devnetModel(dc.Dir); err != nil {
			return inf, err
		}
	}
	cc := chain.DefaultDevChainConfig()
	// Idle blocks every 2 s: the escrow's thaw ends by block time, so a
	// chain that seals only on transactions would keep a finished thaw
	// unwithdrawable until the next one.
	cc.BlockPeriod = 2 * time.Second
	cc.Addr = net.JoinHostPort("127.0.0.1", strconv.Itoa(dc.ChainPort))
	// The chain lives on disk under DIR/chain: anchors, registrations,
	// deposits and claims survive a devnet restart, at the same contract
	// addresses.
	if cc.DataDir, err = filepath.Abs(filepath.Join(dc.Dir, "chain")); err != nil {
		return inf, err
	}
	for _, h := range homes {
		cc.Fund = append(cc.Fund, h.Account.Address())
	}
	if inf.chain, err = chain.NewDevChain(cc, dc.Log); err != nil {
		return inf, err
	}
	if err = inf.chain.Start(ctx); err != nil {
		inf.chain = nil
		return inf, fmt.Errorf("%w: dev chain: %w", ErrDevnet, err)
	}
	admin, err := chain.NewClient(ctx, inf.chain.InProc(), inf.chain.Config(), inf.chain.Keys()[0], dc.Log)
	if err != nil {
		return inf, err
	}
	// On a reopened chain these are usually in place already.
	agg := homes[0].Account.Address()
	if ok, err := admin.IsAggregator(ctx, agg); err != nil {
		return inf, fmt.Errorf("%w: aggregator: %w", ErrDevnet, err)
	} else if !ok {
		if _, err = admin.SetAggregator(ctx, agg, true); err != nil {
			return inf, fmt.Errorf("%w: authorise aggregator: %w", ErrDevnet, err)
		}
	}
	// The aggregator settles each epoch's payments on the escrow.
	if s, err := admin.Settler(ctx); err != nil {
		return inf, fmt.Errorf("%w: settler: %w", ErrDevnet, err)
	} else if s != agg {
		if _, err = admin.SetSettler(ctx, agg); err != nil {
			return inf, fmt.Errorf("%w: authorise settler: %w", ErrDevnet, err)
		}
	}
	for i := 0; i < dc.GPUNodes && i < len(homes); i++ {
		op, err := chain.NewClient(ctx, inf.chain.InProc(), inf.chain.Config(), homes[i].Account.PrivateKey(), dc.Log)
		if err != nil {
			return inf, err
		}
		_, err = op.RegisterOperator(ctx, []byte(homes[i].PeerID()), big.NewInt(devnetPricePer1k))
		if err != nil && !errors.Is(err, chain.ErrExists) {
			return inf, fmt.Errorf("%w: register operator node%d: %w", ErrDevnet, i, err)
		}
	}
	scfg := da.DefaultServerConfig()
	scfg.Dir = filepath.Join(dc.Dir, "da")
	scfg.ListenAddr = net.JoinHostPort("127.0.0.1", strconv.Itoa(dc.DAPort))
	if inf.da, err = da.NewServer(scfg, nil, dc.Log); err != nil {
		return inf, err
	}
	if err = inf.da.Start(ctx); err != nil {
		inf.da = nil
		return inf, fmt.Errorf("%w: DA server: %w", ErrDevnet, err)
	}
	return inf, nil
}

// devnetModel writes the project's own trained base model (embedded in
// the binary; gpu/train.WriteBaseModel) under DIR/models once and returns
// its directory.
func devnetModel(dir string) (string, error) {
	path, err := filepath.Abs(filepath.Join(dir, "models", train.BaseModelName))
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(filepath.Join(path, "model.safetensors")); err == nil {
		return path, nil
	}
	if err := train.WriteBaseModel(path); err != nil {
		return "", fmt.Errorf("%w: dev model: %w", ErrDevnet, err)
	}
	return path, nil
}

// configure sets node i's [chain], [da], [attribution] and [gpu].
func (inf *devInfra) configure(i int, dc DevnetConfig, cfg *Config) string {
	c := inf.chain.Config()
	cfg.Chain = ChainConfig{RPCURL: c.RPCURL, ChainID: c.ChainID, Registry: c.Registry.Hex(), Anchor: c.Anchor.Hex(), Claims: c.Claims.Hex(), Escrow: c.Escrow.Hex()}
	cfg.DA = DAConfig{URL: inf.da.URL(), Timeout: Duration(time.Minute)}
	role := "edge"
	if i < dc.GPUNodes {
		cfg.GPU.Enabled, cfg.GPU.Model, cfg.GPU.Name = true, inf.model, train.BaseModelName
		cfg.GPU.KVTokens, cfg.GPU.PricePer1k = 4096, devnetPricePer1k
		role += ",gpu"
	}
	if i == 0 {
		cfg.Attribution.Aggregator = true
		role += ",aggregator"
	}
	return role
}

// describe fills the chain and DA entries of devnet.json.
func (inf *devInfra) describe(info *DevnetInfo) {
	c := inf.chain.Config()
	info.ChainRPC, info.DAURL, info.ChainID = c.RPCURL, inf.da.URL(), c.ChainID
	info.Registry, info.Anchor, info.Claims, info.Escrow = c.Registry.Hex(), c.Anchor.Hex(), c.Claims.Hex(), c.Escrow.Hex()
}

func (inf *devInfra) stop(ctx context.Context, log *slog.Logger) {
	if inf == nil {
		return
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if inf.da != nil {
		if err := inf.da.Stop(ctx); err != nil {
			log.Warn("devnet: stop DA server", "err", err)
		}
	}
	if inf.chain != nil {
		if err := inf.chain.Stop(ctx); err != nil {
			log.Warn("devnet: stop dev chain", "err", err)
		}
	}
}
