package work

import (
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/points"
	"github.com/provenet/provenet/tasks"
)

// The points ledger is derived, never gossiped: every node feeds it the
// same signed objects it holds (results and votes, the records they judge,
// and the outcomes the votes decide), so nodes that hold the same objects
// compute the same balances and epoch roots, whatever the arrival order.

// addAnswer feeds a classify or validate result to the ledger. A validate
// result counts as a validator's answer only from a whitelisted address;
// others are ignored, as in the quorum.
func (w *Service) addAnswer(r *tasks.Result) {
	if r.Kind != tasks.KindClassify && r.Kind != tasks.KindValidate {
		return
	}
	dn, err := w.data.GetDatanet(r.Datanet)
	if err != nil {
		return
	}
	role := points.RoleClassifier
	if r.Kind == tasks.KindValidate {
		if !dn.IsValidator(r.Worker) {
			return
		}
		role = points.RoleValidator
	}
	w.addEvent(points.Event{
		ID: r.ID(), Epoch: w.Epoch(r.CreatedAt), Kind: points.KindAnswer, Actor: r.Worker,
		Datanet: r.Datanet.String(), Record: r.Record.String(), Label: r.Label, Accept: r.Accept, Role: role, Created: r.CreatedAt,
	})
}

// addOutcome feeds a decided record: its submission and its outcome.
func (w *Service) addOutcome(dn *datanet.Datanet, r *datanet.StoredRecord, o tasks.Outcome) {
	st := points.StateRejected
	if o.Verdict.Accept {
		st = points.StateGolden
	}
	// The outcome's ID is derived from the deciding vote's, which the
	// ledger already holds as that validator's answer.
	outID := crypto.Keccak256Hash([]byte("outcome"), o.Decider[:])
	w.addSubmission(dn, &r.Record)
	w.addExtraSubmissions(dn, r)
	// A record has one outcome: the one its votes decide now. SetOutcome
	// drops the one an earlier, partial view of the votes decided.
	if _, err := w.ledger.SetOutcome(points.Event{
		ID: outID, Epoch: w.Epoch(o.DecidedAt), Kind: points.KindOutcome,
		Datanet: dn.ID().String(), Record: r.CID.String(), Label: o.Verdict.Label, State: st, Created: o.DecidedAt,
	}); err != nil {
		w.log.Warn("points: outcome refused", "record", r.CID, "err", err)
	}
}

func (w *Service) addEvent(e points.Event) {
	if _, err := w.ledger.Add(e); err != nil {
		w.log.Warn("points: event refused", "kind", e.Kind, "record", e.Record, "err", err)
	}
}

// rebuildLedger replays what the stores hold: every answer, and every
// final record with its outcome.
func (w *Service) rebuildLedger() error {
	w.ledger = points.NewLedger()
	w.store.AllResults(func(r *tasks.Result) bool { w.addAnswer(r); return true })
	for _, r := range w.store.GoldReveals() {
		w.applyGold(r)
	}
	dns, err := w.data.ListDatanets()
	if err != nil {
		return err
	}
	for _, dn := range dns {
		for _, st := range []datanet.State{datanet.StateGolden, datanet.StateRejected} {
			var after uint64
			for {
				recs, next, err := w.data.ListRecords(datanet.Query{Datanet: dn.ID(), State: &st, After: after, Limit: datanet.MaxQueryLimit})
				if err != nil {
					return err
				}
				for _, r := range recs {
					if o := w.outcome(dn, r.CID); o.Final {
						w.addOutcome(dn, r, o)
					}
				}
				if next == 0 || len(recs) == 0 {
					break
				}
				after = next
			}
		}
	}
	return nil
}

// PointsInfo is the body of GET /api/v1/points.
type PointsInfo struct {
	Epoch       uint64             `json:"epoch"` // the epoch the balances are summed up to
	Current     uint64             `json:"current_epoch"`
	EpochLength string             `json:"epoch_length"`
	Datanet     string             `json:"datanet,omitempty"`
	Events      int                `json:"events"`
	Leaderboard []points.Standing  `json:"leaderboard"`
	Epochs      []points.EpochInfo `json:"epochs"`
	Root        string             `json:"root,omitempty"` // snapshot root of Epoch
	Gold        map[string]uint64  `json:"gold_accuracy_permille,omitempty"`
}

// Points reports the leaderboard up to epoch (overall, or of one datanet).
func (w *Service) Points(datanetID string, epoch uint64, limit int) PointsInfo {
	l := w.ledger
	info := PointsInfo{Epoch: epoch, Current: w.CurrentEpoch(), EpochLength: w.cfg.EpochLength.D().String(),
		Datanet: datanetID, Events: l.Len(), Leaderboard: l.Leaderboard(datanetID, epoch, limit), Epochs: l.Epochs()}
	if s, err := l.Snapshot(epoch); err == nil {
		info.Root = common.Hash(s.Root).Hex()
	}
	info.Gold = map[string]uint64{}
	for _, s := range info.Leaderboard {
		if a := l.GoldAccuracy(s.Address); a.Total > 0 {
			info.Gold[s.Address.Hex()] = a.Permille()
		}
	}
	return info
}

// Ledger is the points ledger, for reading: balances, epochs, snapshots.
// Points score data work only; inference fees are money (package pay).
func (w *Service) Ledger() *points.Ledger { return w.ledger }
