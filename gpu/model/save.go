package model

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"

	"github.com/provenet/provenet/gpu/gguf"
	"github.com/provenet/provenet/gpu/hf"
	"github.com/provenet/provenet/gpu/safetensors"
)

// SaveHF writes w as a Hugging Face model directory (config.json and
// model.safetensors) with tensors in dtype (F32, F16 or BF16). The weights
// must use RopeHalf, the Hugging Face layout.
func SaveHF(dir string, w *Weights, dtype safetensors.DType) error {
	c := w.Config
	if c.RopeStyle != RopeHalf {
		return fmt.Errorf("%w: Hugging Face files use half-split RoPE", ErrConfig)
	}
	enc := map[safetensors.DType]func([]float32) []byte{safetensors.F32: safetensors.EncodeF32, safetensors.F16: safetensors.EncodeF16, safetensors.BF16: safetensors.EncodeBF16}[dtype]
	if enc == nil {
		return fmt.Errorf("%w: dtype %s", ErrConfig, dtype)
	}
	arch := c.Arch
	if arch == "" {
		arch = "llama"
	}
	eos := make([]int, len(c.EOS))
	for i, e := range c.EOS {
		eos[i] = int(e)
	}
	cfg := map[string]any{"architectures": []string{"LlamaForCausalLM"}, "model_type": arch, "hidden_size": c.Dim,
		"intermediate_size": c.Hidden, "num_hidden_layers": c.Layers, "num_attention_heads": c.Heads,
		"num_key_value_heads": c.KVHeads, "head_dim": c.HeadDim, "vocab_size": c.Vocab, "rms_norm_eps": c.NormEps,
		"rope_theta": c.RopeTheta, "max_position_embeddings": c.MaxSeq, "tie_word_embeddings": c.TiedEmbeddings,
		"bos_token_id": c.BOS, "eos_token_id": eos, "torch_dtype": map[safetensors.DType]string{safetensors.F32: "float32", safetensors.F16: "float16", safetensors.BF16: "bfloat16"}[dtype],
		"hidden_act": "silu", "attention_bias": c.AttentionBias}
	if s := c.RopeScaling; s != nil {
		cfg["rope_scaling"] = map[string]any{"rope_type": "llama3", "factor": s.Factor, "low_freq_factor": s.LowFreqFactor,
			"high_freq_factor": s.HighFreqFactor, "original_max_position_embeddings": s.OriginalMaxPos}
	}
	js, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "config.json"), js, 0o644); err != nil {
		return err
	}
	var ts []safetensors.NamedTensor
	add := func(name string, v []float32, shape ...int) {
		ts = append(ts, safetensors.NamedTensor{Name: name, DType: dtype, Shape: shape, Data: enc(v)})
	}
	add("model.embed_tokens.weight", w.Embed, c.Vocab, c.Dim)
	add("model.norm.weight", w.FinalNorm, c.Dim)
	if !c.TiedEmbeddings {
		add("lm_head.weight", w.Output, c.Vocab, c.Dim)
	}
	for i, L := range w.Layers {
		p := fmt.Sprintf("model.layers.%d.", i)
		add(p+"input_layernorm.weight", L.AttnNorm, c.Dim)
		add(p+"post_attention_layernorm.weight", L.FFNNorm, c.Dim)
		for m := Module(0); m < NumModules; m++ {
			out, in := c.Shape(m)
			grp := "self_attn."
			if m >= Gate {
				grp = "mlp."
			}
			add(p+grp+m.String()+".weight", L.W[m], out, in)
		}
		if c.AttentionBias {
			for j := 0; j < 3; j++ {
				add(p+"self_attn."+Module(j).String()+".bias", L.Bias[j], len(L.Bias[j]))
			}
		}
	}
	return safetensors.WriteFile(filepath.Join(dir, safetensors.SingleFileName), ts, map[string]string{"format": "pt"})
}

// permuteForInterleaved reorders the rows of a q or k projection (or
// bias) from half-split RoPE to interleaved, as llama.cpp's converter
// does for LLaMA: row h*hd + 2i + j takes row h*hd + j*hd/2 + i.
func permuteForInterleaved(v []float32, heads, hd, in int) []float32 {
	out := make([]float32, len(v))
	for h := 0; h < heads; h++ {
		for i := 0; i < hd/2; i++ {
			for j := 0; j < 2; j++ {
				dst := (h*hd + 2*i + j) * in
				src := (h*hd + j*hd/2 + i) * in
				copy(out[dst:dst+in], v[src:src+in])
			}
		}
	}
	return out
}

// permuteFromInterleaved is the inverse of permuteForInterleaved.
func permuteFromInterleaved(v []float32, heads, hd, in int) []float32 {
	out := make([]float32, len(v))
	for h := 0; h < heads; h++ {
		for i := 0; i < hd/2; i++ {
			for j := 0; j < 2; j++ {
				src := (h*hd + 2*i + j) * in
				dst := (h*hd + j*hd/2 + i) * in
				copy(out[dst:dst+in], v[src:src+in])
			}
		}
	}
	return out
}

// SaveGGUF writes w as a GGUF v3 file of architecture llama with tensors
// of type typ (F32, F16 or Q8_0), plus extra metadata (a tokenizer, for
// example). Half-split weights are permuted to interleaved RoPE, as
// llama.cpp's converter does.
func SaveGGUF(path string, w *Weights, typ gguf.GGMLType, extra []gguf.KV) error {
	c := w.Config
	var enc func([]float32) []byte
	switch typ {
	case gguf.TypeF32:
		enc = gguf.Float32Bytes
	case gguf.TypeF16:
		enc = gguf.Float16Bytes
	case gguf.TypeQ8_0:
		enc = gguf.QuantizeQ8_0
	default:
		return fmt.Errorf("%w: GGUF type %v", ErrConfig, typ)
	}
	kvs := []gguf.KV{{Key: "general.architecture", Value: "llama"}, {Key: "general.alignment", Value: uint32(32)},
		{Key: "llama.embedding_length", Value: uint32(c.Dim)}, {Key: "llama.feed_forward_length", Value: uint32(c.Hidden)},
		{Key: "llama.block_count", Value: uint32(c.Layers)}, {Key: "llama.attention.head_count", Value: uint32(c.Heads)},
		{Key: "llama.attention.head_count_kv", Value: uint32(c.KVHeads)}, {Key: "llama.context_length", Value: uint32(c.MaxSeq)},
		{Key: "llama.vocab_size", Value: uint32(c.Vocab)}, {Key: "llama.rope.freq_base", Value: float32(c.RopeTheta)},
		{Key: "llama.attention.layer_norm_rms_epsilon", Value: c.NormEps}, {Key: "llama.rope.dimension_count", Value: uint32(c.HeadDim)}}
	kvs = append(kvs, extra...)
	var ts []gguf.Tensor
	add := func(name string, v []float32, t gguf.GGMLType, dims ...int) {
		d := make([]uint64, len(dims))
		for i, x := range dims {
			d[len(dims)-1-i] = uint64(x)
		}
		e := enc
		if t == gguf.TypeF32 {
			e = gguf.Float32Bytes
		}
		ts = append(ts, gguf.Tensor{Name: name, Type: t, Dims: d, Data: e(v)})
	}
	add("token_embd.weight", w.Embed, typ, c.Vocab, c.Dim)
	add("output_norm.weight", w.FinalNorm, gguf.TypeF32, c.Dim)
	if !c.TiedEmbeddings {
		add("output.weight", w.Output, typ, c.Vocab, c.Dim)
	}
	names := [NumModules]string{"attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down"}
	for i, L := range w.Layers {
		p := fmt.Sprintf("blk.%d.", i)
		add(p+"attn_norm.weight", L.AttnNorm, gguf.TypeF32, c.Dim)
		add(p+"ffn_norm.weight", L.FFNNorm, gguf.TypeF32, c.Dim)
		for m := Module(0); m < NumModules; m++ {
			out, in := c.Shape(m)
			v := L.W[m]
			if c.RopeStyle == RopeHalf && m == Q {
				v = permuteForInterleaved(v, c.Heads, c.HeadDim, in)
			}
			if c.RopeStyle == RopeHalf && m == K {
				v = permuteForInterleaved(v, c.KVHeads, c.HeadDim, in)
			}
			add(p+names[m]+".weight", v, typ, out, in)
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := gguf.Write(f, kvs, ts); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// SavePEFT writes a as a PEFT LoRA adapter directory that Hugging Face
// PEFT loads: adapter_config.json and adapter_model.safetensors (F32).
// All targeted projections must share one rank and scale. An adapter whose
// q and k rows are in an interleaved base's order (a.Rope, as LoadPEFT or
// the trainer on a GGUF LLaMA base leave it) needs the base's shape to be
// written in Hugging Face's order: use SavePEFTFor.
func SavePEFT(dir string, a *Adapter, baseName string) error {
	return SavePEFTFor(dir, a, baseName, nil)
}

// SavePEFTFor is SavePEFT for an adapter of the base of shape base: when
// a.Rope is RopeInterleaved, the rows of lora_B for q_proj and k_proj go
// back to Hugging Face's order (the inverse of LoadPEFT's permutation).
func SavePEFTFor(dir string, a *Adapter, baseName string, base *Config) error {
	var layout *Config
	if a.Rope == RopeInterleaved {
		if base == nil {
			return fmt.Errorf("%w: the adapter's q and k rows are in an interleaved-RoPE base's order; SavePEFTFor needs that base's shape", ErrAdapter)
		}
		cc := *base
		if err := cc.Validate(); err != nil {
			return err
		}
		cc.RopeStyle = RopeInterleaved
		layout = &cc
	}
	var rank int
	var scale float32
	targets := map[string]bool{}
	var ts []safetensors.NamedTensor
	for i, l := range a.Layers {
		for m, lo := range l {
			if lo == nil {
				continue
			}
			if rank == 0 {
				rank, scale = lo.Rank, lo.Scale
			} else if lo.Rank != rank || lo.Scale != scale {
				return fmt.Errorf("%w: mixed ranks or scales need rank_pattern, which SavePEFT does not write", ErrAdapter)
			}
			mod := Module(m).String()
			targets[mod] = true
			out := len(lo.Bt) / lo.Rank
			in := len(lo.A) / lo.Rank
			b := make([]float32, len(lo.Bt))
			for o := 0; o < out; o++ {
				for j := 0; j < lo.Rank; j++ {
					b[o*lo.Rank+j] = lo.Bt[j*out+o]
				}
			}
			if layout != nil {
				b = qkRows(b, layout, Module(m), lo.Rank, true)
			}
			ts = append(ts,
				safetensors.NamedTensor{Name: hf.LoraTensorName(i, mod, 'A'), DType: safetensors.F32, Shape: []int{lo.Rank, in}, Data: safetensors.EncodeF32(lo.A)},
				safetensors.NamedTensor{Name: hf.LoraTensorName(i, mod, 'B'), DType: safetensors.F32, Shape: []int{out, lo.Rank}, Data: safetensors.EncodeF32(b)})
		}
	}
	if rank == 0 {
		return fmt.Errorf("%w: empty adapter", ErrAdapter)
	}
	cfg := &hf.LoraConfig{PeftType: "LORA", BaseModelNameOrPath: baseName, TaskType: "CAUSAL_LM", R: rank,
		LoraAlpha: float64(scale) * float64(rank), Bias: "none"}
	for _, m := range moduleNames {
		if targets[m] {
			cfg.TargetModules = append(cfg.TargetModules, m)
		}
	}
	js, err := cfg.Marshal()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, AdapterFiles[0]), js, 0o644); err != nil {
		return err
	}
	return safetensors.WriteFile(filepath.Join(dir, AdapterFiles[1]), ts, map[string]string{"format": "pt"})
}

// SaveGGUFLoRA writes a as a GGUF LoRA adapter that llama.cpp loads
// (general.type "adapter", adapter.type "lora", adapter.lora.alpha, and
// per projection blk.N.<name>.weight.lora_a [rank][in] and lora_b
// [out][rank], in f32), for the GGUF base of shape base: a's q and k rows
// must already be in that base's order (LoadPEFT with the GGUF base's
// config leaves them so). llama.cpp scales each update by alpha/rank, so
// every projection must share one alpha (Scale·Rank).
func SaveGGUFLoRA(path string, a *Adapter, base *Config) error {
	if err := a.Check(base); err != nil {
		return err
	}
	if a.Rope != base.RopeStyle {
		return fmt.Errorf("%w: adapter rows in %v order for a %v base", ErrAdapter, a.Rope, base.RopeStyle)
	}
	names := [NumModules]string{"attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down"}
	alpha := float32(math.NaN())
	var ts []gguf.Tensor
	for l, layer := range a.Layers {
		for m, lo := range layer {
			if lo == nil {
				continue
			}
			al := lo.Scale * float32(lo.Rank)
			if math.IsNaN(float64(alpha)) {
				alpha = al
			} else if math.Abs(float64(al-alpha)) > 1e-4*math.Abs(float64(alpha)) {
				return fmt.Errorf("%w: projections with alpha %g and %g: GGUF LoRA has one", ErrAdapter, alpha, al)
			}
			out, in := base.Shape(Module(m))
			b := make([]float32, out*lo.Rank) // B [out][rank] from Bt [rank][out]
			for j := 0; j < lo.Rank; j++ {
				for o := 0; o < out; o++ {
					b[o*lo.Rank+j] = lo.Bt[j*out+o]
				}
			}
			name := fmt.Sprintf("blk.%d.%s.weight", l, names[m])
			ts = append(ts,
				gguf.Tensor{Name: name + ".lora_a", Type: gguf.TypeF32, Dims: []uint64{uint64(in), uint64(lo.Rank)}, Data: gguf.Float32Bytes(lo.A)},
				gguf.Tensor{Name: name + ".lora_b", Type: gguf.TypeF32, Dims: []uint64{uint64(lo.Rank), uint64(out)}, Data: gguf.Float32Bytes(b)})
		}
	}
	if len(ts) == 0 {
		return fmt.Errorf("%w: the adapter targets nothing", ErrAdapter)
	}
	kvs := []gguf.KV{{Key: "general.architecture", Value: "llama"}, {Key: "general.type", Value: "adapter"},
		{Key: "adapter.type", Value: "lora"}, {Key: "adapter.lora.alpha", Value: alpha}}
	if a.Name != "" {
		kvs = append(kvs, gguf.KV{Key: "general.name", Value: a.Name})
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := gguf.Write(f, kvs, ts); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
