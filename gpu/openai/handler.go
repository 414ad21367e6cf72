package openai

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"
	"strings"
	"time"

	"github.com/provenet/provenet/gpu"
)

// Engine is what the handlers need of the inference engine.
type Engine interface {
	// Generate starts a request. The channel yields events and is closed
	// by the engine after the Done event. The engine watches ctx: when it
	// is cancelled (client gone) it stops generating and must not block
	// sending on the channel.
	Generate(ctx context.Context, req gpu.Request) (<-chan gpu.Event, error)
	// ChatPrompt applies the model's chat template to msgs.
	ChatPrompt(model string, msgs []gpu.Message) (string, error)
	// Models lists the servable models.
	Models() []gpu.ModelInfo
}

// Options configures the handlers. Zero fields take defaults.
type Options struct {
	// MaxBodyBytes caps request bodies (default 1 MiB); beyond it, 413.
	MaxBodyBytes int64
	// RetryAfter is sent with 429 responses, in whole seconds (default 1s).
	RetryAfter time.Duration
	// DefaultMaxTokens applies when a request sets no max_tokens; 0 leaves
	// it to the engine.
	DefaultMaxTokens int
	// MaxStop caps the number of stop sequences (default 16).
	MaxStop int
	// MaxChoices caps the choices of one request: n times the number of
	// prompts (default 16).
	MaxChoices int
	Logger     *slog.Logger
	// Extra, when set, supplies the x_provenet object of a finished
	// request (citations, receipt ID); nil omits it.
	Extra func(u *gpu.Usage) any
	// OnUsage, when set, receives the usage record of every finished
	// request.
	OnUsage func(gpu.Usage)
	// Rejected, when set, counts a completion request refused before it
	// ran, by reason (one of gpu.RejectReasons): a malformed body or
	// parameter (bad_request), an unknown model, a context overflow, a
	// full queue, a refused payment.
	Rejected func(reason string)
}

func (o *Options) defaults() {
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = 1 << 20
	}
	if o.RetryAfter <= 0 {
		o.RetryAfter = time.Second
	}
	if o.MaxStop <= 0 {
		o.MaxStop = 16
	}
	if o.MaxChoices <= 0 {
		o.MaxChoices = 16
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
}

type handler struct {
	e       Engine
	opts    Options
	log     *slog.Logger
	created int64 // reported as the creation time of every model
}

// Handler returns the API's routes. With a nil engine every route answers
// 503 (inference disabled).
func Handler(e Engine, opts Options) http.Handler {
	opts.defaults()
	h := &handler{e: e, opts: opts, log: opts.Logger, created: time.Now().Unix()}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/completions", h.completions)
	mux.HandleFunc("POST /v1/chat/completions", h.chatCompletions)
	mux.HandleFunc("GET /v1/models", h.listModels)
	mux.HandleFunc("GET /v1/models/{id...}", h.getModel)
	return h.guard(mux)
}

// guard answers 503 without an engine, and turns a panic in a handler
// into a 500 instead of a dropped connection.
func (h *handler) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h.e == nil {
			h.engineError(w, gpu.ErrDisabled)
			return
		}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler { //nolint:errorlint // sentinel panic value
					panic(p)
				}
				h.log.Error("openai handler panicked", "path", r.URL.Path, "panic", p)
				h.writeError(w, http.StatusInternalServerError, "server_error", "internal_error", "", "internal error")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// rejected counts a refused request.
func (h *handler) rejected(reason string) {
	if reason != "" && h.opts.Rejected != nil {
		h.opts.Rejected(reason)
	}
}

// badRequest answers and counts a request refused by the handler itself.
func (h *handler) badRequest(w http.ResponseWriter, code, param, msg string) {
	h.rejected(gpu.RejectBadRequest)
	h.writeError(w, http.StatusBadRequest, "invalid_request_error", code, param, msg)
}

// decode reads a JSON body into v, answering 413 or 400 on failure.
func (h *handler) decode(w http.ResponseWriter, r *http.Request, v any) bool {
	body := http.MaxBytesReader(w, r.Body, h.opts.MaxBodyBytes)
	err := jsonDecode(body, v)
	if err == nil {
		return true
	}
	h.rejected(gpu.RejectBadRequest)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		h.writeError(w, http.StatusRequestEntityTooLarge, "invalid_request_error", "request_too_large", "",
			"request body too large")
		return false
	}
	var pe *paramError
	if errors.As(err, &pe) {
		h.writeError(w, http.StatusBadRequest, "invalid_request_error", "invalid_value", pe.param, pe.msg)
		return false
	}
	var te *jsonTypeError
	if errors.As(err, &te) {
		field := strings.TrimPrefix(te.Field, "params.")
		h.writeError(w, http.StatusBadRequest, "invalid_request_error", "invalid_type", field,
			fmt.Sprintf("invalid type for %s: got %s, want %s", field, te.Value, jsonKind(te.Type)))
		return false
	}
	h.writeError(w, http.StatusBadRequest, "invalid_request_error", "", "", "invalid JSON body: "+err.Error())
	return false
}

// jsonKind names a Go type as the JSON kind it decodes from.
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "a different type"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "boolean"
	case reflect.String:
		return "string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Struct, reflect.Map:
		return "object"
	}
	return t.String()
}
