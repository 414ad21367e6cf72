package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/provenet/provenet/gpu/train"
)

// factoryCommand is the Model Factory: pretraining a small base model and
// LoRA fine-tuning in pure Go on the CPU (gpu/train).
func factoryCommand() *cli.Command {
	env := func(name string) []string {
		return []string{"PROVENET_FACTORY_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))}
	}
	common := func(required bool) []cli.Flag {
		return []cli.Flag{
			&cli.StringSliceFlag{Name: "data", EnvVars: env("data"), Usage: "training text: files or directories (fortune files, .html, text)", Required: required},
			&cli.StringFlag{Name: "out", EnvVars: env("out"), Usage: "output directory", Required: required},
			&cli.IntFlag{Name: "seq", EnvVars: env("seq"), Value: 256, Usage: "sequence length"},
			&cli.IntFlag{Name: "steps", EnvVars: env("steps"), Value: 200, Usage: "optimiser steps"},
			&cli.IntFlag{Name: "batch", EnvVars: env("batch"), Value: 8, Usage: "sequences per micro-batch"},
			&cli.IntFlag{Name: "accum", EnvVars: env("accum"), Value: 1, Usage: "micro-batches per step"},
			&cli.Float64Flag{Name: "lr", EnvVars: env("lr"), Usage: "peak learning rate (default: 3e-3 pretrain, 1e-3 LoRA)"},
			&cli.IntFlag{Name: "warmup", EnvVars: env("warmup"), Value: -1, Usage: "warmup steps (default: 10% of steps)"},
			&cli.Uint64Flag{Name: "seed", EnvVars: env("seed"), Value: 1},
			&cli.IntFlag{Name: "holdout", EnvVars: env("holdout"), Value: 5, Usage: "held-out percent (by sha256 of the document ID)"},
			&cli.IntFlag{Name: "eval-seqs", EnvVars: env("eval_seqs"), Value: 64, Usage: "held-out sequences evaluated"},
			&cli.Int64Flag{Name: "max-bytes", EnvVars: env("max_bytes"), Usage: "cap on corpus text read (0: all)"},
			&cli.IntFlag{Name: "threads", EnvVars: env("threads"), Usage: "worker threads (0: all cores)"},
			&cli.StringFlag{Name: "checkpoint", EnvVars: env("checkpoint"), Usage: "checkpoint directory"},
			&cli.IntFlag{Name: "checkpoint-every", EnvVars: env("checkpoint_every"), Value: 50},
			&cli.StringFlag{Name: "resume", EnvVars: env("resume"), Usage: "resume from this checkpoint directory"},
			&cli.BoolFlag{Name: "pack", EnvVars: env("pack"), Value: true, Usage: "pack documents into sequences behind a block-diagonal attention mask (false: one document per padded sequence)"},
			&cli.IntFlag{Name: "print-every", EnvVars: env("print_every"), Value: 5, Usage: "steps between progress lines"},
		}
	}
	warmup := func(c *cli.Context) int {
		if w := c.Int("warmup"); w >= 0 {
			return w
		}
		return c.Int("steps") / 10
	}
	cmd := &cli.Command{
		Name:  "factory",
		Usage: "Model Factory: train a small base or a LoRA adapter locally, or request access and run fine-tune jobs on a Datanet through the node",
		Subcommands: []*cli.Command{{
			Name:  "pretrain",
			Usage: "train a byte-level BPE tokenizer and a small full-parameter base model; writes a Hugging Face model directory",
			Flags: append(common(true),
				&cli.IntFlag{Name: "dim", EnvVars: env("dim"), Value: 192},
				&cli.IntFlag{Name: "layers", EnvVars: env("layers"), Value: 4},
				&cli.IntFlag{Name: "heads", EnvVars: env("heads"), Value: 4},
				&cli.IntFlag{Name: "hidden", EnvVars: env("hidden"), Value: 512},
				&cli.IntFlag{Name: "vocab-size", EnvVars: env("vocab_size"), Value: 4096},
			),
			Action: func(c *cli.Context) error {
				cfg := train.DefaultPretrain()
				cfg.Data, cfg.Out, cfg.MaxBytes = c.StringSlice("data"), c.String("out"), c.Int64("max-bytes")
				cfg.Dim, cfg.Layers, cfg.Heads, cfg.Hidden = c.Int("dim"), c.Int("layers"), c.Int("heads"), c.Int("hidden")
				cfg.VocabSize, cfg.Seq, cfg.Steps, cfg.Batch, cfg.Accum = c.Int("vocab-size"), c.Int("seq"), c.Int("steps"), c.Int("batch"), c.Int("accum")
				if c.IsSet("lr") {
					cfg.LR = c.Float64("lr")
				}
				cfg.Warmup, cfg.Seed, cfg.HoldoutPercent, cfg.EvalSequences = warmup(c), c.Uint64("seed"), c.Int("holdout"), c.Int("eval-seqs")
				cfg.Threads, cfg.Checkpoint, cfg.CheckpointEvery, cfg.Resume = c.Int("threads"), c.String("checkpoint"), c.Int("checkpoint-every"), c.String("resume")
				cfg.Pack = c.Bool("pack")
				cfg.Logger = slog.New(slog.NewTextHandler(c.App.ErrWriter, nil))
				ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
				defer stop()
				fmt.Fprintf(c.App.Writer, "pretraining %s: dim %d, %d layers, %d heads, hidden %d, vocab %d, seq %d\n", cfg.Out, cfg.Dim, cfg.Layers, cfg.Heads, cfg.Hidden, cfg.VocabSize, cfg.Seq)
				rep, err := train.Pretrain(ctx, cfg, progressPrinter(c.App.Writer, c.Int("print-every")))
				if err != nil {
					return err
				}
				printReport(c.App.Writer, rep)
				fmt.Fprintf(c.App.Writer, "wrote %s (config.json, model.safetensors f16, tokenizer.json, tokenizer_config.json)\n", cfg.Out)
				return nil
			},
		}, {
			Name:  "train",
			Usage: "LoRA fine-tune a Hugging Face base directory on local text (--data, --out), or a Datanet's golden records on the node (--datanet: as factory job)",
			Flags: append(common(false),
				&cli.StringFlag{Name: "base", EnvVars: env("base"), Usage: "base model directory (config.json, safetensors, tokenizer.json); with --datanet, the base model's name on the trainer"},
				&cli.StringFlag{Name: "datanet", Usage: "train on this Datanet's golden records through the node (needs a grant unless the node's account owns it)"},
				&cli.StringFlag{Name: "name", Usage: "adapter name (with --datanet)"},
				&cli.StringFlag{Name: "where", Value: "auto", Usage: "with --datanet: auto, local or remote"},
				&cli.BoolFlag{Name: "wait", Value: true, Usage: "with --datanet: follow progress until the job ends"},
				&cli.IntFlag{Name: "rank", EnvVars: env("rank"), Value: 8},
				&cli.Float64Flag{Name: "alpha", EnvVars: env("alpha"), Value: 16},
				&cli.StringFlag{Name: "targets", EnvVars: env("targets"), Value: "q,v", Usage: "projections: q,k,v,o,gate,up,down"},
			),
			Action: func(c *cli.Context) error {
				if c.IsSet("datanet") {
					cl, err := apiClient(c)
					if err != nil {
						return err
					}
					return submitFactoryJob(c, cl, c.String("base"), projections(c.String("targets")))
				}
				if c.String("base") == "" || len(c.StringSlice("data")) == 0 || c.String("out") == "" {
					return fmt.Errorf("factory train: --base, --data and --out are required (or --datanet to train through the node)")
				}
				cfg := train.DefaultFineTune()
				cfg.Base, cfg.Data, cfg.Out, cfg.MaxBytes = c.String("base"), c.StringSlice("data"), c.String("out"), c.Int64("max-bytes")
				cfg.Rank, cfg.Alpha, cfg.Targets = c.Int("rank"), float32(c.Float64("alpha")), strings.Split(c.String("targets"), ",")
				cfg.Seq, cfg.Steps, cfg.Batch, cfg.Accum = c.Int("seq"), c.Int("steps"), c.Int("batch"), c.Int("accum")
				if c.IsSet("lr") {
					cfg.LR = c.Float64("lr")
				}
				cfg.Warmup, cfg.Seed, cfg.HoldoutPercent, cfg.EvalSequences = warmup(c), c.Uint64("seed"), c.Int("holdout"), c.Int("eval-seqs")
				cfg.Threads, cfg.Checkpoint, cfg.CheckpointEvery, cfg.Resume = c.Int("threads"), c.String("checkpoint"), c.Int("checkpoint-every"), c.String("resume")
				cfg.Pack = c.Bool("pack")
				cfg.Logger = slog.New(slog.NewTextHandler(c.App.ErrWriter, nil))
				ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
				defer stop()
				rep, err := train.FineTune(ctx, cfg, progressPrinter(c.App.Writer, c.Int("print-every")))
				if err != nil {
					return err
				}
				printReport(c.App.Writer, rep)
				fmt.Fprintf(c.App.Writer, "wrote PEFT adapter %s (rank %d, alpha %g, targets %s)\n", cfg.Out, cfg.Rank, cfg.Alpha, c.String("targets"))
				return nil
			},
		}},
	}
	cmd.Subcommands = append(cmd.Subcommands, factoryNodeCommands()...)
	return cmd
}

func progressPrinter(w io.Writer, every int) func(train.Progress) {
	every = max(every, 1)
	return func(p train.Progress) {
		if p.Step%every == 0 || p.Step == p.Steps {
			fmt.Fprintf(w, "step %d/%d  loss %.4f  lr %.2e  |g| %.3f  %.0f tok/s  ETA %s\n",
				p.Step, p.Steps, p.Loss, p.LR, p.GradNorm, p.TokensPerSec, p.ETA.Round(time.Second))
		}
	}
}

func printReport(w io.Writer, rep train.Report) {
	r := rep.Result
	fmt.Fprintf(w, "%d documents, %d training and %d held-out sequences, %d base parameters, %d steps in %s (wall %s)\n",
		rep.Documents, rep.TrainSeqs, rep.HeldOutSeqs, rep.Params, r.Steps, r.TrainTime.Round(time.Second), rep.Wall.Round(time.Second))
	if !r.Resumed {
		fmt.Fprintf(w, "held-out before: loss %.4f  perplexity %.2f  (%d tokens)\n", r.Before.Loss, r.Before.Perplexity, r.Before.Tokens)
	}
	fmt.Fprintf(w, "held-out after:  loss %.4f  perplexity %.2f  (%d tokens)\n", r.After.Loss, r.After.Perplexity, r.After.Tokens)
	for _, s := range rep.Samples {
		fmt.Fprintf(w, "sample: %q -> %q\n", s.Prompt, s.Completion)
	}
}
