package engine

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/gpu/sample"
)

// In JSON mode every generated output, on random weights that left alone
// write anything, is a prefix of a JSON object; one that stops is a
// whole JSON object.
func TestJSONModeOutput(t *testing.T) {
	e, _ := newEngine(t, DefaultConfig(), nil, nil)
	stopped := 0
	for seed := uint64(1); seed <= 8; seed++ {
		r := gpu.Request{Model: "stories15m", Prompt: "Once upon a time", MaxTokens: 120, JSON: true,
			Sampling: gpu.Sampling{Temperature: 1.5, Seed: seed}}
		ids, text, last := collect(t, mustGenerate(t, e, r))
		var st sample.JSONState
		if !st.Feed([]byte(text)) {
			t.Fatalf("seed %d: %q is not a prefix of a JSON object", seed, text)
		}
		switch last.FinishReason {
		case "stop":
			stopped++
			if !st.Complete() || !json.Valid([]byte(text)) || !strings.HasPrefix(strings.TrimSpace(text), "{") {
				t.Fatalf("seed %d: stopped with %q, not one JSON object", seed, text)
			}
		case "length":
			if len(ids) != 120 {
				t.Fatalf("seed %d: length after %d tokens", seed, len(ids))
			}
		default:
			t.Fatalf("seed %d: finish %q", seed, last.FinishReason)
		}
	}
	free, _, _ := collect(t, mustGenerate(t, e, gpu.Request{Model: "stories15m", Prompt: "Once upon a time", MaxTokens: 40}))
	if len(free) == 0 {
		t.Fatal("no unconstrained output")
	}
	t.Logf("%d of 8 JSON-mode requests closed their object within 120 tokens", stopped)
}

// The mask: with the object closed only the end of generation is left;
// inside a number a closing brace is allowed and a closing bracket is not.
func TestJSONMask(t *testing.T) {
	e, _ := newEngine(t, DefaultConfig(), nil, nil)
	b := e.list[0]
	vocab := b.dev.Config().Vocab
	logits := make([]float32, vocab)
	var done sample.JSONState
	done.Feed([]byte(`{"a":1}`))
	m := b.constrainJSON(&done, logits)
	for id, v := range m {
		if eog := b.tok.IsEOG(int32(id)); eog == math.IsInf(float64(v), -1) {
			t.Fatalf("closed object: token %d (%q, end=%v) has %v", id, b.piece(int32(id)), eog, v)
		}
	}
	var open sample.JSONState
	open.Feed([]byte(`{"a":1`))
	m = b.constrainJSON(&open, logits)
	allowed := map[string]bool{}
	for id, v := range m {
		if !math.IsInf(float64(v), -1) {
			allowed[string(b.piece(int32(id)))] = true
		}
	}
	if !allowed["}"] || !allowed["0"] || allowed["]"] || allowed["\""] {
		t.Fatalf("inside a number: } %v, 0 %v, ] %v, \" %v", allowed["}"], allowed["0"], allowed["]"], allowed["\""])
	}
}

// BenchmarkJSONMask is the mask's cost per generated token, inside a
// string (the plain-text fast path) and between values (a cached state),
// against the 32,000-token vocabulary.
func BenchmarkJSONMask(b *testing.B) {
	e, _ := newEngine(b, DefaultConfig(), nil, nil)
	bs := e.list[0]
	logits := make([]float32, bs.dev.Config().Vocab)
	for _, c := range []struct{ name, prefix string }{{"in-string", `{"name": "ab`}, {"between-values", `{"a": 1, `}} {
		var st sample.JSONState
		st.Feed([]byte(c.prefix))
		bs.constrainJSON(&st, logits)
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				bs.constrainJSON(&st, logits)
			}
		})
	}
}

// The cached mask of a state is the one computed afresh.
func TestJSONMaskCache(t *testing.T) {
	e, _ := newEngine(t, DefaultConfig(), nil, nil)
	b := e.list[0]
	logits := make([]float32, b.dev.Config().Vocab)
	for i := range logits {
		logits[i] = float32(i % 7)
	}
	var st sample.JSONState
	st.Feed([]byte(`{"a": [1, tr`))
	first := append([]float32(nil), b.constrainJSON(&st, logits)...)
	if _, ok := b.json.masks[st]; !ok {
		t.Fatal("state not cached")
	}
	second := b.constrainJSON(&st, logits)
	for i := range first {
		if first[i] != second[i] && !(math.IsInf(float64(first[i]), -1) && math.IsInf(float64(second[i]), -1)) {
			t.Fatalf("token %d: %v afresh, %v cached", i, first[i], second[i])
		}
	}
}
