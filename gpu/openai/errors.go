package openai

import (
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"strconv"

	"github.com/provenet/provenet/gpu"
)

// writeError writes an error in OpenAI's shape; empty code and param are
// null.
func (h *handler) writeError(w http.ResponseWriter, status int, typ, code, param, msg string) {
	writeJSON(w, status, errorBody(typ, code, param, msg))
}

func errorBody(typ, code, param, msg string) *errorJSON {
	var e errorJSON
	e.Error.Message, e.Error.Type = msg, typ
	if code != "" {
		e.Error.Code = &code
	}
	if param != "" {
		e.Error.Param = &param
	}
	return &e
}

// classify maps an engine error to a status, an OpenAI error type and
// code, and a message safe to show.
func classify(err error) (status int, typ, code, msg string) {
	var ce *gpu.ContextError
	switch {
	case errors.As(err, &ce):
		return http.StatusBadRequest, "invalid_request_error", "context_length_exceeded", ce.Message()
	case errors.Is(err, gpu.ErrPaymentRequired):
		return http.StatusPaymentRequired, "insufficient_quota", "insufficient_funds", err.Error()
	case errors.Is(err, gpu.ErrBadRequest):
		return http.StatusBadRequest, "invalid_request_error", "", err.Error()
	case errors.Is(err, gpu.ErrUnknownModel):
		return http.StatusNotFound, "invalid_request_error", "model_not_found", err.Error()
	case errors.Is(err, gpu.ErrQueueFull):
		return http.StatusTooManyRequests, "rate_limit_error", "rate_limit_exceeded", "server busy: request queue full, retry later"
	case errors.Is(err, gpu.ErrDisabled), errors.Is(err, gpu.ErrStopped):
		return http.StatusServiceUnavailable, "server_error", "service_unavailable", err.Error()
	}
	return http.StatusInternalServerError, "server_error", "internal_error", "internal error"
}

// engineError answers an error from the engine.
func (h *handler) engineError(w http.ResponseWriter, err error) { h.jobError(w, nil, err) }

// jobError answers an engine error about job j (nil: no job yet); a
// context overflow names the parameter to shorten as OpenAI does,
// "messages" or "prompt".
func (h *handler) jobError(w http.ResponseWriter, j *job, err error) {
	status, typ, code, msg := classify(err)
	if status < 500 {
		h.rejected(gpu.RejectReason(err))
	}
	param := ""
	if code == "context_length_exceeded" && j != nil {
		param = "prompt"
		if j.chat {
			param = "messages"
		}
	}
	if status == http.StatusTooManyRequests {
		secs := int(math.Ceil(h.opts.RetryAfter.Seconds()))
		w.Header().Set("Retry-After", strconv.Itoa(max(secs, 1)))
	}
	if status >= 500 {
		h.log.Warn("inference request failed", "status", status, "err", err)
	}
	h.writeError(w, status, typ, code, param, msg)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // a write error means the client left
}
