package classify

import (
	"context"
	"fmt"
	"unicode/utf8"
)

// Classifier labels text. NaiveBayes implements it; an LLM-backed
// classifier can replace it behind the same interface.
type Classifier interface {
	// Predict labels one text. It fails with ErrUntrained before the
	// classifier knows any label, and with ctx's error once ctx is done.
	Predict(ctx context.Context, text string) (Prediction, error)
	// Labels returns the labels Predict can return, sorted.
	Labels() []string
}

// Trainer learns from labelled examples, such as a Datanet's golden records.
type Trainer interface {
	// Train replaces what was learnt with what examples teach. The result
	// does not depend on the order of examples.
	Train(examples []Example) error
	// Add learns one more example, as cheaply as the classifier allows.
	// Training on a set and then adding examples gives the same classifier
	// as training on the union.
	Add(example Example) error
}

// Example is one labelled text. Group and Submitter say where it came
// from, for calibration: Calibrate never scores an example with a model
// that saw another example of its group (or, separately, of its
// submitter), so correlated examples (the pages of one site, the chunks of
// one document, the records of one person) do not make it overconfident.
type Example struct {
	Text  string `json:"text"`
	Label string `json:"label"`
	// Group is the example's source: a site or a document (see
	// SourceGroup). Empty: the example is a group of its own.
	Group string `json:"group,omitempty"`
	// Submitter is who contributed it. Empty: unknown.
	Submitter string `json:"submitter,omitempty"`
}

// Prediction is the label chosen for a text and how sure the classifier is.
type Prediction struct {
	// Label is the most probable label.
	Label string `json:"label"`
	// Confidence is, once Calibrate has run, a lower bound on the
	// precision that predictions at least this probable had on groups the
	// model had not seen: a Threshold t keeps the predictions whose
	// Confidence is at least t, and those were right at least a share t of
	// the time (see Calibrate). Before, it is Label's probability. It is
	// in [0, 1]; Scores[0].Probability is the probability.
	Confidence float64 `json:"confidence"`
	// Unsure is true when Confidence is below the configured threshold or
	// when no feature of the text was seen in training: the label then goes
	// to validators marked unsure.
	Unsure bool `json:"unsure"`
	// Scores holds every label's probability, highest first (ties in label
	// order). The probabilities sum to 1; Scores[0] is Label's.
	Scores []LabelScore `json:"scores"`
}

// LabelScore is one label's posterior probability.
type LabelScore struct {
	Label       string  `json:"label"`
	Probability float64 `json:"probability"`
}

// ValidateLabel checks that label is usable: non-empty, valid UTF-8 and at
// most MaxLabelBytes long.
func ValidateLabel(label string) error {
	switch {
	case label == "":
		return fmt.Errorf("%w: empty", ErrInvalidLabel)
	case len(label) > MaxLabelBytes:
		return fmt.Errorf("%w: %d bytes, limit %d", ErrInvalidLabel, len(label), MaxLabelBytes)
	case !utf8.ValidString(label):
		return fmt.Errorf("%w: %q is not valid UTF-8", ErrInvalidLabel, label)
	}
	return nil
}
