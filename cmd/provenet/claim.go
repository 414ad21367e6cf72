package main

import (
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v2"

	"github.com/provenet/provenet/chain"
	"github.com/provenet/provenet/node"
)

// claimCommand is `provenet claim [--epoch N]`: it fetches the home
// account's points proof from the node and sends ClaimsDistributor.claim
// from that account, over the home config's [chain] section.
func claimCommand() *cli.Command {
	return &cli.Command{
		Name:  "claim",
		Usage: "claim this home account's points on chain with a Merkle proof of an anchored epoch",
		Flags: []cli.Flag{
			&cli.Uint64Flag{Name: "epoch", Usage: "anchored epoch to claim against (default: the newest anchored on chain)"},
		},
		Action: func(c *cli.Context) error {
			cfg, err := loadConfig(c)
			if err != nil {
				return err
			}
			home, err := node.OpenHome(homeDir(c))
			if err != nil {
				return err
			}
			cl, err := apiClient(c)
			if err != nil {
				return err
			}
			addr := home.Account.Address()
			cc, err := cfg.ChainClientConfig()
			if err != nil {
				return err
			}
			ch, err := chain.Dial(c.Context, cc, home.Account.PrivateKey(), nil)
			if err != nil {
				return err
			}
			defer ch.Close()
			// Without --epoch, the newest epoch anchored on chain: the
			// node's cache may lag it or hold epochs the chain never saw.
			epoch := c.Uint64("epoch")
			if !c.IsSet("epoch") {
				latest, ok, err := ch.LatestEpoch(c.Context)
				if err != nil {
					return fmt.Errorf("newest anchored epoch: %w", err)
				}
				if !ok {
					return cli.Exit("provenet: no epoch is anchored on chain yet: nothing to claim", 2)
				}
				epoch = latest
			}
			var pp node.PointsProof
			if err := cl.Do(c.Context, "GET", pointsProofPath(addr.Hex(), true, epoch), nil, &pp); err != nil {
				return fmt.Errorf("points proof of %s for epoch %d: %w", addr.Hex(), epoch, err)
			}
			proof := make([][32]byte, len(pp.Proof))
			for i, h := range pp.Proof {
				proof[i] = common.HexToHash(h)
			}
			w := c.App.Writer
			start := time.Now()
			tx, err := ch.Claim(c.Context, pp.Epoch, new(big.Int).SetUint64(pp.Cumulative), proof)
			if errors.Is(err, chain.ErrAlreadyClaimed) {
				got, _ := ch.Claimed(c.Context, addr)
				return cli.Exit(fmt.Sprintf("provenet: already claimed: %s has claimed %v points, epoch %d's cumulative total is %d (nothing new to claim): %v",
					addr.Hex(), got, pp.Epoch, pp.Cumulative, err), 2)
			}
			if err != nil {
				return err
			}
			got, err := ch.Claimed(c.Context, addr)
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "claimed epoch %d for %s\ntx       %s (%s)\ncumulative points %d, claimed total now %v\n",
				pp.Epoch, addr.Hex(), tx.Hex(), time.Since(start).Round(time.Millisecond), pp.Cumulative, got)
			return nil
		},
	}
}
