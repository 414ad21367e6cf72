package p2p

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"github.com/libp2p/go-libp2p"
	dht "github.com/libp2p/go-libp2p-kad-dht"
	pubsub "github.com/libp2p/go-libp2p-pubsub"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	rcmgr "github.com/libp2p/go-libp2p/p2p/host/resource-manager"
	"github.com/libp2p/go-libp2p/p2p/net/connmgr"
	"github.com/libp2p/go-libp2p/p2p/security/noise"
	tls "github.com/libp2p/go-libp2p/p2p/security/tls"
	quic "github.com/libp2p/go-libp2p/p2p/transport/quic"
	"github.com/libp2p/go-libp2p/p2p/transport/tcp"
	ma "github.com/multiformats/go-multiaddr"
)

var (
	// ErrNotStarted reports a call that needs a started Host.
	ErrNotStarted = errors.New("p2p: host not started")
	// ErrStopped reports a call on a stopped Host.
	ErrStopped = errors.New("p2p: host stopped")
)

// UserAgent is what the host announces through identify.
const UserAgent = "provenet"

// Host is a libp2p host with gossipsub, discovery and request/response
// protocols. Build it with New or NewFromHost, then Start it; Stop undoes
// both.
type Host struct {
	cfg     Config
	log     *slog.Logger
	metrics Metrics
	h       host.Host
	boot    []peer.AddrInfo

	ps  *pubsub.PubSub
	dht *dht.IpfsDHT

	mu        sync.Mutex
	topics    map[string]*Topic
	onConnect []func(peer.ID)
	started   bool
	stopped   bool
	closers   []func() error

	scoreMu sync.Mutex
	scores  map[peer.ID]float64

	ctx    context.Context // lives from Start to Stop
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// New builds a libp2p host listening on cfg.ListenAddrs with identity key.
// It listens at once, but joins no network until Start.
func New(cfg Config, key crypto.PrivKey, log *slog.Logger, m Metrics) (*Host, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cm, err := connmgr.NewConnManager(cfg.ConnLow, cfg.ConnHigh)
	if err != nil {
		return nil, fmt.Errorf("p2p: connection manager: %w", err)
	}
	rm, err := rcmgr.NewResourceManager(rcmgr.NewFixedLimiter(rcmgr.DefaultLimits.AutoScale()))
	if err != nil {
		return nil, errors.Join(fmt.Errorf("p2p: resource manager: %w", err), cm.Close())
	}
	h, err := libp2p.New(
		libp2p.Identity(key),
		libp2p.ListenAddrStrings(cfg.ListenAddrs...),
		libp2p.Transport(tcp.NewTCPTransport),
		libp2p.Transport(quic.NewTransport),
		libp2p.Security(noise.ID, noise.New),
		libp2p.Security(tls.ID, tls.New),
		libp2p.ConnectionManager(cm),
		libp2p.ResourceManager(rm),
		libp2p.DisableRelay(),
		libp2p.DisableMetrics(), // libp2p would register on the global registry
		libp2p.UserAgent(UserAgent),
	)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("p2p: libp2p host: %w", err), cm.Close(), rm.Close())
	}
	return NewFromHost(h, cfg, log, m)
}

// NewFromHost wraps a host built elsewhere (for example on libp2p mocknet).
// The Host takes ownership of h and closes it on Stop, or now if cfg is
// invalid.
func NewFromHost(h host.Host, cfg Config, log *slog.Logger, m Metrics) (*Host, error) {
	if err := cfg.Validate(); err != nil {
		return nil, errors.Join(err, h.Close())
	}
	boot, _ := parseBootstrap(cfg.Bootstrap) // Validate checked it
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if m == nil {
		m = NoopMetrics{}
	}
	return &Host{cfg: cfg, log: log, metrics: m, h: h, boot: boot, topics: make(map[string]*Topic)}, nil
}

// Start joins the network: gossipsub, connection notifications, the DHT
// and discovery. ctx bounds start-up only; the host's goroutines live until
// Stop. Bootstrap peers are dialled in the background, so a node whose
// peers are not up yet still starts.
func (h *Host) Start(ctx context.Context) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.stopped {
		return ErrStopped
	}
	if h.started {
		return nil
	}
	h.ctx, h.cancel = context.WithCancel(context.Background())
	h.h.Network().Notify(&network.NotifyBundle{
		ConnectedF:    h.connected,
		DisconnectedF: func(network.Network, network.Conn) { h.metrics.Peers(len(h.h.Network().Peers())) },
	})
	ps, err := h.newPubSub()
	if err != nil {
		return err
	}
	h.ps = ps
	if h.cfg.DHT {
		d, err := dht.New(h.h, dht.Mode(dht.ModeServer), dht.ProtocolPrefix("/provenet"),
			dht.BootstrapPeers(h.boot...), dht.DisableValues(), dht.DisableProviders())
		if err != nil {
			return fmt.Errorf("p2p: dht: %w", err)
		}
		h.dht = d
		h.closers = append(h.closers, d.Close)
	}
	if h.cfg.MDNS {
		if err := h.startMDNS(); err != nil {
			return err
		}
	}
	h.started = true
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		h.discoverLoop(h.ctx)
	}()
	return ctx.Err()
}

// Stop leaves the network and closes the libp2p host. It is safe to call
// more than once, and on a host that never started.
func (h *Host) Stop(ctx context.Context) error {
	h.mu.Lock()
	if h.stopped {
		h.mu.Unlock()
		return nil
	}
	h.stopped = true
	cancel := h.cancel
	topics := make([]*Topic, 0, len(h.topics))
	for _, t := range h.topics {
		topics = append(topics, t)
	}
	h.mu.Unlock()

	if cancel != nil {
		cancel()
	}
	var errs []error
	for _, t := range topics {
		errs = append(errs, t.close())
	}
	done := make(chan struct{})
	go func() { h.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		errs = append(errs, fmt.Errorf("p2p: waiting for host goroutines: %w", ctx.Err()))
	}
	for i := len(h.closers) - 1; i >= 0; i-- {
		errs = append(errs, h.closers[i]())
	}
	errs = append(errs, h.h.Close())
	return errors.Join(errs...)
}

// connected runs on libp2p's notification goroutine: it must not block.
func (h *Host) connected(_ network.Network, c network.Conn) {
	h.metrics.Peers(len(h.h.Network().Peers()))
	h.mu.Lock()
	fns := h.onConnect
	h.mu.Unlock()
	p := c.RemotePeer()
	for _, fn := range fns {
		h.guard("peer connected", func() { fn(p) })
	}
}

// OnPeerConnected registers fn to run on every new connection. fn must not
// block; hand work to a goroutine of your own.
func (h *Host) OnPeerConnected(fn func(peer.ID)) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.onConnect = append(h.onConnect, fn)
}

// guard runs fn, turning a panic into a logged error.
func (h *Host) guard(what string, fn func()) (panicked bool) {
	defer func() {
		if r := recover(); r != nil {
			h.log.Error("p2p: callback panicked", "callback", what, "panic", r)
			panicked = true
		}
	}()
	fn()
	return false
}

// ID is the host's peer ID.
func (h *Host) ID() peer.ID { return h.h.ID() }

// Addrs are the host's listen addresses.
func (h *Host) Addrs() []ma.Multiaddr { return h.h.Addrs() }

// AddrInfo is the host's peer ID with its addresses, for dialling it.
func (h *Host) AddrInfo() peer.AddrInfo { return peer.AddrInfo{ID: h.h.ID(), Addrs: h.h.Addrs()} }

// FullAddrs are the listen addresses with /p2p/<id> appended, the form the
// bootstrap config takes.
func (h *Host) FullAddrs() []string {
	mas, _ := peer.AddrInfoToP2pAddrs(&peer.AddrInfo{ID: h.h.ID(), Addrs: h.h.Addrs()})
	out := make([]string, len(mas))
	for i, m := range mas {
		out[i] = m.String()
	}
	return out
}

// Libp2p exposes the underlying host, for tests and tools.
func (h *Host) Libp2p() host.Host { return h.h }

// Connect dials pi, adding its addresses to the peerstore.
func (h *Host) Connect(ctx context.Context, pi peer.AddrInfo) error {
	if err := h.h.Connect(ctx, pi); err != nil {
		return fmt.Errorf("p2p: connect %s: %w", pi.ID, err)
	}
	return nil
}

// PeerInfo describes one connected peer.
type PeerInfo struct {
	ID        peer.ID  `json:"id"`
	Addrs     []string `json:"addrs"`
	Direction string   `json:"direction"`
	Score     float64  `json:"score"`
}

// Peers lists the connected peers, with their gossip scores.
func (h *Host) Peers() []PeerInfo {
	ids := h.h.Network().Peers()
	out := make([]PeerInfo, 0, len(ids))
	for _, id := range ids {
		pi := PeerInfo{ID: id, Score: h.score(id)}
		for _, c := range h.h.Network().ConnsToPeer(id) {
			pi.Addrs = append(pi.Addrs, c.RemoteMultiaddr().String())
			pi.Direction = c.Stat().Direction.String()
		}
		out = append(out, pi)
	}
	return out
}
