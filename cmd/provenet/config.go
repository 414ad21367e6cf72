package main

import (
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/provenet/provenet/node"
)

// Flags that override the config file. Each maps onto one config field in
// applyFlags, and nowhere else.
var (
	apiListenFlag = &cli.StringFlag{Name: "api.listen", EnvVars: []string{"PROVENET_API_LISTEN"}, Usage: "HTTP API host:port"}
	p2pListenFlag = &cli.StringSliceFlag{Name: "p2p.listen", EnvVars: []string{"PROVENET_P2P_LISTEN"}, Usage: "libp2p listen multiaddrs"}
	bootstrapFlag = &cli.StringSliceFlag{Name: "p2p.bootstrap", EnvVars: []string{"PROVENET_P2P_BOOTSTRAP"}, Usage: "bootstrap peer multiaddrs"}
	mdnsFlag      = &cli.BoolFlag{Name: "p2p.mdns", EnvVars: []string{"PROVENET_P2P_MDNS"}, Usage: "enable mDNS discovery (multicast leaves the machine)"}
)

var (
	inferFlag    = &cli.BoolFlag{Name: "infer", EnvVars: []string{"PROVENET_INFER"}, Usage: "serve inference (the GPU owner role)"}
	modelFlag    = &cli.StringFlag{Name: "model", EnvVars: []string{"PROVENET_MODEL"}, Usage: "base model for --infer: a .gguf file or a Hugging Face directory"}
	adaptersFlag = &cli.StringFlag{Name: "adapters", EnvVars: []string{"PROVENET_ADAPTERS"}, Usage: "directory of PEFT LoRA adapters for --infer"}
)

var configFlags = []cli.Flag{apiListenFlag, p2pListenFlag, bootstrapFlag, mdnsFlag, inferFlag, modelFlag, adaptersFlag}

// loadConfig reads the home's config.toml (or the defaults when there is
// none yet) and applies the flags that were set.
func loadConfig(c *cli.Context) (node.Config, error) {
	cfg := node.DefaultConfig()
	path := filepath.Join(homeDir(c), node.ConfigFile)
	if _, err := os.Stat(path); err == nil {
		if cfg, err = node.LoadConfig(path); err != nil {
			return cfg, err
		}
	}
	applyFlags(c, &cfg)
	return cfg, cfg.Validate()
}

func applyFlags(c *cli.Context, cfg *node.Config) {
	if v := c.String("log.level"); v != "" {
		cfg.Log.Level = v
	}
	if v := c.String("log.format"); v != "" {
		cfg.Log.Format = v
	}
	if c.IsSet(apiListenFlag.Name) {
		cfg.API.Listen = c.String(apiListenFlag.Name)
	}
	if c.IsSet(p2pListenFlag.Name) {
		cfg.P2P.Listen = c.StringSlice(p2pListenFlag.Name)
	}
	if c.IsSet(bootstrapFlag.Name) {
		cfg.P2P.Bootstrap = c.StringSlice(bootstrapFlag.Name)
	}
	if c.IsSet(mdnsFlag.Name) {
		cfg.P2P.MDNS = c.Bool(mdnsFlag.Name)
	}
	if c.IsSet(inferFlag.Name) {
		cfg.GPU.Enabled = c.Bool(inferFlag.Name)
	}
	if c.IsSet(modelFlag.Name) {
		cfg.GPU.Model = c.String(modelFlag.Name)
	}
	if c.IsSet(adaptersFlag.Name) {
		cfg.GPU.Adapters = c.String(adaptersFlag.Name)
	}
}

func configCommand() *cli.Command {
	return &cli.Command{
		Name:  "config",
		Usage: "inspect configuration",
		Subcommands: []*cli.Command{{
			Name:  "dump",
			Usage: "print the effective configuration (file, then flags) as TOML",
			Flags: configFlags,
			Action: func(c *cli.Context) error {
				cfg, err := loadConfig(c)
				if err != nil {
					return err
				}
				b, err := node.EncodeConfig(cfg)
				if err != nil {
					return err
				}
				_, err = c.App.Writer.Write(b)
				return err
			},
		}},
	}
}
