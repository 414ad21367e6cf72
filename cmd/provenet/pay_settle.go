package main

import (
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/url"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v2"

	"github.com/provenet/provenet/node"
)

// The settlement side of `provenet pay`: the epochs the network settled
// (pay settlements) and the claims they left to model owners and data
// contributors (pay claim), and `provenet earnings`, what an account
// earned. Amounts are wei; they print as ETH with every decimal and wei.

// weiAmount formats a uint64 of wei as "X ETH (N wei)".
func weiAmount(w uint64) string { return ethAndWei(strconv.FormatUint(w, 10)) }

// ethOnly formats a decimal wei string from the API as ETH, for tables.
func ethOnly(s string) string {
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		return s + " wei"
	}
	return formatETH(v)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// accountFlag reads --account: "" when absent, an error when not an
// address.
func accountFlag(c *cli.Context) (string, error) {
	a := c.String("account")
	if a != "" && !common.IsHexAddress(a) {
		return "", fmt.Errorf("--account %q: not a hex address", a)
	}
	return a, nil
}

var accountUsage = "the account (0x…); default: this node's"

func paySettleCommands() []*cli.Command {
	return []*cli.Command{
		{
			Name:  "settlements",
			Usage: "the epochs the network settled: what payers were charged, operators paid and owners and contributors may claim",
			Flags: []cli.Flag{&cli.Uint64Flag{Name: "epoch", Usage: "show this epoch in detail: payouts, claims, redemptions, rejected pairs"}},
			Action: func(c *cli.Context) error {
				cl, err := apiClient(c)
				if err != nil {
					return err
				}
				if c.IsSet("epoch") {
					var s node.SettlementInfo
					if err := cl.Do(c.Context, "GET", fmt.Sprintf("/api/v1/pay/settlements/%d", c.Uint64("epoch")), nil, &s); err != nil {
						return err
					}
					return printSettlement(c.App.Writer, &s)
				}
				var out struct {
					Settlements []node.SettlementInfo `json:"settlements"`
				}
				if err := cl.Do(c.Context, "GET", "/api/v1/pay/settlements", nil, &out); err != nil {
					return err
				}
				if len(out.Settlements) == 0 {
					fmt.Fprintln(c.App.Writer, "no settled epochs")
					return nil
				}
				tw := tabwriter.NewWriter(c.App.Writer, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "EPOCH\tSTATUS\tCHARGED (ETH)\tCLAIMS TOTAL (ETH)\tCLAIMS\tPAYOUTS\tFINALIZE TX")
				for _, s := range out.Settlements {
					fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%d\t%s\n", s.Epoch, s.Status, ethOnly(s.ChargeTotal), ethOnly(s.ClaimsTotal),
						len(s.Claims), len(s.Payouts), dash(s.FinalizeTx))
				}
				return tw.Flush()
			},
		},
		{
			Name: "claim",
			Usage: "claim an account's share of settled epochs from the escrow (sent from this node's account, paid to the account): " +
				"--epoch N, or every unclaimed epoch",
			Flags: []cli.Flag{
				&cli.Uint64Flag{Name: "epoch", Usage: "claim this settled epoch (default: every unclaimed one in the account's earnings)"},
				&cli.StringFlag{Name: "account", Usage: accountUsage},
			},
			Action: payClaim,
		},
	}
}

// payClaimRequest is the body of POST /api/v1/pay/claims.
type payClaimRequest struct {
	Epoch   uint64          `json:"epoch"`
	Account *common.Address `json:"account,omitempty"`
}

// payClaimed is the answer of POST /api/v1/pay/claims.
type payClaimed struct {
	Epoch   uint64         `json:"epoch"`
	Account common.Address `json:"account"`
	Amount  uint64         `json:"amount"`
	Tx      string         `json:"tx"`
}

// payClaim claims --epoch, or every unclaimed epoch of the account's
// earnings. An epoch already claimed is reported and skipped; any other
// error stops the run with a non-zero exit.
func payClaim(c *cli.Context) error {
	acct, err := accountFlag(c)
	if err != nil {
		return err
	}
	cl, err := apiClient(c)
	if err != nil {
		return err
	}
	w := c.App.Writer
	req := payClaimRequest{}
	if acct != "" {
		a := common.HexToAddress(acct)
		req.Account = &a
	}
	var epochs []uint64
	if c.IsSet("epoch") {
		epochs = []uint64{c.Uint64("epoch")}
	} else {
		path := "/api/v1/earnings"
		if acct != "" {
			path += "?account=" + url.QueryEscape(acct)
		}
		var e node.Earnings
		if err := cl.Do(c.Context, "GET", path, nil, &e); err != nil {
			return fmt.Errorf("earnings: %w", err)
		}
		for _, cp := range e.Claims {
			if !cp.Claimed {
				epochs = append(epochs, cp.Epoch)
			}
		}
		if len(epochs) == 0 {
			fmt.Fprintf(w, "nothing to claim for %s\n", e.Account.Hex())
			return nil
		}
	}
	claimed, already := 0, 0
	for _, ep := range epochs {
		req.Epoch = ep
		var out payClaimed
		err := cl.Do(c.Context, "POST", "/api/v1/pay/claims", req, &out)
		var ae *node.APIError
		switch {
		case errors.As(err, &ae) && ae.Code == "already_claimed":
			already++
			fmt.Fprintf(w, "epoch %d: already claimed\n", ep)
		case err != nil:
			return fmt.Errorf("epoch %d: %w (claimed %d epochs before it)", ep, err, claimed)
		default:
			claimed++
			fmt.Fprintf(w, "epoch %d: claimed %s for %s\ntx %s\n", out.Epoch, weiAmount(out.Amount), out.Account.Hex(), out.Tx)
		}
	}
	if len(epochs) > 1 {
		fmt.Fprintf(w, "claimed %d epochs, %d already claimed\n", claimed, already)
	}
	return nil
}

// printSettlement writes one epoch's settlement in detail.
func printSettlement(w io.Writer, s *node.SettlementInfo) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	settled := "-"
	if !s.SettledAt.IsZero() {
		settled = s.SettledAt.Local().Format(time.RFC3339)
	}
	fmt.Fprintf(tw, "epoch\t%d\nstatus\t%s\nsettled at\t%s\ncharged\t%s\nclaims total\t%s\nclaims root\t%s\nfree receipts\t%d\nfinalize tx\t%s\n",
		s.Epoch, s.Status, settled, ethAndWei(s.ChargeTotal), ethAndWei(s.ClaimsTotal), dash(s.ClaimsRoot), s.Free, dash(s.FinalizeTx))
	for _, tx := range s.RedeemTxs {
		fmt.Fprintf(tw, "redeem tx\t%s\n", tx)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	list := func(title string, cs []node.SettlementClaim) error {
		fmt.Fprintf(w, "\n%s (%d)\n", title, len(cs))
		if len(cs) == 0 {
			return nil
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ACCOUNT\tAMOUNT")
		for _, c := range cs {
			fmt.Fprintf(tw, "%s\t%s\n", c.Account.Hex(), weiAmount(c.Amount))
		}
		return tw.Flush()
	}
	if err := list("payouts to operators", s.Payouts); err != nil {
		return err
	}
	if err := list("claims", s.Claims); err != nil {
		return err
	}
	if len(s.Redemptions) > 0 {
		fmt.Fprintf(w, "\nredemptions (%d)\n", len(s.Redemptions))
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "PAYER\tOPERATOR\tVOUCHER\tCHARGE\tRECEIPTS")
		for _, r := range s.Redemptions {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%d\n", r.Payer.Hex(), r.Operator.Hex(), r.Voucher, weiAmount(r.Charge), r.Receipts)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(s.Rejected) > 0 {
		fmt.Fprintf(w, "\nrejected, unpaid (%d)\n", len(s.Rejected))
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "PAYER\tOPERATOR\tRECEIPTS\tREASON")
		for _, r := range s.Rejected {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", r.Payer.Hex(), r.Operator.Hex(), r.Receipts, r.Reason)
		}
		return tw.Flush()
	}
	return nil
}

// earningsCommand is `provenet earnings`: what an account earned from
// inference payments, as an operator and in claims.
func earningsCommand() *cli.Command {
	return &cli.Command{
		Name:  "earnings",
		Usage: "what an account earned from inference payments: operator pending and paid, claims per settled epoch",
		Flags: []cli.Flag{&cli.StringFlag{Name: "account", Usage: accountUsage}},
		Action: func(c *cli.Context) error {
			acct, err := accountFlag(c)
			if err != nil {
				return err
			}
			cl, err := apiClient(c)
			if err != nil {
				return err
			}
			path := "/api/v1/earnings"
			if acct != "" {
				path += "?account=" + url.QueryEscape(acct)
			}
			var e node.Earnings
			if err := cl.Do(c.Context, "GET", path, nil, &e); err != nil {
				return err
			}
			w := c.App.Writer
			tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
			fmt.Fprintf(tw, "account\t%s\noperator pending\t%s\noperator paid\t%s\nclaimable\t%s\nclaimed\t%s\n",
				e.Account.Hex(), weiAmount(e.OperatorPending), ethAndWei(e.OperatorPaid), ethAndWei(e.Claimable), ethAndWei(e.Claimed))
			if err := tw.Flush(); err != nil {
				return err
			}
			if len(e.Claims) == 0 {
				fmt.Fprintln(w, "\nno claims")
				return nil
			}
			fmt.Fprintln(w)
			tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "EPOCH\tAMOUNT\tCLAIMED")
			open := 0
			for _, cp := range e.Claims {
				state := "yes"
				if !cp.Claimed {
					state, open = "no", open+1
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\n", cp.Epoch, weiAmount(cp.Amount), state)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			if open > 0 {
				hint := "provenet pay claim"
				if acct != "" {
					hint += " --account " + acct
				}
				fmt.Fprintf(w, "%d unclaimed: %s\n", open, hint)
			}
			return nil
		},
	}
}
