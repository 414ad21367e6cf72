package main

import (
	"os"
	"os/signal"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/provenet/provenet/node"
)

func devnetCommand() *cli.Command {
	d := node.DefaultDevnetConfig()
	return &cli.Command{
		Name:  "devnet",
		Usage: "run a local network of node processes, a dev chain and a dev DA server on loopback until Ctrl-C",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "nodes", Value: d.Nodes, EnvVars: []string{"PROVENET_DEVNET_NODES"}},
			&cli.IntFlag{Name: "gpu-nodes", Value: d.GPUNodes, EnvVars: []string{"PROVENET_DEVNET_GPU_NODES"}, Usage: "the first K nodes serve inference with the embedded base model this project trained (gpu/train)"},
			&cli.StringFlag{Name: "dir", Value: d.Dir, EnvVars: []string{"PROVENET_DEVNET_DIR"}, Usage: "where node homes and devnet.json go"},
			&cli.IntFlag{Name: "api-port", Value: d.APIPort, Usage: "node i serves its API on this port + i"},
			&cli.IntFlag{Name: "p2p-port", Value: d.P2PPort, Usage: "node i listens for libp2p on this port + i"},
			&cli.IntFlag{Name: "chain-port", Value: d.ChainPort, Usage: "the dev chain's JSON-RPC port on 127.0.0.1 (0: a free one, changing on every start)"},
			&cli.IntFlag{Name: "da-port", Value: d.DAPort, Usage: "the dev DA server's port on 127.0.0.1 (0: a free one, changing on every start)"},
			&cli.StringFlag{Name: "node-log-level", Value: d.LogLevel, Usage: "log level of the nodes (each logs to node.log in its home)"},
		},
		Action: func(c *cli.Context) error {
			bin, err := os.Executable()
			if err != nil {
				return err
			}
			d.Nodes, d.Dir, d.Binary = c.Int("nodes"), c.String("dir"), bin
			d.GPUNodes = c.Int("gpu-nodes")
			d.APIPort, d.P2PPort = c.Int("api-port"), c.Int("p2p-port")
			d.ChainPort, d.DAPort = c.Int("chain-port"), c.Int("da-port")
			d.LogLevel = c.String("node-log-level")
			launcherLevel := "info"
			if v := c.String("log.level"); v != "" {
				launcherLevel = v
			}
			d.Log = newLogger(os.Stderr, node.LogConfig{Level: launcherLevel, Format: "text"})
			d.Out = c.App.Writer
			ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
			defer stop()
			return node.RunDevnet(ctx, d)
		},
	}
}
