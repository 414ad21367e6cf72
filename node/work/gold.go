package work

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/fxamacker/cbor/v2"
	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/p2p"
	"github.com/provenet/provenet/points"
	"github.com/provenet/provenet/tasks"
)

// TopicGold carries gold commits and, once their records are final, the
// reveals that open them (see package tasks). A gold record is a normal
// record of the Datanet; only its owner knows it is a test until the
// reveal, so workers cannot tell it apart.
const TopicGold = "/provenet/gold/1"

// pendingGoldKey is where an owner keeps the reveals it has not published.
const pendingGoldKey = "gold/pending"

// decodeGold parses a commit or a reveal.
func decodeGold(b []byte) (*tasks.GoldCommit, *tasks.GoldReveal, error) {
	if c, err := tasks.DecodeGoldCommit(b); err == nil {
		return c, nil, nil
	}
	r, err := tasks.DecodeGoldReveal(b)
	if err != nil {
		return nil, nil, err
	}
	return nil, r, nil
}

// checkGold validates a gold object against its Datanet's owner and, for
// a reveal, the stored commits.
func (w *Service) checkGold(b []byte) (*tasks.GoldCommit, *tasks.GoldReveal, error) {
	c, r, err := decodeGold(b)
	if err != nil {
		return nil, nil, err
	}
	dnID := func() cid.Cid {
		if c != nil {
			return c.Datanet
		}
		return r.Datanet
	}()
	dn, err := w.data.GetDatanet(dnID)
	if err != nil {
		return nil, nil, datanet.ErrUnknownDatanet
	}
	if c != nil {
		return c, nil, c.Validate(dn.Owner)
	}
	if err := r.Validate(dn.Owner, w.store.GoldCommits()); err != nil {
		if errors.Is(err, tasks.ErrNotAuthorized) && r.Owner == dn.Owner {
			return nil, nil, datanet.ErrUnknownDatanet // its commit may not be here yet: ignore, do not punish
		}
		return nil, nil, err
	}
	return nil, r, nil
}

func (w *Service) validateGoldMsg(_ context.Context, from peer.ID, data []byte) p2p.Result {
	if _, _, err := w.checkGold(data); err != nil {
		w.log.Debug("gossip: bad gold object", "from", from, "err", err)
		return verdict(err)
	}
	return p2p.Accept
}

func (w *Service) onGoldMsg(_ context.Context, _ peer.ID, data []byte) {
	c, r, err := decodeGold(data)
	if err != nil {
		return
	}
	w.storeGold(c, r)
}

func (w *Service) storeGold(c *tasks.GoldCommit, r *tasks.GoldReveal) {
	if c != nil {
		if _, err := w.store.PutGoldCommit(c); err != nil {
			w.log.Warn("store gold commit", "err", err)
		}
		return
	}
	if ok, err := w.store.PutGoldReveal(r); err != nil {
		w.log.Warn("store gold reveal", "err", err)
	} else if ok {
		w.applyGold(r)
	}
}

// applyGold makes a revealed gold record's outcome the owner's answer. Its
// time is the commit's, before any answer, so it is the outcome that
// counts, on every node.
func (w *Service) applyGold(r *tasks.GoldReveal) {
	want := r.Commitment()
	for _, c := range w.store.GoldCommits() {
		if c.Owner != r.Owner || c.Datanet != r.Datanet {
			continue
		}
		for _, x := range c.Commitments {
			if x != want {
				continue
			}
			st := points.StateRejected
			if r.Verdict.Accept {
				st = points.StateGolden
			}
			_, err := w.ledger.SetOutcome(points.Event{
				ID: crypto.Keccak256Hash([]byte("gold"), want[:]), Epoch: w.Epoch(c.CreatedAt), Kind: points.KindOutcome,
				Datanet: r.Datanet.String(), Record: r.Record.String(), Label: r.Verdict.Label, State: st, Gold: true, Created: c.CreatedAt,
			})
			if err != nil {
				w.log.Warn("points: gold outcome refused", "record", r.Record, "err", err)
			}
			return
		}
	}
}

// GoldEntry is one record the owner marks as gold, with its right answer.
type GoldEntry struct {
	Record string `json:"record"`
	Accept bool   `json:"accept"`
	Label  string `json:"label"`
}

// MarkGold commits gold answers for records of a Datanet this node owns.
// The commit is published now; each reveal is published once its record
// is final here.
func (w *Service) MarkGold(ctx context.Context, dnID cid.Cid, entries []GoldEntry) (int, error) {
	dn, err := w.data.GetDatanet(dnID)
	if err != nil {
		return 0, err
	}
	if dn.Owner != w.d.Account.Address() {
		return 0, fmt.Errorf("%w: only the datanet owner marks gold records", tasks.ErrNotAuthorized)
	}
	var ges []tasks.GoldEntry
	seen := map[cid.Cid]bool{}
	for _, e := range entries {
		c, err := cid.Decode(e.Record)
		if err != nil {
			return 0, invalid("record %q: %v", e.Record, err)
		}
		if seen[c] {
			return 0, invalid("record %s is in the gold entries twice", c)
		}
		seen[c] = true
		if e.Label != "" && !dn.HasLabel(e.Label) {
			return 0, fmt.Errorf("%w: %q", datanet.ErrLabelNotInSchema, e.Label)
		}
		ges = append(ges, tasks.GoldEntry{Record: c, Verdict: tasks.Verdict{Accept: e.Accept, Label: e.Label}})
	}
	commit, reveals, err := tasks.NewGold(w.d.Account, dnID, ges, w.d.Clock.Now())
	if err != nil {
		return 0, err
	}
	w.goldMu.Lock()
	defer w.goldMu.Unlock()
	pending, err := w.pendingReveals()
	if err != nil {
		return 0, err
	}
	for _, r := range reveals {
		b, err := tasks.EncodeGoldReveal(r)
		if err != nil {
			return 0, err
		}
		pending = append(pending, b)
	}
	if err := w.savePending(pending); err != nil {
		return 0, err
	}
	w.storeGold(commit, nil)
	publish(ctx, w, w.gold, tasks.EncodeGoldCommit, commit)
	return len(reveals), nil
}

func (w *Service) pendingReveals() ([][]byte, error) {
	b, err := w.data.GetMeta(pendingGoldKey)
	if errors.Is(err, datanet.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out [][]byte
	if err := cbor.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("node: pending gold reveals: %w", err)
	}
	return out, nil
}

func (w *Service) savePending(p [][]byte) error {
	b, err := wireEnc.Marshal(p)
	if err != nil {
		return err
	}
	return w.data.PutMeta(pendingGoldKey, b)
}

// revealFinal publishes the pending reveals whose records are final here.
func (w *Service) revealFinal(ctx context.Context) {
	w.goldMu.Lock()
	defer w.goldMu.Unlock()
	pending, err := w.pendingReveals()
	if err != nil || len(pending) == 0 {
		return
	}
	kept := pending[:0]
	for _, b := range pending {
		r, err := tasks.DecodeGoldReveal(b)
		if err != nil {
			continue
		}
		rec, err := w.data.GetRecord(r.Record)
		if err != nil || rec.State == datanet.StatePending {
			kept = append(kept, b)
			continue
		}
		w.storeGold(nil, r)
		publish(ctx, w, w.gold, tasks.EncodeGoldReveal, r)
	}
	if len(kept) != len(pending) {
		if err := w.savePending(kept); err != nil {
			w.log.Warn("gold: save pending reveals", "err", err)
		}
	}
}
