package node

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/libp2p/go-libp2p/core/host"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/gpu/engine"
	"github.com/provenet/provenet/internal/clock"
	"github.com/provenet/provenet/node/payments"
	"github.com/provenet/provenet/node/paystore"
	"github.com/provenet/provenet/node/replica"
	"github.com/provenet/provenet/node/work"
	"github.com/provenet/provenet/p2p"
	"github.com/provenet/provenet/tasks"
)

// Version is the node's version string; the build may override it.
var Version = "0.1.0-dev"

var (
	// ErrNotRunning reports a call that needs a started node.
	ErrNotRunning = errors.New("node: not running")
	// ErrAlreadyStarted reports a second Start.
	ErrAlreadyStarted = errors.New("node: already started")
)

// Options are the parts a caller may supply instead of the defaults.
type Options struct {
	Logger  *slog.Logger
	Metrics Metrics
	// Clock is the time source of every time-dependent decision; the
	// wall clock when nil.
	Clock Clock
	// Host is a prebuilt libp2p host, for in-process tests on mocknet. The
	// node takes ownership of it.
	Host host.Host

	// Decide and Classify are test and automation hooks: they let a caller
	// stand in for the person or model behind this node's answers. Both
	// are nil in production, and then the node decides and classifies as
	// documented in package node/work (work.DecideFunc, work.ClassifyFunc).
	//
	// Decide, when set, replaces the automatic validator: it is asked on
	// every scan, while this node is a whitelisted validator of dn that has
	// not voted on r and tasks.auto_validate is on, and votes its verdict
	// when ok; with ok false it abstains for now and is asked again. It
	// runs on the scan goroutine, so it must not block.
	Decide func(ctx context.Context, dn *datanet.Datanet, r *datanet.StoredRecord) (v tasks.Verdict, ok bool)
	// Classify, when set, replaces the classifier for the classify tasks
	// this node holds: it returns the verdict to publish and a confidence
	// in 0..1 (below tasks.confidence the result is marked unsure). The
	// verdict must fit dn's schema (a rejection has no label), or peers
	// reject the result. It runs on the scan goroutine.
	Classify func(ctx context.Context, dn *datanet.Datanet, r *datanet.StoredRecord) (v tasks.Verdict, confidence float64)
}

// Node is one provenet daemon: its store, its libp2p host, its gossip topics,
// its sync service and its HTTP API.
type Node struct {
	keys  *apiKeys // api-keys.json: the /v1 credentials (apikeys.go)
	infer *inference
	attr  *attrService // attribution_service.go; nil when [attribution] is off
	// payments (pay_service.go); nil without an escrow. Atomic: the GPU
	// advertisement loop starts before it.
	pay   atomic.Pointer[payments.Service]
	payDB *paystore.Store
	// inference routing (inferroute.go)
	gpuAds     gpuPeers
	gpuAdTopic *p2p.Topic
	adKick     chan struct{} // publish the GPU ad now (kickGPUAd)
	// The inference role's goroutines (GPU advertisements, training jobs)
	// run under roleCtx and are stopped and awaited before the engine is.
	roleCtx     context.Context
	roleCancel  context.CancelFunc
	roleWG      sync.WaitGroup
	localOpenAI http.Handler
	oaCreated   int64 // the models' creation time in /v1/models
	// inference metrics (api_inference.go), registered once
	inferMetricsOnce sync.Once
	inferMetrics     *engine.PromMetrics
	// Model Factory (factory_*.go)
	grants     grants
	grantTopic *p2p.Topic
	factory    factoryJobs
	cfg        Config
	home       *Home
	log        *slog.Logger
	metrics    Metrics
	opts       Options

	mu      sync.Mutex
	life    lifecycle
	running bool
	started time.Time

	lock    *dirLock
	store   *datanet.Store
	host    *p2p.Host
	replica *replica.Service
	clock   Clock

	work    *work.Service
	api     *http.Server
	apiAddr net.Addr

	ctx    context.Context // lives from Start to Stop; never the ctx given to Start
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// New checks cfg and prepares a node for home. It opens nothing: Start does.
func New(cfg Config, home *Home, opts Options) (*Node, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if home == nil {
		return nil, ErrNoHome
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Metrics == nil {
		opts.Metrics = NewPromMetrics()
	}
	if opts.Clock == nil {
		opts.Clock = clock.Real()
	}
	n := &Node{cfg: cfg, home: home, log: opts.Logger, metrics: opts.Metrics, opts: opts, clock: opts.Clock, adKick: make(chan struct{}, 1)}
	n.life.log = n.log
	return n, nil
}

// Start brings the node up: data-dir lock, store, p2p host, gossip topics,
// catch-up sync, HTTP API. ctx bounds start-up only. On failure, whatever
// had started is stopped again.
func (n *Node) Start(ctx context.Context) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.running {
		return ErrAlreadyStarted
	}
	n.ctx, n.cancel = context.WithCancel(context.WithoutCancel(ctx))
	err := n.life.startAll(ctx, []service{
		{name: "lock", start: n.startLock, stop: n.stopLock},
		{name: "store", start: n.startStore, stop: n.stopStore},
		{name: "task store", start: noStart, stop: n.closeTaskStore},
		{name: "p2p", start: n.startP2P, stop: n.stopP2P},
		{name: "work store", start: n.openWork},
		{name: "replica", start: n.startReplica, stop: n.stopReplica},
		{name: "background", start: noStart, stop: n.stopBackground},
		{name: "work", start: n.startWork, stop: n.stopWork},
		{name: "inference", start: n.startInference, stop: n.stopInference},
		{name: "inference routing", start: n.startInferRoute, stop: n.stopInferRoute},
		{name: "factory grants", start: n.startGrants},
		{name: "attribution", start: n.startAttribution, stop: n.stopAttribution},
		{name: "api keys", start: n.openKeys},
		{name: "payments", start: n.startPay, stop: n.stopPay},
		{name: "api", start: n.startAPI, stop: n.stopAPI},
	})
	if err != nil {
		n.cancel()
		return err
	}
	n.running = true
	n.started = n.clock.Now()
	n.log.Info("node started", "peer_id", n.home.PeerID(), "address", n.home.Account.Address(),
		"api", n.APIURL(), "p2p", n.host.Addrs())
	return nil
}

// Stop brings the node down in reverse order. It is safe to call twice.
func (n *Node) Stop(ctx context.Context) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if !n.running {
		return nil
	}
	n.running = false
	err := n.life.stopAll(ctx)
	n.log.Info("node stopped", "err", err)
	return err
}

func (n *Node) startLock(context.Context) error {
	l, err := lockDir(n.home.Path(DataDir))
	if err != nil {
		return err
	}
	n.lock = l
	return nil
}

func (n *Node) stopLock(context.Context) error { return n.lock.release() }

func (n *Node) startStore(context.Context) error {
	st, err := datanet.Open(n.cfg.StoreConfig(filepath.Join(n.home.Path(DataDir), "store")), n.log.With("svc", "store"))
	if err != nil {
		return err
	}
	n.store = st
	return nil
}

func (n *Node) stopStore(context.Context) error { return n.store.Close() }

func (n *Node) startP2P(ctx context.Context) error {
	var (
		h   *p2p.Host
		err error
	)
	plog := n.log.With("svc", "p2p")
	if n.opts.Host != nil {
		h, err = p2p.NewFromHost(n.opts.Host, n.cfg.P2PConfig(), plog, n.metrics)
	} else {
		h, err = p2p.New(n.cfg.P2PConfig(), n.home.P2PKey, plog, n.metrics)
	}
	if err != nil {
		return err
	}
	if err := h.Start(ctx); err != nil {
		return errors.Join(err, h.Stop(context.WithoutCancel(ctx)))
	}
	n.host = h
	return nil
}

func (n *Node) stopP2P(ctx context.Context) error { return n.host.Stop(ctx) }

// stopBackground cancels the node's own context and waits for its goroutines.
func (n *Node) stopBackground(ctx context.Context) error {
	n.cancel()
	done := make(chan struct{})
	go func() { n.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("waiting for background work: %w", ctx.Err())
	}
}

// go runs fn on the node's own context and tracks it for Stop.
// goRole runs fn as a goroutine of the inference role (see roleCtx).
func (n *Node) goRole(fn func(ctx context.Context)) {
	n.roleWG.Add(1)
	go func() {
		defer n.roleWG.Done()
		fn(n.roleCtx)
	}()
}

func (n *Node) goBackground(fn func(ctx context.Context)) {
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		fn(n.ctx)
	}()
}

// Store exposes the record store (nil before Start).
func (n *Node) Store() *datanet.Store { return n.store }

// Host exposes the p2p host (nil before Start).
func (n *Node) Host() *p2p.Host { return n.host }

// Home is the node's home directory.
func (n *Node) Home() *Home { return n.home }

// Config is the node's configuration.
func (n *Node) Config() Config { return n.cfg }

// APIURL is the base URL of the HTTP API, once started.
func (n *Node) APIURL() string {
	if n.apiAddr == nil {
		return ""
	}
	return "http://" + n.apiAddr.String()
}
