package classify

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestCalibrateHoldsOutWholeGroups is the defect of issue 13: leave-one-out
// calibration kept the other chunks of a document in the counts, so a
// document's chunks vouched for each other. Here every group is three
// copies of one text, and labels are drawn at random per group: nothing
// can be learnt that carries to a new group. Leaving one example out, its
// twins give it away; holding out its group, calibration sees chance.
func TestCalibrateHoldsOutWholeGroups(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	labels := []string{"a", "b", "c", "d"}
	var grouped, ungrouped []Example
	for g := range 60 {
		text := fmt.Sprintf("document %d says %s %s %s", g, vocabWord(rng), vocabWord(rng), vocabWord(rng))
		label := labels[rng.IntN(len(labels))]
		for range 3 {
			grouped = append(grouped, Example{Text: text, Label: label, Group: fmt.Sprintf("doc-%d", g)})
			ungrouped = append(ungrouped, Example{Text: text, Label: label})
		}
	}
	ctx := context.Background()
	calibrate := func(exs []Example) Calibration {
		nb := mustNew(t, DefaultConfig())
		if err := nb.Train(exs); err != nil {
			t.Fatal(err)
		}
		cal, err := nb.Calibrate(ctx, nil) // the examples Train kept
		if err != nil {
			t.Fatal(err)
		}
		return cal
	}
	g, u := calibrate(grouped), calibrate(ungrouped)
	t.Logf("grouped: accuracy %.3f over %d examples in %d groups; ungrouped: accuracy %.3f", g.Accuracy, g.Examples, g.Groups, u.Accuracy)
	if g.Groups != 60 || u.Groups != 180 {
		t.Fatalf("groups %d and %d, want 60 and 180", g.Groups, u.Groups)
	}
	if u.Accuracy < 0.9 || g.Accuracy > 0.5 {
		t.Errorf("out-of-fold accuracy: ungrouped %.3f (want the twins to give it away), grouped %.3f (want chance)", u.Accuracy, g.Accuracy)
	}
	top := func(c Calibration) float64 {
		if len(c.Precision) == 0 {
			return 0
		}
		return c.Precision[len(c.Precision)-1].Confidence
	}
	if top(g) >= DefaultConfig().Threshold {
		t.Errorf("grouped calibration vouches for %.3f on labels drawn at random", top(g))
	}
}

func vocabWord(r *rand.Rand) string { return fmt.Sprintf("w%d", r.IntN(500)) }

func TestObserveKeepsADeterministicSample(t *testing.T) {
	var a, b observed
	texts := make([]string, MaxObserved+500)
	for i := range texts {
		texts[i] = fmt.Sprintf("pending record %d", i)
	}
	for _, s := range texts {
		a.add(s)
	}
	for i := len(texts) - 1; i >= 0; i-- {
		b.add(texts[i])
		b.add(texts[i]) // twice: no effect
	}
	sa, sb := a.sorted(), b.sorted()
	if len(sa) != MaxObserved || fmt.Sprint(sa) != fmt.Sprint(sb) {
		t.Fatalf("samples differ or have %d texts", len(sa))
	}
}

func TestGroups(t *testing.T) {
	for in, want := range map[string][2]string{
		"https://Docs.Example/lib/os.html?x=1#f": {"https://docs.example/lib/os.html", "https://docs.example"},
		"not a url":                              {"not a url", "not a url"},
		"file:///a/b":                            {"file:///a/b", "file:///a/b"},
	} {
		if d, s := DocumentGroup(in), SiteGroup(in); d != want[0] || s != want[1] {
			t.Errorf("%q: document %q site %q, want %q", in, d, s, want)
		}
	}
}
