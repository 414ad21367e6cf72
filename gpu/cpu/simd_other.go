//go:build !amd64

package cpu

const useAVX2 = false

const useAVX512 = false

func dot4AVX512(x, w0, w1, w2, w3 *float32, n int) (r0, r1, r2, r3 float32) {
	panic("unreachable")
}

func dot4AVX2(x, w0, w1, w2, w3 *float32, n int) (r0, r1, r2, r3 float32) {
	panic("unreachable")
}
func dotAVX2(a, b *float32, n int) float32         { panic("unreachable") }
func axpyAVX2(alpha float32, x, y *float32, n int) { panic("unreachable") }

func dotAVX512(a, b *float32, n int) float32 { panic("unreachable") }

func dotF16AVX512(x *float32, w *uint16, n int) float32 { panic("unreachable") }
