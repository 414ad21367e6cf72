package openai

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/provenet/provenet/gpu"
)

// errNoFinal: the engine closed the stream without a Done event.
var errNoFinal = errors.New("openai: engine stream ended without a final event")

// drain empties an abandoned event channel so that an engine blocked on
// a send can finish and close it.
func drain(ch <-chan gpu.Event) {
	go func() {
		for range ch {
		}
	}()
}

// finish handles the final event: usage accounting and the response's
// extension object.
func (h *handler) finish(j *job, ev *gpu.Event, tokens int) (usageJSON, any) {
	u := usageJSON{CompletionTokens: tokens}
	var extra any
	if ev.Usage != nil {
		u.PromptTokens, u.CompletionTokens = ev.Usage.PromptTokens, ev.Usage.OutputTokens
		if h.opts.OnUsage != nil {
			h.opts.OnUsage(*ev.Usage)
		}
		if h.opts.Extra != nil {
			extra = h.opts.Extra(ev.Usage)
		}
	}
	u.TotalTokens = u.PromptTokens + u.CompletionTokens
	h.log.Debug("inference request done", "id", j.id, "model", j.model, "finish", ev.FinishReason,
		"prompt_tokens", u.PromptTokens, "completion_tokens", u.CompletionTokens)
	return u, extra
}

func (h *handler) run(w http.ResponseWriter, r *http.Request, j *job) {
	ctx := r.Context()
	ch, err := h.e.Generate(ctx, j.req)
	if err != nil {
		h.jobError(w, j, err)
		return
	}
	if j.stream {
		h.stream(w, r, j, ch)
		return
	}
	var text strings.Builder
	tokens := 0
	for {
		var ev gpu.Event
		var ok bool
		select {
		case ev, ok = <-ch:
		case <-ctx.Done():
			drain(ch)
			return // the client left; the engine sees ctx too
		}
		if !ok {
			h.engineError(w, errNoFinal)
			return
		}
		if ev.Err != nil {
			drain(ch)
			h.engineError(w, ev.Err)
			return
		}
		text.WriteString(ev.Text)
		if !ev.Done {
			if ev.Token >= 0 {
				tokens++
			}
			continue
		}
		drain(ch)
		u, extra := h.finish(j, &ev, tokens)
		resp := responseJSON{ID: j.id, Created: time.Now().Unix(), Model: j.model, Usage: &u, XProvenet: extra}
		out, reason := text.String(), ev.FinishReason
		c := choiceJSON{FinishReason: &reason}
		if j.chat {
			resp.Object = "chat.completion"
			c.Message = &messageJSON{Role: "assistant", Content: &out}
		} else {
			resp.Object = "text_completion"
			c.Text = &out
		}
		resp.Choices = []choiceJSON{c}
		writeJSON(w, http.StatusOK, resp)
		return
	}
}

// sse writes server-sent events, flushing after each.
type sse struct {
	w   http.ResponseWriter
	rc  *http.ResponseController
	err error
}

func (s *sse) send(v any) {
	if s.err != nil {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		s.err = err
		return
	}
	s.raw(b)
}

func (s *sse) raw(b []byte) {
	if s.err != nil {
		return
	}
	if _, s.err = fmt.Fprintf(s.w, "data: %s\n\n", b); s.err == nil {
		s.err = s.rc.Flush()
	}
}

func (h *handler) stream(w http.ResponseWriter, r *http.Request, j *job, ch <-chan gpu.Event) {
	ctx := r.Context()
	hd := w.Header()
	hd.Set("Content-Type", "text/event-stream")
	hd.Set("Cache-Control", "no-cache")
	hd.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	s := &sse{w: w, rc: http.NewResponseController(w)}
	created := time.Now().Unix()
	object := "text_completion"
	if j.chat {
		object = "chat.completion.chunk"
	}
	chunk := func(text *string, reason *string) responseJSON {
		c := choiceJSON{FinishReason: reason}
		if j.chat {
			c.Delta = &messageJSON{Content: text}
		} else {
			if text == nil {
				text = new(string)
			}
			c.Text = text
		}
		return responseJSON{ID: j.id, Object: object, Created: created, Model: j.model, Choices: []choiceJSON{c}}
	}
	if j.chat {
		first := chunk(new(string), nil)
		first.Choices[0].Delta.Role = "assistant"
		s.send(first)
	}
	tokens := 0
	for s.err == nil {
		var ev gpu.Event
		var ok bool
		select {
		case ev, ok = <-ch:
		case <-ctx.Done():
			drain(ch)
			return
		}
		if !ok {
			ev.Err = errNoFinal
		}
		if ev.Err != nil {
			if ok {
				drain(ch)
			}
			status, typ, code, msg := classify(ev.Err)
			if status >= 500 {
				h.log.Warn("inference stream failed", "id", j.id, "err", ev.Err)
			}
			s.send(errorBody(typ, code, "", msg))
			return
		}
		if !ev.Done {
			if ev.Token >= 0 {
				tokens++
			}
			if ev.Text != "" {
				s.send(chunk(&ev.Text, nil))
			}
			continue
		}
		drain(ch)
		if ev.Text != "" {
			s.send(chunk(&ev.Text, nil))
		}
		u, extra := h.finish(j, &ev, tokens)
		reason := ev.FinishReason
		last := chunk(nil, &reason)
		last.XProvenet = extra
		s.send(last)
		if j.includeUsage {
			s.send(responseJSON{ID: j.id, Object: object, Created: created, Model: j.model,
				Choices: []choiceJSON{}, Usage: &u})
		}
		s.raw([]byte("[DONE]"))
		return
	}
	drain(ch) // a write failed: the client is gone
}
