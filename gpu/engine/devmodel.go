package engine

import (
	"fmt"
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
