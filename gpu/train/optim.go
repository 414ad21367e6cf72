package train

import (
	"math"
)

// OptimConfig is AdamW with decoupled weight decay, a linear warmup then
// cosine decay to MinLRFrac·LR, and global-norm gradient clipping.
type OptimConfig struct {
	LR          float64
	MinLRFrac   float64 // floor of the cosine, as a fraction of LR
	Warmup      int     // steps of linear warmup
	Beta1       float64
	Beta2       float64
	Eps         float64
	WeightDecay float64 // decoupled; matrices only
	ClipNorm    float64 // 0: no clipping
}

// DefaultOptim is a sensible AdamW for LoRA fine-tuning.
func DefaultOptim() OptimConfig {
	return OptimConfig{LR: 1e-3, MinLRFrac: 0.1, Warmup: 10, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, ClipNorm: 1}
}

// LRAt is the learning rate of step (0-based) out of total steps.
func (o *OptimConfig) LRAt(step, total int) float64 {
	if o.Warmup > 0 && step < o.Warmup {
		return o.LR * float64(step+1) / float64(o.Warmup)
	}
	span := total - o.Warmup
	if span <= 0 {
		return o.LR
	}
	frac := math.Min(1, float64(step-o.Warmup)/float64(span))
	floor := o.LR * o.MinLRFrac
	return floor + (o.LR-floor)*0.5*(1+math.Cos(math.Pi*frac))
}

// adamw holds the moments of each trainable tensor.
type adamw struct {
	cfg  OptimConfig
	m, v [][]float32
	t    int // updates done
}

func newAdamW(cfg OptimConfig, ts []tensor[float32]) *adamw {
	a := &adamw{cfg: cfg}
	for _, t := range ts {
		a.m = append(a.m, make([]float32, len(t.p)))
		a.v = append(a.v, make([]float32, len(t.p)))
	}
	return a
}

// gradNorm is the global L2 norm of the gradients.
func gradNorm(ts []tensor[float32]) float64 {
	var s float64
	for _, t := range ts {
		for _, g := range t.g {
			s += float64(g) * float64(g)
		}
	}
	return math.Sqrt(s)
}

// step clips the gradients to ClipNorm and applies one update at
// learning rate lr. It returns the norm before clipping.
func (a *adamw) step(ts []tensor[float32], lr float64) float64 {
	c := &a.cfg
	norm := gradNorm(ts)
	clip := 1.0
	if c.ClipNorm > 0 && norm > c.ClipNorm {
		clip = c.ClipNorm / norm
	}
	a.t++
	bc1 := 1 - math.Pow(c.Beta1, float64(a.t))
	bc2 := 1 - math.Pow(c.Beta2, float64(a.t))
	b1, b2 := float32(c.Beta1), float32(c.Beta2)
	stepSize := float32(lr / bc1)
	sq2 := float32(math.Sqrt(bc2))
	eps := float32(c.Eps)
	cl := float32(clip)
	for i, t := range ts {
		m, v := a.m[i], a.v[i]
		decay := float32(1)
		if t.decay && c.WeightDecay > 0 {
			decay = float32(1 - lr*c.WeightDecay)
		}
		for j, g := range t.g {
			g *= cl
			m[j] = b1*m[j] + (1-b1)*g
			v[j] = b2*v[j] + (1-b2)*g*g
			den := float32(math.Sqrt(float64(v[j])))/sq2 + eps
			t.p[j] = t.p[j]*decay - stepSize*m[j]/den
		}
	}
	return norm
}
