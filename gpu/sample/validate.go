package sample

import (
	"fmt"
	"math"

	"github.com/provenet/provenet/gpu"
)

// MaxTemperature is the largest accepted temperature (as OpenAI).
const MaxTemperature = 2

// Validate checks the ranges of p: temperature in [0, 2], top_p and min_p
// in [0, 1], top_k >= 0. Errors wrap gpu.ErrBadRequest.
func Validate(p gpu.Sampling) error {
	switch {
	case !inRange(p.Temperature, 0, MaxTemperature):
		return fmt.Errorf("%w: temperature %v not in [0, %d]", gpu.ErrBadRequest, p.Temperature, MaxTemperature)
	case !inRange(p.TopP, 0, 1):
		return fmt.Errorf("%w: top_p %v not in [0, 1]", gpu.ErrBadRequest, p.TopP)
	case !inRange(p.MinP, 0, 1):
		return fmt.Errorf("%w: min_p %v not in [0, 1]", gpu.ErrBadRequest, p.MinP)
	case p.TopK < 0:
		return fmt.Errorf("%w: top_k %d is negative", gpu.ErrBadRequest, p.TopK)
	}
	return nil
}

// inRange reports lo <= v <= hi; NaN is never in range.
func inRange(v float32, lo, hi float32) bool {
	return !math.IsNaN(float64(v)) && v >= lo && v <= hi
}
