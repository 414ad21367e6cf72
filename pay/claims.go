package pay

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/merkle"
)

// ClaimLeaf is the claims-tree leaf of account's claim of amount wei in
// epoch, as the escrow's claim computes it:
//
//	keccak256(bytes.concat(keccak256(abi.encode(account, uint256(epoch), amount))))
//
// (OpenZeppelin StandardMerkleTree leaf of ["address", "uint256",
// "uint256"]; the same form as package points' leaves).
func ClaimLeaf(account common.Address, epoch, amount uint64) [32]byte {
	var buf [96]byte
	enc := merkle.AppendAddress(buf[:0], account)
	enc = merkle.AppendUint64(enc, epoch)
	enc = merkle.AppendUint64(enc, amount)
	return merkle.LeafHash(enc)
}

// claimsTree is the Merkle tree over a settlement's claims.
type claimsTree struct {
	epoch uint64
	t     *merkle.Tree // nil when there are no claims
}

func newClaimsTree(epoch uint64, claims []Claim) (*claimsTree, error) {
	ct := &claimsTree{epoch: epoch}
	if len(claims) == 0 {
		return ct, nil
	}
	leaves := make([][32]byte, len(claims))
	for i, c := range claims {
		leaves[i] = ClaimLeaf(c.Account, epoch, c.Amount)
	}
	t, err := merkle.New(leaves)
	if err != nil {
		return nil, fmt.Errorf("pay: claims tree: %w", err)
	}
	ct.t = t
	return ct, nil
}

func (ct *claimsTree) root() [32]byte {
	if ct.t == nil {
		return [32]byte{}
	}
	return ct.t.Root()
}

// Claim returns account's claim in the settlement, ErrNotClaimant when it
// has none.
func (s *Settlement) Claim(account common.Address) (Claim, error) {
	i, ok := slices.BinarySearchFunc(s.Claims, account, func(c Claim, a common.Address) int {
		return bytes.Compare(c.Account[:], a[:])
	})
	if !ok {
		return Claim{}, fmt.Errorf("%w: %s in epoch %d", ErrNotClaimant, account.Hex(), s.Epoch)
	}
	return s.Claims[i], nil
}

// Proof returns account's claim and its Merkle proof under Root, what the
// escrow's claim(epoch, account, amount, proof) takes. It fails with
// ErrNotClaimant when the account has no claim.
func (s *Settlement) Proof(account common.Address) (Claim, [][32]byte, error) {
	c, err := s.Claim(account)
	if err != nil {
		return Claim{}, nil, err
	}
	if s.tree == nil || s.tree.t == nil {
		return Claim{}, nil, fmt.Errorf("%w: settlement has no claims tree", ErrNotClaimant)
	}
	proof, err := s.tree.t.Proof(ClaimLeaf(c.Account, s.Epoch, c.Amount))
	if err != nil {
		return Claim{}, nil, fmt.Errorf("pay: claims tree: %w", err)
	}
	return c, proof, nil
}

// ClaimsProof returns account's claim among an epoch's claims (as a
// Settlement lists them) with its Merkle proof and the claims root, what
// a node that holds only the settled claims list needs to let an account
// claim. It fails with ErrNotClaimant when the account has no claim.
func ClaimsProof(epoch uint64, claims []Claim, account common.Address) (Claim, [][32]byte, [32]byte, error) {
	sorted := slices.Clone(claims)
	slices.SortFunc(sorted, func(a, b Claim) int { return bytes.Compare(a.Account[:], b.Account[:]) })
	s := &Settlement{Epoch: epoch, Claims: sorted}
	ct, err := newClaimsTree(epoch, sorted)
	if err != nil {
		return Claim{}, nil, [32]byte{}, err
	}
	s.tree = ct
	c, proof, err := s.Proof(account)
	return c, proof, ct.root(), err
}

// ClaimsRoot is the Merkle root over an epoch's claims (zero when none).
func ClaimsRoot(epoch uint64, claims []Claim) ([32]byte, error) {
	sorted := slices.Clone(claims)
	slices.SortFunc(sorted, func(a, b Claim) int { return bytes.Compare(a.Account[:], b.Account[:]) })
	ct, err := newClaimsTree(epoch, sorted)
	if err != nil {
		return [32]byte{}, err
	}
	return ct.root(), nil
}
