// Package gossipbench measures gossip propagation on an in-process network
// of real libp2p hosts on loopback TCP: every message is signed, validated
// and relayed by gossipsub exactly as in a node. It reports p50, p99 and max
// latency from publish to delivery at every other node, and the delivery
// ratio, at each publishing rate.
package gossipbench

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	mrand "math/rand/v2"
	"slices"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/p2p"
)

// Topic is the benchmark's gossip topic.
const Topic = "/provenet/bench/1"

// header is run id, sequence number and send time.
const header = 24

// Options shape the network and the load.
type Options struct {
	// Nodes is the network size (default 50).
	Nodes int
	// Degree is how many earlier nodes each node dials (default 4).
	Degree int
	// Duration is the publishing time per rate (default 10s).
	Duration time.Duration
	// MsgBytes is the message size, at least 24 (default 512).
	MsgBytes int
	// MeshDegree is gossipsub's D (0: the p2p default, 4).
	MeshDegree int
	// Settle bounds the wait for stragglers after publishing (default 5s).
	Settle time.Duration
	// Log receives progress; nil discards it.
	Log *slog.Logger
}

func (o *Options) defaults() {
	if o.Nodes == 0 {
		o.Nodes = 50
	}
	if o.Degree == 0 {
		o.Degree = 4
	}
	if o.Duration == 0 {
		o.Duration = 10 * time.Second
	}
	if o.MsgBytes < header {
		o.MsgBytes = max(512, header)
	}
	if o.Settle == 0 {
		o.Settle = 5 * time.Second
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
}

// Result is one rate's outcome.
type Result struct {
	Nodes     int
	Rate      float64
	Sent      int
	Expected  int // Sent * (Nodes-1)
	Delivered int
	P50, P99  time.Duration
	Max       time.Duration
	Duration  time.Duration
}

// DeliveryRatio is Delivered / Expected.
func (r Result) DeliveryRatio() float64 {
	if r.Expected == 0 {
		return 0
	}
	return float64(r.Delivered) / float64(r.Expected)
}

// WriteTable prints the result next to the targets.
func (r Result) WriteTable(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "gossip: %d nodes, %.0f msg/s for %s\n", r.Nodes, r.Rate, r.Duration)
	fmt.Fprintln(tw, "METRIC\tVALUE\tTARGET")
	fmt.Fprintf(tw, "messages published\t%d\t\n", r.Sent)
	fmt.Fprintf(tw, "deliveries\t%d / %d\t\n", r.Delivered, r.Expected)
	fmt.Fprintf(tw, "delivery ratio\t%.4f\t1.0000 (no loss)\n", r.DeliveryRatio())
	fmt.Fprintf(tw, "latency p50\t%s\t\n", r.P50.Round(10*time.Microsecond))
	fmt.Fprintf(tw, "latency p99\t%s\t< 250ms\n", r.P99.Round(10*time.Microsecond))
	fmt.Fprintf(tw, "latency max\t%s\t\n", r.Max.Round(10*time.Microsecond))
	tw.Flush()
}

// net is the running network.
type network struct {
	hosts  []*p2p.Host
	topics []*p2p.Topic

	mu       sync.Mutex
	run      uint64
	lat      []time.Duration
	received int
}

// RunRates builds one network and measures each rate on it in turn.
func RunRates(ctx context.Context, o Options, rates []float64) ([]Result, error) {
	o.defaults()
	n, err := start(ctx, o)
	if err != nil {
		return nil, err
	}
	defer n.stop()
	var out []Result
	for i, rate := range rates {
		if rate <= 0 {
			return out, fmt.Errorf("gossipbench: rate %v must be positive", rate)
		}
		r, err := n.measure(ctx, o, uint64(i+1), rate)
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, nil
}

func start(ctx context.Context, o Options) (_ *network, err error) {
	n := &network{}
	defer func() {
		if err != nil {
			n.stop()
		}
	}()
	cfg := p2p.DefaultConfig()
	cfg.ListenAddrs = []string{"/ip4/127.0.0.1/tcp/0"}
	cfg.DHT = false
	cfg.ConnHigh = max(cfg.ConnHigh, 4*o.Degree)
	if o.MeshDegree > 0 {
		cfg.MeshDegree = o.MeshDegree
	}
	for i := range o.Nodes {
		key, _, err := crypto.GenerateEd25519Key(rand.Reader)
		if err != nil {
			return nil, err
		}
		h, err := p2p.New(cfg, key, o.Log.With("node", i), p2p.NoopMetrics{})
		if err != nil {
			return nil, err
		}
		n.hosts = append(n.hosts, h)
		if err := h.Start(ctx); err != nil {
			return nil, err
		}
		t, err := h.Join(Topic, validate)
		if err != nil {
			return nil, err
		}
		if err := t.Subscribe(n.deliver); err != nil {
			return nil, err
		}
		n.topics = append(n.topics, t)
	}
	rng := mrand.New(mrand.NewPCG(1, 2))
	for i := 1; i < o.Nodes; i++ {
		for _, j := range rng.Perm(i)[:min(i, o.Degree)] {
			cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			err := n.hosts[i].Connect(cctx, n.hosts[j].AddrInfo())
			cancel()
			if err != nil {
				return nil, err
			}
		}
	}
	// Wait until every node has mesh candidates, then two heartbeats so that
	// the meshes have formed.
	deadline := time.Now().Add(30 * time.Second)
	for _, t := range n.topics {
		for len(t.ListPeers()) == 0 {
			if time.Now().After(deadline) {
				return nil, errors.New("gossipbench: topic peers did not appear within 30s")
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	time.Sleep(2500 * time.Millisecond)
	o.Log.Info("network up", "nodes", o.Nodes)
	return n, nil
}

func (n *network) stop() {
	for _, h := range n.hosts {
		_ = h.Stop(context.Background())
	}
}

// validate is what a real validator does cheaply: check the shape.
func validate(_ context.Context, _ peer.ID, data []byte) p2p.Result {
	if len(data) < header {
		return p2p.Reject
	}
	return p2p.Accept
}

func (n *network) deliver(_ context.Context, _ peer.ID, data []byte) {
	now := time.Now()
	run := binary.BigEndian.Uint64(data)
	sent := time.Unix(0, int64(binary.BigEndian.Uint64(data[16:])))
	n.mu.Lock()
	if run == n.run {
		n.lat = append(n.lat, now.Sub(sent))
		n.received++
	}
	n.mu.Unlock()
}

func (n *network) measure(ctx context.Context, o Options, run uint64, rate float64) (Result, error) {
	n.mu.Lock()
	n.run, n.lat, n.received = run, make([]time.Duration, 0, int(rate*o.Duration.Seconds())*len(n.hosts)), 0
	n.mu.Unlock()

	interval := time.Duration(float64(time.Second) / rate)
	total := int(rate * o.Duration.Seconds())
	begin := time.Now()
	msg := make([]byte, o.MsgBytes)
	for seq := range total {
		if d := time.Until(begin.Add(time.Duration(seq) * interval)); d > 0 {
			time.Sleep(d)
		}
		if ctx.Err() != nil {
			return Result{}, ctx.Err()
		}
		binary.BigEndian.PutUint64(msg, run)
		binary.BigEndian.PutUint64(msg[8:], uint64(seq))
		binary.BigEndian.PutUint64(msg[16:], uint64(time.Now().UnixNano()))
		t := n.topics[seq%len(n.topics)]
		if err := t.Publish(ctx, slices.Clone(msg)); err != nil {
			return Result{}, err
		}
	}
	expected := total * (len(n.hosts) - 1)
	deadline := time.Now().Add(o.Settle)
	for time.Now().Before(deadline) {
		n.mu.Lock()
		done := n.received >= expected
		n.mu.Unlock()
		if done {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	n.mu.Lock()
	lat := slices.Clone(n.lat)
	n.run = 0
	n.mu.Unlock()
	slices.Sort(lat)
	r := Result{Nodes: len(n.hosts), Rate: rate, Sent: total, Expected: expected, Delivered: len(lat), Duration: o.Duration}
	if len(lat) > 0 {
		r.P50 = lat[len(lat)*50/100]
		r.P99 = lat[min(len(lat)-1, len(lat)*99/100)]
		r.Max = lat[len(lat)-1]
	}
	return r, nil
}
