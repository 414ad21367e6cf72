package engine

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/gpu/cpu"
	"github.com/provenet/provenet/gpu/model"
)

// events collects a stream up to and including its final event.
func events(t *testing.T, ch <-chan gpu.Event) []gpu.Event {
	t.Helper()
	var out []gpu.Event
	for ev := range ch {
		out = append(out, ev)
		if ev.Done {
			return out
		}
	}
	t.Fatal("stream closed without a final event")
	return nil
}

// refLogprobs is the log-softmax of every row of the model's logits over
// tokens, token by token (model.SequenceLogits), in float64.
func refLogprobs(t *testing.T, w *model.Weights, tokens []int32) [][]float64 {
	t.Helper()
	be := cpu.NewBackend(2)
	defer be.Close()
	rows, err := model.SequenceLogits(w, be, nil, tokens)
	if err != nil {
		t.Fatal(err)
	}
	out := make([][]float64, len(rows))
	for i, r := range rows {
		m := math.Inf(-1)
		for _, v := range r {
			m = math.Max(m, float64(v))
		}
		var sum float64
		for _, v := range r {
			sum += math.Exp(float64(v) - m)
		}
		out[i] = make([]float64, len(r))
		for j, v := range r {
			out[i][j] = float64(v) - m - math.Log(sum)
		}
	}
	return out
}

// TestLogprobsAreTheModelsLogSoftmax checks a greedy request's logprobs,
// top alternatives and echoed prompt logprobs against an independent
// log-softmax of the model's logits, and token-id prompts and prompt-only
// scoring.
func TestLogprobsAreTheModelsLogSoftmax(t *testing.T) {
	e, w := newEngine(t, DefaultConfig(), nil, nil)
	const top = 5
	req := gpu.Request{Model: "stories15m", Prompt: "Once upon a time", MaxTokens: 8, Logprobs: true, TopLogprobs: top, Echo: true}
	ch, err := e.Generate(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	evs := events(t, ch)
	last := evs[len(evs)-1]
	prompt := last.Usage.PromptIDs
	all := append(append([]int32(nil), prompt...), last.Usage.OutputIDs...)
	ref := refLogprobs(t, w, all)
	const tol = 2e-3
	near := func(got float32, want float64) bool { return math.Abs(float64(got)-want) < tol }
	if evs[0].Prompt == nil || len(evs[0].Prompt) != len(prompt) || evs[0].PromptText != "Once upon a time" {
		t.Fatalf("first event %+v, want the echoed prompt", evs[0])
	}
	for i, p := range evs[0].Prompt {
		switch {
		case p.Token != prompt[i]:
			t.Fatalf("prompt token %d is %d, want %d", i, p.Token, prompt[i])
		case i == 0 && (!math.IsNaN(float64(p.Logprob)) || p.Top != nil):
			t.Fatalf("the first prompt token is scored: %+v", p)
		case i > 0 && (!near(p.Logprob, ref[i-1][p.Token]) || len(p.Top) != top):
			t.Fatalf("prompt token %d: logprob %v, reference %v, %d alternatives", i, p.Logprob, ref[i-1][p.Token], len(p.Top))
		}
	}
	pos := len(prompt) - 1
	n := 0
	for _, ev := range evs[1:] {
		if ev.Token < 0 {
			continue
		}
		lp := ev.Logprob
		if lp == nil || lp.Token != ev.Token || len(lp.Top) != top {
			t.Fatalf("event %+v: logprob %+v", ev, lp)
		}
		if !near(lp.Logprob, ref[pos][ev.Token]) {
			t.Fatalf("token %d: logprob %v, reference %v", n, lp.Logprob, ref[pos][ev.Token])
		}
		if lp.Top[0].Token != ev.Token || lp.Top[0].Logprob != lp.Logprob {
			t.Fatalf("greedy token %d is not the top alternative %+v", ev.Token, lp.Top[0])
		}
		mass := 0.0
		for k, alt := range lp.Top {
			if !near(alt.Logprob, ref[pos][alt.Token]) || (k > 0 && alt.Logprob > lp.Top[k-1].Logprob) || string(alt.Bytes) != string(e.list[0].tok.TokenPiece(alt.Token)) {
				t.Fatalf("alternative %d %+v: reference %v", k, alt, ref[pos][alt.Token])
			}
			mass += math.Exp(float64(alt.Logprob))
		}
		if mass > 1+1e-4 {
			t.Fatalf("top %d alternatives weigh %v", top, mass)
		}
		pos++
		n++
	}
	if n != 8 {
		t.Fatalf("%d tokens with logprobs", n)
	}

	// The same prompt as token ids gives the same tokens.
	ch, err = e.Generate(context.Background(), gpu.Request{Model: "stories15m", PromptIDs: prompt, MaxTokens: 8})
	if err != nil {
		t.Fatal(err)
	}
	if got := events(t, ch); !equalInt32(got[len(got)-1].Usage.OutputIDs, last.Usage.OutputIDs) {
		t.Fatalf("token-id prompt: %v, text prompt %v", got[len(got)-1].Usage.OutputIDs, last.Usage.OutputIDs)
	}

	// Prompt-only scoring: the echoed prompt, nothing generated.
	ch, err = e.Generate(context.Background(), gpu.Request{Model: "stories15m", PromptIDs: all, Echo: true, Logprobs: true, PromptOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	got := events(t, ch)
	if len(got) != 2 || len(got[0].Prompt) != len(all) || got[1].FinishReason != "length" || got[1].Usage.OutputTokens != 0 {
		t.Fatalf("prompt-only: %+v", got)
	}
	for i := 1; i < len(all); i++ {
		if !near(got[0].Prompt[i].Logprob, ref[i-1][all[i]]) {
			t.Fatalf("prompt-only token %d: %v, reference %v", i, got[0].Prompt[i].Logprob, ref[i-1][all[i]])
		}
	}

	// Prefill in chunks of 3 scores the same.
	cfg := DefaultConfig()
	cfg.PrefillChunk = 3
	chunked, _ := newEngine(t, cfg, nil, nil)
	ch, err = chunked.Generate(context.Background(), gpu.Request{Model: "stories15m", PromptIDs: all, Echo: true, Logprobs: true, TopLogprobs: 2, PromptOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	got = events(t, ch)
	for i := 1; i < len(all); i++ {
		if p := got[0].Prompt[i]; !near(p.Logprob, ref[i-1][all[i]]) || len(p.Top) != 2 {
			t.Fatalf("chunked prefill, prompt token %d: %+v, reference %v", i, p, ref[i-1][all[i]])
		}
	}

	for _, bad := range []gpu.Request{
		{Model: "stories15m", PromptIDs: []int32{1, 32000}},
		{Model: "stories15m", PromptIDs: []int32{-1}},
		{Model: "stories15m", Prompt: "x", TopLogprobs: 2},
		{Model: "stories15m", Prompt: "x", Logprobs: true, TopLogprobs: gpu.MaxTopLogprobs + 1},
		{Model: "stories15m", Prompt: "x", PromptOnly: true},
	} {
		if _, err := e.Generate(context.Background(), bad); !errors.Is(err, gpu.ErrBadRequest) {
			t.Errorf("%+v: %v", bad, err)
		}
	}
}

func equalInt32(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
