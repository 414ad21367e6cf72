package attribution

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	got := Tokenize("Héllo, WORLD! a 42 x9 Straße naïve — 東京 ÉCOLE")
	want := []string{"héllo", "world", "42", "x9", "straße", "naïve", "東京", "école"}
	if !slices.Equal(got, want) {
		t.Fatalf("%q", got)
	}
}

// TestBM25HandComputed: N=3 documents of 6, 3 and 3 terms (avgdl 4).
// Query "cat sat": idf(cat) = ln(1 + 2.5/1.5) = 0.980829, idf(sat) =
// ln(1 + 1.5/2.5) = 0.470004.
// d1 (|D|=6): norm = 1.2*(0.25 + 0.75*6/4) = 1.65;
// score = (0.980829 + 0.470004) * 2.2 / 2.65 = 1.204465.
// d2 (|D|=3): norm = 1.2*(0.25 + 0.75*3/4) = 0.975;
// score = 0.470004 * 2.2 / 1.975 = 0.523548.
func TestBM25HandComputed(t *testing.T) {
	x := NewRAGIndex()
	for _, d := range [][2]string{
		{"d1", "the cat sat on the mat"},
		{"d2", "the dog sat"},
		{"d3", "cats and dogs"},
	} {
		if err := x.Add(d[0], d[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.Add("d1", "again"); !errors.Is(err, ErrDuplicate) {
		t.Fatal(err)
	}
	hits := x.Search("Cat, sat! sat", 10)
	if len(hits) != 2 || hits[0].CID != "d1" || hits[1].CID != "d2" {
		t.Fatalf("%+v", hits)
	}
	for i, want := range []float64{1.2044650343, 0.5235483465} {
		if math.Abs(hits[i].Score-want) > 1e-9 {
			t.Errorf("hit %d score %.10f, want %.10f", i, hits[i].Score, want)
		}
	}
	if hits[0].Snippet != "the cat sat on the mat" {
		t.Fatalf("snippet %q", hits[0].Snippet)
	}
	if len(x.Search("cat sat", 1)) != 1 || x.Search("zebra", 5) != nil && len(x.Search("zebra", 5)) != 0 {
		t.Fatal("k or no match")
	}
	// Tie on score: CID order.
	y := NewRAGIndex()
	y.Add("b", "alpha beta")
	y.Add("a", "alpha beta")
	if h := y.Search("alpha", 2); h[0].CID != "a" || h[0].Score != h[1].Score {
		t.Fatalf("%+v", h)
	}
	cs := CitationsFor(append(hits, hits[0]))
	if len(cs) != 2 || cs[0].CID != "d1" || cs[0].Count != 1 {
		t.Fatalf("%+v", cs)
	}
}

func TestSnippetWindow(t *testing.T) {
	words := make([]string, 200)
	for i := range words {
		words[i] = "filler"
	}
	words[150] = "needle"
	words[160] = "needle"
	x := NewRAGIndex()
	x.Add("doc", strings.Join(words, " "))
	x.Add("other", "unrelated text here")
	h := x.Search("needle", 1)
	sn := strings.Fields(h[0].Snippet)
	if len(sn) != SnippetWords || strings.Count(h[0].Snippet, "needle") != 2 || sn[0] != "filler" {
		t.Fatalf("%q", h[0].Snippet)
	}
}
