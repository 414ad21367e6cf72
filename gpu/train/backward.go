package train

import "github.com/provenet/provenet/gpu/model"

// linearB back-propagates y = x·Wᵀ (+ LoRA) for module m of layer l: it
// adds dy's contribution into dx and into whatever gradients n.g holds.
func (n *net[T]) linearB(l int, m model.Module, x, dy, dx []T) {
	out, in := n.c.Shape(m)
	rows := n.b * n.s
	L, G := &n.p.layers[l], &n.g.layers[l]
	if G.w[m] != nil {
		n.k.linBW(G.w[m], dy, x, rows, in, out)
	}
	n.k.linBX(dx, dy, L.w[m], rows, in, out)
	r := L.rank[m]
	if r == 0 {
		return
	}
	s := L.scale[m]
	t := n.acts[l].lt[m]
	n.dt = growT(n.dt, rows*r)
	n.ts = growT(n.ts, rows*r)
	n.k.matmul(n.dt, dy, L.bt[m], rows, out, r)
	for i := range n.dt {
		n.dt[i] *= s
		n.ts[i] = t[i] * s
	}
	if G.bt[m] != nil {
		n.k.linBW(G.bt[m], n.ts, dy, rows, out, r)
		n.k.linBW(G.a[m], n.dt, x, rows, in, r)
	}
	n.k.linBX(dx, n.dt, L.a[m], rows, in, r)
}

func sumRows[T scalar](dst, x []T) {
	if dst == nil {
		return
	}
	for r := 0; r+len(dst) <= len(x); r += len(dst) {
		addTo(dst, x[r:r+len(dst)])
	}
}

// backward runs from n.dxnF (set by head) to the embeddings.
func (n *net[T]) backward(tokens []int32) {
	c := &n.c
	N, D := n.b*n.s, c.Dim
	n.dx = growT(n.dx, N*D)
	dx := n.dx
	rmsnormB(dx, n.g.finalNorm, n.dxnF, n.xF, n.invF, n.p.finalNorm, D)
	sh := attnShape{B: n.b, S: n.s, H: c.Heads, KVH: c.KVHeads, HD: c.HeadDim, Pos: n.pos}
	for l := c.Layers - 1; l >= 0; l-- {
		a, L, G := &n.acts[l], &n.p.layers[l], &n.g.layers[l]
		// feed-forward branch
		n.dh = growT(n.dh, N*c.Hidden)
		n.linearB(l, model.Down, a.h, dx, n.dh)
		n.dg, n.du = growT(n.dg, N*c.Hidden), growT(n.du, N*c.Hidden)
		n.k.swigluB(n.dg, n.du, n.dh, a.g, a.u)
		n.dxn = growT(n.dxn, N*D)
		n.linearB(l, model.Gate, a.xn2, n.dg, n.dxn)
		n.linearB(l, model.Up, a.xn2, n.du, n.dxn)
		rmsnormB(dx, G.ffnNorm, n.dxn, a.x2, a.inv2, L.ffnNorm, D)
		// attention branch
		n.datt = growT(n.datt, N*c.QDim())
		n.linearB(l, model.O, a.att, dx, n.datt)
		n.dq, n.dk, n.dv = growT(n.dq, N*c.QDim()), growT(n.dk, N*c.KVDim()), growT(n.dv, N*c.KVDim())
		attnB(n.k, sh, a.q, a.k, a.v, a.p, n.datt, n.dq, n.dk, n.dv, n.attnScratch)
		rope(n.dq, n.cos, n.sin, N, c.Heads, c.HeadDim, n.s, n.pos, c.RopeStyle, true)
		rope(n.dk, n.cos, n.sin, N, c.KVHeads, c.HeadDim, n.s, n.pos, c.RopeStyle, true)
		if c.AttentionBias {
			sumRows(G.bias[0], n.dq)
			sumRows(G.bias[1], n.dk)
			sumRows(G.bias[2], n.dv)
		}
		n.dxn = growT(n.dxn, N*D)
		n.linearB(l, model.Q, a.xn1, n.dq, n.dxn)
		n.linearB(l, model.K, a.xn1, n.dk, n.dxn)
		n.linearB(l, model.V, a.xn1, n.dv, n.dxn)
		rmsnormB(dx, G.attnNorm, n.dxn, a.xin, a.inv1, L.attnNorm, D)
	}
	if n.g.embed != nil {
		for i, t := range tokens {
			addTo(n.g.embed[int(t)*D:(int(t)+1)*D], dx[i*D:(i+1)*D])
		}
	}
}
