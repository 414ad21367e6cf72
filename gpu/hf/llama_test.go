package hf

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func load(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRealLlamaConfigs(t *testing.T) {
	for _, c := range []struct {
		file                                      string
		typ                                       string
		hidden, layers, heads, kv, headDim, vocab int
		theta                                     float64
		eos                                       []int
		bias, tie                                 bool
		window                                    int
	}{
		{"tinyllama-1.1b.config.json", "llama", 2048, 22, 32, 4, 64, 32000, 10000, []int{2}, false, false, 0},
		{"llama-3.1-8b-instruct.config.json", "llama", 4096, 32, 32, 8, 128, 128256, 500000, []int{128001, 128008, 128009}, false, false, 0},
		{"mistral-7b-v0.1.config.json", "mistral", 4096, 32, 32, 8, 128, 32000, 10000, []int{2}, false, false, 4096},
		{"qwen2-0.5b.config.json", "qwen2", 896, 24, 14, 2, 64, 151936, 1e6, []int{151643}, true, true, 0},
	} {
		cfg, err := ParseLlamaConfig(load(t, c.file))
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		got := []any{cfg.ModelType, cfg.HiddenSize, cfg.NumHiddenLayers, cfg.NumAttentionHeads, cfg.NumKeyValueHeads,
			cfg.HeadDim, cfg.VocabSize, cfg.RopeTheta, []int(cfg.EOSTokenID), cfg.AttentionBias, cfg.TieWordEmbeddings, cfg.SlidingWindow}
		want := []any{c.typ, c.hidden, c.layers, c.heads, c.kv, c.headDim, c.vocab, c.theta, c.eos, c.bias, c.tie, c.window}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %v\nwant %v", c.file, got, want)
		}
		if cfg.TorchDType != "bfloat16" {
			t.Errorf("%s: torch_dtype %q", c.file, cfg.TorchDType)
		}
	}
	cfg, _ := ParseLlamaConfig(load(t, "llama-3.1-8b-instruct.config.json"))
	want := &RopeScaling{RopeType: "llama3", Factor: 8, LowFreqFactor: 1, HighFreqFactor: 4, OriginalMaxPositionEmbeddings: 8192}
	if !reflect.DeepEqual(cfg.RopeScaling, want) {
		t.Errorf("rope_scaling %+v", cfg.RopeScaling)
	}
	if cfg.BOSTokenID.First() != 128000 || cfg.KVDim() != 1024 || cfg.QDim() != 4096 {
		t.Errorf("bos %v kv %d q %d", cfg.BOSTokenID, cfg.KVDim(), cfg.QDim())
	}
}

func TestLlamaDefaultsAndLoad(t *testing.T) {
	dir := t.TempDir()
	body := `{"model_type":"llama","hidden_size":64,"intermediate_size":128,"num_hidden_layers":2,
		"num_attention_heads":4,"vocab_size":100,"head_dim":null,"rope_scaling":{"type":"linear","factor":2.0}}`
	if err := os.WriteFile(filepath.Join(dir, "config.json"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := LoadLlamaConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.NumKeyValueHeads != 4 || cfg.HeadDim != 16 || cfg.RopeTheta != 10000 || cfg.RMSNormEps != 1e-6 ||
		cfg.MaxPositionEmbeddings != 2048 || cfg.RopeScaling.RopeType != "linear" || cfg.BOSTokenID != nil {
		t.Errorf("defaults: %+v", cfg)
	}
	if _, err := LoadLlamaConfig(t.TempDir()); err == nil {
		t.Error("missing config.json loaded")
	}
}

func TestLlamaInvalid(t *testing.T) {
	base := `"hidden_size":64,"intermediate_size":128,"num_hidden_layers":2,"num_attention_heads":4,"vocab_size":100`
	for _, c := range []struct {
		body string
		want error
		msg  string
	}{
		{`{"model_type":"gpt2",` + base + `}`, ErrUnsupportedArch, "gpt2"},
		{`{"model_type":"llama"}`, ErrBadConfig, "hidden_size"},
		{`[]`, ErrBadConfig, ""},
		{`{"model_type":"llama",` + base + `,"num_key_value_heads":3}`, ErrBadConfig, "divide"},
		{`{"model_type":"llama","hidden_size":65,"intermediate_size":128,"num_hidden_layers":2,"num_attention_heads":4,"vocab_size":100}`, ErrBadConfig, "divide"},
		{`{"model_type":"llama",` + base + `,"num_hidden_layers":5000}`, ErrBadConfig, "num_hidden_layers"},
		{`{"model_type":"llama",` + base + `,"vocab_size":5000000}`, ErrBadConfig, "vocab_size"},
		{`{"model_type":"llama",` + base + `,"hidden_size":-64}`, ErrBadConfig, ""},
		{`{"model_type":"llama",` + base + `,"rms_norm_eps":0}`, ErrBadConfig, "rms_norm_eps"},
		{`{"model_type":"llama",` + base + `,"rope_theta":-1}`, ErrBadConfig, "rope_theta"},
		{`{"model_type":"llama",` + base + `,"hidden_act":"gelu"}`, ErrUnsupported, "gelu"},
		{`{"model_type":"llama",` + base + `,"rope_scaling":{"rope_type":"yarn","factor":4}}`, ErrUnsupported, "yarn"},
		{`{"model_type":"llama",` + base + `,"rope_scaling":{"rope_type":"llama3","factor":8}}`, ErrBadConfig, "llama3"},
		{`{"model_type":"llama",` + base + `,"eos_token_id":[1,-2]}`, ErrBadConfig, ""},
		{`{"model_type":"llama",` + base + `,"eos_token_id":"x"}`, ErrBadConfig, ""},
	} {
		_, err := ParseLlamaConfig([]byte(c.body))
		if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: got %v, want %v mentioning %q", c.body, err, c.want, c.msg)
		}
	}
	// head_dim given: heads need not divide hidden (Mistral-Nemo style).
	cfg, err := ParseLlamaConfig([]byte(`{"model_type":"mistral","hidden_size":5120,"intermediate_size":14336,"num_hidden_layers":40,"num_attention_heads":32,"num_key_value_heads":8,"head_dim":128,"vocab_size":131072}`))
	if err != nil || cfg.HeadDim != 128 || cfg.QDim() != 4096 {
		t.Errorf("explicit head_dim: %v %+v", err, cfg)
	}
	// llama with attention_bias.
	cfg, err = ParseLlamaConfig([]byte(`{"model_type":"llama",` + base + `,"attention_bias":true}`))
	if err != nil || !cfg.AttentionBias {
		t.Errorf("attention_bias: %v", err)
	}
}

func FuzzParseLlamaConfig(f *testing.F) {
	for _, name := range []string{"tinyllama-1.1b.config.json", "llama-3.1-8b-instruct.config.json", "mistral-7b-v0.1.config.json", "qwen2-0.5b.config.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"model_type":"llama","num_attention_heads":0}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, b []byte) {
		cfg, err := ParseLlamaConfig(b)
		if err != nil {
			return
		}
		if cfg.HeadDim <= 0 || cfg.NumKeyValueHeads <= 0 || cfg.NumAttentionHeads%cfg.NumKeyValueHeads != 0 {
			t.Fatalf("accepted invalid config %+v", cfg)
		}
	})
}
