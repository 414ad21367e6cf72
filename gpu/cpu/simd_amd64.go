package cpu

import "golang.org/x/sys/cpu"

// useAVX2 selects the AVX2+FMA kernels; without them the portable Go
// loops run.
var useAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// useAVX512 selects the 16-wide matmul kernel where AVX-512F is there
// (and the operating system saves the ZMM state, which HasAVX512F checks).
var useAVX512 = useAVX2 && cpu.X86.HasAVX512F

//go:noescape
func dotF16AVX512(x *float32, w *uint16, n int) float32

//go:noescape
func dotAVX512(a, b *float32, n int) float32

//go:noescape
func dot4AVX512(x, w0, w1, w2, w3 *float32, n int) (r0, r1, r2, r3 float32)

//go:noescape
func dot4AVX2(x, w0, w1, w2, w3 *float32, n int) (r0, r1, r2, r3 float32)

//go:noescape
func dotAVX2(a, b *float32, n int) float32

//go:noescape
func axpyAVX2(alpha float32, x, y *float32, n int)
