package tokenizer

import (
	"fmt"
	"slices"
	"strconv"
)

// Kind is the tokenisation algorithm.
type Kind int

// Tokenizer kinds.
const (
	KindSPM Kind = iota + 1 // SentencePiece-style BPE by score ("llama")
	KindBPE                 // byte-level BPE by merge rank ("gpt2")
)

// TokenType is a GGUF token type (tokenizer.ggml.token_type).
type TokenType int32

// Token types, as llama.cpp numbers them.
const (
	TypeUndefined   TokenType = 0
	TypeNormal      TokenType = 1
	TypeUnknown     TokenType = 2
	TypeControl     TokenType = 3
	TypeUserDefined TokenType = 4
	TypeUnused      TokenType = 5
	TypeByte        TokenType = 6
)

// config is what a loader hands to build: the vocabulary and its options.
type config struct {
	kind          Kind
	pre           string
	tokens        []string
	scores        []float32   // may be nil
	types         []TokenType // may be nil: all normal
	merges        [][2]string // BPE only, in rank order
	bos, eos, unk int32       // -1 for none; 'unset' for the kind's default
	eot, eom, pad int32
	extraEOG      []int32
	addBOS        *bool
	addEOS        *bool
	addSpace      *bool
	chatTemplate  string
}

const unset = -2

// Tokenizer encodes text to token ids and back. It is immutable and safe
// for concurrent use.
type Tokenizer struct {
	kind         Kind
	pre          preKind
	preName      string
	tokens       []string
	scores       []float32
	types        []TokenType
	ids          map[string]int32
	bos, eos     int32
	unk, pad     int32
	eot          int32
	eog          map[int32]bool
	addBOS       bool
	addEOS       bool
	addSpace     bool
	ignoreMerges bool
	chatTemplate string
	special      []int32 // control, user-defined and unknown tokens, longest first
	byteTokens   [256]int32

	// BPE merges: both sides interned to ids (vocab ids, then extra ids
	// for strings not in the vocab), pair -> rank.
	intern map[string]int32
	ranks  map[uint64]int32

	// src is what the tokenizer was built from, for GGUFMetadata.
	src config
}

func build(c config) (*Tokenizer, error) {
	n := len(c.tokens)
	if n == 0 || n > 1<<24 {
		return nil, fmt.Errorf("%w: %d tokens", ErrBadVocab, n)
	}
	if c.scores != nil && len(c.scores) < n || c.types != nil && len(c.types) < n {
		return nil, fmt.Errorf("%w: %d tokens but %d scores and %d types", ErrBadVocab, n, len(c.scores), len(c.types))
	}
	t := &Tokenizer{kind: c.kind, preName: c.pre, chatTemplate: c.chatTemplate, src: c,
		tokens: make([]string, n), scores: make([]float32, n), types: make([]TokenType, n),
		ids: make(map[string]int32, n), eog: map[int32]bool{}}
	for i, s := range c.tokens {
		if s == "" {
			s = "[EMPTY_" + strconv.Itoa(i) + "]"
		}
		t.tokens[i] = s
		t.ids[s] = int32(i)
		t.types[i] = TypeNormal
		if c.types != nil {
			t.types[i] = c.types[i]
		}
		if c.scores != nil {
			t.scores[i] = c.scores[i]
		}
	}
	defBOS, defEOS, defUnk := int32(1), int32(2), int32(0)
	switch c.kind {
	case KindSPM:
		t.addBOS, t.addSpace = true, true
	case KindBPE:
		defBOS, defEOS, defUnk = 11, 11, -1
		pk, ok := preKinds[c.pre]
		if !ok {
			return nil, fmt.Errorf("%w: %q", ErrUnsupportedPre, c.pre)
		}
		t.pre = pk
		if pk == preLlama3 && (c.pre == "llama3" || c.pre == "llama-v3" || c.pre == "llama-bpe" ||
			c.pre == "falcon3" || c.pre == "falcon-h1" || c.pre == "pixtral" || c.pre == "midm-2.0" ||
			c.pre == "lfm2" || c.pre == "jina-v5-nano") {
			t.ignoreMerges, t.addBOS = true, true
		}
		t.buildMerges(c.merges)
	default:
		return nil, fmt.Errorf("%w: kind %d", ErrUnsupportedModel, c.kind)
	}
	pick := func(v, def int32) int32 {
		if v == unset {
			v = def
		}
		if v < 0 || int(v) >= n {
			return -1
		}
		return v
	}
	t.bos, t.eos, t.unk = pick(c.bos, defBOS), pick(c.eos, defEOS), pick(c.unk, defUnk)
	t.pad, t.eot = pick(c.pad, -1), pick(c.eot, -1)
	eom := pick(c.eom, -1)
	if c.addBOS != nil {
		t.addBOS = *c.addBOS
	}
	if c.addEOS != nil {
		t.addEOS = *c.addEOS
	}
	if c.addSpace != nil {
		t.addSpace = *c.addSpace
	}
	t.finishSpecial(eom, c.extraEOG)
	return t, nil
}

var eotTexts = []string{"<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>",
	"<|end_of_text|>", "<EOT>", "_<EOT>", "[EOT]", "<｜end▁of▁sentence｜>"}

var eogTexts = []string{"<|eot_id|>", "<|im_end|>", "<|end|>", "<|return|>", "<|call|>",
	"<|flush|>", "<|calls|>", "<end_of_turn>", "<|endoftext|>", "</s>", "<|eom_id|>", "<EOT>",
	"_<EOT>", "[EOT]", "[EOS]", "<|end_of_text|>", "<end_of_utterance>"}

// finishSpecial detects EOT/EOG tokens by text as llama.cpp does and
// builds the special-token and byte-token tables.
func (t *Tokenizer) finishSpecial(eom int32, extraEOG []int32) {
	mark := func(id int32) {
		if t.types[id] != TypeControl && t.types[id] != TypeUnknown {
			t.types[id] = TypeControl
		}
	}
	if t.eot < 0 {
		for _, s := range eotTexts {
			if id, ok := t.ids[s]; ok {
				t.eot = id
				mark(id)
				break
			}
		}
	}
	if eom < 0 {
		if id, ok := t.ids["<|eom_id|>"]; ok {
			eom = id
		}
	}
	for _, s := range eogTexts {
		if id, ok := t.ids[s]; ok {
			t.eog[id] = true
			mark(id)
		}
	}
	for _, id := range append([]int32{t.eos, t.eot, eom}, extraEOG...) {
		if id >= 0 && int(id) < len(t.tokens) {
			t.eog[id] = true
		}
	}
	for i, ty := range t.types {
		if ty == TypeControl || ty == TypeUserDefined || ty == TypeUnknown {
			t.special = append(t.special, int32(i))
		}
	}
	slices.SortStableFunc(t.special, func(a, b int32) int { return len(t.tokens[b]) - len(t.tokens[a]) })
	for b := 0; b < 256; b++ {
		t.byteTokens[b] = -1
		if id, ok := t.ids[fmt.Sprintf("<0x%02X>", b)]; ok && t.kind == KindSPM {
			t.byteTokens[b] = id
		} else if id, ok := t.ids[string([]byte{byte(b)})]; ok {
			t.byteTokens[b] = id
		} else if t.kind == KindSPM {
			t.byteTokens[b] = t.unk
		}
	}
}

func (t *Tokenizer) buildMerges(merges [][2]string) {
	t.intern = make(map[string]int32)
	t.ranks = make(map[uint64]int32, len(merges))
	next := int32(len(t.tokens))
	id := func(s string) int32 {
		if v, ok := t.ids[s]; ok {
			return v
		}
		if v, ok := t.intern[s]; ok {
			return v
		}
		t.intern[s] = next
		next++
		return next - 1
	}
	for r, m := range merges {
		k := uint64(uint32(id(m[0])))<<32 | uint64(uint32(id(m[1])))
		if _, dup := t.ranks[k]; !dup {
			t.ranks[k] = int32(r)
		}
	}
}

// internID returns the merge-side id of s, or -1.
func (t *Tokenizer) internID(s string) int32 {
	if v, ok := t.ids[s]; ok {
		return v
	}
	if v, ok := t.intern[s]; ok {
		return v
	}
	return -1
}

// Kind reports the algorithm.
func (t *Tokenizer) Kind() Kind { return t.kind }

// Pre is the pre-tokenizer name (tokenizer.ggml.pre) of a BPE tokenizer.
func (t *Tokenizer) Pre() string { return t.preName }

// VocabSize is the number of tokens.
func (t *Tokenizer) VocabSize() int { return len(t.tokens) }

// BOS is the beginning-of-sequence id, or -1.
func (t *Tokenizer) BOS() int32 { return t.bos }

// EOS is the end-of-sequence id, or -1.
func (t *Tokenizer) EOS() int32 { return t.eos }

// EOT is the end-of-turn id (such as <|eot_id|>), or -1.
func (t *Tokenizer) EOT() int32 { return t.eot }

// UNK is the unknown-token id, or -1.
func (t *Tokenizer) UNK() int32 { return t.unk }

// PAD is the padding id, or -1.
func (t *Tokenizer) PAD() int32 { return t.pad }

// AddBOS reports whether Encode with addSpecial prepends BOS.
func (t *Tokenizer) AddBOS() bool { return t.addBOS }

// IsEOG reports whether id ends generation (EOS, EOT, EOM and the
// end-of-turn tokens llama.cpp recognises by text).
func (t *Tokenizer) IsEOG(id int32) bool { return t.eog[id] }

// EOGs returns the end-of-generation ids in ascending order.
func (t *Tokenizer) EOGs() []int32 {
	out := make([]int32, 0, len(t.eog))
	for id := range t.eog {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// ChatTemplate is the model's chat template text, if it has one.
func (t *Tokenizer) ChatTemplate() string { return t.chatTemplate }

// TokenText is the vocabulary string of id ("" when out of range).
func (t *Tokenizer) TokenText(id int32) string {
	if id < 0 || int(id) >= len(t.tokens) {
		return ""
	}
	return t.tokens[id]
}

// TokenType is the type of id (TypeUndefined when out of range).
func (t *Tokenizer) TokenType(id int32) TokenType {
	if id < 0 || int(id) >= len(t.types) {
		return TypeUndefined
	}
	return t.types[id]
}

// TokenID looks a vocabulary string up.
func (t *Tokenizer) TokenID(text string) (int32, bool) {
	id, ok := t.ids[text]
	return id, ok
}
