package attribution

import "errors"

// Sentinel errors; test with errors.Is. Most are wrapped with detail.
var (
	// ErrMalformed reports bytes that are not a canonical receipt encoding,
	// or a receipt that breaks a structural rule (see Receipt.Validate).
	ErrMalformed = errors.New("attribution: malformed receipt")
	// ErrVersion reports a receipt of a version other than ReceiptVersion
	// (a version 1 receipt, for example). It comes wrapped together with
	// ErrMalformed.
	ErrVersion = errors.New("attribution: unsupported receipt version")
	// ErrTooLarge reports an object over its size limit.
	ErrTooLarge = errors.New("attribution: too large")
	// ErrBadSignature reports a missing signature or one not made by the
	// receipt's Operator.
	ErrBadSignature = errors.New("attribution: bad signature")
	// ErrStaleEpoch reports a receipt older than the accepted epoch lag.
	ErrStaleEpoch = errors.New("attribution: receipt epoch too old")
	// ErrFutureEpoch reports a receipt from an epoch that has not begun.
	ErrFutureEpoch = errors.New("attribution: receipt epoch in the future")
	// ErrDuplicate reports a receipt ID seen before.
	ErrDuplicate = errors.New("attribution: duplicate receipt")
	// ErrOverflow reports an amount that does not fit a uint64.
	ErrOverflow = errors.New("attribution: amount overflow")
	// ErrBadParams reports invalid split parameters.
	ErrBadParams = errors.New("attribution: bad split parameters")
	// ErrEpochClosed reports a receipt added to an epoch already closed.
	ErrEpochClosed = errors.New("attribution: epoch closed")
	// ErrNoReceipts reports Close on an epoch without receipts.
	ErrNoReceipts = errors.New("attribution: no receipts in epoch")
	// ErrNotFound reports a receipt ID not in an epoch's tree.
	ErrNotFound = errors.New("attribution: receipt not in epoch")
	// ErrBadToken reports a token id outside [0, MaxToken].
	ErrBadToken = errors.New("attribution: token id out of range")
	// ErrIndexFormat reports a serialized index that is truncated, of an
	// unknown version, fails its checksum or is inconsistent.
	ErrIndexFormat = errors.New("attribution: bad index encoding")
	// ErrIndexFull reports an index over MaxIndexTokens, or a Builder side
	// index over its limit (rebuild first).
	ErrIndexFull = errors.New("attribution: index full")
)
