package openai

import (
	"context"
	"encoding/json"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/provenet/provenet/gpu"
)

// lpEngine answers every request with a scripted stream carrying logprobs
// and echo the way gpu/engine does: tokens "A", "B", ... with logprob
// -0.5*(k+1), and a prompt of the request's ids (or two tokens for text).
type lpEngine struct {
	mu   sync.Mutex
	reqs []gpu.Request
}

func (e *lpEngine) Generate(ctx context.Context, req gpu.Request) (<-chan gpu.Event, error) {
	e.mu.Lock()
	e.reqs = append(e.reqs, req)
	e.mu.Unlock()
	ch := make(chan gpu.Event, 16)
	prompt := req.PromptIDs
	if prompt == nil {
		prompt = []int32{1, 100}
	}
	lp := func(id int32, v float32) gpu.TokenLogprob {
		t := gpu.TokenLogprob{Token: id, Bytes: []byte(string(rune('A' + id%26))), Logprob: v}
		for k := 0; k < req.TopLogprobs; k++ {
			t.Top = append(t.Top, gpu.TokenLogprob{Token: int32(50 + k), Bytes: []byte{'a' + byte(k)}, Logprob: v - float32(k+1)})
		}
		return t
	}
	go func() {
		defer close(ch)
		if req.Echo {
			ev := gpu.Event{Token: -1, PromptText: "<ids>"}
			for i, id := range prompt {
				t := lp(id, -1)
				if i == 0 {
					t = gpu.TokenLogprob{Token: id, Bytes: []byte("^"), Logprob: float32(math.NaN())}
				}
				ev.Prompt = append(ev.Prompt, t)
			}
			ch <- ev
		}
		n := 0
		if !req.PromptOnly {
			n = 3
		}
		var out []int32
		for k := 0; k < n; k++ {
			id := int32(k) + int32(req.Sampling.Seed%7)
			out = append(out, id)
			ev := gpu.Event{Text: string(rune('A' + id%26)), Token: id}
			if req.Logprobs {
				t := lp(id, -0.5*float32(k+1))
				ev.Logprob = &t
			}
			select {
			case ch <- ev:
			case <-ctx.Done():
				return
			}
		}
		reason := "length"
		ch <- gpu.Event{Token: -1, Done: true, FinishReason: reason, Usage: &gpu.Usage{RequestID: req.ID,
			PromptTokens: len(prompt), OutputTokens: n, OutputIDs: out, FinishReason: reason}}
	}()
	return ch, nil
}

func (e *lpEngine) ChatPrompt(string, []gpu.Message) (string, error) { return "chat", nil }
func (e *lpEngine) Models() []gpu.ModelInfo                          { return nil }

func decodeJSON[T any](t *testing.T, s string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("%v: %s", err, s)
	}
	return v
}

// completionBody is a completion response as a client decodes it.
type completionBody struct {
	Choices []struct {
		Index    int    `json:"index"`
		Text     string `json:"text"`
		Finish   string `json:"finish_reason"`
		Logprobs *struct {
			Tokens        []string             `json:"tokens"`
			TokenLogprobs []*float64           `json:"token_logprobs"`
			TopLogprobs   []map[string]float64 `json:"top_logprobs"`
			TextOffset    []int                `json:"text_offset"`
		} `json:"logprobs"`
	} `json:"choices"`
	Usage usageJSON `json:"usage"`
}

// TestCompletionLogprobsEchoAndTokenPrompts checks the completion
// logprobs object (tokens, token_logprobs, top_logprobs, text_offset),
// echo of text and token-id prompts, batched prompts with n > 1 (choice
// index prompt*n + k, prompt tokens counted once per prompt) and scoring
// with max_tokens 0.
func TestCompletionLogprobsEchoAndTokenPrompts(t *testing.T) {
	e := &lpEngine{}
	srv := newServer(t, e, Options{})
	resp := post(t, srv, "/v1/completions", `{"model":"tiny","prompt":[[5,6],[7,8,9]],"n":2,"seed":3,"logprobs":2,"echo":true,"max_tokens":3}`)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	body := decodeBody[completionBody](t, resp.Body)
	if len(body.Choices) != 4 {
		t.Fatalf("%d choices", len(body.Choices))
	}
	if u := body.Usage; u.PromptTokens != 5 || u.CompletionTokens != 12 || u.TotalTokens != 17 {
		t.Fatalf("usage %+v: the prompts count once each", u)
	}
	for i, c := range body.Choices {
		if c.Index != i || c.Finish != "length" || c.Logprobs == nil {
			t.Fatalf("choice %d: %+v", i, c)
		}
		lp := c.Logprobs
		plen := 2 + i/2 // prompt tokens echoed
		if len(lp.Tokens) != plen+3 || len(lp.TokenLogprobs) != plen+3 || len(lp.TopLogprobs) != plen+3 || len(lp.TextOffset) != plen+3 {
			t.Fatalf("choice %d logprobs %+v", i, lp)
		}
		if lp.TokenLogprobs[0] != nil || lp.TopLogprobs[0] != nil || *lp.TokenLogprobs[1] != -1 {
			t.Fatalf("choice %d: the first prompt token must have null logprobs: %+v", i, lp)
		}
		for k := plen; k < plen+3; k++ {
			want := -0.5 * float64(k-plen+1)
			if *lp.TokenLogprobs[k] != want || len(lp.TopLogprobs[k]) != 3 || lp.TopLogprobs[k][lp.Tokens[k]] != want || lp.TopLogprobs[k]["a"] != want-1 {
				t.Fatalf("choice %d token %d: %v %v", i, k, *lp.TokenLogprobs[k], lp.TopLogprobs[k])
			}
		}
		for k := 1; k < len(lp.TextOffset); k++ {
			if lp.TextOffset[k] != lp.TextOffset[k-1]+len(lp.Tokens[k-1]) {
				t.Fatalf("choice %d text_offset %v for tokens %q", i, lp.TextOffset, lp.Tokens)
			}
		}
		if !strings.HasPrefix(c.Text, "<ids>") {
			t.Fatalf("choice %d: echo of a token prompt is its decoded text: %q", i, c.Text)
		}
	}
	e.mu.Lock()
	reqs := e.reqs
	e.mu.Unlock()
	if len(reqs) != 4 || reqs[0].Sampling.Seed != 3 || reqs[1].Sampling.Seed != 4 || reqs[2].Sampling.Seed != 3 ||
		len(reqs[2].PromptIDs) != 3 || !reqs[0].Logprobs || reqs[0].TopLogprobs != 2 || !reqs[0].Echo || reqs[0].ID == reqs[1].ID {
		t.Fatalf("engine requests %+v", reqs)
	}
	if body.Choices[0].Text == body.Choices[1].Text {
		t.Fatal("the two samples of a prompt used one seed")
	}

	// Echo of a text prompt is the prompt itself; max_tokens 0 scores it.
	b := decodeBody[obj](t, post(t, srv, "/v1/completions", `{"model":"tiny","prompt":"Say hi","echo":true,"max_tokens":0,"logprobs":0}`).Body)
	c := b["choices"].([]any)[0].(obj)
	if c["text"] != "Say hi" || len(c["logprobs"].(obj)["tokens"].([]any)) != 2 {
		t.Fatalf("scoring choice %v", c)
	}
	if last := e.reqs[len(e.reqs)-1]; !last.PromptOnly || last.MaxTokens != 0 {
		t.Fatalf("scoring request %+v", last)
	}
	// Without logprobs the field is null.
	b = decodeBody[obj](t, post(t, srv, "/v1/completions", `{"model":"tiny","prompt":"p"}`).Body)
	if v, ok := b["choices"].([]any)[0].(obj)["logprobs"]; !ok || v != nil {
		t.Fatalf("logprobs %v", b)
	}
}

// TestChatLogprobsAndN checks the chat logprobs object (content entries
// with token, logprob, bytes and top_logprobs; refusal null), n choices,
// and the same in a stream, where every token's logprobs arrive once.
func TestChatLogprobsAndN(t *testing.T) {
	e := &lpEngine{}
	srv := newServer(t, e, Options{})
	b := decodeBody[obj](t, post(t, srv, "/v1/chat/completions", `{"model":"tiny","messages":[{"role":"user","content":"x"}],
		"logprobs":true,"top_logprobs":2,"n":3,"seed":1}`).Body)
	choices := b["choices"].([]any)
	if len(choices) != 3 || b["usage"].(obj)["prompt_tokens"] != 2.0 || b["usage"].(obj)["completion_tokens"] != 9.0 {
		t.Fatalf("body %v", b)
	}
	for i, ch := range choices {
		c := ch.(obj)
		lp := c["logprobs"].(obj)
		if c["index"] != float64(i) || lp["refusal"] != nil {
			t.Fatalf("choice %v", c)
		}
		content := lp["content"].([]any)
		if len(content) != 3 {
			t.Fatalf("content %v", content)
		}
		tok := content[0].(obj)
		top := tok["top_logprobs"].([]any)
		if tok["logprob"] != -0.5 || len(tok["bytes"].([]any)) != 1 || len(top) != 2 || top[1].(obj)["token"] != "b" ||
			top[1].(obj)["logprob"] != -2.5 || top[1].(obj)["bytes"].([]any)[0] != float64('b') {
			t.Fatalf("token %v", tok)
		}
		if want := string(rune(tok["bytes"].([]any)[0].(float64))); tok["token"] != want {
			t.Fatalf("token %v: bytes do not spell it", tok)
		}
	}
	// Streaming: per-choice chunks, logprobs with the text they belong to.
	ev := readSSE(t, post(t, srv, "/v1/chat/completions", `{"model":"tiny","messages":[{"role":"user","content":"x"}],
		"logprobs":true,"n":2,"stream":true,"stream_options":{"include_usage":true}}`).Body)
	if ev[len(ev)-1] != "[DONE]" {
		t.Fatalf("events %q", ev)
	}
	perChoice := map[float64]int{}
	finished := map[float64]bool{}
	for _, d := range ev[:len(ev)-1] {
		c := decodeJSON[obj](t, d)
		chs := c["choices"].([]any)
		if len(chs) == 0 {
			if c["usage"].(obj)["completion_tokens"] != 6.0 {
				t.Fatalf("usage chunk %v", c)
			}
			continue
		}
		ch := chs[0].(obj)
		idx := ch["index"].(float64)
		if ch["finish_reason"] != nil {
			finished[idx] = true
		}
		if lp, ok := ch["logprobs"].(obj); ok {
			perChoice[idx] += len(lp["content"].([]any))
		}
	}
	if perChoice[0] != 3 || perChoice[1] != 3 || !finished[0] || !finished[1] {
		t.Fatalf("streamed logprobs %v, finished %v", perChoice, finished)
	}
}

// TestCompletionStreamLogprobsEcho streams a completion with echo and
// logprobs: the first chunk carries the echoed prompt and its logprobs.
func TestCompletionStreamLogprobsEcho(t *testing.T) {
	srv := newServer(t, &lpEngine{}, Options{})
	ev := readSSE(t, post(t, srv, "/v1/completions", `{"model":"tiny","prompt":"Hey","echo":true,"logprobs":1,"stream":true}`).Body)
	first := decodeJSON[obj](t, ev[0])["choices"].([]any)[0].(obj)
	if !strings.HasPrefix(first["text"].(string), "Hey") {
		t.Fatalf("first chunk %v", first)
	}
	var tokens int
	var text string
	for _, d := range ev[:len(ev)-1] {
		ch := decodeJSON[obj](t, d)["choices"].([]any)[0].(obj)
		text += ch["text"].(string)
		if lp, ok := ch["logprobs"].(obj); ok {
			tokens += len(lp["tokens"].([]any))
		}
	}
	if tokens != 5 || !strings.HasPrefix(text, "Hey") || len(text) != 6 {
		t.Fatalf("streamed %d tokens, text %q", tokens, text)
	}
}
