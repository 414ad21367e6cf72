package openai

import (
	"crypto/rand"
	"encoding/json"
	"math"
	"net/http"

	"github.com/provenet/provenet/gpu"
)

// job is one validated request: len(prompts)*n engine requests, each a
// choice with index prompt*n + k, as OpenAI numbers them.
type job struct {
	chat         bool
	id           string
	model        string
	req          gpu.Request // the template of every choice's request
	prompts      []promptIn
	n            int
	seeded       bool // the client set a seed: choice k uses seed + k
	echo         bool
	stream       bool
	includeUsage bool
}

func (h *handler) completions(w http.ResponseWriter, r *http.Request) {
	var body completionRequest
	if !h.decode(w, r, &body) {
		return
	}
	if !body.Prompt.set {
		h.badRequest(w, "missing_required_parameter", "prompt",
			"prompt is required")
		return
	}
	j, pe := h.newJob(&body.params, false)
	if pe == nil {
		pe = j.completionFields(&body, len(body.Prompt.prompts), h.opts.MaxChoices)
	}
	if pe != nil {
		h.badRequest(w, "invalid_value", pe.param, pe.msg)
		return
	}
	j.prompts = body.Prompt.prompts
	h.run(w, r, j)
}

// completionFields applies logprobs, echo and a max_tokens of 0 (with
// echo: score the prompt only) to a completion job of prompts prompts.
func (j *job) completionFields(body *completionRequest, prompts, maxChoices int) *paramError {
	if prompts*j.n > maxChoices {
		return badParam("n", "%d prompts times n = %d asks for %d choices; at most %d", prompts, j.n, prompts*j.n, maxChoices)
	}
	if v := body.Logprobs; v != nil {
		if *v < 0 || *v > gpu.MaxTopLogprobs {
			return badParam("logprobs", "logprobs must be in [0, %d]", gpu.MaxTopLogprobs)
		}
		j.req.Logprobs, j.req.TopLogprobs = true, *v
	}
	j.echo = body.Echo
	j.req.Echo = body.Echo
	for _, v := range []*int{body.MaxTokens, body.MaxCompletionTokens} {
		if v != nil && *v == 0 && body.Echo {
			j.req.PromptOnly = true
		}
	}
	return nil
}

func (h *handler) chatCompletions(w http.ResponseWriter, r *http.Request) {
	var body chatRequest
	if !h.decode(w, r, &body) {
		return
	}
	if len(body.Messages) == 0 {
		h.badRequest(w, "missing_required_parameter", "messages",
			"messages must be a non-empty list")
		return
	}
	j, pe := h.newJob(&body.params, true)
	if pe == nil {
		pe = j.chatFields(&body, h.opts.MaxChoices)
	}
	if pe != nil {
		h.badRequest(w, "invalid_value", pe.param, pe.msg)
		return
	}
	msgs := make([]gpu.Message, len(body.Messages))
	for i, m := range body.Messages {
		if m.Role == "" {
			h.badRequest(w, "invalid_value", "messages",
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
	j.prompts = []promptIn{{text: prompt}}
	h.run(w, r, j)
}

// chatFields applies logprobs and top_logprobs to a chat job.
func (j *job) chatFields(body *chatRequest, maxChoices int) *paramError {
	if j.n > maxChoices {
		return badParam("n", "n must be in [1, %d]", maxChoices)
	}
	j.req.Logprobs = body.Logprobs != nil && *body.Logprobs
	if v := body.TopLogprobs; v != nil {
		switch {
		case *v < 0 || *v > gpu.MaxTopLogprobs:
			return badParam("top_logprobs", "top_logprobs must be in [0, %d]", gpu.MaxTopLogprobs)
		case *v > 0 && !j.req.Logprobs:
			return badParam("top_logprobs", "top_logprobs needs logprobs set to true")
		}
		j.req.TopLogprobs = *v
	}
	return nil
}

// newJob validates the common fields and builds the engine request.
// OpenAI's defaults apply: temperature 1, top_p 1, n 1.
func (h *handler) newJob(p *params, chat bool) (*job, *paramError) {
	if p.Model == "" {
		return nil, badParam("model", "model is required")
	}
	n := 1
	if p.N != nil {
		if *p.N < 1 {
			return nil, badParam("n", "n must be at least 1")
		}
		n = *p.N
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
	}
	if len(p.Stop) > h.opts.MaxStop {
		return nil, badParam("stop", "at most %d stop sequences", h.opts.MaxStop)
	}
	for _, a := range p.Adapters {
		if a.Name == "" || !inRange(a.Weight, -100, 100) {
			return nil, badParam("adapters", "every adapter needs a name and a finite weight")
		}
	}
	jsonMode := false
	if rf := p.ResponseFormat; rf != nil {
		switch rf.Type {
		case "", "text":
		case "json_object":
			jsonMode = true
		case "json_schema":
			return nil, badParam("response_format", "response_format json_schema is not supported; use json_object")
		default:
			return nil, badParam("response_format", "response_format type must be text or json_object")
		}
	}
	for _, f := range []struct {
		name string
		v    json.RawMessage
	}{{"tools", p.Tools}, {"tool_choice", p.ToolChoice}, {"functions", p.Functions}} {
		name, v := f.name, f.v
		if len(v) > 0 && string(v) != "null" && string(v) != "[]" {
			return nil, badParam(name, "%s: tool calls are not supported by this server", name)
		}
	}
	prefix := "cmpl-"
	if chat {
		prefix = "chatcmpl-"
	}
	j := &job{
		chat: chat, id: prefix + rand.Text(), model: p.Model, stream: p.Stream, n: n, seeded: p.Seed != nil,
		includeUsage: p.Stream && p.StreamOptions != nil && p.StreamOptions.IncludeUsage,
	}
	var stop []string
	for _, st := range p.Stop {
		if st != "" {
			stop = append(stop, st)
		}
	}
	j.req = gpu.Request{ID: j.id, Model: p.Model, Adapters: p.Adapters, MaxTokens: maxTokens,
		DefaultMaxTokens: h.opts.DefaultMaxTokens, Stop: stop, Sampling: s, JSON: jsonMode}
	return j, nil
}

func inRange(v, lo, hi float32) bool {
	return !math.IsNaN(float64(v)) && v >= lo && v <= hi
}
