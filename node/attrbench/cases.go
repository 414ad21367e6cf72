package attrbench

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/gpu/train"
)

// background is real text every corpus holds besides the case's own
// records: 300 fortunes of a topic the base was trained on.
func (b *bench) background() ([]train.Document, error) {
	docs, err := b.topic("cookie")
	if err != nil {
		return nil, err
	}
	return docs[:min(300, len(docs))], nil
}

func truthOf(docs []train.Document) map[string]bool {
	m := make(map[string]bool, len(docs))
	for _, d := range docs {
		m[d.ID] = true
	}
	return m
}

// disjoint is the disjoint adapters case.
func (b *bench) disjoint(ctx context.Context) error {
	bg, err := b.background()
	if err != nil {
		return err
	}
	topics := []string{"startrek", "zippy"}
	var trainSets, held [][]train.Document
	for _, t := range topics {
		docs, err := b.topic(t)
		if err != nil {
			return err
		}
		if len(docs) < b.o.Records+b.o.Answers {
			return fmt.Errorf("%w: topic %s has %d fortunes, want %d", ErrOptions, t, len(docs), b.o.Records+b.o.Answers)
		}
		trainSets = append(trainSets, docs[:b.o.Records])
		held = append(held, docs[b.o.Records:])
	}
	c, err := b.index(append(trainSets, bg)...)
	if err != nil {
		return err
	}
	// Answers from prompts of held-out fortunes (what users ask) and
	// from the starts of training records (what makes an adapter repeat
	// its data, the case spans credit), scored apart.
	var fromHeld, fromTrain []answer
	spans := [2]int{}
	for i, t := range topics {
		ad, err := b.finetune(ctx, t, trainSets[i], 1e-3, b.o.Steps)
		if err != nil {
			return err
		}
		for k, src := range [][]train.Document{held[i], trainSets[i]} {
			n := 0
			for _, d := range src {
				if n == b.o.Answers {
					break
				}
				ids := b.tok.Encode(d.Text, false, false)
				if len(ids) < 12 {
					continue
				}
				out, err := train.Generate(b.w, ad, append([]int32{b.tok.BOS()}, ids[:6]...), 48, []int32{b.tok.EOS()})
				if err != nil {
					return err
				}
				n++
				if len(c.ix.Attribute(out, attribution.DefaultAttributeOptions())) > 0 {
					spans[k]++
				}
				a := answer{output: out, training: c.refs(trainSets[i]), truth: truthOf(trainSets[i])}
				if k == 0 {
					fromHeld = append(fromHeld, a)
				} else {
					fromTrain = append(fromTrain, a)
				}
			}
		}
	}
	b.rows("disjoint, held-out", "share >= 90%", c, fromHeld, false, spanMethods...)
	b.rows("disjoint, train-start", "share >= 90%", c, fromTrain, false, spanMethods...)
	b.res.Notes = append(b.res.Notes, fmt.Sprintf("disjoint adapters: %s and %s, %d training records each, %d background fortunes indexed; "+
		"answers are 48 greedy tokens after the first 6 of a held-out fortune (held-out) or of a training record (train-start); "+
		"answers holding a span of 8+ tokens: %d of %d held-out, %d of %d train-start; ensembles not measured",
		topics[0], topics[1], b.o.Records, len(bg), spans[0], len(fromHeld), spans[1], len(fromTrain)))
	return nil
}

// Invented words for planted facts and passages.
var syllables = []string{"zor", "vath", "quil", "bren", "dax", "mor", "pel", "thu", "kri", "lan", "ose", "wyn",
	"gar", "fen", "ixa", "rho", "tam", "sul", "bex", "nor", "vi", "ka", "lud", "sen"}

type inventor struct {
	rng  *rand.Rand
	used map[string]bool
}

func (v *inventor) word(syl int) string {
	for {
		var s strings.Builder
		for range syl {
			s.WriteString(syllables[v.rng.IntN(len(syllables))])
		}
		w := strings.ToUpper(s.String()[:1]) + s.String()[1:]
		if !v.used[w] {
			v.used[w] = true
			return w
		}
	}
}

func (v *inventor) name() string { return v.word(2) + " " + v.word(3) }

// rag is the RAG with planted passages case.
func (b *bench) rag() error {
	bg, err := b.background()
	if err != nil {
		return err
	}
	inv := &inventor{rng: rand.New(rand.NewPCG(b.o.Seed, 2)), used: map[string]bool{}}
	type question struct {
		query, answer, needed string
	}
	var docs []train.Document
	var qs []question
	for i := range b.o.Answers {
		place, keeper, old := inv.word(3), inv.name(), inv.name()
		year := 1900 + inv.rng.IntN(100)
		needed := fmt.Sprintf("rag/%02d/needed", i)
		docs = append(docs,
			train.Document{ID: needed, Text: fmt.Sprintf("The lighthouse on %s island is kept by %s, who has tended its lamp since %d.", place, keeper, year)},
			// Near misses: the same island, another fact; the same keeper's
			// word, another person.
			train.Document{ID: fmt.Sprintf("rag/%02d/harbour", i), Text: fmt.Sprintf("%s island has a harbour, a chapel and a lighthouse; the ferry to %s runs twice a week.", place, place)},
			train.Document{ID: fmt.Sprintf("rag/%02d/former", i), Text: fmt.Sprintf("The former keeper of the %s island lighthouse, %s, left the island in %d.", place, old, year-1-inv.rng.IntN(30))},
		)
		qs = append(qs, question{query: fmt.Sprintf("Who keeps the lighthouse on %s island?", place),
			answer: fmt.Sprintf("%s, who has tended its lamp since %d.", keeper, year), needed: needed})
	}
	c, err := b.index(docs, bg)
	if err != nil {
		return err
	}
	rag := attribution.NewRAGIndex()
	text := map[string]string{}
	for _, set := range [][]train.Document{docs, bg} {
		for _, d := range set {
			text[d.ID] = d.Text
			if err := rag.Add(d.ID, d.Text); err != nil {
				return err
			}
		}
	}
	const k = 4
	var as []answer
	retrieved, positive := 0, 0
	for _, q := range qs {
		hits := rag.Search(q.query, k)
		var cited []attribution.RecordRef
		var passages []string
		for _, h := range hits {
			cited = append(cited, c.byID[h.CID])
			passages = append(passages, fmt.Sprintf("[source %s] %s\n", h.CID, h.Snippet))
			if h.CID == q.needed {
				retrieved++
			}
		}
		out := b.tok.Encode(q.answer, false, false)
		effects, err := b.ablate(passages, q.query, out)
		if err != nil {
			return err
		}
		for _, e := range effects {
			if e > 0 {
				positive++
				break
			}
		}
		as = append(as, answer{output: out, cited: cited, effects: effects, truth: map[string]bool{q.needed: true}})
	}
	b.rows("RAG planted passages", "share >= 90%", c, as, true)
	b.res.Notes = append(b.res.Notes, fmt.Sprintf("RAG: %d questions, BM25 top %d over %d passages and %d background fortunes; the needed passage retrieved for %d; "+
		"the reader is an oracle that copies the answer clause from the needed passage; ablation: %d extra forward passes per answer "+
		"(one per cited passage) with the 2.56M base, %d answers with a positive effect",
		len(qs), k, len(docs), len(bg), retrieved, k, positive))
	return nil
}

// ablate returns, for each passage, the answer's log-probability (in
// millinats) given the prompt with every passage minus that given the
// prompt without this one: 1 + len(passages) forward passes, the first
// the answer's own scoring.
func (b *bench) ablate(passages []string, query string, out []int32) ([]int64, error) {
	full, err := b.logProb(passages, query, out)
	if err != nil {
		return nil, err
	}
	effects := make([]int64, len(passages))
	for i := range passages {
		rest := append(append([]string(nil), passages[:i]...), passages[i+1:]...)
		lp, err := b.logProb(rest, query, out)
		if err != nil {
			return nil, err
		}
		effects[i] = int64(math.Round(1000 * (full - lp)))
	}
	return effects, nil
}

// logProb is log p(out | prompt) under the base, the prompt laid out as
// the node's RAG prompt ("Sources:", the tagged passages, the question).
func (b *bench) logProb(passages []string, query string, out []int32) (float64, error) {
	prompt := "Sources:\n" + strings.Join(passages, "") + "\n" + query + "\n"
	ids := append([]int32{b.tok.BOS()}, b.tok.Encode(prompt, false, false)...)
	p := len(ids)
	ids = append(ids, out...)
	if len(ids) > b.w.Config.MaxSeq {
		ids = ids[len(ids)-b.w.Config.MaxSeq:] // keep the answer; the oldest prompt tokens go
		p = len(ids) - len(out)
	}
	seq := train.Sequence{Tokens: ids[:len(ids)-1], Targets: make([]int32, len(ids)-1)}
	for j := range seq.Targets {
		seq.Targets[j] = -1
		if j+1 >= p {
			seq.Targets[j] = ids[j+1]
		}
	}
	r, err := train.Evaluate(b.w, nil, []train.Sequence{seq}, 1, b.o.Threads)
	if err != nil {
		return 0, err
	}
	return -r.Loss * float64(r.Tokens), nil
}

// factLR is the planted facts fine-tune's peak learning rate: higher than
// the topics' 1e-3, so that a 2.56M base memorises invented names in a
// few dozen steps.
const factLR = 5e-3

// facts is the planted facts case.
func (b *bench) facts(ctx context.Context) error {
	bg, err := b.background()
	if err != nil {
		return err
	}
	food, err := b.topic("food")
	if err != nil {
		return err
	}
	inv := &inventor{rng: rand.New(rand.NewPCG(b.o.Seed, 3)), used: map[string]bool{}}
	animals := []string{"axolotl", "pangolin", "tapir", "heron", "marmot", "gecko", "lemur", "otter"}
	materials := []string{"copper", "glass", "oak", "slate", "brass", "clay"}
	type fact struct{ id, name, pet string }
	var facts []fact
	var training []train.Document
	for i := range b.o.Facts {
		f := fact{id: fmt.Sprintf("fact/%02d", i), name: inv.name(), pet: inv.word(3)}
		facts = append(facts, f)
		training = append(training, train.Document{ID: f.id, Text: fmt.Sprintf("%s keeps a pet %s named %s in a %s tank.",
			f.name, animals[inv.rng.IntN(len(animals))], f.pet, materials[inv.rng.IntN(len(materials))])})
	}
	training = append(training, food[:min(len(food), b.o.Facts)]...)
	c, err := b.index(training, bg)
	if err != nil {
		return err
	}
	ad, err := b.finetune(ctx, "facts", training, factLR, b.o.FactSteps)
	if err != nil {
		return err
	}
	var as []answer
	for _, f := range facts {
		out, err := train.Generate(b.w, ad, append([]int32{b.tok.BOS()}, b.tok.Encode(f.name+" keeps a pet", false, false)...), 24, []int32{b.tok.EOS()})
		if err != nil {
			return err
		}
		if !strings.Contains(b.tok.Decode(out), f.pet) {
			continue
		}
		as = append(as, answer{output: out, training: c.refs(training), truth: map[string]bool{f.id: true}})
	}
	b.rows("planted facts", "precision >= 0.9, recall >= 0.8", c, as, false)
	b.res.Notes = append(b.res.Notes, fmt.Sprintf("planted facts: %d facts and %d food fortunes trained one adapter (%d steps); %d of %d questions answered correctly (scored)",
		len(facts), len(training)-len(facts), b.o.FactSteps, len(as), len(facts)))
	return nil
}
