package openai

import (
	"strings"
	"testing"

	"github.com/provenet/provenet/gpu"
)

// TestContextLengthExceeded checks OpenAI's answer to a request that does
// not fit the context: 400, invalid_request_error, code
// context_length_exceeded, the parameter to shorten, and a message with
// the numbers; and that /v1/models reports the context as max_model_len.
func TestContextLengthExceeded(t *testing.T) {
	e := newEngine()
	e.genErr = &gpu.ContextError{Context: 256, Prompt: 200, MaxTokens: 100}
	srv := newServer(t, e, Options{})
	for path, body := range map[string]string{
		"/v1/completions":      `{"model":"tiny","prompt":"p","max_tokens":100}`,
		"/v1/chat/completions": `{"model":"tiny","messages":[{"role":"user","content":"p"}],"max_tokens":100,"stream":true}`,
	} {
		resp := post(t, srv, path, body)
		if resp.StatusCode != 400 {
			t.Fatalf("%s: status %d", path, resp.StatusCode)
		}
		b := decodeBody[obj](t, resp.Body)["error"].(obj)
		param := "prompt"
		if strings.Contains(path, "chat") {
			param = "messages"
		}
		msg, _ := b["message"].(string)
		if b["type"] != "invalid_request_error" || b["code"] != "context_length_exceeded" || b["param"] != param ||
			!strings.Contains(msg, "maximum context length is 256 tokens") || !strings.Contains(msg, "you requested 300 tokens") {
			t.Fatalf("%s: error %v", path, b)
		}
	}
	ce := &contextEngine{testEngine: newEngine()}
	srv = newServer(t, ce, Options{})
	resp, err := srv.Client().Get(srv.URL + "/v1/models/tiny")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if m := decodeBody[obj](t, resp.Body); m["max_model_len"] != 2048.0 {
		t.Fatalf("model %v", m)
	}
}

type contextEngine struct{ *testEngine }

func (e *contextEngine) Models() []gpu.ModelInfo {
	return []gpu.ModelInfo{{ID: "tiny", Kind: "base", Loaded: true, ContextLength: 2048}}
}
