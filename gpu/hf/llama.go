package hf

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
)

// Limits that Validate enforces, well above any released model, so that a
// hostile config cannot make the engine allocate absurd buffers.
const (
	MaxHiddenSize       = 65536
	MaxIntermediateSize = 1 << 20
	MaxLayers           = 1024
	MaxHeads            = 1024
	MaxHeadDim          = 1024
	MaxVocabSize        = 1 << 22
	MaxPositions        = 1 << 24
)

// LlamaConfig is config.json of a LLaMA-family model (llama, mistral,
// qwen2). ParseLlamaConfig fills the defaults noted on each field.
type LlamaConfig struct {
	Architectures     []string `json:"architectures,omitempty"`
	ModelType         string   `json:"model_type"`
	HiddenSize        int      `json:"hidden_size"`
	IntermediateSize  int      `json:"intermediate_size"`
	NumHiddenLayers   int      `json:"num_hidden_layers"`
	NumAttentionHeads int      `json:"num_attention_heads"`
	// NumKeyValueHeads defaults to NumAttentionHeads (no grouped-query
	// attention).
	NumKeyValueHeads int `json:"num_key_value_heads"`
	// HeadDim defaults to HiddenSize / NumAttentionHeads.
	HeadDim   int `json:"head_dim,omitempty"`
	VocabSize int `json:"vocab_size"`
	// RMSNormEps defaults to 1e-6.
	RMSNormEps float64 `json:"rms_norm_eps"`
	// RopeTheta defaults to 10000.
	RopeTheta float64 `json:"rope_theta"`
	// MaxPositionEmbeddings defaults to 2048.
	MaxPositionEmbeddings int          `json:"max_position_embeddings"`
	TieWordEmbeddings     bool         `json:"tie_word_embeddings"`
	BOSTokenID            TokenIDs     `json:"bos_token_id,omitempty"`
	EOSTokenID            TokenIDs     `json:"eos_token_id,omitempty"`
	TorchDType            string       `json:"torch_dtype,omitempty"`
	HiddenAct             string       `json:"hidden_act,omitempty"`
	RopeScaling           *RopeScaling `json:"rope_scaling,omitempty"`
	// AttentionBias: the attention projections carry a bias. Always true
	// for qwen2 (q, k and v only, as Qwen2 hard-codes); for llama it is
	// the config's attention_bias (q, k, v and o).
	AttentionBias bool `json:"attention_bias"`
	// MLPBias: the MLP projections carry a bias (llama's mlp_bias).
	MLPBias bool `json:"mlp_bias,omitempty"`
	// SlidingWindow is the attention window, 0 for full attention. Qwen2
	// configs name a window but use it only with use_sliding_window.
	SlidingWindow int `json:"sliding_window,omitempty"`
}

// RopeScaling is the rope_scaling object. RopeType is rope_type, or the
// older "type" key; "llama3" uses the frequency factors of LLaMA 3.1.
type RopeScaling struct {
	RopeType                      string  `json:"rope_type"`
	Factor                        float64 `json:"factor,omitempty"`
	LowFreqFactor                 float64 `json:"low_freq_factor,omitempty"`
	HighFreqFactor                float64 `json:"high_freq_factor,omitempty"`
	OriginalMaxPositionEmbeddings int     `json:"original_max_position_embeddings,omitempty"`
}

// optional fields whose absence (or null) means "use the default".
type llamaOptional struct {
	NumKeyValueHeads      *int          `json:"num_key_value_heads"`
	HeadDim               *int          `json:"head_dim"`
	RMSNormEps            *float64      `json:"rms_norm_eps"`
	RopeTheta             *float64      `json:"rope_theta"`
	MaxPositionEmbeddings *int          `json:"max_position_embeddings"`
	AttentionBias         *bool         `json:"attention_bias"`
	SlidingWindow         *int          `json:"sliding_window"`
	UseSlidingWindow      *bool         `json:"use_sliding_window"`
	DType                 string        `json:"dtype"`
	RopeScaling           *ropeScalingJ `json:"rope_scaling"`
}

type ropeScalingJ struct {
	RopeType string `json:"rope_type"`
	Type     string `json:"type"`
}

// ParseLlamaConfig parses config.json, fills defaults and validates.
func ParseLlamaConfig(b []byte) (*LlamaConfig, error) {
	var c LlamaConfig
	var o llamaOptional
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("%w: config.json: %v", ErrBadConfig, err)
	}
	if err := json.Unmarshal(b, &o); err != nil {
		return nil, fmt.Errorf("%w: config.json: %v", ErrBadConfig, err)
	}
	if o.NumKeyValueHeads == nil {
		c.NumKeyValueHeads = c.NumAttentionHeads
	}
	if o.HeadDim == nil && c.NumAttentionHeads > 0 {
		c.HeadDim = c.HiddenSize / c.NumAttentionHeads
		if c.HeadDim*c.NumAttentionHeads != c.HiddenSize {
			return nil, fmt.Errorf("%w: num_attention_heads %d does not divide hidden_size %d",
				ErrBadConfig, c.NumAttentionHeads, c.HiddenSize)
		}
	}
	if o.RMSNormEps == nil {
		c.RMSNormEps = 1e-6
	}
	if o.RopeTheta == nil {
		c.RopeTheta = 10000
	}
	if o.MaxPositionEmbeddings == nil {
		c.MaxPositionEmbeddings = 2048
	}
	if c.TorchDType == "" {
		c.TorchDType = o.DType // transformers >= 4.56 writes "dtype"
	}
	if c.RopeScaling != nil && c.RopeScaling.RopeType == "" && o.RopeScaling != nil {
		c.RopeScaling.RopeType = o.RopeScaling.Type
	}
	if c.ModelType == "qwen2" {
		c.AttentionBias = true
		if o.UseSlidingWindow == nil || !*o.UseSlidingWindow {
			c.SlidingWindow = 0
		}
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// LoadLlamaConfig reads and parses dir/config.json.
func LoadLlamaConfig(dir string) (*LlamaConfig, error) {
	b, err := readFile(dir, "config.json")
	if err != nil {
		return nil, err
	}
	return ParseLlamaConfig(b)
}

// Validate checks that the config describes a model the engine can build.
func (c *LlamaConfig) Validate() error {
	switch c.ModelType {
	case "llama", "mistral", "qwen2":
	default:
		return fmt.Errorf("%w: model_type %q (want llama, mistral or qwen2)", ErrUnsupportedArch, c.ModelType)
	}
	if c.HiddenAct != "" && c.HiddenAct != "silu" {
		return fmt.Errorf("%w: hidden_act %q (want silu)", ErrUnsupported, c.HiddenAct)
	}
	for _, r := range []struct {
		name string
		v    int
		max  int
	}{
		{"hidden_size", c.HiddenSize, MaxHiddenSize},
		{"intermediate_size", c.IntermediateSize, MaxIntermediateSize},
		{"num_hidden_layers", c.NumHiddenLayers, MaxLayers},
		{"num_attention_heads", c.NumAttentionHeads, MaxHeads},
		{"num_key_value_heads", c.NumKeyValueHeads, MaxHeads},
		{"head_dim", c.HeadDim, MaxHeadDim},
		{"vocab_size", c.VocabSize, MaxVocabSize},
		{"max_position_embeddings", c.MaxPositionEmbeddings, MaxPositions},
	} {
		if r.v <= 0 || r.v > r.max {
			return fmt.Errorf("%w: %s = %d (want 1..%d)", ErrBadConfig, r.name, r.v, r.max)
		}
	}
	if c.NumAttentionHeads%c.NumKeyValueHeads != 0 {
		return fmt.Errorf("%w: num_key_value_heads %d does not divide num_attention_heads %d",
			ErrBadConfig, c.NumKeyValueHeads, c.NumAttentionHeads)
	}
	if c.HeadDim%2 != 0 {
		return fmt.Errorf("%w: head_dim %d is odd (RoPE rotates pairs)", ErrBadConfig, c.HeadDim)
	}
	if !(c.RMSNormEps > 0 && c.RMSNormEps < 1) {
		return fmt.Errorf("%w: rms_norm_eps = %v", ErrBadConfig, c.RMSNormEps)
	}
	if !(c.RopeTheta > 0) || math.IsInf(c.RopeTheta, 0) {
		return fmt.Errorf("%w: rope_theta = %v", ErrBadConfig, c.RopeTheta)
	}
	if c.SlidingWindow < 0 {
		return fmt.Errorf("%w: sliding_window = %d", ErrBadConfig, c.SlidingWindow)
	}
	switch strings.ToLower(c.TorchDType) {
	case "", "float32", "float16", "bfloat16":
	default:
		return fmt.Errorf("%w: torch_dtype %q", ErrUnsupported, c.TorchDType)
	}
	if c.RopeScaling != nil {
		return c.RopeScaling.validate()
	}
	return nil
}

func (r *RopeScaling) validate() error {
	finitePos := func(v float64) bool { return v > 0 && !math.IsInf(v, 0) }
	switch r.RopeType {
	case "", "default":
		return nil
	case "linear", "dynamic":
		if !finitePos(r.Factor) {
			return fmt.Errorf("%w: rope_scaling %s factor = %v", ErrBadConfig, r.RopeType, r.Factor)
		}
	case "llama3":
		if !finitePos(r.Factor) || !finitePos(r.LowFreqFactor) || !finitePos(r.HighFreqFactor) ||
			r.HighFreqFactor <= r.LowFreqFactor || r.OriginalMaxPositionEmbeddings <= 0 ||
			r.OriginalMaxPositionEmbeddings > MaxPositions {
			return fmt.Errorf("%w: rope_scaling llama3 %+v", ErrBadConfig, *r)
		}
	default:
		return fmt.Errorf("%w: rope_scaling type %q", ErrUnsupported, r.RopeType)
	}
	return nil
}

// QDim is the width of the query projection (heads × head_dim).
func (c *LlamaConfig) QDim() int { return c.NumAttentionHeads * c.HeadDim }

// KVDim is the width of the key and value projections.
func (c *LlamaConfig) KVDim() int { return c.NumKeyValueHeads * c.HeadDim }
