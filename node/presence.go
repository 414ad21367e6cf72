package node

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/fxamacker/cbor/v2"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/p2p"
)

// TopicPresence carries signed presence announcements: the binding of a
// node's peer ID to its account address, and the roles it works in. The
// live workers are those heard from within presenceTTL intervals; they are
// the set that task assignment hashes over.
const TopicPresence = "/provenet/presence/1"

// presenceTTL is how many announcement intervals a worker stays live after
// its last announcement was received. Generous, because under load the
// announcements queue behind records and results, and a worker that drops
// out of a node's live set makes that node take its tasks (duplicate work).
const presenceTTL = 5

// ErrPresence reports a malformed or badly signed announcement.
var ErrPresence = errors.New("node: bad presence announcement")

// presence is one announcement, signed by the account key.
type presence struct {
	Peer      []byte   `cbor:"peer"`
	Address   []byte   `cbor:"addr"`
	Roles     []string `cbor:"roles"`
	At        int64    `cbor:"at"`
	Signature []byte   `cbor:"sig,omitempty"`
}

var presenceDec = func() cbor.DecMode {
	dm, err := cbor.DecOptions{MaxArrayElements: 16, MaxMapPairs: 16, MaxNestedLevels: 4,
		DupMapKey: cbor.DupMapKeyEnforcedAPF, ExtraReturnErrors: cbor.ExtraDecErrorUnknownField}.DecMode()
	if err != nil {
		panic(err) // constant options: a programming error
	}
	return dm
}()

func (p presence) digest() [32]byte {
	p.Signature = nil
	b, _ := syncEnc.Marshal(p)
	return crypto.Keccak256Hash(b)
}

func signPresence(k *account.Key, id peer.ID, roles []string, now time.Time) ([]byte, error) {
	p := presence{Peer: []byte(id), Address: k.Address().Bytes(), Roles: roles, At: now.UnixMilli()}
	sig, err := k.SignDigest(p.digest())
	if err != nil {
		return nil, err
	}
	p.Signature = sig
	return syncEnc.Marshal(p)
}

// decodePresence checks the signature and that from, the peer that sent
// it on its own behalf, is the peer it names.
func decodePresence(b []byte) (presence, common.Address, error) {
	var p presence
	if len(b) > 1024 {
		return p, common.Address{}, fmt.Errorf("%w: %d bytes", ErrPresence, len(b))
	}
	if err := presenceDec.Unmarshal(b, &p); err != nil {
		return p, common.Address{}, fmt.Errorf("%w: %v", ErrPresence, err)
	}
	if len(p.Address) != common.AddressLength {
		return p, common.Address{}, fmt.Errorf("%w: address", ErrPresence)
	}
	addr := common.BytesToAddress(p.Address)
	if err := account.Verify(addr, p.digest(), p.Signature); err != nil {
		return p, common.Address{}, fmt.Errorf("%w: %w", ErrPresence, err)
	}
	return p, addr, nil
}

// workerSet tracks the live workers.
type workerSet struct {
	mu   sync.Mutex
	seen map[common.Address]time.Time
	peer map[common.Address]peer.ID
}

func newWorkerSet() *workerSet {
	return &workerSet{seen: map[common.Address]time.Time{}, peer: map[common.Address]peer.ID{}}
}

func (w *workerSet) saw(a common.Address, p peer.ID, at time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if at.After(w.seen[a]) {
		w.seen[a], w.peer[a] = at, p
	}
}

// live returns the workers seen since cutoff, sorted.
func (w *workerSet) live(cutoff time.Time) []common.Address {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]common.Address, 0, len(w.seen))
	for a, t := range w.seen {
		if !t.Before(cutoff) {
			out = append(out, a)
		}
	}
	slices.SortFunc(out, func(a, b common.Address) int { return a.Cmp(b) })
	return out
}

func (n *Node) validatePresence(ctx context.Context, from peer.ID, data []byte) p2p.Result {
	p, addr, err := decodePresence(data)
	if err != nil {
		return p2p.Reject
	}
	// A node announces itself: the message's signed author is the peer the
	// binding names, so nobody can bind another peer's ID.
	if author, ok := p2p.Author(ctx); !ok || author != peer.ID(p.Peer) {
		return p2p.Reject
	}
	at := time.UnixMilli(p.At)
	if d := time.Since(at); d > time.Duration(presenceTTL)*n.cfg.Tasks.PresenceEvery.D() || d < -time.Minute {
		return p2p.Ignore // stale or from the future: not relayed
	}
	// Liveness runs from when the announcement got here, not from when it
	// was signed: queueing delay must not age a live worker out.
	n.work.workers.saw(addr, peer.ID(p.Peer), time.Now())
	return p2p.Accept
}

func (n *Node) announce(ctx context.Context) {
	t := time.NewTicker(n.cfg.Tasks.PresenceEvery.D())
	defer t.Stop()
	for {
		now := time.Now()
		n.work.workers.saw(n.home.Account.Address(), n.host.ID(), now)
		if b, err := signPresence(n.home.Account, n.host.ID(), n.roles(), now); err == nil {
			if err := n.presence.Publish(ctx, b); err != nil && ctx.Err() == nil {
				n.log.Debug("presence: publish", "err", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// roles lists what this node does.
func (n *Node) roles() []string {
	r := []string{"edge"}
	if n.cfg.Tasks.Enabled {
		r = append(r, "worker")
	}
	return r
}
