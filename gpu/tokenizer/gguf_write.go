package tokenizer

import (
	"github.com/provenet/provenet/gpu/gguf"
)

// GGUFMetadata is the tokenizer as GGUF metadata (llama.cpp's keys): what
// FromGGUF reads back into the same tokenizer, whatever the source was
// (GGUF, a Hugging Face tokenizer.json, a SentencePiece model). Extra
// end-of-generation ids beyond eos, eot and eom have no GGUF key and are
// not kept.
func (t *Tokenizer) GGUFMetadata() []gguf.KV {
	c := &t.src
	model := "llama"
	if c.kind == KindBPE {
		model = "gpt2"
	}
	kvs := []gguf.KV{{Key: keyModel, Value: model}, {Key: keyTokens, Value: c.tokens}}
	if c.pre != "" {
		kvs = append(kvs, gguf.KV{Key: keyPre, Value: c.pre})
	}
	if c.scores != nil {
		kvs = append(kvs, gguf.KV{Key: keyScores, Value: c.scores[:len(c.tokens)]})
	}
	if c.types != nil {
		types := make([]int32, len(c.tokens))
		for i := range types {
			types[i] = int32(c.types[i])
		}
		kvs = append(kvs, gguf.KV{Key: keyTokenType, Value: types})
	}
	if c.kind == KindBPE {
		merges := make([]string, len(c.merges))
		for i, m := range c.merges {
			merges[i] = m[0] + " " + m[1]
		}
		kvs = append(kvs, gguf.KV{Key: keyMerges, Value: merges})
	}
	for _, id := range []struct {
		key string
		v   int32
	}{{keyBOS, c.bos}, {keyEOS, c.eos}, {keyUNK, c.unk}, {keyEOT, c.eot}, {keyEOM, c.eom}, {keyPAD, c.pad}} {
		if id.v >= 0 {
			kvs = append(kvs, gguf.KV{Key: id.key, Value: uint32(id.v)})
		}
	}
	for _, b := range []struct {
		key string
		v   *bool
	}{{keyAddBOS, c.addBOS}, {keyAddEOS, c.addEOS}, {keyAddSpace, c.addSpace}} {
		if b.v != nil {
			kvs = append(kvs, gguf.KV{Key: b.key, Value: *b.v})
		}
	}
	if c.chatTemplate != "" {
		kvs = append(kvs, gguf.KV{Key: keyChatTemplate, Value: c.chatTemplate})
	}
	return kvs
}
