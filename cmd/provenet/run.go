package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/provenet/provenet/node"
)

func initCommand() *cli.Command {
	return &cli.Command{
		Name:  "init",
		Usage: "create a node home: config.toml with every default, keys (0600) and an API token",
		Flags: append([]cli.Flag{
			&cli.BoolFlag{Name: "force", Usage: "replace an existing home's config and keys: the old ones move to backup/<time>/, data is kept; refused while a node runs on the home"},
		}, configFlags...),
		Action: func(c *cli.Context) error {
			cfg := node.DefaultConfig()
			applyFlags(c, &cfg)
			h, err := node.Init(homeDir(c), cfg, c.Bool("force"))
			if err != nil {
				return err
			}
			fmt.Fprintf(c.App.Writer, "initialised %s\npeer id: %s\naddress: %s\n", h.Dir, h.PeerID(), h.Account.Address().Hex())
			return nil
		},
	}
}

func newLogger(w io.Writer, cfg node.LogConfig) *slog.Logger {
	lvl, _ := node.ParseLevel(cfg.Level)
	opts := &slog.HandlerOptions{Level: lvl}
	if cfg.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func runCommand() *cli.Command {
	return &cli.Command{
		Name:  "run",
		Usage: "run the node until SIGINT or SIGTERM (a second signal forces the exit)",
		Flags: configFlags,
		Action: func(c *cli.Context) error {
			cfg, err := loadConfig(c)
			if err != nil {
				return err
			}
			log := newLogger(os.Stderr, cfg.Log)
			home, err := node.OpenHome(homeDir(c))
			if err != nil {
				return err
			}
			n, err := node.New(cfg, home, node.Options{Logger: log})
			if err != nil {
				return err
			}
			startCtx, cancel := context.WithTimeout(c.Context, time.Minute)
			err = n.Start(startCtx)
			cancel()
			if err != nil {
				return err
			}
			waitForSignal(log)
			return stopWithin(n, shutdownTimeout, log)
		},
	}
}

// shutdownTimeout bounds a graceful stop. Some closes ignore contexts
// (badger retries a memtable flush forever when its directory is gone), so
// the wait is enforced here: past it the process exits with an error.
const shutdownTimeout = 30 * time.Second

func stopWithin(n *node.Node, d time.Duration, log *slog.Logger) error {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- n.Stop(ctx) }()
	select {
	case err := <-done:
		return err
	case <-time.After(d + 5*time.Second):
		log.Error("shutdown did not finish in time; exiting", "timeout", d)
		return fmt.Errorf("shutdown timed out after %s", d)
	}
}

// waitForSignal blocks until SIGINT or SIGTERM. A second signal during the
// graceful shutdown that follows exits at once.
func waitForSignal(log *slog.Logger) {
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	s := <-sig
	log.Info("shutting down; signal again to force", "signal", s)
	go func() {
		s := <-sig
		log.Error("forced exit", "signal", s)
		os.Exit(130)
	}()
}
