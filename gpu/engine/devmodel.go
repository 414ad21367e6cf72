package engine

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/provenet/provenet/gpu/gguf"
	"github.com/provenet/provenet/gpu/model"
	"github.com/provenet/provenet/gpu/tokenizer"
)

// WriteRandomGGUF writes a development model: deterministic random weights
// of shape c (vocabulary 32,000) with llama.cpp's LLaMA tokenizer in the
// metadata, as a GGUF file of tensor type typ. Its answers are noise; it
// exercises every real path (loader, tokenizer, engine, API) until trained
// weights exist.
func WriteRandomGGUF(path string, c model.Config, seed uint64, typ gguf.GGMLType) error {
	vocab, err := tokenizer.LlamaVocab()
	if err != nil {
		return err
	}
	if c.Vocab != 32000 {
		return fmt.Errorf("%w: the embedded tokenizer has 32000 tokens, the shape %d", model.ErrConfig, c.Vocab)
	}
	w, err := model.Random(c, seed)
	if err != nil {
		return err
	}
	var extra []gguf.KV
	for _, kv := range vocab.KV {
		if strings.HasPrefix(kv.Key, "tokenizer.") {
			extra = append(extra, kv)
		}
	}
	extra = append(extra, gguf.KV{Key: "general.name", Value: fmt.Sprintf("provenet-random-%d", seed)})
	return model.SaveGGUF(path, w, typ, extra)
}

// ConvertHFToGGUF converts the Hugging Face model directory dir (config.json,
// *.safetensors, tokenizer.json) to one GGUF file at out with tensors of
// type typ and the tokenizer in its metadata, as llama.cpp's converter
// does (half-split q/k rows permuted to interleaved RoPE). It returns the
// parameter count.
func ConvertHFToGGUF(dir, out string, typ gguf.GGMLType) (int64, error) {
	w, err := model.LoadHF(dir)
	if err != nil {
		return 0, err
	}
	tok, err := tokenizer.FromHF(dir)
	if err != nil {
		return 0, err
	}
	if tok.VocabSize() > w.Config.Vocab {
		return 0, fmt.Errorf("%w: tokenizer of %d tokens for a %d-token model", model.ErrConfig, tok.VocabSize(), w.Config.Vocab)
	}
	extra := append(tok.GGUFMetadata(), gguf.KV{Key: "general.name", Value: filepath.Base(filepath.Clean(dir))})
	if err := model.SaveGGUF(out, w, typ, extra); err != nil {
		return 0, err
	}
	return w.Config.Params(), nil
}

// ConvertPEFTToGGUF converts the PEFT LoRA adapter directory dir, for the
// GGUF base model at basePath, to a GGUF LoRA adapter at out that
// llama.cpp loads with that base.
func ConvertPEFTToGGUF(dir, basePath, out string) error {
	w, f, err := model.LoadGGUF(basePath)
	if err != nil {
		return err
	}
	f.Close()
	a, err := model.LoadPEFT(dir, &w.Config)
	if err != nil {
		return err
	}
	a.Name = filepath.Base(filepath.Clean(dir))
	return model.SaveGGUFLoRA(out, a, &w.Config)
}
