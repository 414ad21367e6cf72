package node

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/provenet/provenet/chain"
	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/gpu/adaptercache"
	"github.com/provenet/provenet/points"
	"github.com/provenet/provenet/tasks"
)

// apiError is the body of every error response.
type apiError struct {
	Error string `json:"error"`
	Code  string `json:"code"`
}

// apiErrors is the one table from domain errors to HTTP statuses and stable
// codes. The first entry whose error matches (errors.Is) wins, so the more
// specific errors come first.
var apiErrors = []struct {
	err    error
	status int
	code   string
}{
	{datanet.ErrTooLarge, http.StatusRequestEntityTooLarge, "too_large"},
	{datanet.ErrUnknownDatanet, http.StatusNotFound, "unknown_datanet"},
	{datanet.ErrNotFound, http.StatusNotFound, "not_found"},
	{datanet.ErrBadSignature, http.StatusBadRequest, "bad_signature"},
	{datanet.ErrLabelNotInSchema, http.StatusBadRequest, "label_not_in_schema"},
	{datanet.ErrMalformed, http.StatusBadRequest, "invalid"},
	{datanet.ErrInvalid, http.StatusBadRequest, "invalid"},
	{errBadRequest, http.StatusBadRequest, "invalid"},
	{tasks.ErrNotAuthorized, http.StatusForbidden, "forbidden"},
	{tasks.ErrFinal, http.StatusConflict, "record_final"},
	{tasks.ErrVerdict, http.StatusBadRequest, "invalid_verdict"},
	{tasks.ErrInvalid, http.StatusBadRequest, "invalid"},
	{tasks.ErrMalformed, http.StatusBadRequest, "invalid"},
	{ErrUnauthorized, http.StatusUnauthorized, "unauthorized"},
	{ErrInvalidAPIKey, http.StatusUnauthorized, "invalid_api_key"},
	{ErrHostNotAllowed, http.StatusForbidden, "host_not_allowed"},
	{ErrOriginNotAllowed, http.StatusForbidden, "origin_not_allowed"},
	{ErrContentType, http.StatusUnsupportedMediaType, "unsupported_media_type"},
	{ErrBatchTooLarge, http.StatusRequestEntityTooLarge, "batch_too_large"},
	{ErrAPIKeyNotFound, http.StatusNotFound, "not_found"},
	{ErrNoGrant, http.StatusForbidden, "no_grant"},
	{ErrNoTrainer, http.StatusServiceUnavailable, "no_trainer"},
	{gpu.ErrDisabled, http.StatusServiceUnavailable, "inference_disabled"},
	{gpu.ErrUnknownModel, http.StatusNotFound, "model_not_found"},
	{gpu.ErrQueueFull, http.StatusTooManyRequests, "queue_full"},
	{adaptercache.ErrPinned, http.StatusConflict, "adapter_in_use"},
	{ErrReceiptNotFound, http.StatusNotFound, "not_found"},
	{points.ErrNotInSnapshot, http.StatusNotFound, "not_found"},
	{chain.ErrEpochNotAnchored, http.StatusNotFound, "not_anchored"},
	{ErrEpochOpen, http.StatusConflict, "epoch_open"},
	{ErrAttributionDisabled, http.StatusServiceUnavailable, "attribution_disabled"},
	{chain.ErrNoChain, http.StatusServiceUnavailable, "no_chain"},
	{ErrPayDisabled, http.StatusServiceUnavailable, "payments_disabled"},
	{chain.ErrAlreadyClaimed, http.StatusConflict, "already_claimed"},
	{chain.ErrInvalidProof, http.StatusBadRequest, "invalid_proof"},
	{chain.ErrNoContract, http.StatusServiceUnavailable, "no_contract"},
	{chain.ErrStillThawing, http.StatusConflict, "still_thawing"},
	{chain.ErrNotThawing, http.StatusConflict, "not_thawing"},
	{chain.ErrInsufficientBalance, http.StatusConflict, "insufficient_balance"},
	{chain.ErrSignerBound, http.StatusConflict, "signer_bound"},
	{ErrDANotConfigured, http.StatusServiceUnavailable, "no_da"},
	{context.Canceled, http.StatusServiceUnavailable, "unavailable"},
	{context.DeadlineExceeded, http.StatusServiceUnavailable, "unavailable"},
}

// statusCodes are the codes of statuses set without a table entry: a
// client error is never "internal".
var statusCodes = map[int]string{
	http.StatusBadRequest:            "invalid",
	http.StatusUnauthorized:          "unauthorized",
	http.StatusForbidden:             "forbidden",
	http.StatusNotFound:              "not_found",
	http.StatusConflict:              "conflict",
	http.StatusRequestEntityTooLarge: "too_large",
	http.StatusTooManyRequests:       "rate_limited",
	http.StatusServiceUnavailable:    "unavailable",
}

// errorStatus maps an error to its HTTP status and stable code.
func errorStatus(err error) (int, string) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge, "too_large"
	}
	for _, e := range apiErrors {
		if errors.Is(err, e.err) {
			return e.status, e.code
		}
	}
	return http.StatusInternalServerError, "internal"
}

// codeFor is the stable code of err sent with status: the table's code
// when the table maps err to that status, otherwise the status's own.
func codeFor(status int, err error) string {
	if s, c := errorStatus(err); s == status {
		return c
	}
	if c, ok := statusCodes[status]; ok {
		return c
	}
	if status >= 400 && status < 500 {
		return "invalid"
	}
	return "internal"
}

var errBadRequest = errors.New("bad request")

func badRequest(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errBadRequest, fmt.Sprintf(format, args...))
}

// writeError answers with status, for handlers that know better than the
// table (a body that did not parse is a 400 whatever the parser said).
func writeError(w http.ResponseWriter, status int, err error) {
	writeJSON(w, status, apiError{Error: err.Error(), Code: codeFor(status, err)})
}

// writeErr answers with the status the table gives err.
func writeErr(w http.ResponseWriter, err error) {
	status, code := errorStatus(err)
	writeJSON(w, status, apiError{Error: err.Error(), Code: code})
}
