package classify

import (
	"cmp"
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strconv"
)

// Calibration search ranges. log(1/T) spans T = 1e3 down to 1e-3, inside
// Config.Validate's range; the length exponent is tried on a grid.
const (
	minLogBeta = -6.907755278982137 // log(1e-3)
	maxLogBeta = 6.907755278982137  // log(1e3)
	gammaSteps = 8                  // 0, 1/8, ..., 1
	bisections = 40
	// maxFolds is the most folds the groups are dealt into.
	maxFolds = 10
)

// Calibration reports what Calibrate measured.
type Calibration struct {
	// Temperature and LengthExponent are the fitted values, now in use.
	Temperature    float64 `json:"temperature"`
	LengthExponent float64 `json:"length_exponent"`
	// Examples is how many examples were scored out of fold (by source):
	// those whose label had examples outside their fold.
	Examples int `json:"examples"`
	// Groups is how many source groups the examples fell into, Folds how
	// many folds those were dealt into, and Submitters how many
	// submitters there were when they were a second grouping (0: fewer
	// than two).
	Groups     int `json:"groups"`
	Folds      int `json:"folds"`
	Submitters int `json:"submitters,omitempty"`
	// Accuracy is the out-of-fold accuracy by source, every example
	// counted (an example whose label no other group had is wrong): an
	// honest estimate of how often Predict is right on new groups.
	Accuracy float64 `json:"accuracy"`
	// LogLoss is the mean negative log probability of the true label with
	// the fitted values, out of fold.
	LogLoss float64 `json:"log_loss"`
	// Observed is how many unlabelled texts (Observe) there were, and
	// Priors, with at least 20, the label mix estimated from them, for
	// which the confidences are estimated.
	Observed int          `json:"observed"`
	Priors   []LabelScore `json:"priors,omitempty"`
	// Precision is the map from a prediction's probability to its
	// Confidence (see Prediction.Confidence): knots in increasing order.
	Precision []Knot `json:"precision"`
	// LabelPrecision is the same map for the predictions of each label
	// alone; a prediction's Confidence is the lower of the two.
	LabelPrecision map[string][]Knot `json:"label_precision,omitempty"`
}

// Knot is one step of the map from probability to confidence: a
// prediction whose probability is at least Probability gets Confidence
// (until the next knot).
type Knot struct {
	Probability float64 `json:"probability"`
	Confidence  float64 `json:"confidence"`
}

// Calibrate fits Config.Temperature and Config.LengthExponent, the label
// mix of the stream, and the map from probability to confidence, and sets
// them.
//
// It deals the examples' groups (Example.Group; an example without one is
// a group of its own) into up to ten folds, and scores each example with
// the model less every example of its fold, so a prediction never rests on
// another page of the same site or chunk of the same document. When at
// least two submitters are named it does the same with the submitters as
// groups. It picks the temperature and length exponent that minimise the
// log loss of those scores. With at least 20 texts seen by Observe (the
// records waiting for a label), it estimates their label mix and weighs
// the out-of-fold outcomes by it: a golden set of a few records per label
// says little about the precision on a stream that is nearly all one
// label. With Config.AdjustPriors it also estimates the mix a second way,
// by EM on the calibrated probabilities of those texts, and shifts every
// prediction to it (see priorShift); the out-of-fold outcomes are then
// those of the shifted predictions, still weighed by the first estimate.
// Last, for every probability p among the
// outcomes, it bounds from below (Wilson, 95% one-sided, the lower of the
// two groupings) the precision of the predictions with probability at
// least p, and makes the bound non-decreasing: Confidence. A threshold t
// on Confidence keeps predictions that, on groups the model had not seen,
// were right at least a share t of the time.
//
// examples must be among those the model was trained on (ErrNotInModel
// otherwise); nil means all of them, as Train and Add kept them. It fails
// with ErrNoLabels when no example can be scored (no label has examples in
// two folds). The result depends only on the set of examples and observed
// texts, not their order. Train and Add keep the fitted values; call
// Calibrate again as the golden set grows.
func (nb *NaiveBayes) Calibrate(ctx context.Context, examples []Example) (Calibration, error) {
	nb.mu.RLock()
	if examples == nil {
		examples = nb.kept
	}
	sorted := slices.Clone(examples)
	m := nb.m.clone() // score a copy, so that Add and Predict go on meanwhile
	nb.mu.RUnlock()
	slices.SortFunc(sorted, func(a, b Example) int {
		return cmp.Or(cmp.Compare(a.Label, b.Label), cmp.Compare(a.Text, b.Text),
			cmp.Compare(a.Group, b.Group), cmp.Compare(a.Submitter, b.Submitter))
	})
	labels := make([]int, len(sorted))
	feats := make([][]feature, len(sorted))
	s := nb.pool.Get().(*scratch)
	for i, ex := range sorted {
		y, ok := slices.BinarySearch(m.labels, ex.Label)
		if !ok {
			nb.pool.Put(s)
			return Calibration{}, fmt.Errorf("%w: label %q", ErrNotInModel, ex.Label)
		}
		labels[i], feats[i] = y, slices.Clone(nb.feat.extract(ex.Text, s))
	}
	nb.pool.Put(s)

	bySource, err := nb.outOfFold(ctx, m, labels, feats, func(i int) string { return sorted[i].Group })
	if err != nil {
		return Calibration{}, err
	}
	sets := []*foldSet{bySource}
	submitters := distinct(sorted, func(ex Example) string { return ex.Submitter })
	if submitters >= 2 {
		bySubmitter, err := nb.outOfFold(ctx, m, labels, feats, func(i int) string { return sorted[i].Submitter })
		if err != nil {
			return Calibration{}, err
		}
		sets = append(sets, bySubmitter)
	} else {
		submitters = 0
	}
	fit := pool(sets)
	if len(fit.truth) == 0 {
		return Calibration{}, fmt.Errorf("%w: no label has examples in two folds", ErrNoLabels)
	}
	best := Calibration{LogLoss: math.Inf(1)}
	for step := 0; step <= gammaSteps; step++ {
		if err := ctx.Err(); err != nil {
			return Calibration{}, err
		}
		gamma := float64(step) / gammaSteps
		fit.setWeights(gamma)
		logBeta := fit.fitLogBeta()
		if loss := fit.logLoss(math.Exp(logBeta)); loss < best.LogLoss {
			best = Calibration{Temperature: math.Exp(-logBeta), LengthExponent: gamma, LogLoss: loss}
		}
	}
	best.Examples, best.Groups, best.Folds, best.Submitters = bySource.scored(), bySource.groups, bySource.folds, submitters
	best.Accuracy = bySource.accuracy()
	nb.mu.RLock()
	obs := nb.obs.sorted()
	nb.mu.RUnlock()
	labelWeight, pi := nb.streamPriors(m, obs, bySource, best.Temperature, best.LengthExponent, false)
	best.Observed = len(obs)
	if pi != nil {
		best.Priors = make([]LabelScore, len(pi))
		for l, p := range pi {
			best.Priors[l] = LabelScore{Label: m.labels[l], Probability: p}
		}
	}
	// The shift comes from a second estimate of the mix, by EM on the
	// calibrated probabilities, which is far closer than the confusion
	// matrix's when the golden set is small; the outcomes stay weighed by
	// the first, so that an error of one estimate is not vouched for by
	// itself.
	var shift []float64
	if nb.cfg.AdjustPriors && pi != nil {
		emWeight, emPi := nb.streamPriors(m, obs, bySource, best.Temperature, best.LengthExponent, true)
		shift = priorShift(m, emWeight, emPi)
	}
	var outcomes [][]outcome
	for _, set := range sets {
		outcomes = append(outcomes, set.outcomes(1/best.Temperature, best.LengthExponent, labelWeight, shift))
	}
	pm := fitPrecision(outcomes)
	var perLabel []precisionMap
	if nb.cfg.LabelPrecision {
		perLabel = fitLabelPrecision(outcomes, len(m.labels))
		best.LabelPrecision = make(map[string][]Knot, len(m.labels))
		for l, lm := range perLabel {
			best.LabelPrecision[m.labels[l]] = lm.knots()
		}
	}
	best.Precision = pm.knots()

	nb.mu.Lock()
	// Add may have brought a label meanwhile.
	nb.temp, nb.lenExp, nb.precision, nb.shift = best.Temperature, best.LengthExponent, pm, remapShift(m.labels, shift, nb.m.labels)
	nb.labelPrecision = remapPrecision(m.labels, perLabel, nb.m.labels)
	nb.mu.Unlock()
	return best, nil
}

func distinct(exs []Example, key func(Example) string) int {
	seen := map[string]bool{}
	for _, ex := range exs {
		if k := key(ex); k != "" {
			seen[k] = true
		}
	}
	return len(seen)
}

// foldSet holds out-of-fold scores: one row of L label scores per example,
// shifted so that the top is 0 (a label the fold model lacks is -Inf), the
// true label, whether the fold model knew it, and the known features seen.
type foldSet struct {
	L             int
	scores        []float64
	truth         []int
	known         []bool
	seen          []float64
	weight        []float64
	groups, folds int
}

// outOfFold scores every example with the model m less the examples of its
// fold. Examples with the same non-empty group key share a fold; folds are
// dealt by a hash of the key, so the result does not depend on the order
// of the groups.
func (nb *NaiveBayes) outOfFold(ctx context.Context, m *model, labels []int, feats [][]feature, key func(int) string) (*foldSet, error) {
	byKey := map[string][]int{}
	for i := range labels {
		k := key(i)
		if k == "" {
			k = "\x00" + strconv.Itoa(i)
		}
		byKey[k] = append(byKey[k], i)
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	hash := func(k string) uint64 {
		h := fnv.New64a()
		h.Write([]byte(k))
		return h.Sum64()
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(cmp.Compare(hash(a), hash(b)), cmp.Compare(a, b)) })
	K := min(maxFolds, len(keys))
	folds := make([][]int, K)
	for j, k := range keys {
		folds[j%K] = append(folds[j%K], byKey[k]...)
	}
	L := len(m.labels)
	set := &foldSet{L: L, groups: len(keys), folds: K}
	rows := make([][]float64, len(labels))
	seen := make([]float64, len(labels))
	work := m.clone()
	for _, fold := range folds {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if K < 2 {
			break // one group: nothing can be held out
		}
		for _, i := range fold {
			if err := work.sub(labels[i], feats[i]); err != nil {
				return nil, err
			}
		}
		for _, i := range fold {
			row := make([]float64, L)
			seen[i] = float64(max(nb.score(work, feats[i], row), 1))
			rows[i] = row
		}
		for _, i := range fold {
			work.unsub(labels[i], feats[i])
		}
	}
	for i, row := range rows {
		if row == nil {
			continue
		}
		top := 0
		for l, v := range row {
			if v > row[top] {
				top = l
			}
		}
		hi := row[top]
		for l := range row {
			row[l] -= hi
		}
		set.scores = append(set.scores, row...)
		set.truth = append(set.truth, labels[i])
		set.known = append(set.known, !math.IsInf(row[labels[i]], -1))
		set.seen = append(set.seen, seen[i])
	}
	set.weight = make([]float64, len(set.truth))
	return set, nil
}

// sub removes one example of label li with features feats from the counts,
// as if it had not been trained on; ErrNotInModel if the counts show it was
// not. unsub puts it back.
func (m *model) sub(li int, feats []feature) error {
	L := len(m.labels)
	for _, f := range feats {
		r, ok := m.index[f.bucket]
		if !ok || m.rows[int(r)*L+li] < f.count {
			return ErrNotInModel
		}
	}
	if m.docs[li] == 0 {
		return ErrNotInModel
	}
	for _, f := range feats {
		r := int(m.index[f.bucket])
		m.rows[r*L+li] -= f.count
		m.totals[li] -= uint64(f.count)
		if allZero(m.rows[r*L : (r+1)*L]) {
			m.empty++
		}
	}
	m.docs[li]--
	return nil
}

func (m *model) unsub(li int, feats []feature) {
	L := len(m.labels)
	for _, f := range feats {
		r := int(m.index[f.bucket])
		if allZero(m.rows[r*L : (r+1)*L]) {
			m.empty--
		}
		m.rows[r*L+li] += f.count
		m.totals[li] += uint64(f.count)
	}
	m.docs[li]++
}

// pool joins the rows of sets whose true label the fold model knew: the
// data the temperature is fitted on.
func pool(sets []*foldSet) *foldSet {
	out := &foldSet{}
	for _, s := range sets {
		out.L = s.L
		for i, y := range s.truth {
			if !s.known[i] {
				continue
			}
			out.scores = append(out.scores, s.scores[i*s.L:(i+1)*s.L]...)
			out.truth = append(out.truth, y)
			out.known = append(out.known, true)
			out.seen = append(out.seen, s.seen[i])
		}
	}
	out.weight = make([]float64, len(out.truth))
	return out
}

func (set *foldSet) scored() int { return len(set.truth) }

func (set *foldSet) accuracy() float64 {
	if len(set.truth) == 0 {
		return 0
	}
	right := 0
	for i, y := range set.truth {
		if set.top(i) == y {
			right++
		}
	}
	return float64(right) / float64(len(set.truth))
}

// top is the first label with the top score 0 in row i.
func (set *foldSet) top(i int) int {
	row := set.scores[i*set.L : (i+1)*set.L]
	for l, v := range row {
		if v == 0 {
			return l
		}
	}
	return 0
}

// setWeights sets each row's weight n^-gamma.
func (set *foldSet) setWeights(gamma float64) {
	for i, s := range set.seen {
		set.weight[i] = math.Pow(s, -gamma)
	}
}

// outcome is one out-of-fold prediction: its probability, whether it was
// right, and its weight.
type outcome struct {
	p     float64
	right bool
	w     float64
	label int // the label predicted
}

// outcomes returns, for each row at beta and the length exponent gamma,
// the probability of the top label, whether it was the true label, and
// the row's weight, labelWeight of its true label (nil: 1). shift, when
// not nil, is added to the scaled scores first, as Predict adds it (see
// priorShift): the top label and its probability are then those Predict
// would give.
func (set *foldSet) outcomes(beta, gamma float64, labelWeight, shift []float64) []outcome {
	set.setWeights(gamma)
	out := make([]outcome, len(set.truth))
	z := make([]float64, set.L)
	for i, y := range set.truth {
		row := set.scores[i*set.L : (i+1)*set.L]
		b := beta * set.weight[i]
		for l, s := range row {
			z[l] = b * s
			if shift != nil {
				z[l] += shift[l]
			}
		}
		top := 0
		for l, v := range z {
			if v > z[top] {
				top = l
			}
		}
		var sum float64
		for _, v := range z {
			if !math.IsInf(v, -1) {
				sum += math.Exp(v - z[top])
			}
		}
		w := 1.0
		if labelWeight != nil {
			w = labelWeight[y]
		}
		out[i] = outcome{p: 1 / sum, right: top == y, w: w, label: top}
	}
	return out
}

// priorShift is what Predict adds to each label's scaled score for the
// stream's label mix pi: log(pi/s), s the label's share of the scored
// examples (labelWeight is pi/s), or of the training examples for a label
// none of whose examples could be scored. This is Bayes' rule for a change
// of prior (Saerens, Latinne and Decaestecker, 2002): a probability
// calibrated on a mix s, times pi/s and renormalised, is the probability
// on a stream of mix pi. Every pi is at least minShiftPrior.
func priorShift(m *model, labelWeight, pi []float64) []float64 {
	var all uint64
	for _, d := range m.docs {
		all += d
	}
	shift := make([]float64, len(pi))
	for l, p := range pi {
		p = max(p, minShiftPrior)
		if w := labelWeight[l]; w > 0 {
			shift[l] = math.Log(p * w / pi[l])
		} else {
			shift[l] = math.Log(p / (float64(m.docs[l]) / float64(all)))
		}
	}
	return shift
}

// minShiftPrior is the least stream share priorShift assumes for a label,
// so that an underestimated label can still be predicted.
const minShiftPrior = 1e-3

// streamPriors estimates the label mix pi of the observed texts obs, and
// returns it over the label mix of the scored examples of set (the weight
// of a scored example of each label) and as it is. It returns nils with
// fewer than minObserved texts. The estimate is black-box shift estimation
// (Lipton, Wang and Smola, 2018): the labels the model m predicts for the
// texts are a mix, by the unknown label shares, of the columns of the
// out-of-fold confusion matrix of set, and the shares are fitted to that
// mix. With em it is instead the EM estimate of Saerens et al. (2002) on
// the texts' probabilities at temperature temp and length exponent lenExp
// (see emPriors).
func (nb *NaiveBayes) streamPriors(m *model, obs []string, set *foldSet, temp, lenExp float64, em bool) (labelWeight, pi []float64) {
	if len(obs) < minObserved || len(set.truth) == 0 {
		return nil, nil
	}
	L := len(m.labels)
	// confusion[i][j]: the share of the examples of label j predicted i,
	// smoothed so that every label can be predicted from every other.
	confusion := make([][]float64, L)
	for i := range confusion {
		confusion[i] = make([]float64, L)
	}
	perLabel := make([]float64, L)
	for i, y := range set.truth {
		confusion[set.top(i)][y]++
		perLabel[y]++
	}
	for j := range L {
		for i := range L {
			confusion[i][j] = (confusion[i][j] + confusionSmoothing) / (perLabel[j] + confusionSmoothing*float64(L))
		}
	}
	s := nb.pool.Get().(*scratch)
	defer nb.pool.Put(s)
	predicted := make([]float64, L)
	row := make([]float64, L)
	for _, text := range obs {
		nb.score(m, nb.feat.extract(text, s), row)
		top := 0
		for l, v := range row {
			if v > row[top] {
				top = l
			}
		}
		predicted[top] += 1 / float64(len(obs))
	}
	share := make([]float64, L)
	for _, y := range set.truth {
		share[y] += 1 / float64(len(set.truth))
	}
	if em {
		probs := make([][]float64, len(obs))
		for i, text := range obs {
			r := make([]float64, L)
			seen := nb.score(m, nb.feat.extract(text, s), r)
			t := temp
			if lenExp != 0 && seen > 1 {
				t *= math.Pow(float64(seen), lenExp)
			}
			softmax(r, t)
			probs[i] = r
		}
		pi = emPriors(probs, share)
	} else {
		pi = estimatePriors(confusion, predicted)
	}
	labelWeight = make([]float64, L)
	for l := range L {
		if share[l] > 0 {
			labelWeight[l] = pi[l] / share[l]
		}
	}
	return labelWeight, pi
}

// confusionSmoothing is added to every cell of the confusion matrix.
const confusionSmoothing = 0.5

// fitLogBeta returns log(beta) minimising the log loss of
// softmax(beta*weight*s). The loss is convex in beta, so its derivative
// grows with beta, and bisection on the derivative's sign finds the minimum.
func (set *foldSet) fitLogBeta() float64 {
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
func (set *foldSet) gradient(beta float64) float64 {
	var g float64
	for i, y := range set.truth {
		row := set.scores[i*set.L : (i+1)*set.L]
		b := beta * set.weight[i]
		var z, ez float64
		for _, s := range row {
			if math.IsInf(s, -1) {
				continue
			}
			e := math.Exp(b * s)
			z += e
			ez += e * s
		}
		g += set.weight[i] * (ez/z - row[y])
	}
	return g
}

// logLoss is the mean of -log softmax(beta*weight*s)[true].
func (set *foldSet) logLoss(beta float64) float64 {
	var sum float64
	for i, y := range set.truth {
		row := set.scores[i*set.L : (i+1)*set.L]
		b := beta * set.weight[i]
		var z float64
		for _, s := range row {
			if !math.IsInf(s, -1) {
				z += math.Exp(b * s)
			}
		}
		sum += math.Log(z) - b*row[y]
	}
	return sum / float64(len(set.truth))
}

// emPriors is the EM estimate of the label mix of texts whose
// probabilities, calibrated for the label mix share, are probs (Saerens,
// Latinne and Decaestecker, 2002): each step re-weighs every text's
// probabilities by the current mix over share and takes their mean as the
// next mix. Labels share does not hold are left out; every share is
// floored at minPrior.
func emPriors(probs [][]float64, share []float64) []float64 {
	L := len(share)
	pi := slices.Clone(share)
	next := make([]float64, L)
	q := make([]float64, L)
	for range 500 {
		clear(next)
		for _, p := range probs {
			var z float64
			for l := range q {
				q[l] = 0
				if share[l] > 0 {
					q[l] = p[l] * pi[l] / share[l]
				}
				z += q[l]
			}
			if z <= 0 {
				continue
			}
			for l := range q {
				next[l] += q[l] / z / float64(len(probs))
			}
		}
		change := 0.0
		for l := range next {
			change = max(change, math.Abs(next[l]-pi[l]))
		}
		copy(pi, next)
		if change < 1e-9 {
			break
		}
	}
	for l := range pi {
		pi[l] = max(pi[l], minPrior)
	}
	return pi
}
