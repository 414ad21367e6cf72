package classify

import "fmt"

// Limits that hold whatever the Config says. They bound the memory a model,
// including one decoded from untrusted bytes, can take.
const (
	// MinBucketBits and MaxBucketBits bound Config.BucketBits.
	MinBucketBits = 8
	MaxBucketBits = 24
	// MaxLabelBytes is the longest label, in bytes.
	MaxLabelBytes = 256
	// MaxLabelsLimit is the largest Config.MaxLabels.
	MaxLabelsLimit = 4096
	// MaxCharNGram is the longest character n-gram.
	MaxCharNGram = 8
	// MaxCells bounds the count table: distinct used buckets times labels.
	// At 4 bytes a cell that is 256 MiB.
	MaxCells = 1 << 26
)

// Config configures a NaiveBayes classifier. The feature settings (bucket
// bits, n-grams, binary counts, smoothing, prior) are part of the model: a
// model trained with one Config gives the same predictions wherever it is
// loaded. Temperature, LengthExponent, Threshold and MaxTextBytes only
// affect prediction, and are saved with the model too, so that two nodes
// holding the same bytes also agree on what is unsure.
type Config struct {
	// BucketBits is log2 of the number of hash buckets features fall into.
	// Default 18 (262,144 buckets). Memory grows with the buckets that
	// training touches, not with this number: about 4 bytes per label plus
	// some 20 bytes of index for each such bucket.
	BucketBits int `toml:"bucket_bits"`
	// WordBigrams adds pairs of adjacent words to the single words.
	// Default true.
	WordBigrams bool `toml:"word_bigrams"`
	// CharNGramMin and CharNGramMax add the character n-grams of each word,
	// padded with boundary marks, for n in [CharNGramMin, CharNGramMax].
	// 0 and 0 turn them off. Default 3 and 5: they help with misspellings,
	// inflections and languages without spaces, at the cost of speed (about
	// ten times the features of words alone).
	CharNGramMin int `toml:"char_ngram_min"`
	CharNGramMax int `toml:"char_ngram_max"`
	// Complement scores each label by how unlike the other labels' texts a
	// text is (complement naive Bayes, Rennie et al. 2003) rather than by
	// how like its own. It uses the same counts, and does much better when
	// labels have very different numbers of examples, as golden sets do.
	// Its probabilities are then a softmax of those scores rather than a
	// Bayes posterior; Calibrate makes them match observed accuracy.
	// Default true.
	Complement bool `toml:"complement"`
	// Binary counts a feature at most once per text (binarized multinomial
	// naive Bayes), which usually helps short texts. Default true.
	Binary bool `toml:"binary"`
	// Alpha is the Lidstone smoothing constant added to every feature count
	// (1 is Laplace smoothing). Default 1; 0.1 suits Complement false.
	Alpha float64 `toml:"alpha"`
	// FitPrior uses the label frequencies of the training examples as prior
	// probabilities; false uses a uniform prior, which does not hold a label
	// back for being rare in the golden set. Default false.
	FitPrior bool `toml:"fit_prior"`
	// Temperature divides the log-likelihoods before the softmax that turns
	// them into probabilities. Naive Bayes is overconfident because it
	// treats features as independent; a temperature above 1 softens that.
	// It never changes the top label. Default 1; Calibrate fits one.
	// Uncalibrated, confidences are the plain naive Bayes posterior.
	Temperature float64 `toml:"temperature"`
	// LengthExponent makes the temperature grow with the evidence: the
	// softmax divides by Temperature * n^LengthExponent, where n counts the
	// text's features seen in training. Long texts otherwise get extreme
	// confidences, since every feature adds its full weight as if it were
	// independent of the rest. Default 0; Calibrate fits one.
	LengthExponent float64 `toml:"length_exponent"`
	// AdjustPriors makes Predict adjust its probabilities to the label mix
	// of the records waiting for a label, as Calibrate estimates it from the
	// texts Observe saw (at least 20): Bayes' rule for a change of prior.
	// A golden set has a few records of each label, the stream may be
	// nearly all one label; adjusted, the common labels win the close calls,
	// which makes more predictions right and more of them sure. Default
	// true.
	AdjustPriors bool `toml:"adjust_priors"`
	// LabelPrecision also bounds, in Calibrate, the precision of each
	// label's predictions alone, and makes a prediction's Confidence the
	// lower of that bound and the bound over all predictions. It catches a
	// label that draws the records of a commoner one (python3.11-doc, 20
	// pages per label: precision 0.952 -> 0.996 at 0.8, coverage 0.857 ->
	// 0.819), but a label whose stream share is underestimated is then
	// never sure (with 10 pages per label, no votes at all). Default false.
	LabelPrecision bool `toml:"label_precision"`
	// Threshold is the confidence below which a prediction is Unsure and
	// goes to validators as such. Once calibrated, the predictions at or
	// above it were right at least this share of the time on data the
	// model had not seen (see Calibrate). Default 0.8, the node's
	// tasks.confidence.
	Threshold float64 `toml:"threshold"`
	// MaxTextBytes is how much of a text is read, in bytes; the rest is
	// ignored (the cut falls on a UTF-8 boundary). Default 64 KiB.
	MaxTextBytes int `toml:"max_text_bytes"`
	// MaxLabels bounds the distinct labels. Default 256.
	MaxLabels int `toml:"max_labels"`
}

// DefaultConfig returns the defaults.
func DefaultConfig() Config {
	return Config{
		BucketBits:   18,
		WordBigrams:  true,
		CharNGramMin: 3,
		CharNGramMax: 5,
		Complement:   true,
		Binary:       true,
		Alpha:        1,
		FitPrior:     false,
		AdjustPriors: true,
		Temperature:  1,
		Threshold:    0.8,
		MaxTextBytes: 64 << 10,
		MaxLabels:    256,
	}
}

// Validate checks the configuration.
func (c Config) Validate() error {
	switch {
	case c.BucketBits < MinBucketBits || c.BucketBits > MaxBucketBits:
		return fmt.Errorf("%w: bucket_bits %d, want %d..%d", ErrInvalidConfig, c.BucketBits, MinBucketBits, MaxBucketBits)
	case c.CharNGramMin < 0 || c.CharNGramMax < 0 || c.CharNGramMax > MaxCharNGram:
		return fmt.Errorf("%w: char n-grams %d..%d, want 0..%d", ErrInvalidConfig, c.CharNGramMin, c.CharNGramMax, MaxCharNGram)
	case (c.CharNGramMin == 0) != (c.CharNGramMax == 0) || c.CharNGramMin > c.CharNGramMax:
		return fmt.Errorf("%w: char n-grams %d..%d: set both (min <= max) or neither", ErrInvalidConfig, c.CharNGramMin, c.CharNGramMax)
	case !(c.Alpha >= 1e-6 && c.Alpha <= 100):
		return fmt.Errorf("%w: alpha %v, want 1e-6..100", ErrInvalidConfig, c.Alpha)
	case !(c.Temperature >= 1e-3 && c.Temperature <= 1e6):
		return fmt.Errorf("%w: temperature %v, want 0.001..1e6", ErrInvalidConfig, c.Temperature)
	case !(c.LengthExponent >= 0 && c.LengthExponent <= 2):
		return fmt.Errorf("%w: length_exponent %v, want 0..2", ErrInvalidConfig, c.LengthExponent)
	case !(c.Threshold >= 0 && c.Threshold <= 1):
		return fmt.Errorf("%w: threshold %v, want 0..1", ErrInvalidConfig, c.Threshold)
	case c.MaxTextBytes < 1 || c.MaxTextBytes > 1<<30:
		return fmt.Errorf("%w: max_text_bytes %d, want 1..1 GiB", ErrInvalidConfig, c.MaxTextBytes)
	case c.MaxLabels < 1 || c.MaxLabels > MaxLabelsLimit:
		return fmt.Errorf("%w: max_labels %d, want 1..%d", ErrInvalidConfig, c.MaxLabels, MaxLabelsLimit)
	}
	return nil
}
