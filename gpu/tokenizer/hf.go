package tokenizer

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
)

// Pre-tokenizer regexes of Hugging Face tokenizer.json files, mapped to
// the equivalent GGUF pre names.
var hfPreRegex = map[string]string{
	`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`: "llama-bpe",
	`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`:      "qwen2",
	`'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)`:                                              "gpt-2",
}

type hfJSON struct {
	AddedTokens []struct {
		ID      int32  `json:"id"`
		Content string `json:"content"`
		Special bool   `json:"special"`
	} `json:"added_tokens"`
	Normalizer    json.RawMessage `json:"normalizer"`
	PreTokenizer  json.RawMessage `json:"pre_tokenizer"`
	PostProcessor json.RawMessage `json:"post_processor"`
	Model         struct {
		Type         string           `json:"type"`
		Vocab        map[string]int32 `json:"vocab"`
		Merges       json.RawMessage  `json:"merges"`
		ByteFallback bool             `json:"byte_fallback"`
		UnkToken     *string          `json:"unk_token"`
	} `json:"model"`
}

// hfComponent is the part of a normalizer or pre-tokenizer we look at.
type hfComponent struct {
	Type          string          `json:"type"`
	Normalizers   []hfComponent   `json:"normalizers"`
	PreTokenizers []hfComponent   `json:"pretokenizers"`
	Prepend       string          `json:"prepend"`
	Pattern       json.RawMessage `json:"pattern"`
	UseRegex      *bool           `json:"use_regex"`
	AddPrefix     *bool           `json:"add_prefix_space"`
	PrependScheme string          `json:"prepend_scheme"`
	Single        []struct {
		SpecialToken *struct {
			ID string `json:"id"`
		} `json:"SpecialToken"`
	} `json:"single"`
}

func (c hfComponent) walk(fn func(hfComponent)) {
	fn(c)
	for _, s := range append(append([]hfComponent{}, c.Normalizers...), c.PreTokenizers...) {
		s.walk(fn)
	}
}

// FromHF loads a Hugging Face tokenizer directory: tokenizer.json (a BPE
// model, byte-level or SentencePiece-style) or, without one, a
// SentencePiece tokenizer.model (see FromSentencePiece) with the added
// tokens of tokenizer_config.json; tokenizer_config.json for the special
// tokens and chat template, and generation_config.json for extra
// end-of-generation ids when present.
func FromHF(dir string) (*Tokenizer, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "tokenizer.json"))
	if errors.Is(err, fs.ErrNotExist) {
		if _, serr := os.Stat(filepath.Join(dir, "tokenizer.model")); serr == nil {
			return fromHFSentencePiece(dir)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("tokenizer: %w", err)
	}
	var tj hfJSON
	if err := json.Unmarshal(raw, &tj); err != nil {
		return nil, fmt.Errorf("%w: tokenizer.json: %v", ErrBadVocab, err)
	}
	if tj.Model.Type != "BPE" {
		return nil, fmt.Errorf("%w: model type %q", ErrUnsupportedModel, tj.Model.Type)
	}
	var norm, pre, post hfComponent
	for _, p := range []struct {
		raw json.RawMessage
		dst *hfComponent
	}{{tj.Normalizer, &norm}, {tj.PreTokenizer, &pre}, {tj.PostProcessor, &post}} {
		if len(p.raw) > 0 && string(p.raw) != "null" {
			if err := json.Unmarshal(p.raw, p.dst); err != nil {
				return nil, fmt.Errorf("%w: tokenizer.json: %v", ErrBadVocab, err)
			}
		}
	}
	c := config{bos: unset, eos: unset, unk: unset, eot: unset, eom: unset, pad: unset}
	// Detect the flavour: a ByteLevel pre-tokenizer means byte-level BPE,
	// otherwise "▁" handling (Metaspace or a Prepend/Replace normalizer)
	// means SentencePiece-style.
	byteLevel, spaceMeta, addSpace := false, false, false
	regex := ""
	pre.walk(func(x hfComponent) {
		switch x.Type {
		case "ByteLevel":
			byteLevel = true
			if x.UseRegex == nil || *x.UseRegex {
				regex = `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)`
			}
		case "Split":
			var pat struct{ Regex string }
			_ = json.Unmarshal(x.Pattern, &pat)
			if pat.Regex != "" {
				regex = pat.Regex
			}
		case "Metaspace":
			spaceMeta = true
			addSpace = x.PrependScheme != "never" && (x.AddPrefix == nil || *x.AddPrefix)
		}
	})
	norm.walk(func(x hfComponent) {
		if x.Type == "Prepend" && x.Prepend == "▁" {
			spaceMeta, addSpace = true, true
		}
		if x.Type == "Replace" {
			spaceMeta = true
		}
	})
	switch {
	case byteLevel:
		c.kind = KindBPE
		name, ok := hfPreRegex[regex]
		if !ok {
			return nil, fmt.Errorf("%w: pre-tokenizer regex %q", ErrUnsupportedPre, regex)
		}
		c.pre = name
	case spaceMeta || tj.Model.ByteFallback:
		c.kind = KindSPM
		c.addSpace = &addSpace
	default:
		return nil, fmt.Errorf("%w: neither byte-level nor SentencePiece-style", ErrUnsupportedModel)
	}
	if err := hfVocab(&c, &tj); err != nil {
		return nil, err
	}
	// BOS added by a TemplateProcessing post-processor, as LLaMA 3 does.
	if len(post.Single) > 0 && post.Single[0].SpecialToken != nil {
		b := true
		c.addBOS = &b
		if id, ok := tj.Model.Vocab[post.Single[0].SpecialToken.ID]; ok {
			c.bos = id
		}
	}
	if err := hfConfig(dir, &c, tj.Model.Vocab); err != nil {
		return nil, err
	}
	return build(c)
}

func hfVocab(c *config, tj *hfJSON) error {
	n := int32(0)
	for _, id := range tj.Model.Vocab {
		n = max(n, id+1)
	}
	for _, a := range tj.AddedTokens {
		n = max(n, a.ID+1)
	}
	if n <= 0 || n > 1<<24 {
		return fmt.Errorf("%w: %d tokens", ErrBadVocab, n)
	}
	c.tokens = make([]string, n)
	c.types = make([]TokenType, n)
	for i := range c.types {
		c.types[i] = TypeUnused
	}
	for s, id := range tj.Model.Vocab {
		if id < 0 {
			return fmt.Errorf("%w: negative id for %q", ErrBadVocab, s)
		}
		c.tokens[id], c.types[id] = s, TypeNormal
		if c.kind == KindSPM {
			if _, ok := parseByteToken(s); ok {
				c.types[id] = TypeByte
			}
		}
	}
	if u := tj.Model.UnkToken; u != nil {
		if id, ok := tj.Model.Vocab[*u]; ok {
			c.types[id], c.unk = TypeUnknown, id
		}
	}
	for _, a := range tj.AddedTokens {
		if a.ID < 0 {
			return fmt.Errorf("%w: negative id for %q", ErrBadVocab, a.Content)
		}
		c.tokens[a.ID] = a.Content
		c.types[a.ID] = TypeUserDefined
		if a.Special {
			c.types[a.ID] = TypeControl
		}
	}
	var merges []json.RawMessage
	if len(tj.Model.Merges) > 0 {
		if err := json.Unmarshal(tj.Model.Merges, &merges); err != nil {
			return fmt.Errorf("%w: merges: %v", ErrBadVocab, err)
		}
	}
	c.merges = make([][2]string, 0, len(merges))
	for _, m := range merges {
		var s string
		var pair [2]string
		if json.Unmarshal(m, &s) == nil {
			pair = splitMerge(s)
		} else if err := json.Unmarshal(m, &pair); err != nil {
			return fmt.Errorf("%w: merge %s", ErrBadVocab, m)
		}
		c.merges = append(c.merges, pair)
	}
	if c.kind == KindSPM {
		// SentencePiece merges by score; HF files carry merges instead.
		// A token's score is minus the rank of the first merge making it,
		// which orders merges the same way.
		c.scores = make([]float32, n)
		seen := make(map[string]bool, len(c.merges))
		for r, m := range c.merges {
			if id, ok := tj.Model.Vocab[m[0]+m[1]]; ok && !seen[m[0]+m[1]] {
				seen[m[0]+m[1]] = true
				c.scores[id] = -float32(r)
			}
		}
	}
	return nil
}

// fromHFSentencePiece loads dir/tokenizer.model and the added tokens and
// settings of dir's tokenizer_config.json.
func fromHFSentencePiece(dir string) (*Tokenizer, error) {
	c, err := sentencePieceConfig(filepath.Join(dir, "tokenizer.model"))
	if err != nil {
		return nil, err
	}
	var tc struct {
		Added map[string]struct {
			Content string `json:"content"`
			Special bool   `json:"special"`
		} `json:"added_tokens_decoder"`
	}
	if err := readJSON(filepath.Join(dir, "tokenizer_config.json"), &tc); err != nil {
		return nil, err
	}
	// In id order: a map's order is random, and an id past the pieces
	// grows the vocabulary with placeholders that a later, lower id fills.
	type added struct {
		id      int
		content string
		special bool
	}
	adds := make([]added, 0, len(tc.Added))
	for key, a := range tc.Added {
		id, err := strconv.Atoi(key)
		if err != nil || id < 0 || id >= 1<<24 || a.Content == "" {
			return nil, fmt.Errorf("%w: tokenizer_config.json: added token %q = %q", ErrBadVocab, key, a.Content)
		}
		adds = append(adds, added{id, a.Content, a.Special})
	}
	slices.SortFunc(adds, func(a, b added) int { return a.id - b.id })
	for _, ad := range adds {
		id, a := ad.id, struct {
			Content string
			Special bool
		}{ad.content, ad.special}
		if id < len(c.tokens) {
			if c.tokens[id] != a.Content {
				return nil, fmt.Errorf("%w: tokenizer_config.json adds %q as id %d, which tokenizer.model calls %q", ErrBadVocab, a.Content, id, c.tokens[id])
			}
			continue
		}
		for len(c.tokens) <= id { // ids past the pieces: grow the vocabulary
			c.tokens = append(c.tokens, "")
			c.scores = append(c.scores, 0)
			c.types = append(c.types, TypeUnused)
		}
		c.tokens[id], c.types[id] = a.Content, TypeUserDefined
		if a.Special {
			c.types[id] = TypeControl
		}
	}
	if err := hfConfig(dir, &c, nil); err != nil {
		return nil, err
	}
	return build(c)
}

// hfConfig reads tokenizer_config.json and generation_config.json.
func hfConfig(dir string, c *config, vocab map[string]int32) error {
	var tc map[string]json.RawMessage
	if err := readJSON(filepath.Join(dir, "tokenizer_config.json"), &tc); err != nil {
		return err
	}
	lookup := func(key string) int32 {
		var s string
		var obj struct{ Content string }
		raw := tc[key]
		if json.Unmarshal(raw, &s) != nil && json.Unmarshal(raw, &obj) == nil {
			s = obj.Content
		}
		if s == "" {
			return unset
		}
		for i, tok := range c.tokens {
			if tok == s {
				return int32(i)
			}
		}
		return unset
	}
	for key, dst := range map[string]*int32{"bos_token": &c.bos, "eos_token": &c.eos, "unk_token": &c.unk, "pad_token": &c.pad} {
		if id := lookup(key); id != unset {
			*dst = id
		}
	}
	for key, dst := range map[string]**bool{"add_bos_token": &c.addBOS, "add_eos_token": &c.addEOS} {
		var b bool
		if json.Unmarshal(tc[key], &b) == nil && tc[key] != nil {
			*dst = &b
		}
	}
	if raw := tc["chat_template"]; raw != nil {
		var named []struct{ Name, Template string }
		if json.Unmarshal(raw, &c.chatTemplate) != nil && json.Unmarshal(raw, &named) == nil {
			for _, n := range named {
				if n.Name == "default" || c.chatTemplate == "" {
					c.chatTemplate = n.Template
				}
			}
		}
	}
	var gc struct {
		EOS json.RawMessage `json:"eos_token_id"`
	}
	if err := readJSON(filepath.Join(dir, "generation_config.json"), &gc); err != nil {
		return err
	}
	var one int32
	var many []int32
	if json.Unmarshal(gc.EOS, &one) == nil && gc.EOS != nil {
		c.extraEOG = append(c.extraEOG, one)
	} else if json.Unmarshal(gc.EOS, &many) == nil {
		c.extraEOG = append(c.extraEOG, many...)
	}
	return nil
}

// readJSON decodes an optional JSON file; a missing file is no error.
func readJSON(path string, dst any) error {
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("tokenizer: %w", err)
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrBadVocab, filepath.Base(path), err)
	}
	return nil
}
