package chain

import (
	"bytes"
	"context"
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/provenet/provenet/chain/bindings"
	"github.com/provenet/provenet/merkle"
)

// TestGasReport prints the gas of each operation on the dev chain's rules
// (Prague, as OP-Stack since Isthmus). Run it with
//
//	go test -run TestGasReport -v ./chain/
//
// It also asserts the properties the figures show: anchoring costs the
// same for a 1-leaf and a 1,000,000-leaf epoch, and a claim grows by a
// constant per proof level.
func TestGasReport(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 1,000,000-leaf tree")
	}
	s := newSim(t, 8)
	ctx := context.Background()
	admin := s.clients[0]
	var rows []string
	row := func(op string, gas uint64, note string) {
		rows = append(rows, fmt.Sprintf("| %-44s | %9d | %s |", op, gas, note))
	}
	gasOf := func(h common.Hash, err error) uint64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return s.receipt(t, h).GasUsed
	}

	// Anchors: 1 leaf vs 1,000,000 leaves, same 256-byte DA commitment.
	r := rand.New(rand.NewPCG(1, 2))
	da := make([]byte, 256)
	for i := range da {
		da[i] = byte(r.Uint32())
	}
	one, err := merkle.New([][32]byte{pointsLeaf(s.addr(1), 1, 10)})
	if err != nil {
		t.Fatal(err)
	}
	big1M := make([][32]byte, 1_000_000)
	for i := range big1M {
		var a common.Address
		for j := range a {
			a[j] = byte(r.Uint32())
		}
		big1M[i] = pointsLeaf(a, 2, uint64(i))
	}
	million, err := merkle.New(big1M)
	if err != nil {
		t.Fatal(err)
	}
	gFirst := gasOf(admin.Anchor(ctx, 1, one.Root(), one.Root(), da))
	g1 := gasOf(admin.Anchor(ctx, 2, one.Root(), one.Root(), da))
	g1M := gasOf(admin.Anchor(ctx, 3, million.Root(), million.Root(), da))
	if g1 != g1M {
		t.Errorf("anchor gas differs: 1 leaf %d, 1M leaves %d", g1, g1M)
	}
	row("anchor, first ever (cold counters)", gFirst, "1 leaf, 256-byte DA commitment")
	row("anchor, 1-leaf epoch", g1, "256-byte DA commitment")
	row("anchor, 1,000,000-leaf epoch", g1M, "256-byte DA commitment; same calldata size")
	row("anchor, 1,000,000-leaf epoch, 1 KiB DA", gasOf(admin.Anchor(ctx, 4, million.Root(), million.Root(), bytes.Repeat(da, 4))), "commitment only in the event")
	row("anchor, 32-byte DA commitment", gasOf(admin.Anchor(ctx, 5, million.Root(), million.Root(), da[:32])), "")

	// Claims with proofs of depth 1, 10, 20: the root is built from the leaf
	// and random siblings, as a real tree of 2^depth leaves would give.
	// The very first claim also takes totalClaimed from zero (+17,100).
	{
		leaf := pointsLeaf(s.addr(7), 9, 1)
		proof := [][32]byte{{0x99}}
		if _, err := admin.Anchor(ctx, 9, [32]byte{}, merkle.ProcessProof(proof, leaf), da[:32]); err != nil {
			t.Fatal(err)
		}
		row("claim, first ever (depth 1)", gasOf(s.clients[7].Claim(ctx, 9, big.NewInt(1), proof)), "totalClaimed 0 -> n")
	}
	var prev uint64
	for i, depth := range []int{1, 10, 20} {
		epoch := uint64(10 + i)
		acct := s.addr(1 + i)
		leaf := pointsLeaf(acct, epoch, 1000)
		proof := make([][32]byte, depth)
		for j := range proof {
			for k := range proof[j] {
				proof[j][k] = byte(r.Uint32())
			}
		}
		root := merkle.ProcessProof(proof, leaf)
		if _, err := admin.Anchor(ctx, epoch, [32]byte{}, root, da[:32]); err != nil {
			t.Fatal(err)
		}
		g := gasOf(s.clients[1+i].Claim(ctx, epoch, big.NewInt(1000), proof))
		row(fmt.Sprintf("claim, proof depth %d (first claim)", depth), g, "new claimed[account] slot")
		if i > 0 && g <= prev {
			t.Errorf("claim gas not growing with depth: %d then %d", prev, g)
		}
		prev = g
	}
	// A later, cumulative claim by the same account (slot already set).
	{
		epoch := uint64(20)
		acct := s.addr(3)
		leaf := pointsLeaf(acct, epoch, 2000)
		proof := make([][32]byte, 20)
		for j := range proof {
			proof[j] = crypto.Keccak256Hash([]byte{byte(j)})
		}
		if _, err := admin.Anchor(ctx, epoch, [32]byte{}, merkle.ProcessProof(proof, leaf), da[:32]); err != nil {
			t.Fatal(err)
		}
		row("claim, proof depth 20 (later epoch, +1000)", gasOf(s.clients[3].Claim(ctx, epoch, big.NewInt(2000), proof)), "claimed slot updated")
	}

	// Registry.
	owner := s.clients[4]
	id := [32]byte{0xd0}
	row("registerDatanet", gasOf(owner.RegisterDatanet(ctx, id)), "")
	row("addValidator (first)", gasOf(owner.AddValidator(ctx, id, s.addr(5))), "")
	row("addValidator (second)", gasOf(owner.AddValidator(ctx, id, s.addr(6))), "")
	row("removeValidator", gasOf(owner.RemoveValidator(ctx, id, s.addr(5))), "swap-and-pop, refunds")
	row("registerOperator", gasOf(s.clients[5].RegisterOperator(ctx, bytes.Repeat([]byte{1}, 38), big.NewInt(1e9))), "38-byte peer id (ed25519 multihash)")
	row("deregisterOperator (admin)", gasOf(admin.DeregisterOperator(ctx, s.addr(5))), "")
	model := Asset{ID: [32]byte{0xb0}, Kind: KindModel, CID: bytes.Repeat([]byte{2}, 36)}
	row("registerAsset (model, 36-byte CID)", gasOf(owner.RegisterAsset(ctx, model)), "")
	row("registerAsset (adapter, 36-byte CID)", gasOf(owner.RegisterAsset(ctx, Asset{ID: [32]byte{0xad}, Kind: KindAdapter, BaseID: model.ID, CID: model.CID})), "")
	row("setAggregator", gasOf(admin.SetAggregator(ctx, s.addr(7), true)), "")

	// Deployment.
	for _, d := range []struct {
		name, bin string
		args      []byte
	}{
		{"Registry", bindings.RegistryMetaData.Bin, nil},
		{"EpochAnchor", bindings.EpochAnchorMetaData.Bin, nil},
		{"ClaimsDistributor", bindings.ClaimsDistributorMetaData.Bin, abiClaims.PackConstructor(s.addrs.Anchor)},
	} {
		r, err := admin.tx.transact(ctx, "deploy "+d.name, nil, append(common.FromHex(d.bin), d.args...))
		if err != nil {
			t.Fatal(err)
		}
		row("deploy "+d.name, r.GasUsed, "")
	}

	t.Logf("\n| operation | gas used | note |\n|---|---:|---|\n%s", strings.Join(rows, "\n"))
}
