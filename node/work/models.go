package work

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/tasks/classify"
)

// modelSet holds one classifier per Datanet, trained on its golden records
// with their final labels, and taught each new golden record as it is
// finalised.
type modelSet struct {
	w   *Service
	mu  sync.Mutex
	m   map[string]*model
	gen atomic.Uint64 // moves when a classifier is built or learns: the automatic validator may answer differently
}

// model is a classifier with the examples it learnt, kept for
// recalibration (leave-one-out over the golden set).
type model struct {
	nb         *classify.NaiveBayes
	examples   []classify.Example
	calibrated int // len(examples) at the last calibration
}

// A classifier labels records for validators only once it has seen
// minExamples golden records over at least two labels, and it is
// recalibrated whenever its golden set has grown by half.
const minExamples = 20

func newModelSet(w *Service) *modelSet { return &modelSet{w: w, m: map[string]*model{}} }

// get returns the Datanet's classifier, training it from the store on
// first use.
func (s *modelSet) get(dn *datanet.Datanet) (*model, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m, ok := s.m[dn.ID().KeyString()]; ok {
		return m, nil
	}
	cfg := classify.DefaultConfig()
	cfg.Threshold = s.w.cfg.Confidence
	nb, err := classify.NewNaiveBayes(cfg)
	if err != nil {
		return nil, err
	}
	golden := datanet.StateGolden
	var examples []classify.Example
	var after uint64
	for {
		recs, next, err := s.w.data.ListRecords(datanet.Query{Datanet: dn.ID(), State: &golden, After: after, Limit: datanet.MaxQueryLimit})
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			if o := s.w.outcome(dn, r.CID); o.Final && o.Verdict.Label != "" {
				examples = append(examples, classify.Example{Text: r.Content, Label: o.Verdict.Label})
			}
		}
		if next == 0 || len(recs) == 0 {
			break
		}
		after = next
	}
	m := &model{nb: nb, examples: examples}
	if len(examples) > 0 {
		if err := nb.Train(examples); err != nil {
			return nil, err
		}
		if m.due() {
			s.observePending(dn, m)
		}
		m.recalibrate()
	}
	s.m[dn.ID().KeyString()] = m
	s.gen.Add(1)
	return m, nil
}

// maxObserve bounds the pending records read for one calibration.
const maxObserve = 4 * classify.MaxObserved

// observePending shows the classifier the Datanet's pending records, the
// stream it labels, so that calibration estimates their label mix (it
// keeps a sample that depends on the set of texts, not their order).
func (s *modelSet) observePending(dn *datanet.Datanet, m *model) {
	pending := datanet.StatePending
	var after uint64
	for n := 0; n < maxObserve; {
		recs, next, err := s.w.data.ListRecords(datanet.Query{Datanet: dn.ID(), State: &pending, After: after, Limit: datanet.MaxQueryLimit})
		if err != nil {
			return
		}
		for _, r := range recs {
			m.nb.Observe(r.Content)
		}
		n += len(recs)
		if next == 0 || len(recs) == 0 {
			return
		}
		after = next
	}
}

// due reports whether the golden set has grown enough to recalibrate.
func (m *model) due() bool {
	return len(m.examples) >= minExamples && len(m.examples) >= m.calibrated*3/2
}

func (m *model) recalibrate() {
	if !m.due() {
		return
	}
	if _, err := m.nb.Calibrate(context.Background(), m.examples); err == nil {
		m.calibrated = len(m.examples)
	}
}

// ready reports whether the Datanet's classifier knows enough to label.
func (s *modelSet) ready(dn *datanet.Datanet) bool {
	m, err := s.get(dn)
	if err != nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return m.calibrated >= minExamples && len(m.nb.Labels()) >= 2
}

func (s *modelSet) predict(ctx context.Context, dn *datanet.Datanet, text string) (classify.Prediction, error) {
	m, err := s.get(dn)
	if err != nil {
		return classify.Prediction{}, err
	}
	return m.nb.Predict(ctx, text)
}

func (s *modelSet) learn(dn *datanet.Datanet, text, label string) {
	m, err := s.get(dn)
	if err != nil {
		return
	}
	ex := classify.Example{Text: text, Label: label}
	if err := m.nb.Add(ex); err != nil {
		s.w.log.Debug("classifier: add", "err", err)
		return
	}
	s.mu.Lock()
	m.examples = append(m.examples, ex)
	if m.due() {
		s.observePending(dn, m)
	}
	m.recalibrate()
	s.mu.Unlock()
	s.gen.Add(1)
}
