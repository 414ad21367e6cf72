package main

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/provenet/provenet/node"
)

// factoryNodeCommands are the Model Factory commands that go through a
// node: access requests and grants, and fine-tune jobs on a Datanet's
// golden records.
func factoryNodeCommands() []*cli.Command {
	datanetFlag := &cli.StringFlag{Name: "datanet", Required: true, Usage: "Datanet ID"}
	return []*cli.Command{
		{
			Name:  "request",
			Usage: "ask a Datanet's owner for access to train on its records (signed by this node's account, gossiped)",
			Flags: []cli.Flag{datanetFlag},
			Action: func(c *cli.Context) error {
				return callAndPrint(c, http.MethodPost, "/api/v1/factory/access", map[string]any{"datanet": c.String("datanet")})
			},
		},
		{
			Name:  "approve",
			Usage: "as the Datanet's owner, grant an account access (signed grant, gossiped); without --grantee, list requests and grants",
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "datanet", Usage: "Datanet ID"},
				&cli.StringFlag{Name: "grantee", Usage: "the 0x address to grant"},
				&cli.DurationFlag{Name: "ttl", Value: 30 * 24 * time.Hour},
			},
			Action: func(c *cli.Context) error {
				if c.String("grantee") == "" {
					return getAndPrint(c, "/api/v1/factory/access")
				}
				return callAndPrint(c, http.MethodPost, "/api/v1/factory/access", map[string]any{
					"datanet": c.String("datanet"), "grantee": c.String("grantee"), "ttl": c.Duration("ttl").String()})
			},
		},
		{
			Name:  "job",
			Usage: "fine-tune a LoRA adapter on a Datanet's golden records, on the node or on a GPU peer with an idle trainer (needs a grant unless the node's account owns the Datanet); the adapter is served when done",
			Flags: []cli.Flag{datanetFlag,
				&cli.StringFlag{Name: "name", Usage: "adapter name"},
				&cli.IntFlag{Name: "rank", Value: 8}, &cli.Float64Flag{Name: "alpha", Value: 16},
				&cli.StringFlag{Name: "targets", Value: "q,v"}, &cli.IntFlag{Name: "steps", Value: 100},
				&cli.IntFlag{Name: "batch", Value: 8}, &cli.IntFlag{Name: "seq", Value: 256},
				&cli.Float64Flag{Name: "lr", Usage: "peak learning rate (default 1e-3)"},
				&cli.StringFlag{Name: "base", Usage: "base model name (default: the trainer's)"},
				&cli.StringFlag{Name: "where", Value: "auto", Usage: "auto (here if this node can train and is idle, else a GPU peer), local or remote"},
				&cli.BoolFlag{Name: "wait", Value: true, Usage: "follow progress until the job ends"},
			},
			Action: func(c *cli.Context) error {
				cl, err := apiClient(c)
				if err != nil {
					return err
				}
				return submitFactoryJob(c, cl, c.String("base"), projections(c.String("targets")))
			},
		},
		{
			Name:      "cancel",
			Usage:     "cancel a factory job (on the peer that trains it too); it keeps a checkpoint",
			ArgsUsage: "JOB-ID",
			Action: func(c *cli.Context) error {
				if c.NArg() != 1 {
					return fmt.Errorf("factory cancel: want one job ID")
				}
				cl, err := apiClient(c)
				if err != nil {
					return err
				}
				if err := cl.Do(c.Context, http.MethodDelete, "/api/v1/factory/jobs/"+c.Args().First(), nil, nil); err != nil {
					return err
				}
				fmt.Fprintf(c.App.Writer, "cancelling %s (provenet factory resume %s continues it)\n", c.Args().First(), c.Args().First())
				return nil
			},
		},
		{
			Name:      "resume",
			Usage:     "continue a cancelled or failed factory job from its last checkpoint (here or on the peer that trained it)",
			ArgsUsage: "JOB-ID",
			Action: func(c *cli.Context) error {
				if c.NArg() != 1 {
					return fmt.Errorf("factory resume: want one job ID")
				}
				return callAndPrint(c, http.MethodPost, "/api/v1/factory/jobs/"+c.Args().First()+"/resume", nil)
			},
		},
		{
			Name:  "jobs",
			Usage: "the node's factory jobs with progress and results",
			Action: func(c *cli.Context) error {
				return getAndPrint(c, "/api/v1/factory/jobs")
			},
		},
	}
}

// submitFactoryJob posts a fine-tune of c's --datanet to the node (which
// runs it or orders it from a GPU peer) and, with --wait, follows it.
func submitFactoryJob(c *cli.Context, cl *node.Client, base string, targets []string) error {
	req := map[string]any{"datanet": c.String("datanet"), "name": c.String("name"), "rank": c.Int("rank"),
		"alpha": c.Float64("alpha"), "targets": targets, "steps": c.Int("steps"), "batch": c.Int("batch"), "seq": c.Int("seq"),
		"lr": c.Float64("lr"), "base": base, "where": c.String("where")}
	var job struct {
		ID, State, Error, Peer string
		Progress               struct {
			Step, Steps  int
			Loss         float64
			TokensPerSec float64
			ETA          time.Duration
		}
		Adapter any
	}
	if err := cl.Do(c.Context, http.MethodPost, "/api/v1/factory/jobs", req, &job); err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "job %s %s\n", job.ID, job.State)
	if job.Peer != "" {
		fmt.Fprintf(c.App.Writer, "training on peer %s\n", job.Peer)
	}
	for c.Bool("wait") && (job.State == "queued" || job.State == "running") {
		time.Sleep(time.Second)
		if err := cl.Do(c.Context, http.MethodGet, "/api/v1/factory/jobs/"+job.ID, nil, &job); err != nil {
			return err
		}
		p := job.Progress
		fmt.Fprintf(c.App.ErrWriter, "\rstep %d/%d  loss %.4f  %.0f tok/s  ETA %s   ", p.Step, p.Steps, p.Loss, p.TokensPerSec, p.ETA.Round(time.Second))
	}
	fmt.Fprintln(c.App.ErrWriter)
	return getAndPrint(c, "/api/v1/factory/jobs/"+job.ID)
}

// projections turns "q,v" into ["q_proj", "v_proj"].
func projections(list string) []string {
	var out []string
	for _, t := range strings.Split(list, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, strings.TrimSuffix(t, "_proj")+"_proj")
		}
	}
	return out
}
