package chain

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"log/slog"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"

	"github.com/provenet/provenet/merkle"
)

// testLogger sends logs to t.Log.
func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

type tWriter struct{ t testing.TB }

func (w tWriter) Write(p []byte) (int, error) { w.t.Log(string(p)); return len(p), nil }

// sim is an ethclient/simulated chain with funded accounts, the contracts
// deployed by account 0, and one Client per account. Its backend seals a
// block after every accepted transaction (autoCommit), so Client calls
// that wait for receipts work as on a live chain.
type sim struct {
	backend *simulated.Backend
	keys    []*ecdsa.PrivateKey
	addrs   Addresses
	clients []*Client
}

func testConfig() Config {
	c := DefaultConfig()
	c.PollInterval = 5 * time.Millisecond
	c.ResendAfter = 2 * time.Second
	c.ReceiptTimeout = 20 * time.Second
	return c
}

func newSim(t testing.TB, accounts int) *sim {
	t.Helper()
	keys, err := DevKeys("chain-test", accounts)
	if err != nil {
		t.Fatal(err)
	}
	alloc := types.GenesisAlloc{}
	for _, k := range keys {
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = types.Account{Balance: new(big.Int).Mul(big.NewInt(1000), big.NewInt(params.Ether))}
	}
	b := simulated.NewBackend(alloc, simulated.WithBlockGasLimit(60_000_000), func(nc *node.Config, ec *ethconfig.Config) {
		nc.IPCPath = ""
		ec.Genesis.Config = devChainRules(1337)
		// The miner stops filling a block after Recommit (2 s by
		// default) and leaves the rest in the pool; under make test's
		// load a 12M-gas redeem batch alone can take that long.
		ec.Miner.Recommit = time.Minute
	})
	t.Cleanup(func() { _ = b.Close() })
	ctx := context.Background()
	s := &sim{backend: b, keys: keys}
	log := testLogger(t)
	ac := &autoCommit{Client: b.Client(), b: b}
	deployer, err := NewClient(ctx, ac, testConfig(), keys[0], log)
	if err != nil {
		t.Fatal(err)
	}
	if s.addrs, err = DeployAll(ctx, deployer); err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		c, err := NewClient(ctx, ac, testConfig(), k, log)
		if err != nil {
			t.Fatal(err)
		}
		s.clients = append(s.clients, c.WithAddresses(s.addrs))
	}
	return s
}

// autoCommit is the simulated client with a block sealed after each
// accepted transaction.
type autoCommit struct {
	simulated.Client
	b  *simulated.Backend
	mu sync.Mutex
}

func (a *autoCommit) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	if err := a.Client.SendTransaction(ctx, tx); err != nil {
		return err
	}
	a.mu.Lock()
	a.b.Commit()
	a.mu.Unlock()
	return nil
}

func (s *sim) addr(i int) common.Address { return crypto.PubkeyToAddress(s.keys[i].PublicKey) }

// receipt returns the receipt of a sent transaction. The simulated
// backend indexes transactions in the background, so a receipt can be
// "not found" for a moment after Commit on a loaded machine, and a
// transaction the miner left out of a block stays pending until the next
// one: it asks again for up to 20 s, sealing a block every 500 ms.
func (s *sim) receipt(t testing.TB, h common.Hash) *types.Receipt {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	lastSeal := time.Now()
	for {
		r, err := s.backend.Client().TransactionReceipt(context.Background(), h)
		if err == nil {
			return r
		}
		if !errors.Is(err, ethereum.NotFound) || time.Now().After(deadline) {
			t.Fatalf("receipt of %s: %v", h, err)
		}
		if time.Since(lastSeal) > 500*time.Millisecond {
			s.backend.Commit()
			lastSeal = time.Now()
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// pointsLeaf is points.Leaf re-derived (chain must not import points):
// keccak256(bytes.concat(keccak256(abi.encode(addr, uint256(epoch),
// uint256(points))))).
func pointsLeaf(addr common.Address, epoch, points uint64) [32]byte {
	return merkle.LeafHash(merkle.EncodeAddressUint64s(addr, epoch, points))
}

// pointsTree builds an epoch snapshot tree over (address, cumulative)
// entries.
func pointsTree(t testing.TB, epoch uint64, entries map[common.Address]uint64) *merkle.Tree {
	t.Helper()
	leaves := make([][32]byte, 0, len(entries))
	for a, p := range entries {
		leaves = append(leaves, pointsLeaf(a, epoch, p))
	}
	tree, err := merkle.New(leaves)
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

func proofOf(t testing.TB, tree *merkle.Tree, leaf [32]byte) [][32]byte {
	t.Helper()
	p, err := tree.Proof(leaf)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
