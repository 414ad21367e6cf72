package cpu

import "github.com/provenet/provenet/gpu/half"

// DotF16 returns the dot product of x with w, whose values are f16 bit
// patterns (len(w) >= len(x)). With AVX-512 the widening is one VCVTPH2PS
// per 16 values, so a weight matrix kept in f16 streams half the bytes of
// f32 at nearly the same arithmetic cost.
func DotF16(x []float32, w []uint16) float32 {
	n := len(x)
	w = w[:n]
	var s float32
	i := 0
	if useAVX512 && n >= 32 {
		i = n &^ 31
		s = dotF16AVX512(&x[0], &w[0], i)
	}
	for ; i < n; i++ {
		s += x[i] * half.F16ToF32(w[i])
	}
	return s
}

// MatMulF16 is MatMul with w in f16: dst[rows×out] = x[rows×in] · wᵀ.
func (b *Backend) MatMulF16(dst, x []float32, w []uint16, rows, in, out int) {
	if rows*in*out < parallelMACs {
		matMulF16Range(dst, x, w, rows, in, out, 0, out)
		return
	}
	b.mm16 = matmulF16Args{dst: dst, x: x, w: w, rows: rows, in: in, out: out}
	b.pool.For(out, 16, b.mm16Fn)
	b.mm16 = matmulF16Args{}
}

type matmulF16Args struct {
	dst, x        []float32
	w             []uint16
	rows, in, out int
}

func (b *Backend) matmulF16Range(_, lo, hi int) {
	a := &b.mm16
	matMulF16Range(a.dst, a.x, a.w, a.rows, a.in, a.out, lo, hi)
}

func matMulF16Range(dst, x []float32, w []uint16, rows, in, out, lo, hi int) {
	for r0 := 0; r0 < rows; r0 += rowBlock {
		r1 := min(r0+rowBlock, rows)
		for o := lo; o < hi; o++ {
			wo := w[o*in : (o+1)*in]
			for r := r0; r < r1; r++ {
				dst[r*out+o] = DotF16(x[r*in:(r+1)*in], wo)
			}
		}
	}
}
