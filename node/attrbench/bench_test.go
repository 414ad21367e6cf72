package attrbench

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/provenet/provenet/attribution"
)

func TestScore(t *testing.T) {
	recs := []attribution.Record{{CID: "a", Weight: 600_000}, {CID: "b", Weight: 300_000}, {CID: "c", Weight: 100_000}, {CID: "d"}}
	p, r, s := score(recs, map[string]bool{"a": true, "c": true, "e": true, "d": true})
	if p != 2.0/3 || r != 2.0/4 || s != 0.7 {
		t.Fatalf("precision %v recall %v share %v", p, r, s)
	}
	if p, r, s := score(nil, map[string]bool{"a": true}); p != 0 || r != 0 || s != 0 {
		t.Fatal("an answer crediting nothing scores 0")
	}
}

// TestCreditMethods: on a corpus where 12 records share a formula and
// one holds the quoted passage, the method before credits the formula's
// records and the current one the quoted record; cited records follow
// the evidence now and the retrieval before.
func TestCreditMethods(t *testing.T) {
	var recs []attribution.IndexRecord
	formula := []int32{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	for i := range 12 {
		toks := append([]int32{int32(100 + i), int32(200 + i)}, formula...)
		recs = append(recs, attribution.IndexRecord{Ref: attribution.RecordRef{CID: "f" + string(rune('a'+i))}, Tokens: toks})
	}
	quote := []int32{300, 301, 302, 303, 304, 305, 306, 307, 308}
	recs = append(recs, attribution.IndexRecord{Ref: attribution.RecordRef{CID: "quoted"}, Tokens: quote})
	ix, err := attribution.NewIndex(recs)
	if err != nil {
		t.Fatal(err)
	}
	c := &corpus{recs: recs, ix: ix}
	out := append(append(append([]int32(nil), quote...), 999), formula...)
	a := answer{output: out, cited: []attribution.RecordRef{{CID: "quoted"}, {CID: "fa"}}, truth: map[string]bool{"quoted": true}}
	_, _, before := score(credit(c, a, methods[0], false), a.truth)
	_, _, now := score(credit(c, a, methods[1], false), a.truth)
	if before > 0.5 || now != 1 {
		t.Fatalf("share before %v, now %v", before, now)
	}
	a.effects = []int64{-3, 40}
	_, _, abl := score(credit(c, a, methods[1], true), a.truth)
	if abl != 0.5 {
		t.Fatalf("citations by ablation: the second passage's effect should take the citation half: share %v", abl)
	}
}

func TestOptions(t *testing.T) {
	o := DefaultOptions()
	o.Records = 2
	if _, err := Run(context.Background(), o); !errors.Is(err, ErrOptions) {
		t.Fatalf("records 2: %v", err)
	}
}

// TestRunSmall runs every case at a tiny size (a few seconds of
// training): the table has every row, values in range, and the RAG case's
// current method gives the needed passage more than the method before.
func TestRunSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("fine-tunes three adapters")
	}
	res, err := Run(context.Background(), Options{Seed: 3, Records: 8, Steps: 2, Answers: 2, Facts: 2, FactSteps: 2, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 13 {
		t.Fatalf("%d rows", len(res.Rows))
	}
	var share = map[string]float64{}
	for _, r := range res.Rows {
		if r.Precision < 0 || r.Precision > 1 || r.Recall < 0 || r.Recall > 1 || r.Share < 0 || r.Share > 1 {
			t.Fatalf("out of range: %+v", r)
		}
		share[r.Case+"/"+r.Method] = r.Share
	}
	if share["RAG planted passages/"+methods[1].name] <= share["RAG planted passages/"+methods[0].name] {
		t.Fatalf("RAG: %v", share)
	}
	var b strings.Builder
	res.WriteTable(&b)
	if !strings.Contains(b.String(), "planted facts") {
		t.Fatal(b.String())
	}
}
