package classify

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/provenet/provenet/internal/realdata"
)

// fortuneTopics are the fortune files the tests classify: eight topics
// with 74 to 1,050 items each.
var fortuneTopics = []string{"computers", "food", "law", "love", "medicine", "politics", "science", "sports"}

// fortunes returns the fortune items of fortuneTopics (Debian's fortunes
// and fortunes-min at FortunesDir, found by internal/realdata: `make
// testdata` fetches them) split 80/20 into train and test by a hash of the
// text.
func fortunes(tb testing.TB) (train, test []Example) {
	tb.Helper()
	all, err := LoadFortunes(realdata.Path(tb, FortunesDir), fortuneTopics...)
	if err != nil {
		tb.Fatal(err)
	}
	for _, ex := range all {
		if inTestSplit(ex.Text) {
			test = append(test, ex)
		} else {
			train = append(train, ex)
		}
	}
	return train, test
}

func inTestSplit(text string) bool {
	h := fnv.New32a()
	h.Write([]byte(text))
	return h.Sum32()%5 == 0
}

// synthetic returns n generated examples over labels: each label draws most
// words from its own vocabulary and the rest from a shared one, with a
// Zipf-like skew, so that the labels are learnable but overlap.
func synthetic(n int, labels []string, seed uint64) []Example {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	shared := vocab("common", 400)
	own := make([][]string, len(labels))
	for i, l := range labels {
		own[i] = vocab(l, 300)
	}
	pick := func(words []string) string {
		// Squaring a uniform variate favours the first words.
		f := r.Float64()
		return words[int(f*f*float64(len(words)))]
	}
	out := make([]Example, n)
	for i := range out {
		li := r.IntN(len(labels))
		words := make([]string, 8+r.IntN(40))
		for j := range words {
			if r.IntN(3) == 0 {
				words[j] = pick(own[li])
			} else {
				words[j] = pick(shared)
			}
		}
		out[i] = Example{Text: strings.Join(words, " ") + ".", Label: labels[li]}
	}
	return out
}

func vocab(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%x", prefix[:min(3, len(prefix))], i*2654435761%99991)
	}
	return out
}

// corpus returns the fortunes training split, for tests and benchmarks
// that need realistic text but not the labels of a real source.
func corpus(tb testing.TB) []Example {
	tb.Helper()
	train, _ := fortunes(tb)
	return train
}

// shuffled returns a shuffled copy of examples.
func shuffled(examples []Example, seed uint64) []Example {
	out := append([]Example(nil), examples...)
	r := rand.New(rand.NewPCG(seed, 7))
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func mustNew(tb testing.TB, cfg Config) *NaiveBayes {
	tb.Helper()
	nb, err := NewNaiveBayes(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return nb
}

func mustMarshal(tb testing.TB, nb *NaiveBayes) []byte {
	tb.Helper()
	b, err := nb.Marshal()
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
