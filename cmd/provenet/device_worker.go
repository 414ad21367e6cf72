package main

import (
	"log/slog"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/provenet/provenet/gpu/devproc"
)

// deviceWorkerCommand is the worker side of gpu/devproc: a daemon whose
// gpu.backend runs in another process (cuda, in a daemon built without
// the tag) starts `provenet-cuda device-worker` with the socket on fd 3.
func deviceWorkerCommand() *cli.Command {
	return &cli.Command{
		Name:   "device-worker",
		Usage:  "serve a forward-pass device to the daemon that started this process (on fd 3)",
		Hidden: true,
		Action: func(c *cli.Context) error {
			log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
			return devproc.Serve(os.NewFile(3, "daemon"), log)
		},
	}
}
