package openai

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"math"
	"os"
	"sync"
	"testing"

	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/gpu/cpu"
	"github.com/provenet/provenet/gpu/engine"
	"github.com/provenet/provenet/gpu/gguf"
	"github.com/provenet/provenet/gpu/model"
	"github.com/provenet/provenet/gpu/tokenizer"
)

// realEngine is gpu/engine over random stories15M-shaped weights and
// llama.cpp's LLaMA vocabulary.
func realEngine(t *testing.T) (*engine.Engine, *model.Weights, *tokenizer.Tokenizer) {
	t.Helper()
	zr, err := os.Open("../tokenizer/testdata/ggml-vocab-llama-spm.gguf.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	gz, err := gzip.NewReader(zr)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(gz)
	if err != nil {
		t.Fatal(err)
	}
	f, err := gguf.Parse(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	tok, err := tokenizer.FromGGUF(f)
	if err != nil {
		t.Fatal(err)
	}
	w, err := model.Random(model.Stories15M(), 42)
	if err != nil {
		t.Fatal(err)
	}
	e, err := engine.New(engine.DefaultConfig(), []engine.Base{{Name: "tiny", Weights: w, Tokenizer: tok}}, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Stop)
	return e, w, tok
}

// TestRealEngineLogprobs serves gpu/engine and checks, through HTTP, that
// completion logprobs are the log-softmax of the model's logits (computed
// here independently from model.SequenceLogits), that a token-id prompt
// answers like its text, that greedy n = 2 gives two equal choices, and
// that chat logprobs come out in order.
func TestRealEngineLogprobs(t *testing.T) {
	e, w, tok := realEngine(t)
	var mu sync.Mutex
	var usages []gpu.Usage
	srv := newServer(t, e, Options{OnUsage: func(u gpu.Usage) { mu.Lock(); usages = append(usages, u); mu.Unlock() }})
	resp := post(t, srv, "/v1/completions", `{"model":"tiny","prompt":"Once upon a time","max_tokens":6,"temperature":0,"logprobs":3,"echo":true}`)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	body := decodeBody[completionBody](t, resp.Body)
	u := usages[0]
	ids := append(append([]int32(nil), u.PromptIDs...), u.OutputIDs...)
	be := cpu.NewBackend(2)
	rows, err := model.SequenceLogits(w, be, nil, ids)
	be.Close()
	if err != nil {
		t.Fatal(err)
	}
	lp := body.Choices[0].Logprobs
	if len(lp.Tokens) != len(ids) || lp.TokenLogprobs[0] != nil {
		t.Fatalf("%d tokens for %d ids: %+v", len(lp.Tokens), len(ids), lp)
	}
	for i := 1; i < len(ids); i++ {
		r := rows[i-1]
		m := math.Inf(-1)
		for _, v := range r {
			m = math.Max(m, float64(v))
		}
		var sum float64
		for _, v := range r {
			sum += math.Exp(float64(v) - m)
		}
		want := float64(r[ids[i]]) - m - math.Log(sum)
		if got := *lp.TokenLogprobs[i]; math.Abs(got-want) > 2e-3 {
			t.Fatalf("token %d (%q): logprob %v, log-softmax of the logits %v", i, lp.Tokens[i], got, want)
		}
		if want := string(tok.TokenPiece(ids[i])); lp.Tokens[i] != want {
			t.Fatalf("token %d is %q, want %q", i, lp.Tokens[i], want)
		}
		if i >= len(u.PromptIDs) && len(lp.TopLogprobs[i]) < 3 {
			t.Fatalf("token %d top %v", i, lp.TopLogprobs[i])
		}
	}
	if want := "Once upon a time" + u.Text; body.Choices[0].Text != want {
		t.Fatalf("echoed text %q, want %q", body.Choices[0].Text, want)
	}

	// The prompt as token ids, twice (n = 2), greedy.
	idsJSON, err := json.Marshal(u.PromptIDs)
	if err != nil {
		t.Fatal(err)
	}
	body = decodeBody[completionBody](t, post(t, srv, "/v1/completions", `{"model":"tiny","prompt":`+string(idsJSON)+`,"max_tokens":6,"temperature":0,"n":2}`).Body)
	if len(body.Choices) != 2 || body.Choices[0].Text != u.Text || body.Choices[1].Text != u.Text {
		t.Fatalf("token-id prompt, n=2: %+v, want %q twice", body.Choices, u.Text)
	}

	b := decodeBody[obj](t, post(t, srv, "/v1/chat/completions", `{"model":"tiny","messages":[{"role":"user","content":"Hi"}],
		"max_tokens":4,"temperature":0,"logprobs":true,"top_logprobs":2}`).Body)
	content := b["choices"].([]any)[0].(obj)["logprobs"].(obj)["content"].([]any)
	if len(content) == 0 {
		t.Fatalf("chat logprobs %v", b)
	}
	for _, c := range content {
		tk := c.(obj)
		top := tk["top_logprobs"].([]any)
		if len(top) != 2 || tk["logprob"].(float64) > 0 || top[0].(obj)["logprob"].(float64) < top[1].(obj)["logprob"].(float64) ||
			top[0].(obj)["token"] != tk["token"] {
			t.Fatalf("chat token %v", tk)
		}
	}
}
