package hf

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
)

// TokenizerConfig is the part of tokenizer_config.json the engine uses.
type TokenizerConfig struct {
	// ChatTemplate is the Jinja chat template: the string form, or the
	// template named "default" of the list form.
	ChatTemplate string
	// ChatTemplates holds every named template of the list form.
	ChatTemplates map[string]string
	BOSToken      string
	EOSToken      string
	PadToken      string
	UnkToken      string
	// AddBOSToken and AddEOSToken are nil when the file does not say.
	AddBOSToken    *bool
	AddEOSToken    *bool
	TokenizerClass string
	// ModelMaxLength is 0 when absent or "unbounded" (HF writes 1e30).
	ModelMaxLength int
}

// SpecialToken is a special token written as a string or as an AddedToken
// object {"content": ...}.
type SpecialToken string

// UnmarshalJSON accepts null, a string or an object with "content".
func (s *SpecialToken) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*s = ""
		return nil
	case len(b) > 0 && b[0] == '{':
		var o struct {
			Content string `json:"content"`
		}
		if err := json.Unmarshal(b, &o); err != nil {
			return err
		}
		*s = SpecialToken(o.Content)
		return nil
	}
	var str string
	if err := json.Unmarshal(b, &str); err != nil {
		return err
	}
	*s = SpecialToken(str)
	return nil
}

type tokenizerJSON struct {
	ChatTemplate   json.RawMessage `json:"chat_template"`
	BOSToken       SpecialToken    `json:"bos_token"`
	EOSToken       SpecialToken    `json:"eos_token"`
	PadToken       SpecialToken    `json:"pad_token"`
	UnkToken       SpecialToken    `json:"unk_token"`
	AddBOSToken    *bool           `json:"add_bos_token"`
	AddEOSToken    *bool           `json:"add_eos_token"`
	TokenizerClass string          `json:"tokenizer_class"`
	ModelMaxLength float64         `json:"model_max_length"`
}

// ParseTokenizerConfig parses tokenizer_config.json.
func ParseTokenizerConfig(b []byte) (*TokenizerConfig, error) {
	var j tokenizerJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return nil, fmt.Errorf("%w: tokenizer_config.json: %v", ErrBadConfig, err)
	}
	c := &TokenizerConfig{
		BOSToken:       string(j.BOSToken),
		EOSToken:       string(j.EOSToken),
		PadToken:       string(j.PadToken),
		UnkToken:       string(j.UnkToken),
		AddBOSToken:    j.AddBOSToken,
		AddEOSToken:    j.AddEOSToken,
		TokenizerClass: j.TokenizerClass,
	}
	if m := j.ModelMaxLength; m > 0 && m <= MaxPositions && m == math.Trunc(m) {
		c.ModelMaxLength = int(m)
	}
	var err error
	if c.ChatTemplate, c.ChatTemplates, err = parseChatTemplate(j.ChatTemplate); err != nil {
		return nil, err
	}
	return c, nil
}

// parseChatTemplate accepts null, a string, or [{"name", "template"}].
func parseChatTemplate(raw json.RawMessage) (string, map[string]string, error) {
	if isNull(raw) {
		return "", nil, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil, nil
	}
	var list []struct {
		Name     string `json:"name"`
		Template string `json:"template"`
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		return "", nil, fmt.Errorf("%w: chat_template: %v", ErrBadConfig, err)
	}
	named := make(map[string]string, len(list))
	for _, t := range list {
		if _, dup := named[t.Name]; dup {
			return "", nil, fmt.Errorf("%w: chat_template %q named twice", ErrBadConfig, t.Name)
		}
		named[t.Name] = t.Template
	}
	return named["default"], named, nil
}

// LoadTokenizerConfig reads dir/tokenizer_config.json. When it holds no
// chat template, the template is taken from chat_template.jinja or
// chat_template.json, where newer transformers versions save it.
func LoadTokenizerConfig(dir string) (*TokenizerConfig, error) {
	b, err := readFile(dir, "tokenizer_config.json")
	if err != nil {
		return nil, err
	}
	c, err := ParseTokenizerConfig(b)
	if err != nil {
		return nil, err
	}
	if c.ChatTemplate != "" {
		return c, nil
	}
	if t, err := readFile(dir, "chat_template.jinja"); err == nil {
		c.ChatTemplate = string(t)
		return c, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	t, err := readFile(dir, "chat_template.json")
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	} else if err != nil {
		return nil, err
	}
	var j struct {
		ChatTemplate json.RawMessage `json:"chat_template"`
	}
	if err := json.Unmarshal(t, &j); err != nil {
		return nil, fmt.Errorf("%w: chat_template.json: %v", ErrBadConfig, err)
	}
	if c.ChatTemplate, c.ChatTemplates, err = parseChatTemplate(j.ChatTemplate); err != nil {
		return nil, err
	}
	return c, nil
}

// GenerationConfig is generation_config.json (optional in a model repo).
// Sampling fields are nil when the file does not set them.
type GenerationConfig struct {
	BOSTokenID   TokenIDs `json:"bos_token_id,omitempty"`
	EOSTokenID   TokenIDs `json:"eos_token_id,omitempty"`
	PadTokenID   TokenIDs `json:"pad_token_id,omitempty"`
	DoSample     *bool    `json:"do_sample,omitempty"`
	Temperature  *float64 `json:"temperature,omitempty"`
	TopP         *float64 `json:"top_p,omitempty"`
	TopK         *int     `json:"top_k,omitempty"`
	MaxNewTokens *int     `json:"max_new_tokens,omitempty"`
}

// ParseGenerationConfig parses generation_config.json.
func ParseGenerationConfig(b []byte) (*GenerationConfig, error) {
	var g GenerationConfig
	if err := json.Unmarshal(b, &g); err != nil {
		return nil, fmt.Errorf("%w: generation_config.json: %v", ErrBadConfig, err)
	}
	if t := g.Temperature; t != nil && (*t < 0 || math.IsInf(*t, 0)) {
		return nil, fmt.Errorf("%w: temperature = %v", ErrBadConfig, *t)
	}
	if p := g.TopP; p != nil && !(*p >= 0 && *p <= 1) {
		return nil, fmt.Errorf("%w: top_p = %v", ErrBadConfig, *p)
	}
	if k := g.TopK; k != nil && *k < 0 {
		return nil, fmt.Errorf("%w: top_k = %d", ErrBadConfig, *k)
	}
	return &g, nil
}

// LoadGenerationConfig reads dir/generation_config.json; when the file is
// missing the error satisfies errors.Is(err, fs.ErrNotExist).
func LoadGenerationConfig(dir string) (*GenerationConfig, error) {
	b, err := readFile(dir, "generation_config.json")
	if err != nil {
		return nil, err
	}
	return ParseGenerationConfig(b)
}
