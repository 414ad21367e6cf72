package work

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/p2p"
	"github.com/provenet/provenet/tasks"
)

// TopicPresence carries signed presence announcements (tasks.Presence):
// the binding of a node's peer ID to its account address, and the roles it
// works in. The live workers are those heard from within PresenceTTL
// intervals; they are the set that task assignment hashes over.
const TopicPresence = "/provenet/presence/2"

// PresenceTTL is how many announcement intervals a worker stays live after
// its last announcement was received. Generous, because under load the
// announcements queue behind records and results, and a worker that drops
// out of a node's live set makes that node take its tasks (duplicate work).
const PresenceTTL = 5

// SignPresence is this node's announcement wire form: k's address bound to
// peer id, with roles, at now.
func SignPresence(k account.Signer, id peer.ID, roles []string, now time.Time) ([]byte, error) {
	p, err := tasks.NewPresence(k, []byte(id), roles, now)
	if err != nil {
		return nil, err
	}
	return tasks.EncodePresence(p)
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

// Saw records that worker a announced itself from peer p at time at. It
// is what a received announcement does; tests and tools call it directly.
func (w *Service) Saw(a common.Address, p peer.ID, at time.Time) { w.workers.saw(a, p, at) }

func (w *workerSet) saw(a common.Address, p peer.ID, at time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if at.After(w.seen[a]) {
		w.seen[a], w.peer[a] = at, p
	}
}

func (w *workerSet) peerOf(a common.Address) (peer.ID, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	p, ok := w.peer[a]
	return p, ok
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

func (w *Service) validatePresence(ctx context.Context, _ peer.ID, data []byte) p2p.Result {
	p, err := tasks.DecodePresence(data)
	if err != nil {
		return p2p.Reject
	}
	// A node announces itself: the message's signed author is the peer the
	// binding names, so nobody can bind another peer's ID.
	if author, ok := p2p.Author(ctx); !ok || author != peer.ID(p.Peer) {
		return p2p.Reject
	}
	now := w.d.Clock.Now()
	if d := now.Sub(time.UnixMilli(p.At)); d > time.Duration(PresenceTTL)*w.cfg.PresenceEvery.D() || d < -time.Minute {
		return p2p.Ignore // stale or from the future: not relayed
	}
	// Liveness runs from when the announcement got here, not from when it
	// was signed: queueing delay must not age a live worker out.
	w.workers.saw(p.Address, peer.ID(p.Peer), now)
	return p2p.Accept
}

func (w *Service) announce(ctx context.Context) {
	t := w.d.Clock.NewTicker(w.cfg.PresenceEvery.D())
	defer t.Stop()
	for {
		now := w.d.Clock.Now()
		w.workers.saw(w.me(), w.d.Net.ID(), now)
		if b, err := SignPresence(w.d.Account, w.d.Net.ID(), w.d.Roles, now); err == nil {
			if err := w.presence.Publish(ctx, b); err != nil && ctx.Err() == nil {
				w.log.Debug("presence: publish", "err", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C():
		}
	}
}
