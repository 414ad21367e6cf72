package train

import (
	"github.com/provenet/provenet/gpu/cpu"
)

// scalar is the element type the network is generic over.
type scalar interface{ ~float32 | ~float64 }

// kern holds the kernels of one element type: gpu/cpu's for float32,
// plain loops for float64 (the tests' gradient checks).
type kern[T scalar] struct {
	dot    func(a, b []T) T
	axpy   func(alpha T, x, y []T)
	matmul func(dst, x, w []T, rows, in, out int) // dst = x·wᵀ
	forN   func(n, grain int, fn func(worker, lo, hi int))
	// threads bounds the worker index forN passes.
	threads int
	// scratch for the transposes and temporaries of the linear backward.
	t1, t2, t3 []T
}

func newKern32(be *cpu.Backend) *kern[float32] {
	return &kern[float32]{dot: cpu.Dot, axpy: cpu.Axpy, matmul: be.MatMul, forN: be.For, threads: be.Threads()}
}

func newKern64() *kern[float64] {
	return &kern[float64]{
		dot: func(a, b []float64) float64 {
			var s float64
			for i := range a {
				s += a[i] * b[i]
			}
			return s
		},
		axpy: func(alpha float64, x, y []float64) {
			for i := range x {
				y[i] += alpha * x[i]
			}
		},
		matmul: func(dst, x, w []float64, rows, in, out int) {
			for r := 0; r < rows; r++ {
				for o := 0; o < out; o++ {
					var s float64
					xr, wo := x[r*in:(r+1)*in], w[o*in:(o+1)*in]
					for i := range xr {
						s += xr[i] * wo[i]
					}
					dst[r*out+o] = s
				}
			}
		},
		forN: func(n, _ int, fn func(worker, lo, hi int)) {
			if n > 0 {
				fn(0, 0, n)
			}
		},
		threads: 1,
	}
}

func growT[T scalar](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// transpose writes src [rows][cols] into dst [cols][rows].
func transpose[T scalar](dst, src []T, rows, cols int) { transposeCols(dst, src, rows, cols, 0, cols) }

// transposeCols is transpose for the source columns [c0, c1): the
// destination rows c0..c1-1, which the parallel transpose splits.
func transposeCols[T scalar](dst, src []T, rows, cols, c0, c1 int) {
	const blk = 32
	for r0 := 0; r0 < rows; r0 += blk {
		for cb := c0; cb < c1; cb += blk {
			for r := r0; r < min(r0+blk, rows); r++ {
				for c := cb; c < min(cb+blk, c1); c++ {
					dst[c*rows+r] = src[r*cols+c]
				}
			}
		}
	}
}

func addTo[T scalar](dst, src []T) {
	src = src[:len(dst)]
	for i := range dst {
		dst[i] += src[i]
	}
}

// Elementwise work big enough to split over the workers. Each element is
// computed by exactly one worker in the same way whatever the split, so
// results do not depend on the thread count.
const (
	parGrainAdd = 1 << 14 // elements per chunk of an add
	parGrainAct = 1 << 12 // elements per chunk of an activation (exp)
	parGrainT   = 32      // destination rows per chunk of a transpose
)

// transpose is the package's transpose split over the workers by
// destination rows.
func (k *kern[T]) transpose(dst, src []T, rows, cols int) {
	if rows*cols < parGrainAdd {
		transpose(dst, src, rows, cols)
		return
	}
	k.forN(cols, parGrainT, func(_, lo, hi int) { transposeCols(dst, src, rows, cols, lo, hi) })
}

// add is addTo split over the workers.
func (k *kern[T]) add(dst, src []T) {
	k.forN(len(dst), parGrainAdd, func(_, lo, hi int) { addTo(dst[lo:hi], src[lo:hi]) })
}

// swigluF is the package's swigluF split over the workers.
func (k *kern[T]) swigluF(h, g, u []T) {
	k.forN(len(g), parGrainAct, func(_, lo, hi int) { swigluF(h[lo:hi], g[lo:hi], u[lo:hi]) })
}

// swigluB is the package's swigluB split over the workers.
func (k *kern[T]) swigluB(dg, du, dh, g, u []T) {
	k.forN(len(g), parGrainAct, func(_, lo, hi int) { swigluB(dg[lo:hi], du[lo:hi], dh[lo:hi], g[lo:hi], u[lo:hi]) })
}

// linF sets y[n][out] = x[n][in] · wᵀ.
func (k *kern[T]) linF(y, x, w []T, n, in, out int) { k.matmul(y, x, w, n, in, out) }

// linBX adds dy[n][out] · w[out][in] into dx[n][in].
func (k *kern[T]) linBX(dx, dy, w []T, n, in, out int) {
	k.t1 = growT(k.t1, in*out)
	k.transpose(k.t1, w, out, in)
	k.linBXt(dx, dy, k.t1, n, in, out)
}

// linBXt is linBX with w already transposed to wt [in][out].
func (k *kern[T]) linBXt(dx, dy, wt []T, n, in, out int) {
	k.t2 = growT(k.t2, n*in)
	k.matmul(k.t2, dy, wt, n, out, in)
	k.add(dx, k.t2)
}

// linBW adds dyᵀ · x into dw[out][in], for dy [n][out] and x [n][in].
func (k *kern[T]) linBW(dw, dy, x []T, n, in, out int) {
	k.t1 = growT(k.t1, out*n)
	k.transpose(k.t1, dy, n, out)
	k.t2 = growT(k.t2, in*n)
	k.transpose(k.t2, x, n, in)
	k.t3 = growT(k.t3, out*in)
	k.matmul(k.t3, k.t1, k.t2, out, n, in)
	k.add(dw, k.t3)
}
