package node

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/provenet/provenet/node/work"
)

// DuplicateWork reports crawl or classify tasks that ran on more workers
// than assigned (by more than 5%).
func (r WorkBenchResult) DuplicateWork() bool {
	return r.CrawlResults*100 > r.CrawlTasks*105 || r.ClassifyResults*100 > r.Records*DefaultConfig().Tasks.Replication*105
}

// WriteTable prints throughput, stage latencies, CPU, and the bounds that
// the unit costs put on throughput.
func (r WorkBenchResult) WriteTable(w io.Writer) {
	o := r.Opts
	mode := fmt.Sprintf("%d single-page crawl tasks", r.CrawlTasks)
	if o.Roots > 0 {
		mode = fmt.Sprintf("%d site crawls of %d pages", r.CrawlTasks, max(1, o.Pages/max(1, r.CrawlTasks)))
	}
	fmt.Fprintf(w, "work: %d nodes, %d validators (quorum %d), %s, sync writes %v, scan %s, presence %s, GOMAXPROCS %d\n",
		o.Nodes, o.Validators, o.Quorum, mode, !o.NoSyncWrites, o.ScanInterval, o.PresenceEvery, r.Procs)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "METRIC\tVALUE\t")
	fmt.Fprintf(tw, "records final on every node\t%d (golden %d, rejected %d; %d pages asked)\t\n", r.Records, r.Golden, r.Rejected, o.Pages)
	fmt.Fprintf(tw, "wall, seed -> all final everywhere\t%s\t\n", r.Wall.Round(time.Millisecond))
	fmt.Fprintf(tw, "throughput\t%.1f records/s\t\n", r.RecordsPerSec())
	fmt.Fprintf(tw, "crawl, seed -> last crawl result\t%s\t\n", r.Crawl.Round(time.Millisecond))
	fmt.Fprintf(tw, "results stored: crawl / classify / validate\t%d / %d / %d\t\n", r.CrawlResults, r.ClassifyResults, r.Votes)
	if r.CrawlTasks > 0 {
		fmt.Fprintf(tw, "crawl runs per crawl task\t%.2f\t\n", float64(r.CrawlResults)/float64(r.CrawlTasks))
	}
	fmt.Fprintf(tw, "fewest live workers a node saw\t%d of %d\t\n", r.LiveMin, o.Nodes)
	if r.DuplicateWork() {
		fmt.Fprintf(tw, "WARNING\tduplicate work: nodes disagreed on task holders\tlive sets flapped (a worker is live for %d x %s); see --presence\n", work.PresenceTTL, o.PresenceEvery)
	}
	fmt.Fprintf(tw, "per node: crawls / classify results / finalised\t%d-%d / %d-%d / %d-%d\t\n",
		r.CrawledMin, r.CrawledMax, r.ClassifiedMin, r.ClassifiedMax, r.FinalisedMin, r.FinalisedMax)
	fmt.Fprintln(tw, "\t\t")
	fmt.Fprintln(tw, "STAGE (per record)\tP50\tP99\tMAX\tN")
	for _, s := range r.Stages {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\n", s.Name, s.P50.Round(time.Millisecond), s.P99.Round(time.Millisecond), s.Max.Round(time.Millisecond), s.N)
	}
	tw.Flush()
	fmt.Fprintln(w)

	wall := r.Wall.Seconds()
	cpu := (r.User + r.Sys).Seconds()
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CPU\tVALUE\t")
	if wall > 0 {
		fmt.Fprintf(tw, "process CPU / wall\t%.2f cores of %d (user %.1fs, sys %.1fs)\t\n", cpu/wall, r.Procs, r.User.Seconds(), r.Sys.Seconds())
	}
	fmt.Fprintf(tw, "GC share of Go CPU\t%.0f%% (%d cycles)\t\n", 100*r.GCShare, r.GCCycles)
	if r.Records > 0 {
		fmt.Fprintf(tw, "CPU per record\t%.1f ms\t\n", 1000*cpu/float64(r.Records))
	}
	if cpu > 0 {
		fmt.Fprintf(tw, "bench poller CPU (included above)\t%s (%.1f%%), longest poll %s\t\n", r.PollCPU.Round(time.Millisecond), 100*r.PollCPU.Seconds()/cpu, r.PollMax.Round(time.Millisecond))
	}
	if r.Profile != "" {
		fmt.Fprintf(tw, "CPU profile\t%s\tgo tool pprof -top -cum %s\n", r.Profile, r.Profile)
	}
	tw.Flush()
	fmt.Fprintln(w)
	r.writeBounds(w)
}

// writeBounds estimates the ceilings that signatures and fsyncs alone put
// on throughput. Every signed object (task, record, result) is signed once
// and checked once by each node that receives it by gossip: a secp256k1
// recover by our validator and an ed25519 verify by gossipsub. Presence
// announcements add a steady load, whatever the throughput.
func (r WorkBenchResult) writeBounds(w io.Writer) {
	o := r.Opts
	if r.Records == 0 {
		return
	}
	recs := float64(r.Records)
	peers := float64(o.Nodes - 1)
	objects := float64(r.CrawlTasks+r.CrawlResults+r.Records+r.ClassifyResults+r.Votes) / recs
	// Per record: each object signed once, recovered by every receiver
	// and by the submitter of the record, and ed25519-verified by every
	// receiver.
	sigs := objects*r.SecpSign.Seconds() + (objects*peers+1)*r.SecpVerify.Seconds() + objects*peers*r.EdVerify.Seconds()
	presence := float64(o.Nodes) * peers / o.PresenceEvery.Seconds() // checks per second
	presenceCores := presence * (r.SecpVerify + r.EdVerify).Seconds()
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "BOUND\tVALUE\tCEILING")
	fmt.Fprintf(tw, "secp256k1 sign / recover, ed25519 verify (1 core)\t%s / %s, %s\t\n",
		r.SecpSign.Round(100*time.Nanosecond), r.SecpVerify.Round(100*time.Nanosecond), r.EdVerify.Round(100*time.Nanosecond))
	fmt.Fprintf(tw, "signed objects per record, each checked by %d nodes\t%.1f\t\n", o.Nodes-1, objects)
	fmt.Fprintf(tw, "signature CPU per record\t%.1f ms\t%.0f records/s on %d cores\n", 1000*sigs, float64(r.Procs)/sigs, r.Procs)
	fmt.Fprintf(tw, "presence checks (steady)\t%.0f/s = %.2f cores\t\n", presence, presenceCores)
	if cpu := (r.User + r.Sys).Seconds(); cpu > 0 {
		fmt.Fprintf(tw, "signatures' share of process CPU\t%.0f%%\t\n", 100*(sigs*recs+presenceCores*r.Wall.Seconds())/cpu)
	}
	if !o.NoSyncWrites {
		// Every node stores every object, and each record's final state,
		// in a synchronous commit; the task store makes them one at a time
		// (the record store folds concurrent ones into one).
		commits := objects + 1
		perNode := commits * r.Commit.Seconds()
		fmt.Fprintf(tw, "sync commit (idle disk) x commits per record per node\t%s x %.1f\t%.0f records/s (nodes commit in parallel), %.0f (the disk serialises them)\n",
			r.Commit.Round(10*time.Microsecond), commits, 1/perNode, 1/(perNode*float64(o.Nodes)))
		if c := r.CommitUnderLoad; c.N > 0 {
			fmt.Fprintf(tw, "sync commit during the run, p50 / p99 (%d samples)\t%s / %s\t%.0f records/s per node at p50\n",
				c.N, c.P50.Round(10*time.Microsecond), c.P99.Round(10*time.Microsecond), 1/(commits*c.P50.Seconds()))
		}
	}
	fmt.Fprintf(tw, "scan interval\t%s\tclassify, vote, finalise each wait for a scan: latency, not rate\n", o.ScanInterval)
	tw.Flush()
}
