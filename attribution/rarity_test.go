package attribution

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/provenet/provenet/internal/realdata"
)

// share returns the weight, in parts per million, that ws give the
// records named in cids.
func share(ws []Record, cids ...string) uint64 {
	var s uint64
	for _, w := range ws {
		for _, c := range cids {
			if w.CID == c {
				s += w.Weight
			}
		}
	}
	return s
}

// formulaCorpus is 40 records of rare tokens (2..3000); 12 of them end
// with the same formula of common tokens (0..9, which every record also
// holds here and there).
func formulaCorpus(rng *rand.Rand) ([]IndexRecord, []int32) {
	formula := []int32{1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3}
	recs := make([]IndexRecord, 40)
	for i := range recs {
		var toks []int32
		for j := range 60 {
			if j%7 == 0 {
				toks = append(toks, int32(rng.IntN(10)))
			} else {
				toks = append(toks, int32(10+rng.IntN(3000)))
			}
		}
		if i < 12 {
			toks = append(toks, formula...)
		}
		recs[i] = IndexRecord{Ref: RecordRef{CID: fmt.Sprintf("r%03d", i)}, Tokens: toks}
	}
	return recs, formula
}

// TestWeighRareFormula is the startrek case on synthetic tokens: the
// answer quotes record 30 (10 tokens) and repeats a formula that 12
// records end with. Weigh gives the formula's 12 records most of the
// share; WeighRare drops the formula (12 holders > 8) and credits the
// quoted record alone, and with the drop turned off (maxHolders 64) still
// gives it the majority, because the formula's weight is divided among
// its holders and its tokens are common.
func TestWeighRareFormula(t *testing.T) {
	recs, formula := formulaCorpus(rand.New(rand.NewPCG(3, 4)))
	ix, err := NewIndex(recs)
	if err != nil {
		t.Fatal(err)
	}
	out := []int32{5000, 5001}
	out = append(out, recs[30].Tokens[20:30]...)
	out = append(out, 5002)
	out = append(out, formula...)
	out = append(out, 5003)
	ms := ix.Attribute(out, AttributeOptions{MinSpan: 8})
	if len(ms) != 2 {
		t.Fatalf("want the quote and the formula, got %+v", ms)
	}
	old := Weigh(ms, ix.Records(), MaxRecords)
	if s := share(old, "r030"); s > WeightScale/2 {
		t.Fatalf("Weigh gave the quoted record %d ppm: the test no longer shows the formula problem", s)
	}
	ws := WeighRare(ms, ix.Records(), MaxRecords, 0)
	if len(ws) != 1 || ws[0].CID != "r030" || ws[0].Weight != WeightScale {
		t.Fatalf("WeighRare: %+v", ws)
	}
	kept := WeighRare(ms, ix.Records(), MaxRecords, 64)
	if s := share(kept, "r030"); s < WeightScale*3/4 {
		t.Fatalf("WeighRare without the drop gave the quoted record %d ppm: %+v", s, kept)
	}
	var sum uint64
	for _, w := range kept {
		sum += w.Weight
	}
	if sum != WeightScale || len(kept) != 13 {
		t.Fatalf("weights sum %d over %d records", sum, len(kept))
	}
}

// TestWeighRareInformation: two spans of the same length, each held by
// one record, one of common tokens and one of rare ones: the rare one
// weighs more under WeighRare (Weigh gives them the same).
func TestWeighRareInformation(t *testing.T) {
	var recs []IndexRecord
	common := []int32{1, 2, 1, 2, 3, 1, 2, 3, 3, 1}
	rare := []int32{101, 102, 103, 104, 105, 106, 107, 108, 109, 110}
	recs = append(recs, IndexRecord{Ref: RecordRef{CID: "common"}, Tokens: common})
	recs = append(recs, IndexRecord{Ref: RecordRef{CID: "rare"}, Tokens: rare})
	for i := range 20 { // filler that makes 1, 2, 3 common
		recs = append(recs, IndexRecord{Ref: RecordRef{CID: fmt.Sprintf("f%02d", i)}, Tokens: []int32{1, 3, 2, int32(200 + i), 2, 1}})
	}
	ix, err := NewIndex(recs)
	if err != nil {
		t.Fatal(err)
	}
	out := append(append(append([]int32(nil), common...), 999), rare...)
	ms := ix.Attribute(out, AttributeOptions{MinSpan: 8})
	if len(ms) != 2 || ms[0].Surprisal >= ms[1].Surprisal {
		t.Fatalf("matches %+v", ms)
	}
	if old := Weigh(ms, ix.Records(), MaxRecords); len(old) != 2 || old[0].Weight != old[1].Weight {
		t.Fatalf("Weigh: %+v", old)
	}
	ws := WeighRare(ms, ix.Records(), MaxRecords, 0)
	if len(ws) != 2 || share(ws, "rare") <= 2*share(ws, "common") {
		t.Fatalf("WeighRare: %+v", ws)
	}
}

// TestWeighRareStartrek is the case the issue reports, on real text:
// Debian's startrek fortunes as byte tokens. The answer is a line of one
// quote, then an invented line signed with the formula `.\n\t\t-- Kirk,
// "The ` that 16 records share. Weigh lets the formula's records take
// most of the share; WeighRare gives at least 90% to the quoted record.
func TestWeighRareStartrek(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(realdata.Path(t, realdata.Fortunes), "startrek"))
	if err != nil {
		t.Fatal(err)
	}
	var recs []IndexRecord
	quoted := ""
	for i, f := range strings.Split(string(b), "\n%\n") {
		cid := fmt.Sprintf("q%03d", i)
		if strings.HasPrefix(f, "A star captain's most solemn oath") {
			quoted = cid
		}
		recs = append(recs, IndexRecord{Ref: RecordRef{CID: cid}, Tokens: byteTokens(f)})
	}
	if quoted == "" {
		t.Fatal("the quoted fortune is not in the file")
	}
	ix, err := NewIndex(recs)
	if err != nil {
		t.Fatal(err)
	}
	answer := "A star captain's most solemn oath is that he will give his life.\n" +
		"Zebra logic requires a quantum of wombatz.\n\t\t-- Kirk, \"The Quiet Weasel\", stardate 9999.9"
	ms := ix.Attribute(byteTokens(answer), AttributeOptions{MinSpan: 16})
	formula := 0
	for _, m := range ms {
		if m.holders() > DefaultMaxHolders {
			formula++
		}
	}
	if formula == 0 {
		t.Fatalf("no formula span among %+v", ms)
	}
	old := Weigh(ms, ix.Records(), MaxRecords)
	ws := WeighRare(ms, ix.Records(), MaxRecords, 0)
	t.Logf("quoted record's share: Weigh %d ppm over %d records, WeighRare %d ppm over %d records",
		share(old, quoted), len(old), share(ws, quoted), len(ws))
	if share(old, quoted) > WeightScale/2 {
		t.Errorf("Weigh already gives the quoted record the majority: the case no longer shows the problem")
	}
	if s := share(ws, quoted); s < WeightScale*9/10 {
		t.Errorf("WeighRare gave the quoted record %d ppm, want >= 90%%: %+v", s, ws)
	}
}

func byteTokens(s string) []int32 {
	out := make([]int32, len(s))
	for i := range len(s) {
		out[i] = int32(s[i])
	}
	return out
}

// TestWeighRareDeterministic: the same matches in any order give the
// same records and weights.
func TestWeighRareDeterministic(t *testing.T) {
	recs, formula := formulaCorpus(rand.New(rand.NewPCG(5, 6)))
	ix, _ := NewIndex(recs)
	out := append(append(append([]int32(nil), recs[3].Tokens[5:20]...), 7777), formula...)
	out = append(append(out, 7778), recs[33].Tokens[30:42]...)
	ms := ix.Attribute(out, AttributeOptions{MinSpan: 8})
	want := fmt.Sprint(WeighRare(ms, ix.Records(), MaxRecords, 64))
	for i := range 5 {
		rand.New(rand.NewPCG(uint64(i), 9)).Shuffle(len(ms), func(a, b int) { ms[a], ms[b] = ms[b], ms[a] })
		if got := fmt.Sprint(WeighRare(ms, ix.Records(), MaxRecords, 64)); got != want {
			t.Fatalf("order changed the weights:\n%s\n%s", got, want)
		}
	}
}
