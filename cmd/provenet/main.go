// Command provenet is the provenet daemon and CLI. It turns flags and
// PROVENET_* environment variables into typed configuration and hands over
// to package node; it holds no logic of its own.
package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/provenet/provenet/node"
)

func main() {
	if err := newApp().Run(os.Args); err != nil {
		fmt.Fprintln(os.Stderr, "provenet:", err)
		os.Exit(exitCode(err))
	}
}

func exitCode(err error) int {
	var ec cli.ExitCoder
	if errors.As(err, &ec) {
		return ec.ExitCode()
	}
	return 1
}

func defaultHome() string {
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, ".provenet")
	}
	return ".provenet"
}

var homeFlag = &cli.StringFlag{
	Name: "home", Value: defaultHome(), EnvVars: []string{"PROVENET_HOME"},
	Usage: "node home directory (config, keys, data)",
}

func newApp() *cli.App {
	app := &cli.App{
		Name:    "provenet",
		Usage:   "a node of the provenet payable-AI data network",
		Version: node.Version,
		Flags: []cli.Flag{
			homeFlag,
			&cli.StringFlag{Name: "api", EnvVars: []string{"PROVENET_API"}, Usage: "node API URL for client commands (default: from the home's config)"},
			&cli.StringFlag{Name: "token", EnvVars: []string{"PROVENET_TOKEN"}, Usage: "API token for write calls (default: the home's api.token)"},
			&cli.StringFlag{Name: "log.level", EnvVars: []string{"PROVENET_LOG_LEVEL"}, Usage: "debug, info, warn or error (overrides config)"},
			&cli.StringFlag{Name: "log.format", EnvVars: []string{"PROVENET_LOG_FORMAT"}, Usage: "text or json (overrides config)"},
		},
		Commands: []*cli.Command{
			initCommand(),
			runCommand(),
			configCommand(),
			statusCommand(),
			datanetCommand(),
			devnetCommand(),
			tasksCommand(),
			pointsCommand(),
			voteCommand(),
			reviewCommand(),
			benchCommand(),
			inferCommand(),
			modelCommand(),
			epochCommand(),
			claimCommand(),
			payCommand(),
			earningsCommand(),
			factoryCommand(),
			deviceWorkerCommand(),
		},
	}
	for _, c := range app.Commands {
		acceptHomeFlag(c)
	}
	return app
}

// acceptHomeFlag lets --home follow the command too (`provenet run --home
// DIR`), as well as precede it. The command's copy has no default and no
// env var, so that an unset one never hides the global flag.
func acceptHomeFlag(c *cli.Command) {
	c.Flags = append(c.Flags, &cli.StringFlag{Name: homeFlag.Name, Usage: homeFlag.Usage})
	for _, sub := range c.Subcommands {
		acceptHomeFlag(sub)
	}
}

// homeDir is the innermost --home that was set, else the global flag's
// value (PROVENET_HOME or the default).
func homeDir(c *cli.Context) string {
	lineage := c.Lineage()
	for _, ctx := range lineage {
		if ctx.IsSet(homeFlag.Name) {
			if v := ctx.String(homeFlag.Name); v != "" {
				return v
			}
		}
	}
	return lineage[len(lineage)-1].String(homeFlag.Name)
}
