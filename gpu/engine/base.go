package engine

import (
	"context"
	"errors"
	"log/slog"
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/gpu/model"
	"github.com/provenet/provenet/gpu/tokenizer"
)

// base is one base model and its step loop.
type base struct {
	name, cid string
	dev       model.Device
	tok       *tokenizer.Tokenizer
	cfg       Config
	log       *slog.Logger
	sink      gpu.UsageSink
	metrics   Metrics
	gauges    *gauges

	incoming chan *seq
	pending  atomic.Int64 // requests accepted but not yet running
	wake     chan struct{}

	// loop-owned state
	merge   mergeState
	prefix  prefixCounters
	fair    fairQueue
	running []*seq
	batch   model.Batch
	spans   []span
	json    jsonScratch

	stop chan struct{}
	done sync.WaitGroup
}

func (b *base) start() {
	b.done.Add(1)
	go b.loop()
}

func (b *base) loop() {
	defer b.done.Done()
	for {
		if len(b.running) == 0 && b.fair.len() == 0 {
			select {
			case s := <-b.incoming:
				b.fair.push(s)
			case <-b.stop:
				return
			}
		}
		b.drainIncoming()
		select {
		case <-b.stop:
			b.abortAll()
			return
		default:
		}
		b.admit()
		if len(b.running) == 0 {
			continue
		}
		b.step()
	}
}

func (b *base) drainIncoming() {
	for {
		select {
		case s := <-b.incoming:
			b.fair.push(s)
		default:
			return
		}
	}
}

// admit moves waiting sequences into the batch while there is room in it
// and in the KV cache, taking adapters round-robin.
func (b *base) admit() {
	for len(b.running) < b.cfg.MaxBatch {
		s := b.fair.peek()
		if s == nil {
			return
		}
		if s.ctx.Err() != nil {
			b.fair.pop()
			b.pending.Add(-1)
			b.gauges.queue(-1)
			b.finish(s, "cancelled")
			continue
		}
		hit := b.lookupPrefix(s)
		table, err := b.dev.Blocks().Reserve(hit, len(s.prompt)+s.max)
		if err != nil {
			b.dev.Blocks().Release(hit)
		}
		if errors.Is(err, model.ErrCacheFull) {
			return // wait for running sequences to free blocks
		}
		b.fair.pop()
		b.pending.Add(-1)
		b.gauges.queue(-1)
		if err != nil {
			s.send(gpu.Event{Token: -1, Done: true, FinishReason: "error", Err: err})
			s.releaseAdapters()
			close(s.events)
			continue
		}
		s.table = table
		if b.cfg.PrefixCache {
			b.prefix.lookups.Add(1)
			b.prefix.prompt.Add(int64(len(s.prompt)))
			if len(hit) > 0 {
				b.prefix.hits.Add(1)
				b.prefix.reused.Add(int64(len(hit) * model.BlockTokens))
			}
		}
		s.fed = len(hit) * model.BlockTokens
		s.published = len(hit)
		s.usage.Started = now()
		b.running = append(b.running, s)
		b.gauges.run(1)
	}
}

// span is one sequence's rows in a step: prompt positions from..from+n-1
// (or one decode row), with rows logits rows of its own.
type span struct {
	s          *seq
	from, n    int
	rows       int
	prefill    bool
	promptDone bool // the prompt's last position is in this step
}

// step runs one forward step over every running sequence.
func (b *base) step() {
	slices.SortStableFunc(b.running, func(x, y *seq) int { return compareKeys(x.key, y.key) })
	b.batch.Reset()
	budget := b.cfg.PrefillChunk
	spans := b.spans[:0]
	for _, s := range b.running {
		if s.ctx.Err() != nil {
			continue
		}
		if s.fed < len(s.prompt) {
			if budget == 0 {
				continue
			}
			n := min(len(s.prompt)-s.fed, budget)
			budget -= n
			sp := span{s: s, from: s.fed, n: n, prefill: true, promptDone: s.fed+n == len(s.prompt)}
			for i := 0; i < n; i++ {
				last := s.fed+i == len(s.prompt)-1
				logits := last || s.scorePrompt
				if logits {
					sp.rows++
				}
				b.batch.Add(s.prompt[s.fed+i], int32(s.fed+i), s.table, s.adapters, logits)
			}
			s.fed += n
			spans = append(spans, sp)
			continue
		}
		b.batch.Add(s.out[len(s.out)-1], int32(s.pos()-1), s.table, s.adapters, true)
		spans = append(spans, span{s: s, rows: 1})
	}
	b.spans = spans
	baked := false
	if b.batch.Rows() > 0 {
		var dev model.Device
		dev, baked = b.pick()
		if baked {
			for i := range b.batch.Adapters {
				b.batch.Adapters[i] = nil
			}
		}
		if err := dev.Step(&b.batch); err != nil {
			b.log.Error("forward step failed", "err", err)
			for _, s := range b.running {
				s.usage.FinishReason = "error"
				b.finishErr(s, err)
			}
			b.gauges.run(-len(b.running))
			b.running = b.running[:0]
			return
		}
	}
	vocab := b.dev.Config().Vocab
	if b.cfg.PrefixCache {
		for _, sp := range spans {
			if sp.prefill {
				sp.s.noPublish = sp.s.noPublish || baked
				b.publish(sp.s)
			}
		}
	}
	row := 0
	for _, sp := range spans {
		logits := b.batch.Logits[row*vocab : (row+sp.rows)*vocab]
		row += sp.rows
		s := sp.s
		if !sp.prefill {
			b.emit(s, logits)
			continue
		}
		if s.scorePrompt {
			for i := 0; i < sp.n; i++ {
				if p := sp.from + i; p+1 < len(s.prompt) {
					l := newLogSoftmax(logits[i*vocab : (i+1)*vocab])
					s.promptLP = append(s.promptLP, b.tokenLogprob(l, s.prompt[p+1], s.req.TopLogprobs))
				}
			}
		}
		if !sp.promptDone {
			continue
		}
		if s.req.Echo {
			b.echo(s)
		}
		if s.req.PromptOnly {
			s.usage.FinishReason = "length"
			continue
		}
		b.emit(s, logits[(sp.rows-1)*vocab:])
	}
	kept := b.running[:0]
	for _, s := range b.running {
		switch {
		case s.ctx.Err() != nil:
			b.finish(s, "cancelled")
		case s.usage.FinishReason != "":
			b.finish(s, s.usage.FinishReason)
		default:
			kept = append(kept, s)
		}
	}
	b.gauges.run(len(kept) - len(b.running))
	clear(b.running[len(kept):])
	b.running = kept
}

// echo sends s's prompt tokens before its first generated token, with
// their logprobs when scored (NaN otherwise, and always for the first).
func (b *base) echo(s *seq) {
	ev := gpu.Event{Token: -1, Prompt: make([]gpu.TokenLogprob, len(s.prompt)), PromptText: b.tok.Decode(s.prompt)}
	for i, id := range s.prompt {
		if i > 0 && s.scorePrompt {
			ev.Prompt[i] = s.promptLP[i-1]
		} else {
			ev.Prompt[i] = gpu.TokenLogprob{Token: id, Bytes: b.tok.TokenPiece(id), Logprob: float32(math.NaN())}
		}
	}
	s.promptLP = nil
	s.send(ev)
}

// emit samples s's next token from logits and streams its text.
func (b *base) emit(s *seq, logits []float32) {
	sampleFrom := logits
	if s.json != nil {
		sampleFrom = b.constrainJSON(s.json, logits)
	}
	id := s.sampler.Sample(sampleFrom)
	if s.json != nil && !b.tok.IsEOG(id) {
		s.json.Feed(b.piece(id))
	}
	t := now()
	if len(s.out) == 0 {
		s.usage.FirstToken = t
		b.metrics.FirstToken(t.Sub(s.usage.Queued))
	} else {
		b.metrics.OutputToken(t.Sub(s.lastTok))
	}
	s.lastTok = t
	s.out = append(s.out, id)
	if b.tok.IsEOG(id) {
		s.usage.FinishReason = "stop"
		return
	}
	text, stopped := s.stop.Feed(s.dec.Next(id))
	s.text = append(s.text, text...)
	if text != "" || !stopped {
		ev := gpu.Event{Text: text, Token: id}
		if s.req.Logprobs {
			lp := b.tokenLogprob(newLogSoftmax(logits), id, s.req.TopLogprobs)
			ev.Logprob = &lp
		}
		s.send(ev)
	}
	switch {
	case stopped:
		s.usage.FinishReason = "stop"
	case len(s.out) >= s.max || s.pos() >= b.dev.Config().MaxSeq:
		s.usage.FinishReason = "length"
	}
}

// finish ends s: it frees its cache blocks and adapter pins, sends the
// final event and records usage.
func (b *base) finish(s *seq, reason string) {
	if reason == "length" || reason == "cancelled" {
		if !s.stop.Stopped() {
			rest, _ := s.stop.Feed(s.dec.Flush())
			rest += s.stop.Flush()
			if rest != "" && reason != "cancelled" {
				s.text = append(s.text, rest...)
				s.send(gpu.Event{Text: rest, Token: -1})
			}
		}
	}
	if s.table != nil {
		b.dev.Blocks().Release(s.table)
		s.table = nil
	}
	s.releaseAdapters()
	u := &s.usage
	u.FinishReason = reason
	u.PromptTokens = len(s.prompt)
	u.OutputIDs = s.out
	if n := len(s.out); n > 0 && b.tok.IsEOG(s.out[n-1]) {
		u.OutputIDs = s.out[:n-1]
	}
	u.OutputTokens = len(u.OutputIDs)
	u.Text = string(s.text)
	u.Finished = now()
	if !u.Started.IsZero() {
		b.metrics.Tokens(u.PromptTokens, u.OutputTokens)
	}
	final := *u
	s.send(gpu.Event{Token: -1, Done: true, FinishReason: reason, Usage: &final})
	close(s.events)
	if b.sink != nil && reason != "cancelled" {
		b.sink.RecordUsage(final)
	}
}

func (b *base) finishErr(s *seq, err error) {
	if s.table != nil {
		b.dev.Blocks().Release(s.table)
		s.table = nil
	}
	s.releaseAdapters()
	s.send(gpu.Event{Token: -1, Done: true, FinishReason: "error", Err: err})
	close(s.events)
}

func (b *base) abortAll() {
	b.drainIncoming()
	for s := b.fair.pop(); s != nil; s = b.fair.pop() {
		b.gauges.queue(-1)
		b.finishErr(s, gpu.ErrStopped)
	}
	for _, s := range b.running {
		b.finishErr(s, gpu.ErrStopped)
	}
	b.gauges.run(-len(b.running))
	b.running = nil
}

// submit queues s, refusing at once when the queue is full.
func (b *base) submit(ctx context.Context, s *seq) error {
	if b.pending.Add(1) > int64(b.cfg.QueueDepth) {
		b.pending.Add(-1)
		return gpu.ErrQueueFull
	}
	b.gauges.queue(1) // before the loop can take it, so the sum never dips below zero
	select {
	case b.incoming <- s:
		return nil
	case <-b.stop:
		b.pending.Add(-1)
		b.gauges.queue(-1)
		return gpu.ErrStopped
	case <-ctx.Done():
		b.pending.Add(-1)
		b.gauges.queue(-1)
		return ctx.Err()
	}
}
