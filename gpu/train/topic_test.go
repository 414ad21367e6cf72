package train

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/gpu/model"
	"github.com/provenet/provenet/gpu/tokenizer"
	"github.com/provenet/provenet/internal/realdata"
)

// TestTopicFineTune fine-tunes the committed base with LoRA on 200
// fortunes of one topic the base never saw (scripts/pretrain-base.sh
// leaves science, food, startrek and zippy out) and measures, before and
// after, the held-out loss on that topic (10% of its fortunes, by hash)
// and on another unseen topic (food). It also counts greedy generations,
// prompted with the start of training records, that repeat a span of 8+
// tokens of a training record, found with span attribution: the case the
// attribution receipts credit. Real data: Debian's fortunes package
// (internal/realdata).
//
// startrek is asserted: its quotes share a style (attribution lines with
// episode titles and stardates) that 200 records teach. science is
// reported: its fortunes share a subject, not a style, and a 2.56M base
// learns little subject matter from 200 of them (docs/STATUS.md).
func TestTopicFineTune(t *testing.T) {
	fort := realdata.Path(t, realdata.Fortunes)
	dir := filepath.Join("testdata", "factory-base")
	w, err := model.LoadHF(dir)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := tokenizer.FromHF(dir)
	if err != nil {
		t.Fatal(err)
	}
	load := func(topic string) []Document {
		docs, err := LoadCorpus([]string{filepath.Join(fort, topic)}, 0)
		if err != nil {
			t.Fatal(err)
		}
		// IDs as at the Debian path, wherever the data is: Split hashes them.
		for i := range docs {
			docs[i].ID = realdata.Fortunes + strings.TrimPrefix(docs[i].ID, fort)
		}
		return docs
	}
	pack := func(docs []Document) []Sequence {
		s, err := PackStream(tok, docs, 128, tok.BOS(), tok.EOS(), tok.EOS())
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	eval := func(a *model.Adapter, s []Sequence) float64 {
		r, err := Evaluate(w, a, s, 8, 0)
		if err != nil {
			t.Fatal(err)
		}
		return r.Loss
	}
	food := load("food")
	if len(food) > 150 {
		food = food[:150]
	}
	foodSeqs := pack(food)
	foodBefore := eval(nil, foodSeqs)

	for _, tc := range []struct {
		topic  string
		assert bool
	}{{"startrek", true}, {"science", false}} {
		t.Run(tc.topic, func(t *testing.T) {
			trainDocs, held := Split(load(tc.topic), 10)
			if len(trainDocs) > 200 {
				trainDocs = trainDocs[:200]
			}
			trSeqs, heldSeqs := pack(trainDocs), pack(held)
			before := eval(nil, heldSeqs)
			o := DefaultOptim()
			o.LR, o.Warmup = topicLR, 5
			res, err := Run(context.Background(), Job{Mode: LoRA, Base: w, Rank: 8, Alpha: 16,
				Targets: []model.Module{model.Q, model.K, model.V, model.O, model.Gate, model.Up, model.Down}, Name: tc.topic,
				Train: trSeqs, HeldOut: heldSeqs, Batch: 8, Steps: topicSteps, Optim: o, Seed: 1}, nil)
			if err != nil {
				t.Fatal(err)
			}
			after, foodAfter := eval(res.Adapter, heldSeqs), eval(res.Adapter, foodSeqs)
			spans, prompts := repeatedSpans(t, w, tok, res.Adapter, trainDocs)
			t.Logf("%s: held-out loss %.3f -> %.3f (%+.3f); food %.3f -> %.3f (%+.3f); %d training records, %d held out; "+
				"greedy generations repeating an 8+ token span of a training record: %d of %d prompts",
				tc.topic, before, after, after-before, foodBefore, foodAfter, foodAfter-foodBefore, len(trainDocs), len(held), spans, prompts)
			if !tc.assert {
				return
			}
			if !(after < before-topicMinCut) {
				t.Errorf("fine-tune did not cut the topic's held-out loss by %.2f: %.3f -> %.3f", topicMinCut, before, after)
			}
			if d := foodAfter - foodBefore; d < -0.1 || d > topicMaxWorse {
				t.Errorf("the other topic moved too much: %.3f -> %.3f (%+.3f)", foodBefore, foodAfter, d)
			}
			if spans < topicMinSpans {
				t.Errorf("only %d of %d generations repeat a training span", spans, prompts)
			}
		})
	}
}

// The fine-tune's settings and what TestTopicFineTune asserts for a
// topic with a style of its own.
const (
	topicLR       = 1e-3
	topicSteps    = 40
	topicMinCut   = 0.3 // nats of held-out loss the topic must lose (measured: 0.62)
	topicMaxWorse = 0.2 // nats the other topic may gain (measured: +0.06)
	topicMinSpans = 3   // of 20 prompts (measured: 5)
)

// repeatedSpans prompts the adapter with the first 6 tokens of up to 20
// training records (of 24+ tokens) and counts the greedy continuations
// (24 tokens) in which span attribution finds a span of 8+ tokens of a
// training record within the generated tokens (the prompt not counted).
func repeatedSpans(t *testing.T, w *model.Weights, tok *tokenizer.Tokenizer, a *model.Adapter, docs []Document) (spans, prompts int) {
	var recs []attribution.IndexRecord
	for _, d := range docs {
		recs = append(recs, attribution.IndexRecord{Ref: attribution.RecordRef{CID: d.ID}, Tokens: tok.Encode(d.Text, false, false)})
	}
	ix, err := attribution.NewIndex(recs)
	if err != nil {
		t.Fatal(err)
	}
	opts := attribution.DefaultAttributeOptions()
	for i := 0; i < len(docs) && prompts < 20; i++ {
		ids := tok.Encode(docs[i].Text, false, false)
		if len(ids) < 24 {
			continue
		}
		prompts++
		out, err := Generate(w, a, append([]int32{tok.BOS()}, ids[:6]...), 24, []int32{tok.EOS()})
		if err != nil {
			t.Fatal(err)
		}
		full := append(append([]int32(nil), ids[:6]...), out...)
		for _, m := range ix.Attribute(full, opts) {
			if m.End-max(m.Start, 6) >= 8 {
				spans++
				break
			}
		}
	}
	return spans, prompts
}
