package main

import (
	"fmt"
	"net/url"
	"strconv"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/provenet/provenet/node"
)

// epochCommand is `provenet epoch list|show|proof`.
func epochCommand() *cli.Command {
	return &cli.Command{
		Name:  "epoch",
		Usage: "closed epochs: receipts and points roots, DA commitment, anchor transaction, proofs",
		Subcommands: []*cli.Command{
			{
				Name:  "list",
				Usage: "list the epochs this node closed or fetched, newest first",
				Flags: []cli.Flag{&cli.IntFlag{Name: "limit", Value: 20}, &cli.BoolFlag{Name: "json"}},
				Action: func(c *cli.Context) error {
					cl, err := apiClient(c)
					if err != nil {
						return err
					}
					var info node.EpochsInfo
					if err := cl.Do(c.Context, "GET", "/api/v1/epochs?limit="+strconv.Itoa(c.Int("limit")), nil, &info); err != nil {
						return err
					}
					if c.Bool("json") {
						return printJSON(c.App.Writer, info)
					}
					w := c.App.Writer
					fmt.Fprintf(w, "current epoch %d (length %s)  aggregator %v  chain %v  DA %v\n", info.Current, info.EpochLength, info.Aggregator, info.Chain, info.DA)
					tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
					fmt.Fprintln(tw, "EPOCH\tSTATUS\tRECEIPTS\tRECEIPTS ROOT\tPOINTS ROOT\tTX")
					for _, e := range info.Epochs {
						fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%s\t%s\n", e.Epoch, e.Status, e.Receipts, e.ReceiptsRoot, e.PointsRoot, e.TxHash)
					}
					return tw.Flush()
				},
			},
			{
				Name:      "show",
				Usage:     "show one epoch (fetched from chain and DA when this node did not close it)",
				ArgsUsage: "N",
				Action: func(c *cli.Context) error {
					if c.NArg() != 1 {
						return fmt.Errorf("usage: provenet epoch show N")
					}
					if _, err := strconv.ParseUint(c.Args().First(), 10, 64); err != nil {
						return fmt.Errorf("epoch %q: want a number", c.Args().First())
					}
					return getAndPrint(c, "/api/v1/epochs/"+c.Args().First())
				},
			},
			{
				Name:  "proof",
				Usage: "the Merkle proof of a receipt (--receipt ID) or of an address's points (--address, --epoch)",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "receipt", Usage: "receipt id (0x...)"},
					&cli.StringFlag{Name: "address", Usage: "account address (0x...)"},
					&cli.Uint64Flag{Name: "epoch", Usage: "with --address: the epoch (default: the latest anchored)"},
				},
				Action: func(c *cli.Context) error {
					switch {
					case c.String("receipt") != "":
						return getAndPrint(c, "/api/v1/receipts/"+url.PathEscape(c.String("receipt"))+"/proof")
					case c.String("address") != "":
						return getAndPrint(c, pointsProofPath(c.String("address"), c.IsSet("epoch"), c.Uint64("epoch")))
					}
					return fmt.Errorf("give --receipt ID or --address ADDR")
				},
			},
		},
	}
}

func pointsProofPath(addr string, hasEpoch bool, epoch uint64) string {
	q := url.Values{"address": {addr}}
	if hasEpoch {
		q.Set("epoch", strconv.FormatUint(epoch, 10))
	}
	return "/api/v1/points/proof?" + q.Encode()
}
