package dedup

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func mustIndex(tb testing.TB) *Index {
	tb.Helper()
	ix, err := NewIndex(DefaultConfig())
	if err != nil {
		tb.Fatal(err)
	}
	return ix
}

func TestConfigValidate(t *testing.T) {
	for _, c := range []Config{
		{Shingle: 0, Hashes: 128, Bands: 16, Threshold: 0.9},
		{Shingle: 3, Hashes: 128, Bands: 15, Threshold: 0.9},
		{Shingle: 3, Hashes: 0, Bands: 1, Threshold: 0.9},
		{Shingle: 3, Hashes: 128, Bands: 16, Threshold: 0},
		{Shingle: 3, Hashes: 128, Bands: 16, Threshold: math.NaN()},
	} {
		if _, err := NewIndex(c); !errors.Is(err, ErrInvalid) {
			t.Errorf("NewIndex(%+v) = %v, want ErrInvalid", c, err)
		}
	}
}

// words returns n pseudo-random words.
func randomWords(r *rand.Rand, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("w%d", r.IntN(5000))
	}
	return out
}

func TestSimilarityEstimatesJaccard(t *testing.T) {
	ix := mustIndex(t)
	r := rand.New(rand.NewPCG(1, 1))
	base := randomWords(r, 2000)
	text := strings.Join(base, " ")
	if s := Similarity(ix.Sign(text), ix.Sign(strings.ToUpper(text)+" ,.")); s != 1 {
		t.Errorf("case and punctuation changed the signature: %v", s)
	}
	if s := Similarity(ix.Sign(text), ix.Sign(strings.Join(randomWords(r, 2000), " "))); s > 0.05 {
		t.Errorf("unrelated texts: similarity %v", s)
	}
	// Changing every 50th word changes about 3 in 50 shingles: Jaccard
	// (1-0.06)/(1+0.06), about 0.887.
	edited := append([]string(nil), base...)
	for i := 0; i < len(edited); i += 50 {
		edited[i] = "changed"
	}
	exact := jaccard(shingles(base, 3), shingles(edited, 3))
	est := Similarity(ix.Sign(text), ix.Sign(strings.Join(edited, " ")))
	if math.Abs(est-exact) > 0.08 {
		t.Errorf("estimate %.3f, exact Jaccard %.3f", est, exact)
	}
	if len(ix.Sign("  ,;  ")) != 0 || Similarity(ix.Sign(""), ix.Sign("")) != 0 {
		t.Error("a text without words has a signature or resembles another")
	}
	if Similarity(ix.Sign("two words"), ix.Sign("two words")) != 1 || Similarity(ix.Sign("two words"), ix.Sign("words two")) != 0 {
		t.Error("texts shorter than a shingle")
	}
	paras := []string{strings.Join(base[:700], " "), strings.Join(base[700:1400], " "), strings.Join(base[1400:], " "), "a short line"}
	if s := Similarity(ix.Sign(strings.Join(paras, "\n\n")), ix.Sign(paras[2]+"\n"+paras[3]+"\n"+paras[0]+"\n\n"+paras[1])); s != 1 {
		t.Errorf("reordered paragraphs: similarity %v, want 1", s)
	}
}

func shingles(ws []string, k int) map[string]bool {
	out := map[string]bool{}
	for i := 0; i+k <= len(ws); i++ {
		out[strings.Join(ws[i:i+k], " ")] = true
	}
	return out
}

func jaccard(a, b map[string]bool) float64 {
	inter := 0
	for s := range a {
		if b[s] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// TestEarliestIsTheEarlierRecord: a near-duplicate points at the earliest
// of the records it resembles, whatever order they were indexed in, and a
// record never points at itself or a later one.
func TestEarliestIsTheEarlierRecord(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	base := randomWords(r, 800)
	variant := func(seed uint64) string {
		rr := rand.New(rand.NewPCG(seed, seed))
		ws := append([]string(nil), base...)
		ws[rr.IntN(len(ws))] = "edit"
		return strings.Join(ws, " ")
	}
	keys := []Key{{10, "c"}, {5, "b"}, {5, "a"}, {20, "d"}}
	for _, order := range [][]int{{0, 1, 2, 3}, {3, 2, 1, 0}, {1, 3, 0, 2}} {
		ix := mustIndex(t)
		for _, i := range order {
			ix.Add(keys[i], ix.Sign(variant(uint64(i))))
		}
		other := ix.Sign(strings.Join(randomWords(r, 800), " "))
		ix.Add(Key{1, "unrelated"}, other)
		for i, k := range keys {
			m, ok := ix.Earliest(k, ix.Sign(variant(uint64(i))))
			switch {
			case k.ID == "a" && ok:
				t.Errorf("order %v: the first record matched %+v", order, m)
			case k.ID != "a" && (!ok || m.ID != "a"):
				t.Errorf("order %v: %s matched %+v %v, want a", order, k.ID, m, ok)
			}
		}
		if _, ok := ix.Earliest(Key{100, "x"}, other); !ok {
			t.Error("the unrelated record does not match itself under another key")
		}
		if ix.Add(keys[0], other) || ix.Len() != 5 {
			t.Errorf("re-adding an ID: len %d", ix.Len())
		}
	}
}

func TestCheck(t *testing.T) {
	ix := mustIndex(t)
	text := strings.Join(randomWords(rand.New(rand.NewPCG(4, 4)), 500), " ")
	if _, dup := ix.Check(Key{1, "first"}, text); dup {
		t.Fatal("the first record is redundant")
	}
	m, dup := ix.Check(Key{2, "second"}, text+" and one more sentence.")
	if !dup || m.ID != "first" || m.Similarity < 0.9 {
		t.Fatalf("second: %+v %v", m, dup)
	}
}

// TestRedundantWhateverTheIndexOrder: Redundant answers from what the
// index holds now, so a record indexed before the earlier record it
// duplicates is redundant once that record is indexed.
func TestRedundantWhateverTheIndexOrder(t *testing.T) {
	ix := mustIndex(t)
	text := strings.Join(randomWords(rand.New(rand.NewPCG(5, 5)), 400), " ")
	late, early := Key{20, "late"}, Key{10, "early"}
	ix.Add(late, ix.Sign(text+" with a small edit"))
	if _, ok := ix.Redundant("late"); ok || !ix.Has("late") || ix.Has("early") {
		t.Fatal("a lone record is redundant, or Has is wrong")
	}
	ix.Add(early, ix.Sign(text))
	if m, ok := ix.Redundant("late"); !ok || m.ID != "early" || m.Similarity < 0.9 {
		t.Fatalf("late: %+v %v, want early", m, ok)
	}
	if _, ok := ix.Redundant("early"); ok {
		t.Fatal("the earlier record is redundant")
	}
	if _, ok := ix.Redundant("absent"); ok {
		t.Fatal("a record not indexed is redundant")
	}
}
