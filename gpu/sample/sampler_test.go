package sample

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/provenet/provenet/gpu"
)

func randomLogits(n int, seed uint64) []float32 {
	r := rand.New(rand.NewPCG(seed, 1))
	l := make([]float32, n)
	for i := range l {
		l[i] = float32(r.NormFloat64() * 3)
	}
	return l
}

func TestGreedy(t *testing.T) {
	s := New(gpu.Sampling{})
	l := []float32{0.1, 3, -2, 3, 1}
	for range 5 {
		if got := s.Sample(l); got != 1 {
			t.Fatalf("greedy = %d, want 1 (lowest id among ties)", got)
		}
	}
	if got := s.Sample(nil); got != -1 {
		t.Fatalf("empty = %d, want -1", got)
	}
	nan := float32(math.NaN())
	if got := Argmax([]float32{nan, -1, nan, 2}); got != 3 {
		t.Fatalf("argmax with NaN = %d", got)
	}
	if got := Argmax([]float32{nan, nan}); got != 0 {
		t.Fatalf("all NaN = %d", got)
	}
}

func draws(p gpu.Sampling, l []float32, n int) []int32 {
	s := New(p)
	out := make([]int32, n)
	for i := range out {
		out[i] = s.Sample(l)
	}
	return out
}

func TestSeedDeterminism(t *testing.T) {
	l := randomLogits(1000, 7)
	p := gpu.Sampling{Temperature: 1, TopK: 50, TopP: 0.9, Seed: 42}
	a, b := draws(p, l, 200), draws(p, l, 200)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("same seed differs at %d: %d vs %d", i, a[i], b[i])
		}
	}
	p.Seed = 43
	c := draws(p, l, 200)
	same := 0
	for i := range a {
		if a[i] == c[i] {
			same++
		}
	}
	if same == len(a) {
		t.Fatal("different seeds gave the same sequence")
	}
}

func TestTopK1IsGreedy(t *testing.T) {
	for seed := range uint64(20) {
		l := randomLogits(5000, seed)
		s := New(gpu.Sampling{Temperature: 1.5, TopK: 1, Seed: seed})
		if got, want := s.Sample(l), Argmax(l); got != want {
			t.Fatalf("seed %d: top-k 1 = %d, argmax = %d", seed, got, want)
		}
	}
}

func softmax(l []float32, temp float64) []float64 {
	m := math.Inf(-1)
	for _, v := range l {
		m = math.Max(m, float64(v))
	}
	p := make([]float64, len(l))
	var sum float64
	for i, v := range l {
		p[i] = math.Exp((float64(v) - m) / temp)
		sum += p[i]
	}
	for i := range p {
		p[i] /= sum
	}
	return p
}

// chiSquare returns the statistic of counts against probabilities p.
func chiSquare(counts []int, p []float64, n int) float64 {
	var x float64
	for i, c := range counts {
		e := p[i] * float64(n)
		if e == 0 {
			continue
		}
		x += (float64(c) - e) * (float64(c) - e) / e
	}
	return x
}

func TestDistributionMatchesSoftmax(t *testing.T) {
	l := []float32{1, 2, 0.5, -1, 3, 0, 2.5, 1.5, -0.5, 0.25}
	const n = 100_000
	for _, temp := range []float64{1, 0.7} {
		s := New(gpu.Sampling{Temperature: float32(temp), Seed: 1234})
		counts := make([]int, len(l))
		for range n {
			counts[s.Sample(l)]++
		}
		x := chiSquare(counts, softmax(l, temp), n)
		// 9 degrees of freedom: the 99.9th percentile is 27.88.
		if x > 27.88 {
			t.Fatalf("temp %v: chi-square %.2f > 27.88; counts %v", temp, x, counts)
		}
		t.Logf("temp %v: chi-square %.2f (df 9)", temp, x)
	}
}

func TestTopKDistribution(t *testing.T) {
	l := []float32{1, 2, 0.5, -1, 3, 0, 2.5, 1.5}
	const n = 100_000
	s := New(gpu.Sampling{Temperature: 1, TopK: 3, Seed: 9})
	counts := make([]int, len(l))
	for range n {
		counts[s.Sample(l)]++
	}
	// Only ids 4 (3), 6 (2.5) and 1 (2) survive, in softmax proportions.
	want := make([]float64, len(l))
	sub := softmax([]float32{3, 2.5, 2}, 1)
	want[4], want[6], want[1] = sub[0], sub[1], sub[2]
	for i, c := range counts {
		if want[i] == 0 && c != 0 {
			t.Fatalf("id %d outside top-k drawn %d times", i, c)
		}
	}
	if x := chiSquare(counts, want, n); x > 13.82 { // df 2, p=0.001
		t.Fatalf("chi-square %.2f; counts %v", x, counts)
	}
}

func TestTopPExcludes(t *testing.T) {
	// Probabilities ~ 0.64, 0.24, 0.09, 0.03.
	l := []float32{3, 2, 1, 0}
	p := softmax(l, 1)
	s := New(gpu.Sampling{Temperature: 1, TopP: 0.8, Seed: 3})
	seen := map[int32]int{}
	for range 20_000 {
		seen[s.Sample(l)]++
	}
	if seen[2] != 0 || seen[3] != 0 {
		t.Fatalf("top-p 0.8 kept tail tokens: %v (p=%v)", seen, p)
	}
	if seen[0] == 0 || seen[1] == 0 {
		t.Fatalf("top-p 0.8 lost nucleus tokens: %v", seen)
	}
	// Large vocabulary: only the few head tokens should survive.
	big := randomLogits(32000, 5)
	big[100], big[200] = 40, 39
	s = New(gpu.Sampling{Temperature: 1, TopP: 0.5, Seed: 3})
	for range 1000 {
		if id := s.Sample(big); id != 100 {
			t.Fatalf("top-p 0.5 drew %d, want 100", id)
		}
	}
}

func TestMinPExcludes(t *testing.T) {
	l := []float32{3, 2, 1, 0} // relative probs 1, 0.37, 0.14, 0.05
	s := New(gpu.Sampling{Temperature: 1, MinP: 0.2, Seed: 4})
	seen := map[int32]int{}
	for range 20_000 {
		seen[s.Sample(l)]++
	}
	if seen[2] != 0 || seen[3] != 0 || seen[0] == 0 || seen[1] == 0 {
		t.Fatalf("min-p 0.2 kept %v, want only 0 and 1", seen)
	}
}

func TestSpecialValues(t *testing.T) {
	inf, nan := float32(math.Inf(1)), float32(math.NaN())
	s := New(gpu.Sampling{Temperature: 1, Seed: 1})
	if got := s.Sample([]float32{0, inf, 1}); got != 1 {
		t.Fatalf("+Inf not chosen: %d", got)
	}
	for range 100 {
		if got := s.Sample([]float32{nan, 0, nan}); got != 1 {
			t.Fatalf("NaN chosen: %d", got)
		}
	}
	ninf := float32(math.Inf(-1))
	if got := s.Sample([]float32{ninf, ninf}); got != 0 {
		t.Fatalf("all -Inf = %d", got)
	}
	if got := New(gpu.Sampling{Temperature: 1, TopK: 2}).Sample([]float32{nan, nan, nan}); got != 0 {
		t.Fatalf("all NaN top-k = %d", got)
	}
}

func TestValidate(t *testing.T) {
	nan := float32(math.NaN())
	bad := []gpu.Sampling{
		{Temperature: -0.1}, {Temperature: 2.01}, {Temperature: nan},
		{TopP: 1.1}, {TopP: -1}, {MinP: 2}, {MinP: nan}, {TopK: -1},
	}
	for _, p := range bad {
		if err := Validate(p); !errors.Is(err, gpu.ErrBadRequest) {
			t.Errorf("Validate(%+v) = %v, want ErrBadRequest", p, err)
		}
	}
	good := []gpu.Sampling{{}, {Temperature: 2, TopP: 1, MinP: 1, TopK: 100}, {Temperature: 0.7, TopP: 0.95}}
	for _, p := range good {
		if err := Validate(p); err != nil {
			t.Errorf("Validate(%+v) = %v", p, err)
		}
	}
}

func TestNoAllocs(t *testing.T) {
	l := randomLogits(32000, 1)
	for _, p := range []gpu.Sampling{
		{}, {Temperature: 0.8, TopK: 40, TopP: 0.95, Seed: 1},
		{Temperature: 0.8, TopP: 0.9, MinP: 0.05, Seed: 1}, {Temperature: 1, Seed: 1},
	} {
		s := New(p)
		s.Sample(l)
		if a := testing.AllocsPerRun(20, func() { s.Sample(l) }); a != 0 {
			t.Errorf("%+v: %v allocs per Sample", p, a)
		}
	}
}

func benchSample(b *testing.B, n int, p gpu.Sampling) {
	l := randomLogits(n, 11)
	s := New(p)
	s.Sample(l)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		s.Sample(l)
	}
}

var (
	greedyP = gpu.Sampling{}
	topKP   = gpu.Sampling{Temperature: 0.8, TopK: 40, TopP: 0.95, Seed: 1}
	fullP   = gpu.Sampling{Temperature: 0.8, TopP: 0.95, Seed: 1}
)

func BenchmarkGreedy32k(b *testing.B)      { benchSample(b, 32000, greedyP) }
func BenchmarkGreedy128k(b *testing.B)     { benchSample(b, 128256, greedyP) }
func BenchmarkTopK40TopP32k(b *testing.B)  { benchSample(b, 32000, topKP) }
func BenchmarkTopK40TopP128k(b *testing.B) { benchSample(b, 128256, topKP) }
func BenchmarkTopPOnly128k(b *testing.B)   { benchSample(b, 128256, fullP) }
