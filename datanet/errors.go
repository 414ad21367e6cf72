package datanet

import (
	"errors"
	"fmt"
)

// Sentinel errors. Functions wrap them with detail, so test with errors.Is.
var (
	// ErrMalformed reports bytes that are not the canonical encoding of an
	// object: bad CBOR, unknown or duplicate keys, non-canonical forms,
	// invalid UTF-8.
	ErrMalformed = errors.New("datanet: malformed")
	// ErrTooLarge reports an object or field over its size limit.
	ErrTooLarge = errors.New("datanet: too large")
	// ErrBadSignature reports a missing or wrong signature. Errors that carry
	// it also carry account.ErrBadSignature when the account package
	// rejected the signature.
	ErrBadSignature = errors.New("datanet: bad signature")
	// ErrUnknownDatanet reports a record for a Datanet the store does not hold.
	ErrUnknownDatanet = errors.New("datanet: unknown datanet")
	// ErrLabelNotInSchema reports a record label outside its Datanet's schema.
	ErrLabelNotInSchema = errors.New("datanet: label not in schema")
	// ErrNotFound reports a missing Datanet, Record or metadata key.
	ErrNotFound = errors.New("datanet: not found")
	// ErrInvalid reports a structural problem: a bad quorum, unsorted
	// labels, a zero timestamp, an invalid configuration or query.
	ErrInvalid = errors.New("datanet: invalid")
	// ErrClosed reports a call on a closed Store.
	ErrClosed = errors.New("datanet: store closed")
)

// ErrContent reports record content or a source that no Datanet stores:
// empty or whitespace-only content, a control character other than tab,
// newline and carriage return, or invalid UTF-8. It wraps ErrInvalid.
var ErrContent = fmt.Errorf("%w: content", ErrInvalid)
