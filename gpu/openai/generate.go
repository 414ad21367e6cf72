package openai

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	mrand "math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

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

// tagged is an event of choice i; closed marks a stream that ended
// without a Done event.
type tagged struct {
	i      int
	ev     gpu.Event
	closed bool
}

// choice is the state of one choice while its events arrive.
type choice struct {
	index  int
	prompt *promptIn
	text   strings.Builder
	tokens int
	done   bool
	reason string
	usage  *gpu.Usage
	// logprobs so far, and (streaming) how many of them were sent
	clp    *completionLogprobsJSON
	chat   []chatTokenJSON
	sent   int
	offset int // runes of the token strings so far (text_offset)
}

// start queues every choice's request and merges their event streams.
// On an error, the requests already queued are cancelled.
func (h *handler) start(ctx context.Context, j *job) ([]*choice, <-chan tagged, error) {
	n := len(j.prompts) * j.n
	choices := make([]*choice, n)
	chans := make([]<-chan gpu.Event, n)
	for i := range choices {
		p := &j.prompts[i/j.n]
		req := j.req
		req.Prompt, req.PromptIDs = p.text, p.ids
		if i > 0 {
			req.ID = j.id + "-" + strconv.Itoa(i)
		}
		switch {
		case j.seeded:
			req.Sampling.Seed += uint64(i % j.n)
		default:
			req.Sampling.Seed = mrand.Uint64()
		}
		ch, err := h.e.Generate(ctx, req)
		if err != nil {
			for _, c := range chans[:i] {
				drain(c)
			}
			return nil, nil, err
		}
		chans[i] = ch
		choices[i] = &choice{index: i, prompt: p}
	}
	out := make(chan tagged)
	var wg sync.WaitGroup
	for i, ch := range chans {
		wg.Add(1)
		go func() {
			defer wg.Done()
			final := false
			for ev := range ch {
				final = final || ev.Done
				select {
				case out <- tagged{i: i, ev: ev}:
				case <-ctx.Done():
					drain(ch)
					return
				}
			}
			if !final {
				select {
				case out <- tagged{i: i, closed: true}:
				case <-ctx.Done():
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return choices, out, nil
}

// finish handles a choice's final event: usage accounting and the
// response's extension object.
func (h *handler) finish(j *job, c *choice, ev *gpu.Event) any {
	c.done, c.reason, c.usage = true, ev.FinishReason, ev.Usage
	var extra any
	if ev.Usage != nil {
		if h.opts.OnUsage != nil {
			h.opts.OnUsage(*ev.Usage)
		}
		if h.opts.Extra != nil {
			extra = h.opts.Extra(ev.Usage)
		}
	}
	h.log.Debug("inference request done", "id", j.id, "choice", c.index, "model", j.model, "finish", ev.FinishReason,
		"completion_tokens", c.tokens)
	return extra
}

// usage sums the choices: each prompt's tokens once (as OpenAI counts
// them for n > 1), every choice's completion tokens.
func usageOf(j *job, choices []*choice) usageJSON {
	var u usageJSON
	for i, c := range choices {
		if c.usage == nil {
			u.CompletionTokens += c.tokens
			continue
		}
		if i%j.n == 0 {
			u.PromptTokens += c.usage.PromptTokens
		}
		u.CompletionTokens += c.usage.OutputTokens
	}
	u.TotalTokens = u.PromptTokens + u.CompletionTokens
	return u
}

// add records one event's text and logprobs on c.
func (j *job) add(c *choice, ev *gpu.Event) {
	if ev.Prompt != nil && j.echo {
		text := c.prompt.text
		if c.prompt.isIDs {
			text = ev.PromptText
		}
		c.text.WriteString(text)
		if j.req.Logprobs {
			for _, t := range ev.Prompt {
				j.addLogprob(c, t)
			}
		}
	}
	c.text.WriteString(ev.Text)
	if ev.Token >= 0 {
		c.tokens++
	}
	if ev.Logprob != nil {
		j.addLogprob(c, *ev.Logprob)
	}
}

func (j *job) addLogprob(c *choice, t gpu.TokenLogprob) {
	tok := tokenString(t.Bytes)
	if j.chat {
		ct := chatTokenJSON{Token: tok, Logprob: logprobValue(t.Logprob), Bytes: byteInts(t.Bytes), TopLogprobs: []chatTopJSON{}}
		for _, a := range t.Top {
			ct.TopLogprobs = append(ct.TopLogprobs, chatTopJSON{Token: tokenString(a.Bytes), Logprob: logprobValue(a.Logprob), Bytes: byteInts(a.Bytes)})
		}
		c.chat = append(c.chat, ct)
		return
	}
	if c.clp == nil {
		c.clp = newCompletionLogprobs()
	}
	l := c.clp
	l.Tokens = append(l.Tokens, tok)
	l.TextOffset = append(l.TextOffset, c.offset)
	c.offset += utf8.RuneCountInString(tok)
	if math.IsNaN(float64(t.Logprob)) {
		l.TokenLogprobs = append(l.TokenLogprobs, nil)
		l.TopLogprobs = append(l.TopLogprobs, nil)
		return
	}
	v := logprobValue(t.Logprob)
	l.TokenLogprobs = append(l.TokenLogprobs, &v)
	top := map[string]float64{tok: v} // the sampled token is always listed
	for _, a := range t.Top {
		top[tokenString(a.Bytes)] = logprobValue(a.Logprob)
	}
	l.TopLogprobs = append(l.TopLogprobs, top)
}

func newCompletionLogprobs() *completionLogprobsJSON {
	return &completionLogprobsJSON{Tokens: []string{}, TokenLogprobs: []*float64{}, TopLogprobs: []map[string]float64{}, TextOffset: []int{}}
}

// tokenString is a token's text for JSON; bytes of an incomplete UTF-8
// character become U+FFFD, as encoding/json would make them.
func tokenString(b []byte) string { return strings.ToValidUTF8(string(b), "\uFFFD") }

func byteInts(b []byte) []int {
	out := make([]int, len(b))
	for i, c := range b {
		out[i] = int(c)
	}
	return out
}

// logprobValue is a logprob for JSON: -Inf (a token the model rules out)
// becomes OpenAI's -9999.
func logprobValue(v float32) float64 {
	if math.IsInf(float64(v), -1) || v < -9999 {
		return -9999
	}
	return float64(v)
}

// logprobs returns c's logprobs for a response (nil when not asked for).
func (j *job) logprobs(c *choice) any {
	if !j.req.Logprobs {
		return nil
	}
	if j.chat {
		return &chatLogprobsJSON{Content: append([]chatTokenJSON{}, c.chat...)}
	}
	if c.clp == nil {
		return newCompletionLogprobs()
	}
	return c.clp
}

// pending is the number of c's logprobs not yet streamed.
func (c *choice) pending() int {
	if c.clp != nil {
		return len(c.clp.Tokens) - c.sent
	}
	return len(c.chat) - c.sent
}

// pendingLogprobs returns the logprobs of c not yet streamed, and marks
// them sent (nil when not asked for).
func (j *job) pendingLogprobs(c *choice) any {
	if !j.req.Logprobs {
		return nil
	}
	from := c.sent
	if j.chat {
		c.sent = len(c.chat)
		return &chatLogprobsJSON{Content: append([]chatTokenJSON{}, c.chat[from:]...)}
	}
	all := c.clp
	if all == nil {
		return newCompletionLogprobs()
	}
	c.sent = len(all.Tokens)
	return &completionLogprobsJSON{Tokens: all.Tokens[from:], TokenLogprobs: all.TokenLogprobs[from:],
		TopLogprobs: all.TopLogprobs[from:], TextOffset: all.TextOffset[from:]}
}

func (h *handler) run(w http.ResponseWriter, r *http.Request, j *job) {
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	choices, events, err := h.start(ctx, j)
	if err != nil {
		h.jobError(w, j, err)
		return
	}
	if j.stream {
		h.stream(ctx, w, j, choices, events)
		return
	}
	var extra any
	left := len(choices)
	for left > 0 {
		var t tagged
		var ok bool
		select {
		case t, ok = <-events:
		case <-ctx.Done():
			return // the client left; the engine sees ctx too
		}
		if !ok || t.closed {
			h.engineError(w, errNoFinal)
			return
		}
		if t.ev.Err != nil {
			h.engineError(w, t.ev.Err)
			return
		}
		c := choices[t.i]
		j.add(c, &t.ev)
		if !t.ev.Done {
			continue
		}
		if x := h.finish(j, c, &t.ev); t.i == 0 {
			extra = x // the first choice's; every choice's usage went to OnUsage
		}
		left--
	}
	u := usageOf(j, choices)
	resp := responseJSON{ID: j.id, Created: time.Now().Unix(), Model: j.model, Usage: &u, XProvenet: extra}
	resp.Object = "text_completion"
	if j.chat {
		resp.Object = "chat.completion"
	}
	for _, c := range choices {
		out, reason := c.text.String(), c.reason
		cj := choiceJSON{Index: c.index, FinishReason: &reason, Logprobs: j.logprobs(c)}
		if j.chat {
			cj.Message = &messageJSON{Role: "assistant", Content: &out}
		} else {
			cj.Text = &out
		}
		resp.Choices = append(resp.Choices, cj)
	}
	writeJSON(w, http.StatusOK, resp)
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

func (h *handler) stream(ctx context.Context, w http.ResponseWriter, j *job, choices []*choice, events <-chan tagged) {
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
	chunk := func(c *choice, text *string, reason *string) responseJSON {
		cj := choiceJSON{Index: c.index, FinishReason: reason, Logprobs: j.pendingLogprobs(c)}
		if j.chat {
			cj.Delta = &messageJSON{Content: text}
		} else {
			if text == nil {
				text = new(string)
			}
			cj.Text = text
		}
		return responseJSON{ID: j.id, Object: object, Created: created, Model: j.model, Choices: []choiceJSON{cj}}
	}
	if j.chat {
		for _, c := range choices {
			first := chunk(c, new(string), nil)
			first.Choices[0].Delta.Role = "assistant"
			first.Choices[0].Logprobs = nil
			s.send(first)
		}
	}
	left := len(choices)
	for s.err == nil && left > 0 {
		var t tagged
		var ok bool
		select {
		case t, ok = <-events:
		case <-ctx.Done():
			return
		}
		ev := t.ev
		if !ok || t.closed {
			ev.Err = errNoFinal
		}
		if ev.Err != nil {
			status, typ, code, msg := classify(ev.Err)
			if status >= 500 {
				h.log.Warn("inference stream failed", "id", j.id, "err", ev.Err)
			}
			s.send(errorBody(typ, code, "", msg))
			return
		}
		c := choices[t.i]
		before := c.text.Len()
		j.add(c, &ev)
		text := c.text.String()[before:]
		if !ev.Done {
			// A token whose text is held back (part of a character) sends
			// its logprob with the next text.
			if text != "" {
				s.send(chunk(c, &text, nil))
			}
			continue
		}
		if text != "" {
			s.send(chunk(c, &text, nil))
		}
		extra := h.finish(j, c, &ev)
		reason := ev.FinishReason
		rest := c.pending()
		last := chunk(c, nil, &reason)
		if rest == 0 {
			last.Choices[0].Logprobs = nil
		}
		last.XProvenet = extra
		s.send(last)
		left--
	}
	if s.err != nil || left > 0 {
		return // a write failed: the client is gone (ctx cancel stops the rest)
	}
	if j.includeUsage {
		u := usageOf(j, choices)
		s.send(responseJSON{ID: j.id, Object: object, Created: created, Model: j.model,
			Choices: []choiceJSON{}, Usage: &u})
	}
	s.raw([]byte("[DONE]"))
}
