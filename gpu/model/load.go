package model

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"

	"github.com/provenet/provenet/gpu/gguf"
	"github.com/provenet/provenet/gpu/hf"
	"github.com/provenet/provenet/gpu/safetensors"
)

// ErrLoad reports a model or adapter file the engine cannot use.
var ErrLoad = errors.New("model: load")

// tensorSource reads named tensors as float32 in [out][in] order.
type tensorSource interface {
	read(name string, shape []int, dst []float32) error
	has(name string) bool
}

func checkFinite(name string, v []float32) error {
	for i, x := range v {
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return fmt.Errorf("%w: %s[%d] is %v", ErrLoad, name, i, x)
		}
	}
	return nil
}

// loadInto fills a freshly shaped Weights from src using name(kind, layer)
// for tensor names.
func loadInto(c Config, src tensorSource, name func(kind string, layer int) string) (*Weights, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	w := &Weights{Config: c, Layers: make([]Layer, c.Layers)}
	get := func(kind string, layer int, shape ...int) ([]float32, error) {
		n := 1
		for _, d := range shape {
			n *= d
		}
		dst := make([]float32, n)
		nm := name(kind, layer)
		if err := src.read(nm, shape, dst); err != nil {
			return nil, err
		}
		return dst, checkFinite(nm, dst)
	}
	var err error
	if w.Embed, err = get("embed", -1, c.Vocab, c.Dim); err != nil {
		return nil, err
	}
	if w.FinalNorm, err = get("norm", -1, c.Dim); err != nil {
		return nil, err
	}
	if c.TiedEmbeddings || !src.has(name("output", -1)) {
		w.Config.TiedEmbeddings = true
		w.Output = w.Embed
	} else if w.Output, err = get("output", -1, c.Vocab, c.Dim); err != nil {
		return nil, err
	}
	for i := range w.Layers {
		L := &w.Layers[i]
		if L.AttnNorm, err = get("attn_norm", i, c.Dim); err != nil {
			return nil, err
		}
		if L.FFNNorm, err = get("ffn_norm", i, c.Dim); err != nil {
			return nil, err
		}
		for m := Module(0); m < NumModules; m++ {
			out, in := c.Shape(m)
			if L.W[m], err = get(m.String(), i, out, in); err != nil {
				return nil, err
			}
		}
		if c.AttentionBias {
			for j, n := range []int{c.QDim(), c.KVDim(), c.KVDim()} {
				if L.Bias[j], err = get(Module(j).String()+".bias", i, n); err != nil {
					return nil, err
				}
			}
		}
	}
	return w, w.Check()
}

// ConfigFromHF maps a Hugging Face config.json to a Config.
func ConfigFromHF(h *hf.LlamaConfig) Config {
	c := Config{Dim: h.HiddenSize, Hidden: h.IntermediateSize, Layers: h.NumHiddenLayers, Heads: h.NumAttentionHeads,
		KVHeads: h.NumKeyValueHeads, HeadDim: h.HeadDim, Vocab: h.VocabSize, NormEps: float32(h.RMSNormEps),
		RopeTheta: h.RopeTheta, RopeStyle: RopeHalf, MaxSeq: h.MaxPositionEmbeddings, TiedEmbeddings: h.TieWordEmbeddings,
		AttentionBias: h.AttentionBias, Arch: h.ModelType, BOS: int32(h.BOSTokenID.First())}
	for _, id := range h.EOSTokenID {
		c.EOS = append(c.EOS, int32(id))
	}
	if s := h.RopeScaling; s != nil && s.RopeType == "llama3" {
		c.RopeScaling = &RopeScaling{Factor: s.Factor, LowFreqFactor: s.LowFreqFactor, HighFreqFactor: s.HighFreqFactor, OriginalMaxPos: s.OriginalMaxPositionEmbeddings}
	}
	return c
}

type stSource struct{ s *safetensors.Set }

func (s stSource) has(name string) bool { _, ok := s.s.Info(name); return ok }

func (s stSource) read(name string, shape []int, dst []float32) error {
	t, err := s.s.Tensor(name)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrLoad, err)
	}
	if !sameShape(t.Shape, shape) {
		return fmt.Errorf("%w: %s has shape %v, the config implies %v", ErrLoad, name, t.Shape, shape)
	}
	if err := t.Float32Into(dst); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrLoad, name, err)
	}
	return nil
}

func sameShape(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// LoadHF loads a Hugging Face LLaMA-family model directory: config.json
// and model.safetensors (or sharded files with an index), in F32, F16 or
// BF16. Weights are widened to float32 at load time (see the package
// documentation of gpu/cpu for why).
func LoadHF(dir string) (*Weights, error) {
	h, err := hf.LoadLlamaConfig(dir)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrLoad, err)
	}
	set, err := safetensors.OpenDir(dir)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrLoad, err)
	}
	defer set.Close()
	names := map[string]string{"embed": "model.embed_tokens.weight", "norm": "model.norm.weight", "output": "lm_head.weight",
		"attn_norm": "input_layernorm.weight", "ffn_norm": "post_attention_layernorm.weight",
		"q_proj": "self_attn.q_proj.weight", "k_proj": "self_attn.k_proj.weight", "v_proj": "self_attn.v_proj.weight",
		"o_proj": "self_attn.o_proj.weight", "gate_proj": "mlp.gate_proj.weight", "up_proj": "mlp.up_proj.weight",
		"down_proj": "mlp.down_proj.weight", "q_proj.bias": "self_attn.q_proj.bias", "k_proj.bias": "self_attn.k_proj.bias",
		"v_proj.bias": "self_attn.v_proj.bias"}
	return loadInto(ConfigFromHF(h), stSource{set}, func(kind string, layer int) string {
		if layer < 0 {
			return names[kind]
		}
		return fmt.Sprintf("model.layers.%d.%s", layer, names[kind])
	})
}

type ggufSource struct{ f *gguf.File }

func (g ggufSource) has(name string) bool { _, ok := g.f.Tensor(name); return ok }

func (g ggufSource) read(name string, shape []int, dst []float32) error {
	t, ok := g.f.Tensor(name)
	if !ok {
		return fmt.Errorf("%w: tensor %s missing", ErrLoad, name)
	}
	if len(t.Dims) != len(shape) {
		return fmt.Errorf("%w: %s has %d dims, want %d", ErrLoad, name, len(t.Dims), len(shape))
	}
	for i, d := range t.Dims { // GGUF lists the fastest-varying dimension first
		if d != uint64(shape[len(shape)-1-i]) {
			return fmt.Errorf("%w: %s has dims %v, the metadata implies %v (reversed)", ErrLoad, name, t.Dims, shape)
		}
	}
	data, err := g.f.TensorData(name)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrLoad, err)
	}
	if err := gguf.ToFloat32(t, data, dst); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrLoad, name, err)
	}
	return nil
}

// LoadGGUF loads a GGUF model file of architecture llama or qwen2 with F32,
// F16, BF16 or Q8_0 tensors. LLaMA GGUF files carry q and k rows permuted
// for interleaved RoPE (llama.cpp's converter does it); Qwen2 files do not.
func LoadGGUF(path string) (*Weights, *gguf.File, error) {
	f, err := gguf.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrLoad, err)
	}
	w, err := weightsFromGGUF(f)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return w, f, nil
}

func weightsFromGGUF(f *gguf.File) (*Weights, error) {
	arch, _ := f.String("general.architecture")
	c := Config{Arch: arch, RopeTheta: 10000, NormEps: 1e-5}
	switch arch {
	case "llama":
		c.RopeStyle = RopeInterleaved
	case "qwen2":
		c.RopeStyle, c.AttentionBias = RopeHalf, true
	default:
		return nil, fmt.Errorf("%w: architecture %q (want llama or qwen2)", ErrLoad, arch)
	}
	u := func(key string, dst *int, required bool) error {
		v, ok := f.Uint(arch + "." + key)
		if !ok {
			if required {
				return fmt.Errorf("%w: metadata %s.%s missing", ErrLoad, arch, key)
			}
			return nil
		}
		if v > 1<<30 {
			return fmt.Errorf("%w: metadata %s.%s = %d", ErrLoad, arch, key, v)
		}
		*dst = int(v)
		return nil
	}
	for _, k := range []struct {
		key string
		dst *int
		req bool
	}{{"embedding_length", &c.Dim, true}, {"feed_forward_length", &c.Hidden, true}, {"block_count", &c.Layers, true},
		{"attention.head_count", &c.Heads, true}, {"attention.head_count_kv", &c.KVHeads, false},
		{"context_length", &c.MaxSeq, true}, {"vocab_size", &c.Vocab, false}, {"attention.key_length", &c.HeadDim, false}} {
		if err := u(k.key, k.dst, k.req); err != nil {
			return nil, err
		}
	}
	if v, ok := f.Float(arch + ".rope.freq_base"); ok {
		c.RopeTheta = v
	}
	if v, ok := f.Float(arch + ".attention.layer_norm_rms_epsilon"); ok {
		c.NormEps = float32(v)
	}
	if c.Vocab == 0 {
		if t, ok := f.Tensor("token_embd.weight"); ok && len(t.Dims) == 2 && t.Dims[1] < 1<<22 {
			c.Vocab = int(t.Dims[1])
		}
	}
	names := map[string]string{"embed": "token_embd.weight", "norm": "output_norm.weight", "output": "output.weight",
		"attn_norm": "attn_norm.weight", "ffn_norm": "ffn_norm.weight", "q_proj": "attn_q.weight", "k_proj": "attn_k.weight",
		"v_proj": "attn_v.weight", "o_proj": "attn_output.weight", "gate_proj": "ffn_gate.weight", "up_proj": "ffn_up.weight",
		"down_proj": "ffn_down.weight", "q_proj.bias": "attn_q.bias", "k_proj.bias": "attn_k.bias", "v_proj.bias": "attn_v.bias"}
	return loadInto(c, ggufSource{f}, func(kind string, layer int) string {
		if layer < 0 {
			return names[kind]
		}
		return fmt.Sprintf("blk.%d.%s", layer, names[kind])
	})
}

// AdapterFiles are the two files of a PEFT LoRA adapter directory.
var AdapterFiles = []string{"adapter_config.json", "adapter_model.safetensors"}

// LoadPEFT loads a PEFT LoRA adapter directory (adapter_config.json and
// adapter_model.safetensors) for a base of shape c, checking every shape.
// PEFT files are in Hugging Face's row order; on a base with interleaved
// RoPE (a LLaMA GGUF file, whose q and k rows llama.cpp's converter
// permuted) the rows of lora_B for q_proj and k_proj are permuted the same
// way, so that B·A lines up with the base's rows.
func LoadPEFT(dir string, c *Config) (*Adapter, error) {
	cfg, f, err := openPEFT(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return adapterFromPEFT(cfg, f, c)
}

// CheckPEFT checks, without reading the tensor data, that the PEFT adapter
// directory dir fits a base of shape c: its adapter_config.json parses and
// is supported, and every tensor of adapter_model.safetensors is a LoRA A
// or B of a projection of the base with the shape the config implies.
// LoadPEFT can still fail on the data (a non-finite value).
func CheckPEFT(dir string, c *Config) error {
	cfg, f, err := openPEFT(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	cc := *c
	if err := cc.Validate(); err != nil {
		return err
	}
	_, err = checkPEFTTensors(cfg, f.Infos(), &cc)
	return err
}

func openPEFT(dir string) (*hf.LoraConfig, *safetensors.File, error) {
	cfg, err := hf.LoadLoraConfig(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrAdapter, err)
	}
	f, err := safetensors.Open(filepath.Join(dir, AdapterFiles[1]))
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrAdapter, err)
	}
	return cfg, f, nil
}

// peftTensor is one checked tensor of a PEFT file.
type peftTensor struct {
	name   string
	layer  int
	m      Module
	isA    bool
	rank   int
	scale  float32
	shape0 int // rank for A, the base's output width for B
}

// checkPEFTTensors checks every tensor's name and shape against the
// config and the base c (validated), and that A and B come in pairs.
func checkPEFTTensors(cfg *hf.LoraConfig, infos []safetensors.TensorInfo, c *Config) ([]peftTensor, error) {
	type half struct{ a, b bool }
	seen := map[[2]int]*half{}
	out := make([]peftTensor, 0, len(infos))
	for _, t := range infos {
		layer, modName, ab, ok := hf.ParseLoraTensorName(t.Name)
		if !ok {
			return nil, fmt.Errorf("%w: tensor %q is not a LoRA A or B of a known projection", ErrAdapter, t.Name)
		}
		m, ok := ParseModule(modName)
		if !ok || layer < 0 || layer >= c.Layers {
			return nil, fmt.Errorf("%w: tensor %q: layer %d of %d", ErrAdapter, t.Name, layer, c.Layers)
		}
		if !t.DType.IsFloat() {
			return nil, fmt.Errorf("%w: tensor %q has dtype %s", ErrAdapter, t.Name, t.DType)
		}
		nOut, nIn := c.Shape(m)
		path := hf.ModulePath(layer, modName)
		rank := cfg.Rank(path)
		h := seen[[2]int{layer, int(m)}]
		if h == nil {
			h = &half{}
			seen[[2]int{layer, int(m)}] = h
		}
		pt := peftTensor{name: t.Name, layer: layer, m: m, isA: ab == 'A', rank: rank, scale: float32(cfg.Scaling(path))}
		if pt.isA {
			if !sameShape(t.Shape, []int{rank, nIn}) {
				return nil, fmt.Errorf("%w: %s has shape %v, want [%d %d] (rank %d, base input %d)", ErrAdapter, t.Name, t.Shape, rank, nIn, rank, nIn)
			}
			if h.a {
				return nil, fmt.Errorf("%w: layer %d %s has two lora_A tensors", ErrAdapter, layer, m)
			}
			h.a, pt.shape0 = true, rank
		} else {
			if !sameShape(t.Shape, []int{nOut, rank}) {
				return nil, fmt.Errorf("%w: %s has shape %v, want [%d %d] (base output %d, rank %d)", ErrAdapter, t.Name, t.Shape, nOut, rank, nOut, rank)
			}
			if h.b {
				return nil, fmt.Errorf("%w: layer %d %s has two lora_B tensors", ErrAdapter, layer, m)
			}
			h.b, pt.shape0 = true, nOut
		}
		if rank > min(nOut, nIn) {
			return nil, fmt.Errorf("%w: layer %d %s: rank %d exceeds the %dx%d projection", ErrAdapter, layer, m, rank, nOut, nIn)
		}
		out = append(out, pt)
	}
	if len(seen) == 0 {
		return nil, fmt.Errorf("%w: no LoRA tensors", ErrAdapter)
	}
	for k, h := range seen {
		if !h.a || !h.b {
			return nil, fmt.Errorf("%w: layer %d %s has only one of lora_A and lora_B", ErrAdapter, k[0], Module(k[1]))
		}
	}
	return out, nil
}

func adapterFromPEFT(cfg *hf.LoraConfig, f *safetensors.File, base *Config) (*Adapter, error) {
	cc := *base
	c := &cc
	if err := c.Validate(); err != nil {
		return nil, err
	}
	tensors, err := checkPEFTTensors(cfg, f.Infos(), c)
	if err != nil {
		return nil, err
	}
	a := &Adapter{Layers: make([][NumModules]*LoRA, c.Layers), Rope: c.RopeStyle}
	for _, pt := range tensors {
		t, err := f.Tensor(pt.name)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrAdapter, err)
		}
		vals, err := t.Float32()
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrAdapter, pt.name, err)
		}
		if err := checkFinite(pt.name, vals); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrAdapter, err)
		}
		lo := a.Layers[pt.layer][pt.m]
		if lo == nil {
			lo = &LoRA{Rank: pt.rank, Scale: pt.scale}
			a.Layers[pt.layer][pt.m] = lo
		}
		if pt.isA {
			lo.A = vals
			continue
		}
		rank, out := pt.rank, pt.shape0
		vals = qkRows(vals, c, pt.m, rank, false)
		lo.Bt = make([]float32, rank*out)
		for o := 0; o < out; o++ {
			for j := 0; j < rank; j++ {
				lo.Bt[j*out+o] = vals[o*rank+j]
			}
		}
	}
	return a, a.Check(c)
}

// qkRows maps the rows of a [out][rank] lora_B matrix of module m between
// Hugging Face's order and the order of c's q and k rows: on an
// interleaved-RoPE base, q rows (c.Heads heads) and k rows (c.KVHeads
// heads) are permuted as llama.cpp's convert script permutes the weights,
// reshape(heads, 2, headDim/2, rank).swapaxes(1, 2); inverse undoes it.
// Other modules and half-split bases are returned unchanged.
func qkRows(b []float32, c *Config, m Module, rank int, inverse bool) []float32 {
	if c.RopeStyle != RopeInterleaved || (m != Q && m != K) {
		return b
	}
	heads := c.Heads
	if m == K {
		heads = c.KVHeads
	}
	if inverse {
		return permuteFromInterleaved(b, heads, c.HeadDim, rank)
	}
	return permuteForInterleaved(b, heads, c.HeadDim, rank)
}
