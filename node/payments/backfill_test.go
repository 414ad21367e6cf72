package payments

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	mocknet "github.com/libp2p/go-libp2p/p2p/net/mock"

	"github.com/provenet/provenet/chain"
	"github.com/provenet/provenet/internal/clock"
	"github.com/provenet/provenet/merkle"
	"github.com/provenet/provenet/node/paystore"
	"github.com/provenet/provenet/p2p"
	"github.com/provenet/provenet/pay"
)

// rootEscrow is an escrow that has finalized the epochs of roots with
// those claims roots, and answers nothing else.
type rootEscrow struct {
	mu    sync.Mutex
	roots map[uint64][32]byte
	calls int
}

var errNotHere = errors.New("not in this fake")

func (r *rootEscrow) EpochSettlement(_ context.Context, e uint64) (chain.Settlement, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	root, ok := r.roots[e]
	return chain.Settlement{Pool: new(big.Int), ClaimsRoot: root, ClaimsTotal: new(big.Int), ClaimsPaid: new(big.Int), Finalized: ok}, nil
}

func (r *rootEscrow) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.calls
}

func (r *rootEscrow) PayerOf(context.Context, common.Address) (common.Address, error) {
	return common.Address{}, errNotHere
}

func (r *rootEscrow) EscrowBalance(context.Context, common.Address) (*big.Int, *big.Int, time.Time, error) {
	return nil, nil, time.Time{}, errNotHere
}
func (r *rootEscrow) Settler(context.Context) (common.Address, error) {
	return common.Address{}, errNotHere
}
func (r *rootEscrow) Redeemed(context.Context, common.Address, common.Address, uint64) (*big.Int, bool, error) {
	return nil, false, errNotHere
}

func (r *rootEscrow) Redeem(context.Context, uint64, []chain.Redemption) ([]common.Hash, error) {
	return nil, errNotHere
}

func (r *rootEscrow) Finalize(context.Context, uint64, []chain.Payout, [32]byte, *big.Int) (common.Hash, error) {
	return common.Hash{}, errNotHere
}

// memRecords keeps settlement records in a map.
type memRecords struct {
	mu sync.Mutex
	m  map[uint64]*SettlementInfo
}

func (m *memRecords) PutSettlement(s *SettlementInfo) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	c := *s
	m.m[s.Epoch] = &c
	return nil
}

func (m *memRecords) Settlement(e uint64) (*SettlementInfo, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.m[e]
	if !ok {
		return nil, errNotHere
	}
	c := *s
	return &c, nil
}

func (m *memRecords) Settlements(int) ([]*SettlementInfo, error) { return nil, errNotHere }

type noKeys struct{}

func (noKeys) Payer(string) (common.Address, error) { return common.Address{}, ErrKeyUnknown }

// settledInfo is a settled record of epoch e over claims, with its root.
func settledInfo(t *testing.T, e uint64, claims []SettlementClaim) *SettlementInfo {
	t.Helper()
	info := &SettlementInfo{Epoch: e, Status: SettlementSettled, Claims: claims, ClaimsTotal: "0", ChargeTotal: "0"}
	root, err := pay.ClaimsRoot(e, info.PayClaims())
	if err != nil {
		t.Fatal(err)
	}
	info.ClaimsRoot = common.Hash(root).Hex()
	return info
}

type bfNode struct {
	host    *p2p.Host
	svc     *Service
	records *memRecords
}

func startBackfillNode(t *testing.T, mn mocknet.Mocknet, esc Escrow, clk clock.Clock, i int) *bfNode {
	t.Helper()
	h, err := mn.GenPeer()
	if err != nil {
		t.Fatal(err)
	}
	cfg := p2p.DefaultConfig()
	cfg.DHT, cfg.ListenAddrs = false, nil
	ph, err := p2p.NewFromHost(h, cfg, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := ph.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	db, err := paystore.Open(t.TempDir(), false)
	if err != nil {
		t.Fatal(err)
	}
	rec := &memRecords{m: map[uint64]*SettlementInfo{}}
	svc, err := New(Config{Escrow: esc, Store: db, Records: rec, Keys: noKeys{}, Clock: clk,
		Epoch: func() uint64 { return 10 }, Self: common.BytesToAddress([]byte(fmt.Sprint("node", i))), BackfillEvery: time.Hour}, ph)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		svc.Close()
		_ = db.Close()
		_ = ph.Stop(context.Background())
	})
	return &bfNode{host: ph, svc: svc, records: rec}
}

// A node that missed an epoch's settlement gossip fetches the record from
// a peer when it connects, keeps it only when its root is the one the
// escrow finalized (a peer's forged record is refused), and then serves
// the claim proof; an epoch nobody settled stays unknown.
func TestSettlementBackfill(t *testing.T) {
	mn := mocknet.New()
	t.Cleanup(func() { _ = mn.Close() })
	clk := clock.NewFake(time.Unix(1_700_000_000, 0))
	claims := []SettlementClaim{{Account: common.Address{0xa1}, Amount: 700}, {Account: common.Address{0xa2}, Amount: 300}}
	good := settledInfo(t, 7, claims)
	esc := &rootEscrow{roots: map[uint64][32]byte{7: common.HexToHash(good.ClaimsRoot)}}
	forged := settledInfo(t, 7, []SettlementClaim{{Account: common.Address{0xa1}, Amount: 1000}})

	honest := startBackfillNode(t, mn, esc, clk, 0)
	liar := startBackfillNode(t, mn, esc, clk, 1)
	late := startBackfillNode(t, mn, esc, clk, 2)
	if err := honest.records.PutSettlement(good); err != nil {
		t.Fatal(err)
	}
	if err := liar.records.PutSettlement(forged); err != nil {
		t.Fatal(err)
	}
	if err := mn.LinkAll(); err != nil {
		t.Fatal(err)
	}

	// The liar alone: its record does not match the escrow's root.
	if _, err := mn.ConnectPeers(late.host.ID(), liar.host.ID()); err != nil {
		t.Fatal(err)
	}
	if n, err := late.svc.Backfill(context.Background(), []uint64{7}); n != 0 || err == nil {
		t.Fatalf("back-fill from the liar kept %d (%v), want a refusal", n, err)
	}
	if _, err := late.records.Settlement(7); err == nil {
		t.Fatal("the forged record was kept")
	}

	// Connecting to an honest peer back-fills the recent epochs.
	if _, err := mn.ConnectPeers(late.host.ID(), honest.host.ID()); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := late.records.Settlement(7); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("epoch 7 not back-filled after connecting to a peer that has it")
		}
		time.Sleep(20 * time.Millisecond)
	}
	got, err := late.svc.Settlement(context.Background(), 7)
	if err != nil || got.ClaimsRoot != good.ClaimsRoot {
		t.Fatalf("settlement %+v, %v", got, err)
	}
	c, proof, root, err := pay.ClaimsProof(7, got.PayClaims(), common.Address{0xa2})
	if err != nil || c.Amount != 300 || root != esc.roots[7] || !merkle.Verify(proof, root, pay.ClaimLeaf(c.Account, 7, c.Amount)) {
		t.Fatalf("claim proof from the back-filled record: %+v %v", c, err)
	}

	// An epoch no peer holds: asked on demand, unknown.
	if _, err := late.svc.Settlement(context.Background(), 8); !errors.Is(err, ErrSettlementUnknown) {
		t.Fatalf("epoch 8: %v, want ErrSettlementUnknown", err)
	}
	// Nothing to fetch: no peer is asked and the escrow is not called.
	before := esc.count()
	if n, err := late.svc.Backfill(context.Background(), []uint64{7}); n != 0 || err != nil || esc.count() != before {
		t.Fatalf("back-fill of a held epoch: %d, %v, %d escrow calls", n, err, esc.count()-before)
	}
}

// A record too large for an answer as JSON (here 60,000 claims, some
// 5 MB) is back-filled as its claims alone in binary, and still proves
// claims under the escrow's root.
func TestSettlementBackfillCompact(t *testing.T) {
	mn := mocknet.New()
	t.Cleanup(func() { _ = mn.Close() })
	clk := clock.NewFake(time.Unix(1_700_000_000, 0))
	claims := make([]SettlementClaim, 60_000)
	for i := range claims {
		claims[i] = SettlementClaim{Account: common.BytesToAddress([]byte(fmt.Sprint("claimant-", i))), Amount: uint64(1_000_000_007 * (i + 1))}
	}
	large := settledInfo(t, 6, claims)
	small := settledInfo(t, 7, claims[:3])
	if b, _ := json.Marshal(large); len(b) <= maxFetchBytes {
		t.Fatalf("record of %d bytes fits an answer as JSON; the test wants one that does not", len(b))
	}
	esc := &rootEscrow{roots: map[uint64][32]byte{6: common.HexToHash(large.ClaimsRoot), 7: common.HexToHash(small.ClaimsRoot)}}
	honest := startBackfillNode(t, mn, esc, clk, 0)
	late := startBackfillNode(t, mn, esc, clk, 1)
	for _, r := range []*SettlementInfo{large, small} {
		if err := honest.records.PutSettlement(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := mn.LinkAll(); err != nil {
		t.Fatal(err)
	}
	if _, err := mn.ConnectPeers(late.host.ID(), honest.host.ID()); err != nil {
		t.Fatal(err)
	}
	if n, err := late.svc.Backfill(context.Background(), []uint64{6, 7}, honest.host.ID()); err != nil || countHeld(late, 6, 7) != 2 {
		t.Fatalf("back-filled %d: %v", n, err)
	}
	got, err := late.records.Settlement(6)
	if err != nil || !got.ClaimsOnly || len(got.Claims) != len(claims) || got.ClaimsRoot != large.ClaimsRoot {
		t.Fatalf("epoch 6: %v, claims-only %v, %d claims", err, got != nil && got.ClaimsOnly, len(got.Claims))
	}
	if s7, err := late.records.Settlement(7); err != nil || s7.ClaimsOnly {
		t.Fatalf("epoch 7 (small) should come whole: %v", err)
	}
	c, proof, root, err := pay.ClaimsProof(6, got.PayClaims(), claims[4321].Account)
	if err != nil || c.Amount != claims[4321].Amount || !merkle.Verify(proof, root, pay.ClaimLeaf(c.Account, 6, c.Amount)) || root != esc.roots[6] {
		t.Fatalf("proof from the compact record: %+v %v", c, err)
	}
}

// countHeld is how many of epochs late holds a record of (the connection's
// own back-fill round may have kept some first).
func countHeld(n *bfNode, epochs ...uint64) int {
	k := 0
	for _, e := range epochs {
		if _, err := n.records.Settlement(e); err == nil {
			k++
		}
	}
	return k
}
