// Package classify is the text classifier that provenet edge nodes use to
// label Datanet records. It is a pure domain package: plain strings in,
// labels out, and nothing from the rest of provenet.
//
// # Model
//
// NaiveBayes is multinomial naive Bayes over hashed features: lower-cased
// words, pairs of adjacent words and the character 3- to 5-grams of each
// word, hashed with 64-bit FNV-1a into 2^18 buckets (Config). FNV-1a has no
// seed, so every node maps a text to the same buckets. The model is integer
// counts per label and bucket, with Lidstone smoothing applied when scoring,
// in log space. By default labels are scored the complement way (Rennie et
// al., 2003): by how unlike the other labels' examples a text is, which
// copes far better with labels that have few examples.
//
// # Training
//
// One classifier is trained per Datanet on its golden records. Train
// builds a model from a set of examples; Add counts one more example, for
// about the cost of a prediction, as the golden set grows. Because the
// model is integer sums, training does not depend on the order of examples
// and Add gives exactly the model that Train would on the union: two nodes
// with the same golden set hold byte-identical models (Marshal).
//
// # Confidence
//
// Predict returns every label's probability, the softmax of the label
// scores, computed stably. Naive Bayes treats overlapping features as
// independent evidence and so is overconfident, the more so the longer the
// text. Calibrate fixes that in three steps. It scores every golden
// example with a model that saw nothing of its group (Example.Group: its
// site or document; and, separately, nothing of its submitter), in up to
// ten folds, so that correlated records cannot vouch for each other. On
// those scores it fits a temperature T and an exponent g: the softmax then
// divides the scores by T*n^g for a text with n known features. Last it
// turns probabilities into confidences: a prediction's Confidence is a
// 95% lower bound on the precision that predictions at least as probable
// had out of fold, weighed to the label mix of the records waiting for a
// label (Observe) rather than that of the golden set. With
// Config.AdjustPriors (the default) the probabilities themselves are
// moved to that mix, by Bayes' rule for a change of prior (Saerens et al.,
// 2002), from a second estimate of it (EM on the calibrated probabilities
// of the observed texts): a golden set holds a few records per label, the
// stream is mostly one or two labels, and the close calls should go to
// those. With Config.LabelPrecision (off) each label's predictions are
// also bounded alone, and Confidence is the lower bound. A prediction below
// Config.Threshold, or with no feature seen in training, is Unsure; the
// others were right at least a share Threshold of the time on data the
// model had not seen.
//
// A node would Train on a Datanet's golden records (with their groups),
// Observe the records waiting for a label, Add each new golden record as
// it is confirmed, and call Calibrate(ctx, nil) now and then: the
// classifier keeps the examples it needs (about two Predicts per record).
//
// # Encoding
//
// Marshal writes a compact binary encoding with a version byte (3: with
// the prior shift and label precision maps); Unmarshal accepts exactly
// what Marshal writes, and version 2, and is safe on untrusted bytes (size
// limits, strict canonical form, fuzzed).
//
// # Measured
//
// On the held-out benchmarks (autovalidate_test.go: a validator labels the
// first records of each label, the classifier votes on the rest), at the
// default threshold 0.8: python3.11-doc with 20 pages per label, accuracy
// 0.909, 86% of the pages voted on automatically, 95.2% of those votes
// right (99.6% on 82% with LabelPrecision); fortunes grouped in runs,
// accuracy 0.49, coverage 19%, precision 92.8%. Issue 13's target of 97%
// is met only by python3.11-doc with LabelPrecision. A multinomial
// logistic regression over TF-IDF features was tried and was no more
// accurate than complement naive Bayes on either benchmark.
//
// # Replacing it
//
// Callers depend on the Classifier and Trainer interfaces, so an LLM-backed
// classifier can take NaiveBayes's place.
package classify
