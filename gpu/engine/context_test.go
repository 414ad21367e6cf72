package engine

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/gpu/gguf"
	"github.com/provenet/provenet/gpu/model"
	"github.com/provenet/provenet/gpu/safetensors"
)

// contextOf is the context the engine reports for its base.
func contextOf(t *testing.T, e *Engine) int {
	t.Helper()
	for _, m := range e.Models() {
		if m.Kind == "base" {
			return m.ContextLength
		}
	}
	t.Fatal("no base listed")
	return 0
}

// TestContextComesFromTheModel loads the same weights from a Hugging Face
// directory (max_position_embeddings) and a GGUF file (context_length) and
// checks that the engine's context is the model's, capped by MaxContext
// and by the KV cache.
func TestContextComesFromTheModel(t *testing.T) {
	c := model.Stories15M()
	c.MaxSeq = 200
	w, err := model.Random(c, 3)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := model.SaveHF(dir, w, safetensors.F16); err != nil {
		t.Fatal(err)
	}
	hw, err := model.LoadHF(dir)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "m.gguf")
	c.MaxSeq = 300
	w.Config.MaxSeq = 300
	if err := model.SaveGGUF(path, w, gguf.TypeF16, nil); err != nil {
		t.Fatal(err)
	}
	gw, f, err := model.LoadGGUF(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, tc := range []struct {
		name           string
		w              *model.Weights
		maxContext, kv int
		want           int
	}{
		{"hf", hw, 2048, 4096, 200},
		{"gguf", gw, 2048, 4096, 300},
		{"gguf capped by max_context", gw, 128, 4096, 128},
		{"gguf capped by the kv cache", gw, 0, 40, 48}, // three blocks of 16
	} {
		cfg := DefaultConfig()
		cfg.MaxContext, cfg.KVTokens = tc.maxContext, tc.kv
		e, err := New(cfg, []Base{{Name: "b", Weights: tc.w, Tokenizer: llamaSPM(t)}}, nil, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := contextOf(t, e); got != tc.want {
			t.Errorf("%s: context %d, want %d", tc.name, got, tc.want)
		}
		e.Stop()
	}
}

// TestContextLengthExceeded checks that a request whose prompt plus
// max_tokens do not fit is refused with ErrContextLength (also a bad
// request) instead of being cut short, that one that just fits runs, and
// that the default max_tokens is cut to the room left.
func TestContextLengthExceeded(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxContext = 64
	cfg.DefaultMaxTokens = 1000
	e, _ := newEngine(t, cfg, nil, nil)
	if got := contextOf(t, e); got != 64 {
		t.Fatalf("context %d, want 64", got)
	}
	prompt := "Once upon a time"
	n := len(e.list[0].tok.Encode(prompt, true, true))
	_, err := e.Generate(context.Background(), gpu.Request{Model: "stories15m", Prompt: prompt, MaxTokens: 64 - n + 1})
	if !errors.Is(err, gpu.ErrContextLength) || !errors.Is(err, gpu.ErrBadRequest) {
		t.Fatalf("prompt %d + max_tokens %d in a context of 64: %v", n, 64-n+1, err)
	}
	if !strings.Contains(err.Error(), "maximum context length is 64 tokens") {
		t.Fatalf("message %q", err)
	}
	long := strings.Repeat("time ", 80)
	if _, err := e.Generate(context.Background(), gpu.Request{Model: "stories15m", Prompt: long}); !errors.Is(err, gpu.ErrContextLength) {
		t.Fatalf("a prompt longer than the context: %v", err)
	}
	for _, req := range []gpu.Request{
		{Model: "stories15m", Prompt: prompt, MaxTokens: 64 - n}, // fits exactly
		{Model: "stories15m", Prompt: prompt},                    // default cut to the room left
		{Model: "stories15m", Prompt: prompt, DefaultMaxTokens: 5},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		ch, err := e.Generate(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		_, _, last := collect(t, ch)
		cancel()
		want := 64 - n
		if req.DefaultMaxTokens > 0 {
			want = req.DefaultMaxTokens
		}
		if last.FinishReason == "length" && last.Usage.OutputTokens != want {
			t.Fatalf("%+v: %d tokens, want %d", req, last.Usage.OutputTokens, want)
		}
		if last.Usage.PromptTokens+last.Usage.OutputTokens > 64 {
			t.Fatalf("%+v: used %d positions of 64", req, last.Usage.PromptTokens+last.Usage.OutputTokens)
		}
	}
}
