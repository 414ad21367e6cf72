package cpu

import (
	"fmt"
	"github.com/provenet/provenet/gpu/half"
	"math"
	"math/rand/v2"
	"testing"
)

func randVec(r *rand.Rand, n int) []float32 {
	v := make([]float32, n)
	for i := range v {
		v[i] = 2*r.Float32() - 1
	}
	return v
}

func naiveDot(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

func close32(t *testing.T, what string, got float32, want float64, n int) {
	t.Helper()
	if math.Abs(float64(got)-want) > 1e-5*float64(n)+1e-5 {
		t.Fatalf("%s: got %v, want %v", what, got, want)
	}
}

func TestKernelsMatchNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 7, 8, 15, 16, 17, 31, 32, 33, 48, 64, 100, 288, 768, 1001} {
		x, a, b, c, d := randVec(r, n), randVec(r, n), randVec(r, n), randVec(r, n), randVec(r, n)
		close32(t, "Dot", Dot(x, a), naiveDot(x, a), n)
		r0, r1, r2, r3 := Dot4(x, a, b, c, d)
		close32(t, "Dot4[0]", r0, naiveDot(x, a), n)
		close32(t, "Dot4[1]", r1, naiveDot(x, b), n)
		close32(t, "Dot4[2]", r2, naiveDot(x, c), n)
		close32(t, "Dot4[3]", r3, naiveDot(x, d), n)
		y := append([]float32(nil), a...)
		Axpy(0.5, x, y)
		for i := range y {
			if want := a[i] + 0.5*x[i]; math.Abs(float64(y[i]-want)) > 1e-6 {
				t.Fatalf("Axpy n=%d i=%d: %v want %v", n, i, y[i], want)
			}
		}
	}
}

func TestMatMulMatchesNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	be := NewBackend(2)
	defer be.Close()
	for _, s := range [][3]int{{1, 288, 288}, {3, 33, 70}, {9, 768, 130}, {17, 64, 3}} {
		rows, in, out := s[0], s[1], s[2]
		x, w := randVec(r, rows*in), randVec(r, out*in)
		dst := make([]float32, rows*out)
		be.MatMul(dst, x, w, rows, in, out)
		for i := 0; i < rows; i++ {
			for o := 0; o < out; o++ {
				close32(t, "MatMul", dst[i*out+o], naiveDot(x[i*in:(i+1)*in], w[o*in:(o+1)*in]), in)
			}
		}
	}
}

func BenchmarkMatVec(b *testing.B) {
	for _, s := range [][2]int{{288, 32000}, {768, 2048}} {
		in, out := s[0], s[1]
		r := rand.New(rand.NewPCG(1, 1))
		x, w := randVec(r, in), randVec(r, in*out)
		dst := make([]float32, out)
		be := NewBackend(0)
		b.Run(fmtShape(in, out), func(b *testing.B) {
			b.SetBytes(int64(4 * in * out))
			for i := 0; i < b.N; i++ {
				be.MatMul(dst, x, w, 1, in, out)
			}
			b.ReportMetric(2*float64(in*out)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
		be.Close()
	}
}

func fmtShape(in, out int) string { return fmt.Sprintf("in=%d/out=%d", in, out) }

func TestDotF16MatchesWidened(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 31, 32, 33, 64, 100, 288, 768} {
		x, w := randVec(r, n), randVec(r, n)
		w16 := toF16Bits(w)
		wide := make([]float32, n)
		for i, h := range w16 {
			wide[i] = f16(h)
		}
		close32(t, "DotF16", DotF16(x, w16), naiveDot(x, wide), n)
	}
	be := NewBackend(2)
	defer be.Close()
	rows, in, out := 3, 288, 700
	x, w := randVec(r, rows*in), randVec(r, out*in)
	w16 := toF16Bits(w)
	dst := make([]float32, rows*out)
	be.MatMulF16(dst, x, w16, rows, in, out)
	for i := 0; i < rows; i++ {
		for o := 0; o < out; o++ {
			wide := make([]float32, in)
			for k := range wide {
				wide[k] = f16(w16[o*in+k])
			}
			close32(t, "MatMulF16", dst[i*out+o], naiveDot(x[i*in:(i+1)*in], wide), in)
		}
	}
}
func f16(h uint16) float32 { return half.F16ToF32(h) }

func toF16Bits(v []float32) []uint16 {
	out := make([]uint16, len(v))
	for i, x := range v {
		out[i] = half.F32ToF16(x)
	}
	return out
}
