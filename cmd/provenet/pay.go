package main

import (
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/provenet/provenet/node"
)

// payCommand is `provenet pay …`: what an app developer does to pay for
// inference: API keys bound to the home's account, which open the node's
// /v1 routes (Authorization: Bearer <key>), and the account's funds in the
// payment escrow (deposit, balance, withdraw; pay_funds.go), and what
// the network settled per epoch and the claims it left (settlements,
// claim; pay_settle.go).
func payCommand() *cli.Command {
	return &cli.Command{
		Name:  "pay",
		Usage: "pay for inference: API keys bound to this home's account, escrow deposit, balance and withdraw, settled epochs and claims",
		Subcommands: append([]*cli.Command{{
			Name:  "keys",
			Usage: "create, list and revoke API keys",
			Subcommands: []*cli.Command{
				{
					Name:  "create",
					Usage: "make an API key for any OpenAI client (shown once; the node keeps its hash)",
					Flags: []cli.Flag{&cli.StringFlag{Name: "label", Usage: "a name to recognise the key by"}},
					Action: func(c *cli.Context) error {
						cl, err := apiClient(c)
						if err != nil {
							return err
						}
						var k node.APIKeyCreated
						if err := cl.Do(c.Context, "POST", "/api/v1/pay/keys", map[string]string{"label": c.String("label")}, &k); err != nil {
							return err
						}
						fmt.Fprintf(c.App.Writer, "%s\nid %s, pays from %s; keep it secret, it is not shown again\n", k.Key, k.ID, k.Payer.Hex())
						if k.SignerTx != "" {
							fmt.Fprintf(c.App.Writer, "signer %s authorised on the escrow (tx %s)\n", k.Signer.Hex(), k.SignerTx)
						}
						return nil
					},
				},
				{
					Name:  "list",
					Usage: "list the node's API keys (IDs and hashes, never the keys)",
					Action: func(c *cli.Context) error {
						cl, err := apiClient(c)
						if err != nil {
							return err
						}
						var keys []node.APIKey
						if err := cl.Do(c.Context, "GET", "/api/v1/pay/keys", nil, &keys); err != nil {
							return err
						}
						tw := tabwriter.NewWriter(c.App.Writer, 0, 4, 2, ' ', 0)
						fmt.Fprintln(tw, "ID\tPAYER\tLABEL\tCREATED\tREVOKED")
						for _, k := range keys {
							rev := "-"
							if k.Revoked != nil {
								rev = k.Revoked.Format("2006-01-02 15:04")
							}
							fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", k.ID, k.Payer.Hex(), k.Label, k.Created.Format("2006-01-02 15:04"), rev)
						}
						return tw.Flush()
					},
				},
				{
					Name:      "revoke",
					Usage:     "revoke an API key by ID: it stops working at once",
					ArgsUsage: "ID",
					Action: func(c *cli.Context) error {
						if c.NArg() != 1 {
							return fmt.Errorf("usage: provenet pay keys revoke ID")
						}
						cl, err := apiClient(c)
						if err != nil {
							return err
						}
						var k node.APIKeyRevoked
						if err := cl.Do(c.Context, "DELETE", "/api/v1/pay/keys/"+c.Args().First(), nil, &k); err != nil {
							return err
						}
						fmt.Fprintf(c.App.Writer, "revoked %s\n", c.Args().First())
						switch {
						case k.SignerError != "":
							fmt.Fprintf(c.App.Writer, "on chain its signer is still bound: %s (revoke again to retry)\n", k.SignerError)
						case k.SignerStatus == "thawing" && k.SignerThawEnd != nil:
							fmt.Fprintf(c.App.Writer, "on chain its signer can sign until %s; revoke again after that to complete it\n", k.SignerThawEnd.Local().Format(time.RFC3339))
						case k.SignerStatus == "revoked":
							fmt.Fprintf(c.App.Writer, "its signer is revoked on chain (tx %s)\n", k.SignerTx)
						}
						return nil
					},
				},
			},
		}}, append(payFundsCommands(), paySettleCommands()...)...),
	}
}
