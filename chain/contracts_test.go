package chain

import (
	"bytes"
	"context"
	"errors"
	"math/big"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/provenet/provenet/merkle"
)

func TestAnchorAndRead(t *testing.T) {
	s := newSim(t, 3)
	ctx := context.Background()
	agg := s.clients[0]
	rr, pr := [32]byte{1}, [32]byte{2}
	da := bytes.Repeat([]byte{0xda}, 300)
	if _, ok, err := agg.LatestEpoch(ctx); err != nil || ok {
		t.Fatalf("latest before any anchor: ok=%v err=%v", ok, err)
	}
	if _, err := agg.Epoch(ctx, 7); !errors.Is(err, ErrEpochNotAnchored) {
		t.Fatalf("unanchored epoch: %v", err)
	}
	if _, err := agg.Anchor(ctx, 7, rr, pr, da); err != nil {
		t.Fatal(err)
	}
	e, err := agg.Epoch(ctx, 7)
	if err != nil {
		t.Fatal(err)
	}
	if e.ReceiptsRoot != rr || e.PointsRoot != pr || e.DACommitmentHash != crypto.Keccak256Hash(da) || e.Aggregator != s.addr(0) || e.AnchoredAt.IsZero() {
		t.Fatalf("epoch record %+v", e)
	}
	got, err := agg.DACommitment(ctx, 7)
	if err != nil || !bytes.Equal(got, da) {
		t.Fatalf("DA commitment from event: %x, %v", got, err)
	}
	// Overwrite refused, before sending (estimate) with the decoded error.
	_, err = agg.Anchor(ctx, 7, [32]byte{9}, [32]byte{9}, da)
	var re *RevertError
	if !errors.Is(err, ErrEpochAnchored) || !errors.Is(err, ErrReverted) || !errors.As(err, &re) || re.Name != "EpochAlreadyAnchored" {
		t.Fatalf("overwrite: %v", err)
	}
	// An earlier, missed epoch can still be filled in; latest stays the max.
	if _, err := agg.Anchor(ctx, 5, rr, pr, da); err != nil {
		t.Fatal(err)
	}
	if n, ok, err := agg.LatestEpoch(ctx); err != nil || !ok || n != 7 {
		t.Fatalf("latest: %d %v %v", n, ok, err)
	}
	// Unauthorised anchor.
	if _, err := s.clients[1].Anchor(ctx, 8, rr, pr, da); !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("unauthorised anchor: %v", err)
	}
	// The admin authorises it; a non-admin cannot.
	if _, err := s.clients[1].SetAggregator(ctx, s.addr(1), true); !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("non-admin set aggregator: %v", err)
	}
	if _, err := agg.SetAggregator(ctx, s.addr(1), true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.clients[1].Anchor(ctx, 8, rr, pr, da); err != nil {
		t.Fatal(err)
	}
	if _, err := agg.SetAggregator(ctx, s.addr(1), false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.clients[1].Anchor(ctx, 9, rr, pr, da); !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("revoked aggregator: %v", err)
	}
	// Bad DA commitments are refused locally.
	if _, err := agg.Anchor(ctx, 10, rr, pr, nil); !errors.Is(err, ErrBadInput) {
		t.Fatalf("empty DA commitment: %v", err)
	}
	if _, err := agg.Anchor(ctx, 10, rr, pr, make([]byte, MaxDACommitment+1)); !errors.Is(err, ErrBadInput) {
		t.Fatalf("long DA commitment: %v", err)
	}
}

func TestClaims(t *testing.T) {
	s := newSim(t, 4)
	ctx := context.Background()
	alice, bob, carol := s.addr(1), s.addr(2), s.addr(3)
	// Epoch 1: alice 100, bob 50. Epoch 2 (cumulative): alice 160, bob 50, carol 7.
	t1 := pointsTree(t, 1, map[common.Address]uint64{alice: 100, bob: 50})
	t2 := pointsTree(t, 2, map[common.Address]uint64{alice: 160, bob: 50, carol: 7})
	for e, tr := range map[uint64]*merkle.Tree{1: t1, 2: t2} {
		if _, err := s.clients[0].Anchor(ctx, e, [32]byte{byte(e)}, tr.Root(), []byte{1}); err != nil {
			t.Fatal(err)
		}
	}
	a := s.clients[1]

	// Claim of an epoch never anchored.
	if _, err := a.Claim(ctx, 3, big.NewInt(100), nil); !errors.Is(err, ErrEpochNotAnchored) {
		t.Fatalf("unanchored epoch: %v", err)
	}
	// A Go proof verifies in Solidity.
	p1 := proofOf(t, t1, pointsLeaf(alice, 1, 100))
	h, err := a.Claim(ctx, 1, big.NewInt(100), p1)
	if err != nil {
		t.Fatal(err)
	}
	if r := s.receipt(t, h); len(r.Logs) != 1 {
		t.Fatalf("claim logs: %d", len(r.Logs))
	}
	if v, _ := a.Claimed(ctx, alice); v.Int64() != 100 {
		t.Fatalf("claimed %v", v)
	}
	// Double claim.
	if _, err := a.Claim(ctx, 1, big.NewInt(100), p1); !errors.Is(err, ErrAlreadyClaimed) {
		t.Fatalf("double claim: %v", err)
	}
	// Tampered proof, wrong amount, wrong epoch.
	bad := slices.Clone(p1)
	bad[0][5] ^= 0x40
	if _, err := a.Claim(ctx, 1, big.NewInt(100), bad); !errors.Is(err, ErrInvalidProof) {
		t.Fatalf("tampered proof: %v", err)
	}
	p2 := proofOf(t, t2, pointsLeaf(alice, 2, 160))
	if _, err := a.Claim(ctx, 2, big.NewInt(161), p2); !errors.Is(err, ErrInvalidProof) {
		t.Fatalf("inflated amount: %v", err)
	}
	if _, err := a.Claim(ctx, 1, big.NewInt(160), p2); !errors.Is(err, ErrInvalidProof) {
		t.Fatalf("proof of another epoch: %v", err)
	}
	// Cumulative: epoch 2 pays the difference.
	h, err = a.Claim(ctx, 2, big.NewInt(160), p2)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := a.clm.UnpackClaimedEvent(s.receipt(t, h).Logs[0])
	if err != nil || ev.Amount.Int64() != 60 || ev.CumulativePoints.Int64() != 160 || ev.Account != alice || ev.Epoch != 2 {
		t.Fatalf("claimed event %+v %v", ev, err)
	}
	// An old epoch's smaller total cannot be claimed after a newer one.
	if _, err := a.Claim(ctx, 1, big.NewInt(100), p1); !errors.Is(err, ErrAlreadyClaimed) {
		t.Fatalf("old epoch after new: %v", err)
	}
	// Bob skips epoch 1 and claims epoch 2 directly; then has nothing new.
	pb := proofOf(t, t2, pointsLeaf(bob, 2, 50))
	if _, err := s.clients[2].Claim(ctx, 2, big.NewInt(50), pb); err != nil {
		t.Fatal(err)
	}
	pb1 := proofOf(t, t1, pointsLeaf(bob, 1, 50))
	if _, err := s.clients[2].Claim(ctx, 1, big.NewInt(50), pb1); !errors.Is(err, ErrAlreadyClaimed) {
		t.Fatalf("same total in an older epoch: %v", err)
	}
	// Anyone may submit a claim for carol; the points go to carol.
	pc := proofOf(t, t2, pointsLeaf(carol, 2, 7))
	if _, err := s.clients[1].ClaimFor(ctx, 2, carol, big.NewInt(7), pc); err != nil {
		t.Fatal(err)
	}
	if v, _ := a.Claimed(ctx, carol); v.Int64() != 7 {
		t.Fatalf("carol claimed %v", v)
	}
	if v, _ := a.TotalClaimed(ctx); v.Int64() != 160+50+7 {
		t.Fatalf("total claimed %v", v)
	}
	if _, err := a.Claim(ctx, 2, big.NewInt(-1), pc); !errors.Is(err, ErrBadInput) {
		t.Fatalf("negative: %v", err)
	}
}

func TestVerifyReceipt(t *testing.T) {
	s := newSim(t, 1)
	ctx := context.Background()
	// Receipt leaves: any abi.encode'd tuple, double hashed.
	var encoded [][]byte
	var leaves [][32]byte
	for i := range 37 {
		enc := merkle.EncodeAddressUint64s(common.Address{byte(i)}, uint64(i), uint64(1000+i))
		encoded = append(encoded, enc)
		leaves = append(leaves, merkle.LeafHash(enc))
	}
	tree, err := merkle.New(leaves)
	if err != nil {
		t.Fatal(err)
	}
	c := s.clients[0]
	if _, err := c.Anchor(ctx, 4, tree.Root(), [32]byte{}, []byte{1}); err != nil {
		t.Fatal(err)
	}
	for i := range leaves {
		p := proofOf(t, tree, leaves[i])
		ok, err := c.VerifyReceipt(ctx, 4, leaves[i], p)
		if err != nil || !ok {
			t.Fatalf("leaf %d: %v %v", i, ok, err)
		}
		ok, err = c.VerifyReceiptData(ctx, 4, encoded[i], p)
		if err != nil || !ok {
			t.Fatalf("leaf data %d: %v %v", i, ok, err)
		}
		if ok, _ := c.VerifyReceipt(ctx, 5, leaves[i], p); ok {
			t.Fatal("verified against an unanchored epoch")
		}
	}
	p := proofOf(t, tree, leaves[3])
	p[len(p)-1][0] ^= 1
	if ok, err := c.VerifyReceipt(ctx, 4, leaves[3], p); err != nil || ok {
		t.Fatalf("tampered receipt proof: %v %v", ok, err)
	}
}

func TestRegistry(t *testing.T) {
	s := newSim(t, 4)
	ctx := context.Background()
	owner, other := s.clients[1], s.clients[2]
	id := [32]byte{0xd1}
	if _, err := owner.DatanetOwner(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown datanet: %v", err)
	}
	if _, err := owner.RegisterDatanet(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := other.RegisterDatanet(ctx, id); !errors.Is(err, ErrExists) {
		t.Fatalf("taken id: %v", err)
	}
	if o, err := other.DatanetOwner(ctx, id); err != nil || o != s.addr(1) {
		t.Fatalf("owner %s %v", o, err)
	}
	v1, v2, v3 := s.addr(2), s.addr(3), common.Address{0x77}
	for _, v := range []common.Address{v1, v2, v3} {
		if _, err := owner.AddValidator(ctx, id, v); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := owner.AddValidator(ctx, id, v2); !errors.Is(err, ErrExists) {
		t.Fatalf("duplicate validator: %v", err)
	}
	if _, err := other.AddValidator(ctx, id, common.Address{9}); !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("non-owner adds validator: %v", err)
	}
	if _, err := owner.RemoveValidator(ctx, id, v1); err != nil {
		t.Fatal(err)
	}
	if _, err := owner.RemoveValidator(ctx, id, v1); !errors.Is(err, ErrNotFound) {
		t.Fatalf("remove absent validator: %v", err)
	}
	vs, err := other.Validators(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(vs, func(a, b common.Address) int { return bytes.Compare(a[:], b[:]) })
	want := []common.Address{v2, v3}
	slices.SortFunc(want, func(a, b common.Address) int { return bytes.Compare(a[:], b[:]) })
	if !slices.Equal(vs, want) {
		t.Fatalf("validators %v, want %v", vs, want)
	}
	if ok, _ := other.IsValidator(ctx, id, v1); ok {
		t.Fatal("removed validator still listed")
	}
	if ok, _ := other.IsValidator(ctx, id, v3); !ok {
		t.Fatal("validator missing")
	}
	// Hand the datanet over: the new owner manages the list.
	if _, err := owner.TransferDatanet(ctx, id, s.addr(2)); err != nil {
		t.Fatal(err)
	}
	if _, err := owner.AddValidator(ctx, id, common.Address{8}); !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("old owner: %v", err)
	}
	if _, err := other.RemoveValidator(ctx, id, v3); err != nil {
		t.Fatal(err)
	}

	// Operators.
	op := s.clients[3]
	peer := []byte("12D3KooWExamplePeerID")
	if _, err := op.Operator(ctx, s.addr(3)); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown operator: %v", err)
	}
	if _, err := op.RegisterOperator(ctx, peer, big.NewInt(1_000_000_000)); err != nil {
		t.Fatal(err)
	}
	info, err := other.Operator(ctx, s.addr(3))
	if err != nil || !info.Active || !bytes.Equal(info.PeerID, peer) || info.PricePer1kTokens.Int64() != 1_000_000_000 {
		t.Fatalf("operator %+v %v", info, err)
	}
	if _, err := other.DeregisterOperator(ctx, s.addr(3)); !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("stranger deregisters: %v", err)
	}
	if _, err := s.clients[0].DeregisterOperator(ctx, s.addr(3)); err != nil { // admin
		t.Fatal(err)
	}
	if ok, _ := other.IsOperator(ctx, s.addr(3)); ok {
		t.Fatal("deregistered operator still active")
	}
	if _, err := op.RegisterOperator(ctx, nil, big.NewInt(1)); !errors.Is(err, ErrReverted) {
		t.Fatalf("empty peer id: %v", err)
	}

	// Assets.
	model := Asset{ID: [32]byte{0xb0}, Kind: KindModel, CID: []byte("bafy-model")}
	adapter := Asset{ID: [32]byte{0xad}, Kind: KindAdapter, BaseID: model.ID, CID: []byte("bafy-adapter")}
	if _, err := owner.RegisterAsset(ctx, adapter); !errors.Is(err, ErrReverted) {
		t.Fatalf("adapter before its base: %v", err)
	}
	if _, err := owner.RegisterAsset(ctx, model); err != nil {
		t.Fatal(err)
	}
	if _, err := other.RegisterAsset(ctx, adapter); err != nil {
		t.Fatal(err)
	}
	if _, err := other.RegisterAsset(ctx, adapter); !errors.Is(err, ErrExists) {
		t.Fatalf("duplicate asset: %v", err)
	}
	got, err := owner.Asset(ctx, adapter.ID)
	if err != nil || got.Owner != s.addr(2) || got.Kind != KindAdapter || got.BaseID != model.ID || !bytes.Equal(got.CID, adapter.CID) {
		t.Fatalf("asset %+v %v", got, err)
	}
	if _, err := owner.UpdateAsset(ctx, adapter.ID, []byte("x")); !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("non-owner update: %v", err)
	}
	if _, err := owner.Asset(ctx, [32]byte{0xee}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown asset: %v", err)
	}
}
