package train

import (
	"math"

	"github.com/provenet/provenet/gpu/model"
)

// rmsnormF sets dst = x / rms(x) * w per row of width dim and stores each
// row's 1/rms in inv.
func rmsnormF[T scalar](dst, inv, x, w []T, dim int, eps float32) {
	for r := 0; r*dim < len(x); r++ {
		row := x[r*dim : (r+1)*dim]
		var ss T
		for _, v := range row {
			ss += v * v
		}
		iv := T(1 / math.Sqrt(float64(ss/T(dim)+T(eps))))
		inv[r] = iv
		d := dst[r*dim : (r+1)*dim]
		for i, v := range row {
			d[i] = v * iv * w[i]
		}
	}
}

// rmsnormB adds the input gradient into dx and, when dw is not nil, the
// weight gradient into dw.
func rmsnormB[T scalar](dx, dw, dy, x, inv, w []T, dim int) {
	for r := 0; r*dim < len(x); r++ {
		row, g := x[r*dim:(r+1)*dim], dy[r*dim:(r+1)*dim]
		iv := inv[r]
		var s T
		for i := range row {
			s += w[i] * g[i] * row[i]
		}
		c := iv * iv * iv * s / T(dim)
		d := dx[r*dim : (r+1)*dim]
		for i := range row {
			d[i] += iv*w[i]*g[i] - c*row[i]
		}
		if dw != nil {
			for i := range row {
				dw[i] += g[i] * row[i] * iv
			}
		}
	}
}

// ropeTables returns cos and sin [maxPos][headDim/2] as the engine
// computes them (float64 angles, LLaMA-3.1 scaling when configured).
func ropeTables[T scalar](c *model.Config, maxPos int) (cos, sin []T) {
	freq := c.InvFreq()
	half := c.HeadDim / 2
	cos, sin = make([]T, maxPos*half), make([]T, maxPos*half)
	for p := 0; p < maxPos; p++ {
		for i, f := range freq {
			a := float64(p) * f
			cos[p*half+i] = T(float32(math.Cos(a)))
			sin[p*half+i] = T(float32(math.Sin(a)))
		}
	}
	return cos, sin
}

// rope rotates the heads of v ([rows][heads*hd]); row r sits at position
// pos[r], or r mod seq when pos is nil. back applies the inverse rotation,
// which is the gradient.
func rope[T scalar](v, cos, sin []T, rows, heads, hd, seq int, pos []int32, style model.RopeStyle, back bool) {
	half := hd / 2
	width := heads * hd
	for r := 0; r < rows; r++ {
		p := r % seq
		if pos != nil {
			p = int(pos[r])
		}
		cs, sn := cos[p*half:(p+1)*half], sin[p*half:(p+1)*half]
		for h := 0; h < heads; h++ {
			x := v[r*width+h*hd : r*width+(h+1)*hd]
			for i := 0; i < half; i++ {
				j0, j1 := i, i+half
				if style == model.RopeInterleaved {
					j0, j1 = 2*i, 2*i+1
				}
				s := sn[i]
				if back {
					s = -s
				}
				a, b := x[j0], x[j1]
				x[j0], x[j1] = a*cs[i]-b*s, a*s+b*cs[i]
			}
		}
	}
}

func sigmoid[T scalar](x T) T { return T(1 / (1 + math.Exp(-float64(x)))) }

// swigluF sets h = silu(g) · u.
func swigluF[T scalar](h, g, u []T) {
	for i, x := range g {
		h[i] = x * sigmoid(x) * u[i]
	}
}

// swigluB sets dg and du from dh.
func swigluB[T scalar](dg, du, dh, g, u []T) {
	for i, x := range g {
		s := sigmoid(x)
		du[i] = dh[i] * x * s
		dg[i] = dh[i] * u[i] * s * (1 + x*(1-s))
	}
}

// attnShape is a batch of causal self-attention: B sequences of S rows,
// H query heads sharing KVH key/value heads of width HD. With Pos (one
// per row: the position within its document) the mask is block-diagonal
// too: row r attends rows r-Pos[r] .. r only.
type attnShape struct {
	B, S, H, KVH, HD int
	Pos              []int32
}

// from is the first row (within its sequence) that row i of sequence b
// attends to.
func (a attnShape) from(b, i int) int {
	if a.Pos == nil {
		return 0
	}
	return i - int(a.Pos[b*a.S+i])
}

func (a attnShape) qw() int  { return a.H * a.HD }
func (a attnShape) kvw() int { return a.KVH * a.HD }

// attnF sets out = softmax(q·kᵀ/√hd, causal)·v and saves the
// probabilities in p ([B][H][S][S], lower triangle).
func attnF[T scalar](k *kern[T], s attnShape, q, kk, v, p, out []T) {
	scale := T(1 / math.Sqrt(float64(s.HD)))
	group := s.H / s.KVH
	k.forN(s.B*s.H, 1, func(_, lo, hi int) {
		for u := lo; u < hi; u++ {
			b, h := u/s.H, u%s.H
			g := h / group
			for i := 0; i < s.S; i++ {
				ri := b*s.S + i
				qi := q[ri*s.qw()+h*s.HD : ri*s.qw()+(h+1)*s.HD]
				pr := p[(u*s.S+i)*s.S : (u*s.S+i)*s.S+i+1]
				mx := T(math.Inf(-1))
				js := s.from(b, i)
				clear(pr[:js])
				for j := js; j <= i; j++ {
					rj := b*s.S + j
					pr[j] = k.dot(qi, kk[rj*s.kvw()+g*s.HD:rj*s.kvw()+(g+1)*s.HD]) * scale
					mx = max(mx, pr[j])
				}
				var sum T
				for j := js; j <= i; j++ {
					pr[j] = T(math.Exp(float64(pr[j] - mx)))
					sum += pr[j]
				}
				o := out[ri*s.qw()+h*s.HD : ri*s.qw()+(h+1)*s.HD]
				clear(o)
				for j := js; j <= i; j++ {
					pr[j] /= sum
					rj := b*s.S + j
					k.axpy(pr[j], v[rj*s.kvw()+g*s.HD:rj*s.kvw()+(g+1)*s.HD], o)
				}
			}
		}
	})
}

// attnB adds the gradients of q, k and v from dout. Work is split by
// (sequence, kv head) so that no two workers write the same dk or dv.
func attnB[T scalar](k *kern[T], s attnShape, q, kk, v, p, dout, dq, dk, dv []T, scratch [][]T) {
	scale := T(1 / math.Sqrt(float64(s.HD)))
	group := s.H / s.KVH
	k.forN(s.B*s.KVH, 1, func(worker, lo, hi int) {
		dp := scratch[worker][:s.S]
		for u := lo; u < hi; u++ {
			b, g := u/s.KVH, u%s.KVH
			for h := g * group; h < (g+1)*group; h++ {
				for i := 0; i < s.S; i++ {
					ri := b*s.S + i
					pr := p[((b*s.H+h)*s.S+i)*s.S : ((b*s.H+h)*s.S+i)*s.S+i+1]
					do := dout[ri*s.qw()+h*s.HD : ri*s.qw()+(h+1)*s.HD]
					var dot T
					js := s.from(b, i)
					for j := js; j <= i; j++ {
						rj := b*s.S + j
						dp[j] = k.dot(do, v[rj*s.kvw()+g*s.HD:rj*s.kvw()+(g+1)*s.HD])
						dot += pr[j] * dp[j]
						k.axpy(pr[j], do, dv[rj*s.kvw()+g*s.HD:rj*s.kvw()+(g+1)*s.HD])
					}
					qi := q[ri*s.qw()+h*s.HD : ri*s.qw()+(h+1)*s.HD]
					dqi := dq[ri*s.qw()+h*s.HD : ri*s.qw()+(h+1)*s.HD]
					for j := js; j <= i; j++ {
						ds := pr[j] * (dp[j] - dot) * scale
						if ds == 0 {
							continue
						}
						rj := b*s.S + j
						k.axpy(ds, kk[rj*s.kvw()+g*s.HD:rj*s.kvw()+(g+1)*s.HD], dqi)
						k.axpy(ds, qi, dk[rj*s.kvw()+g*s.HD:rj*s.kvw()+(g+1)*s.HD])
					}
				}
			}
		}
	})
}

// crossEntropy turns logits [rows][vocab] into the summed loss over rows
// whose target is not negative and, when grad is set, overwrites logits
// with d(loss·norm)/dlogits.
func crossEntropy[T scalar](logits []T, targets []int32, vocab int, norm T, grad bool) float64 {
	var loss float64
	for r := range targets {
		loss += ceRow(logits[r*vocab:(r+1)*vocab], targets[r], norm, grad)
	}
	return loss
}

// ceRow is one row of crossEntropy.
func ceRow[T scalar](row []T, t int32, norm T, grad bool) float64 {
	if t < 0 {
		if grad {
			clear(row)
		}
		return 0
	}
	mx := row[0]
	for _, v := range row {
		mx = max(mx, v)
	}
	target := float64(row[t] - mx)
	var sum float64
	for i, v := range row {
		e := math.Exp(float64(v - mx))
		sum += e
		if grad {
			row[i] = T(e)
		}
	}
	if grad {
		inv := norm / T(sum)
		for i := range row {
			row[i] *= inv
		}
		row[t] -= norm
	}
	return math.Log(sum) - target
}
