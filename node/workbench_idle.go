package node

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/datanet"
)

// IdleBacklogOptions shape MeasureIdleBacklog. Zero fields take the
// defaults.
type IdleBacklogOptions struct {
	Pending  int           // pending records ingested (default 250,000)
	Duration time.Duration // the measured idle window (default 10m)
	Sample   time.Duration // RSS and goroutine sampling interval (default 30s)
	// Settle is how long to wait after the node has classified every
	// record before the window opens (default 10s).
	Settle time.Duration
	// Size is the content bytes of a record (default 512).
	Size int
	// ScanInterval is the node's tasks scan interval (default: the node
	// default, 1s).
	ScanInterval time.Duration
	// ProfilePath, when set, receives a CPU profile of the window.
	ProfilePath string
	Log         *slog.Logger
}

func (o *IdleBacklogOptions) defaults() {
	o.Pending = cmp.Or(o.Pending, 250_000)
	o.Duration = cmp.Or(o.Duration, 10*time.Minute)
	o.Sample = cmp.Or(o.Sample, 30*time.Second)
	o.Settle = cmp.Or(o.Settle, 10*time.Second)
	o.Size = cmp.Or(o.Size, 512)
	o.ScanInterval = cmp.Or(o.ScanInterval, DefaultConfig().Tasks.ScanInterval.D())
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
}

// IdleSample is one reading during the window.
type IdleSample struct {
	At         time.Duration // since the window opened
	RSS        uint64
	Goroutines int
}

// IdleBacklogResult is what MeasureIdleBacklog saw.
type IdleBacklogResult struct {
	Opts            IdleBacklogOptions
	Ingest, Settled time.Duration // ingest wall time; from its start until every record was classified
	Pending         int           // pending records at the end of the window
	Window          time.Duration
	CPU             time.Duration // process user+sys CPU over the window
	Samples         []IdleSample
	Profile         string
}

// CPUShare is the process CPU over the window as a share of one core.
func (r IdleBacklogResult) CPUShare() float64 {
	if r.Window <= 0 {
		return 0
	}
	return r.CPU.Seconds() / r.Window.Seconds()
}

// RSS at the start and end of the window, and the most seen.
func (r IdleBacklogResult) RSS() (start, end, peak uint64) {
	if len(r.Samples) == 0 {
		return 0, 0, 0
	}
	start, end = r.Samples[0].RSS, r.Samples[len(r.Samples)-1].RSS
	for _, s := range r.Samples {
		peak = max(peak, s.RSS)
	}
	return start, end, peak
}

// Targets of issue 13 item 8.
const (
	IdleCPUTarget    = 0.02 // share of one core
	IdleRSSGrowthMax = 0.10 // RSS at the end and at its peak within 10% of the start
)

// Pass reports whether the window met both targets.
func (r IdleBacklogResult) Pass() bool {
	start, end, peak := r.RSS()
	lim := float64(start) * (1 + IdleRSSGrowthMax)
	return r.CPUShare() < IdleCPUTarget && float64(end) <= lim && float64(peak) <= lim
}

// MeasureIdleBacklog builds a node home in a temporary directory with one
// Datanet whose validators are accounts other than the node's (so it
// votes on nothing), starts the node alone (API and p2p on loopback),
// stores o.Pending signed records in the Datanet, waits until it has classified every
// record (the classify tasks are all its own: it is the only live worker)
// and o.Settle more, then measures the process over o.Duration: its CPU
// (getrusage) as a share of one core, and its RSS and goroutines every
// o.Sample.
func MeasureIdleBacklog(ctx context.Context, o IdleBacklogOptions) (res IdleBacklogResult, err error) {
	o.defaults()
	res.Opts = o
	dir, err := os.MkdirTemp("", "provenet-idle-backlog-")
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(dir)
	cfg := DefaultConfig()
	cfg.API.Listen = "127.0.0.1:0"
	cfg.P2P.Listen = []string{"/ip4/127.0.0.1/tcp/0"}
	cfg.P2P.DHT = false
	cfg.Store.SyncWrites = false // ingest and the first classify pass fast; idle does not write
	cfg.Tasks.ScanInterval = Duration(o.ScanInterval)
	h, err := Init(filepath.Join(dir, "node"), cfg, false)
	if err != nil {
		return res, err
	}
	n, err := New(cfg, h, Options{Logger: o.Log})
	if err != nil {
		return res, err
	}
	started := false
	defer func() {
		if started {
			err = errors.Join(err, n.Stop(context.WithoutCancel(ctx)))
		}
	}()
	if err := n.Start(ctx); err != nil {
		return res, err
	}
	started = true
	begin := wall.Now()
	if err := ingestPending(ctx, n.Store(), h.Account, o.Pending, o.Size); err != nil {
		return res, err
	}
	res.Ingest = time.Since(begin)
	if err := waitFor(ctx, time.Hour, "every record classified", func() bool {
		return n.work.Done().Classified >= o.Pending
	}); err != nil {
		return res, err
	}
	res.Settled = time.Since(begin)
	select {
	case <-time.After(o.Settle):
	case <-ctx.Done():
		return res, ctx.Err()
	}
	runtime.GC() // the window starts from the live heap, not from ingest's garbage
	stopProfile, err := startProfile(o.ProfilePath)
	if err != nil {
		return res, err
	}
	res.Profile = o.ProfilePath
	sample := func(at time.Duration) error {
		rss, err := selfRSS()
		res.Samples = append(res.Samples, IdleSample{At: at, RSS: rss, Goroutines: runtime.NumGoroutine()})
		return err
	}
	ru0, t0 := rusage(), wall.Now()
	if err := sample(0); err != nil {
		stopProfile()
		return res, err
	}
	tick := time.NewTicker(o.Sample)
	defer tick.Stop()
	end := time.After(o.Duration)
	for done := false; !done; {
		select {
		case <-ctx.Done():
			stopProfile()
			return res, ctx.Err()
		case <-tick.C:
		case <-end:
			done = true
		}
		if err := sample(time.Since(t0)); err != nil {
			stopProfile()
			return res, err
		}
	}
	ru1 := rusage()
	res.Window = time.Since(t0)
	stopProfile()
	res.CPU = (ru1.user + ru1.sys) - (ru0.user + ru0.sys)
	res.Pending = n.work.TasksInfo().Pending
	return res, nil
}

// ingestPending stores a Datanet signed by owner, validated by three
// accounts that are not owner's, and n pending records signed on all
// cores, in batches through PutVerified (the gossip and sync path).
func ingestPending(ctx context.Context, st *datanet.Store, owner *account.Key, n, size int) error {
	var vals []common.Address
	for range 3 {
		k, err := account.Generate()
		if err != nil {
			return err
		}
		vals = append(vals, k.Address())
	}
	dn := datanet.NewDatanet("idle-backlog", "pending records nobody here votes on", nil, vals, 2, wall.Now())
	if err := dn.Sign(owner); err != nil {
		return err
	}
	if _, err := st.PutDatanet(ctx, dn); err != nil {
		return err
	}
	const batch = 256
	var next atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	now := wall.Now()
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			buf := make([]byte, size)
			recs := make([]*datanet.Record, 0, batch)
			for ctx.Err() == nil {
				lo := int(next.Add(batch)) - batch
				if lo >= n {
					return
				}
				recs = recs[:0]
				for i := lo; i < min(lo+batch, n); i++ {
					fillBenchText(buf, uint64(i))
					r := datanet.NewRecord(dn.ID(), string(buf), "bench", "", now.Add(-time.Duration(n-i)*time.Millisecond))
					if err := r.Sign(owner); err != nil {
						firstErr.CompareAndSwap(nil, err)
						return
					}
					recs = append(recs, r)
				}
				res, err := st.PutVerified(ctx, recs)
				if err == nil {
					for _, r := range res {
						if r.Err != nil {
							err = r.Err
							break
						}
					}
				}
				if err != nil {
					firstErr.CompareAndSwap(nil, err)
					return
				}
			}
		})
	}
	wg.Wait()
	if err, _ := firstErr.Load().(error); err != nil {
		return fmt.Errorf("node: idle backlog ingest: %w", err)
	}
	if got := st.Stats().Records; got != n {
		return fmt.Errorf("node: idle backlog ingest: store holds %d records, want %d", got, n)
	}
	return ctx.Err()
}

// fillBenchText writes printable text unique per seed, words of varied
// length so that no two records nearly duplicate each other.
func fillBenchText(buf []byte, seed uint64) {
	const alphabet = "abcdefghijklmnopqrstuvwxyz"
	x := seed*0x9E3779B97F4A7C15 + 1
	for i := range buf {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		if x%7 == 0 {
			buf[i] = ' '
		} else {
			buf[i] = alphabet[x%uint64(len(alphabet))]
		}
	}
	copy(buf, fmt.Sprintf("%016x ", seed))
}

// WriteTable prints the result next to its targets.
func (r IdleBacklogResult) WriteTable(w io.Writer) {
	start, end, peak := r.RSS()
	mb := func(b uint64) string { return fmt.Sprintf("%.1f MB", float64(b)/1e6) }
	lim := uint64(float64(start) * (1 + IdleRSSGrowthMax))
	ok := func(b bool) string {
		if b {
			return "ok"
		}
		return "MISSED"
	}
	fmt.Fprintf(w, "idle node holding %d pending records (ingest %s, classified %s, settle %s), window %s, %d CPUs\n",
		r.Opts.Pending, r.Ingest.Round(time.Millisecond), r.Settled.Round(time.Millisecond), r.Opts.Settle, r.Window.Round(time.Second), runtime.GOMAXPROCS(0))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "METRIC\tVALUE\tTARGET\t")
	fmt.Fprintf(tw, "CPU, share of one core\t%.2f%% (%.2fs over %s)\t< %.0f%%\t%s\n", 100*r.CPUShare(), r.CPU.Seconds(), r.Window.Round(time.Second), 100*IdleCPUTarget, ok(r.CPUShare() < IdleCPUTarget))
	fmt.Fprintf(tw, "RSS at window start\t%s\t\t\n", mb(start))
	fmt.Fprintf(tw, "RSS at window end\t%s\t<= %s (+%.0f%%)\t%s\n", mb(end), mb(lim), 100*IdleRSSGrowthMax, ok(end <= lim))
	fmt.Fprintf(tw, "RSS max\t%s\t<= %s\t%s\n", mb(peak), mb(lim), ok(peak <= lim))
	if len(r.Samples) > 0 {
		fmt.Fprintf(tw, "goroutines start / end\t%d / %d\t\t\n", r.Samples[0].Goroutines, r.Samples[len(r.Samples)-1].Goroutines)
	}
	fmt.Fprintf(tw, "pending records at end\t%d\t%d\t\n", r.Pending, r.Opts.Pending)
	tw.Flush()
	if r.Profile != "" {
		fmt.Fprintf(w, "CPU profile of the window: %s\n", r.Profile)
	}
}
