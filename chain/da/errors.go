package da

import "errors"

// Sentinel errors. Wrapped errors keep them reachable through errors.Is.
var (
	ErrMalformedCommitment = errors.New("da: malformed commitment")
	ErrUnsupportedVersion  = errors.New("da: unsupported commitment version")
	ErrCommitmentMismatch  = errors.New("da: commitment mismatch")
	ErrPayloadTooLarge     = errors.New("da: payload too large")
	ErrEmptyPayload        = errors.New("da: empty payload")
	ErrNotFound            = errors.New("da: blob not found")
	ErrSRSTooSmall         = errors.New("da: SRS too small")
	ErrMalformedSRS        = errors.New("da: malformed SRS")
	ErrUnverifiable        = errors.New("da: commitment cannot be verified locally")
	ErrMalformedManifest   = errors.New("da: malformed batch manifest")
	ErrBatchTooLarge       = errors.New("da: batch too large")
	ErrServer              = errors.New("da: server error")
	ErrInvalidConfig       = errors.New("da: invalid config")
	ErrNotStarted          = errors.New("da: server not started")
	ErrAlreadyStarted      = errors.New("da: server already started")
)
