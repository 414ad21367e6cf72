package openai

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"

	"github.com/provenet/provenet/gpu"
)

type jsonTypeError = json.UnmarshalTypeError

// paramError is a request field with a valid JSON type but a bad value.
type paramError struct{ param, msg string }

func (e *paramError) Error() string { return e.msg }

func badParam(param, format string, args ...any) *paramError {
	return &paramError{param: param, msg: fmt.Sprintf(format, args...)}
}

func jsonDecode(r io.Reader, v any) error {
	return json.NewDecoder(r).Decode(v)
}

var null = []byte("null")

// promptIn is one completion prompt: text, or token ids.
type promptIn struct {
	text  string
	ids   []int32
	isIDs bool
}

// promptField is a completion prompt, in any of OpenAI's four forms: a
// string, a list of strings, a list of token ids, or a list of lists of
// token ids. Each list element is a prompt of its own.
type promptField struct {
	prompts []promptIn
	set     bool
}

// maxPromptIDs caps one token-id prompt (the body limit caps it anyway).
const maxPromptIDs = 1 << 20

func (p *promptField) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, null) {
		return nil
	}
	const shape = "prompt must be a string, a list of strings, a list of token ids or a list of lists of token ids"
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		p.prompts, p.set = []promptIn{{text: s}}, true
		return nil
	}
	var list []json.RawMessage
	if err := json.Unmarshal(b, &list); err != nil {
		return badParam("prompt", shape)
	}
	if len(list) == 0 {
		return badParam("prompt", "prompt must not be an empty list")
	}
	ids := func(raw json.RawMessage) ([]int32, error) {
		var v []int64
		if err := json.Unmarshal(raw, &v); err != nil || len(v) == 0 || len(v) > maxPromptIDs {
			return nil, badParam("prompt", "a token-id prompt must be a non-empty list of integers")
		}
		out := make([]int32, len(v))
		for i, x := range v {
			if x < 0 || x > math.MaxInt32 {
				return nil, badParam("prompt", "prompt token %d is %d, not a token id", i, x)
			}
			out[i] = int32(x)
		}
		return out, nil
	}
	switch c := list[0][0]; {
	case c == '"':
		for _, raw := range list {
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return badParam("prompt", shape)
			}
			p.prompts = append(p.prompts, promptIn{text: s})
		}
	case c == '[':
		for _, raw := range list {
			v, err := ids(raw)
			if err != nil {
				return err
			}
			p.prompts = append(p.prompts, promptIn{ids: v, isIDs: true})
		}
	default:
		v, err := ids(b)
		if err != nil {
			return err
		}
		p.prompts = []promptIn{{ids: v, isIDs: true}}
	}
	p.set = true
	return nil
}

// stopField is a stop sequence or a list of them.
type stopField []string

func (s *stopField) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, null) {
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var one string
		if err := json.Unmarshal(b, &one); err != nil {
			return err
		}
		*s = stopField{one}
		return nil
	}
	var list []string
	if err := json.Unmarshal(b, &list); err != nil {
		return badParam("stop", "stop must be a string or a list of strings")
	}
	*s = list
	return nil
}

// contentField is chat message content: a string, null, or a list of
// {"type": "text", "text": ...} parts, which are concatenated.
type contentField string

func (c *contentField) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, null) {
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, (*string)(c))
	}
	var parts []struct {
		Type string  `json:"type"`
		Text *string `json:"text"`
	}
	if err := json.Unmarshal(b, &parts); err != nil {
		return badParam("messages", "message content must be a string or a list of content parts")
	}
	var buf bytes.Buffer
	for _, p := range parts {
		if p.Type != "text" || p.Text == nil {
			return badParam("messages", "content part type %q is not supported (only text)", p.Type)
		}
		buf.WriteString(*p.Text)
	}
	*c = contentField(buf.String())
	return nil
}

// params are the generation fields common to both endpoints.
type params struct {
	Model               string    `json:"model"`
	MaxTokens           *int      `json:"max_tokens"`
	MaxCompletionTokens *int      `json:"max_completion_tokens"`
	Temperature         *float32  `json:"temperature"`
	TopP                *float32  `json:"top_p"`
	TopK                *int      `json:"top_k"`
	MinP                *float32  `json:"min_p"`
	Seed                *int64    `json:"seed"`
	Stop                stopField `json:"stop"`
	Stream              bool      `json:"stream"`
	StreamOptions       *struct {
		IncludeUsage bool `json:"include_usage"`
	} `json:"stream_options"`
	N        *int                `json:"n"`
	Adapters []gpu.AdapterWeight `json:"adapters"`
	// ResponseFormat is OpenAI's {"type": "text" | "json_object" |
	// "json_schema"}; json_schema is refused (not built).
	ResponseFormat *struct {
		Type string `json:"type"`
	} `json:"response_format"`
	// Tools, ToolChoice and Functions are refused when set: tool calls
	// are not built, and ignoring them would answer as if they were.
	Tools      json.RawMessage `json:"tools"`
	ToolChoice json.RawMessage `json:"tool_choice"`
	Functions  json.RawMessage `json:"functions"`
}

type completionRequest struct {
	params
	Prompt promptField `json:"prompt"`
	// Logprobs is how many alternatives to return with each token's
	// logprob (null: no logprobs).
	Logprobs *int `json:"logprobs"`
	Echo     bool `json:"echo"`
}

type chatRequest struct {
	params
	Logprobs    *bool `json:"logprobs"`
	TopLogprobs *int  `json:"top_logprobs"`
	Messages    []struct {
		Role    string       `json:"role"`
		Content contentField `json:"content"`
	} `json:"messages"`
}

// Responses.

type usageJSON struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

type messageJSON struct {
	Role    string  `json:"role,omitempty"`
	Content *string `json:"content,omitempty"`
}

type choiceJSON struct {
	Index        int          `json:"index"`
	Text         *string      `json:"text,omitempty"`
	Message      *messageJSON `json:"message,omitempty"`
	Delta        *messageJSON `json:"delta,omitempty"`
	Logprobs     any          `json:"logprobs"` // nil, *completionLogprobsJSON or *chatLogprobsJSON
	FinishReason *string      `json:"finish_reason"`
}

// completionLogprobsJSON is a completion choice's logprobs, one entry per
// token in each list; the first echoed prompt token has null logprob and
// top_logprobs.
type completionLogprobsJSON struct {
	Tokens        []string             `json:"tokens"`
	TokenLogprobs []*float64           `json:"token_logprobs"`
	TopLogprobs   []map[string]float64 `json:"top_logprobs"`
	TextOffset    []int                `json:"text_offset"`
}

// chatLogprobsJSON is a chat choice's (or delta's) logprobs.
type chatLogprobsJSON struct {
	Content []chatTokenJSON `json:"content"`
	Refusal []chatTokenJSON `json:"refusal"`
}

type chatTokenJSON struct {
	Token       string        `json:"token"`
	Logprob     float64       `json:"logprob"`
	Bytes       []int         `json:"bytes"`
	TopLogprobs []chatTopJSON `json:"top_logprobs"`
}

type chatTopJSON struct {
	Token   string  `json:"token"`
	Logprob float64 `json:"logprob"`
	Bytes   []int   `json:"bytes"`
}

// responseJSON is a completion, a chat completion or a stream chunk.
type responseJSON struct {
	ID        string       `json:"id"`
	Object    string       `json:"object"`
	Created   int64        `json:"created"`
	Model     string       `json:"model"`
	Choices   []choiceJSON `json:"choices"`
	Usage     *usageJSON   `json:"usage,omitempty"`
	XProvenet any          `json:"x_provenet,omitempty"`
}

// ModelCard is one model of /v1/models and GET /v1/models/{id}, as
// OpenAI names its fields, with vLLM's parent (an adapter's base; null for
// a base) and max_model_len. Routing nodes answer with the same card for
// the models their GPU peers advertise.
type ModelCard struct {
	ID      string `json:"id"`
	Object  string `json:"object"`
	Created int64  `json:"created"`
	OwnedBy string `json:"owned_by"`
	Kind    string `json:"kind,omitempty"`
	Base    string `json:"base,omitempty"`
	// Parent is the base an adapter applies to, under vLLM's name; null
	// for a base model.
	Parent *string `json:"parent"`
	CID    string  `json:"cid,omitempty"`
	Loaded bool    `json:"loaded"`
	// MaxModelLen is the context length, under vLLM's name.
	MaxModelLen int `json:"max_model_len,omitempty"`
}

// NewModelCard is m's card; created is reported as its creation time.
func NewModelCard(m gpu.ModelInfo, created int64) ModelCard {
	owner := m.Owner
	if owner == "" {
		owner = "provenet"
	}
	c := ModelCard{ID: m.ID, Object: "model", Created: created, OwnedBy: owner,
		Kind: m.Kind, Base: m.Base, CID: m.CID, Loaded: m.Loaded, MaxModelLen: m.ContextLength}
	if m.Base != "" {
		parent := m.Base
		c.Parent = &parent
	}
	return c
}

type modelListJSON struct {
	Object string      `json:"object"`
	Data   []ModelCard `json:"data"`
}

type errorJSON struct {
	Error struct {
		Message string  `json:"message"`
		Type    string  `json:"type"`
		Param   *string `json:"param"`
		Code    *string `json:"code"`
	} `json:"error"`
}
