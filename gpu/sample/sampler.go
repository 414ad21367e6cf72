package sample

import (
	"math"
	"math/rand/v2"

	"github.com/provenet/provenet/gpu"
)

// seedMix is XORed into the seed to derive PCG's second word.
const seedMix = 0x9e3779b97f4a7c15

// cand is one candidate token: its id and its logit, later its
// unnormalised probability.
type cand struct {
	id int32
	v  float32
}

// Sampler draws tokens for one request. The zero value is not usable;
// call New.
type Sampler struct {
	p     gpu.Sampling
	rng   *rand.Rand
	cands []cand // scratch, reused across calls
}

// New returns a sampler for p, seeded from p.Seed. Parameters out of
// range are clamped rather than rejected (call Validate first to reject
// them): a temperature <= 0 or NaN means greedy.
func New(p gpu.Sampling) *Sampler {
	return &Sampler{p: p, rng: rand.New(rand.NewPCG(p.Seed, p.Seed^seedMix))}
}

// Params returns the sampling parameters the sampler was built with.
func (s *Sampler) Params() gpu.Sampling { return s.p }

// Greedy reports whether the sampler always takes the argmax.
func (s *Sampler) Greedy() bool { return !(s.p.Temperature > 0) }

// Sample returns the next token id drawn from logits. It returns -1 for
// an empty slice. NaN logits are never chosen (unless all are NaN, when
// 0 is returned); a +Inf logit is chosen outright.
func (s *Sampler) Sample(logits []float32) int32 {
	if len(logits) == 0 {
		return -1
	}
	if s.Greedy() {
		return Argmax(logits)
	}
	s.selectTopK(logits)
	if len(s.cands) == 0 {
		return Argmax(logits)
	}
	maxV := s.cands[0].v
	for _, c := range s.cands[1:] {
		maxV = max(maxV, c.v)
	}
	if math.IsInf(float64(maxV), 0) {
		// +Inf dominates everything; all -Inf leaves nothing to weigh.
		return Argmax(logits)
	}

	// Softmax numerators; the top token gets exactly 1.
	invT := 1 / float64(s.p.Temperature)
	var sum float64
	for i := range s.cands {
		e := math.Exp(float64(s.cands[i].v-maxV) * invT)
		s.cands[i].v = float32(e)
		sum += e
	}

	// Min-p: relative to the top token, whose numerator is 1.
	if mp := s.p.MinP; mp > 0 && mp <= 1 {
		sum = s.keep(func(v float32) bool { return v >= mp })
	}

	// Top-p over the survivors.
	if tp := float64(s.p.TopP); tp > 0 && tp < 1 && len(s.cands) > 1 {
		// Tokens below eps together weigh less than (1-tp)*sum, so the
		// nucleus lies entirely among the others: drop them before sorting.
		eps := float32((1 - tp) * sum / float64(len(s.cands)))
		s.keep(func(v float32) bool { return v >= eps })
		m := nucleus(s.cands, tp*sum)
		s.cands = s.cands[:m]
		sum = 0
		for _, c := range s.cands {
			sum += float64(c.v)
		}
	}

	u := s.rng.Float64() * sum
	var cum float64
	for _, c := range s.cands {
		cum += float64(c.v)
		if u < cum {
			return c.id
		}
	}
	return s.cands[len(s.cands)-1].id // rounding: u landed at the very end
}

// keep filters the candidates in place, preserving order, and returns the
// sum of the kept weights.
func (s *Sampler) keep(ok func(float32) bool) float64 {
	var sum float64
	out := s.cands[:0]
	for _, c := range s.cands {
		if ok(c.v) {
			out = append(out, c)
			sum += float64(c.v)
		}
	}
	s.cands = out
	return sum
}

// byProbDesc orders by weight, highest first, then by lowest id.
func byProbDesc(a, b cand) int {
	switch {
	case a.v > b.v:
		return -1
	case a.v < b.v:
		return 1
	}
	return int(a.id) - int(b.id)
}

// selectTopK fills s.cands with the top-k non-NaN logits (all of them when
// top-k is off), in no particular order.
func (s *Sampler) selectTopK(logits []float32) {
	k := s.p.TopK
	if k <= 0 || k >= len(logits) {
		s.cands = s.cands[:0]
		for i, v := range logits {
			if v == v { // not NaN
				s.cands = append(s.cands, cand{int32(i), v})
			}
		}
		return
	}
	// Min-heap of size k whose root is the weakest kept candidate. Ids
	// arrive in increasing order, so a tie never displaces the root and
	// ties resolve towards the lowest id.
	h := s.cands[:0]
	i := 0
	for ; i < len(logits) && len(h) < k; i++ {
		if v := logits[i]; v == v {
			h = append(h, cand{int32(i), v})
			siftUp(h, len(h)-1)
		}
	}
	for ; i < len(logits); i++ {
		if v := logits[i]; v > h[0].v {
			h[0] = cand{int32(i), v}
			siftDown(h, 0)
		}
	}
	s.cands = h
}

// weaker reports whether a ranks below b (lower logit, or equal logit and
// higher id).
func weaker(a, b cand) bool { return a.v < b.v || (a.v == b.v && a.id > b.id) }

func siftUp(h []cand, i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !weaker(h[i], h[p]) {
			return
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
}

func siftDown(h []cand, i int) {
	n := len(h)
	for {
		m := i
		if l := 2*i + 1; l < n && weaker(h[l], h[m]) {
			m = l
		}
		if r := 2*i + 2; r < n && weaker(h[r], h[m]) {
			m = r
		}
		if m == i {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

// Argmax returns the index of the largest logit, the lowest index among
// ties; NaN is skipped. It returns -1 for an empty slice and 0 when every
// logit is NaN.
func Argmax(logits []float32) int32 {
	if len(logits) == 0 {
		return -1
	}
	best, bv := -1, float32(math.Inf(-1))
	for i, v := range logits {
		if v > bv {
			best, bv = i, v
		}
	}
	if best < 0 { // every logit is -Inf or NaN: the first -Inf, else 0
		best = 0
		for i, v := range logits {
			if v == v {
				return int32(i)
			}
		}
	}
	return int32(best)
}
