package attribution

import (
	"bytes"
	"fmt"
	"math/big"
	"slices"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/provenet/provenet/merkle"
)

// Reward is one payout of one receipt, as an event that the points ledger
// (or a claims contract) can ingest.
type Reward struct {
	Address   common.Address
	Amount    uint64
	Role      Role
	Epoch     uint64
	ReceiptID ReceiptID
}

// Total is one address's sum of rewards in an epoch. Amount is a big.Int
// because a sum of uint64 amounts can exceed 64 bits.
type Total struct {
	Address common.Address
	Amount  *big.Int
}

// Aggregator collects the receipts of open epochs, dedupes them by ID and,
// on Close, builds each epoch's receipts Merkle tree and reward list. It is
// safe for concurrent use. Signature and structure checks are the caller's
// (DecodeReceipt, Verify, CheckEpoch) before Add.
type Aggregator struct {
	params SplitParams

	mu     sync.Mutex
	open   map[uint64]*epochAcc
	closed map[uint64]bool
}

type epochAcc struct {
	ids     map[ReceiptID]struct{}
	entries []aggEntry
}

type aggEntry struct {
	id       ReceiptID
	operator common.Address
	fee      uint64
	payouts  []Payout
}

// NewAggregator returns an empty aggregator that splits fees with p.
func NewAggregator(p SplitParams) (*Aggregator, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return &Aggregator{params: p, open: make(map[uint64]*epochAcc), closed: make(map[uint64]bool)}, nil
}

// Add adds r to its epoch and returns its ID. It returns ErrDuplicate for
// an ID already added and ErrEpochClosed when r's epoch has been closed.
func (a *Aggregator) Add(r *Receipt) (ReceiptID, error) {
	id, err := r.ID()
	if err != nil {
		return id, err
	}
	return id, a.AddWithID(id, r)
}

// AddWithID is Add for a caller that has already computed id = r.ID(), for
// example while verifying the signature; it skips re-encoding r.
func (a *Aggregator) AddWithID(id ReceiptID, r *Receipt) error {
	payouts, err := Split(r, a.params)
	if err != nil {
		return err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed[r.Epoch] {
		return fmt.Errorf("%w: epoch %d", ErrEpochClosed, r.Epoch)
	}
	acc := a.open[r.Epoch]
	if acc == nil {
		acc = &epochAcc{ids: make(map[ReceiptID]struct{})}
		a.open[r.Epoch] = acc
	}
	if _, ok := acc.ids[id]; ok {
		return fmt.Errorf("%w: %s", ErrDuplicate, id)
	}
	acc.ids[id] = struct{}{}
	acc.entries = append(acc.entries, aggEntry{id: id, operator: r.Operator, fee: r.Fee, payouts: payouts})
	return nil
}

// Pending returns the number of receipts held for an open epoch.
func (a *Aggregator) Pending(epoch uint64) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	if acc := a.open[epoch]; acc != nil {
		return len(acc.entries)
	}
	return 0
}

// Close ends epoch: later Adds for it fail with ErrEpochClosed. It returns
// the epoch's receipts tree and rewards, or ErrNoReceipts when the epoch
// has none. The result depends only on the set of receipts added, not on
// their order.
func (a *Aggregator) Close(epoch uint64) (*EpochReceipts, error) {
	a.mu.Lock()
	acc := a.open[epoch]
	delete(a.open, epoch)
	a.closed[epoch] = true
	a.mu.Unlock()
	if acc == nil || len(acc.entries) == 0 {
		return nil, fmt.Errorf("%w: epoch %d", ErrNoReceipts, epoch)
	}
	return buildEpoch(epoch, acc.entries)
}

// EpochReceipts is a closed epoch: the receipts Merkle root that gets
// anchored, proofs, and the rewards.
type EpochReceipts struct {
	Epoch uint64
	// Root is the OpenZeppelin StandardMerkleTree root over the receipt
	// leaves (see Receipt.Leaf).
	Root [32]byte
	// IDs are the receipt IDs, ascending.
	IDs []ReceiptID
	// Rewards are sorted by receipt ID, then role, then address.
	Rewards []Reward
	// Totals are per address over all roles and receipts, sorted by
	// address.
	Totals []Total

	leaves [][32]byte // leaves[i] is the leaf of IDs[i]
	tree   *merkle.Tree
}

func buildEpoch(epoch uint64, entries []aggEntry) (*EpochReceipts, error) {
	slices.SortFunc(entries, func(x, y aggEntry) int { return bytes.Compare(x.id[:], y.id[:]) })
	e := &EpochReceipts{
		Epoch:  epoch,
		IDs:    make([]ReceiptID, len(entries)),
		leaves: make([][32]byte, len(entries)),
	}
	lh := newLeafHasher()
	nRewards := 0
	for i := range entries {
		x := &entries[i]
		e.IDs[i] = x.id
		lh.leaf(&e.leaves[i], x.id, x.operator, epoch, x.fee)
		nRewards += len(x.payouts)
	}
	tree, err := merkle.New(e.leaves)
	if err != nil {
		return nil, err
	}
	e.tree = tree
	e.Root = tree.Root()

	e.Rewards = make([]Reward, 0, nRewards)
	totals := make(map[common.Address]*big.Int)
	for i := range entries {
		for _, p := range entries[i].payouts {
			e.Rewards = append(e.Rewards, Reward{Address: p.Address, Amount: p.Amount, Role: p.Role, Epoch: epoch, ReceiptID: entries[i].id})
			t := totals[p.Address]
			if t == nil {
				t = new(big.Int)
				totals[p.Address] = t
			}
			t.Add(t, new(big.Int).SetUint64(p.Amount))
		}
	}
	e.Totals = make([]Total, 0, len(totals))
	for addr, amt := range totals {
		e.Totals = append(e.Totals, Total{Address: addr, Amount: amt})
	}
	slices.SortFunc(e.Totals, func(x, y Total) int { return bytes.Compare(x.Address[:], y.Address[:]) })
	return e, nil
}

// Proof returns the Merkle proof of receipt id and its leaf, or ErrNotFound.
func (e *EpochReceipts) Proof(id ReceiptID) (leaf [32]byte, proof [][32]byte, err error) {
	i, ok := slices.BinarySearchFunc(e.IDs, id, func(x, y ReceiptID) int { return bytes.Compare(x[:], y[:]) })
	if !ok {
		return leaf, nil, fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	leaf = e.leaves[i]
	proof, err = e.tree.Proof(leaf)
	if err != nil {
		return leaf, nil, fmt.Errorf("%w: %w", ErrNotFound, err)
	}
	return leaf, proof, nil
}

// VerifyReceiptProof reports whether proof shows that the receipt leaf of
// (id, operator, epoch, fee) is in the tree of root.
func VerifyReceiptProof(root [32]byte, id ReceiptID, operator common.Address, epoch, fee uint64, proof [][32]byte) bool {
	return merkle.Verify(proof, root, ReceiptLeaf(id, operator, epoch, fee))
}

// leafHasher computes receipt leaves with one reused keccak state.
type leafHasher struct {
	st  crypto.KeccakState
	buf [128]byte
}

func newLeafHasher() *leafHasher { return &leafHasher{st: crypto.NewKeccakState()} }

func (h *leafHasher) leaf(out *[32]byte, id ReceiptID, operator common.Address, epoch, fee uint64) {
	enc := appendLeafEncoding(h.buf[:0], id, operator, epoch, fee)
	h.st.Reset()
	h.st.Write(enc)
	h.st.Read(out[:])
	h.st.Reset()
	h.st.Write(out[:])
	h.st.Read(out[:])
}
