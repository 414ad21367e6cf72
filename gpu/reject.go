package gpu

import (
	"context"
	"errors"
)

// Reasons a request is refused before it runs, the label values of the
// inference rejection counter. The set is closed, so that the series stay
// bounded.
const (
	RejectQueueFull       = "queue_full"
	RejectContextLength   = "context_length"
	RejectBadRequest      = "bad_request"
	RejectPaymentRequired = "payment_required"
	RejectUnknownModel    = "unknown_model"
)

// RejectReasons lists every reason.
var RejectReasons = []string{RejectQueueFull, RejectContextLength, RejectBadRequest, RejectPaymentRequired, RejectUnknownModel}

// RejectReason maps a refusal to its reason, "" when err is not a refusal
// of the request (the engine stopped, the client left, an adapter failed
// to load).
func RejectReason(err error) string {
	var ce *ContextError
	switch {
	case err == nil, errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return ""
	case errors.As(err, &ce):
		return RejectContextLength
	case errors.Is(err, ErrQueueFull):
		return RejectQueueFull
	case errors.Is(err, ErrPaymentRequired):
		return RejectPaymentRequired
	case errors.Is(err, ErrUnknownModel):
		return RejectUnknownModel
	case errors.Is(err, ErrBadRequest):
		return RejectBadRequest
	}
	return ""
}
