package attribution

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// naiveSA sorts the suffixes by comparison (O(n^2 log n) worst case).
func naiveSA(text []int32) []int32 {
	sa := make([]int32, len(text))
	for i := range sa {
		sa[i] = int32(i)
	}
	slices.SortFunc(sa, func(a, b int32) int { return slices.Compare(text[a:], text[b:]) })
	return sa
}

func checkSAIS(t *testing.T, text []int32, k int) {
	t.Helper()
	got := make([]int32, len(text))
	sais(text, got, k)
	if want := naiveSA(text); !slices.Equal(got, want) {
		t.Fatalf("text %v (k=%d):\n got %v\nwant %v", text, k, got, want)
	}
}

func TestSAISSmall(t *testing.T) {
	cases := [][]int32{
		{}, {0}, {1, 0}, {0, 0, 0, 0}, {2, 1, 0}, {0, 1, 2},
		{1, 0, 1, 0, 1, 0}, {2, 0, 1, 0, 1, 0, 0}, // banana-like
		{1, 1, 0, 1, 1, 0, 1, 1},
	}
	for _, c := range cases {
		checkSAIS(t, c, 3)
	}
}

func TestSAISRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for iter := 0; iter < 3000; iter++ {
		n := rng.IntN(300)
		k := 1 + rng.IntN(6)
		if iter%10 == 0 {
			k = 1 + rng.IntN(1000)
		}
		text := make([]int32, n)
		for i := range text {
			text[i] = int32(rng.IntN(k))
		}
		// Some periodic texts: deep recursion.
		if iter%7 == 0 && n > 0 {
			p := 1 + rng.IntN(5)
			for i := p; i < n; i++ {
				text[i] = text[i%p]
			}
		}
		checkSAIS(t, text, k)
	}
}

func TestSAISLargerZipf(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	z := rand.NewZipf(rng, 1.2, 1, 500)
	text := make([]int32, 20000)
	for i := range text {
		text[i] = int32(z.Uint64())
	}
	// Copy a long block to create long repeats.
	copy(text[10000:], text[100:5000])
	checkSAIS(t, text, 501)
}
