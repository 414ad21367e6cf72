package work

import (
	"context"
	"fmt"

	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/tasks"
)

// Vote casts this node's vote on a record, as a whitelisted validator.
func (w *Service) Vote(ctx context.Context, rec cid.Cid, v tasks.Verdict) (*tasks.Result, error) {
	r, err := w.data.GetRecord(rec)
	if err != nil {
		return nil, err
	}
	dn, err := w.data.GetDatanet(r.Datanet)
	if err != nil {
		return nil, err
	}
	if !dn.IsValidator(w.d.Account.Address()) {
		return nil, fmt.Errorf("%w: %s is not a validator of %s", tasks.ErrNotAuthorized, w.d.Account.Address().Hex(), dn.ID())
	}
	if v.Label != "" && !dn.HasLabel(v.Label) {
		return nil, fmt.Errorf("%w: %q", datanet.ErrLabelNotInSchema, v.Label)
	}
	vt := tasks.Derive(tasks.KindValidate, dn.ID(), rec)
	res := tasks.NewResult(vt, w.d.Clock.Now())
	res.Accept, res.Label = v.Accept, v.Label
	if err := res.Sign(w.d.Account); err != nil {
		return nil, err
	}
	// One vote per validator: a second one replaces the first until the
	// record is final, and after that it is refused (tasks.ErrFinal).
	policy := policyOf(dn)
	w.fin.Lock()
	err = tasks.CheckVote(policy, vt.ID(), w.store.Results(vt.ID()), res)
	w.fin.Unlock()
	if err != nil {
		return nil, err
	}
	if err := w.publishResult(ctx, res); err != nil {
		return nil, err
	}
	return res, nil
}

// Seed issues signed crawl tasks for a Datanet this node owns: each URL
// alone, and root as a same-site crawl of up to maxPages pages.
func (w *Service) Seed(ctx context.Context, dnID cid.Cid, urls []string, root string, maxPages int) ([]*tasks.Task, error) {
	dn, err := w.data.GetDatanet(dnID)
	if err != nil {
		return nil, err
	}
	if dn.Owner != w.d.Account.Address() {
		return nil, fmt.Errorf("%w: only the datanet owner %s seeds crawl tasks", tasks.ErrNotAuthorized, dn.Owner.Hex())
	}
	switch {
	case maxPages < 0:
		return nil, invalid("seed: max_pages %d: want a positive number, or 0 for the default (%d)", maxPages, w.cfg.CrawlMaxPages)
	case maxPages == 0:
		maxPages = w.cfg.CrawlMaxPages
	}
	var out []*tasks.Task
	now := w.d.Clock.Now()
	add := func(target string, pages int) error {
		t := tasks.NewCrawl(dnID, target, uint32(pages), now)
		if err := t.Sign(w.d.Account); err != nil {
			return err
		}
		if err := t.Validate(dn.Owner); err != nil {
			return err
		}
		out = append(out, t)
		return nil
	}
	for _, u := range urls {
		if err := add(u, 1); err != nil {
			return nil, err
		}
	}
	if root != "" {
		if err := add(root, maxPages); err != nil {
			return nil, err
		}
	}
	if len(out) == 0 {
		return nil, invalid("seed: give urls or a root")
	}
	for _, t := range out {
		if _, err := w.store.PutTask(t); err != nil {
			return nil, err
		}
		publish(ctx, w, w.taskTopic, tasks.EncodeTask, t)
	}
	return out, nil
}
