package pay

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/provenet/provenet/attribution"
)

func TestFeeWrapsAttribution(t *testing.T) {
	got, err := Fee(100, 256, Prices{Prompt: 3, Output: 11})
	if err != nil || got != 4 { // ceil(3116/1000)
		t.Fatalf("fee %d, %v", got, err)
	}
	_, err = Fee(math.MaxUint32, math.MaxUint32, Prices{math.MaxUint64, math.MaxUint64})
	if !errors.Is(err, ErrOverflow) || !errors.Is(err, attribution.ErrOverflow) {
		t.Fatalf("overflow: %v", err)
	}
}

func TestMaxOutputTokens(t *testing.T) {
	p := Prices{Prompt: 1000, Output: 3000}
	// 10 prompt tokens cost 10; every output token 3.
	n, err := MaxOutputTokens(100, 10, p)
	if err != nil || n != 30 {
		t.Fatalf("n %d, %v", n, err)
	}
	if _, err := MaxOutputTokens(9, 10, p); !errors.Is(err, ErrOverAuthorised) {
		t.Fatalf("prompt over: %v", err)
	}
	if n, err := MaxOutputTokens(10, 10, p); err != nil || n != 0 {
		t.Fatalf("prompt exactly: %d %v", n, err)
	}
	if n, _ := MaxOutputTokens(1, 0, Prices{Output: 0}); n != math.MaxUint32 {
		t.Fatalf("free output: %d", n)
	}
	if n, _ := MaxOutputTokens(math.MaxUint64, 0, Prices{Output: 1}); n != math.MaxUint32 {
		t.Fatalf("huge budget: %d", n)
	}
}

// TestMaxOutputTokensIsTight checks the defining property on random
// inputs: the fee at n fits, the fee at n+1 does not.
func TestMaxOutputTokensIsTight(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		p := Prices{Prompt: rng.Uint64() >> rng.IntN(64), Output: 1 + rng.Uint64()>>(14+rng.IntN(50))}
		pt := rng.Uint32N(1 << 22)
		m := rng.Uint64() >> rng.IntN(64)
		n, err := MaxOutputTokens(m, pt, p)
		pf, perr := Fee(pt, 0, p)
		if err != nil {
			if !errors.Is(err, ErrOverAuthorised) || (perr == nil && pf <= m) {
				t.Fatalf("MaxOutputTokens(%d, %d, %+v): %v but the prompt costs %d (%v)", m, pt, p, err, pf, perr)
			}
			continue
		}
		if f, err := Fee(pt, n, p); err != nil || f > m {
			t.Fatalf("MaxOutputTokens(%d, %d, %+v) = %d costs %d (%v)", m, pt, p, n, f, err)
		}
		if n == math.MaxUint32 {
			continue
		}
		if f, err := Fee(pt, n+1, p); err == nil && f <= m {
			t.Fatalf("MaxOutputTokens(%d, %d, %+v) = %d, but %d costs only %d", m, pt, p, n, n+1, f)
		}
	}
}
