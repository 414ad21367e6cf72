package train

import (
	"fmt"
	"math"

	"github.com/provenet/provenet/gpu/cpu"
	"github.com/provenet/provenet/gpu/model"
)

// evaluate returns the mean loss per counted token over the first limit
// (0: all) held-out sequences, in batches of b; a short last batch is
// filled with ignored rows so that the activations keep their shape.
func evaluate[T scalar](n *net[T], seqs []Sequence, b, limit int) (EvalResult, error) {
	if limit > 0 && limit < len(seqs) {
		seqs = seqs[:limit]
	}
	if len(seqs) == 0 {
		return EvalResult{}, nil
	}
	s := len(seqs[0].Tokens)
	tokens, targets := make([]int32, b*s), make([]int32, b*s)
	var pos []int32
	if anyPos(seqs) {
		pos = make([]int32, b*s)
	}
	var sum float64
	count := 0
	for i := 0; i < len(seqs); i += b {
		for k := 0; k < b; k++ {
			if i+k < len(seqs) {
				copy(tokens[k*s:], seqs[i+k].Tokens)
				copy(targets[k*s:], seqs[i+k].Targets)
				if pos != nil {
					fillPos(pos[k*s:(k+1)*s], &seqs[i+k])
				}
			} else {
				if pos != nil {
					fillPos(pos[k*s:(k+1)*s], nil)
				}
				clear(tokens[k*s : (k+1)*s])
				for x := k * s; x < (k+1)*s; x++ {
					targets[x] = -1
				}
			}
		}
		for _, t := range targets {
			if t >= 0 {
				count++
			}
		}
		l, err := n.lossGrad(tokens, pos, targets, b, s, 0, false)
		if err != nil {
			return EvalResult{}, err
		}
		sum += l
	}
	if count == 0 {
		return EvalResult{}, nil
	}
	loss := sum / float64(count)
	return EvalResult{Loss: loss, Perplexity: math.Exp(loss), Tokens: count}, nil
}

// Evaluate returns the held-out loss and perplexity of w with adapter a
// (may be nil) over seqs, in batches of b.
func Evaluate(w *model.Weights, a *model.Adapter, seqs []Sequence, b, threads int) (EvalResult, error) {
	p, err := fromModel[float32](w, a, true)
	if err != nil {
		return EvalResult{}, err
	}
	be := cpu.NewBackend(threads)
	defer be.Close()
	n, err := newNet(w.Config, p, nil, newKern32(be))
	if err != nil {
		return EvalResult{}, err
	}
	return evaluate(n, seqs, max(b, 1), 0)
}

// Generate greedily continues prompt for up to maxNew tokens through
// gpu/model's engine (model.New and Step), stopping at any of stop. It
// returns the new tokens.
func Generate(w *model.Weights, a *model.Adapter, prompt []int32, maxNew int, stop []int32) ([]int32, error) {
	c := w.Config
	if len(prompt) == 0 || len(prompt)+maxNew > c.MaxSeq {
		return nil, fmt.Errorf("%w: prompt of %d plus %d new tokens, max %d", ErrShape, len(prompt), maxNew, c.MaxSeq)
	}
	be := cpu.NewBackend(0)
	defer be.Close()
	kv, err := model.NewKVCache(c, len(prompt)+maxNew+model.BlockTokens)
	if err != nil {
		return nil, err
	}
	m, err := model.New(w, be, kv)
	if err != nil {
		return nil, err
	}
	table, err := kv.Reserve(nil, len(prompt)+maxNew)
	if err != nil {
		return nil, err
	}
	var refs []model.AdapterRef
	if a != nil {
		refs = []model.AdapterRef{{A: a, Weight: 1}}
	}
	var b model.Batch
	for i, t := range prompt {
		b.Add(t, int32(i), table, refs, i == len(prompt)-1)
	}
	var out []int32
	for pos := len(prompt); ; pos++ {
		if err := m.Step(&b); err != nil {
			return out, err
		}
		best := 0
		for i, v := range b.Logits[:c.Vocab] {
			if v > b.Logits[best] {
				best = i
			}
		}
		tok := int32(best)
		out = append(out, tok)
		if len(out) >= maxNew || contains(stop, tok) {
			return out, nil
		}
		b.Reset()
		b.Add(tok, int32(pos), table, refs, true)
	}
}

func contains(s []int32, v int32) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
