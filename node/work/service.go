package work

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/internal/lifecycle"
	"github.com/provenet/provenet/p2p"
	"github.com/provenet/provenet/points"
	"github.com/provenet/provenet/tasks"
	"github.com/provenet/provenet/tasks/crawl"
)

// Gossip topics of the data work.
const (
	TopicTasks   = "/provenet/tasks/1"
	TopicResults = "/provenet/results/1"
)

// Service runs this node's share of the data work: see the package doc.
type Service struct {
	d       Deps
	cfg     Config
	log     *slog.Logger
	data    Store        // the record store
	store   *tasks.Store // tasks, results, gold and extra submissions
	crawler *crawl.Crawler
	workers *workerSet
	models  *modelSet
	ledger  *points.Ledger
	group   *lifecycle.Group
	dups    *nearDups

	presence, taskTopic, results, gold *p2p.Topic

	fin    sync.Mutex // serialises deciding records: finalise and revise
	goldMu sync.Mutex // serialises the owner's pending gold reveals

	scanMu  sync.Mutex    // serialises scans
	bl      *backlog      // which pending records a scan visits
	workGen atomic.Uint64 // moves when a record, a result or a record state is stored
	visits  atomic.Uint64 // pending records visited by scans (tests)

	mu     sync.Mutex
	crawls map[tasks.ID]*CrawlProgress
	done   WorkCounts

	tallyMu  sync.Mutex // the backlog counts, as of tallyAt and workGen tallyGen
	tallied  bool
	tallyAt  time.Time
	tallyGen uint64
	pending  int
	kinds    map[string]KindCounts
}

// New checks d, opens the task store and rebuilds the points ledger from
// what the stores hold. It joins no topic: Start does.
func New(d Deps) (*Service, error) {
	if err := d.check(); err != nil {
		return nil, err
	}
	st, err := tasks.OpenStore(d.Dir, false, d.SyncWrites, d.Log)
	if err != nil {
		return nil, err
	}
	w := &Service{d: d, cfg: d.Config, log: d.Log, data: d.Store, store: st, workers: newWorkerSet(),
		crawls: map[tasks.ID]*CrawlProgress{}, dups: newNearDups(), bl: newBacklog()}
	w.models = newModelSet(w)
	if err := w.rebuildLedger(); err != nil {
		st.Close()
		return nil, fmt.Errorf("work: rebuild the points ledger: %w", err)
	}
	return w, nil
}

// Close closes the task store; call it after Stop.
func (w *Service) Close() error { return w.store.Close() }

// Start joins the work topics, serves result sync and, with [tasks]
// enabled, starts announcing presence and scanning for work. Topics are
// joined either way: a node that does no work still relays and keeps the
// objects its ledger needs.
func (w *Service) Start(ctx context.Context) error {
	var err error
	net := w.d.Net
	if w.presence, err = net.Join(TopicPresence, w.validatePresence); err != nil {
		return err
	}
	if w.taskTopic, err = net.Join(TopicTasks, w.validateTaskMsg); err != nil {
		return err
	}
	if w.results, err = net.Join(TopicResults, w.validateResultMsg); err != nil {
		return err
	}
	if w.gold, err = net.Join(TopicGold, w.validateGoldMsg); err != nil {
		return err
	}
	for _, sub := range []struct {
		t  *p2p.Topic
		fn p2p.Handler
	}{{w.gold, w.onGoldMsg}, {w.presence, func(context.Context, peer.ID, []byte) {}}, {w.taskTopic, w.onTaskMsg}, {w.results, w.onResultMsg}} {
		if err := sub.t.Subscribe(sub.fn); err != nil {
			return err
		}
	}
	net.Handle(ResultSyncProtocol, w.serveResultSync)
	w.group = lifecycle.NewGroup(ctx, "work")
	if !w.cfg.Enabled {
		return nil
	}
	ccfg := crawl.DefaultConfig()
	ccfg.AllowLoopback = w.cfg.CrawlLoopback
	ccfg.HostRate = w.cfg.CrawlHostRate
	ccfg.MaxPages = w.cfg.CrawlMaxPages
	if w.crawler, err = crawl.New(ccfg, w.log.With("svc", "crawl")); err != nil {
		return err
	}
	if err := w.group.Go(w.announce); err != nil {
		return err
	}
	return w.group.Go(w.loop)
}

// Stop ends the scan, the announcements and running crawls, and waits for
// them.
func (w *Service) Stop(ctx context.Context) error {
	if w.group == nil {
		return nil
	}
	return w.group.Stop(ctx)
}

// Enabled reports whether this node does data work.
func (w *Service) Enabled() bool { return w.cfg.Enabled }

// Epoch is the epoch of a signed time in unix milliseconds.
func (w *Service) Epoch(ms int64) uint64 { return w.d.Epochs.Of(ms) }

// CurrentEpoch is the epoch now.
func (w *Service) CurrentEpoch() uint64 { return w.d.Epochs.At(w.d.Clock.Now()) }

func (w *Service) me() common.Address { return w.d.Account.Address() }

func (w *Service) loop(ctx context.Context) {
	t := w.d.Clock.NewTicker(w.cfg.ScanInterval.D())
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C():
			w.scan(ctx)
		}
	}
}

// LiveWorkers are the workers heard from recently, this node always
// included, sorted.
func (w *Service) LiveWorkers() []common.Address { return w.liveAt(w.d.Clock.Now()) }

func (w *Service) liveAt(now time.Time) []common.Address {
	live := w.workers.live(now.Add(-time.Duration(PresenceTTL) * w.cfg.PresenceEvery.D()))
	me := w.me()
	if !slices.Contains(live, me) {
		live = append(live, me)
		slices.SortFunc(live, func(a, b common.Address) int { return a.Cmp(b) })
	}
	return live
}

// PeerOf is the peer a worker last announced itself from.
func (w *Service) PeerOf(a common.Address) (peer.ID, bool) { return w.workers.peerOf(a) }

// verdict maps a domain error to a gossip verdict: what names a Datanet
// this node has not seen yet is ignored, not punished.
func verdict(err error) p2p.Result { return p2p.Verdict(err, datanet.ErrUnknownDatanet) }

func publish[T any](ctx context.Context, w *Service, t *p2p.Topic, enc func(T) ([]byte, error), v T) {
	if t == nil {
		return // not started: no topic joined (package tests drive scan directly)
	}
	p2p.PublishLogged(ctx, t, w.log, enc, v)
}

// invalid is a caller's mistake, as tasks.ErrInvalid.
func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", tasks.ErrInvalid, fmt.Sprintf(format, args...))
}

// TaskStore is the store of tasks, results, gold objects and extra
// submissions, for reading (tools and tests); the service writes it.
func (w *Service) TaskStore() *tasks.Store { return w.store }

// Outcome is the vote state of a record in dn, from the stored votes.
func (w *Service) Outcome(dn *datanet.Datanet, rec cid.Cid) tasks.Outcome { return w.outcome(dn, rec) }
