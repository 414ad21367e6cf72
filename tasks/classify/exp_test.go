package classify

import (
	"context"
	"fmt"
	"hash/fnv"
	"os"
	"testing"
)

func TestExperiment(t *testing.T) {
	if os.Getenv("EXP") == "" {
		t.Skip()
	}
	sets := map[string][]string{
		"brief8": {"computers", "food", "law", "love", "medicine", "politics", "science", "sports"},
		"six":    {"computers", "politics", "science", "startrek", "food", "sports"},
	}
	for name, topics := range sets {
		ex, err := LoadFortunes(FortunesDir, topics...)
		if err != nil {
			t.Fatal(err)
		}
		var train, test []Example
		for _, e := range ex {
			h := fnv.New32a()
			h.Write([]byte(e.Text))
			if h.Sum32()%5 == 0 {
				test = append(test, e)
			} else {
				train = append(train, e)
			}
		}
		for _, mode := range []string{"cnb"} {
			expComplement = mode == "cnb"
			expVocab = 0
			if mode == "vfull" {
				expVocab = 1 << 18
			}
			for _, cfgv := range []struct {
				bi, bin, prior bool
				cmin, cmax     int
				alpha          float64
			}{
				{false, true, true, 0, 0, 1},
				{false, true, true, 0, 0, 3},
				{false, true, true, 3, 5, 1},
				{false, true, true, 3, 5, 2},
				{true, true, true, 3, 5, 0.5},
				{true, true, true, 3, 5, 1},
				{true, true, true, 3, 5, 2},
				{true, true, true, 3, 5, 4},
				{true, true, true, 2, 5, 1},
				{true, true, true, 3, 6, 1},
				{true, true, true, 4, 6, 1},
				{true, false, true, 3, 5, 1},
				{true, true, false, 3, 5, 1},
			} {
				cfg := DefaultConfig()
				cfg.WordBigrams, cfg.Binary, cfg.FitPrior, cfg.CharNGramMin, cfg.CharNGramMax, cfg.Alpha = cfgv.bi, cfgv.bin, cfgv.prior, cfgv.cmin, cfgv.cmax, cfgv.alpha
				nb, _ := NewNaiveBayes(cfg)
				if err := nb.Train(train); err != nil {
					t.Fatal(err)
				}
				correct := 0
				var cc, cw float64
				tp := map[string]int{}
				fp := map[string]int{}
				fn := map[string]int{}
				for _, e := range test {
					p, _ := nb.Predict(context.Background(), e.Text)
					if p.Label == e.Label {
						correct++
						cc += p.Confidence
						tp[e.Label]++
					} else {
						cw += p.Confidence
						fp[p.Label]++
						fn[e.Label]++
					}
				}
				var f1 float64
				for _, l := range topics {
					pr := float64(tp[l]) / (float64(tp[l]+fp[l]) + 1e-9)
					rc := float64(tp[l]) / (float64(tp[l]+fn[l]) + 1e-9)
					if pr+rc > 0 {
						f1 += 2 * pr * rc / (pr + rc)
					}
				}
				f1 /= float64(len(topics))
				_ = f1
				fmt.Printf("%s %s %+v train=%d test=%d acc=%.3f f1=%.3f confC=%.3f confW=%.3f\n", name, mode, cfgv, len(train), len(test), float64(correct)/float64(len(test)), f1, cc/float64(correct), cw/float64(len(test)-correct))
			}
		}
	}
}
