package train

import (
	"errors"
	"fmt"

	"github.com/provenet/provenet/gpu/model"
)

// ErrShape reports weights, an adapter or a batch that do not fit.
var ErrShape = errors.New("train: bad shape")

// layerP is one block's tensors; a, bt are nil where no LoRA targets the
// module.
type layerP[T scalar] struct {
	attnNorm, ffnNorm []T
	w                 [model.NumModules][]T
	bias              [3][]T
	a, bt             [model.NumModules][]T
	rank              [model.NumModules]int
	scale             [model.NumModules]T
}

// params is the whole network's tensors. A gradient has the same shape,
// with nil slices for what is not trained.
type params[T scalar] struct {
	embed, finalNorm, output []T
	layers                   []layerP[T]
}

func cast[T scalar](s []float32, share bool) []T {
	if s == nil {
		return nil
	}
	if v, ok := any(s).([]T); ok && share {
		return v
	}
	out := make([]T, len(s))
	for i, x := range s {
		out[i] = T(x)
	}
	return out
}

// fromModel builds params over w and adapter a (may be nil). With share
// (float32 only) the slices alias w's and a's, so training updates them
// in place.
func fromModel[T scalar](w *model.Weights, a *model.Adapter, share bool) (*params[T], error) {
	if err := w.Check(); err != nil {
		return nil, err
	}
	c := &w.Config
	if a != nil {
		if err := a.Check(c); err != nil {
			return nil, err
		}
	}
	p := &params[T]{embed: cast[T](w.Embed, share), finalNorm: cast[T](w.FinalNorm, share), layers: make([]layerP[T], c.Layers)}
	if c.TiedEmbeddings {
		p.output = p.embed
	} else {
		p.output = cast[T](w.Output, share)
	}
	for i := range p.layers {
		L, l := &w.Layers[i], &p.layers[i]
		l.attnNorm, l.ffnNorm = cast[T](L.AttnNorm, share), cast[T](L.FFNNorm, share)
		for m := range l.w {
			l.w[m] = cast[T](L.W[m], share)
		}
		for j := range l.bias {
			l.bias[j] = cast[T](L.Bias[j], share)
		}
		if a == nil {
			continue
		}
		for m, lo := range a.Layers[i] {
			if lo != nil {
				l.a[m], l.bt[m], l.rank[m], l.scale[m] = cast[T](lo.A, share), cast[T](lo.Bt, share), lo.Rank, T(lo.Scale)
			}
		}
	}
	return p, nil
}

// gradFor allocates a zero gradient for p: everything in full mode, only
// the LoRA matrices otherwise.
func gradFor[T scalar](p *params[T], full bool, tied bool) *params[T] {
	z := func(s []T) []T {
		if s == nil {
			return nil
		}
		return make([]T, len(s))
	}
	g := &params[T]{layers: make([]layerP[T], len(p.layers))}
	if full {
		g.embed, g.finalNorm = z(p.embed), z(p.finalNorm)
		if tied {
			g.output = g.embed
		} else {
			g.output = z(p.output)
		}
	}
	for i := range p.layers {
		l, d := &p.layers[i], &g.layers[i]
		if full {
			d.attnNorm, d.ffnNorm = z(l.attnNorm), z(l.ffnNorm)
			for m := range l.w {
				d.w[m] = z(l.w[m])
			}
			for j := range l.bias {
				d.bias[j] = z(l.bias[j])
			}
		}
		for m := range l.a {
			d.a[m], d.bt[m] = z(l.a[m]), z(l.bt[m])
		}
	}
	return g
}

// tensor is one named trainable tensor with its gradient.
type tensor[T scalar] struct {
	name  string
	p, g  []T
	decay bool // matrices take weight decay; norms and biases do not
}

// trainables lists the (parameter, gradient) pairs that g holds, in a
// fixed order with stable names.
func trainables[T scalar](p, g *params[T], tied bool) []tensor[T] {
	var ts []tensor[T]
	add := func(name string, pv, gv []T, decay bool) {
		if gv != nil {
			ts = append(ts, tensor[T]{name, pv, gv, decay})
		}
	}
	add("embed", p.embed, g.embed, true)
	for i := range p.layers {
		l, d := &p.layers[i], &g.layers[i]
		pre := fmt.Sprintf("layers.%d.", i)
		add(pre+"attn_norm", l.attnNorm, d.attnNorm, false)
		add(pre+"ffn_norm", l.ffnNorm, d.ffnNorm, false)
		for m := range l.w {
			add(pre+model.Module(m).String(), l.w[m], d.w[m], true)
			add(pre+model.Module(m).String()+".lora_A", l.a[m], d.a[m], true)
			add(pre+model.Module(m).String()+".lora_B", l.bt[m], d.bt[m], true)
		}
		for j := range l.bias {
			add(pre+model.Module(j).String()+".bias", l.bias[j], d.bias[j], false)
		}
	}
	add("final_norm", p.finalNorm, g.finalNorm, false)
	if !tied {
		add("output", p.output, g.output, true)
	}
	return ts
}

func zeroGrad[T scalar](ts []tensor[T]) {
	for _, t := range ts {
		clear(t.g)
	}
}
