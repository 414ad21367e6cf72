package openai

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

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

// promptField is a completion prompt: a string or a list of one string.
type promptField struct {
	text string
	set  bool
}

func (p *promptField) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, null) {
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		p.set = true
		return json.Unmarshal(b, &p.text)
	}
	var list []json.RawMessage
	if err := json.Unmarshal(b, &list); err != nil {
		return badParam("prompt", "prompt must be a string or a list of one string")
	}
	if len(list) != 1 || len(list[0]) == 0 || list[0][0] != '"' {
		return badParam("prompt", "prompt must be a string or a list of exactly one string (batched and token prompts are not supported)")
	}
	p.set = true
	return json.Unmarshal(list[0], &p.text)
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
}

type completionRequest struct {
	params
	Prompt promptField `json:"prompt"`
}

type chatRequest struct {
	params
	Messages []struct {
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
	Logprobs     any          `json:"logprobs"`
	FinishReason *string      `json:"finish_reason"`
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

type modelJSON struct {
	ID      string `json:"id"`
	Object  string `json:"object"`
	Created int64  `json:"created"`
	OwnedBy string `json:"owned_by"`
	Kind    string `json:"kind,omitempty"`
	Base    string `json:"base,omitempty"`
	CID     string `json:"cid,omitempty"`
	Loaded  bool   `json:"loaded"`
	// MaxModelLen is the context length, under vLLM's name.
	MaxModelLen int `json:"max_model_len,omitempty"`
}

type modelListJSON struct {
	Object string      `json:"object"`
	Data   []modelJSON `json:"data"`
}

type errorJSON struct {
	Error struct {
		Message string  `json:"message"`
		Type    string  `json:"type"`
		Param   *string `json:"param"`
		Code    *string `json:"code"`
	} `json:"error"`
}
