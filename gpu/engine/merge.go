package engine

import (
	"github.com/provenet/provenet/gpu/model"
)

// hotSteps is how many consecutive steps one adapter must have the whole
// batch before the engine bakes it into a private copy of the weights.
const hotSteps = 16

// mergeState serves a hot single-adapter workload from merged weights: when
// every row of the batch uses the same single adapter at weight 1 for
// hotSteps steps, the engine builds W' = W + scale·B·A for that adapter
// (only the projections it targets are copied) and runs those steps with
// no LoRA work at all. The merged copy is dropped as soon as the batch
// holds anything else.
type mergeState struct {
	adapter *model.Adapter // candidate or merged adapter
	streak  int
	merged  model.Device
}

// pick returns the model to run this step and whether rows must drop their
// adapter refs (they are baked in).
func (b *base) pick() (model.Device, bool) {
	host, ok := b.dev.(model.Merger)
	if !b.cfg.MergeHot || !ok {
		return b.dev, false
	}
	var hot *model.Adapter
	for i := range b.batch.Rows() {
		refs := b.batch.Adapters[i]
		if len(refs) != 1 || refs[0].Weight != 1 || (hot != nil && refs[0].A != hot) {
			hot = nil
			break
		}
		hot = refs[0].A
	}
	ms := &b.merge
	if hot == nil || hot != ms.adapter {
		ms.adapter, ms.streak, ms.merged = hot, 0, nil
		return b.dev, false
	}
	ms.streak++
	if ms.merged == nil && ms.streak >= hotSteps {
		w, err := model.Merge(host.Weights(), model.AdapterRef{A: hot, Weight: 1})
		if err == nil {
			ms.merged, err = host.WithWeights(w)
		}
		if err != nil {
			b.log.Warn("merging a hot adapter failed; staying unmerged", "adapter", hot.Name, "err", err)
			ms.merged = nil
		} else {
			b.log.Debug("serving a hot adapter from merged weights", "adapter", hot.Name)
		}
	}
	if ms.merged != nil {
		return ms.merged, true
	}
	return b.dev, false
}
