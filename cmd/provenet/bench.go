package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/provenet/provenet/datanet/ingestbench"
	"github.com/provenet/provenet/node"
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
				Name:  "gossip",
				Usage: "gossip propagation latency and delivery on a loopback network",
				Flags: []cli.Flag{
					&cli.IntFlag{Name: "nodes", Value: 50},
					&cli.StringFlag{Name: "rates", Value: "50,200", Usage: "messages per second, comma-separated"},
					&cli.DurationFlag{Name: "duration", Value: 10 * time.Second, Usage: "publishing time per rate"},
					&cli.IntFlag{Name: "size", Value: 512, Usage: "message bytes"},
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
					opts := gossipbench.Options{Nodes: c.Int("nodes"), Duration: c.Duration("duration"), MsgBytes: c.Int("size")}
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
