package main

import (
	"runtime"

	"fmt"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/provenet/provenet/gpu/engine"

	"github.com/urfave/cli/v2"

	"github.com/provenet/provenet/datanet/ingestbench"
	"github.com/provenet/provenet/node"
	"github.com/provenet/provenet/node/attrbench"
	"github.com/provenet/provenet/p2p/gossipbench"
)

func benchCommand() *cli.Command {
	return &cli.Command{
		Name:  "bench",
		Usage: "measure the node against its targets and print a table",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile of the benchmark to this file (go tool pprof)"},
		},
		Before: func(c *cli.Context) error {
			p := c.String("cpuprofile")
			if p == "" {
				return nil
			}
			f, err := os.Create(p)
			if err != nil {
				return err
			}
			return pprof.StartCPUProfile(f)
		},
		After: func(c *cli.Context) error {
			if c.String("cpuprofile") != "" {
				pprof.StopCPUProfile()
			}
			return nil
		},
		Subcommands: []*cli.Command{
			{
				Name:  "infer",
				Usage: "inference: decode speed against memory bandwidth, batching, mixed adapters, adapter latency and memory",
				Flags: []cli.Flag{
					&cli.IntFlag{Name: "steps", Value: 64, Usage: "decode steps per measurement"},
					&cli.BoolFlag{Name: "skip-110m", Usage: "leave out the 110M shape"},
					&cli.IntFlag{Name: "adapters", Value: 1000, Usage: "adapters registered"},
					&cli.IntFlag{Name: "resident", Value: 100, Usage: "adapters the cache holds"},
					&cli.StringFlag{Name: "backend", Value: "cpu", Usage: "device: cpu, or cuda in a binary built with -tags cuda"},
				},
				Action: func(c *cli.Context) error {
					rows, err := engine.RunBench(engine.BenchOptions{Steps: c.Int("steps"), Skip110M: c.Bool("skip-110m"),
						AdapterPool: c.Int("adapters"), Resident: c.Int("resident"), Backend: c.String("backend"), Log: c.App.ErrWriter})
					if err != nil {
						return err
					}
					fmt.Fprintf(c.App.Writer, "machine: %d cores (GOMAXPROCS), %s/%s\n", runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH)
					engine.WriteBenchTable(c.App.Writer, rows)
					return nil
				},
			},
			{
				Name:  "attribution",
				Usage: "precision, recall and data share of credited records on cases with known sources (disjoint adapters, RAG with planted passages, planted facts), before and now",
				Flags: []cli.Flag{
					&cli.Uint64Flag{Name: "seed", Value: attrbench.DefaultOptions().Seed, Usage: "draws the records, the invented facts and the trainer's order"},
					&cli.IntFlag{Name: "records", Value: attrbench.DefaultOptions().Records, Usage: "training records per adapter (disjoint adapters)"},
					&cli.IntFlag{Name: "steps", Value: attrbench.DefaultOptions().Steps, Usage: "fine-tune steps per topic adapter (disjoint adapters)"},
					&cli.IntFlag{Name: "answers", Value: attrbench.DefaultOptions().Answers, Usage: "answers per adapter, and RAG questions"},
					&cli.IntFlag{Name: "facts", Value: attrbench.DefaultOptions().Facts, Usage: "planted facts (0: leave the case out)"},
					&cli.IntFlag{Name: "fact-steps", Value: attrbench.DefaultOptions().FactSteps, Usage: "fine-tune steps of the planted facts adapter"},
					&cli.IntFlag{Name: "threads", Usage: "trainer and model threads (0: GOMAXPROCS)"},
				},
				Action: func(c *cli.Context) error {
					res, err := attrbench.Run(c.Context, attrbench.Options{Seed: c.Uint64("seed"), Records: c.Int("records"), Steps: c.Int("steps"),
						Answers: c.Int("answers"), Facts: c.Int("facts"), FactSteps: c.Int("fact-steps"), Threads: c.Int("threads"), Log: c.App.ErrWriter})
					if err != nil {
						return err
					}
					res.WriteTable(c.App.Writer)
					return nil
				},
			},
			{
				Name:  "gossip",
				Usage: "gossip propagation latency and delivery on a loopback network",
				Flags: []cli.Flag{
					&cli.IntFlag{Name: "nodes", Value: 50},
					&cli.StringFlag{Name: "rates", Value: "50,200", Usage: "messages per second, comma-separated"},
					&cli.DurationFlag{Name: "duration", Value: 10 * time.Second, Usage: "publishing time per rate"},
					&cli.IntFlag{Name: "size", Value: 512, Usage: "message bytes"},
					&cli.IntFlag{Name: "mesh-degree", Usage: "gossipsub D (0: the node default, 4)"},
				},
				Action: func(c *cli.Context) error {
					var rates []float64
					for _, s := range strings.Split(c.String("rates"), ",") {
						r, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
						if err != nil {
							return fmt.Errorf("--rates: %w", err)
						}
						rates = append(rates, r)
					}
					opts := gossipbench.Options{Nodes: c.Int("nodes"), Duration: c.Duration("duration"), MsgBytes: c.Int("size"), MeshDegree: c.Int("mesh-degree")}
					res, err := gossipbench.RunRates(c.Context, opts, rates)
					if err != nil {
						return err
					}
					for _, r := range res {
						r.WriteTable(c.App.Writer)
						fmt.Fprintln(c.App.Writer)
					}
					return nil
				},
			},
			{
				Name:  "ingest",
				Usage: "durable record ingest through the store API, against raw badger writes",
				Flags: []cli.Flag{
					&cli.IntFlag{Name: "records", Value: 200000},
					&cli.IntFlag{Name: "size", Value: 1024, Usage: "record content bytes"},
					&cli.IntFlag{Name: "writers", Value: 64, Usage: "concurrent submitters"},
					&cli.StringFlag{Name: "dir", Usage: "data directory (default: a temporary one)"},
				},
				Action: func(c *cli.Context) error {
					dir := c.String("dir")
					if dir == "" {
						tmp, err := os.MkdirTemp("", "provenet-ingest-")
						if err != nil {
							return err
						}
						defer os.RemoveAll(tmp)
						dir = tmp
					}
					res, err := ingestbench.Run(c.Context, ingestbench.Options{
						Dir: dir, Records: c.Int("records"), RecordBytes: c.Int("size"), Writers: c.Int("writers"),
					})
					if err != nil {
						return err
					}
					res.WriteTable(c.App.Writer)
					return nil
				},
			},
			{
				Name:  "work",
				Usage: "records per second through crawl, classify, validate and final on a loopback network in this process",
				Flags: []cli.Flag{
					&cli.IntFlag{Name: "nodes", Value: 10},
					&cli.IntFlag{Name: "pages", Value: 200, Usage: "page budget of the crawl"},
					&cli.IntFlag{Name: "validators", Value: 3, Usage: "whitelisted validators"},
					&cli.IntFlag{Name: "quorum", Value: 2, Usage: "agreeing votes that make a record final"},
					&cli.StringFlag{Name: "source", Usage: "HTML tree to serve on 127.0.0.1 and crawl (default: Debian's python3.11-doc at " + node.PyDocsDir + " under $PROVENET_TESTDATA, the repository's .cache/testdata/root from make testdata, or /)"},
					&cli.IntFlag{Name: "roots", Usage: "seed this many site crawls of pages/roots pages each instead of one single-page task per page"},
					&cli.BoolFlag{Name: "no-sync", Usage: "turn off fsync in the nodes' stores"},
					&cli.DurationFlag{Name: "scan", Value: 100 * time.Millisecond, Usage: "the nodes' tasks scan interval"},
					&cli.DurationFlag{Name: "presence", Value: time.Second, Usage: "the nodes' presence interval (live for 5 intervals)"},
					&cli.DurationFlag{Name: "timeout", Value: 5 * time.Minute, Usage: "bound on the wait for every record to be final"},
					&cli.BoolFlag{Name: "profile", Usage: "write a CPU profile of the measured span to a temporary file"},
				},
				Action: func(c *cli.Context) error {
					o := node.WorkBenchOptions{
						Nodes: c.Int("nodes"), Pages: c.Int("pages"), Validators: c.Int("validators"), Quorum: c.Int("quorum"),
						Source: c.String("source"), Roots: c.Int("roots"), NoSyncWrites: c.Bool("no-sync"),
						ScanInterval: c.Duration("scan"), PresenceEvery: c.Duration("presence"), Timeout: c.Duration("timeout"),
					}
					if c.Bool("profile") {
						f, err := os.CreateTemp("", "provenet-work-*.pprof")
						if err != nil {
							return err
						}
						f.Close()
						o.ProfilePath = f.Name()
					}
					res, err := node.MeasureWork(c.Context, o)
					if err != nil {
						if o.ProfilePath != "" {
							os.Remove(o.ProfilePath)
						}
						return err
					}
					res.WriteTable(c.App.Writer)
					return nil
				},
				Subcommands: []*cli.Command{
					{
						Name:  "idle-backlog",
						Usage: "CPU, RSS and goroutines of a lone idle node holding pending records it votes on none of",
						Flags: []cli.Flag{
							&cli.IntFlag{Name: "pending", Value: 250000, Usage: "pending records ingested"},
							&cli.DurationFlag{Name: "duration", Value: 10 * time.Minute, Usage: "the measured idle window"},
							&cli.DurationFlag{Name: "sample", Value: 30 * time.Second, Usage: "RSS and goroutine sampling interval"},
							&cli.DurationFlag{Name: "settle", Value: 10 * time.Second, Usage: "wait after the node has classified every record, before the window"},
							&cli.DurationFlag{Name: "scan", Value: time.Second, Usage: "the node's tasks scan interval"},
							&cli.BoolFlag{Name: "profile", Usage: "write a CPU profile of the window to a temporary file"},
						},
						Action: func(c *cli.Context) error {
							o := node.IdleBacklogOptions{Pending: c.Int("pending"), Duration: c.Duration("duration"), Sample: c.Duration("sample"),
								Settle: c.Duration("settle"), ScanInterval: c.Duration("scan")}
							if c.Bool("profile") {
								f, err := os.CreateTemp("", "provenet-idle-backlog-*.pprof")
								if err != nil {
									return err
								}
								f.Close()
								o.ProfilePath = f.Name()
							}
							res, err := node.MeasureIdleBacklog(c.Context, o)
							if err != nil {
								if o.ProfilePath != "" {
									os.Remove(o.ProfilePath)
								}
								return err
							}
							res.WriteTable(c.App.Writer)
							if !res.Pass() {
								return cli.Exit("idle-backlog: a target was missed", 1)
							}
							return nil
						},
					},
				},
			},
			{
				Name:  "idle",
				Usage: "resident memory of an idle node (own home in a temporary directory)",
				Flags: []cli.Flag{
					&cli.DurationFlag{Name: "wait", Value: 10 * time.Second, Usage: "how long to idle before measuring"},
				},
				Action: func(c *cli.Context) error {
					res, err := node.MeasureIdle(c.Context, c.Duration("wait"))
					if err != nil {
						return err
					}
					res.WriteTable(c.App.Writer)
					return nil
				},
			},
		},
	}
}
