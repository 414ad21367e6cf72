package tokenizer

import (
	"fmt"
	"strings"

	"github.com/provenet/provenet/gpu/gguf"
)

// GGUF metadata keys read by FromGGUF.
const (
	keyModel        = "tokenizer.ggml.model"
	keyPre          = "tokenizer.ggml.pre"
	keyTokens       = "tokenizer.ggml.tokens"
	keyScores       = "tokenizer.ggml.scores"
	keyTokenType    = "tokenizer.ggml.token_type"
	keyMerges       = "tokenizer.ggml.merges"
	keyBOS          = "tokenizer.ggml.bos_token_id"
	keyEOS          = "tokenizer.ggml.eos_token_id"
	keyEOT          = "tokenizer.ggml.eot_token_id"
	keyEOM          = "tokenizer.ggml.eom_token_id"
	keyUNK          = "tokenizer.ggml.unknown_token_id"
	keyPAD          = "tokenizer.ggml.padding_token_id"
	keyAddBOS       = "tokenizer.ggml.add_bos_token"
	keyAddEOS       = "tokenizer.ggml.add_eos_token"
	keyAddSpace     = "tokenizer.ggml.add_space_prefix"
	keyChatTemplate = "tokenizer.chat_template"
)

// FromGGUF loads the tokenizer stored in a model file's metadata.
func FromGGUF(f *gguf.File) (*Tokenizer, error) {
	model, ok := f.String(keyModel)
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrMissingMetadata, keyModel)
	}
	var c config
	switch model {
	case "llama":
		c.kind = KindSPM
	case "gpt2":
		c.kind = KindBPE
	default:
		return nil, fmt.Errorf("%w: %q", ErrUnsupportedModel, model)
	}
	c.pre, _ = f.String(keyPre)
	if c.tokens, ok = f.Strings(keyTokens); !ok {
		return nil, fmt.Errorf("%w: %s", ErrMissingMetadata, keyTokens)
	}
	if _, present := f.Get(keyScores); present {
		scores, ok := f.Floats(keyScores)
		if !ok {
			return nil, fmt.Errorf("%w: %s is not a number array", ErrBadVocab, keyScores)
		}
		c.scores = make([]float32, len(scores))
		for i, s := range scores {
			c.scores[i] = float32(s)
		}
	}
	if _, present := f.Get(keyTokenType); present {
		types, ok := f.Ints(keyTokenType)
		if !ok {
			return nil, fmt.Errorf("%w: %s is not an integer array", ErrBadVocab, keyTokenType)
		}
		c.types = make([]TokenType, len(types))
		for i, ty := range types {
			c.types[i] = TokenType(ty)
			if ty < 0 || ty > int64(TypeByte) {
				c.types[i] = TypeUndefined
			}
		}
	}
	if c.kind == KindBPE {
		merges, ok := f.Strings(keyMerges)
		if !ok {
			return nil, fmt.Errorf("%w: %s", ErrMissingMetadata, keyMerges)
		}
		c.merges = make([][2]string, len(merges))
		for i, m := range merges {
			c.merges[i] = splitMerge(m)
		}
	}
	id := func(key string) int32 {
		v, ok := f.Uint(key)
		if !ok {
			return unset
		}
		if v >= uint64(len(c.tokens)) {
			return unset // llama.cpp keeps the default for a bad id
		}
		return int32(v)
	}
	c.bos, c.eos, c.unk = id(keyBOS), id(keyEOS), id(keyUNK)
	c.eot, c.eom, c.pad = id(keyEOT), id(keyEOM), id(keyPAD)
	boolKey := func(key string) *bool {
		if b, ok := f.Bool(key); ok {
			return &b
		}
		return nil
	}
	c.addBOS, c.addEOS, c.addSpace = boolKey(keyAddBOS), boolKey(keyAddEOS), boolKey(keyAddSpace)
	c.chatTemplate, _ = f.String(keyChatTemplate)
	return build(c)
}

// splitMerge cuts "a b" at the first space after the first byte, as
// llama.cpp does; a merge without one yields two empty sides.
func splitMerge(m string) [2]string {
	if len(m) < 2 {
		return [2]string{}
	}
	i := strings.IndexByte(m[1:], ' ')
	if i < 0 {
		return [2]string{}
	}
	return [2]string{m[:i+1], m[i+2:]}
}
