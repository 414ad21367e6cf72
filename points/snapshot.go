package points

import (
	"bytes"
	"errors"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/provenet/provenet/merkle"
)

// ErrEmptySnapshot is returned by Snapshot when no address has a scored
// item up to the epoch: there is nothing to anchor.
var ErrEmptySnapshot = errors.New("points: no scored items up to this epoch")

// ErrNotInSnapshot is returned by Snapshot.Proof for an address without an
// entry.
var ErrNotInSnapshot = errors.New("points: address not in snapshot")

// Snapshot is the claimable state at the end of an epoch: one entry per
// address with at least one scored item in epochs <= Epoch, and the Merkle
// root over them that gets anchored on chain.
type Snapshot struct {
	Epoch uint64
	// Root is the OpenZeppelin StandardMerkleTree root over the entries'
	// leaves (see Leaf).
	Root [32]byte
	// Entries are sorted by address.
	Entries []Entry
	tree    *merkle.Tree
}

// Entry is one address's cumulative total in a Snapshot.
type Entry struct {
	Address common.Address
	// Points is the cumulative total over epochs <= Snapshot.Epoch, clamped
	// at 0: the leaf encodes it as a uint256, so a net-negative balance is
	// claimable as 0.
	Points uint64
	// Net is the unclamped cumulative total.
	Net int64
}

// Leaf returns the Merkle leaf of (addr, epoch, points): OpenZeppelin's
// keccak256(bytes.concat(keccak256(abi.encode(address, uint256, uint256)))).
// In Solidity: keccak256(bytes.concat(keccak256(abi.encode(account, epoch,
// cumulativePoints)))).
func Leaf(addr common.Address, epoch, points uint64) [32]byte {
	return merkle.LeafHash(merkle.EncodeAddressUint64s(addr, epoch, points))
}

// VerifyProof reports whether proof shows that (addr, epoch, points) is a
// leaf of root.
func VerifyProof(root [32]byte, addr common.Address, epoch, points uint64, proof [][32]byte) bool {
	return merkle.Verify(proof, root, Leaf(addr, epoch, points))
}

// Snapshot returns the snapshot of epoch: cumulative points of every
// address over all datanets and epochs <= epoch. It returns
// ErrEmptySnapshot when there are no entries.
func (l *Ledger) Snapshot(epoch uint64) (Snapshot, error) {
	l.mu.Lock()
	l.flush()
	bs := balances(l.total, epoch)
	l.mu.Unlock()
	if len(bs) == 0 {
		return Snapshot{Epoch: epoch}, ErrEmptySnapshot
	}
	s := Snapshot{Epoch: epoch, Entries: make([]Entry, len(bs))}
	leaves := make([][32]byte, len(bs))
	for i, b := range bs {
		s.Entries[i] = Entry{Address: b.Address, Points: uint64(max(b.Points, 0)), Net: b.Points}
		leaves[i] = Leaf(b.Address, epoch, s.Entries[i].Points)
	}
	tree, err := merkle.New(leaves)
	if err != nil {
		return Snapshot{Epoch: epoch}, err
	}
	s.tree = tree
	s.Root = tree.Root()
	return s, nil
}

// Entry returns addr's entry.
func (s Snapshot) Entry(addr common.Address) (Entry, bool) {
	i, ok := slices.BinarySearchFunc(s.Entries, addr, func(e Entry, a common.Address) int {
		return bytes.Compare(e.Address[:], a[:])
	})
	if !ok {
		return Entry{}, false
	}
	return s.Entries[i], true
}

// Proof returns the Merkle proof of addr's leaf, Leaf(addr, s.Epoch,
// entry.Points), which MerkleProof.verify accepts on chain.
func (s Snapshot) Proof(addr common.Address) ([][32]byte, error) {
	e, ok := s.Entry(addr)
	if !ok || s.tree == nil {
		return nil, ErrNotInSnapshot
	}
	return s.tree.Proof(Leaf(addr, s.Epoch, e.Points))
}
