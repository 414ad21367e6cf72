package half

import (
	"math"
	"testing"
)

func TestF16RoundTripAllPatterns(t *testing.T) {
	for i := 0; i < 1<<16; i++ {
		h := uint16(i)
		f := F16ToF32(h)
		if math.IsNaN(float64(f)) {
			if g := F32ToF16(f); g&0x7c00 != 0x7c00 || g&0x3ff == 0 {
				t.Fatalf("NaN %#04x came back as %#04x", h, g)
			}
			continue
		}
		if g := F32ToF16(f); g != h {
			t.Fatalf("%#04x -> %v -> %#04x", h, f, g)
		}
	}
}

func TestF16KnownValues(t *testing.T) {
	cases := map[uint16]float32{0x3c00: 1, 0xc000: -2, 0x7bff: 65504, 0x0001: 5.960464477539063e-08, 0x3555: 0.33325195}
	for h, want := range cases {
		if got := F16ToF32(h); got != want {
			t.Errorf("F16ToF32(%#04x) = %v, want %v", h, got, want)
		}
	}
	if got := F32ToF16(1e6); got != 0x7c00 {
		t.Errorf("overflow = %#04x, want +inf", got)
	}
	if got := F32ToF16(1 + 1.0/2048); got != 0x3c00 { // tie goes to even
		t.Errorf("tie = %#04x, want 0x3c00", got)
	}
}

func TestBF16(t *testing.T) {
	for _, f := range []float32{0, 1, -3.5, 1e30, -1e-30} {
		if got := BF16ToF32(F32ToBF16(f)); math.Abs(float64(got-f)) > math.Abs(float64(f))/128 {
			t.Errorf("bf16 round trip of %v = %v", f, got)
		}
	}
	if !math.IsNaN(float64(BF16ToF32(F32ToBF16(float32(math.NaN()))))) {
		t.Error("NaN lost")
	}
}

func TestSlices(t *testing.T) {
	src := []byte{0x00, 0x3c, 0x00, 0xc0}
	dst := make([]float32, 2)
	F16SliceToF32(dst, src)
	if dst[0] != 1 || dst[1] != -2 {
		t.Fatalf("f16 slice = %v", dst)
	}
	BF16SliceToF32(dst, []byte{0x80, 0x3f, 0x00, 0xc0})
	if dst[0] != 1 || dst[1] != -2 {
		t.Fatalf("bf16 slice = %v", dst)
	}
}
