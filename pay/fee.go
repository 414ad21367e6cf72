package pay

import (
	"fmt"
	"math"
	"math/bits"

	"github.com/provenet/provenet/attribution"
)

// Prices are wei per 1,000 prompt and per 1,000 output tokens.
type Prices struct {
	Prompt, Output uint64
}

// Covers reports whether p is at least min for both prices.
func (p Prices) Covers(min Prices) bool { return p.Prompt >= min.Prompt && p.Output >= min.Output }

// Fee is the fee of a request in wei: ceil((promptTokens*p.Prompt +
// outputTokens*p.Output) / 1000), exact (128-bit). It is
// attribution.Fee, so receipts and payments agree; a fee over 2^64-1
// fails with ErrOverflow (and attribution.ErrOverflow).
func Fee(promptTokens, outputTokens uint32, p Prices) (uint64, error) {
	fee, err := attribution.Fee(promptTokens, outputTokens, p.Prompt, p.Output)
	if err != nil {
		return 0, fmt.Errorf("%w: %w", ErrOverflow, err)
	}
	return fee, nil
}

// MaxOutputTokens is the largest output-token count n with
// Fee(promptTokens, n, p) <= maxAmount: the cap an operator puts on
// generation for an authorization. It is math.MaxUint32 when output is
// free or the cap is beyond uint32. It fails with ErrOverAuthorised when
// the prompt alone costs more than maxAmount.
func MaxOutputTokens(maxAmount uint64, promptTokens uint32, p Prices) (uint32, error) {
	// Fee <= M  <=>  ceil(X/1000) <= M  <=>  X <= 1000*M, where X =
	// pt*Prompt + n*Output.
	bhi, blo := bits.Mul64(maxAmount, 1000)
	phi, plo := bits.Mul64(uint64(promptTokens), p.Prompt)
	if phi > bhi || (phi == bhi && plo > blo) {
		return 0, fmt.Errorf("%w: %d prompt tokens at %d per 1k cost more than %d", ErrOverAuthorised, promptTokens, p.Prompt, maxAmount)
	}
	if p.Output == 0 {
		return math.MaxUint32, nil
	}
	lo, borrow := bits.Sub64(blo, plo, 0)
	hi := bhi - phi - borrow
	if hi >= p.Output { // the quotient is at least 2^64
		return math.MaxUint32, nil
	}
	n, _ := bits.Div64(hi, lo, p.Output)
	return uint32(min(n, math.MaxUint32)), nil
}
