package node

import (
	"encoding/binary"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/points"
)

// WeiPerPoint converts fee shares into points: each receipt's payouts (in
// wei, attribution.Split) become reward events in the points ledger at one
// point per gwei, rounded down, so that serving, owning models and
// contributing attributed data earn claimable points alongside data work.
// With devnet's price (10^12 wei per 1,000 tokens) a 50-token answer pays
// 50,000,000,000 wei: 25 points to the operator, 10 to the model owners and
// 15 to the data contributors.
const WeiPerPoint = 1_000_000_000

// addRewards feeds receipt r's payouts to the points ledger, one event per
// payout, its ID a hash of (receipt, payee, role) so that a receipt seen
// twice credits once.
func (a *attrService) addRewards(id attribution.ReceiptID, r *attribution.Receipt) {
	w := a.n.work
	if w == nil {
		return
	}
	payouts, err := attribution.Split(r, a.params)
	if err != nil {
		a.log.Warn("rewards: split", "receipt", id, "err", err)
		return
	}
	for _, p := range payouts {
		pts := int64(p.Amount / WeiPerPoint)
		if pts <= 0 {
			continue
		}
		eid := crypto.Keccak256Hash(id[:], p.Address.Bytes(), binary.AppendUvarint(nil, uint64(p.Role)))
		w.AddEvent(points.Event{ID: eid, Epoch: r.Epoch, Kind: points.KindReward, Actor: p.Address,
			Datanet: points.RewardsDatanet, Record: id.String(), Amount: pts, Created: r.Time})
	}
}

// loadRewards replays the rewards of every stored receipt (the ledger is
// rebuilt from the stores at start).
func (a *attrService) loadRewards() error {
	epochs, err := a.store.receiptEpochs(0)
	if err != nil {
		return err
	}
	for _, e := range epochs {
		ids, err := a.store.epochIDs(e)
		if err != nil {
			return err
		}
		for _, id := range ids {
			b, err := a.store.get(id)
			if err != nil {
				continue
			}
			if r, err := attribution.DecodeReceipt(b); err == nil {
				a.addRewards(id, r)
			}
		}
	}
	return nil
}
