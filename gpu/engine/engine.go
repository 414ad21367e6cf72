package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"sync"

	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/gpu/model"
	"github.com/provenet/provenet/gpu/sample"
	"github.com/provenet/provenet/gpu/tokenizer"
)

// AdapterInfo names one servable adapter.
type AdapterInfo struct {
	Name, CID, Base, Owner string
}

// Adapters is where the engine finds LoRA adapters: a registry of
// available ones and a cache that loads them just in time (see
// gpu/adaptercache). Acquire pins an adapter until release is called.
type Adapters interface {
	Resolve(name string) (AdapterInfo, bool)
	Acquire(ctx context.Context, cid string) (*model.Adapter, func(), error)
	List() []gpu.ModelInfo
}

// Base is one base model to serve.
type Base struct {
	Name, CID, Owner string
	Weights          *model.Weights
	Tokenizer        *tokenizer.Tokenizer
}

// Engine serves generation requests over one or more base models.
type Engine struct {
	cfg      Config
	log      *slog.Logger
	adapters Adapters
	metrics  Metrics
	gauges   *gauges

	mu    sync.RWMutex
	bases map[string]*base // by name and by CID
	list  []*base
}

// New builds an engine over bases; adapters may be nil (base models
// only). sink receives every finished request's usage (may be nil).
func New(cfg Config, bases []Base, adapters Adapters, sink gpu.UsageSink, log *slog.Logger) (*Engine, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if len(bases) == 0 {
		return nil, fmt.Errorf("%w: no base model", gpu.ErrDisabled)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	m := cfg.Metrics
	if m == nil {
		m = NoopMetrics{}
	}
	e := &Engine{cfg: cfg, log: log, adapters: adapters, metrics: m, gauges: &gauges{m: m}, bases: make(map[string]*base)}
	for _, bs := range bases {
		if err := e.addBase(bs, sink); err != nil {
			e.Stop() // the bases started so far
			return nil, err
		}
	}
	return e, nil
}

// addBase builds base bs's model and cache and starts its loop.
func (e *Engine) addBase(bs Base, sink gpu.UsageSink) error {
	cfg, log := e.cfg, e.log
	c := bs.Weights.Config
	c.MaxSeq = contextLength(c.MaxSeq, cfg, log.With("base", bs.Name))
	w := *bs.Weights
	w.Config = c
	if bs.Tokenizer == nil || bs.Tokenizer.VocabSize() > c.Vocab {
		return fmt.Errorf("%w: base %s: the tokenizer does not fit the model's %d-token vocabulary", model.ErrConfig, bs.Name, c.Vocab)
	}
	dev, err := openDevice(cfg, model.DeviceSpec{Weights: &w, KVTokens: cfg.KVTokens, Threads: cfg.Threads, Log: log}, log.With("base", bs.Name))
	if err != nil {
		return fmt.Errorf("base %s: %w", bs.Name, err)
	}
	b := &base{name: bs.Name, cid: bs.CID, dev: dev, tok: bs.Tokenizer, cfg: cfg, log: log.With("base", bs.Name), sink: sink,
		metrics: e.metrics, gauges: e.gauges,
		incoming: make(chan *seq, cfg.QueueDepth), stop: make(chan struct{})}
	e.bases[bs.Name] = b
	if bs.CID != "" {
		e.bases[bs.CID] = b
	}
	e.list = append(e.list, b)
	b.start()
	return nil
}

// openDevice opens cfg.Backend for one base. A backend whose hardware is
// absent (a cuda build on a machine with no GPU) falls back to the CPU
// device, and says so once in the log.
func openDevice(cfg Config, spec model.DeviceSpec, log *slog.Logger) (model.Device, error) {
	dev, err := model.OpenDevice(cfg.Backend, spec)
	if errors.Is(err, model.ErrNoDevice) {
		log.Warn("no device for the configured backend; serving on the CPU backend", "backend", cfg.Backend, "err", err)
		return model.OpenDevice("cpu", spec)
	}
	return dev, err
}

// promptIDs returns req's prompt as token ids: PromptIDs as given
// (checked against the vocabulary) or Prompt encoded with BOS.
func (b *base) promptIDs(req *gpu.Request) ([]int32, error) {
	if len(req.PromptIDs) == 0 {
		prompt := b.tok.Encode(req.Prompt, true, true)
		if len(prompt) == 0 {
			return nil, fmt.Errorf("%w: empty prompt", gpu.ErrBadRequest)
		}
		return prompt, nil
	}
	vocab := int32(b.dev.Config().Vocab)
	for i, id := range req.PromptIDs {
		if id < 0 || id >= vocab {
			return nil, fmt.Errorf("%w: prompt token %d is %d, outside the vocabulary of %d", gpu.ErrBadRequest, i, id, vocab)
		}
	}
	return append([]int32(nil), req.PromptIDs...), nil
}

// contextLength is a base's context: the model's (max_position_embeddings,
// GGUF context_length), capped by cfg.MaxContext and by what the KV cache
// can hold for one sequence, so that an admitted request never waits for
// blocks the pool does not have.
func contextLength(model int, cfg Config, log *slog.Logger) int {
	n := model
	if cfg.MaxContext > 0 && cfg.MaxContext < n {
		n = cfg.MaxContext
	}
	if kv := kvPositions(cfg.KVTokens); kv < n {
		log.Warn("context capped by the KV cache size", "model_context", model, "max_context", cfg.MaxContext, "kv_tokens", cfg.KVTokens, "context", kv)
		n = kv
	}
	return n
}

// kvPositions is the number of positions a KV cache of tokens positions holds
// (model.NewKVCache rounds up to whole blocks).
func kvPositions(tokens int) int { return model.BlocksFor(tokens) * model.BlockTokens }

// Stop ends every loop; queued and running requests end with
// gpu.ErrStopped.
func (e *Engine) Stop() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, b := range e.list {
		select {
		case <-b.stop:
		default:
			close(b.stop)
		}
		b.done.Wait()
		b.dev.Close()
	}
}

// Models lists the bases and the adapters.
func (e *Engine) Models() []gpu.ModelInfo {
	var out []gpu.ModelInfo
	for _, b := range e.list {
		out = append(out, gpu.ModelInfo{ID: b.name, Kind: "base", CID: b.cid, Loaded: true, ContextLength: b.dev.Config().MaxSeq})
	}
	if e.adapters != nil {
		for _, m := range e.adapters.List() {
			e.mu.RLock()
			b := e.bases[m.Base]
			e.mu.RUnlock()
			if b != nil && m.ContextLength == 0 {
				m.ContextLength = b.dev.Config().MaxSeq
			}
			out = append(out, m)
		}
	}
	return out
}

// ChatPrompt renders msgs with the chat template of model's base. A base
// without a template gets a plain "role: content" transcript.
func (e *Engine) ChatPrompt(name string, msgs []gpu.Message) (string, error) {
	b, _, err := e.resolve(name, nil)
	if err != nil {
		return "", err
	}
	tm := make([]tokenizer.Message, len(msgs))
	for i, m := range msgs {
		tm[i] = tokenizer.Message{Role: m.Role, Content: m.Content}
	}
	if tmpl := b.tok.ChatTemplate(); tmpl != "" {
		s, err := tokenizer.ApplyChatTemplate(tmpl, tm, true)
		if err == nil {
			return s, nil
		}
		e.log.Debug("chat template not understood; using the plain transcript", "base", b.name, "err", err)
	}
	var sb strings.Builder
	for _, m := range msgs {
		fmt.Fprintf(&sb, "%s: %s\n", m.Role, m.Content)
	}
	sb.WriteString("assistant:")
	return sb.String(), nil
}

// resolve finds the base serving name and the adapters of the request.
func (e *Engine) resolve(name string, ensemble []gpu.AdapterWeight) (*base, []AdapterInfo, error) {
	e.mu.RLock()
	b := e.bases[name]
	e.mu.RUnlock()
	var infos []AdapterInfo
	if b == nil {
		if e.adapters == nil {
			return nil, nil, fmt.Errorf("%w: %q", gpu.ErrUnknownModel, name)
		}
		info, ok := e.adapters.Resolve(name)
		if !ok {
			return nil, nil, fmt.Errorf("%w: %q", gpu.ErrUnknownModel, name)
		}
		e.mu.RLock()
		b = e.bases[info.Base]
		e.mu.RUnlock()
		if b == nil {
			return nil, nil, fmt.Errorf("%w: adapter %q needs base %q, which this node does not serve", gpu.ErrUnknownModel, name, info.Base)
		}
		if len(ensemble) == 0 {
			infos = append(infos, info)
		}
	}
	for _, a := range ensemble {
		if e.adapters == nil {
			return nil, nil, fmt.Errorf("%w: adapter %q", gpu.ErrUnknownModel, a.Name)
		}
		info, ok := e.adapters.Resolve(a.Name)
		if !ok {
			return nil, nil, fmt.Errorf("%w: adapter %q", gpu.ErrUnknownModel, a.Name)
		}
		if e.bases[info.Base] != b {
			return nil, nil, fmt.Errorf("%w: adapter %q is for base %q, not %q", gpu.ErrBadRequest, a.Name, info.Base, b.name)
		}
		infos = append(infos, info)
	}
	return b, infos, nil
}

// Generate queues req and returns its event stream. The stream ends with
// one Done event and is then closed. Cancelling ctx ends the request.
func (e *Engine) Generate(ctx context.Context, req gpu.Request) (<-chan gpu.Event, error) {
	if err := sample.Validate(req.Sampling); err != nil {
		return nil, err
	}
	switch {
	case req.MaxTokens < 0 || len(req.Adapters) > 16:
		return nil, fmt.Errorf("%w: max_tokens %d, %d adapters", gpu.ErrBadRequest, req.MaxTokens, len(req.Adapters))
	case req.TopLogprobs < 0 || req.TopLogprobs > gpu.MaxTopLogprobs || (req.TopLogprobs > 0 && !req.Logprobs):
		return nil, fmt.Errorf("%w: top_logprobs %d (0..%d, with logprobs)", gpu.ErrBadRequest, req.TopLogprobs, gpu.MaxTopLogprobs)
	case req.PromptOnly && (!req.Echo || req.MaxTokens != 0):
		return nil, fmt.Errorf("%w: a prompt-only request echoes the prompt and generates nothing", gpu.ErrBadRequest)
	}
	b, infos, err := e.resolve(req.Model, req.Adapters)
	if err != nil {
		return nil, err
	}
	prompt, err := b.promptIDs(&req)
	if err != nil {
		return nil, err
	}
	maxSeq := b.dev.Config().MaxSeq
	max := req.MaxTokens
	switch {
	case req.PromptOnly:
		if len(prompt) > maxSeq {
			return nil, &gpu.ContextError{Context: maxSeq, Prompt: len(prompt)}
		}
	case len(prompt) >= maxSeq || len(prompt)+max > maxSeq:
		return nil, &gpu.ContextError{Context: maxSeq, Prompt: len(prompt), MaxTokens: max}
	case max == 0:
		max = req.DefaultMaxTokens
		if max <= 0 {
			max = e.cfg.DefaultMaxTokens
		}
		max = min(max, maxSeq-len(prompt))
	}
	if req.Budget != nil {
		limit, err := req.Budget(len(prompt))
		if err != nil {
			return nil, err
		}
		max = min(max, limit)
	}
	s := &seq{ctx: ctx, req: req, prompt: prompt, max: max, events: make(chan gpu.Event, max+4),
		sampler: sample.New(req.Sampling), dec: b.tok.NewDecoder(), stop: sample.NewStopMatcher(req.Stop), json: jsonState(req.JSON),
		scorePrompt: req.Echo && req.Logprobs}
	s.usage = gpu.Usage{RequestID: req.ID, Base: b.name, BaseCID: b.cid, PromptIDs: prompt, Queued: now()}
	for i, info := range infos {
		a, release, err := e.adapters.Acquire(ctx, info.CID)
		if err != nil {
			s.releaseAdapters()
			return nil, fmt.Errorf("adapter %s: %w", info.Name, err)
		}
		if err := a.Check(b.dev.Config()); err != nil {
			release()
			s.releaseAdapters()
			return nil, err
		}
		w := float32(1)
		if len(req.Adapters) > 0 {
			w = req.Adapters[i].Weight
		}
		s.release = append(s.release, release)
		s.adapters = append(s.adapters, model.AdapterRef{A: a, Weight: w})
		if p, ok := b.dev.(model.AdapterPrefetcher); ok {
			p.Prefetch(a) // into the device tier while the request queues
		}
		s.uses = append(s.uses, gpu.AdapterUse{Name: info.Name, CID: info.CID, Weight: w})
	}
	s.usage.Adapters = s.uses
	s.key = adapterKey(s.uses)
	if err := b.submit(ctx, s); err != nil {
		s.releaseAdapters()
		return nil, err
	}
	kind := KindBase
	if len(infos) > 0 {
		kind = KindAdapter
	}
	e.metrics.Request(kind)
	return s.events, nil
}

func adapterKey(uses []gpu.AdapterUse) string {
	if len(uses) == 0 {
		return ""
	}
	parts := make([]string, len(uses))
	for i, u := range uses {
		parts[i] = fmt.Sprintf("%s*%g", u.CID, u.Weight)
	}
	sort.Strings(parts)
	return strings.Join(parts, "+")
}
