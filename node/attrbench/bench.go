package attrbench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/provenet/provenet/internal/clock"

	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/gpu/model"
	"github.com/provenet/provenet/gpu/tokenizer"
	"github.com/provenet/provenet/gpu/train"
	"github.com/provenet/provenet/internal/realdata"
)

// ErrOptions reports options out of range.
var ErrOptions = errors.New("attrbench: bad options")

// Options size the benchmark.
type Options struct {
	// Seed draws the records, the invented facts and the trainer's order.
	Seed uint64
	// Records is the number of training records per adapter (disjoint).
	Records int
	// Steps is the fine-tune's optimiser steps per adapter.
	Steps int
	// Answers is the number of answers per adapter (disjoint) and the
	// number of questions (RAG).
	Answers int
	// Facts is the number of planted facts (0 leaves the case out); as
	// many real fortunes are mixed in.
	Facts int
	// FactSteps is the planted facts fine-tune's steps.
	FactSteps int
	// Threads for the trainer and the model (0: GOMAXPROCS).
	Threads int
	// Log receives progress lines (nil: none).
	Log io.Writer
}

// wall is the benchmark's clock: it measures real elapsed time.
var wall = clock.Real()

// DefaultOptions is a run of a few minutes on two cores.
func DefaultOptions() Options {
	return Options{Seed: 1, Records: 120, Steps: 40, Answers: 12, Facts: 16, FactSteps: 60}
}

func (o Options) validate() error {
	if o.Records < 8 || o.Steps < 1 || o.Answers < 1 || o.Facts < 0 || (o.Facts > 0 && o.FactSteps < 1) || o.Threads < 0 {
		return fmt.Errorf("%w: records %d (>= 8), steps %d, answers %d, facts %d, fact steps %d, threads %d",
			ErrOptions, o.Records, o.Steps, o.Answers, o.Facts, o.FactSteps, o.Threads)
	}
	return nil
}

// Row is one method on one case.
type Row struct {
	Case, Method string
	// Answers scored (correct answers, for planted facts).
	Answers int
	// Precision, Recall and Share are means over the answers, in [0, 1].
	Precision, Recall, Share float64
	// Target is the target for the case, as text.
	Target string
}

// Result is a run.
type Result struct {
	Rows  []Row
	Notes []string
	Wall  time.Duration
}

// bench holds what the cases share.
type bench struct {
	o    Options
	w    *model.Weights
	tok  *tokenizer.Tokenizer
	fort string
	res  *Result
}

func (b *bench) logf(format string, args ...any) {
	if b.o.Log != nil {
		fmt.Fprintf(b.o.Log, format+"\n", args...)
	}
}

// Run runs every case.
func Run(ctx context.Context, o Options) (*Result, error) {
	if err := o.validate(); err != nil {
		return nil, err
	}
	start := wall.Now()
	fort, err := realdata.Find(realdata.Fortunes)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "provenet-attrbench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := train.WriteBaseModel(dir); err != nil {
		return nil, err
	}
	w, err := model.LoadHF(dir)
	if err != nil {
		return nil, err
	}
	tok, err := tokenizer.FromHF(dir)
	if err != nil {
		return nil, err
	}
	b := &bench{o: o, w: w, tok: tok, fort: fort, res: &Result{}}
	if err := b.disjoint(ctx); err != nil {
		return nil, fmt.Errorf("disjoint adapters: %w", err)
	}
	if err := b.rag(); err != nil {
		return nil, fmt.Errorf("rag: %w", err)
	}
	if o.Facts > 0 {
		if err := b.facts(ctx); err != nil {
			return nil, fmt.Errorf("planted facts: %w", err)
		}
	}
	b.res.Wall = time.Since(start)
	return b.res, nil
}

// topic returns the fortunes of one file, their IDs as at the Debian path
// (so that a run does not depend on where the data is), shuffled by seed.
func (b *bench) topic(name string) ([]train.Document, error) {
	docs, err := train.LoadCorpus([]string{filepath.Join(b.fort, name)}, 0)
	if err != nil {
		return nil, err
	}
	for i := range docs {
		docs[i].ID = realdata.Fortunes + strings.TrimPrefix(docs[i].ID, b.fort)
	}
	rand.New(rand.NewPCG(b.o.Seed, uint64(len(name)))).Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
	return docs, nil
}

// finetune trains a LoRA adapter on docs (all of them: the bench's held
// out answers come from elsewhere).
func (b *bench) finetune(ctx context.Context, name string, docs []train.Document, lr float64, steps int) (*model.Adapter, error) {
	seqs, err := train.PackStream(b.tok, docs, 128, b.tok.BOS(), b.tok.EOS(), b.tok.EOS())
	if err != nil {
		return nil, err
	}
	o := train.DefaultOptim()
	o.LR, o.Warmup = lr, min(5, steps/4)
	t0 := wall.Now()
	res, err := train.Run(ctx, train.Job{Mode: train.LoRA, Base: b.w, Rank: 8, Alpha: 16,
		Targets: []model.Module{model.Q, model.K, model.V, model.O, model.Gate, model.Up, model.Down}, Name: name,
		Train: seqs, HeldOut: seqs[:1], EvalSequences: 1, Batch: 8, Steps: steps, Optim: o, Seed: b.o.Seed, Threads: b.o.Threads}, nil)
	if err != nil {
		return nil, err
	}
	b.logf("fine-tuned %s: %d records, %d sequences, %d steps, loss %.3f -> %.3f in %v", name, len(docs), len(seqs), steps,
		res.Losses[0], res.Losses[len(res.Losses)-1], time.Since(t0).Round(time.Millisecond))
	return res.Adapter, nil
}

// corpus is the records a node would index: their refs and tokens.
type corpus struct {
	recs []attribution.IndexRecord
	ix   *attribution.Index
	byID map[string]attribution.RecordRef
}

func (b *bench) index(docs ...[]train.Document) (*corpus, error) {
	c := &corpus{byID: map[string]attribution.RecordRef{}}
	for _, set := range docs {
		for _, d := range set {
			if _, ok := c.byID[d.ID]; ok {
				continue
			}
			ref := attribution.RecordRef{CID: d.ID, Datanet: "bench"}
			c.byID[d.ID] = ref
			c.recs = append(c.recs, attribution.IndexRecord{Ref: ref, Tokens: b.tok.Encode(d.Text, false, false)})
		}
	}
	ix, err := attribution.NewIndex(c.recs)
	c.ix = ix
	return c, err
}

func (c *corpus) refs(docs []train.Document) []attribution.RecordRef {
	out := make([]attribution.RecordRef, 0, len(docs))
	for _, d := range docs {
		out = append(out, c.byID[d.ID])
	}
	return out
}

// method is one way of crediting an answer.
type method struct {
	name string
	// spans weighs the answer's matches.
	spans func(ms []attribution.Match, n int) []attribution.Record
	// evidence: cited and training records share their half by span
	// evidence when the answer names some of them (else by count, equally).
	evidence bool
	// spansOnly leaves citations and training records out: the span part
	// of the credit alone.
	spansOnly bool
}

var methods = []method{
	{name: "before (Weigh; by retrieval, flat training)", spans: func(ms []attribution.Match, n int) []attribution.Record {
		return attribution.Weigh(ms, n, attribution.MaxRecords)
	}},
	{name: "now (WeighRare; by evidence)", spans: func(ms []attribution.Match, n int) []attribution.Record {
		return attribution.WeighRare(ms, n, attribution.MaxRecords, 0)
	}, evidence: true},
}

// spanMethods are the span part alone, before and now.
var spanMethods = []method{
	{name: "spans alone, before (Weigh)", spans: methods[0].spans, spansOnly: true},
	{name: "spans alone, now (WeighRare)", spans: methods[1].spans, spansOnly: true},
}

// answer is what a receipt's credit is computed from.
type answer struct {
	output   []int32
	cited    []attribution.RecordRef // retrieved into the prompt, count 1 each
	effects  []int64                 // ablation effects of cited, when measured
	training []attribution.RecordRef // records that trained the serving adapter
	truth    map[string]bool         // ground-truth record CIDs
}

// credit computes the receipt records as the node does (attrService.build:
// spans, then citations, then training records), with method m; ablation
// uses the measured effects for the citations.
func credit(c *corpus, a answer, m method, ablation bool) []attribution.Record {
	recs := m.spans(c.ix.Attribute(a.output, attribution.DefaultAttributeOptions()), c.ix.Records())
	if m.spansOnly {
		return recs
	}
	blend := func(recs []attribution.Record, refs []attribution.RecordRef, how uint8) []attribution.Record {
		if len(refs) == 0 {
			return recs
		}
		var parts []uint64
		var ok bool
		if ablation && len(a.effects) == len(refs) {
			parts, ok = attribution.EffectParts(a.effects)
		}
		if !ok && m.evidence {
			parts, ok = attribution.EvidenceParts(recs, refs)
		}
		if !ok {
			parts = make([]uint64, len(refs))
			for i := range parts {
				parts[i] = 1
			}
		}
		return attribution.Blend(recs, refs, parts, how)
	}
	recs = blend(recs, a.cited, attribution.MethodCitation)
	a.effects = nil // the training records have no ablation
	return blend(recs, a.training, attribution.MethodTraining)
}

// score is one answer's precision, recall and share.
func score(recs []attribution.Record, truth map[string]bool) (p, r, s float64) {
	credited, hit := 0, 0
	var w uint64
	for _, rec := range recs {
		if rec.Weight == 0 {
			continue
		}
		credited++
		if truth[rec.CID] {
			hit++
			w += rec.Weight
		}
	}
	if credited > 0 {
		p = float64(hit) / float64(credited)
	}
	if len(truth) > 0 {
		r = float64(hit) / float64(len(truth))
	}
	return p, r, float64(w) / attribution.WeightScale
}

// rows scores answers under every method and appends the rows.
func (b *bench) rows(caseName, target string, c *corpus, as []answer, ablation bool, extra ...method) {
	ms := slices.Concat(methods, extra)
	if ablation {
		ms = append(ms, method{name: "now, citations by ablation", spans: methods[1].spans, evidence: true})
	}
	for i, m := range ms {
		row := Row{Case: caseName, Method: m.name, Answers: len(as), Target: target}
		for _, a := range as {
			p, r, s := score(credit(c, a, m, ablation && i == len(ms)-1), a.truth)
			row.Precision += p
			row.Recall += r
			row.Share += s
		}
		if len(as) > 0 {
			n := float64(len(as))
			row.Precision, row.Recall, row.Share = row.Precision/n, row.Recall/n, row.Share/n
		}
		b.res.Rows = append(b.res.Rows, row)
	}
}

// WriteTable prints the rows.
func (r *Result) WriteTable(w io.Writer) {
	fmt.Fprintf(w, "%-20s %-44s %7s %9s %7s %7s  %s\n", "case", "method", "answers", "precision", "recall", "share", "target")
	for _, x := range r.Rows {
		fmt.Fprintf(w, "%-20s %-44s %7d %9.3f %7.3f %6.1f%%  %s\n", x.Case, x.Method, x.Answers, x.Precision, x.Recall, 100*x.Share, x.Target)
	}
	for _, n := range r.Notes {
		fmt.Fprintln(w, "note:", n)
	}
	fmt.Fprintf(w, "wall: %v\n", r.Wall.Round(time.Second))
}
