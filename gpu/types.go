package gpu

import (
	"errors"
	"fmt"
	"time"
)

// Errors the engine returns; handlers map them to HTTP status codes.
var (
	// ErrQueueFull: the bounded request queue is full (HTTP 429).
	ErrQueueFull = errors.New("gpu: request queue full")
	// ErrUnknownModel: no base model or adapter by that name (HTTP 404).
	ErrUnknownModel = errors.New("gpu: unknown model")
	// ErrBadRequest: the request is malformed (HTTP 400).
	ErrBadRequest = errors.New("gpu: bad request")
	// ErrDisabled: this node has no inference role or no model (HTTP 503).
	ErrDisabled = errors.New("gpu: inference disabled on this node")
	// ErrStopped: the engine is shutting down (HTTP 503).
	ErrStopped = errors.New("gpu: engine stopped")
	// ErrContextLength: the prompt plus max_tokens do not fit the model's
	// context (HTTP 400, code context_length_exceeded); the engine returns
	// a *ContextError, which matches ErrBadRequest too.
	ErrContextLength = errors.New("gpu: context length exceeded")
	// ErrPaymentRequired: the request's payer cannot cover it, or its
	// payment authorization was refused, before any token was generated
	// (HTTP 402, code insufficient_funds).
	ErrPaymentRequired = errors.New("gpu: payment required")
)

// ContextError is the refusal of a request that does not fit the
// model's context. It matches ErrContextLength and ErrBadRequest.
type ContextError struct {
	// Context is the model's context length; Prompt and MaxTokens are
	// the request's (MaxTokens 0: none was asked for, and the prompt
	// alone leaves no room).
	Context, Prompt, MaxTokens int
}

// Message is the explanation for the client, in OpenAI's words.
func (e *ContextError) Message() string {
	if e.MaxTokens == 0 {
		return fmt.Sprintf("This model's maximum context length is %d tokens. However, your prompt has %d tokens, which leaves no room for the completion. Please reduce the length of the prompt.",
			e.Context, e.Prompt)
	}
	return fmt.Sprintf("This model's maximum context length is %d tokens. However, you requested %d tokens (%d in the prompt, %d in max_tokens). Please reduce the length of the prompt or max_tokens.",
		e.Context, e.Prompt+e.MaxTokens, e.Prompt, e.MaxTokens)
}

func (e *ContextError) Error() string { return "gpu: context length exceeded: " + e.Message() }

// Is matches ErrContextLength and ErrBadRequest.
func (e *ContextError) Is(target error) bool {
	return target == ErrContextLength || target == ErrBadRequest
}

// Sampling holds the decoding parameters of one request. The zero value
// is greedy decoding.
type Sampling struct {
	// Temperature 0 means greedy (argmax); the other fields then do not
	// matter.
	Temperature float32
	// TopK keeps the K most likely tokens; 0 disables.
	TopK int
	// TopP keeps the smallest set whose probability mass reaches TopP;
	// 0 or 1 disables.
	TopP float32
	// MinP drops tokens whose probability is below MinP times the top
	// token's; 0 disables.
	MinP float32
	// Seed makes sampling reproducible for a request.
	Seed uint64
}

// AdapterWeight names one adapter of a request and its weight in a
// weighted ensemble (1 for a single adapter).
type AdapterWeight struct {
	Name   string  `json:"name"`
	Weight float32 `json:"weight"`
}

// Request is one generation request.
type Request struct {
	ID string
	// Model names a base model or an adapter (by name or CID).
	Model string
	// Adapters, when set, is a weighted ensemble applied on Model's base.
	Adapters []AdapterWeight
	// Prompt is the text to complete (chat templates already applied).
	Prompt string
	// MaxTokens caps the generated tokens. A prompt plus MaxTokens beyond
	// the context is refused with ErrContextLength. 0 means
	// DefaultMaxTokens, which is cut to the room the context leaves.
	MaxTokens int
	// DefaultMaxTokens applies when MaxTokens is 0 (0: the engine's).
	DefaultMaxTokens int
	// Stop sequences end generation; they are not included in the output.
	Stop     []string
	Sampling Sampling
	// PromptIDs, when set, is the prompt as token ids, used as given (no
	// BOS is added); Prompt is then ignored.
	PromptIDs []int32
	// Logprobs asks for the log-probability of every generated token and
	// of the TopLogprobs (0..MaxTopLogprobs) most likely tokens at its
	// position, from the model's logits (a log-softmax before temperature
	// and truncation), on each Event.
	Logprobs    bool
	TopLogprobs int
	// Echo asks for the prompt's tokens, with their log-probabilities when
	// Logprobs is set, on one event before the first generated token.
	Echo bool
	// PromptOnly, with Echo, scores the prompt and generates nothing (the
	// request finishes with "length").
	PromptOnly bool
	// JSON constrains the output to one JSON object (OpenAI's
	// response_format {"type": "json_object"}): only tokens that keep the
	// output a prefix of a JSON object are sampled, and generation ends
	// when the object closes (finish reason "stop"). A request that hits
	// MaxTokens first ends with "length" and an unfinished object, as
	// OpenAI's does.
	JSON bool
	// Budget, when set, is asked once the prompt is tokenized, with its
	// token count, for the most tokens the request may generate (what its
	// payment covers); generation stops there (finish reason "length").
	// Its error refuses the request before any token is generated.
	Budget func(promptTokens int) (int, error)
}

// MaxTopLogprobs caps Request.TopLogprobs (OpenAI's limit for chat).
const MaxTopLogprobs = 20

// TokenLogprob is one token with its log-probability under the model.
type TokenLogprob struct {
	Token int32
	// Bytes is the token's text; a byte-fallback token may hold part of
	// a UTF-8 character.
	Bytes []byte
	// Logprob is NaN for the first prompt token, which nothing predicts.
	Logprob float32
	// Top holds the most likely tokens at this position, most likely
	// first (Request.TopLogprobs of them; none for the first prompt token).
	Top []TokenLogprob
}

// Event is one step of a generation stream. The last event has Done set
// and carries the finish reason and the usage record.
type Event struct {
	// Text is the newly decoded text (may be empty while a multi-byte
	// character is incomplete).
	Text string
	// Token is the sampled token id (-1 on the final event).
	Token int32
	Done  bool
	// FinishReason is "stop", "length" or "cancelled" on the final event.
	FinishReason string
	Usage        *Usage
	Err          error
	// Logprob is the generated token's, when the request asked for
	// logprobs (nil on events without a token).
	Logprob *TokenLogprob
	// Prompt and PromptText are set on the one event (Token -1) an Echo
	// request gets before its first generated token: the prompt's tokens
	// and their decoded text (control tokens left out).
	Prompt     []TokenLogprob
	PromptText string
}

// AdapterUse is one adapter that shaped an answer, by content ID.
type AdapterUse struct {
	Name   string  `json:"name"`
	CID    string  `json:"cid"`
	Weight float32 `json:"weight"`
}

// Usage is the record of one finished request. The attribution package
// turns it into a signed receipt; the engine knows nothing of chains.
type Usage struct {
	RequestID    string       `json:"request_id"`
	Base         string       `json:"base"`
	BaseCID      string       `json:"base_cid"`
	Adapters     []AdapterUse `json:"adapters,omitempty"`
	PromptTokens int          `json:"prompt_tokens"`
	OutputTokens int          `json:"output_tokens"`
	PromptIDs    []int32      `json:"prompt_ids,omitempty"`
	OutputIDs    []int32      `json:"output_ids"`
	Text         string       `json:"text"`
	FinishReason string       `json:"finish_reason"`
	Queued       time.Time    `json:"queued"`
	Started      time.Time    `json:"started"`
	FirstToken   time.Time    `json:"first_token"`
	Finished     time.Time    `json:"finished"`
	// Node is the serving node's identity (peer ID), filled by the node.
	Node string `json:"node,omitempty"`
}

// UsageSink receives a Usage for every finished request.
type UsageSink interface {
	RecordUsage(Usage)
}

// ModelInfo describes one servable model for /v1/models.
type ModelInfo struct {
	ID   string `json:"id"`
	Kind string `json:"kind"` // "base" or "adapter"
	// Base is the base model an adapter applies to.
	Base   string `json:"base,omitempty"`
	CID    string `json:"cid,omitempty"`
	Loaded bool   `json:"loaded"`
	Owner  string `json:"owner,omitempty"`
	// ContextLength is the most prompt plus output tokens of one request
	// (the model's context, capped by the engine's configuration).
	ContextLength int `json:"context_length,omitempty"`
}

// Message is one chat message.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}
