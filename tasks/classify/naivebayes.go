package classify

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"sync"
)

// Compile-time checks.
var (
	_ Classifier = (*NaiveBayes)(nil)
	_ Trainer    = (*NaiveBayes)(nil)
)

// logTabSize is how many log(count+alpha) values are precomputed; counts at
// or above it are logged on the fly.
const logTabSize = 1024

// NaiveBayes is a multinomial naive Bayes classifier over hashed word,
// word-bigram and character n-gram features, with Lidstone smoothing,
// computed in log space; by default it scores labels the complement way
// (see Config.Complement). It is safe for concurrent use: Predicts run
// concurrently, and Add and Train lock them out only briefly (Train builds
// the new model before it takes the lock).
//
// Its state is integer counts, so training is exact and does not depend on
// the order of examples: the same examples give the same Marshal bytes on
// every node.
type NaiveBayes struct {
	feat   featurizer // immutable
	logTab []float64  // immutable: logTab[k] = log(k + alpha)
	pool   sync.Pool  // *scratch

	cfg Config // immutable; Temperature and LengthExponent are the initial values

	mu sync.RWMutex
	// temp and lenExp are Config.Temperature and Config.LengthExponent as
	// Calibrate last set them; precision is the map from probability to
	// confidence it fitted (none before).
	temp, lenExp float64
	precision    precisionMap
	// shift is added to the scaled label scores before the softmax: the
	// log ratio of the stream's label mix to the golden set's (see
	// priorShift); nil when Calibrate did not estimate the mix.
	shift []float64
	// labelPrecision is, once calibrated, the precision map of each
	// label's predictions alone (see Calibration.LabelPrecision).
	labelPrecision []precisionMap
	m              *model
	// kept are the examples trained on and obs the unlabelled texts
	// observed, for Calibrate (neither is encoded).
	kept []Example
	obs  observed
}

// model is the learnt state: per label, how many examples it has and how
// often each hashed feature occurred in them.
type model struct {
	labels []string // sorted, distinct
	docs   []uint64 // examples per label, each at least 1
	totals []uint64 // feature occurrences per label: the sum of its column
	// index maps a bucket that training has seen to its row in rows. rows
	// holds one count per label for each such bucket, row-major. A row is
	// never all zero.
	index map[uint32]int32
	rows  []uint32
	// empty counts the rows that are all zero: only a fold model, the
	// model less the examples of a fold (see Calibrate), has any.
	empty int
}

func newModel() *model { return &model{index: make(map[uint32]int32)} }

func (m *model) clone() *model {
	return &model{
		labels: slices.Clone(m.labels),
		docs:   slices.Clone(m.docs),
		totals: slices.Clone(m.totals),
		index:  maps.Clone(m.index),
		rows:   slices.Clone(m.rows),
		empty:  m.empty,
	}
}

// NewNaiveBayes returns an untrained classifier.
func NewNaiveBayes(cfg Config) (*NaiveBayes, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	nb := &NaiveBayes{
		feat:   newFeaturizer(cfg),
		logTab: make([]float64, logTabSize),
		cfg:    cfg,
		temp:   cfg.Temperature,
		lenExp: cfg.LengthExponent,
		m:      newModel(),
	}
	for k := range nb.logTab {
		nb.logTab[k] = math.Log(float64(k) + cfg.Alpha)
	}
	nb.pool.New = func() any { return new(scratch) }
	return nb, nil
}

// Config returns the configuration, with the temperature and length
// exponent Calibrate set.
func (nb *NaiveBayes) Config() Config {
	nb.mu.RLock()
	defer nb.mu.RUnlock()
	c := nb.cfg
	c.Temperature, c.LengthExponent = nb.temp, nb.lenExp
	return c
}

// Labels returns the labels seen in training, sorted.
func (nb *NaiveBayes) Labels() []string {
	nb.mu.RLock()
	defer nb.mu.RUnlock()
	return slices.Clone(nb.m.labels)
}

// Stats describes what a classifier has learnt.
type Stats struct {
	// Examples is how many examples it was trained on.
	Examples uint64 `json:"examples"`
	// PerLabel is how many of them carry each label.
	PerLabel map[string]uint64 `json:"per_label"`
	// Features is how many distinct feature buckets they filled.
	Features int `json:"features"`
}

// Stats returns what the classifier has learnt.
func (nb *NaiveBayes) Stats() Stats {
	nb.mu.RLock()
	defer nb.mu.RUnlock()
	s := Stats{PerLabel: make(map[string]uint64, len(nb.m.labels)), Features: len(nb.m.index)}
	for i, l := range nb.m.labels {
		s.PerLabel[l] = nb.m.docs[i]
		s.Examples += nb.m.docs[i]
	}
	return s
}

// Train replaces the model with one learnt from examples. It fails with
// ErrNoLabels on no examples, and with ErrInvalidLabel or ErrTooManyLabels
// without changing the model.
func (nb *NaiveBayes) Train(examples []Example) error {
	if len(examples) == 0 {
		return fmt.Errorf("%w: no examples", ErrNoLabels)
	}
	set := make(map[string]struct{})
	for i, ex := range examples {
		if err := ValidateLabel(ex.Label); err != nil {
			return fmt.Errorf("example %d: %w", i, err)
		}
		set[ex.Label] = struct{}{}
	}
	if len(set) > nb.cfg.MaxLabels {
		return fmt.Errorf("%w: %d labels, limit %d", ErrTooManyLabels, len(set), nb.cfg.MaxLabels)
	}
	m := newModel()
	m.labels = make([]string, 0, len(set))
	for l := range set {
		m.labels = append(m.labels, l)
	}
	slices.Sort(m.labels)
	m.docs = make([]uint64, len(m.labels))
	m.totals = make([]uint64, len(m.labels))

	s := nb.pool.Get().(*scratch)
	defer nb.pool.Put(s)
	for _, ex := range examples {
		li, _ := slices.BinarySearch(m.labels, ex.Label)
		if err := m.add(li, nb.feat.extract(ex.Text, s)); err != nil {
			return err
		}
	}
	nb.mu.Lock()
	nb.shift = remapShift(nb.m.labels, nb.shift, m.labels)
	nb.labelPrecision = remapPrecision(nb.m.labels, nb.labelPrecision, m.labels)
	nb.m = m
	nb.kept = slices.Clone(examples)
	nb.mu.Unlock()
	return nil
}

// Add learns one more example: it costs about as much as one Predict. A new
// label is added (which copies the count table once); it fails with
// ErrTooManyLabels beyond Config.MaxLabels.
func (nb *NaiveBayes) Add(ex Example) error {
	if err := ValidateLabel(ex.Label); err != nil {
		return err
	}
	s := nb.pool.Get().(*scratch)
	defer nb.pool.Put(s)
	feats := nb.feat.extract(ex.Text, s)

	nb.mu.Lock()
	defer nb.mu.Unlock()
	m := nb.m
	li, found := slices.BinarySearch(m.labels, ex.Label)
	if !found {
		if len(m.labels) >= nb.cfg.MaxLabels {
			return fmt.Errorf("%w: limit %d", ErrTooManyLabels, nb.cfg.MaxLabels)
		}
		if err := m.insertLabel(li, ex.Label); err != nil {
			return err
		}
		if nb.shift != nil {
			nb.shift = slices.Insert(nb.shift, li, 0)
		}
		if nb.labelPrecision != nil {
			nb.labelPrecision = slices.Insert(nb.labelPrecision, li, precisionMap{})
		}
	}
	if err := m.add(li, feats); err != nil {
		return err
	}
	nb.kept = append(nb.kept, ex)
	return nil
}

// remapShift returns the prior shift of the labels from for the labels to:
// a label's shift where from has it, 0 (no adjustment) where it does not.
func remapShift(from []string, shift []float64, to []string) []float64 {
	if shift == nil || slices.Equal(from, to) {
		return shift
	}
	out := make([]float64, len(to))
	for i, l := range to {
		if j, ok := slices.BinarySearch(from, l); ok {
			out[i] = shift[j]
		}
	}
	return out
}

// insertLabel inserts label at position li, with no examples yet.
func (m *model) insertLabel(li int, label string) error {
	old := len(m.labels)
	if (len(m.index))*(old+1) > MaxCells {
		return fmt.Errorf("%w: %d features x %d labels", ErrTooLarge, len(m.index), old+1)
	}
	rows := make([]uint32, len(m.index)*(old+1))
	for r := range len(m.index) {
		src := m.rows[r*old : (r+1)*old]
		dst := rows[r*(old+1) : (r+1)*(old+1)]
		copy(dst[:li], src[:li])
		copy(dst[li+1:], src[li:])
	}
	m.rows = rows
	m.labels = slices.Insert(m.labels, li, label)
	m.docs = slices.Insert(m.docs, li, 0)
	m.totals = slices.Insert(m.totals, li, 0)
	return nil
}

// add counts one example of label li with features feats. Counts saturate
// at the largest uint32, which keeps them independent of order.
func (m *model) add(li int, feats []feature) error {
	L := len(m.labels)
	if (len(m.index)+len(feats))*L > MaxCells {
		// Conservative: not every feature needs a new row.
		n := len(m.index)
		for _, f := range feats {
			if _, ok := m.index[f.bucket]; !ok {
				n++
			}
		}
		if n*L > MaxCells {
			return fmt.Errorf("%w: %d features x %d labels", ErrTooLarge, n, L)
		}
	}
	for _, f := range feats {
		r, ok := m.index[f.bucket]
		if !ok {
			r = int32(len(m.index))
			m.index[f.bucket] = r
			m.rows = append(m.rows, make([]uint32, L)...)
		}
		cell := &m.rows[int(r)*L+li]
		added := min(f.count, math.MaxUint32-*cell)
		*cell += added
		m.totals[li] += uint64(added)
	}
	m.docs[li]++
	return nil
}

// score sets out to the unnormalised log posterior of each label for feats
// and returns how many feature occurrences the model has seen. Features no
// label has seen are left out, as words outside the vocabulary are; so are
// the rows a fold model emptied (see model.empty). A label without
// examples (in a fold model) scores -Inf.
func (nb *NaiveBayes) score(m *model, feats []feature, out []float64) uint64 {
	L := len(m.labels)
	clear(out)
	vocab := len(m.index) - m.empty
	var seen uint64
	for _, f := range feats {
		r, ok := m.index[f.bucket]
		if !ok {
			continue
		}
		row := m.rows[int(r)*L : int(r)*L+L]
		if m.empty > 0 && allZero(row) {
			continue
		}
		seen += uint64(f.count)
		n := float64(f.count)
		if nb.cfg.Complement {
			var sum uint64
			for _, c := range row {
				sum += uint64(c)
			}
			for l, c := range row {
				out[l] -= n * nb.logCount(sum-uint64(c))
			}
			continue
		}
		for l, c := range row {
			out[l] += n * nb.logCount(uint64(c))
		}
	}

	var allDocs, allTotals uint64
	for l := range L {
		allDocs += m.docs[l]
		allTotals += m.totals[l]
	}
	av := nb.cfg.Alpha * float64(vocab)
	for l := range out {
		docs, total := m.docs[l], m.totals[l]
		if docs == 0 {
			out[l] = math.Inf(-1)
			continue
		}
		if nb.cfg.FitPrior {
			out[l] += math.Log(float64(docs)) - math.Log(float64(allDocs))
		}
		if seen == 0 {
			continue
		}
		if nb.cfg.Complement {
			out[l] += float64(seen) * math.Log(float64(allTotals-total)+av)
		} else {
			out[l] -= float64(seen) * math.Log(float64(total)+av)
		}
	}
	return seen
}

func allZero(row []uint32) bool {
	for _, c := range row {
		if c != 0 {
			return false
		}
	}
	return true
}

func (nb *NaiveBayes) logCount(c uint64) float64 {
	if c < logTabSize {
		return nb.logTab[c]
	}
	return math.Log(float64(c) + nb.cfg.Alpha)
}

// temperature is the softmax temperature for a text with seen known
// feature occurrences. The caller holds nb.mu.
func (nb *NaiveBayes) temperature(seen uint64) float64 {
	if nb.lenExp == 0 || seen <= 1 {
		return nb.temp
	}
	return nb.temp * math.Pow(float64(seen), nb.lenExp)
}

// softmax turns log scores into probabilities in place, dividing them by
// temp first. It subtracts the maximum, so it neither overflows nor
// underflows to all zeros.
func softmax(scores []float64, temp float64) {
	hi := math.Inf(-1)
	for _, s := range scores {
		hi = max(hi, s)
	}
	var sum float64
	for i, s := range scores {
		e := math.Exp((s - hi) / temp)
		scores[i] = e
		sum += e
	}
	for i := range scores {
		scores[i] /= sum
	}
}

// Predict labels text. It fails with ErrUntrained before any training.
func (nb *NaiveBayes) Predict(ctx context.Context, text string) (Prediction, error) {
	if err := ctx.Err(); err != nil {
		return Prediction{}, err
	}
	s := nb.pool.Get().(*scratch)
	defer nb.pool.Put(s)
	feats := nb.feat.extract(text, s)

	nb.mu.RLock()
	defer nb.mu.RUnlock()
	m := nb.m
	if len(m.labels) == 0 {
		return Prediction{}, ErrUntrained
	}
	probs := make([]float64, len(m.labels))
	seen := nb.score(m, feats, probs)
	if t := nb.temperature(seen); len(nb.shift) == len(probs) {
		for l := range probs {
			probs[l] = probs[l]/t + nb.shift[l]
		}
		softmax(probs, 1)
	} else {
		softmax(probs, t)
	}
	p := Prediction{Scores: make([]LabelScore, len(m.labels))}
	for i, l := range m.labels {
		p.Scores[i] = LabelScore{Label: l, Probability: probs[i]}
	}
	// Stable: ties stay in label order.
	slices.SortStableFunc(p.Scores, func(a, b LabelScore) int {
		return cmp.Compare(b.Probability, a.Probability)
	})
	p.Label, p.Confidence = p.Scores[0].Label, nb.precision.at(p.Scores[0].Probability)
	if len(nb.labelPrecision) == len(m.labels) {
		li, _ := slices.BinarySearch(m.labels, p.Label)
		p.Confidence = min(p.Confidence, nb.labelPrecision[li].bound(p.Scores[0].Probability))
	}
	p.Unsure = seen == 0 || p.Confidence < nb.cfg.Threshold
	return p, nil
}
