// Command hfcheck writes what provenet's own code computes for a Hugging
// Face model directory and a PEFT adapter: the token IDs of a set of test
// strings, and the engine's logits at every position of a prompt, with
// and without the adapter. scripts/hfcheck.py loads the same directories
// with transformers and peft and compares, so that an independent
// implementation checks the formats, the tokenizer and the forward pass.
//
//	go run ./cmd/hfcheck --model DIR --adapter DIR --out ref.json
//	python3 scripts/hfcheck.py DIR ADAPTER ref.json
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/provenet/provenet/gpu/cpu"
	"github.com/provenet/provenet/gpu/model"
	"github.com/provenet/provenet/gpu/tokenizer"
)

// texts exercise the pre-tokenizer's splits: contractions, digits,
// runs of spaces and newlines, punctuation, code and non-ASCII text.
var texts = []string{
	"Hello world",
	"The quick brown fox jumps over the lazy dog.",
	"Don't you're I'll we've they'd it's",
	"  leading spaces,   runs of   spaces\n\n\ttabs and\r\nnewlines  ",
	"def f(x):\n    return x**2 + 1234567 # comment",
	"naïve café, Straße, 日本語のテキスト, emoji 🤖🚀, ½ ∑ ≠",
	"A computer scientist is someone who fixes things that aren't broken.",
	"<s> not special </s> 0xDEADBEEF 3.14159 1,000,000",
}

const prompt = "Science is what we understand well enough to explain to a computer. Art is everything else we do."

type reference struct {
	Texts         []string    `json:"texts"`
	IDs           [][]int32   `json:"ids"`         // special-token text is plain text
	IDsSpecial    [][]int32   `json:"ids_special"` // special-token text is parsed
	Prompt        []int32     `json:"prompt_ids"`
	BaseLogits    [][]float32 `json:"base_logits"`
	AdapterLogits [][]float32 `json:"adapter_logits,omitempty"`
}

func main() {
	modelDir := flag.String("model", "", "Hugging Face model directory (config.json, model.safetensors, tokenizer.json)")
	adapterDir := flag.String("adapter", "", "PEFT adapter directory (optional)")
	out := flag.String("out", "hfcheck.json", "output JSON")
	flag.Parse()
	if err := run(*modelDir, *adapterDir, *out); err != nil {
		fmt.Fprintln(os.Stderr, "hfcheck:", err)
		os.Exit(1)
	}
}

func run(modelDir, adapterDir, out string) error {
	if modelDir == "" {
		return errors.New("--model is required")
	}
	w, err := model.LoadHF(modelDir)
	if err != nil {
		return err
	}
	tok, err := tokenizer.FromHF(modelDir)
	if err != nil {
		return err
	}
	ref := reference{Texts: texts}
	for _, s := range texts {
		ref.IDs = append(ref.IDs, tok.Encode(s, false, false))
		ref.IDsSpecial = append(ref.IDsSpecial, tok.Encode(s, false, true))
	}
	ref.Prompt = tok.Encode(prompt, false, false)
	if ref.BaseLogits, err = logits(w, nil, ref.Prompt); err != nil {
		return err
	}
	if adapterDir != "" {
		a, err := model.LoadPEFT(adapterDir, &w.Config)
		if err != nil {
			return err
		}
		if ref.AdapterLogits, err = logits(w, a, ref.Prompt); err != nil {
			return err
		}
	}
	b, err := json.Marshal(ref)
	if err != nil {
		return err
	}
	return os.WriteFile(out, b, 0o644)
}

// logits runs the prompt through the engine token by token over its KV
// cache, as serving does, and returns every position's logits.
func logits(w *model.Weights, a *model.Adapter, tokens []int32) ([][]float32, error) {
	be := cpu.NewBackend(0)
	defer be.Close()
	return model.SequenceLogits(w, be, a, tokens)
}
