package hf

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestTokenizerConfigs(t *testing.T) {
	c, err := ParseTokenizerConfig(load(t, "llama3.tokenizer_config.json"))
	if err != nil {
		t.Fatal(err)
	}
	if c.BOSToken != "<|begin_of_text|>" || c.EOSToken != "<|eot_id|>" || c.AddBOSToken != nil ||
		!strings.HasPrefix(c.ChatTemplate, "{% set loop_messages") || c.ModelMaxLength != 0 ||
		c.TokenizerClass != "PreTrainedTokenizerFast" {
		t.Errorf("llama3: %+v", c)
	}
	c, err = ParseTokenizerConfig(load(t, "sentencepiece-listtemplate.tokenizer_config.json"))
	if err != nil {
		t.Fatal(err)
	}
	if c.BOSToken != "<s>" || c.EOSToken != "</s>" || c.PadToken != "</s>" || c.UnkToken != "<unk>" ||
		c.AddBOSToken == nil || !*c.AddBOSToken || c.AddEOSToken == nil || *c.AddEOSToken ||
		!strings.Contains(c.ChatTemplate, "message['role']") || c.ChatTemplates["tool_use"] != "{{ tools }}" ||
		c.ModelMaxLength != 2048 {
		t.Errorf("list template: %+v", c)
	}
	for _, bad := range []string{`[]`, `{"chat_template":5}`, `{"bos_token":5}`,
		`{"chat_template":[{"name":"a","template":"x"},{"name":"a","template":"y"}]}`} {
		if _, err := ParseTokenizerConfig([]byte(bad)); !errors.Is(err, ErrBadConfig) {
			t.Errorf("%s: %v", bad, err)
		}
	}
}

func TestLoadTokenizerConfigTemplateFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("tokenizer_config.json", `{"eos_token":"</s>"}`)
	c, err := LoadTokenizerConfig(dir)
	if err != nil || c.ChatTemplate != "" {
		t.Fatalf("%v %+v", err, c)
	}
	write("chat_template.json", `{"chat_template":"from json"}`)
	if c, err = LoadTokenizerConfig(dir); err != nil || c.ChatTemplate != "from json" {
		t.Fatalf("%v %+v", err, c)
	}
	write("chat_template.jinja", "from jinja")
	if c, err = LoadTokenizerConfig(dir); err != nil || c.ChatTemplate != "from jinja" {
		t.Fatalf("%v %+v", err, c)
	}
}

func TestGenerationConfig(t *testing.T) {
	g, err := ParseGenerationConfig(load(t, "llama3.generation_config.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g.EOSTokenID, TokenIDs{128001, 128008, 128009}) || g.BOSTokenID.First() != 128000 ||
		*g.Temperature != 0.6 || *g.TopP != 0.9 || !*g.DoSample || g.TopK != nil || !g.EOSTokenID.Contains(128009) {
		t.Errorf("%+v", g)
	}
	if _, err := LoadGenerationConfig(t.TempDir()); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	for _, bad := range []string{`{"top_p":2}`, `{"temperature":-1}`, `{"eos_token_id":[1.5]}`, `{"top_k":-3}`} {
		if _, err := ParseGenerationConfig([]byte(bad)); !errors.Is(err, ErrBadConfig) {
			t.Errorf("%s: %v", bad, err)
		}
	}
}
