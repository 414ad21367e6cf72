package chain

import (
	"context"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
)

func startDevChain(t *testing.T) *DevChain {
	t.Helper()
	cfg := DefaultDevChainConfig()
	cfg.Accounts = 3
	d, err := NewDevChain(cfg, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := d.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := d.Stop(context.Background()); err != nil {
			t.Error(err)
		}
	})
	return d
}

// TestDevChainHTTP drives the dev chain end to end over its loopback
// JSON-RPC HTTP endpoint: a plain ethclient, then a Client from Dial.
func TestDevChainHTTP(t *testing.T) {
	d := startDevChain(t)
	ctx := context.Background()
	if !strings.HasPrefix(d.URL(), "http://127.0.0.1:") {
		t.Fatalf("url %q", d.URL())
	}
	ec, err := ethclient.DialContext(ctx, d.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer ec.Close()
	if id, err := ec.ChainID(ctx); err != nil || id.Uint64() != 1337 {
		t.Fatalf("chain id %v %v", id, err)
	}
	if bal, err := ec.BalanceAt(ctx, d.Accounts()[2], nil); err != nil || bal.Sign() <= 0 {
		t.Fatalf("dev account balance %v %v", bal, err)
	}
	a := d.Addresses()
	if code, err := ec.CodeAt(ctx, a.Claims, nil); err != nil || len(code) == 0 {
		t.Fatalf("claims contract not deployed: %v", err)
	}

	c, err := Dial(ctx, d.Config(), d.Keys()[0], testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.ChainID() != 1337 {
		t.Fatal(c.ChainID())
	}
	who := d.Accounts()[1]
	tree := pointsTree(t, 1, map[common.Address]uint64{who: 42, {7}: 1})
	if _, err := c.Anchor(ctx, 1, [32]byte{1}, tree.Root(), []byte("da-commitment")); err != nil {
		t.Fatal(err)
	}
	e, err := c.Epoch(ctx, 1)
	if err != nil || e.PointsRoot != tree.Root() {
		t.Fatalf("epoch %+v %v", e, err)
	}
	user, err := Dial(ctx, d.Config(), d.Keys()[1], nil)
	if err != nil {
		t.Fatal(err)
	}
	defer user.Close()
	if _, err := user.Claim(ctx, 1, big.NewInt(42), proofOf(t, tree, pointsLeaf(who, 1, 42))); err != nil {
		t.Fatal(err)
	}
	if v, err := c.Claimed(ctx, who); err != nil || v.Int64() != 42 {
		t.Fatalf("claimed %v %v", v, err)
	}
	if _, err := user.RegisterOperator(ctx, []byte("peer"), big.NewInt(5)); err != nil {
		t.Fatal(err)
	}
	if ok, err := c.IsOperator(ctx, who); err != nil || !ok {
		t.Fatalf("operator %v %v", ok, err)
	}
	// A wrong expected chain ID fails Dial.
	bad := d.Config()
	bad.ChainID = 10
	if _, err := Dial(ctx, bad, nil, nil); err == nil || !strings.Contains(err.Error(), "chain id") {
		t.Fatalf("chain id mismatch: %v", err)
	}
}

// TestDroppedTxResent holds a transaction in the pool, drops it, and
// checks that the Client re-sends it with bumped fees under the same
// nonce.
func TestDroppedTxResent(t *testing.T) {
	d := startDevChain(t)
	ctx := context.Background()
	cfg := d.Config()
	cfg.ResendAfter = 300 * time.Millisecond
	c, err := Dial(ctx, cfg, d.Keys()[0], testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	from := c.From()
	ec := c.Backend()
	base, err := ec.(*ethclient.Client).NonceAt(ctx, from, nil)
	if err != nil {
		t.Fatal(err)
	}
	tip, err := ec.SuggestGasTipCap(ctx)
	if err != nil {
		t.Fatal(err)
	}

	d.SetAutomine(false)
	type result struct {
		h   common.Hash
		err error
	}
	done := make(chan result, 1)
	go func() {
		h, err := c.Anchor(ctx, 3, [32]byte{3}, [32]byte{3}, []byte{3})
		done <- result{h, err}
	}()
	// Wait until the transaction is in the pool, then drop it.
	deadline := time.Now().Add(10 * time.Second)
	for {
		n, err := ec.PendingNonceAt(ctx, from)
		if err == nil && n > base {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("transaction never reached the pool")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := d.DropPending(); err != nil {
		t.Fatal(err)
	}
	d.SetAutomine(true)

	var r result
	select {
	case r = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("anchor did not finish")
	}
	if r.err != nil {
		t.Fatal(r.err)
	}
	tx, _, err := ec.TransactionByHash(ctx, r.h)
	if err != nil {
		t.Fatal(err)
	}
	if tx.Nonce() != base {
		t.Fatalf("re-sent under nonce %d, want %d", tx.Nonce(), base)
	}
	if tx.GasTipCap().Cmp(tip) <= 0 {
		t.Fatalf("mined tip %v not bumped over %v", tx.GasTipCap(), tip)
	}
	if _, err := c.Epoch(ctx, 3); err != nil {
		t.Fatal(err)
	}
}

// TestNonceResync: a second Client with the same key has a stale nonce;
// its send fails with "nonce too low", resyncs and succeeds.
func TestNonceResync(t *testing.T) {
	s := newSim(t, 2)
	ctx := context.Background()
	a := s.clients[1]
	b, err := NewClient(ctx, a.Backend(), testConfig(), s.keys[1], testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	b = b.WithAddresses(s.addrs)
	if _, err := b.RegisterDatanet(ctx, [32]byte{1}); err != nil { // b caches nonce n+1
		t.Fatal(err)
	}
	for i := range 2 { // a takes n+1 and n+2
		if _, err := a.RegisterDatanet(ctx, [32]byte{byte(2 + i)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.RegisterDatanet(ctx, [32]byte{9}); err != nil {
		t.Fatalf("stale nonce not resynced: %v", err)
	}
	if o, err := a.DatanetOwner(ctx, [32]byte{9}); err != nil || o != crypto.PubkeyToAddress(s.keys[1].PublicKey) {
		t.Fatalf("owner %s %v", o, err)
	}
}

func TestDevChainConfigValidate(t *testing.T) {
	c := DefaultDevChainConfig()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, addr := range []string{"0.0.0.0:8545", "10.0.0.1:1", ":8545", "example.com:1", "127.0.0.1"} {
		c := DefaultDevChainConfig()
		c.Addr = addr
		if err := c.Validate(); err == nil {
			t.Errorf("addr %q accepted", addr)
		}
	}
}

// TestDevnetChainPersists: a dev chain with a data directory comes back
// after Stop with its head, the same contracts (not deployed again) and
// their state (an escrow deposit); an address added to Fund since is
// funded by a transfer.
func TestDevnetChainPersists(t *testing.T) {
	dir := t.TempDir()
	cfg := DefaultDevChainConfig()
	cfg.Accounts = 2
	cfg.DataDir = dir
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	start := func(cfg DevChainConfig) *DevChain {
		t.Helper()
		d, err := NewDevChain(cfg, testLogger(t))
		if err != nil {
			t.Fatal(err)
		}
		if err := d.Start(ctx); err != nil {
			t.Fatal(err)
		}
		return d
	}
	d := start(cfg)
	if d.Reused() {
		t.Fatal("a new chain reports reused contracts")
	}
	addrs := d.Addresses()
	payer, err := NewClient(ctx, d.InProc(), d.Config(), d.Keys()[1], testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	amount := big.NewInt(123_456_789)
	if _, err := payer.Deposit(ctx, amount); err != nil {
		t.Fatal(err)
	}
	head := d.Head()
	if err := d.Stop(ctx); err != nil {
		t.Fatal(err)
	}

	newcomer := common.HexToAddress("0x00000000000000000000000000000000000beef1")
	cfg.Fund = []common.Address{newcomer}
	d = start(cfg)
	defer d.Stop(context.Background())
	if !d.Reused() || d.Addresses() != addrs {
		t.Fatalf("contracts after restart %+v (reused %v), want %+v", d.Addresses(), d.Reused(), addrs)
	}
	if h := d.Head(); h < head {
		t.Fatalf("head %d after restart, was %d", h, head)
	}
	reader, err := NewClient(ctx, d.InProc(), d.Config(), nil, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	if bal, _, _, err := reader.EscrowBalance(ctx, d.Accounts()[1]); err != nil || bal.Cmp(amount) != 0 {
		t.Fatalf("escrow balance after restart %v %v, want %v", bal, err, amount)
	}
	ec := d.InProc().(*ethclient.Client)
	if bal, err := ec.BalanceAt(ctx, newcomer, nil); err != nil || bal.Cmp(new(big.Int).Div(cfg.Balance, big.NewInt(100))) != 0 {
		t.Fatalf("newcomer balance %v %v, want a hundredth of %v", bal, err, cfg.Balance)
	}
	// The chain keeps producing on top of the stored head.
	payer, _ = NewClient(ctx, d.InProc(), d.Config(), d.Keys()[1], testLogger(t))
	if _, err := payer.Deposit(ctx, amount); err != nil {
		t.Fatal(err)
	}
	if bal, _, _, _ := reader.EscrowBalance(ctx, d.Accounts()[1]); bal.Cmp(new(big.Int).Mul(amount, big.NewInt(2))) != 0 {
		t.Fatalf("escrow balance after a second deposit %v", bal)
	}
}
