package node

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/provenet/provenet/internal/clock"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/internal/realdata"
	"github.com/provenet/provenet/tasks"
)

// PyDocsDir is the default source of MeasureWork: the HTML of Debian's
// python3.11-doc, about 530 interlinked pages, where the package installs
// it. DefaultPyDocs finds it.
const PyDocsDir = realdata.PythonDocs

// wall is the benchmarks' clock: they measure real elapsed time.
var wall = clock.Real()

// DefaultPyDocs returns where PyDocsDir is: under $PROVENET_TESTDATA, the
// repository's .cache/testdata/root (`make testdata` fills it) or / (see
// internal/realdata.Find); PyDocsDir itself when none has it.
func DefaultPyDocs() string {
	if p, err := realdata.Find(PyDocsDir); err == nil {
		return p
	}
	return PyDocsDir
}

// ErrNoBenchSource reports a MeasureWork source directory that is missing.
var ErrNoBenchSource = errors.New("node: work bench source missing")

// WorkBenchOptions shape MeasureWork. Zero fields take the defaults.
type WorkBenchOptions struct {
	Nodes      int    // network size (default 10)
	Pages      int    // page budget of the crawl (default 200)
	Validators int    // whitelisted validators, nodes 1..Validators (default 3)
	Quorum     int    // agreeing votes that finalise a record (default 2)
	Source     string // HTML tree to serve and crawl (default DefaultPyDocs())
	// Roots, when positive, seeds that many site crawls (each section root
	// on a server of its own, Pages/Roots pages each) instead of one
	// single-page crawl task per page.
	Roots int
	// NoSyncWrites turns off fsync in the nodes' stores.
	NoSyncWrites bool
	// ScanInterval is the nodes' tasks scan interval (default 100ms).
	ScanInterval time.Duration
	// PresenceEvery is the nodes' presence interval (default 1s); a
	// worker counts as live for presenceTTL intervals.
	PresenceEvery time.Duration
	// Timeout bounds the wait from seeding until every record is final on
	// every node (default 5m).
	Timeout time.Duration
	// ProfilePath, when set, receives a CPU profile of the measured span.
	ProfilePath string
	// Log receives the nodes' logs; nil discards them.
	Log *slog.Logger
}

func (o *WorkBenchOptions) defaults() error {
	o.Nodes = cmp.Or(o.Nodes, 10)
	o.Pages = cmp.Or(o.Pages, 200)
	o.Validators = cmp.Or(o.Validators, 3)
	o.Quorum = cmp.Or(o.Quorum, 2)
	if o.Source == "" {
		o.Source = DefaultPyDocs()
	}
	o.ScanInterval = cmp.Or(o.ScanInterval, 100*time.Millisecond)
	o.PresenceEvery = cmp.Or(o.PresenceEvery, time.Second)
	o.Timeout = cmp.Or(o.Timeout, 5*time.Minute)
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	switch {
	case o.Nodes < 2 || o.Pages < 1 || o.Roots < 0:
		return fmt.Errorf("node: work bench: want at least 2 nodes and 1 page, roots >= 0")
	case o.Validators > o.Nodes || o.Quorum > o.Validators:
		return fmt.Errorf("node: work bench: want quorum %d <= validators %d <= nodes %d", o.Quorum, o.Validators, o.Nodes)
	}
	if _, err := os.Stat(filepath.Join(o.Source, "index.html")); err != nil {
		return fmt.Errorf("%w: %s has no index.html: run make testdata in the repository (it fetches python3.11-doc into .cache/testdata/root) or pass another source", ErrNoBenchSource, o.Source)
	}
	return nil
}

// StageLatency is the spread of one pipeline stage over the records.
type StageLatency struct {
	Name          string
	N             int
	P50, P99, Max time.Duration
}

// WorkBenchResult is what MeasureWork saw.
type WorkBenchResult struct {
	Opts       WorkBenchOptions
	CrawlTasks int
	Records    int
	Golden     int
	Rejected   int
	// Wall runs from seeding until every record is final on every node;
	// Crawl from seeding until the last crawl result.
	Wall, Crawl time.Duration
	Stages      []StageLatency
	// Per-node work: fewest and most of each kind on one node.
	CrawledMin, CrawledMax       int
	ClassifiedMin, ClassifiedMax int
	FinalisedMin, FinalisedMax   int
	// Results in the stores, by kind. More crawl results than tasks, or
	// more classify results than Replication per record, is duplicate
	// work: nodes disagreed on who holds a task (their live-worker sets
	// differed), or a lease ran out.
	CrawlResults, ClassifyResults, Votes int
	// Process CPU over Wall (getrusage), and the Go runtime's estimate
	// of the GC's share of the CPU it used.
	User, Sys time.Duration
	GCShare   float64
	GCCycles  uint64
	Procs     int
	PollCPU   time.Duration // CPU of the benchmark's own polling of the stores
	PollMax   time.Duration // the longest poll, i.e. the resolution of "final on all nodes"
	// LiveMin is the fewest live workers any node counted at a poll;
	// below Nodes, nodes disagreed on who holds a task.
	LiveMin    int
	SecpVerify time.Duration // one secp256k1 recover, measured here
	SecpSign   time.Duration
	EdVerify   time.Duration // one ed25519 verify (libp2p message signature)
	Commit     time.Duration // one synchronous commit of a task store (badger, fsync), on its own
	// CommitUnderLoad samples the same commit every 100ms during the run.
	CommitUnderLoad StageLatency
	Profile         string
}

// RecordsPerSec is Records over Wall.
func (r WorkBenchResult) RecordsPerSec() float64 {
	if r.Wall <= 0 {
		return 0
	}
	return float64(r.Records) / r.Wall.Seconds()
}

// benchNet is the running benchmark network.
type benchNet struct {
	o     WorkBenchOptions
	dir   string
	nodes []*Node
	srvs  []*http.Server
}

// MeasureWork starts o.Nodes nodes in this process on loopback, each with
// its own home in a temporary directory, creates a Datanet with
// o.Validators validators, seeds a crawl of o.Pages pages of o.Source
// served on 127.0.0.1, and measures until every crawled record is final on
// every node.
func MeasureWork(ctx context.Context, o WorkBenchOptions) (res WorkBenchResult, err error) {
	if err := o.defaults(); err != nil {
		return res, err
	}
	res.Opts, res.Procs = o, runtime.GOMAXPROCS(0)
	dir, err := os.MkdirTemp("", "provenet-work-")
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(dir)
	if err := calibrate(dir, &res); err != nil {
		return res, err
	}
	bn := &benchNet{o: o, dir: dir}
	defer func() { err = errors.Join(err, bn.stop()) }()
	targets, err := bn.serve()
	if err != nil {
		return res, err
	}
	if err := bn.start(ctx); err != nil {
		return res, err
	}
	dn, err := bn.datanet(ctx)
	if err != nil {
		return res, err
	}
	stopProfile, err := startProfile(o.ProfilePath)
	if err != nil {
		return res, err
	}
	res.Profile = o.ProfilePath
	stopProbe, err := probeCommits(dir)
	if err != nil {
		stopProfile()
		return res, err
	}
	ru0, cpu0 := rusage(), cpuSamples()
	seed := wall.Now()
	ts, err := bn.seed(ctx, dn, targets)
	if err != nil {
		stopProfile()
		stopProbe()
		return res, err
	}
	res.CrawlTasks = len(ts)
	tr := newTracker(bn.nodes, dn, ts)
	err = tr.wait(ctx, seed.Add(o.Timeout))
	res.Wall = tr.doneAt.Sub(seed)
	ru1, cpu1 := rusage(), cpuSamples()
	stopProfile()
	res.CommitUnderLoad = stage("sync commit under load", stopProbe())
	res.User, res.Sys = ru1.user-ru0.user, ru1.sys-ru0.sys
	res.GCShare, res.GCCycles = cpu1.gcShare(cpu0), cpu1.gcCycles-cpu0.gcCycles
	res.PollCPU, res.PollMax, res.LiveMin = tr.cpu, tr.pollMax, tr.liveMin
	if err != nil {
		return res, err
	}
	tr.report(&res, seed)
	return res, nil
}

// serve starts the file servers and returns the crawl targets: one
// single-page URL per page, or Roots section roots on servers of their own.
func (b *benchNet) serve() ([]string, error) {
	listen := func() (string, error) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return "", err
		}
		s := &http.Server{Handler: http.FileServer(http.Dir(b.o.Source)), ReadHeaderTimeout: 10 * time.Second}
		b.srvs = append(b.srvs, s)
		go s.Serve(l)
		return "http://" + l.Addr().String(), nil
	}
	if b.o.Roots > 0 {
		var out []string
		for _, sec := range sectionRoots(b.o.Source, b.o.Roots) {
			base, err := listen()
			if err != nil {
				return nil, err
			}
			out = append(out, base+"/"+sec)
		}
		return out, nil
	}
	base, err := listen()
	if err != nil {
		return nil, err
	}
	pages, err := pickPages(b.o.Source, b.o.Pages)
	if err != nil {
		return nil, err
	}
	for i, p := range pages {
		pages[i] = base + "/" + p
	}
	return pages, nil
}

// pickPages spreads n picks evenly over the sorted HTML pages of dir,
// leaving out the generated indexes and Sphinx's asset folders.
func pickPages(dir string, n int) ([]string, error) {
	var all []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() && p != dir && strings.HasPrefix(name, "_") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(name, ".html") || strings.HasPrefix(name, "genindex") {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == "index.html" || strings.HasSuffix(rel, "/index.html") {
			rel = strings.TrimSuffix(rel, "index.html") // the file server redirects */index.html
		}
		all = append(all, rel)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("%w: no HTML pages under %s", ErrNoBenchSource, dir)
	}
	if n >= len(all) {
		return all, nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = all[i*len(all)/n]
	}
	return out, nil
}

// sectionRoots lists up to n section index pages of dir, the big sections
// first; past the sections it starts again from the top.
func sectionRoots(dir string, n int) []string {
	var secs []string
	for _, s := range []string{"library", "reference", "c-api", "howto", "tutorial", "faq", "using", "extending", "whatsnew", "distributing", "installing"} {
		if _, err := os.Stat(filepath.Join(dir, s, "index.html")); err == nil {
			secs = append(secs, s+"/")
		}
	}
	if len(secs) == 0 {
		secs = []string{""}
	}
	out := make([]string, n)
	for i := range out {
		out[i] = secs[i%len(secs)]
	}
	return out
}

// start starts the nodes and wires them as in the package tests: each dials
// the first node and its predecessor.
func (b *benchNet) start(ctx context.Context) error {
	cfg := DefaultConfig()
	cfg.API.Listen = "127.0.0.1:0"
	cfg.P2P.Listen = []string{"/ip4/127.0.0.1/tcp/0"}
	cfg.P2P.DHT = false
	cfg.Sync.Interval = Duration(time.Second)
	cfg.Store.SyncWrites = !b.o.NoSyncWrites
	cfg.Tasks.ScanInterval = Duration(b.o.ScanInterval)
	cfg.Tasks.PresenceEvery = Duration(b.o.PresenceEvery)
	cfg.Tasks.Lease = Duration(20 * time.Second)
	cfg.Tasks.CrawlLoopback = true
	cfg.Tasks.CrawlHostRate = 200
	for i := range b.o.Nodes {
		h, err := Init(filepath.Join(b.dir, fmt.Sprintf("node%02d", i)), cfg, false)
		if err != nil {
			return err
		}
		n, err := New(cfg, h, Options{Logger: b.o.Log.With("node", i)})
		if err != nil {
			return err
		}
		if err := n.Start(ctx); err != nil {
			return err
		}
		b.nodes = append(b.nodes, n)
	}
	for i := 1; i < len(b.nodes); i++ {
		peers := []int{0}
		if i > 1 {
			peers = append(peers, i-1)
		}
		for _, j := range peers {
			cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			err := b.nodes[i].Host().Connect(cctx, b.nodes[j].Host().AddrInfo())
			cancel()
			if err != nil {
				return err
			}
		}
	}
	return waitFor(ctx, 30*time.Second, "every node sees every worker", func() bool {
		for _, n := range b.nodes {
			if len(n.work.LiveWorkers()) != len(b.nodes) {
				return false
			}
		}
		return true
	})
}

// datanet creates the benchmark's Datanet on node 0 and waits until every
// node has it.
func (b *benchNet) datanet(ctx context.Context) (*datanet.Datanet, error) {
	var vals []string
	for _, n := range b.nodes[1 : 1+b.o.Validators] {
		vals = append(vals, n.Home().Account.Address().Hex())
	}
	dn, _, err := b.nodes[0].CreateDatanet(ctx, CreateDatanetRequest{Name: "workbench", Validators: vals, Quorum: uint32(b.o.Quorum)})
	if err != nil {
		return nil, err
	}
	return dn, waitFor(ctx, 30*time.Second, "the datanet on every node", func() bool {
		for _, n := range b.nodes {
			if _, err := n.Store().GetDatanet(dn.ID()); err != nil {
				return false
			}
		}
		return true
	})
}

// seed issues the crawl tasks from node 0, the Datanet's owner.
func (b *benchNet) seed(ctx context.Context, dn *datanet.Datanet, targets []string) ([]*tasks.Task, error) {
	if b.o.Roots == 0 {
		return b.nodes[0].Seed(ctx, dn.ID(), targets, "", 1)
	}
	var out []*tasks.Task
	per := max(1, b.o.Pages/len(targets))
	for _, root := range targets {
		ts, err := b.nodes[0].Seed(ctx, dn.ID(), nil, root, per)
		if err != nil {
			return nil, err
		}
		out = append(out, ts...)
	}
	return out, nil
}

func (b *benchNet) stop() error {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	for _, n := range b.nodes {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			if err := n.Stop(ctx); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	for _, s := range b.srvs {
		errs = append(errs, s.Close())
	}
	return errors.Join(errs...)
}

func waitFor(ctx context.Context, d time.Duration, what string, cond func() bool) error {
	deadline := wall.Now().Add(d)
	for !cond() {
		if wall.Now().After(deadline) {
			return fmt.Errorf("node: work bench: timed out after %v waiting for %s", d, what)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
	return nil
}
