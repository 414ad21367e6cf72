package work

import (
	"context"
	"fmt"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/p2p"
	"github.com/provenet/provenet/tasks"
)

func (w *Service) validateTaskMsg(_ context.Context, from peer.ID, data []byte) p2p.Result {
	t, err := tasks.DecodeTask(data)
	if err != nil {
		return p2p.Reject
	}
	dn, err := w.data.GetDatanet(t.Datanet)
	if err != nil {
		return p2p.Ignore
	}
	if t.Kind != tasks.KindCrawl || t.Validate(dn.Owner) != nil {
		w.log.Debug("gossip: bad task", "from", from)
		return p2p.Reject
	}
	return p2p.Accept
}

func (w *Service) onTaskMsg(_ context.Context, _ peer.ID, data []byte) {
	if t, err := tasks.DecodeTask(data); err == nil {
		if _, err := w.store.PutTask(t); err != nil {
			w.log.Warn("store task", "err", err)
		}
	}
}

// checkResult decodes and validates a result against its datanet.
func (w *Service) checkResult(data []byte) (*tasks.Result, error) {
	r, err := tasks.DecodeResult(data)
	if err != nil {
		return nil, err
	}
	dn, err := w.data.GetDatanet(r.Datanet)
	if err != nil {
		return nil, datanet.ErrUnknownDatanet
	}
	hasLabel := dn.HasLabel
	if len(dn.Labels) == 0 {
		hasLabel = func(string) bool { return false }
	}
	if err := r.Validate(hasLabel); err != nil {
		return nil, err
	}
	// Only whitelisted validators vote: other votes would be ignored by the
	// quorum and the ledger anyway, so they are neither kept nor relayed,
	// and their senders' peer scores fall.
	if r.Kind == tasks.KindValidate && !dn.IsValidator(r.Worker) {
		return nil, fmt.Errorf("%w: %s is not a validator of %s", tasks.ErrNotAuthorized, r.Worker.Hex(), dn.ID())
	}
	return r, nil
}

func (w *Service) validateResultMsg(_ context.Context, from peer.ID, data []byte) p2p.Result {
	r, err := w.checkResult(data)
	if err != nil {
		w.log.Debug("gossip: bad result", "from", from, "err", err)
		return verdict(err)
	}
	if r.Record.Defined() && !w.data.HasRecord(r.Record) {
		return p2p.Ignore
	}
	return p2p.Accept
}

func (w *Service) onResultMsg(_ context.Context, _ peer.ID, data []byte) {
	if r, err := tasks.DecodeResult(data); err == nil {
		if ok, err := w.store.PutResult(r); err != nil {
			w.log.Warn("store result", "err", err)
		} else if ok {
			w.took(r)
		}
	}
}

// publishResult signs, stores and gossips a result of this node's.
func (w *Service) publishResult(ctx context.Context, r *tasks.Result) error {
	if err := r.Sign(w.d.Account); err != nil {
		return err
	}
	if _, err := w.store.PutResult(r); err != nil {
		return err
	}
	w.took(r)
	publish(ctx, w, w.results, tasks.EncodeResult, r)
	return nil
}
