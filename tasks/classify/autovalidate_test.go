package classify

import (
	"context"
	"fmt"
	"testing"
)

// The automatic validator of issue 13, measured: a validator labels a few
// records per label, the classifier is trained and calibrated on them (in
// grouped folds, with the label mix of the waiting records observed), and
// every other record gets an automatic vote when its prediction is sure
// (Confidence at least the threshold). Coverage is the share of the other
// records voted on automatically, precision the share of those votes that
// match the ground truth.

// precisionTarget is issue 13's target for the automatic votes.
const precisionTarget = 0.97

type autoResult struct {
	train, rest          int
	accuracy             float64 // of every prediction on the rest
	coverage, precision  float64
	topConfidence        float64 // the highest confidence the map gives
	calibrationExamples  int
	calibrationAccuracy  float64
	calibrationFolds     int
	calibrationObserved  int
	calibrationKnotCount int
	// stricter holds coverage and precision at stricterThresholds, from
	// the same predictions' confidences.
	stricter [len(stricterThresholds)][2]float64
}

// stricterThresholds are the thresholds above the default that the tests
// also report.
var stricterThresholds = [...]float64{0.9, 0.95}

func (r autoResult) String() string {
	var at string
	for i, t := range stricterThresholds {
		at += fmt.Sprintf("; at %.2f: coverage %.3f, precision %.3f", t, r.stricter[i][0], r.stricter[i][1])
	}
	return fmt.Sprintf("%3d labelled, %4d auto-validated: coverage %.3f, precision %.3f (all predictions: accuracy %.3f)%s; calibration: %d examples in %d folds, out-of-fold accuracy %.3f, %d observed, top confidence %.3f",
		r.train, r.rest, r.coverage, r.precision, r.accuracy, at, r.calibrationExamples, r.calibrationFolds, r.calibrationAccuracy, r.calibrationObserved, r.topConfidence)
}

// autoValidate trains on train, observes and predicts rest at threshold.
func autoValidate(tb testing.TB, train, rest []Example, threshold float64) autoResult {
	tb.Helper()
	cfg := DefaultConfig()
	cfg.Threshold = threshold
	return autoValidateWith(tb, cfg, train, rest)
}

// autoValidateWith is autoValidate with the configuration cfg.
func autoValidateWith(tb testing.TB, cfg Config, train, rest []Example) autoResult {
	tb.Helper()
	ctx := context.Background()
	nb := mustNew(tb, cfg)
	if err := nb.Train(train); err != nil {
		tb.Fatal(err)
	}
	for _, ex := range rest {
		nb.Observe(ex.Text)
	}
	cal, err := nb.Calibrate(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	r := autoResult{train: len(train), rest: len(rest), calibrationExamples: cal.Examples, calibrationAccuracy: cal.Accuracy,
		calibrationFolds: cal.Folds, calibrationObserved: cal.Observed, calibrationKnotCount: len(cal.Precision)}
	if k := cal.Precision; len(k) > 0 {
		r.topConfidence = k[len(k)-1].Confidence
	}
	var auto, right, correct int
	var autoAt, rightAt [len(stricterThresholds)]int
	for _, ex := range rest {
		p, err := nb.Predict(ctx, ex.Text)
		if err != nil {
			tb.Fatal(err)
		}
		if p.Label == ex.Label {
			correct++
		}
		for i, t := range stricterThresholds {
			if !p.Unsure && p.Confidence >= t {
				autoAt[i]++
				if p.Label == ex.Label {
					rightAt[i]++
				}
			}
		}
		if !p.Unsure {
			auto++
			if p.Label == ex.Label {
				right++
			}
		}
	}
	r.accuracy = float64(correct) / float64(len(rest))
	r.coverage = float64(auto) / float64(len(rest))
	if auto > 0 {
		r.precision = float64(right) / float64(auto)
	}
	for i := range stricterThresholds {
		r.stricter[i][0] = float64(autoAt[i]) / float64(len(rest))
		if autoAt[i] > 0 {
			r.stricter[i][1] = float64(rightAt[i]) / float64(autoAt[i])
		}
	}
	return r
}

// checkAuto asserts what the threshold promises: when anything is voted on
// automatically, at least a share threshold of it is right.
func checkAuto(t *testing.T, name string, r autoResult, threshold float64, wantCoverage bool) {
	t.Helper()
	t.Logf("%s: %v", name, r)
	if r.coverage > 0 && r.precision < threshold {
		t.Errorf("%s: precision %.3f of the automatic votes, under the threshold %.2f", name, r.precision, threshold)
	}
	if wantCoverage && r.coverage == 0 {
		t.Errorf("%s: no record voted on automatically", name)
	}
	if r.coverage > 0 && r.precision < precisionTarget {
		t.Logf("%s: precision %.3f is under issue 13's target %.2f", name, r.precision, precisionTarget)
	}
}

// TestAutoValidatePythonDocs is the crawl of python3.11-doc without the
// crawl: each page's div.body text is a record, its top-level folder
// (library, c-api, tutorial, …) its true label; a validator labels the
// first pages of each folder, the classifier votes on the other pages.
// Before issue 13 every prediction went to people, or, with confidence
// taken as it came, a quarter of the sure ones were wrong: with 5 pages
// per label 0.78 of the votes at 0.8 were right. Before the prior shift
// (Config.AdjustPriors), with 20 pages per label: accuracy 0.582, coverage
// 0.023, precision 0.875; with it: accuracy 0.909, coverage 0.857,
// precision 0.952 (LabelPrecision: coverage 0.819, precision 0.996); with
// 10 and 5 pages, accuracy 0.468 -> 0.789 and 0.456 -> 0.736.
func TestAutoValidatePythonDocs(t *testing.T) {
	pages := pydocPages(t, 3)
	threshold := DefaultConfig().Threshold
	perLabels := []int{5, 10, 20}
	if testing.Short() {
		perLabels = []int{10}
	}
	for _, perLabel := range perLabels {
		per := map[string]int{}
		var train, rest []Example
		for _, p := range pages {
			ex := Example{Text: p.text, Label: p.label, Group: DocumentGroup("file:///" + p.path)}
			if per[p.label] < perLabel {
				per[p.label]++
				train = append(train, ex)
			} else {
				rest = append(rest, ex)
			}
		}
		name := fmt.Sprintf("python3.11-doc, %d pages per label, %d labels, threshold %.2f", perLabel, len(per), threshold)
		r := autoValidate(t, train, rest, threshold)
		checkAuto(t, name, r, threshold, perLabel >= 10)
		if perLabel == 20 {
			// Config.LabelPrecision, off by default: every label's
			// predictions bounded alone too.
			cfg := DefaultConfig()
			cfg.LabelPrecision = true
			checkAuto(t, name+", label precision", autoValidateWith(t, cfg, train, rest), threshold, false)
		}
	}
}

// TestAutoValidateFortunes is the same on the fortune topics: a record is
// an item, its topic its label, and its group the run of 20 neighbouring
// items of its file that it lies in (the items of a run often come from
// one source: an author, a series). The validator labels the first three
// runs of each topic. Grouped, at 0.8: before the prior shift accuracy
// 0.505, coverage 0.249, precision 0.902; with it 0.491, 0.193 and 0.928
// (LabelPrecision: coverage 0.187, precision 0.930). The sure errors are
// mostly science items voted computers: later items of a file differ from
// its first runs in a way the folds do not see.
func TestAutoValidateFortunes(t *testing.T) {
	dir := needTestdata(t, "usr/share/games/fortunes")
	all, err := LoadFortunes(dir, fortuneTopics...)
	if err != nil {
		t.Fatal(err)
	}
	threshold := DefaultConfig().Threshold
	const run, runs = 20, 3
	var results []autoResult
	for _, grouped := range []bool{true, false} {
		var train, rest []Example
		pos := map[string]int{}
		for _, ex := range all {
			i := pos[ex.Label]
			pos[ex.Label]++
			if grouped {
				ex.Group = fmt.Sprintf("%s#%d", ex.Label, i/run)
			}
			if i < run*runs {
				train = append(train, ex)
			} else {
				rest = append(rest, ex)
			}
		}
		name := "fortunes, 60 items per topic, grouped by runs of 20 in their file"
		if !grouped {
			name = "fortunes, 60 items per topic, every item its own group"
		}
		r := autoValidate(t, train, rest, threshold)
		results = append(results, r)
		if grouped {
			checkAuto(t, fmt.Sprintf("%s, threshold %.2f", name, threshold), r, threshold, true)
			cfg := DefaultConfig()
			cfg.LabelPrecision = true
			checkAuto(t, fmt.Sprintf("%s, threshold %.2f, label precision", name, threshold), autoValidateWith(t, cfg, train, rest), threshold, true)
		} else {
			// The calibration of before: neighbours of a run vouch for
			// each other, and the votes fall short of the threshold.
			t.Logf("%s, threshold %.2f: %v", name, threshold, r)
		}
	}
	if results[0].precision < results[1].precision {
		t.Errorf("grouped calibration: precision %.3f, below the ungrouped %.3f", results[0].precision, results[1].precision)
	}
}
