package model

import (
	"math"
)

// refModel is an independent, straightforward float64 forward pass over
// the same weights: one sequence, full-length K/V arrays, no paging, no
// batching, LoRA applied by forming ΔW explicitly. Tests compare the
// engine against it.
type refModel struct {
	w        *Weights
	adapters []AdapterRef
	k, v     [][][]float64 // [layer][pos][kvDim]
}

func newRef(w *Weights, adapters ...AdapterRef) *refModel {
	return &refModel{w: w, adapters: adapters, k: make([][][]float64, w.Config.Layers), v: make([][][]float64, w.Config.Layers)}
}

func (r *refModel) linear(l int, m Module, x []float64) []float64 {
	c := &r.w.Config
	out, in := c.Shape(m)
	W := r.w.Layers[l].W[m]
	y := make([]float64, out)
	for o := 0; o < out; o++ {
		var s float64
		for i := 0; i < in; i++ {
			s += float64(W[o*in+i]) * x[i]
		}
		y[o] = s
	}
	for _, ref := range r.adapters {
		lo := ref.A.Layers[l][m]
		if lo == nil {
			continue
		}
		for o := 0; o < out; o++ {
			for i := 0; i < in; i++ {
				var d float64
				for j := 0; j < lo.Rank; j++ {
					d += float64(lo.Bt[j*out+o]) * float64(lo.A[j*in+i])
				}
				y[o] += float64(ref.Weight) * float64(lo.Scale) * d * x[i]
			}
		}
	}
	return y
}

func refNorm(x []float64, w []float32, eps float32) []float64 {
	var ss float64
	for _, v := range x {
		ss += v * v
	}
	inv := 1 / math.Sqrt(ss/float64(len(x))+float64(eps))
	out := make([]float64, len(x))
	for i := range x {
		out[i] = x[i] * inv * float64(w[i])
	}
	return out
}

func refRope(v []float64, pos int, c *Config) {
	freq := c.InvFreq()
	half := c.HeadDim / 2
	for h := 0; h < len(v)/c.HeadDim; h++ {
		x := v[h*c.HeadDim : (h+1)*c.HeadDim]
		for i := 0; i < half; i++ {
			a := float64(pos) * freq[i]
			cs, sn := math.Cos(a), math.Sin(a)
			j0, j1 := i, i+half
			if c.RopeStyle == RopeInterleaved {
				j0, j1 = 2*i, 2*i+1
			}
			x0, x1 := x[j0], x[j1]
			x[j0], x[j1] = x0*cs-x1*sn, x0*sn+x1*cs
		}
	}
}

// forward feeds token at position pos (positions must come in order) and
// returns the logits.
func (r *refModel) forward(token int32, pos int) []float64 {
	c := &r.w.Config
	x := make([]float64, c.Dim)
	for i := range x {
		x[i] = float64(r.w.Embed[int(token)*c.Dim+i])
	}
	for l := range r.w.Layers {
		L := &r.w.Layers[l]
		xb := refNorm(x, L.AttnNorm, c.NormEps)
		q, k, v := r.linear(l, Q, xb), r.linear(l, K, xb), r.linear(l, V, xb)
		if c.AttentionBias {
			for i := range q {
				q[i] += float64(L.Bias[0][i])
			}
			for i := range k {
				k[i] += float64(L.Bias[1][i])
				v[i] += float64(L.Bias[2][i])
			}
		}
		refRope(q, pos, c)
		refRope(k, pos, c)
		r.k[l] = append(r.k[l], k)
		r.v[l] = append(r.v[l], v)
		att := make([]float64, c.QDim())
		group := c.Heads / c.KVHeads
		for h := 0; h < c.Heads; h++ {
			g := h / group
			scores := make([]float64, pos+1)
			mx := math.Inf(-1)
			for p := 0; p <= pos; p++ {
				var s float64
				for i := 0; i < c.HeadDim; i++ {
					s += q[h*c.HeadDim+i] * r.k[l][p][g*c.HeadDim+i]
				}
				scores[p] = s / math.Sqrt(float64(c.HeadDim))
				mx = math.Max(mx, scores[p])
			}
			var sum float64
			for p := range scores {
				scores[p] = math.Exp(scores[p] - mx)
				sum += scores[p]
			}
			for p := range scores {
				for i := 0; i < c.HeadDim; i++ {
					att[h*c.HeadDim+i] += scores[p] / sum * r.v[l][p][g*c.HeadDim+i]
				}
			}
		}
		o := r.linear(l, O, att)
		for i := range x {
			x[i] += o[i]
		}
		xb = refNorm(x, L.FFNNorm, c.NormEps)
		gate, up := r.linear(l, Gate, xb), r.linear(l, Up, xb)
		for i := range gate {
			gate[i] = gate[i] / (1 + math.Exp(-gate[i])) * up[i]
		}
		d := r.linear(l, Down, gate)
		for i := range x {
			x[i] += d[i]
		}
	}
	x = refNorm(x, r.w.FinalNorm, c.NormEps)
	logits := make([]float64, c.Vocab)
	for t := 0; t < c.Vocab; t++ {
		var s float64
		for i := 0; i < c.Dim; i++ {
			s += float64(r.w.Output[t*c.Dim+i]) * x[i]
		}
		logits[t] = s
	}
	return logits
}

func argmax64(v []float64) int32 {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return int32(best)
}

func argmax32(v []float32) int32 {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return int32(best)
}

func nan() float64 { return math.NaN() }
