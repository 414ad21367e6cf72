package node

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/chain"
	"github.com/provenet/provenet/chain/da"
	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/p2p"
	"github.com/provenet/provenet/pay"
)

// TopicReceipts carries signed attribution receipts (canonical CBOR).
const TopicReceipts = "/provenet/receipts/1"

var (
	// ErrAttributionDisabled reports a receipts or epochs call on a node
	// with [attribution] enabled = false.
	ErrAttributionDisabled = errors.New("node: attribution is disabled on this node")
	// ErrNotOperator reports a receipt whose operator the registry does
	// not list as a GPU operator.
	ErrNotOperator = errors.New("node: receipt operator is not a registered GPU operator")
	// ErrDANotConfigured reports a call that needs [da] url.
	ErrDANotConfigured = errors.New("node: DA disabled (no [da] url configured)")
)

// attrService is Proof of Attribution in the node: it turns finished
// inference requests into signed receipts, keeps and gossips receipts,
// and, on an aggregator, closes and anchors epochs (epoch_close.go).
type attrService struct {
	n      *Node
	log    *slog.Logger
	cfg    AttributionConfig
	params attribution.SplitParams
	store  *receiptStore
	topic  *p2p.Topic
	seen   *attribution.Seen
	chain  *chain.Client // disabled (ErrNoChain) without [chain] rpc_url
	owners *addrCache    // registry owners by CID
	// filledTo is the newest anchored epoch fillFromChain looked up to
	// (guarded by mu).
	filledTo uint64
	da       *da.Client // nil without [da] url
	index    *spanIndex // nil without the inference role
	agg      *attribution.Aggregator
	ops      *operatorCache

	usage chan gpu.Usage

	issueMu sync.Mutex // serialises issuing, so a request gets one receipt
	closeMu sync.Mutex // serialises closing epochs
	mu      sync.Mutex
	byReq   map[string]attribution.ReceiptID
	reqFIFO []string
	closed  map[uint64]*attribution.EpochReceipts
	retries map[uint64]int
	next    uint64 // next epoch to close (aggregator)

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

const issuedKept = 4096

func (n *Node) startAttribution(ctx context.Context) error {
	if !n.cfg.Attribution.Enabled {
		return nil
	}
	a := &attrService{n: n, log: n.log.With("svc", "attribution"), cfg: n.cfg.Attribution,
		params: n.cfg.Attribution.SplitParams(), seen: attribution.NewSeen(), usage: make(chan gpu.Usage, 256),
		byReq: map[string]attribution.ReceiptID{}, owners: newOwnerCache(), closed: map[uint64]*attribution.EpochReceipts{}, retries: map[uint64]int{}}
	var err error
	if a.store, err = openReceiptStore(filepath.Join(n.home.Path(DataDir), "receipts"), n.cfg.Store.SyncWrites); err != nil {
		return err
	}
	fail := func(err error) error {
		if a.chain != nil {
			a.chain.Close()
		}
		return errors.Join(err, a.store.close())
	}
	cc, err := n.cfg.ChainClientConfig()
	if err != nil {
		return fail(err)
	}
	if n.cfg.DA.URL != "" {
		if a.da, err = da.NewClient(n.cfg.DAClientConfig(), nil, nil, n.log); err != nil {
			return fail(err)
		}
	}
	if a.chain, err = chain.Dial(ctx, cc, n.home.Account.PrivateKey(), n.log); err != nil {
		// Say which service is missing (a devnet home run on its own
		// while the devnet's chain is down, say), not just a dial error.
		msg := fmt.Sprintf("chain RPC unreachable at %s ([chain] rpc_url)", cc.RPCURL)
		if a.da != nil && a.daDown(ctx) {
			msg += fmt.Sprintf("; DA unreachable at %s too ([da] url)", n.cfg.DA.URL)
		}
		return fail(fmt.Errorf("%s: %w", msg, err))
	}
	if a.da != nil && a.daDown(ctx) {
		a.log.Warn("DA unreachable; epochs cannot be published or read from DA until it answers", "url", n.cfg.DA.URL)
	}
	a.ops = newOperatorCache(a.chain, a.advertisesInference, n.clock)
	if a.topic, err = n.host.Join(TopicReceipts, a.validate); err != nil {
		return fail(err)
	}
	if err := a.topic.Subscribe(a.onMsg); err != nil {
		return fail(err)
	}
	if n.infer != nil {
		if a.index, err = newSpanIndex(n, a.cfg.MinSpan); err != nil {
			return fail(err)
		}
	}
	if a.cfg.Aggregator {
		if a.agg, err = attribution.NewAggregator(a.params); err != nil {
			return fail(err)
		}
		if err := a.loadOpen(); err != nil {
			return fail(err)
		}
	}
	a.ctx, a.cancel = context.WithCancel(context.Background())
	n.attr = a
	if n.infer != nil {
		n.infer.mu.Lock()
		n.infer.onDone = a.enqueue
		n.infer.mu.Unlock()
		a.spawn(a.issueLoop)
		a.spawn(a.index.loop)
		a.spawn(a.registerBase)
	}
	if a.agg != nil {
		a.spawn(a.epochLoop)
	}
	a.log.Info("attribution ready", "aggregator", a.cfg.Aggregator, "chain", a.chain.Enabled(), "da", a.da != nil,
		"index", a.index != nil)
	return nil
}

func (n *Node) stopAttribution(context.Context) error {
	a := n.attr
	if a == nil {
		return nil
	}
	if n.infer != nil {
		n.infer.mu.Lock()
		n.infer.onDone = nil
		n.infer.mu.Unlock()
	}
	a.cancel()
	a.wg.Wait()
	a.chain.Close()
	n.attr = nil
	return a.store.close()
}

// daDown reports whether the DA server fails its health check.
func (a *attrService) daDown(ctx context.Context) bool {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	return a.da.Health(ctx) != nil
}

func (a *attrService) spawn(fn func(ctx context.Context)) {
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		fn(a.ctx)
	}()
}

// enqueue is inference.onDone: it runs on the engine's goroutine, so it
// only queues the usage record.
func (a *attrService) enqueue(u gpu.Usage) {
	select {
	case a.usage <- u:
	default:
		a.log.Warn("receipts: queue full, usage dropped", "request", u.RequestID)
	}
}

func (a *attrService) issueLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case u := <-a.usage:
			if _, _, err := a.issue(ctx, u); err != nil {
				a.log.Warn("receipts: issue", "request", u.RequestID, "err", err)
			}
		}
	}
}

// issue builds, signs, stores, aggregates and gossips the receipt of a
// finished request, once per request ID: a second call returns the first
// receipt's ID.
func (a *attrService) issue(ctx context.Context, u gpu.Usage) (*attribution.Receipt, attribution.ReceiptID, error) {
	a.issueMu.Lock()
	defer a.issueMu.Unlock()
	a.mu.Lock()
	id, done := a.byReq[u.RequestID]
	a.mu.Unlock()
	if done {
		// Issued already (the usage callback and the response's extra
		// race): return the stored receipt, so both see the same one.
		b, err := a.store.get(id)
		if err != nil {
			return nil, id, nil
		}
		r, err := attribution.DecodeReceipt(b)
		if err != nil {
			return nil, id, nil
		}
		return r, id, nil
	}
	pr := a.n.payments().Take(u.RequestID)
	r, err := a.build(ctx, u, pr, a.n.clock.Now())
	if err != nil {
		if pr != nil {
			a.n.payments().Release(pr)
		}
		return nil, id, err
	}
	id, enc, err := a.keep(r)
	if err != nil {
		return nil, id, err
	}
	if pr != nil {
		a.n.payments().Issued(pr, r, uint32(max(u.PromptTokens, 0)), u.OutputIDs)
	}
	a.mu.Lock()
	a.byReq[u.RequestID] = id
	a.reqFIFO = append(a.reqFIFO, u.RequestID)
	if len(a.reqFIFO) > issuedKept {
		delete(a.byReq, a.reqFIFO[0])
		a.reqFIFO = a.reqFIFO[1:]
	}
	a.mu.Unlock()
	if err := a.topic.Publish(ctx, enc); err != nil {
		a.log.Debug("receipts: publish", "id", id, "err", err)
	}
	a.log.Info("receipt issued", "id", id, "request", u.RequestID, "epoch", r.Epoch, "records", len(r.Records), "fee", r.Fee)
	return r, id, nil
}

// keep encodes, stores and (on an aggregator) aggregates a checked
// receipt. It returns its ID and encoding.
func (a *attrService) keep(r *attribution.Receipt) (attribution.ReceiptID, []byte, error) {
	id, err := r.ID()
	if err != nil {
		return id, nil, err
	}
	enc, err := r.Encode()
	if err != nil {
		return id, nil, err
	}
	if _, err := a.store.put(id, r.Epoch, enc, pay.AppendRow(nil, r)); err != nil {
		return id, nil, err
	}
	a.seen.Add(id, r.Epoch)
	a.seen.Prune(a.n.CurrentEpoch() - min(a.n.CurrentEpoch(), a.cfg.MaxLagEpochs))
	if a.agg != nil {
		if err := a.agg.AddWithID(id, r); err != nil && !errors.Is(err, attribution.ErrDuplicate) {
			a.log.Warn("receipts: not aggregated", "id", id, "epoch", r.Epoch, "err", err)
		}
	}
	return id, enc, nil
}

// checkReceipt is the gossip rule for a receipt: canonical and
// structurally valid, signed by its operator, of an epoch within the
// replay window, not seen before, and (with a chain) from a registered
// GPU operator.
func (a *attrService) checkReceipt(ctx context.Context, data []byte) (*attribution.Receipt, attribution.ReceiptID, error) {
	var id attribution.ReceiptID
	r, err := attribution.DecodeReceipt(data)
	if err != nil {
		return nil, id, err
	}
	if err := r.Validate(); err != nil {
		return nil, id, err
	}
	if _, err := r.Verify(); err != nil {
		return nil, id, err
	}
	if err := attribution.CheckEpoch(r, a.n.CurrentEpoch(), a.cfg.MaxLagEpochs); err != nil {
		return nil, id, err
	}
	if id, err = r.ID(); err != nil {
		return nil, id, err
	}
	if a.seen.Has(id) || a.store.has(id) {
		return r, id, fmt.Errorf("%w: %s", attribution.ErrDuplicate, id)
	}
	if err := a.ops.check(ctx, r.Operator); err != nil {
		return r, id, err
	}
	return r, id, nil
}

// validate is the receipts topic's validator.
func (a *attrService) validate(ctx context.Context, from peer.ID, data []byte) p2p.Result {
	_, _, err := a.checkReceipt(ctx, data)
	switch {
	case err == nil:
		return p2p.Accept
	case errors.Is(err, attribution.ErrDuplicate), errors.Is(err, attribution.ErrFutureEpoch), errors.Is(err, errOperatorUnknown):
		return p2p.Ignore // known, early (clock skew) or not judgeable now: not relayed, not held against the peer
	default:
		a.log.Debug("gossip: bad receipt", "from", from, "err", err)
		return p2p.Reject
	}
}

func (a *attrService) onMsg(_ context.Context, from peer.ID, data []byte) {
	r, err := attribution.DecodeReceipt(data) // checked in full by validate
	if err != nil {
		return
	}
	if _, _, err := a.keep(r); err != nil {
		a.log.Warn("receipts: keep", "from", from, "err", err)
	}
}

// errOperatorUnknown: the registry could not be asked.
var errOperatorUnknown = errors.New("node: operator registration unknown")

// advertisesInference is the off-chain operator check: addr is this node,
// or presence binds it to a peer whose GPU advertisement is live.
func (a *attrService) advertisesInference(addr common.Address) bool {
	n := a.n
	if addr == n.home.Account.Address() {
		return n.infer != nil
	}
	p, ok := n.work.PeerOf(addr)
	if !ok {
		return false
	}
	_, ok = n.gpuAds.live(n.clock.Now(), n.adTTL())[p]
	return ok
}

// operatorCache answers "is this address a registered GPU operator" from
// the chain registry, caching answers (a minute when yes, five seconds
// when no). Without a chain it asks offChain instead: presence and GPU
// advertisements are the only signal there.
type operatorCache struct {
	clock    Clock
	c        *chain.Client
	offChain func(common.Address) bool
	mu       sync.Mutex
	m        map[common.Address]opAnswer
}

type opAnswer struct {
	ok bool
	at time.Time
}

func newOperatorCache(c *chain.Client, offChain func(common.Address) bool, clk Clock) *operatorCache {
	return &operatorCache{clock: clk, c: c, offChain: offChain, m: map[common.Address]opAnswer{}}
}

func (o *operatorCache) check(ctx context.Context, addr common.Address) error {
	if !o.c.Enabled() || o.c.Addresses().Registry == (common.Address{}) {
		if o.offChain(addr) {
			return nil
		}
		return fmt.Errorf("%w: %s has no live GPU advertisement", errOperatorUnknown, addr.Hex())
	}
	o.mu.Lock()
	ans, ok := o.m[addr]
	o.mu.Unlock()
	if age := o.clock.Since(ans.at); !ok || age > time.Minute || (!ans.ok && age > 5*time.Second) {
		cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		is, err := o.c.IsOperator(cctx, addr)
		cancel()
		if err != nil {
			return fmt.Errorf("%w: %w", errOperatorUnknown, err)
		}
		ans = opAnswer{ok: is, at: o.clock.Now()}
		o.mu.Lock()
		o.m[addr] = ans
		o.mu.Unlock()
	}
	if !ans.ok {
		return fmt.Errorf("%w: %s", ErrNotOperator, addr.Hex())
	}
	return nil
}
