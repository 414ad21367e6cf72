package classify

import "errors"

// Sentinel errors. Functions wrap them with detail, so test with errors.Is.
var (
	// ErrNoLabels reports training data, or a model, with no labelled
	// example: there is nothing to choose between.
	ErrNoLabels = errors.New("classify: no labels")
	// ErrUntrained reports a prediction from a model that was never trained.
	ErrUntrained = errors.New("classify: untrained")
	// ErrInvalidLabel reports an empty label, a label that is not valid
	// UTF-8, or one longer than MaxLabelBytes.
	ErrInvalidLabel = errors.New("classify: invalid label")
	// ErrTooManyLabels reports more distinct labels than Config.MaxLabels
	// allows.
	ErrTooManyLabels = errors.New("classify: too many labels")
	// ErrNotInModel reports a Calibrate example that the model was not
	// trained on.
	ErrNotInModel = errors.New("classify: example not in model")
	// ErrInvalidConfig reports a Config that Validate rejects.
	ErrInvalidConfig = errors.New("classify: invalid config")
	// ErrMalformed reports model bytes that are not a canonical encoding of
	// a model: bad magic, truncation, trailing bytes, non-canonical forms.
	ErrMalformed = errors.New("classify: malformed model")
	// ErrVersion reports model bytes written by an unknown format version.
	ErrVersion = errors.New("classify: unsupported model version")
	// ErrTooLarge reports model bytes, or a model, over a size limit.
	ErrTooLarge = errors.New("classify: too large")
)
