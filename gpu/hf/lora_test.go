package hf

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestPeftAdapterConfig(t *testing.T) {
	c, err := ParseLoraConfig(load(t, "peft-lora.adapter_config.json"))
	if err != nil {
		t.Fatal(err)
	}
	if c.R != 16 || c.LoraAlpha != 32 || c.LoraDropout != 0.05 || c.TaskType != "CAUSAL_LM" ||
		c.BaseModelNameOrPath != "TinyLlama/TinyLlama-1.1B-Chat-v1.0" || c.AllLinear {
		t.Errorf("%+v", c)
	}
	if !reflect.DeepEqual(c.TargetModules, []string{"v_proj", "k_proj", "o_proj", "q_proj"}) {
		t.Errorf("targets %v", c.TargetModules)
	}
	if c.Scaling("q_proj") != 2 || c.Rank("model.layers.0.self_attn.q_proj") != 16 {
		t.Errorf("scaling %v", c.Scaling("q_proj"))
	}
	if !c.Targets("model.layers.1.self_attn.k_proj") || c.Targets("down_proj") {
		t.Error("Targets")
	}
	// Marshal and parse back.
	b, err := c.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	c2, err := ParseLoraConfig(b)
	if err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	c.TargetModules = []string{"k_proj", "o_proj", "q_proj", "v_proj"} // Marshal sorts
	if !reflect.DeepEqual(c, c2) {
		t.Errorf("round trip:\n%+v\n%+v", c, c2)
	}
	for _, key := range []string{`"peft_type": "LORA"`, `"lora_alpha": 32`, `"r": 16`, `"bias": "none"`, `"task_type": "CAUSAL_LM"`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("Marshal lacks %s:\n%s", key, b)
		}
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "adapter_config.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadLoraConfig(dir); err != nil {
		t.Fatal(err)
	}
}

func TestLoraForms(t *testing.T) {
	c, err := ParseLoraConfig([]byte(`{"peft_type":"LORA","r":4,"lora_alpha":8,"target_modules":"all-linear","use_rslora":true,
		"rank_pattern":{"q_proj":8,"layers.3.self_attn.q_proj":2},"alpha_pattern":{"mlp.down_proj":32},"layers_to_transform":[0,1]}`))
	if err != nil {
		t.Fatal(err)
	}
	if !c.AllLinear || !reflect.DeepEqual(c.TargetModules, LlamaModules) {
		t.Errorf("all-linear: %v", c.TargetModules)
	}
	for _, r := range []struct {
		module string
		rank   int
		alpha  float64
	}{
		{"q_proj", 8, 8},
		{ModulePath(0, "q_proj"), 8, 8},
		{ModulePath(3, "q_proj"), 2, 8},
		{ModulePath(13, "q_proj"), 8, 8},
		{ModulePath(3, "k_proj"), 4, 8},
		{ModulePath(5, "down_proj"), 4, 32},
		{"down_proj", 4, 8},
	} {
		if got := c.Rank(r.module); got != r.rank {
			t.Errorf("Rank(%s) = %d want %d", r.module, got, r.rank)
		}
		want := r.alpha / math.Sqrt(float64(r.rank))
		if got := c.Scaling(r.module); math.Abs(got-want) > 1e-12 {
			t.Errorf("Scaling(%s) = %v want %v", r.module, got, want)
		}
	}
	b, err := c.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"target_modules": "all-linear"`) || !strings.Contains(string(b), `"use_rslora": true`) {
		t.Errorf("Marshal:\n%s", b)
	}
	c.TaskType = "CAUSAL_LM" // Marshal fills it
	if c2, err := ParseLoraConfig(b); err != nil || !reflect.DeepEqual(c, c2) {
		t.Errorf("round trip: %v\n%+v\n%+v", err, c, c2)
	}

	c, err = ParseLoraConfig([]byte(`{"peft_type":"LORA","target_modules":"q_proj"}`))
	if err != nil || !reflect.DeepEqual(c.TargetModules, []string{"q_proj"}) || c.R != 8 || c.Scaling("q_proj") != 1 {
		t.Errorf("plain string: %v %+v", err, c)
	}
	c, err = ParseLoraConfig([]byte(`{"peft_type":"LORA","target_modules":null,"task_type":null,"bias":"none"}`))
	if err != nil || !reflect.DeepEqual(c.TargetModules, []string{"q_proj", "v_proj"}) {
		t.Errorf("default targets: %v %+v", err, c)
	}
	c, err = ParseLoraConfig([]byte(`{"peft_type":"LORA","target_modules":["self_attn.q_proj","mlp.up_proj","q_proj"]}`))
	if err != nil || !reflect.DeepEqual(c.TargetModules, []string{"q_proj", "up_proj"}) {
		t.Errorf("dotted list: %v %+v", err, c)
	}
}

func TestLoraInvalid(t *testing.T) {
	for body, want := range map[string]error{
		`{"peft_type":"IA3"}`:                                       ErrUnsupported,
		`{"peft_type":"LORA","bias":"all"}`:                         ErrUnsupported,
		`{"peft_type":"LORA","bias":"lora_only"}`:                   ErrUnsupported,
		`{"peft_type":"LORA","fan_in_fan_out":true}`:                ErrUnsupported,
		`{"peft_type":"LORA","use_dora":true}`:                      ErrUnsupported,
		`{"peft_type":"LORA","modules_to_save":["lm_head"]}`:        ErrUnsupported,
		`{"peft_type":"LORA","layer_replication":[[0,4]]}`:          ErrUnsupported,
		`{"peft_type":"LORA","task_type":"SEQ_CLS"}`:                ErrUnsupported,
		`{"peft_type":"LORA","target_modules":".*\\.(q|v)_proj"}`:   ErrUnsupported,
		`{"peft_type":"LORA","target_modules":["lm_head"]}`:         ErrUnsupported,
		`{"peft_type":"LORA","target_modules":["mlp.q_proj"]}`:      ErrUnsupported,
		`{"peft_type":"LORA","target_modules":[]}`:                  ErrBadConfig,
		`{"peft_type":"LORA","target_modules":7}`:                   ErrBadConfig,
		`{"peft_type":"LORA","r":0}`:                                ErrBadConfig,
		`{"peft_type":"LORA","r":100000}`:                           ErrBadConfig,
		`{"peft_type":"LORA","lora_alpha":-1}`:                      ErrBadConfig,
		`{"peft_type":"LORA","lora_dropout":1.5}`:                   ErrBadConfig,
		`{"peft_type":"LORA","rank_pattern":{"q_proj":0}}`:          ErrBadConfig,
		`{"peft_type":"LORA","rank_pattern":{"layers\\.0\\..*":4}}`: ErrUnsupported,
		`{"peft_type":"LORA","alpha_pattern":{"":4}}`:               ErrBadConfig,
		`{"peft_type":"LORA","layers_to_transform":"x"}`:            ErrBadConfig,
		`nope`: ErrBadConfig,
	} {
		if _, err := ParseLoraConfig([]byte(body)); !errors.Is(err, want) {
			t.Errorf("%s: got %v want %v", body, err, want)
		}
	}
}

func TestLoraTensorNames(t *testing.T) {
	for name, want := range map[string]struct {
		layer  int
		module string
		ab     byte
	}{
		"base_model.model.model.layers.3.self_attn.q_proj.lora_A.weight":         {3, "q_proj", 'A'},
		"base_model.model.model.layers.31.mlp.down_proj.lora_B.weight":           {31, "down_proj", 'B'},
		"base_model.model.model.layers.0.self_attn.o_proj.lora_A.default.weight": {0, "o_proj", 'A'},
		"base_model.model.model.layers.10.mlp.gate_proj.lora_B":                  {10, "gate_proj", 'B'},
		"model.layers.2.self_attn.v_proj.lora_B.default":                         {2, "v_proj", 'B'},
		"layers.7.mlp.up_proj.lora_A.weight":                                     {7, "up_proj", 'A'},
	} {
		l, m, ab, ok := ParseLoraTensorName(name)
		if !ok || l != want.layer || m != want.module || ab != want.ab {
			t.Errorf("%s: %d %q %c %v", name, l, m, ab, ok)
		}
	}
	for _, bad := range []string{
		"",
		"base_model.model.model.layers.3.self_attn.q_proj.weight",
		"base_model.model.model.layers.3.mlp.q_proj.lora_A.weight",
		"base_model.model.model.layers.03.self_attn.q_proj.lora_A.weight",
		"base_model.model.model.layers.-1.self_attn.q_proj.lora_A.weight",
		"base_model.model.model.layers.99999999999999999999.self_attn.q_proj.lora_A.weight",
		"base_model.model.model.layers.3.self_attn.q_proj.lora_C.weight",
		"base_model.model.model.layers.3.self_attn.q_proj.lora_A.weight.x",
		"base_model.model.model.embed_tokens.lora_embedding_A",
		"base_model.model.lm_head.lora_A.weight",
	} {
		if _, _, _, ok := ParseLoraTensorName(bad); ok {
			t.Errorf("accepted %q", bad)
		}
	}
	for _, m := range LlamaModules {
		for _, ab := range []byte{'A', 'B'} {
			name := LoraTensorName(5, m, ab)
			l, m2, ab2, ok := ParseLoraTensorName(name)
			if !ok || l != 5 || m2 != m || ab2 != ab {
				t.Errorf("%s does not round trip", name)
			}
		}
	}
	if got := LoraTensorName(3, "q_proj", 'A'); got != "base_model.model.model.layers.3.self_attn.q_proj.lora_A.weight" {
		t.Errorf("canonical name %q", got)
	}
	if LoraTensorName(-1, "q_proj", 'A') != "" || LoraTensorName(0, "lm_head", 'A') != "" || LoraTensorName(0, "q_proj", 'C') != "" {
		t.Error("LoraTensorName accepted bad input")
	}
}

func FuzzParseLoraConfig(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("testdata", "peft-lora.adapter_config.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`{"peft_type":"LORA","target_modules":"all-linear","rank_pattern":{"q_proj":4},"use_rslora":true}`))
	f.Add([]byte(`{"peft_type":"LORA","target_modules":".*proj"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := ParseLoraConfig(b)
		if err != nil {
			return
		}
		for _, m := range LlamaModules {
			if r := c.Rank(ModulePath(1, m)); r <= 0 {
				t.Fatalf("rank %d", r)
			}
			if s := c.Scaling(m); !(s > 0) || math.IsInf(s, 0) {
				t.Fatalf("scaling %v", s)
			}
		}
		if _, err := c.Marshal(); err != nil {
			t.Fatalf("accepted config does not marshal: %v", err)
		}
	})
}

func FuzzParseLoraTensorName(f *testing.F) {
	f.Add("base_model.model.model.layers.3.self_attn.q_proj.lora_A.weight")
	f.Fuzz(func(t *testing.T, name string) {
		l, m, ab, ok := ParseLoraTensorName(name)
		if ok && LoraTensorName(l, m, ab) == "" {
			t.Fatalf("%q parsed to unnameable %d %q %c", name, l, m, ab)
		}
	})
}
