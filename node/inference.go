package node

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/gpu/adaptercache"
	"github.com/provenet/provenet/gpu/engine"
	gpumodel "github.com/provenet/provenet/gpu/model"
	"github.com/provenet/provenet/gpu/tokenizer"
	"github.com/provenet/provenet/pay"
)

// GPUConfig configures the inference role.
type GPUConfig struct {
	Enabled          bool   `toml:"enabled" comment:"serve inference (the GPU owner role); also: provenet run --infer"`
	Model            string `toml:"model" comment:"base model: a Hugging Face directory (config.json, *.safetensors, tokenizer.json) or a .gguf file"`
	Name             string `toml:"name" comment:"the base model's name in the API (default: the file or directory name)"`
	Adapters         string `toml:"adapters" comment:"directory of PEFT LoRA adapters, one subdirectory each"`
	AdapterCacheMiB  int64  `toml:"adapter_cache_mib" comment:"memory budget of loaded adapters"`
	MaxBatch         int    `toml:"max_batch" comment:"sequences decoding at once"`
	QueueDepth       int    `toml:"queue_depth" comment:"requests waiting beyond the batch before 429"`
	KVTokens         int    `toml:"kv_tokens" comment:"KV cache size in token positions"`
	MaxContext       int    `toml:"max_context" comment:"prompt plus output tokens per request"`
	DefaultMaxTokens int    `toml:"default_max_tokens"`
	Threads          int    `toml:"threads" comment:"CPU threads (0: all cores)"`
	Backend          string `toml:"backend" comment:"forward pass device: cpu, or cuda in a binary built with -tags cuda (no GPU found: falls back to cpu and logs it)"`
	PricePer1k       uint64 `toml:"price_per_1k_tokens" comment:"price in wei per 1,000 tokens, advertised to peers (prompt and output, unless set apart below)"`
	PromptPricePer1k uint64 `toml:"prompt_price_per_1k_tokens" comment:"price in wei per 1,000 prompt tokens (0: price_per_1k_tokens)"`
	OutputPricePer1k uint64 `toml:"output_price_per_1k_tokens" comment:"price in wei per 1,000 output tokens (0: price_per_1k_tokens)"`
	// ModelPrices gives a base or an adapter, by name or CID, prices of
	// its own.
	ModelPrices map[string]ModelPrice `toml:"model_prices" comment:"per base or adapter (by name or CID): {prompt, output} wei per 1,000 tokens, instead of the prices above"`
	Free        bool                  `toml:"free" comment:"free tier: /v1 answers without an API key (off by default; devnet turns it on)"`
	PrefixCache bool                  `toml:"prefix_cache" comment:"share the KV blocks of a prompt prefix between requests with the same base and adapter set"`
	MergeHot    bool                  `toml:"merge_hot_adapter" comment:"bake an adapter into a private copy of the weights while it alone fills the batch"`
	F16Weights  bool                  `toml:"f16_weights" comment:"decode from f16 copies of the matrices: half the bytes per token (exact for f16 model files; f32 ones are rounded)"`
}

// DefaultGPUConfig is off; the engine defaults apply when it is on.
func DefaultGPUConfig() GPUConfig {
	e := engine.DefaultConfig()
	return GPUConfig{AdapterCacheMiB: 1024, MaxBatch: e.MaxBatch, QueueDepth: e.QueueDepth, KVTokens: e.KVTokens,
		MaxContext: e.MaxContext, DefaultMaxTokens: e.DefaultMaxTokens, Backend: "cpu", MergeHot: true, F16Weights: true, PrefixCache: e.PrefixCache}
}

// Validate checks the section when inference is on.
func (g GPUConfig) Validate() error {
	if !g.Enabled {
		return nil
	}
	if g.Model == "" {
		return fmt.Errorf("gpu.model: set a model path to serve inference")
	}
	if g.AdapterCacheMiB <= 0 {
		return fmt.Errorf("gpu.adapter_cache_mib must be positive")
	}
	if !slices.Contains(gpumodel.Backends(), cmp.Or(g.Backend, "cpu")) {
		return fmt.Errorf("gpu.backend %q: this binary has %v (cuda needs a build with -tags cuda)", g.Backend, gpumodel.Backends())
	}
	return g.engineConfig().Validate()
}

// ModelPrice is one model's prices in wei per 1,000 prompt and output
// tokens.
type ModelPrice struct {
	Prompt uint64 `toml:"prompt"`
	Output uint64 `toml:"output"`
}

// Prices are the operator's prices: per 1,000 prompt and output tokens,
// each price_per_1k_tokens unless set apart.
func (g GPUConfig) Prices() pay.Prices {
	p := pay.Prices{Prompt: g.PricePer1k, Output: g.PricePer1k}
	if g.PromptPricePer1k != 0 {
		p.Prompt = g.PromptPricePer1k
	}
	if g.OutputPricePer1k != 0 {
		p.Output = g.OutputPricePer1k
	}
	return p
}

func (g GPUConfig) engineConfig() engine.Config {
	return engine.Config{MaxBatch: g.MaxBatch, PrefillChunk: 512, MergeHot: g.MergeHot, QueueDepth: g.QueueDepth, KVTokens: g.KVTokens,
		MaxContext: g.MaxContext, DefaultMaxTokens: g.DefaultMaxTokens, Threads: g.Threads, Backend: g.Backend, PrefixCache: g.PrefixCache}
}

// LoadBase loads a base model and its tokenizer from path: a .gguf file
// (tokenizer from its metadata) or a Hugging Face directory.
func LoadBase(path, name string) (engine.Base, error) {
	if name == "" {
		name = strings.TrimSuffix(filepath.Base(path), ".gguf")
	}
	st, err := os.Stat(path)
	if err != nil {
		return engine.Base{}, err
	}
	if !st.IsDir() {
		w, f, err := gpumodel.LoadGGUF(path)
		if err != nil {
			return engine.Base{}, err
		}
		defer f.Close()
		tok, err := tokenizer.FromGGUF(f)
		if err != nil {
			return engine.Base{}, err
		}
		return engine.Base{Name: name, Weights: w, Tokenizer: tok}, nil
	}
	w, err := gpumodel.LoadHF(path)
	if err != nil {
		return engine.Base{}, err
	}
	tok, err := tokenizer.FromHF(path)
	if err != nil {
		return engine.Base{}, err
	}
	return engine.Base{Name: name, Weights: w, Tokenizer: tok}, nil
}

// inference is the node's inference role: the engine, its adapter
// library, and the usage records of finished requests.
type inference struct {
	eng     *engine.Engine
	lib     *engine.Library
	base    string // the base model's name
	baseCID string // the CID of its weight files (engine.BaseCID)

	mu     sync.Mutex
	usage  []gpu.Usage // most recent last, capped
	onDone func(gpu.Usage)
}

const usageKept = 1024

// RecordUsage keeps the record; the attribution service turns records
// into receipts.
func (inf *inference) RecordUsage(u gpu.Usage) {
	inf.mu.Lock()
	inf.usage = append(inf.usage, u)
	if len(inf.usage) > usageKept {
		inf.usage = append(inf.usage[:0], inf.usage[len(inf.usage)-usageKept:]...)
	}
	cb := inf.onDone
	inf.mu.Unlock()
	if cb != nil {
		cb(u)
	}
}

func (inf *inference) baseName() string { return inf.base }

func (inf *inference) recent() []gpu.Usage {
	inf.mu.Lock()
	defer inf.mu.Unlock()
	return append([]gpu.Usage(nil), inf.usage...)
}

func (n *Node) startInference(context.Context) error {
	g := n.cfg.GPU
	if !g.Enabled {
		return nil
	}
	b, err := LoadBase(g.Model, g.Name)
	if err != nil {
		return fmt.Errorf("gpu: load %s: %w", g.Model, err)
	}
	// A base model's identity is its weights: the CID of its files,
	// hashed once and cached by path, size and mtime.
	cids := &engine.CIDCache{File: filepath.Join(n.home.Path(DataDir), "model-cids.json")}
	if b.CID, err = cids.BaseCID(g.Model); err != nil {
		return fmt.Errorf("gpu: identify %s: %w", g.Model, err)
	}
	if g.F16Weights {
		b.Weights.UseF16()
	}
	inf := &inference{}
	cc := adaptercache.DefaultConfig()
	cc.Budget = g.AdapterCacheMiB << 20
	cc.Logger = n.log.With("svc", "adapters")
	if pm, ok := n.metrics.(*PromMetrics); ok {
		// Adapter cache counters (loads by tier, hits, evictions, resident
		// bytes) on the node's own registry; per-adapter figures are in
		// GET /api/v1/adapters.
		if m, err := adaptercache.NewPromMetrics(pm.Registry()); err == nil {
			cc.Metrics = m
		}
	}
	fetchDir := filepath.Join(n.home.Path(DataDir), "adapters-fetched")
	lib, err := engine.NewLibrary(g.Adapters, b.Name, b.Weights.Config, cc, adapterFetcher{n: n, dir: fetchDir})
	if err != nil {
		return fmt.Errorf("gpu: adapters: %w", err)
	}
	// Adapters fetched earlier are registered like local ones.
	if fetched, err := engine.NewLibrary(fetchDir, b.Name, b.Weights.Config, cc, nil); err == nil {
		for _, m := range fetched.List() {
			if d, ok := fetched.Dir(m.CID); ok {
				lib.Add(m.CID, d)
			}
		}
		fetched.Close()
	}
	lib.SetFetchDir(fetchDir)
	ecfg := g.engineConfig()
	if m := n.inferenceMetrics(); m != nil {
		ecfg.Metrics = m // TTFT, time per output token, queue and batch, tokens, requests by kind
	}
	eng, err := engine.New(ecfg, []engine.Base{b}, lib, inf, n.log.With("svc", "engine"))
	if err != nil {
		return errors.Join(err, lib.Close())
	}
	inf.eng, inf.lib, inf.base, inf.baseCID = eng, lib, b.Name, b.CID
	n.infer = inf
	n.log.Info("inference ready", "base", b.Name, "cid", b.CID, "params", b.Weights.Config.Params(), "adapters", len(lib.List()))
	return nil
}

func (n *Node) stopInference(context.Context) error {
	if n.infer == nil {
		return nil
	}
	n.infer.eng.Stop()
	err := n.infer.lib.Close()
	n.infer = nil
	return err
}
