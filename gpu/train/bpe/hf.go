package bpe

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

func sortWords(ws []word) {
	slices.SortFunc(ws, func(x, y word) int { return slices.Compare(x.syms, y.syms) })
}

// WriteHF writes dir/tokenizer.json (a byte-level BPE model with GPT-2's
// pre-tokenizer) and dir/tokenizer_config.json (BOS <s>, EOS </s>, pad
// <pad>; BOS added by Encode with addSpecial).
func (m *Model) WriteHF(dir string, maxLen int) error {
	vocab := make(map[string]int, len(m.Vocab))
	for i, s := range m.Vocab {
		if _, dup := vocab[s]; dup {
			return fmt.Errorf("%w: token %q twice", ErrConfig, s)
		}
		vocab[s] = i
	}
	type added struct {
		ID         int    `json:"id"`
		Content    string `json:"content"`
		SingleWord bool   `json:"single_word"`
		LStrip     bool   `json:"lstrip"`
		RStrip     bool   `json:"rstrip"`
		Normalized bool   `json:"normalized"`
		Special    bool   `json:"special"`
	}
	var add []added
	for i, s := range Specials {
		add = append(add, added{ID: i, Content: s, Special: true})
	}
	byteLevel := map[string]any{"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true}
	merges := m.Merges
	if merges == nil {
		merges = [][2]string{}
	}
	tj := map[string]any{
		"version":        "1.0",
		"truncation":     nil,
		"padding":        nil,
		"added_tokens":   add,
		"normalizer":     nil,
		"pre_tokenizer":  byteLevel,
		"post_processor": byteLevel,
		"decoder":        byteLevel,
		"model": map[string]any{"type": "BPE", "dropout": nil, "unk_token": nil, "continuing_subword_prefix": nil,
			"end_of_word_suffix": nil, "fuse_unk": false, "byte_fallback": false, "ignore_merges": false,
			"vocab": vocab, "merges": merges},
	}
	tc := map[string]any{"tokenizer_class": "PreTrainedTokenizerFast", "bos_token": BOS, "eos_token": EOS,
		"pad_token": Pad, "add_bos_token": true, "add_eos_token": false, "model_max_length": maxLen,
		"clean_up_tokenization_spaces": false}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, v := range map[string]any{"tokenizer.json": tj, "tokenizer_config.json": tc} {
		b, err := json.MarshalIndent(v, "", " ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
