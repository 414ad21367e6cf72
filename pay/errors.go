package pay

import "errors"

// Sentinel errors; test with errors.Is. Most come wrapped with detail.
var (
	// ErrBadSignature reports a signature that is malformed, or made by an
	// address that is neither the payer nor a signer bound to it.
	ErrBadSignature = errors.New("pay: bad signature")
	// ErrWrongOperator reports an authorization or voucher for another
	// operator.
	ErrWrongOperator = errors.New("pay: wrong operator")
	// ErrWrongEpoch reports an authorization or voucher for another epoch.
	ErrWrongEpoch = errors.New("pay: wrong epoch")
	// ErrPriceTooLow reports an authorization whose prices are below the
	// operator's.
	ErrPriceTooLow = errors.New("pay: price too low")
	// ErrReplay reports a request (or a receipt) seen before.
	ErrReplay = errors.New("pay: replayed request")
	// ErrInsufficientFunds reports an authorization whose maximum exceeds
	// what the payer has left in escrow.
	ErrInsufficientFunds = errors.New("pay: insufficient funds")
	// ErrOverAuthorised reports a fee above the authorization's maximum.
	ErrOverAuthorised = errors.New("pay: fee over the authorised maximum")
	// ErrOverflow reports an amount that does not fit a uint64. It comes
	// wrapped together with attribution.ErrOverflow where the fee formula
	// overflowed.
	ErrOverflow = errors.New("pay: amount overflow")
	// ErrTicketClosed reports a Charge or Release of a ticket already
	// charged or released.
	ErrTicketClosed = errors.New("pay: ticket already closed")
	// ErrStaleVoucher reports a voucher whose amount is below the one held
	// for the same payer and epoch.
	ErrStaleVoucher = errors.New("pay: stale voucher")
	// ErrReceiptMismatch reports a receipt that does not match the request
	// the payer made or the answer it received; the message names the
	// field.
	ErrReceiptMismatch = errors.New("pay: receipt mismatch")
	// ErrInvalidAPIKey reports a malformed API key.
	ErrInvalidAPIKey = errors.New("pay: invalid API key")
	// ErrMalformed reports bytes that are not the canonical encoding of a
	// signed authorization or voucher, or one that breaks a structural
	// rule.
	ErrMalformed = errors.New("pay: malformed")
	// ErrTooLarge reports an encoding over its size limit.
	ErrTooLarge = errors.New("pay: too large")
	// ErrNoVoucher reports a (payer, operator) pair with receipts but no
	// usable voucher.
	ErrNoVoucher = errors.New("pay: no voucher")
	// ErrNoReceipts reports a voucher whose (payer, operator) pair has no
	// receipts in the epoch.
	ErrNoReceipts = errors.New("pay: no receipts")
	// ErrSettleInput reports settlement input that breaks its contract (a
	// receipt of another epoch, bad split parameters, a nil receipt).
	ErrSettleInput = errors.New("pay: bad settlement input")
	// ErrNotClaimant reports an account without a claim in a settlement.
	ErrNotClaimant = errors.New("pay: no claim for account")
)
