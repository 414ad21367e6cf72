package openai

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/provenet/provenet/gpu"
)

type obj = map[string]any

func TestCompletionNonStream(t *testing.T) {
	e := newEngine("Hel", "lo", "!")
	var got []gpu.Usage
	srv := newServer(t, e, Options{
		OnUsage: func(u gpu.Usage) { got = append(got, u) },
		Extra:   func(u *gpu.Usage) any { return obj{"receipt": "r-" + u.RequestID} },
	})
	resp := post(t, srv, "/v1/completions", `{"model":"tiny","prompt":["Say hi"],"max_tokens":5,
		"temperature":0.5,"top_p":0.9,"top_k":40,"min_p":0.05,"seed":7,"stop":"\n","user":"u1",
		"logit_bias":{},"adapters":[{"name":"pirate","weight":0.5}]}`)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Fatalf("content type %q", ct)
	}
	b := decodeBody[obj](t, resp.Body)
	id, _ := b["id"].(string)
	if !strings.HasPrefix(id, "cmpl-") || b["object"] != "text_completion" || b["model"] != "tiny" {
		t.Fatalf("body %v", b)
	}
	if c, ok := b["created"].(float64); !ok || c < 1e9 {
		t.Fatalf("created %v", b["created"])
	}
	ch := b["choices"].([]any)[0].(obj)
	if ch["text"] != "Hello!" || ch["finish_reason"] != "stop" || ch["index"] != 0.0 {
		t.Fatalf("choice %v", ch)
	}
	if v, ok := ch["logprobs"]; !ok || v != nil {
		t.Fatalf("logprobs must be present and null: %v", ch)
	}
	u := b["usage"].(obj)
	if u["prompt_tokens"] != 7.0 || u["completion_tokens"] != 3.0 || u["total_tokens"] != 10.0 {
		t.Fatalf("usage %v", u)
	}
	if x := b["x_provenet"].(obj); x["receipt"] != "r-"+id {
		t.Fatalf("x_provenet %v", x)
	}
	if len(got) != 1 || got[0].RequestID != id {
		t.Fatalf("OnUsage got %v", got)
	}
	req := e.lastReq()
	want := gpu.Sampling{Temperature: 0.5, TopP: 0.9, TopK: 40, MinP: 0.05, Seed: 7}
	if req.Prompt != "Say hi" || req.MaxTokens != 5 || req.Sampling != want || req.ID != id ||
		len(req.Stop) != 1 || req.Stop[0] != "\n" || len(req.Adapters) != 1 || req.Adapters[0].Weight != 0.5 {
		t.Fatalf("engine request %+v", req)
	}
}

func TestDefaults(t *testing.T) {
	e := newEngine("x")
	srv := newServer(t, e, Options{DefaultMaxTokens: 64})
	post(t, srv, "/v1/completions", `{"model":"tiny","prompt":"p","stop":["a","b"],"seed":null}`)
	req := e.lastReq()
	if req.MaxTokens != 0 || req.DefaultMaxTokens != 64 || req.Sampling.Temperature != 1 || len(req.Stop) != 2 {
		t.Fatalf("defaults not applied: %+v", req)
	}
}

func TestChatNonStream(t *testing.T) {
	e := newEngine("Ahoy")
	srv := newServer(t, e, Options{})
	resp := post(t, srv, "/v1/chat/completions", `{"model":"tiny-pirate","messages":[
		{"role":"system","content":"Be a pirate."},
		{"role":"user","content":[{"type":"text","text":"Hi "},{"type":"text","text":"there"}]},
		{"role":"assistant","content":null}],"n":1,"max_completion_tokens":9}`)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	b := decodeBody[obj](t, resp.Body)
	if !strings.HasPrefix(b["id"].(string), "chatcmpl-") || b["object"] != "chat.completion" {
		t.Fatalf("body %v", b)
	}
	if _, ok := b["x_provenet"]; ok {
		t.Fatal("x_provenet without an Extra hook")
	}
	msg := b["choices"].([]any)[0].(obj)["message"].(obj)
	if msg["role"] != "assistant" || msg["content"] != "Ahoy" {
		t.Fatalf("message %v", msg)
	}
	if req := e.lastReq(); req.Prompt != "<system>Be a pirate.<user>Hi there<assistant>" || req.MaxTokens != 9 {
		t.Fatalf("prompt %q max %d", req.Prompt, req.MaxTokens)
	}
}

func TestCompletionStream(t *testing.T) {
	e := newEngine("a", "", "b")
	srv := newServer(t, e, Options{Extra: func(*gpu.Usage) any { return obj{"k": 1} }})
	resp := post(t, srv, "/v1/completions", `{"model":"tiny","prompt":"p","stream":true}`)
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" || resp.Header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("headers %v", resp.Header)
	}
	ev := readSSE(t, resp.Body)
	if len(ev) != 4 || ev[3] != "[DONE]" {
		t.Fatalf("events %q", ev)
	}
	var text string
	for i, d := range ev[:3] {
		var c obj
		if err := json.Unmarshal([]byte(d), &c); err != nil {
			t.Fatal(err)
		}
		if c["object"] != "text_completion" || c["usage"] != nil {
			t.Fatalf("chunk %v", c)
		}
		ch := c["choices"].([]any)[0].(obj)
		text += ch["text"].(string)
		if last := i == 2; last != (ch["finish_reason"] != nil) || last != (c["x_provenet"] != nil) {
			t.Fatalf("chunk %d: %v", i, c)
		}
	}
	if text != "ab" {
		t.Fatalf("text %q", text)
	}
}

func TestChatStreamIncludeUsage(t *testing.T) {
	e := newEngine("Hi", " you")
	srv := newServer(t, e, Options{})
	resp := post(t, srv, "/v1/chat/completions", `{"model":"tiny","messages":[{"role":"user","content":"x"}],
		"stream":true,"stream_options":{"include_usage":true}}`)
	ev := readSSE(t, resp.Body)
	// role, "Hi", " you", finish, usage, [DONE]
	if len(ev) != 6 || ev[5] != "[DONE]" {
		t.Fatalf("events %q", ev)
	}
	var chunks []obj
	for _, d := range ev[:5] {
		var c obj
		if err := json.Unmarshal([]byte(d), &c); err != nil {
			t.Fatal(err)
		}
		if c["object"] != "chat.completion.chunk" {
			t.Fatalf("chunk %v", c)
		}
		chunks = append(chunks, c)
	}
	delta := func(i int) obj { return chunks[i]["choices"].([]any)[0].(obj)["delta"].(obj) }
	if d := delta(0); d["role"] != "assistant" || d["content"] != "" {
		t.Fatalf("first delta %v", d)
	}
	if d := delta(1); d["content"] != "Hi" || d["role"] != nil {
		t.Fatalf("delta %v", d)
	}
	if d := delta(3); len(d) != 0 || chunks[3]["choices"].([]any)[0].(obj)["finish_reason"] != "stop" {
		t.Fatalf("final chunk %v", chunks[3])
	}
	u := chunks[4]
	if len(u["choices"].([]any)) != 0 || u["usage"].(obj)["total_tokens"] != 9.0 {
		t.Fatalf("usage chunk %v", u)
	}
}

func TestStreamError(t *testing.T) {
	e := newEngine("a")
	e.midErr = fmt.Errorf("%w: draining", gpu.ErrStopped)
	srv := newServer(t, e, Options{})
	ev := readSSE(t, post(t, srv, "/v1/completions", `{"model":"tiny","prompt":"p","stream":true}`).Body)
	if len(ev) != 2 || !strings.Contains(ev[1], `"code":"service_unavailable"`) {
		t.Fatalf("events %q", ev)
	}
}

func TestEngineErrors(t *testing.T) {
	cases := []struct {
		err    error
		status int
		code   string
	}{
		{gpu.ErrQueueFull, 429, "rate_limit_exceeded"},
		{fmt.Errorf("%w: nope", gpu.ErrUnknownModel), 404, "model_not_found"},
		{fmt.Errorf("%w: prompt too long", gpu.ErrBadRequest), 400, ""},
		{gpu.ErrDisabled, 503, "service_unavailable"},
		{gpu.ErrStopped, 503, "service_unavailable"},
		{errors.New("cuda exploded"), 500, "internal_error"},
	}
	for _, c := range cases {
		e := newEngine()
		e.genErr = c.err
		srv := newServer(t, e, Options{RetryAfter: 2500 * time.Millisecond})
		resp := post(t, srv, "/v1/completions", `{"model":"tiny","prompt":"p"}`)
		if resp.StatusCode != c.status {
			t.Fatalf("%v: status %d", c.err, resp.StatusCode)
		}
		if ra := resp.Header.Get("Retry-After"); (c.status == 429) != (ra == "3") {
			t.Fatalf("%v: Retry-After %q", c.err, ra)
		}
		b := decodeBody[obj](t, resp.Body)["error"].(obj)
		if code, _ := b["code"].(string); code != c.code || b["message"] == "" || b["type"] == "" {
			t.Fatalf("%v: error %v", c.err, b)
		}
		if _, ok := b["param"]; !ok {
			t.Fatalf("param key missing: %v", b)
		}
	}
	e := newEngine()
	e.chatErr = gpu.ErrUnknownModel
	srv := newServer(t, e, Options{})
	if r := post(t, srv, "/v1/chat/completions", `{"model":"nope","messages":[{"role":"user","content":"x"}]}`); r.StatusCode != 404 {
		t.Fatalf("chat unknown model: %d", r.StatusCode)
	}
}

func TestBadRequests(t *testing.T) {
	srv := newServer(t, newEngine("x"), Options{MaxBodyBytes: 4096})
	cases := []struct {
		path, body string
		status     int
		param      string
	}{
		{"/v1/completions", `{"model":"tiny","prompt":"p","n":0}`, 400, "n"},
		{"/v1/completions", `{"model":"tiny","prompt":"p","n":17}`, 400, "n"},
		{"/v1/completions", `{"model":"tiny","prompt":["a","b","c","d","e"],"n":4}`, 400, "n"},
		{"/v1/completions", `{"model":"tiny","prompt":"p","logprobs":21}`, 400, "logprobs"},
		{"/v1/completions", `{"model":"tiny","prompt":"p","logprobs":true}`, 400, "logprobs"},
		{"/v1/chat/completions", `{"model":"tiny","messages":[{"role":"user","content":"x"}],"top_logprobs":2}`, 400, "top_logprobs"},
		{"/v1/chat/completions", `{"model":"tiny","messages":[{"role":"user","content":"x"}],"logprobs":true,"top_logprobs":21}`, 400, "top_logprobs"},
		{"/v1/chat/completions", `{"model":"tiny","messages":[{"role":"user","content":"x"}],"logprobs":3}`, 400, "logprobs"},
		{"/v1/chat/completions", `{"model":"tiny","messages":[{"role":"user","content":"x"}],"n":99}`, 400, "n"},
		{"/v1/completions", `{"model":"tiny","prompt":"p","temperature":"hot"}`, 400, "temperature"},
		{"/v1/completions", `{"model":"tiny","prompt":"p","temperature":2.5}`, 400, "temperature"},
		{"/v1/completions", `{"model":"tiny","prompt":"p","top_p":1.5}`, 400, "top_p"},
		{"/v1/completions", `{"model":"tiny","prompt":"p","top_k":-1}`, 400, "top_k"},
		{"/v1/completions", `{"model":"tiny","prompt":"p","max_tokens":-1}`, 400, "max_tokens"},
		{"/v1/completions", `{"model":"tiny","prompt":"p","stop":5}`, 400, "stop"},
		{"/v1/completions", `{"model":"tiny","prompt":[]}`, 400, "prompt"},
		{"/v1/completions", `{"model":"tiny","prompt":[1,-2]}`, 400, "prompt"},
		{"/v1/completions", `{"model":"tiny","prompt":[[1],"a"]}`, 400, "prompt"},
		{"/v1/completions", `{"model":"tiny","prompt":[[]]}`, 400, "prompt"},
		{"/v1/completions", `{"model":"tiny","prompt":["a",[1]]}`, 400, "prompt"},
		{"/v1/completions", `{"model":"tiny","prompt":[true]}`, 400, "prompt"},
		{"/v1/completions", `{"model":"tiny","prompt":[1.5]}`, 400, "prompt"},
		{"/v1/completions", `{"model":"tiny"}`, 400, "prompt"},
		{"/v1/completions", `{"prompt":"p"}`, 400, "model"},
		{"/v1/completions", `{"model":"tiny","prompt":"p",`, 400, ""},
		{"/v1/completions", `{"model":"tiny","prompt":"p","adapters":[{"name":""}]}`, 400, "adapters"},
		{"/v1/completions", `{"model":"tiny","prompt":"` + strings.Repeat("x", 5000) + `"}`, 413, ""},
		{"/v1/chat/completions", `{"model":"tiny","messages":[]}`, 400, "messages"},
		{"/v1/chat/completions", `{"model":"tiny","messages":[{"role":"user","content":[{"type":"image_url"}]}]}`, 400, "messages"},
		{"/v1/chat/completions", `{"model":"tiny","messages":[{"role":"user","content":42}]}`, 400, "messages"},
		{"/v1/chat/completions", `{"model":"tiny","messages":"hi"}`, 400, "messages"},
		{"/v1/chat/completions", `{"model":"tiny","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_schema","json_schema":{}}}`, 400, "response_format"},
		{"/v1/chat/completions", `{"model":"tiny","messages":[{"role":"user","content":"x"}],"response_format":{"type":"yaml"}}`, 400, "response_format"},
		{"/v1/chat/completions", `{"model":"tiny","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f"}}]}`, 400, "tools"},
		{"/v1/chat/completions", `{"model":"tiny","messages":[{"role":"user","content":"x"}],"tool_choice":"auto"}`, 400, "tool_choice"},
		{"/v1/completions", `{"model":"tiny","prompt":"p","functions":[{"name":"f"}]}`, 400, "functions"},
	}
	for _, c := range cases {
		resp := post(t, srv, c.path, c.body)
		if resp.StatusCode != c.status {
			t.Errorf("%s: status %d, want %d", c.body[:min(len(c.body), 80)], resp.StatusCode, c.status)
			continue
		}
		b := decodeBody[obj](t, resp.Body)["error"].(obj)
		if p, _ := b["param"].(string); p != c.param {
			t.Errorf("%s: param %q, want %q (%v)", c.body[:min(len(c.body), 80)], p, c.param, b["message"])
		}
	}
	resp, err := http.Get(srv.URL + "/v1/completions")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("GET completions: %d", resp.StatusCode)
	}
}

func TestModels(t *testing.T) {
	srv := newServer(t, newEngine(), Options{})
	resp, err := http.Get(srv.URL + "/v1/models")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b := decodeBody[obj](t, resp.Body)
	data := b["data"].([]any)
	if b["object"] != "list" || len(data) != 2 {
		t.Fatalf("models %v", b)
	}
	m := data[1].(obj)
	if m["id"] != "tiny-pirate" || m["object"] != "model" || m["owned_by"] != "alice" || m["kind"] != "adapter" ||
		m["base"] != "tiny" || m["cid"] != "bafyad" || m["loaded"] != false || m["created"] == nil {
		t.Fatalf("model %v", m)
	}
	if data[0].(obj)["owned_by"] != "provenet" {
		t.Fatalf("model %v", data[0])
	}
	for path, status := range map[string]int{"/v1/models/tiny": 200, "/v1/models/bafyad": 200, "/v1/models/none": 404} {
		r, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		if r.StatusCode != status {
			t.Fatalf("%s: %d", path, r.StatusCode)
		}
	}
}

func TestNilEngineDisabled(t *testing.T) {
	srv := newServer(t, nil, Options{})
	if r := post(t, srv, "/v1/completions", `{}`); r.StatusCode != 503 {
		t.Fatalf("status %d", r.StatusCode)
	}
}

func TestClientDisconnectCancels(t *testing.T) {
	for _, stream := range []bool{false, true} {
		e := newEngine("a")
		e.block = true
		srv := newServer(t, e, Options{})
		ctx, cancel := context.WithCancel(context.Background())
		body := fmt.Sprintf(`{"model":"tiny","prompt":"p","stream":%v}`, stream)
		req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL+"/v1/completions", strings.NewReader(body))
		done := make(chan struct{})
		go func() {
			defer close(done)
			resp, err := http.DefaultClient.Do(req)
			if err == nil {
				// Streaming: headers arrived; read one event, then hang up.
				buf := make([]byte, 64)
				_, _ = resp.Body.Read(buf)
				cancel()
				resp.Body.Close()
			}
		}()
		if !stream {
			// Wait for the engine to start, then hang up.
			deadline := time.Now().Add(5 * time.Second)
			for {
				e.mu.Lock()
				n := len(e.reqs)
				e.mu.Unlock()
				if n > 0 || time.Now().After(deadline) {
					break
				}
				time.Sleep(time.Millisecond)
			}
			cancel()
		}
		select {
		case <-e.ctxDone:
		case <-time.After(5 * time.Second):
			t.Fatalf("stream=%v: engine ctx not cancelled after client disconnect", stream)
		}
		<-done
		cancel()
	}
}

// response_format json_object reaches the engine as Request.JSON; text
// and an absent one do not, and empty tools are accepted.
func TestResponseFormatJSON(t *testing.T) {
	e := newEngine("{}")
	srv := newServer(t, e, Options{})
	for body, want := range map[string]bool{
		`{"model":"tiny","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_object"}}`:     true,
		`{"model":"tiny","messages":[{"role":"user","content":"x"}],"response_format":{"type":"text"},"tools":[]}`: false,
		`{"model":"tiny","prompt":"p","response_format":{"type":"json_object"}}`:                                   true,
	} {
		path := "/v1/chat/completions"
		if strings.Contains(body, `"prompt"`) {
			path = "/v1/completions"
		}
		resp := post(t, srv, path, body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("%s: status %d", body, resp.StatusCode)
		}
		e.mu.Lock()
		got := e.reqs[len(e.reqs)-1].JSON
		e.mu.Unlock()
		if got != want {
			t.Fatalf("%s: Request.JSON = %v", body, got)
		}
	}
}
