package train

import (
	"fmt"

	"github.com/provenet/provenet/gpu/model"
)

// acts are one layer's saved activations.
type acts[T scalar] struct {
	xin, xn1, inv1, q, k, v, p, att []T
	x2, xn2, inv2, g, u, h          []T
	lt                              [model.NumModules][]T // x·Aᵀ of each LoRA
}

// net is the differentiable network over params p with gradients g (nil
// for evaluation only).
type net[T scalar] struct {
	c        model.Config
	p, g     *params[T]
	k        *kern[T]
	cos, sin []T

	b, s int
	acts []acts[T]
	// final norm input, output and 1/rms; head and backward scratch
	xF, xnF, invF, dxnF []T
	x, tmp, logits      []T
	dx, dxn, dh, dg, du []T
	datt, dq, dk, dv    []T
	dt, ts              []T
	outT                []T     // the output projection transposed, per head call
	pos                 []int32 // the running batch's positions; nil: row mod s
	rowLoss             [headChunk]float64
	attnScratch         [][]T
}

const headChunk = 64

// newNet returns the network of shape c (validated, which fills HeadDim
// and KVHeads defaults) over p, with gradients into g when not nil.
func newNet[T scalar](c model.Config, p, g *params[T], k *kern[T]) (*net[T], error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if len(p.layers) != c.Layers || len(p.embed) != c.Vocab*c.Dim {
		return nil, fmt.Errorf("%w: parameters do not match the config", ErrShape)
	}
	n := &net[T]{c: c, p: p, g: g, k: k}
	n.cos, n.sin = ropeTables[T](&n.c, c.MaxSeq)
	return n, nil
}

func (n *net[T]) shape(b, s int) {
	if n.b == b && n.s == s {
		return
	}
	n.b, n.s = b, s
	c := &n.c
	N := b * s
	mk := func(k int) []T { return make([]T, k) }
	n.acts = make([]acts[T], c.Layers)
	for i := range n.acts {
		a := &n.acts[i]
		a.xin, a.xn1, a.inv1 = mk(N*c.Dim), mk(N*c.Dim), mk(N)
		a.q, a.k, a.v = mk(N*c.QDim()), mk(N*c.KVDim()), mk(N*c.KVDim())
		a.p, a.att = mk(b*c.Heads*s*s), mk(N*c.QDim())
		a.x2, a.xn2, a.inv2 = mk(N*c.Dim), mk(N*c.Dim), mk(N)
		a.g, a.u, a.h = mk(N*c.Hidden), mk(N*c.Hidden), mk(N*c.Hidden)
		for m, r := range n.p.layers[i].rank {
			if r > 0 {
				a.lt[m] = mk(N * r)
			}
		}
	}
	n.xF, n.xnF, n.invF, n.dxnF = mk(N*c.Dim), mk(N*c.Dim), mk(N), mk(N*c.Dim)
	n.x, n.tmp = mk(N*c.Dim), mk(N*max(c.Dim, c.QDim(), c.Hidden))
	n.logits = mk(min(headChunk, N) * c.Vocab)
	n.attnScratch = make([][]T, n.k.threads)
	for i := range n.attnScratch {
		n.attnScratch[i] = mk(s)
	}
}

// linearF sets y = x·Wᵀ (+ LoRA) for module m of layer l over rows.
func (n *net[T]) linearF(l int, m model.Module, x, y []T) {
	out, in := n.c.Shape(m)
	rows := n.b * n.s
	L := &n.p.layers[l]
	n.k.linF(y[:rows*out], x[:rows*in], L.w[m], rows, in, out)
	r := L.rank[m]
	if r == 0 {
		return
	}
	t := n.acts[l].lt[m]
	n.k.matmul(t, x, L.a[m], rows, in, r)
	for row := 0; row < rows; row++ {
		yr := y[row*out : (row+1)*out]
		for j := 0; j < r; j++ {
			n.k.axpy(L.scale[m]*t[row*r+j], L.bt[m][j*out:(j+1)*out], yr)
		}
	}
}

func addBias[T scalar](x, bias []T) {
	for r := 0; r+len(bias) <= len(x); r += len(bias) {
		addTo(x[r:r+len(bias)], bias)
	}
}

// forward runs tokens ([b][s]) through the blocks and the final norm,
// saving activations.
func (n *net[T]) forward(tokens, pos []int32, b, s int) error {
	c := &n.c
	if b <= 0 || s <= 0 || s > c.MaxSeq || len(tokens) != b*s {
		return fmt.Errorf("%w: %d tokens as %d sequences of %d (max %d)", ErrShape, len(tokens), b, s, c.MaxSeq)
	}
	for _, t := range tokens {
		if t < 0 || int(t) >= c.Vocab {
			return fmt.Errorf("%w: token %d out of vocabulary %d", ErrShape, t, c.Vocab)
		}
	}
	if err := checkPos(pos, b, s); err != nil {
		return err
	}
	n.shape(b, s)
	n.pos = pos
	N, D := b*s, c.Dim
	x := n.x
	for i, t := range tokens {
		copy(x[i*D:(i+1)*D], n.p.embed[int(t)*D:(int(t)+1)*D])
	}
	sh := attnShape{B: b, S: s, H: c.Heads, KVH: c.KVHeads, HD: c.HeadDim, Pos: pos}
	for l := range n.acts {
		a, L := &n.acts[l], &n.p.layers[l]
		copy(a.xin, x)
		rmsnormF(a.xn1, a.inv1, x, L.attnNorm, D, c.NormEps)
		n.linearF(l, model.Q, a.xn1, a.q)
		n.linearF(l, model.K, a.xn1, a.k)
		n.linearF(l, model.V, a.xn1, a.v)
		if c.AttentionBias {
			addBias(a.q, L.bias[0])
			addBias(a.k, L.bias[1])
			addBias(a.v, L.bias[2])
		}
		rope(a.q, n.cos, n.sin, N, c.Heads, c.HeadDim, s, pos, c.RopeStyle, false)
		rope(a.k, n.cos, n.sin, N, c.KVHeads, c.HeadDim, s, pos, c.RopeStyle, false)
		attnF(n.k, sh, a.q, a.k, a.v, a.p, a.att)
		n.linearF(l, model.O, a.att, n.tmp)
		n.k.add(x, n.tmp[:N*D])
		copy(a.x2, x)
		rmsnormF(a.xn2, a.inv2, x, L.ffnNorm, D, c.NormEps)
		n.linearF(l, model.Gate, a.xn2, a.g)
		n.linearF(l, model.Up, a.xn2, a.u)
		n.k.swigluF(a.h, a.g, a.u)
		n.linearF(l, model.Down, a.h, n.tmp)
		n.k.add(x, n.tmp[:N*D])
	}
	copy(n.xF, x)
	rmsnormF(n.xnF, n.invF, x, n.p.finalNorm, D, c.NormEps)
	return nil
}

// head computes the summed cross-entropy of targets (negative: ignored)
// over the forward's rows. With grad it leaves dloss·scale/dxnF in dxnF
// and adds the output projection's gradient. With logits not nil it
// copies every row's logits there instead and returns 0.
func (n *net[T]) head(targets []int32, scale T, grad bool, logits []T) float64 {
	c := &n.c
	N, D, V := n.b*n.s, c.Dim, c.Vocab
	var loss float64
	if grad {
		clear(n.dxnF)
		if len(n.outT) != V*D {
			n.outT = make([]T, V*D)
		}
		transpose(n.outT, n.p.output, V, D)
	}
	for r0 := 0; r0 < N; r0 += headChunk {
		r1 := min(r0+headChunk, N)
		rows := r1 - r0
		lg := n.logits[:rows*V]
		xr := n.xnF[r0*D : r1*D]
		n.k.linF(lg, xr, n.p.output, rows, D, V)
		if logits != nil {
			copy(logits[r0*V:r1*V], lg)
			continue
		}
		tg := targets[r0:r1]
		n.k.forN(rows, 1, func(_, lo, hi int) {
			for r := lo; r < hi; r++ {
				n.rowLoss[r] = ceRow(lg[r*V:(r+1)*V], tg[r], scale, grad)
			}
		})
		for _, l := range n.rowLoss[:rows] {
			loss += l
		}
		if !grad {
			continue
		}
		n.k.linBXt(n.dxnF[r0*D:r1*D], lg, n.outT, rows, D, V)
		if n.g.output != nil {
			n.k.linBW(n.g.output, lg, xr, rows, D, V)
		}
	}
	return loss
}

// Logits runs tokens ([b][s]) and returns every row's logits [b·s][vocab].
func (n *net[T]) Logits(tokens, pos []int32, b, s int) ([]T, error) {
	if err := n.forward(tokens, pos, b, s); err != nil {
		return nil, err
	}
	out := make([]T, b*s*n.c.Vocab)
	n.head(nil, 0, false, out)
	return out, nil
}

// lossGrad runs a forward pass and returns the summed loss; with grad it
// runs the backward pass too, adding gradients scaled by scale per counted
// token into n.g.
func (n *net[T]) lossGrad(tokens, pos, targets []int32, b, s int, scale T, grad bool) (float64, error) {
	if len(targets) != len(tokens) {
		return 0, fmt.Errorf("%w: %d targets for %d tokens", ErrShape, len(targets), len(tokens))
	}
	for _, t := range targets {
		if int(t) >= n.c.Vocab {
			return 0, fmt.Errorf("%w: target %d out of vocabulary %d", ErrShape, t, n.c.Vocab)
		}
	}
	if err := n.forward(tokens, pos, b, s); err != nil {
		return 0, err
	}
	grad = grad && n.g != nil
	loss := n.head(targets, scale, grad, nil)
	if grad {
		n.backward(tokens)
	}
	return loss, nil
}

// checkPos validates per-row document positions (nil is valid): each
// sequence's first row is at 0 and every row is 0 (a document starts) or
// one past the row before it.
func checkPos(pos []int32, b, s int) error {
	if pos == nil {
		return nil
	}
	if len(pos) != b*s {
		return fmt.Errorf("%w: %d positions for %d rows", ErrShape, len(pos), b*s)
	}
	for r, p := range pos {
		if r%s == 0 && p != 0 || r%s != 0 && p != 0 && p != pos[r-1]+1 {
			return fmt.Errorf("%w: position %d at row %d", ErrShape, p, r)
		}
	}
	return nil
}
