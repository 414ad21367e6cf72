package hf

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
)

// LlamaModules are the linear modules of a LLaMA-family decoder layer that
// LoRA can adapt, in PEFT's spelling and a fixed order.
var LlamaModules = []string{"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"}

// MaxLoraRank caps r and rank_pattern values.
const MaxLoraRank = 8192

// defaultTargets is PEFT's default for llama, mistral and qwen2 when
// target_modules is null.
var defaultTargets = []string{"q_proj", "v_proj"}

// LoraConfig is a PEFT adapter_config.json for a LoRA adapter, restricted
// to what the engine can apply: plain LoRA (optionally rsLoRA) on the
// attention and MLP projections, no bias, no extra trained modules.
type LoraConfig struct {
	PeftType            string // always "LORA"
	BaseModelNameOrPath string
	TaskType            string // "CAUSAL_LM" or empty
	R                   int
	LoraAlpha           float64
	LoraDropout         float64
	// TargetModules are the adapted modules, resolved to names from
	// LlamaModules. AllLinear records that the file said "all-linear".
	TargetModules []string
	AllLinear     bool
	UseRSLoRA     bool
	// RankPattern and AlphaPattern override R and LoraAlpha for modules
	// whose name ends with the key at a dot boundary ("q_proj",
	// "layers.3.self_attn.q_proj"); the longest matching key wins.
	RankPattern  map[string]int
	AlphaPattern map[string]float64
	// LayersToTransform, when set, lists the only layers adapted.
	LayersToTransform []int
	Bias              string // always "none"
}

type loraJSON struct {
	PeftType          string             `json:"peft_type"`
	Base              string             `json:"base_model_name_or_path"`
	TaskType          *string            `json:"task_type"`
	R                 *int               `json:"r"`
	LoraAlpha         *float64           `json:"lora_alpha"`
	LoraDropout       float64            `json:"lora_dropout"`
	TargetModules     json.RawMessage    `json:"target_modules"`
	Bias              *string            `json:"bias"`
	FanInFanOut       bool               `json:"fan_in_fan_out"`
	UseRSLoRA         bool               `json:"use_rslora"`
	UseDoRA           bool               `json:"use_dora"`
	RankPattern       map[string]int     `json:"rank_pattern"`
	AlphaPattern      map[string]float64 `json:"alpha_pattern"`
	ModulesToSave     []string           `json:"modules_to_save"`
	LayersToTransform TokenIDs           `json:"layers_to_transform"`
	LayerReplication  json.RawMessage    `json:"layer_replication"`
}

// ParseLoraConfig parses adapter_config.json, fills PEFT's defaults (r 8,
// lora_alpha 8, target_modules q_proj and v_proj) and validates.
func ParseLoraConfig(b []byte) (*LoraConfig, error) {
	var j loraJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return nil, fmt.Errorf("%w: adapter_config.json: %v", ErrBadConfig, err)
	}
	c := &LoraConfig{
		PeftType:            j.PeftType,
		BaseModelNameOrPath: j.Base,
		R:                   8,
		LoraAlpha:           8,
		LoraDropout:         j.LoraDropout,
		UseRSLoRA:           j.UseRSLoRA,
		RankPattern:         j.RankPattern,
		AlphaPattern:        j.AlphaPattern,
		LayersToTransform:   j.LayersToTransform,
		Bias:                "none",
	}
	if len(c.RankPattern) == 0 {
		c.RankPattern = nil
	}
	if len(c.AlphaPattern) == 0 {
		c.AlphaPattern = nil
	}
	if len(c.LayersToTransform) == 0 {
		c.LayersToTransform = nil
	}
	if j.TaskType != nil {
		c.TaskType = *j.TaskType
	}
	if j.R != nil {
		c.R = *j.R
	}
	if j.LoraAlpha != nil {
		c.LoraAlpha = *j.LoraAlpha
	}
	if j.Bias != nil {
		c.Bias = *j.Bias
	}
	switch {
	case j.FanInFanOut:
		return nil, fmt.Errorf("%w: fan_in_fan_out is true", ErrUnsupported)
	case j.UseDoRA:
		return nil, fmt.Errorf("%w: use_dora (DoRA) is true", ErrUnsupported)
	case len(j.ModulesToSave) > 0:
		return nil, fmt.Errorf("%w: modules_to_save %q", ErrUnsupported, j.ModulesToSave)
	case !isNull(j.LayerReplication):
		return nil, fmt.Errorf("%w: layer_replication is set", ErrUnsupported)
	}
	var err error
	if c.TargetModules, c.AllLinear, err = parseTargets(j.TargetModules); err != nil {
		return nil, err
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// LoadLoraConfig reads and parses dir/adapter_config.json.
func LoadLoraConfig(dir string) (*LoraConfig, error) {
	b, err := readFile(dir, "adapter_config.json")
	if err != nil {
		return nil, err
	}
	return ParseLoraConfig(b)
}

func isNull(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) == 0 || bytes.Equal(t, []byte("null"))
}

// parseTargets resolves target_modules: null (PEFT's default), a list of
// module names, "all-linear", or a single plain module name. PEFT treats
// any other string as a regex, which is not supported.
func parseTargets(raw json.RawMessage) ([]string, bool, error) {
	if isNull(raw) {
		return append([]string(nil), defaultTargets...), false, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		if s == "all-linear" {
			return append([]string(nil), LlamaModules...), true, nil
		}
		if m, ok := canonicalModule(s); ok {
			return []string{m}, false, nil
		}
		return nil, false, fmt.Errorf("%w: target_modules %q is a regex; only a list of module names, a module name or \"all-linear\" are supported", ErrUnsupported, s)
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, false, fmt.Errorf("%w: target_modules: %v", ErrBadConfig, err)
	}
	var out []string
	for _, s := range list {
		m, ok := canonicalModule(s)
		if !ok {
			return nil, false, fmt.Errorf("%w: target module %q (want one of %v)", ErrUnsupported, s, LlamaModules)
		}
		if !contains(out, m) {
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		return nil, false, fmt.Errorf("%w: target_modules is empty", ErrBadConfig)
	}
	return out, false, nil
}

// canonicalModule accepts "q_proj" or "self_attn.q_proj" / "mlp.up_proj".
func canonicalModule(s string) (string, bool) {
	group, name, dotted := strings.Cut(s, ".")
	if !dotted {
		name, group = s, ""
	}
	g, ok := moduleGroup(name)
	if !ok || (dotted && group != g) {
		return "", false
	}
	return name, true
}

// moduleGroup returns "self_attn" or "mlp" for a LoRA-able module.
func moduleGroup(m string) (string, bool) {
	switch m {
	case "q_proj", "k_proj", "v_proj", "o_proj":
		return "self_attn", true
	case "gate_proj", "up_proj", "down_proj":
		return "mlp", true
	}
	return "", false
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

const regexMeta = `^$*+?()[]{}|\`

// Validate checks the config against what the engine supports.
func (c *LoraConfig) Validate() error {
	switch {
	case c.PeftType != "LORA":
		return fmt.Errorf("%w: peft_type %q (want LORA)", ErrUnsupported, c.PeftType)
	case c.TaskType != "" && c.TaskType != "CAUSAL_LM":
		return fmt.Errorf("%w: task_type %q (want CAUSAL_LM)", ErrUnsupported, c.TaskType)
	case c.Bias != "none":
		return fmt.Errorf("%w: bias %q (want none)", ErrUnsupported, c.Bias)
	case c.R <= 0 || c.R > MaxLoraRank:
		return fmt.Errorf("%w: r = %d (want 1..%d)", ErrBadConfig, c.R, MaxLoraRank)
	case !finitePositive(c.LoraAlpha):
		return fmt.Errorf("%w: lora_alpha = %v", ErrBadConfig, c.LoraAlpha)
	case !(c.LoraDropout >= 0 && c.LoraDropout < 1):
		return fmt.Errorf("%w: lora_dropout = %v", ErrBadConfig, c.LoraDropout)
	case len(c.TargetModules) == 0:
		return fmt.Errorf("%w: no target modules", ErrBadConfig)
	}
	for _, m := range c.TargetModules {
		if _, ok := moduleGroup(m); !ok {
			return fmt.Errorf("%w: target module %q", ErrUnsupported, m)
		}
	}
	for k, v := range c.RankPattern {
		if err := checkPatternKey(k); err != nil {
			return err
		}
		if v <= 0 || v > MaxLoraRank {
			return fmt.Errorf("%w: rank_pattern[%q] = %d", ErrBadConfig, k, v)
		}
	}
	for k, v := range c.AlphaPattern {
		if err := checkPatternKey(k); err != nil {
			return err
		}
		if !finitePositive(v) {
			return fmt.Errorf("%w: alpha_pattern[%q] = %v", ErrBadConfig, k, v)
		}
	}
	return nil
}

func checkPatternKey(k string) error {
	if k == "" || strings.HasPrefix(k, ".") || strings.HasSuffix(k, ".") {
		return fmt.Errorf("%w: pattern key %q", ErrBadConfig, k)
	}
	if strings.ContainsAny(k, regexMeta) {
		return fmt.Errorf("%w: pattern key %q is a regex; only module name suffixes are supported", ErrUnsupported, k)
	}
	return nil
}

func finitePositive(v float64) bool { return v > 0 && !math.IsInf(v, 0) }

// matchPattern returns the key of m that is the longest dot-boundary
// suffix of module.
func matchPattern[V any](m map[string]V, module string) (V, bool) {
	var best string
	var val V
	found := false
	for k, v := range m {
		if module != k && !strings.HasSuffix(module, "."+k) {
			continue
		}
		if !found || len(k) > len(best) || (len(k) == len(best) && k < best) {
			best, val, found = k, v, true
		}
	}
	return val, found
}

// Rank returns the LoRA rank for module: a bare name ("q_proj") or a full
// module path ("model.layers.3.self_attn.q_proj").
func (c *LoraConfig) Rank(module string) int {
	if r, ok := matchPattern(c.RankPattern, module); ok {
		return r
	}
	return c.R
}

// Alpha returns lora_alpha for module, after alpha_pattern.
func (c *LoraConfig) Alpha(module string) float64 {
	if a, ok := matchPattern(c.AlphaPattern, module); ok {
		return a
	}
	return c.LoraAlpha
}

// Scaling is the factor applied to B·A for module: alpha/r, or
// alpha/sqrt(r) with use_rslora.
func (c *LoraConfig) Scaling(module string) float64 {
	r := float64(c.Rank(module))
	if c.UseRSLoRA {
		return c.Alpha(module) / math.Sqrt(r)
	}
	return c.Alpha(module) / r
}

// Targets reports whether module (bare name or full path) is adapted.
func (c *LoraConfig) Targets(module string) bool {
	name := module[strings.LastIndexByte(module, '.')+1:]
	return contains(c.TargetModules, name)
}

// ModulePath is the module's path inside the base model, as PEFT's
// pattern keys match it: "model.layers.<layer>.self_attn.q_proj".
func ModulePath(layer int, module string) string {
	g, ok := moduleGroup(module)
	if !ok || layer < 0 {
		return ""
	}
	return fmt.Sprintf("model.layers.%d.%s.%s", layer, g, module)
}

// Marshal returns an adapter_config.json that PEFT loads: sorted keys and
// two-space indent as PEFT writes them. Keys newer PEFT versions added
// (use_rslora, rank_pattern, alpha_pattern, layers_to_transform) appear
// only when set, so older PEFT versions load the common case too.
func (c *LoraConfig) Marshal() ([]byte, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	m := map[string]any{
		"peft_type":               "LORA",
		"task_type":               "CAUSAL_LM",
		"base_model_name_or_path": c.BaseModelNameOrPath,
		"r":                       c.R,
		"lora_alpha":              c.LoraAlpha,
		"lora_dropout":            c.LoraDropout,
		"bias":                    "none",
		"fan_in_fan_out":          false,
		"inference_mode":          true,
		"init_lora_weights":       true,
		"modules_to_save":         nil,
	}
	if c.AllLinear {
		m["target_modules"] = "all-linear"
	} else {
		t := append([]string(nil), c.TargetModules...)
		sort.Strings(t)
		m["target_modules"] = t
	}
	if c.UseRSLoRA {
		m["use_rslora"] = true
	}
	if len(c.RankPattern) > 0 {
		m["rank_pattern"] = c.RankPattern
	}
	if len(c.AlphaPattern) > 0 {
		m["alpha_pattern"] = c.AlphaPattern
	}
	if len(c.LayersToTransform) > 0 {
		m["layers_to_transform"] = c.LayersToTransform
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("hf: marshal adapter config: %w", err)
	}
	return append(b, '\n'), nil
}
