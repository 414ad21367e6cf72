package classify

import (
	"hash/fnv"
	"math"
	"slices"
)

// Label priors of the stream. A validator labels a few records of each
// label, but the records that then arrive may be nearly all of one label:
// a model that knows only the balanced golden set is confident on the
// rare labels far more often than it should be. Calibrate estimates the
// label mix of the records Observe saw (see streamPriors) and weighs its
// out-of-fold outcomes by it, so that the confidences hold for the stream;
// with Config.AdjustPriors, Predict also shifts its probabilities to a
// second estimate of the mix (see priorShift), so that the close calls go
// to the labels the stream is made of.

// MaxObserved is how many observed texts are kept: those with the lowest
// hashes, so that the sample depends on the set of texts, not their order.
const MaxObserved = 2048

// minObserved is the fewest observed texts the priors are estimated from.
const minObserved = 20

// observed keeps a deterministic sample of unlabelled texts.
type observed struct {
	texts map[uint64]string
	max   uint64 // the highest kept hash, when full
}

func (o *observed) add(text string) {
	h := fnv.New64a()
	h.Write([]byte(text))
	k := h.Sum64()
	if o.texts == nil {
		o.texts = make(map[uint64]string)
	}
	if _, ok := o.texts[k]; ok {
		return
	}
	if len(o.texts) >= MaxObserved {
		if k >= o.max {
			return
		}
		delete(o.texts, o.max)
	}
	o.texts[k] = text
	if len(o.texts) >= MaxObserved {
		o.max = 0
		for h := range o.texts {
			o.max = max(o.max, h)
		}
	}
}

// sorted returns the kept texts in hash order.
func (o *observed) sorted() []string {
	keys := make([]uint64, 0, len(o.texts))
	for k := range o.texts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = o.texts[k]
	}
	return out
}

// Observe notes an unlabelled text of the stream the classifier labels
// (a pending record), for the next Calibrate. It keeps at most
// MaxObserved texts.
func (nb *NaiveBayes) Observe(text string) {
	nb.mu.Lock()
	nb.obs.add(text)
	nb.mu.Unlock()
}

// estimatePriors returns the label shares pi (each at least minPrior,
// summing to 1) for which confusion times pi comes closest to predicted,
// the shares of the labels predicted, in Kullback-Leibler divergence. Each
// column of confusion sums to 1. The multiplicative updates (those of EM
// for a mixture with known components) keep pi a distribution.
func estimatePriors(confusion [][]float64, predicted []float64) []float64 {
	L := len(predicted)
	pi := make([]float64, L)
	for l := range pi {
		pi[l] = 1 / float64(L)
	}
	mix := make([]float64, L)
	next := make([]float64, L)
	for range 500 {
		for i := range mix {
			mix[i] = 0
			for j := range pi {
				mix[i] += confusion[i][j] * pi[j]
			}
		}
		var sum float64
		for j := range pi {
			var g float64
			for i := range mix {
				if mix[i] > 0 {
					g += confusion[i][j] * predicted[i] / mix[i]
				}
			}
			next[j] = max(pi[j]*g, minPrior)
			sum += next[j]
		}
		change := 0.0
		for j := range next {
			next[j] /= sum
			change = max(change, math.Abs(next[j]-pi[j]))
		}
		copy(pi, next)
		if change < 1e-9 {
			break
		}
	}
	return pi
}

// minPrior keeps every label possible.
const minPrior = 1e-3
