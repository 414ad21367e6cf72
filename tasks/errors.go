package tasks

import (
	"errors"
	"fmt"
)

// Sentinel errors; test with errors.Is.
var (
	// ErrMalformed reports bytes that are not a canonical encoding.
	ErrMalformed = errors.New("tasks: malformed")
	// ErrTooLarge reports an object over its size limit.
	ErrTooLarge = errors.New("tasks: too large")
	// ErrBadSignature reports a missing or wrong signature.
	ErrBadSignature = errors.New("tasks: bad signature")
	// ErrInvalid reports a structurally invalid task, result or config.
	ErrInvalid = errors.New("tasks: invalid")
	// ErrNotAuthorized reports a signer without the right to sign it (a
	// crawl task not signed by the Datanet's owner, a gold reveal that
	// matches no commitment).
	ErrNotAuthorized = errors.New("tasks: not authorized")
	// ErrFinal reports a vote on a record whose outcome is already final.
	ErrFinal = errors.New("tasks: record is final")
)

// ErrVerdict reports a vote that is not exactly one of an accept with a
// label (or, in a Datanet without labels, a plain accept) and a reject
// without a label. It wraps ErrInvalid.
var ErrVerdict = fmt.Errorf("%w: verdict", ErrInvalid)
