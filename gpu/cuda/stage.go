//go:build cuda

package cuda

import (
	"context"
	"math"

	"gorgonia.org/cu"

	"github.com/provenet/provenet/gpu/model"
)

// stepInputs are one step's small inputs, in device memory.
type stepInputs struct {
	tokens, pos, tables, logitRows cu.DevicePtr
	maxBlocks                      int

	// LoRA: the batch's (row, adapter) pairs in row order, and per
	// (layer, module, slot) the device addresses, ranks and scales of the
	// slot's matrices.
	pairs, slots, maxRank         int
	pairRow, slot, rowPairs, coef cu.DevicePtr
	aPtrs, btPtrs, ranks, scales  cu.DevicePtr
}

// stage pins the batch's adapters in the device tier and copies the
// step's inputs to the device.
func (d *Device) stage(b *model.Batch) (*stepInputs, error) {
	s := &d.scratch
	n := b.Rows()
	in := &stepInputs{}
	for _, t := range b.Tables {
		in.maxBlocks = max(in.maxBlocks, len(t))
	}
	ints := s.ints[:0]
	ints = append(ints, b.Tokens...)
	ints = append(ints, b.Pos...)
	for _, t := range b.Tables {
		ints = append(ints, t...)
		for range in.maxBlocks - len(t) {
			ints = append(ints, 0)
		}
	}
	for _, r := range b.LogitRows {
		ints = append(ints, int32(r))
	}

	// Adapters: one slot per distinct adapter of the step.
	if s.slots == nil {
		s.slots = make(map[*model.Adapter]int)
	}
	clear(s.slots)
	s.held = s.held[:0]
	coef := s.coef[:0]
	pairStart := len(ints)
	var pairRow, slot, rowPairs []int32
	for r := range n {
		rowPairs = append(rowPairs, int32(len(pairRow)))
		for _, ref := range b.Adapters[r] {
			sl, ok := s.slots[ref.A]
			if !ok {
				h, rel, err := d.tier.Acquire(context.Background(), ref.A)
				if err != nil {
					return nil, err
				}
				sl = len(s.held)
				s.slots[ref.A] = sl
				s.held = append(s.held, h)
				s.rels = append(s.rels, rel)
			}
			pairRow = append(pairRow, int32(r))
			slot = append(slot, int32(sl))
			coef = append(coef, ref.Weight)
		}
	}
	rowPairs = append(rowPairs, int32(len(pairRow)))
	in.pairs, in.slots = len(pairRow), len(s.held)
	ints = append(ints, pairRow...)
	ints = append(ints, slot...)
	ints = append(ints, rowPairs...)
	s.ints, s.coef = ints, coef

	base, err := put(d, "ints", ints)
	if err != nil {
		return nil, err
	}
	at := func(i int) cu.DevicePtr { return base + cu.DevicePtr(i*4) }
	in.tokens, in.pos, in.tables = at(0), at(n), at(2*n)
	in.logitRows = at(2*n + n*in.maxBlocks)
	in.pairRow, in.slot = at(pairStart), at(pairStart+in.pairs)
	in.rowPairs = at(pairStart + 2*in.pairs)
	if in.pairs == 0 {
		return in, nil
	}
	if in.coef, err = put(d, "coef", coef); err != nil {
		return nil, err
	}
	// Per (layer, module, slot) tables.
	c := &d.cfg
	cells := c.Layers * int(model.NumModules) * in.slots
	ptrs := growU64(s.ptrs, 2*cells)
	ranks := growI32(s.ranks, cells)
	scales := growF32(s.scales, cells)
	for l := range c.Layers {
		for m := range int(model.NumModules) {
			for sl, h := range s.held {
				i := (l*int(model.NumModules)+m)*in.slots + sl
				ptrs[i], ptrs[cells+i] = uint64(h.a[l][m]), uint64(h.bt[l][m])
				ranks[i], scales[i] = h.rank[l][m], h.scale[l][m]
				in.maxRank = max(in.maxRank, int(h.rank[l][m]))
			}
		}
	}
	s.ptrs, s.ranks, s.scales = ptrs, ranks, scales
	pp, err := put(d, "lora_ptrs", ptrs)
	if err != nil {
		return nil, err
	}
	in.aPtrs, in.btPtrs = pp, pp+cu.DevicePtr(cells*8)
	if in.ranks, err = put(d, "lora_ranks", ranks); err != nil {
		return nil, err
	}
	if in.scales, err = put(d, "lora_scales", scales); err != nil {
		return nil, err
	}
	return in, nil
}

// releaseAdapters unpins the step's adapters (after the step's stream
// has finished with them).
func (d *Device) releaseAdapters() {
	s := &d.scratch
	for _, r := range s.rels {
		r()
	}
	s.rels = s.rels[:0]
	s.held = s.held[:0]
}

func growU64(s []uint64, n int) []uint64 {
	if cap(s) < n {
		return make([]uint64, n)
	}
	return s[:n]
}

func growI32(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}

func growF32(s []float32, n int) []float32 {
	if cap(s) < n {
		return make([]float32, n)
	}
	return s[:n]
}

func sqrt(x float64) float64 { return math.Sqrt(x) }
