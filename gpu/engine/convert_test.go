package engine

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/gpu/gguf"
	"github.com/provenet/provenet/gpu/model"
	"github.com/provenet/provenet/gpu/tokenizer"
	"github.com/provenet/provenet/gpu/train"
)

// The project's own trained base, converted from its Hugging Face
// directory to GGUF (f32), loads back with the same tokenizer and gives
// the same greedy tokens through the engine; f16 and q8_0 convert too.
func TestConvertHFToGGUF(t *testing.T) {
	dir := t.TempDir()
	hfDir := filepath.Join(dir, "base")
	if err := train.WriteBaseModel(hfDir); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "base.gguf")
	if _, err := ConvertHFToGGUF(hfDir, out, gguf.TypeF32); err != nil {
		t.Fatal(err)
	}
	hw, err := model.LoadHF(hfDir)
	if err != nil {
		t.Fatal(err)
	}
	htok, err := tokenizer.FromHF(hfDir)
	if err != nil {
		t.Fatal(err)
	}
	gw, f, err := model.LoadGGUF(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gtok, err := tokenizer.FromGGUF(f)
	if err != nil {
		t.Fatal(err)
	}
	text := "The captain said: \"Engage.\" 42 times, then left."
	if a, b := htok.Encode(text, true, true), gtok.Encode(text, true, true); !slices.Equal(a, b) {
		t.Fatalf("tokens differ: HF %v, GGUF %v", a, b)
	}
	gen := func(w *model.Weights, tk *tokenizer.Tokenizer) []int32 {
		e, err := New(DefaultConfig(), []Base{{Name: "b", Weights: w, Tokenizer: tk}}, nil, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer e.Stop()
		ch, err := e.Generate(context.Background(), gpu.Request{Model: "b", Prompt: "Once upon a time", MaxTokens: 24})
		if err != nil {
			t.Fatal(err)
		}
		ids, _, _ := collect(t, ch)
		return ids
	}
	want, got := gen(hw, htok), gen(gw, gtok)
	if !slices.Equal(want, got) || len(want) == 0 {
		t.Fatalf("greedy tokens: HF %v, GGUF %v", want, got)
	}
	for _, typ := range []gguf.GGMLType{gguf.TypeF16, gguf.TypeQ8_0} {
		p := filepath.Join(dir, typ.String()+".gguf")
		if _, err := ConvertHFToGGUF(hfDir, p, typ); err != nil {
			t.Fatalf("%v: %v", typ, err)
		}
		if _, f, err := model.LoadGGUF(p); err != nil {
			t.Fatalf("%v: %v", typ, err)
		} else {
			f.Close()
		}
	}
}
