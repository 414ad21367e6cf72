package main

import (
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v2"

	"github.com/provenet/provenet/node"
)

// weiPerETH is 10^18.
var weiPerETH = new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)

// maxWei is 2^256 - 1, the most the escrow holds.
var maxWei = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))

// parseETH parses a positive amount of ETH written in decimal ("0.5", "1",
// "0.000000000000000001") into wei, exactly: digits, at most one point
// with digits on both sides, at most 18 decimals; no sign, exponent,
// spaces or separators.
func parseETH(s string) (*big.Int, error) {
	bad := func(why string) error { return fmt.Errorf("amount %q: %s", s, why) }
	whole, frac, dot := strings.Cut(s, ".")
	switch {
	case s == "":
		return nil, bad("empty; want ETH in decimal, like 0.5")
	case whole == "" || !allDigits(whole) || (dot && (frac == "" || !allDigits(frac))):
		return nil, bad("want ETH in decimal digits with an optional point, like 0.5 (no sign, exponent or separators)")
	case len(frac) > 18:
		return nil, bad("more than 18 decimals: below 1 wei")
	}
	digits := whole + frac + strings.Repeat("0", 18-len(frac))
	wei, ok := new(big.Int).SetString(digits, 10)
	switch {
	case !ok:
		return nil, bad("not a number")
	case wei.Sign() == 0:
		return nil, bad("must be above 0")
	case wei.Cmp(maxWei) > 0:
		return nil, bad("above 2^256-1 wei")
	}
	return wei, nil
}

// parseWeiArg parses a positive integer of wei in decimal digits.
func parseWeiArg(s string) (*big.Int, error) {
	if s == "" || !allDigits(s) {
		return nil, fmt.Errorf("wei %q: want a positive integer in decimal digits", s)
	}
	v, _ := new(big.Int).SetString(s, 10)
	if v.Sign() == 0 || v.Cmp(maxWei) > 0 {
		return nil, fmt.Errorf("wei %q: want 1 to 2^256-1", s)
	}
	return v, nil
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// formatETH writes wei as ETH with every significant decimal ("0.5",
// "1", "0.000000000000000001").
func formatETH(wei *big.Int) string {
	q, r := new(big.Int).QuoRem(wei, weiPerETH, new(big.Int))
	if r.Sign() == 0 {
		return q.String()
	}
	frac := strings.TrimRight(fmt.Sprintf("%018s", r.String()), "0")
	return q.String() + "." + frac
}

// ethAndWei formats a decimal wei string from the API as "X ETH (N wei)".
func ethAndWei(s string) string {
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		return s + " wei"
	}
	return fmt.Sprintf("%s ETH (%s wei)", formatETH(v), v)
}

// amountFlags reads --amount (ETH) or --wei; required says one must be
// given. nil when neither is and !required.
func amountFlags(c *cli.Context, required bool) (*big.Int, error) {
	eth, wei := c.String("amount"), c.String("wei")
	switch {
	case eth != "" && wei != "":
		return nil, errors.New("give --amount (ETH) or --wei, not both")
	case eth != "":
		return parseETH(eth)
	case wei != "":
		return parseWeiArg(wei)
	case required:
		return nil, errors.New("give --amount in ETH (like 0.5) or --wei")
	}
	return nil, nil
}

func payFundsCommands() []*cli.Command {
	amount := func(usage string) []cli.Flag {
		return []cli.Flag{
			&cli.StringFlag{Name: "amount", Usage: usage + ", in ETH (decimal, exact to the wei: 0.5)"},
			&cli.StringFlag{Name: "wei", Usage: usage + ", in wei"},
		}
	}
	return []*cli.Command{
		{
			Name:  "deposit",
			Usage: "move funds from this home's account into the payment escrow (any node may then charge it)",
			Flags: amount("how much"),
			Action: func(c *cli.Context) error {
				wei, err := amountFlags(c, true)
				if err != nil {
					return err
				}
				cl, err := apiClient(c)
				if err != nil {
					return err
				}
				var d node.PayDeposit
				if err := cl.Do(c.Context, "POST", "/api/v1/pay/deposit", node.PayDepositRequest{AmountWei: wei.String()}, &d); err != nil {
					return err
				}
				fmt.Fprintf(c.App.Writer, "deposited %s\nescrow balance %s\ntx %s\n", ethAndWei(d.AmountWei), ethAndWei(d.BalanceWei), d.Tx)
				return nil
			},
		},
		{
			Name:  "balance",
			Usage: "show the escrow balance: deposited, thawing, when the thaw ends, withdrawable, credits",
			Flags: []cli.Flag{&cli.StringFlag{Name: "account", Usage: "another account to read (0x…); default: this home's"}},
			Action: func(c *cli.Context) error {
				path := "/api/v1/pay/balance"
				if a := c.String("account"); a != "" {
					if !common.IsHexAddress(a) {
						return fmt.Errorf("--account %q: not a hex address", a)
					}
					path += "?account=" + url.QueryEscape(a)
				}
				cl, err := apiClient(c)
				if err != nil {
					return err
				}
				var b node.PayBalance
				if err := cl.Do(c.Context, "GET", path, nil, &b); err != nil {
					return err
				}
				ends := "-"
				if b.ThawEnd != nil {
					ends = b.ThawEnd.Local().Format(time.RFC3339)
				}
				tw := tabwriter.NewWriter(c.App.Writer, 0, 4, 2, ' ', 0)
				fmt.Fprintf(tw, "account\t%s\ndeposited\t%s\nthawing\t%s\nthaw ends\t%s\nwithdrawable\t%s\ncredits\t%s\nthawing period\t%s\n",
					b.Account, ethAndWei(b.BalanceWei), ethAndWei(b.ThawingWei), ends, ethAndWei(b.WithdrawableWei),
					ethAndWei(b.CreditsWei), time.Duration(b.ThawingPeriodS)*time.Second)
				return tw.Flush()
			},
		},
		{
			Name: "withdraw",
			Usage: "return unspent escrow funds: the first call starts a thaw (of --amount, default all), " +
				"the next one after the thawing period pays them back; --cancel stops a thaw",
			Flags: append(amount("how much to thaw (default: the whole balance)"),
				&cli.BoolFlag{Name: "cancel", Usage: "cancel the thaw instead"}),
			Action: func(c *cli.Context) error {
				wei, err := amountFlags(c, false)
				if err != nil {
					return err
				}
				req := node.PayWithdrawRequest{Cancel: c.Bool("cancel")}
				if wei != nil {
					req.AmountWei = wei.String()
				}
				cl, err := apiClient(c)
				if err != nil {
					return err
				}
				var out node.PayWithdrawal
				if err := cl.Do(c.Context, "POST", "/api/v1/pay/withdraw", req, &out); err != nil {
					return err
				}
				switch out.Status {
				case node.WithdrawThawing:
					end := "?"
					if out.ThawEnd != nil {
						end = out.ThawEnd.Local().Format(time.RFC3339)
					}
					fmt.Fprintf(c.App.Writer, "thawing %s until %s; run `provenet pay withdraw` again then\ntx %s\n", ethAndWei(out.AmountWei), end, out.Tx)
				case node.WithdrawWithdrawn:
					fmt.Fprintf(c.App.Writer, "withdrawn %s to the account\ntx %s\n", ethAndWei(out.AmountWei), out.Tx)
				default:
					fmt.Fprintf(c.App.Writer, "%s\ntx %s\n", out.Status, out.Tx)
				}
				return nil
			},
		},
	}
}
