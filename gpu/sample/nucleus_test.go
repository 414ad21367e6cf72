package sample

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestNucleusMatchesSort checks quickselect against a full sort.
func TestNucleusMatchesSort(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		n := 1 + r.IntN(500)
		c := make([]cand, n)
		var sum float64
		for i := range c {
			v := float32(r.ExpFloat64())
			if trial%3 == 0 {
				v = float32(r.IntN(4)) // many ties
			}
			c[i] = cand{int32(i), v}
			sum += float64(v)
		}
		if sum == 0 {
			continue
		}
		target := sum * (0.05 + 0.9*r.Float64())
		ref := slices.Clone(c)
		slices.SortFunc(ref, byProbDesc)
		want, acc := 0, 0.0
		for i, x := range ref {
			acc += float64(x.v)
			if acc >= target {
				want = i + 1
				break
			}
		}
		m := nucleus(c, target)
		got := slices.Clone(c[:m])
		slices.SortFunc(got, byProbDesc)
		if m != want || !slices.Equal(got, ref[:want]) {
			t.Fatalf("trial %d: nucleus m=%d want %d", trial, m, want)
		}
	}
}
