package tokenizer

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"unicode/utf8"
)

// writeHF converts a GGUF vocabulary into an equivalent Hugging Face
// tokenizer directory, so FromHF can be checked on the same vectors.
func writeHF(t *testing.T, name string) string {
	tk := loadVocab(t, name)
	vocab := map[string]int32{}
	var added []map[string]any
	for id := int32(0); id < int32(tk.VocabSize()); id++ {
		s := tk.TokenText(id)
		switch tk.TokenType(id) {
		case TypeControl, TypeUserDefined:
			added = append(added, map[string]any{"id": id, "content": s, "special": tk.TokenType(id) == TypeControl})
		default:
			vocab[s] = id
		}
	}
	model := map[string]any{"type": "BPE", "vocab": vocab}
	tj := map[string]any{"version": "1.0", "added_tokens": added, "model": model}
	regexes := map[string]string{"llama-bpe": "", "qwen2": "", "gpt-2": ""}
	for re, pre := range hfPreRegex {
		regexes[pre] = re
	}
	if tk.Kind() == KindBPE {
		merges, _ := loadGGUF(t, name).Strings(keyMerges)
		model["merges"] = merges
		if name == "gpt-2" {
			tj["pre_tokenizer"] = map[string]any{"type": "ByteLevel", "add_prefix_space": false, "use_regex": true}
		} else {
			tj["pre_tokenizer"] = map[string]any{"type": "Sequence", "pretokenizers": []any{
				map[string]any{"type": "Split", "pattern": map[string]string{"Regex": regexes[name]}, "behavior": "Isolated"},
				map[string]any{"type": "ByteLevel", "add_prefix_space": false, "use_regex": false},
			}}
		}
		if tk.AddBOS() {
			tj["post_processor"] = map[string]any{"type": "TemplateProcessing", "single": []any{
				map[string]any{"SpecialToken": map[string]any{"id": tk.TokenText(tk.BOS()), "type_id": 0}},
				map[string]any{"Sequence": map[string]any{"id": "A", "type_id": 0}},
			}}
		}
	} else {
		// SentencePiece: merges in order of the merged token's score.
		ids := make([]int32, 0, tk.VocabSize())
		for id := range int32(tk.VocabSize()) {
			if tk.TokenType(id) == TypeNormal {
				ids = append(ids, id)
			}
		}
		slices.SortStableFunc(ids, func(a, b int32) int {
			switch sa, sb := tk.scores[a], tk.scores[b]; {
			case sa > sb:
				return -1
			case sa < sb:
				return 1
			}
			return 0
		})
		var merges []string
		for _, id := range ids {
			s := tk.TokenText(id)
			for i := 1; i < len(s); i++ {
				if !utf8.RuneStart(s[i]) {
					continue
				}
				if _, ok := vocab[s[:i]]; ok {
					if _, ok := vocab[s[i:]]; ok {
						merges = append(merges, s[:i]+" "+s[i:])
					}
				}
			}
		}
		model["merges"] = merges
		model["byte_fallback"] = true
		model["unk_token"] = "<unk>"
		tj["normalizer"] = map[string]any{"type": "Sequence", "normalizers": []any{
			map[string]any{"type": "Prepend", "prepend": "▁"},
			map[string]any{"type": "Replace", "pattern": map[string]string{"String": " "}, "content": "▁"},
		}}
	}
	cfg := map[string]any{"bos_token": tk.TokenText(tk.BOS()), "eos_token": tk.TokenText(tk.EOS()),
		"chat_template": "{{ '<|im_start|>' }}"}
	dir := t.TempDir()
	for file, v := range map[string]any{"tokenizer.json": tj, "tokenizer_config.json": cfg} {
		raw, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, file), raw, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestFromHF(t *testing.T) {
	for _, name := range vocabs {
		t.Run(name, func(t *testing.T) {
			hf, err := FromHF(writeHF(t, name))
			if err != nil {
				t.Fatal(err)
			}
			checkVectors(t, name, hf)
			g := loadVocab(t, name)
			if hf.BOS() != g.BOS() || hf.EOS() != g.EOS() || hf.AddBOS() != g.AddBOS() || hf.VocabSize() != g.VocabSize() {
				t.Errorf("specials differ: bos %d/%d eos %d/%d addBOS %v/%v", hf.BOS(), g.BOS(), hf.EOS(), g.EOS(), hf.AddBOS(), g.AddBOS())
			}
			if hf.ChatTemplate() == "" || !slices.Equal(hf.EOGs(), g.EOGs()) {
				t.Errorf("chat template %q, EOGs %v vs %v", hf.ChatTemplate(), hf.EOGs(), g.EOGs())
			}
		})
	}
}

func TestFromHFErrors(t *testing.T) {
	if _, err := FromHF(t.TempDir()); err == nil {
		t.Fatal("empty dir")
	}
	dir := t.TempDir()
	_ = os.WriteFile(filepath.Join(dir, "tokenizer.json"), []byte(`{"model":{"type":"WordPiece"}}`), 0o600)
	if _, err := FromHF(dir); !errors.Is(err, ErrUnsupportedModel) {
		t.Fatal(err)
	}
	_ = os.WriteFile(filepath.Join(dir, "tokenizer.json"), []byte(`{"model":`), 0o600)
	if _, err := FromHF(dir); !errors.Is(err, ErrBadVocab) {
		t.Fatal(err)
	}
}
