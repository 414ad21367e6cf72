package openai

import (
	"crypto/rand"
	"math"
	mrand "math/rand/v2"
	"net/http"

	"github.com/provenet/provenet/gpu"
)

// job is one validated generation request.
type job struct {
	chat         bool
	id           string
	model        string
	req          gpu.Request
	stream       bool
	includeUsage bool
}

func (h *handler) completions(w http.ResponseWriter, r *http.Request) {
	var body completionRequest
	if !h.decode(w, r, &body) {
		return
	}
	if !body.Prompt.set {
		h.writeError(w, http.StatusBadRequest, "invalid_request_error", "missing_required_parameter", "prompt",
			"prompt is required")
		return
	}
	j, pe := h.newJob(&body.params, false)
	if pe != nil {
		h.writeError(w, http.StatusBadRequest, "invalid_request_error", "invalid_value", pe.param, pe.msg)
		return
	}
	j.req.Prompt = body.Prompt.text
	h.run(w, r, j)
}

func (h *handler) chatCompletions(w http.ResponseWriter, r *http.Request) {
	var body chatRequest
	if !h.decode(w, r, &body) {
		return
	}
	if len(body.Messages) == 0 {
		h.writeError(w, http.StatusBadRequest, "invalid_request_error", "missing_required_parameter", "messages",
			"messages must be a non-empty list")
		return
	}
	j, pe := h.newJob(&body.params, true)
	if pe != nil {
		h.writeError(w, http.StatusBadRequest, "invalid_request_error", "invalid_value", pe.param, pe.msg)
		return
	}
	msgs := make([]gpu.Message, len(body.Messages))
	for i, m := range body.Messages {
		if m.Role == "" {
			h.writeError(w, http.StatusBadRequest, "invalid_request_error", "invalid_value", "messages",
				"every message needs a role")
			return
		}
		msgs[i] = gpu.Message{Role: m.Role, Content: string(m.Content)}
	}
	prompt, err := h.e.ChatPrompt(j.model, msgs)
	if err != nil {
		h.engineError(w, err)
		return
	}
	j.req.Prompt = prompt
	h.run(w, r, j)
}

// newJob validates the common fields and builds the engine request.
// OpenAI's defaults apply: temperature 1, top_p 1, n 1.
func (h *handler) newJob(p *params, chat bool) (*job, *paramError) {
	if p.Model == "" {
		return nil, badParam("model", "model is required")
	}
	if p.N != nil && *p.N != 1 {
		return nil, badParam("n", "only n=1 is supported")
	}
	maxTokens := 0 // none asked for: the default, cut to the room the context leaves
	for _, v := range []*int{p.MaxTokens, p.MaxCompletionTokens} {
		if v != nil {
			if *v < 0 {
				return nil, badParam("max_tokens", "max_tokens must not be negative")
			}
			if *v > 0 {
				maxTokens = *v
			}
		}
	}
	s := gpu.Sampling{Temperature: 1}
	if v := p.Temperature; v != nil {
		if !inRange(*v, 0, 2) {
			return nil, badParam("temperature", "temperature must be in [0, 2]")
		}
		s.Temperature = *v
	}
	if v := p.TopP; v != nil {
		if !inRange(*v, 0, 1) {
			return nil, badParam("top_p", "top_p must be in [0, 1]")
		}
		s.TopP = *v
	}
	if v := p.MinP; v != nil {
		if !inRange(*v, 0, 1) {
			return nil, badParam("min_p", "min_p must be in [0, 1]")
		}
		s.MinP = *v
	}
	if v := p.TopK; v != nil {
		if *v < 0 {
			return nil, badParam("top_k", "top_k must not be negative")
		}
		s.TopK = *v
	}
	if p.Seed != nil {
		s.Seed = uint64(*p.Seed)
	} else {
		s.Seed = mrand.Uint64()
	}
	if len(p.Stop) > h.opts.MaxStop {
		return nil, badParam("stop", "at most %d stop sequences", h.opts.MaxStop)
	}
	for _, a := range p.Adapters {
		if a.Name == "" || !inRange(a.Weight, -100, 100) {
			return nil, badParam("adapters", "every adapter needs a name and a finite weight")
		}
	}
	prefix := "cmpl-"
	if chat {
		prefix = "chatcmpl-"
	}
	j := &job{
		chat: chat, id: prefix + rand.Text(), model: p.Model, stream: p.Stream,
		includeUsage: p.Stream && p.StreamOptions != nil && p.StreamOptions.IncludeUsage,
	}
	var stop []string
	for _, st := range p.Stop {
		if st != "" {
			stop = append(stop, st)
		}
	}
	j.req = gpu.Request{ID: j.id, Model: p.Model, Adapters: p.Adapters, MaxTokens: maxTokens,
		DefaultMaxTokens: h.opts.DefaultMaxTokens, Stop: stop, Sampling: s}
	return j, nil
}

func inRange(v, lo, hi float32) bool {
	return !math.IsNaN(float64(v)) && v >= lo && v <= hi
}
