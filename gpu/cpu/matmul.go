package cpu

// Backend is the CPU implementation of the engine's kernel boundary
// (model.Backend): matrix multiplies and parallel loops over a Pool.
type Backend struct {
	pool   *Pool
	mm     matmulArgs
	mmFn   func(worker, lo, hi int)
	mm16   matmulF16Args
	mm16Fn func(worker, lo, hi int)
}

// matmulArgs are the operands of the running MatMul; the bound method
// reads them so that dispatch allocates nothing.
type matmulArgs struct {
	dst, x, w     []float32
	rows, in, out int
}

// NewBackend returns a CPU backend running on threads goroutines
// (<= 0: GOMAXPROCS).
func NewBackend(threads int) *Backend {
	b := &Backend{pool: NewPool(threads)}
	b.mmFn = b.matmulRange
	b.mm16Fn = b.matmulF16Range
	return b
}

// Name identifies the backend in logs and benchmarks.
func (b *Backend) Name() string { return "cpu" }

// Threads is the number of goroutines kernels are split over.
func (b *Backend) Threads() int { return b.pool.Workers() }

// Close stops the worker goroutines.
func (b *Backend) Close() { b.pool.Close() }

// For runs fn over [0, n) in parallel chunks (see Pool.For).
func (b *Backend) For(n, grain int, fn func(worker, lo, hi int)) { b.pool.For(n, grain, fn) }

// MatMul sets dst[rows×out] = x[rows×in] · wᵀ, with w stored row-major as
// out rows of in values (the PyTorch Linear layout). The output rows are
// split over workers; each worker streams its slice of w once and reuses
// each weight row for every input row.
func (b *Backend) MatMul(dst, x, w []float32, rows, in, out int) {
	if rows*in*out < parallelMACs {
		MatMulRange(dst, x, w, rows, in, out, 0, out)
		return
	}
	b.mm = matmulArgs{dst: dst, x: x, w: w, rows: rows, in: in, out: out}
	b.pool.For(out, 16, b.mmFn)
	b.mm = matmulArgs{}
}

// parallelMACs is the size below which a multiply runs on the calling
// goroutine: handing work to a parked worker costs a futex wake-up (several
// microseconds, tens on a busy machine), more than a small multiply takes.
// Measured on stories15M decode (docs/STATUS.md).
var parallelMACs = 1 << 19

// rowBlock is how many input rows share one pass over a block of weight
// rows: it keeps that block of w hot in L1/L2 while x streams past.
const rowBlock = 8

func (b *Backend) matmulRange(_, lo, hi int) {
	a := &b.mm
	MatMulRange(a.dst, a.x, a.w, a.rows, a.in, a.out, lo, hi)
}

// MatMulRange computes output columns [lo, hi) of dst = x · wᵀ on the
// calling goroutine. Each weight row is streamed once and, while it sits in
// L1, multiplied with a block of input rows. One row at a time streams
// faster than four interleaved rows (measured: 27–32 GB/s against 15–17
// GB/s for a 288×32000 matrix-vector product on this machine), because
// the hardware prefetcher follows one sequential stream best. From four
// input rows on, matMulRange4's reuse of each input load wins (12% at 64).
func MatMulRange(dst, x, w []float32, rows, in, out, lo, hi int) {
	if rows >= 4 {
		matMulRange4(dst, x, w, rows, in, out, lo, hi)
		return
	}
	for r0 := 0; r0 < rows; r0 += rowBlock {
		r1 := min(r0+rowBlock, rows)
		for o := lo; o < hi; o++ {
			wo := w[o*in : (o+1)*in]
			for r := r0; r < r1; r++ {
				dst[r*out+o] = Dot(x[r*in:(r+1)*in], wo)
			}
		}
	}
}

// matMulRange4 is MatMulRange for a batch: four weight rows at a time
// share each load of an input row.
func matMulRange4(dst, x, w []float32, rows, in, out, lo, hi int) {
	const oBlock = 4
	for r0 := 0; r0 < rows; r0 += rowBlock {
		r1 := min(r0+rowBlock, rows)
		o := lo
		for ; o+oBlock <= hi; o += oBlock {
			w0 := w[o*in : (o+1)*in]
			w1 := w[(o+1)*in : (o+2)*in]
			w2 := w[(o+2)*in : (o+3)*in]
			w3 := w[(o+3)*in : (o+4)*in]
			for r := r0; r < r1; r++ {
				xr := x[r*in : (r+1)*in]
				d := dst[r*out+o : r*out+o+4]
				d[0], d[1], d[2], d[3] = Dot4(xr, w0, w1, w2, w3)
			}
		}
		for ; o < hi; o++ {
			wo := w[o*in : (o+1)*in]
			for r := r0; r < r1; r++ {
				dst[r*out+o] = Dot(x[r*in:(r+1)*in], wo)
			}
		}
	}
}
