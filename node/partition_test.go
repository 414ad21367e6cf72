package node

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/tasks"
)

// partition splits a network wired by explicit dials (no bootstrap peers,
// no DHT, no mDNS, so nothing re-dials on its own) into sides, and records
// every connection made across it while it is split.
type partition struct {
	side  map[peer.ID]int
	links [][2]*Node // the cross links, to restore on heal

	mu       sync.Mutex
	split    bool
	crossing []string
}

func newPartition(sides ...[]*Node) *partition {
	p := &partition{side: map[peer.ID]int{}}
	for s, nodes := range sides {
		for _, n := range nodes {
			p.side[n.Host().ID()] = s
		}
	}
	for _, nodes := range sides {
		for _, n := range nodes {
			n.Host().Libp2p().Network().Notify(&network.NotifyBundle{ConnectedF: p.connected})
		}
	}
	return p
}

func (p *partition) connected(_ network.Network, c network.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.split && p.side[c.LocalPeer()] != p.side[c.RemotePeer()] {
		p.crossing = append(p.crossing, fmt.Sprintf("%s -> %s (%s)", c.LocalPeer(), c.RemotePeer(), c.Stat().Direction))
	}
}

// cut closes every connection across the partition. The peers' addresses
// are forgotten too: a request already on its way to a peer across (a
// sync pull that listed its peers before the cut) would otherwise dial it
// again.
func (p *partition) cut(t *testing.T, nodes []*Node) {
	t.Helper()
	p.mu.Lock()
	p.split = true
	p.mu.Unlock()
	for _, a := range nodes {
		for _, b := range nodes {
			if p.side[a.Host().ID()] == p.side[b.Host().ID()] {
				continue
			}
			h := a.Host().Libp2p()
			h.Peerstore().ClearAddrs(b.Host().ID())
			if err := h.Network().ClosePeer(b.Host().ID()); err != nil {
				t.Fatalf("close: %v", err)
			}
		}
	}
}

// crossed lists the connections made across the partition while split.
func (p *partition) crossed() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.crossing...)
}

// heal redials the cross links.
func (p *partition) heal(t *testing.T) {
	t.Helper()
	p.mu.Lock()
	p.split = false
	p.mu.Unlock()
	for _, l := range p.links {
		connect(t, l[0], l[1])
	}
}

// TestPartitionHeals: six nodes with 2 s points epochs, validators on both
// sides, are split in two for three epochs (the first in part). Each side
// keeps taking records and deciding them with its own validators, and both
// sides decide eight records they both hold, four of them with opposite
// labels. After the heal
// every node holds every record, with the same outcome, and the same points
// ledger: the same events and digest in every epoch, and the same snapshot
// root at every epoch.
func TestPartitionHeals(t *testing.T) {
	const epoch = 2 * time.Second
	// Two validators on each side (1, 2 and 4, 5), and a quorum of two:
	// each side can decide alone. They vote the submitter's label, as the
	// automatic validator does, except on the held records: those they
	// vote on only once released, and on the contested ones side A votes
	// art and side B science.
	var released atomic.Bool
	nodes := startWorkNodes(t, 6, func(i int, cfg *Config, opts *Options) {
		cfg.Tasks.EpochLength = Duration(epoch)
		opts.Decide = func(_ context.Context, _ *datanet.Datanet, r *datanet.StoredRecord) (tasks.Verdict, bool) {
			switch {
			case !strings.HasPrefix(r.Content, "held"):
				return tasks.Verdict{Accept: true, Label: r.Label}, true
			case !released.Load():
				return tasks.Verdict{}, false
			case strings.HasPrefix(r.Content, "held contested") && i < 3:
				return tasks.Verdict{Accept: true, Label: "art"}, true
			case strings.HasPrefix(r.Content, "held contested"):
				return tasks.Verdict{Accept: true, Label: "science"}, true
			}
			return tasks.Verdict{Accept: true, Label: r.Label}, true
		}
	})
	sideA, sideB := nodes[:3], nodes[3:]
	p := newPartition(sideA, sideB)
	for _, side := range [][]*Node{sideA, sideB} {
		connect(t, side[1], side[0])
		connect(t, side[2], side[1])
		connect(t, side[2], side[0])
	}
	for i := range sideA {
		connect(t, sideB[i], sideA[i])
		p.links = append(p.links, [2]*Node{sideB[i], sideA[i]})
	}
	waitWorkers(t, nodes, len(nodes))

	owner := nodes[0]
	var vals []string
	for _, v := range []*Node{nodes[1], nodes[2], nodes[4], nodes[5]} {
		vals = append(vals, v.Home().Account.Address().Hex())
	}
	d := createDatanetEverywhere(t, nodes, CreateDatanetRequest{
		Name: "split", Labels: []string{"art", "science"}, Validators: vals, Quorum: 2,
	})
	batch := 0
	submitBatch := func(n *Node, prefix string) []cid.Cid {
		batch++
		var subs []SubmitRecord
		for i := range 4 {
			label := []string{"art", "science"}[i%2]
			subs = append(subs, SubmitRecord{Content: fmt.Sprintf("%s batch %d record %d about %s", prefix, batch, i, label), Label: label})
		}
		res, err := n.SubmitRecords(context.Background(), d.ID(), subs)
		if err != nil {
			t.Fatal(err)
		}
		out := make([]cid.Cid, len(res))
		for i, r := range res {
			out[i] = mustCID(t, r.CID)
		}
		return out
	}
	golden := func(nodes []*Node, cids []cid.Cid) func() bool {
		return func() bool {
			for _, nd := range nodes {
				for _, c := range cids {
					if r, err := nd.Store().GetRecord(c); err != nil || r.State != datanet.StateGolden {
						return false
					}
				}
			}
			return true
		}
	}
	all := submitBatch(nodes[0], "open")
	held := append(submitBatch(nodes[0], "held agreed"), submitBatch(nodes[3], "held contested")...)
	eventually(t, 20*time.Second, "first records golden everywhere", golden(nodes, all))
	eventually(t, 10*time.Second, "held records everywhere", func() bool {
		for _, nd := range nodes {
			if !hasAll(nd, held) {
				return false
			}
		}
		return true
	})
	waitSameLedger(t, nodes, 10*time.Second)

	// Split for three epochs. Each side decides the held records on its own,
	// and submits and decides a batch of its own in each epoch.
	p.cut(t, nodes)
	splitAt := owner.CurrentEpoch()
	waitWorkers(t, nodes, 3)
	released.Store(true)
	eventually(t, 10*time.Second, "each side decides the held records", golden(nodes, held))
	contested := map[int]string{}
	for i, nd := range nodes {
		contested[i] = nd.work.Outcome(d, held[4]).Verdict.Label
	}
	var onA, onB []cid.Cid
	for e := splitAt; e < splitAt+3; e++ {
		a, b := submitBatch(sideA[e%3], "open"), submitBatch(sideB[(e+1)%3], "open")
		onA, onB = append(onA, a...), append(onB, b...)
		eventually(t, 10*time.Second, "each side decides its records", func() bool {
			return golden(sideA, a)() && golden(sideB, b)()
		})
		eventually(t, 2*epoch, "the next epoch", func() bool { return owner.CurrentEpoch() > e })
	}
	// Absences, checked after three epochs apart: no record crossed, and no
	// connection did.
	for _, side := range []struct {
		nodes []*Node
		other []cid.Cid
	}{{sideA, onB}, {sideB, onA}} {
		for _, nd := range side.nodes {
			for _, c := range side.other {
				if nd.Store().HasRecord(c) {
					t.Fatalf("record %s crossed the partition", c)
				}
			}
		}
	}
	if c := p.crossed(); len(c) > 0 {
		t.Fatalf("connections across the partition while split: %v", c)
	}

	healed := time.Now()
	p.heal(t)
	all = append(append(append(all, held...), onA...), onB...)
	eventually(t, 30*time.Second, "every record golden everywhere", golden(nodes, all))
	waitSameLedger(t, nodes, 30*time.Second)
	converged := time.Since(healed)
	for _, c := range all {
		want := owner.work.Outcome(d, c)
		for i, nd := range nodes[1:] {
			if got := nd.work.Outcome(d, c); got != want || !got.Final {
				t.Fatalf("record %s: node %d outcome %+v, node 0 %+v", c, i+1, got, want)
			}
		}
	}
	infos := owner.work.Ledger().Epochs()
	t.Logf("split for epochs %d..%d, the contested record labelled %v by node while split, %s after the heal",
		splitAt, splitAt+2, contested, owner.work.Outcome(d, held[4]).Verdict.Label)
	t.Logf("after the heal, %d records and %d points events in epochs %d..%d agree on all %d nodes after %v",
		len(all), owner.work.Ledger().Len(), infos[0].Epoch, infos[len(infos)-1].Epoch, len(nodes), converged.Round(time.Millisecond))
}
