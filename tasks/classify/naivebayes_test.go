package classify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
)

// configs are the configurations the exactness tests run under.
func configs() map[string]Config {
	mnb := DefaultConfig()
	mnb.Complement, mnb.FitPrior, mnb.Binary, mnb.Alpha = false, true, false, 0.1
	words := DefaultConfig()
	words.CharNGramMin, words.CharNGramMax, words.WordBigrams = 0, 0, false
	return map[string]Config{"default": DefaultConfig(), "multinomial counts prior": mnb, "words": words}
}

func TestTrainOrderIndependent(t *testing.T) {
	examples := corpus(t)
	for name, cfg := range configs() {
		t.Run(name, func(t *testing.T) {
			a, b := mustNew(t, cfg), mustNew(t, cfg)
			if err := a.Train(examples); err != nil {
				t.Fatal(err)
			}
			if err := b.Train(shuffled(examples, 42)); err != nil {
				t.Fatal(err)
			}
			ma, mb := mustMarshal(t, a), mustMarshal(t, b)
			if !bytes.Equal(ma, mb) {
				t.Fatalf("shuffled training gave different models (%d and %d bytes)", len(ma), len(mb))
			}
			// Calibration sorts its examples, so it agrees too.
			ca, err := a.Calibrate(context.Background(), examples)
			if err != nil {
				t.Fatal(err)
			}
			cb, err := b.Calibrate(context.Background(), shuffled(examples, 7))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(ca, cb) || !bytes.Equal(mustMarshal(t, a), mustMarshal(t, b)) {
				t.Fatalf("calibration depends on order: %+v vs %+v", ca, cb)
			}
			t.Logf("%d examples, model %d bytes, %+v", len(examples), len(ma), a.Stats().PerLabel)
		})
	}
}

func TestAddEqualsTrain(t *testing.T) {
	examples := corpus(t)
	// The first part lacks one label, so that Add has to insert it.
	missing := examples[0].Label
	var first, rest []Example
	for i, ex := range examples {
		if i%3 != 0 && ex.Label != missing {
			first = append(first, ex)
		} else {
			rest = append(rest, ex)
		}
	}
	for name, cfg := range configs() {
		t.Run(name, func(t *testing.T) {
			full := mustNew(t, cfg)
			if err := full.Train(examples); err != nil {
				t.Fatal(err)
			}
			want := mustMarshal(t, full)

			inc := mustNew(t, cfg)
			if err := inc.Train(first); err != nil {
				t.Fatal(err)
			}
			for _, ex := range rest {
				if err := inc.Add(ex); err != nil {
					t.Fatal(err)
				}
			}
			if got := mustMarshal(t, inc); !bytes.Equal(got, want) {
				t.Fatalf("Train then Add differs from Train on the union (%d vs %d bytes)", len(got), len(want))
			}

			// From nothing, one Add at a time, in another order.
			adds := mustNew(t, cfg)
			for _, ex := range shuffled(examples, 3) {
				if err := adds.Add(ex); err != nil {
					t.Fatal(err)
				}
			}
			if got := mustMarshal(t, adds); !bytes.Equal(got, want) {
				t.Fatal("Add from an empty model differs from Train")
			}
		})
	}
}

func TestPredictBasics(t *testing.T) {
	ctx := context.Background()
	nb := mustNew(t, DefaultConfig())
	if _, err := nb.Predict(ctx, "anything"); !errors.Is(err, ErrUntrained) {
		t.Fatalf("untrained Predict: %v, want ErrUntrained", err)
	}
	if _, err := nb.Marshal(); !errors.Is(err, ErrUntrained) {
		t.Fatalf("untrained Marshal: %v, want ErrUntrained", err)
	}
	if len(nb.Labels()) != 0 {
		t.Fatal("untrained classifier has labels")
	}
	train := []Example{
		{Text: "the goalkeeper saved a penalty in the final minute of the match", Label: "sports"},
		{Text: "the striker scored twice and the team won the league", Label: "sports"},
		{Text: "a referee showed the red card after the foul", Label: "sports"},
		{Text: "the compiler reported a type error in the function", Label: "computers"},
		{Text: "the kernel panicked because a driver dereferenced a null pointer", Label: "computers"},
		{Text: "we rewrote the database query and the server got faster", Label: "computers"},
	}
	if err := nb.Train(train); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(nb.Labels(), ","); got != "computers,sports" {
		t.Fatalf("labels %s", got)
	}
	p, err := nb.Predict(ctx, "The GOALKEEPER and the striker: a penalty in the match!")
	if err != nil {
		t.Fatal(err)
	}
	if p.Label != "sports" || p.Unsure || p.Confidence <= 0.5 {
		t.Fatalf("got %+v, want a sure sports", p)
	}
	var sum float64
	for i, s := range p.Scores {
		sum += s.Probability
		if i > 0 && s.Probability > p.Scores[i-1].Probability {
			t.Fatalf("scores not sorted: %+v", p.Scores)
		}
	}
	if len(p.Scores) != 2 || p.Scores[0].Label != p.Label || math.Abs(sum-1) > 1e-12 {
		t.Fatalf("scores %+v", p.Scores)
	}
	p, err = nb.Predict(ctx, "the compiler found a null pointer in the driver")
	if err != nil || p.Label != "computers" {
		t.Fatalf("got %+v, %v, want computers", p, err)
	}

	// No feature known: the prior decides, and it is unsure.
	for _, text := range []string{"", "   ...!!!", "xqxq"} {
		p, err := nb.Predict(ctx, text)
		if err != nil || !p.Unsure || math.Abs(p.Confidence-0.5) > 1e-12 {
			t.Fatalf("Predict(%q) = %+v, %v; want unsure at 0.5", text, p, err)
		}
	}

	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := nb.Predict(cctx, "match"); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled Predict: %v", err)
	}

	// A threshold of 1 makes everything short of certainty unsure.
	cfg := DefaultConfig()
	cfg.Threshold = 1
	strict := mustNew(t, cfg)
	if err := strict.Train(train); err != nil {
		t.Fatal(err)
	}
	if p, _ := strict.Predict(ctx, "the striker scored"); !p.Unsure {
		t.Fatalf("threshold 1: %+v not unsure", p)
	}
}

func TestOneLabel(t *testing.T) {
	nb := mustNew(t, DefaultConfig())
	if err := nb.Train([]Example{{Text: "hello world", Label: "greeting"}}); err != nil {
		t.Fatal(err)
	}
	p, err := nb.Predict(context.Background(), "hello there")
	if err != nil || p.Label != "greeting" || p.Confidence != 1 || p.Unsure {
		t.Fatalf("got %+v, %v", p, err)
	}
	if _, err := nb.Calibrate(context.Background(), []Example{{Text: "hello world", Label: "greeting"}}); !errors.Is(err, ErrNoLabels) {
		t.Fatalf("Calibrate with one example per label: %v, want ErrNoLabels", err)
	}
}

func TestTrainErrors(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxLabels = 3
	nb := mustNew(t, cfg)
	good := []Example{{Text: "a b c", Label: "x"}, {Text: "d e f", Label: "y"}}
	if err := nb.Train(good); err != nil {
		t.Fatal(err)
	}
	before := mustMarshal(t, nb)
	for _, tc := range []struct {
		name     string
		examples []Example
		want     error
	}{
		{"none", nil, ErrNoLabels},
		{"empty label", []Example{{Text: "a", Label: "x"}, {Text: "b", Label: ""}}, ErrInvalidLabel},
		{"bad utf-8", []Example{{Text: "a", Label: "\xff"}}, ErrInvalidLabel},
		{"long label", []Example{{Text: "a", Label: strings.Repeat("l", MaxLabelBytes+1)}}, ErrInvalidLabel},
		{"too many", []Example{{Text: "a", Label: "1"}, {Text: "b", Label: "2"}, {Text: "c", Label: "3"}, {Text: "d", Label: "4"}}, ErrTooManyLabels},
	} {
		if err := nb.Train(tc.examples); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	if err := nb.Add(Example{Text: "x", Label: ""}); !errors.Is(err, ErrInvalidLabel) {
		t.Errorf("Add empty label: %v", err)
	}
	if err := nb.Add(Example{Text: "x", Label: "z"}); err != nil {
		t.Fatal(err)
	}
	if err := nb.Add(Example{Text: "x", Label: "w"}); !errors.Is(err, ErrTooManyLabels) {
		t.Errorf("Add a fourth label: %v, want ErrTooManyLabels", err)
	}
	// Failed calls changed nothing but the one good Add.
	want := mustNew(t, cfg)
	if err := want.Train(append(good, Example{Text: "x", Label: "z"})); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(mustMarshal(t, nb), mustMarshal(t, want)) || bytes.Equal(before, mustMarshal(t, want)) {
		t.Fatal("failed calls changed the model")
	}
	if err := nb.Add(Example{Text: "a b", Label: "x"}); err != nil {
		t.Fatal(err)
	}
	if _, err := nb.Calibrate(context.Background(), []Example{{Text: "a b c", Label: "x"}, {Text: "never seen", Label: "x"}}); !errors.Is(err, ErrNotInModel) {
		t.Errorf("Calibrate on untrained examples: %v, want ErrNotInModel", err)
	}
	if _, err := nb.Calibrate(context.Background(), []Example{{Text: "a b c", Label: "q"}}); !errors.Is(err, ErrNotInModel) {
		t.Errorf("Calibrate on an unknown label: %v, want ErrNotInModel", err)
	}
}

func TestConfigValidate(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatal(err)
	}
	for name, mut := range map[string]func(*Config){
		"bucket bits":  func(c *Config) { c.BucketBits = 30 },
		"ngram order":  func(c *Config) { c.CharNGramMin, c.CharNGramMax = 5, 3 },
		"ngram half":   func(c *Config) { c.CharNGramMin, c.CharNGramMax = 0, 3 },
		"ngram long":   func(c *Config) { c.CharNGramMax = MaxCharNGram + 1 },
		"alpha":        func(c *Config) { c.Alpha = 0 },
		"alpha nan":    func(c *Config) { c.Alpha = math.NaN() },
		"temperature":  func(c *Config) { c.Temperature = 0 },
		"exponent":     func(c *Config) { c.LengthExponent = -1 },
		"threshold":    func(c *Config) { c.Threshold = 1.5 },
		"text bytes":   func(c *Config) { c.MaxTextBytes = 0 },
		"labels":       func(c *Config) { c.MaxLabels = 0 },
		"labels limit": func(c *Config) { c.MaxLabels = MaxLabelsLimit + 1 },
	} {
		c := DefaultConfig()
		mut(&c)
		if _, err := NewNaiveBayes(c); !errors.Is(err, ErrInvalidConfig) {
			t.Errorf("%s: %v, want ErrInvalidConfig", name, err)
		}
	}
}

func TestFeatures(t *testing.T) {
	cfg := DefaultConfig()
	cfg.CharNGramMin, cfg.CharNGramMax = 0, 0
	f := newFeaturizer(cfg)
	var s scratch
	key := func(text string) string {
		return fmt.Sprint(f.extract(text, &s))
	}
	// Case, punctuation and apostrophes do not matter; word order does.
	if key("Don't PANIC!") != key("dont panic") {
		t.Error("case or apostrophes changed the features")
	}
	if key("dont panic") == key("panic dont") {
		t.Error("bigrams ignore word order")
	}
	if n := len(f.extract("one two three", &s)); n != 5 {
		t.Errorf("3 words gave %d features, want 3 words + 2 bigrams", n)
	}
	// A known bucket: 64-bit FNV-1a of "whello" folded to 18 bits (checked
	// with an independent implementation). A change here breaks every
	// stored model.
	if got := key("hello"); got != "[{76820 1}]" {
		t.Errorf("bucket of hello: %s", got)
	}
	// Unicode words are lower-cased and kept whole.
	if key("ÜBER Straße") != key("über straße") {
		t.Error("unicode lower-casing")
	}
	if n := len(f.extract("日本語のテキスト", &s)); n != 1 {
		t.Errorf("one unspaced Japanese run gave %d features", n)
	}
	// Text is cut at MaxTextBytes on a rune boundary.
	cfg.MaxTextBytes = 5
	short := newFeaturizer(cfg)
	if fmt.Sprint(short.extract("abcdéfgh", &s)) != fmt.Sprint(f.extract("abcd", &s)) {
		t.Error("truncation did not cut before the split rune")
	}
	// Character n-grams: "ab" padded is "<ab>": 3-grams "<ab", "ab>", one 4-gram.
	cfg = DefaultConfig()
	cfg.WordBigrams, cfg.CharNGramMin, cfg.CharNGramMax = false, 3, 5
	if n := len(newFeaturizer(cfg).extract("ab", &s)); n != 4 {
		t.Errorf("ab gave %d features, want 1 word + 3 n-grams", n)
	}
}

func TestSoftmaxStable(t *testing.T) {
	p := []float64{-1e6, -1e6 - 1, -2e6}
	softmax(p, 1)
	if math.Abs(p[0]-1/(1+math.Exp(-1))) > 1e-12 || p[2] != 0 || math.IsNaN(p[1]) {
		t.Fatalf("softmax %v", p)
	}
}

// TestConcurrent runs predictions while examples are added; run it with
// -race to check the locking.
func TestConcurrent(t *testing.T) {
	examples := synthetic(600, []string{"a", "b", "c"}, 9)
	nb := mustNew(t, DefaultConfig())
	if err := nb.Train(examples[:300]); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(examples); i += 4 {
				if _, err := nb.Predict(context.Background(), examples[i].Text); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	for _, ex := range examples[300:] {
		if err := nb.Add(ex); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
	if got := nb.Stats().Examples; got != 600 {
		t.Fatalf("%d examples", got)
	}
}

func TestSortBuckets(t *testing.T) {
	var s scratch
	for _, n := range []int{0, 1, 255, 256, 1000, 5000} {
		want := make([]uint32, n)
		for i := range want {
			want[i] = uint32(i*2654435761) & (1<<18 - 1)
		}
		s.buckets = append(s.buckets[:0], want...)
		s.sortBuckets(1<<18 - 1)
		slices.Sort(want)
		if !slices.Equal(s.buckets, want) {
			t.Fatalf("n=%d: radix sort differs", n)
		}
	}
}

// FuzzPredict checks that any text, valid UTF-8 or not, predicts without
// panicking, with probabilities that sum to 1, and the same way twice.
func FuzzPredict(f *testing.F) {
	nb := smallModel(f, DefaultConfig())
	for _, s := range []string{"", "red apples", "Don't\u2019 ÜBER straße 日本語", "\xff\xfe", strings.Repeat("a", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		a, err := nb.Predict(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		var sum float64
		for _, s := range a.Scores {
			sum += s.Probability
		}
		if math.Abs(sum-1) > 1e-9 || math.IsNaN(a.Confidence) {
			t.Fatalf("probabilities sum to %v: %+v", sum, a)
		}
		b, _ := nb.Predict(context.Background(), text)
		if a.Label != b.Label || a.Confidence != b.Confidence {
			t.Fatal("Predict is not deterministic")
		}
	})
}
