package tokenizer

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"

	"github.com/provenet/provenet/gpu/gguf"
)

// llamaSPM is llama.cpp's vocab-only LLaMA GGUF (32,000 SentencePiece
// tokens, MIT licence; see testdata/README.md), gzipped.
//
//go:embed testdata/ggml-vocab-llama-spm.gguf.gz
var llamaSPM []byte

// LlamaVocab returns the embedded LLaMA vocabulary as a parsed GGUF file:
// the tokenizer of random-weight development models (devnet, benchmarks),
// since no trained weights ship with provenet yet.
func LlamaVocab() (*gguf.File, error) {
	zr, err := gzip.NewReader(bytes.NewReader(llamaSPM))
	if err != nil {
		return nil, fmt.Errorf("%w: embedded vocabulary: %w", ErrBadVocab, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%w: embedded vocabulary: %w", ErrBadVocab, err)
	}
	return gguf.Parse(bytes.NewReader(data), int64(len(data)))
}
