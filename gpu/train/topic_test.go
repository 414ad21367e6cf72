package train

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/gpu/model"
	"github.com/provenet/provenet/gpu/tokenizer"
)

// TestTopicFineTune: a LoRA fine-tune of the committed base on 200
// fortunes of one topic (science) lowers the held-out loss on that topic
// and leaves another topic's (food) about the same. It also counts greedy
// generations, prompted with the start of training records, that repeat
// a span of 8+ tokens of those records (span attribution's case). Real
// data: Debian's fortunes package (skipped without it).
func TestTopicFineTune(t *testing.T) {
	const fort = "/usr/share/games/fortunes"
	if _, err := os.Stat(filepath.Join(fort, "science")); err != nil {
		t.Skip("fortunes not installed (apt-get install fortunes)")
	}
	dir := filepath.Join("testdata", "factory-base")
	w, err := model.LoadHF(dir)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := tokenizer.FromHF(dir)
	if err != nil {
		t.Fatal(err)
	}
	science, err := LoadCorpus([]string{filepath.Join(fort, "science")}, 0)
	if err != nil {
		t.Fatal(err)
	}
	food, err := LoadCorpus([]string{filepath.Join(fort, "food")}, 0)
	if err != nil {
		t.Fatal(err)
	}
	trainDocs, held := Split(science, 20)
	if len(trainDocs) > 200 {
		trainDocs = trainDocs[:200]
	}
	if len(food) > 150 {
		food = food[:150]
	}
	pack := func(docs []Document) []Sequence {
		s, err := PackStream(tok, docs, 128, tok.BOS(), tok.EOS(), tok.EOS())
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	trSeqs, heldSeqs, foodSeqs := pack(trainDocs), pack(held), pack(food)
	eval := func(a *model.Adapter, s []Sequence) float64 {
		r, err := Evaluate(w, a, s, 8, 0)
		if err != nil {
			t.Fatal(err)
		}
		return r.Loss
	}
	sciBefore, foodBefore := eval(nil, heldSeqs), eval(nil, foodSeqs)
	o := DefaultOptim()
	o.LR, o.Warmup = 1e-3, 5
	res, err := Run(context.Background(), Job{Mode: LoRA, Base: w, Rank: 8, Alpha: 16,
		Targets: []model.Module{model.Q, model.K, model.V, model.O, model.Gate, model.Up, model.Down}, Name: "science",
		Train: trSeqs, HeldOut: heldSeqs, Batch: 8, Steps: 40, Optim: o, Seed: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	sciAfter, foodAfter := eval(res.Adapter, heldSeqs), eval(res.Adapter, foodSeqs)
	t.Logf("science held-out loss %.3f -> %.3f; food loss %.3f -> %.3f (%d training records, %d train sequences)",
		sciBefore, sciAfter, foodBefore, foodAfter, len(trainDocs), len(trSeqs))
	if !(sciAfter < sciBefore) {
		t.Errorf("fine-tune did not cut the topic's held-out loss: %.3f -> %.3f", sciBefore, sciAfter)
	}
	if foodAfter > foodBefore+0.5 {
		t.Errorf("the other topic got much worse: %.3f -> %.3f", foodBefore, foodAfter)
	}

	var recs []attribution.IndexRecord
	for _, d := range trainDocs {
		recs = append(recs, attribution.IndexRecord{Ref: attribution.RecordRef{CID: d.ID}, Tokens: tok.Encode(d.Text, false, false)})
	}
	ix, err := attribution.NewIndex(recs)
	if err != nil {
		t.Fatal(err)
	}
	opts := attribution.DefaultAttributeOptions()
	spans, prompts := 0, 0
	for i := 0; i < len(trainDocs) && prompts < 20; i++ {
		ids := tok.Encode(trainDocs[i].Text, false, false)
		if len(ids) < 24 {
			continue
		}
		prompts++
		out, err := Generate(w, res.Adapter, append([]int32{tok.BOS()}, ids[:6]...), 24, []int32{tok.EOS()})
		if err != nil {
			t.Fatal(err)
		}
		full := append(append([]int32(nil), ids[:6]...), out...)
		for _, m := range ix.Attribute(full, opts) {
			if m.End-m.Start >= 8 && m.End > 6 {
				spans++
				break
			}
		}
	}
	// Reported, not asserted: this base saw every fortune in pretraining,
	// and 40 gentle steps do not make the adapter recite (docs/STATUS.md).
	t.Logf("greedy generations repeating a span of >= 8 tokens of a training record: %d of %d prompts", spans, prompts)
}
