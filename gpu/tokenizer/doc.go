// Package tokenizer implements the tokenizers of LLaMA-family models the
// way llama.cpp does (src/llama-vocab.cpp), checked against llama.cpp's own
// test vectors in testdata:
//
//   - SentencePiece-style BPE ("llama" in GGUF: LLaMA 1/2, Mistral): spaces
//     become "▁", an optional "▁" prefix, merges by highest vocab score and
//     <0xNN> byte fallback;
//   - byte-level BPE ("gpt2" in GGUF: GPT-2, LLaMA 3, Qwen2): a
//     pre-tokeniser per tokenizer.ggml.pre, hand-written as scanners over
//     Unicode categories (equivalent to the regexes llama.cpp uses), the
//     GPT-2 byte-to-unicode mapping and merges ranked by order.
//
// Special tokens are matched as whole tokens in the text when Encode is
// asked to parse them; user-defined tokens always are, as in llama.cpp.
// ApplyChatTemplate renders the common chat formats, detected from the
// model's Jinja template by substrings like llama.cpp's
// llm_chat_detect_template; there is no Jinja interpreter.
//
// A Tokenizer is immutable after loading and safe for concurrent use.
// Encoding is O(n log n) in the input: merges run from a priority queue
// over a linked list of symbols.
package tokenizer

import "errors"

// Sentinel errors; test with errors.Is.
var (
	ErrBadVocab           = errors.New("tokenizer: bad vocabulary")
	ErrUnsupportedModel   = errors.New("tokenizer: unsupported tokenizer model")
	ErrUnsupportedPre     = errors.New("tokenizer: unsupported pre-tokenizer")
	ErrUnknownTemplate    = errors.New("tokenizer: unknown chat template")
	ErrBadMessage         = errors.New("tokenizer: bad chat message")
	ErrMissingMetadata    = errors.New("tokenizer: missing metadata")
	ErrUnsupportedFeature = errors.New("tokenizer: unsupported feature")
)
