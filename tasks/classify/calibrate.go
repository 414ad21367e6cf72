package classify

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
)

// Calibration search ranges. log(1/T) spans T = 1e3 down to 1e-3, inside
// Config.Validate's range; the length exponent is tried on a grid.
const (
	minLogBeta = -6.907755278982137 // log(1e-3)
	maxLogBeta = 6.907755278982137  // log(1e3)
	gammaSteps = 8                  // 0, 1/8, ..., 1
	bisections = 40
)

// Calibration reports what Calibrate measured.
type Calibration struct {
	// Temperature and LengthExponent are the fitted values, now in use.
	Temperature    float64 `json:"temperature"`
	LengthExponent float64 `json:"length_exponent"`
	// Examples is how many examples were scored: those whose label has at
	// least two examples (one left out must leave one in).
	Examples int `json:"examples"`
	// Accuracy is the leave-one-out accuracy: an honest estimate of how
	// often Predict is right on new texts like these.
	Accuracy float64 `json:"accuracy"`
	// LogLoss is the mean negative log probability of the true label with
	// the fitted values, leave-one-out.
	LogLoss float64 `json:"log_loss"`
}

// looSet holds leave-one-out scores: one row of L label scores per example,
// shifted so that the top is 0, the true label, and the example's weight
// n^-gamma for the gamma being tried.
type looSet struct {
	L      int
	scores []float64
	truth  []int
	seen   []float64
	weight []float64
}

// Calibrate fits Config.Temperature and Config.LengthExponent so that
// confidences match how often predictions are right, and sets them. It
// scores each of examples, which must be the examples the model was trained
// on (ErrNotInModel otherwise), with that one example taken out of the
// counts (exact leave-one-out, which naive Bayes makes cheap), then picks the
// values that minimise the log loss of those scores. It fails with
// ErrNoLabels when no label has two examples.
//
// The result depends only on the set of examples, not their order. Train and
// Add keep the fitted values; call Calibrate again as the golden set grows.
func (nb *NaiveBayes) Calibrate(ctx context.Context, examples []Example) (Calibration, error) {
	set, correct, err := nb.leaveOneOut(ctx, examples)
	if err != nil {
		return Calibration{}, err
	}
	n := len(set.truth)
	best := Calibration{LogLoss: math.Inf(1)}
	for step := 0; step <= gammaSteps; step++ {
		if err := ctx.Err(); err != nil {
			return Calibration{}, err
		}
		gamma := float64(step) / gammaSteps
		for i, s := range set.seen {
			set.weight[i] = math.Pow(s, -gamma)
		}
		logBeta := set.fitLogBeta()
		if loss := set.logLoss(math.Exp(logBeta)); loss < best.LogLoss {
			best = Calibration{Temperature: math.Exp(-logBeta), LengthExponent: gamma, LogLoss: loss}
		}
	}
	best.Examples = n
	best.Accuracy = float64(correct) / float64(n)

	nb.mu.Lock()
	nb.temp, nb.lenExp = best.Temperature, best.LengthExponent
	nb.mu.Unlock()
	return best, nil
}

// leaveOneOut scores examples leave-one-out, in a canonical order so that
// the float sums that follow do not depend on the callers' order. It also
// returns how many top labels were right.
func (nb *NaiveBayes) leaveOneOut(ctx context.Context, examples []Example) (*looSet, int, error) {
	sorted := slices.Clone(examples)
	slices.SortFunc(sorted, func(a, b Example) int {
		return cmp.Or(cmp.Compare(a.Label, b.Label), cmp.Compare(a.Text, b.Text))
	})

	s := nb.pool.Get().(*scratch)
	defer nb.pool.Put(s)
	// Score a copy, so that Add and Predict go on meanwhile.
	nb.mu.RLock()
	m := nb.m.clone()
	nb.mu.RUnlock()
	L := len(m.labels)
	set := &looSet{L: L}
	tmp := make([]uint32, L)
	correct := 0
	for i, ex := range sorted {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		y, ok := slices.BinarySearch(m.labels, ex.Label)
		if !ok {
			return nil, 0, fmt.Errorf("%w: label %q", ErrNotInModel, ex.Label)
		}
		if m.docs[y] < 2 {
			continue
		}
		row := make([]float64, L)
		seen, err := nb.score(m, nb.feat.extract(ex.Text, s), row, y, tmp)
		if err != nil {
			return nil, 0, fmt.Errorf("example with label %q: %w", ex.Label, err)
		}
		top := 0
		for l, v := range row {
			if v > row[top] {
				top = l
			}
		}
		if top == y {
			correct++
		}
		hi := row[top]
		for l := range row {
			row[l] -= hi
		}
		set.scores = append(set.scores, row...)
		set.truth = append(set.truth, y)
		set.seen = append(set.seen, float64(max(seen, 1)))
	}
	if len(set.truth) == 0 {
		return nil, 0, fmt.Errorf("%w: no label has two examples", ErrNoLabels)
	}
	set.weight = make([]float64, len(set.truth))
	return set, correct, nil
}

// fitLogBeta returns log(beta) minimising the log loss of
// softmax(beta*weight*s). The loss is convex in beta, so its derivative
// grows with beta, and bisection on the derivative's sign finds the minimum.
func (set *looSet) fitLogBeta() float64 {
	lo, hi := minLogBeta, maxLogBeta
	if set.gradient(math.Exp(lo)) >= 0 {
		return lo
	}
	if set.gradient(math.Exp(hi)) <= 0 {
		return hi
	}
	for range bisections {
		mid := (lo + hi) / 2
		if set.gradient(math.Exp(mid)) < 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// gradient is the derivative of the summed log loss with respect to beta.
func (set *looSet) gradient(beta float64) float64 {
	var g float64
	for i, y := range set.truth {
		row := set.scores[i*set.L : (i+1)*set.L]
		b := beta * set.weight[i]
		var z, ez float64
		for _, s := range row {
			e := math.Exp(b * s)
			z += e
			ez += e * s
		}
		g += set.weight[i] * (ez/z - row[y])
	}
	return g
}

// logLoss is the mean of -log softmax(beta*weight*s)[true].
func (set *looSet) logLoss(beta float64) float64 {
	var sum float64
	for i, y := range set.truth {
		row := set.scores[i*set.L : (i+1)*set.L]
		b := beta * set.weight[i]
		var z float64
		for _, s := range row {
			z += math.Exp(b * s)
		}
		sum += math.Log(z) - b*row[y]
	}
	return sum / float64(len(set.truth))
}
