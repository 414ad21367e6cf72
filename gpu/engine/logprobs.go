package engine

import (
	"math"

	"github.com/provenet/provenet/gpu"
)

// logSoftmax holds one logits row's log-normaliser, so that the
// log-probability of token i is logits[i] - lse.
type logSoftmax struct {
	logits []float32
	lse    float64
}

func newLogSoftmax(logits []float32) logSoftmax {
	m := math.Inf(-1)
	for _, v := range logits {
		if f := float64(v); f > m {
			m = f
		}
	}
	if math.IsInf(m, 0) || math.IsNaN(m) {
		return logSoftmax{logits: logits, lse: m}
	}
	var sum float64
	for _, v := range logits {
		if !math.IsNaN(float64(v)) {
			sum += math.Exp(float64(v) - m)
		}
	}
	return logSoftmax{logits: logits, lse: m + math.Log(sum)}
}

func (l logSoftmax) of(id int32) float32 {
	if id < 0 || int(id) >= len(l.logits) {
		return float32(math.Inf(-1))
	}
	return float32(float64(l.logits[id]) - l.lse)
}

// top returns the k most likely token ids, most likely first (ties by
// lower id), NaN logits never.
func (l logSoftmax) top(k int) []int32 {
	if k <= 0 {
		return nil
	}
	out := make([]int32, 0, k+1)
	for i, v := range l.logits {
		if math.IsNaN(float64(v)) {
			continue
		}
		if len(out) == k && v <= l.logits[out[k-1]] {
			continue
		}
		j := len(out)
		out = append(out, int32(i))
		for j > 0 && l.logits[out[j-1]] < v {
			out[j] = out[j-1]
			j--
		}
		out[j] = int32(i)
		if len(out) > k {
			out = out[:k]
		}
	}
	return out
}

// tokenLogprob describes token id at a position with logits row l and
// the k most likely alternatives there.
func (b *base) tokenLogprob(l logSoftmax, id int32, k int) gpu.TokenLogprob {
	t := gpu.TokenLogprob{Token: id, Bytes: b.tok.TokenPiece(id), Logprob: l.of(id)}
	for _, alt := range l.top(k) {
		t.Top = append(t.Top, gpu.TokenLogprob{Token: alt, Bytes: b.tok.TokenPiece(alt), Logprob: l.of(alt)})
	}
	return t
}
