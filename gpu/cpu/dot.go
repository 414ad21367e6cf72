package cpu

// Dot returns the dot product of a and b (len(b) >= len(a)).
func Dot(a, b []float32) float32 {
	n := len(a)
	b = b[:n]
	if useAVX2 && n >= 32 {
		var s float32
		m := 0
		if useAVX512 && n >= 64 {
			m = n &^ 63
			s = dotAVX512(&a[0], &b[0], m)
		}
		if r := (n - m) &^ 31; r > 0 {
			s += dotAVX2(&a[m], &b[m], r)
			m += r
		}
		if m < n {
			s += dotGo(a[m:], b[m:])
		}
		return s
	}
	return dotGo(a, b)
}

func dotGo(a, b []float32) float32 {
	n := len(a)
	b = b[:n]
	var s0, s1, s2, s3, s4, s5, s6, s7 float32
	i := 0
	for ; i+8 <= n; i += 8 {
		aa := a[i : i+8 : i+8]
		bb := b[i : i+8 : i+8]
		s0 += aa[0] * bb[0]
		s1 += aa[1] * bb[1]
		s2 += aa[2] * bb[2]
		s3 += aa[3] * bb[3]
		s4 += aa[4] * bb[4]
		s5 += aa[5] * bb[5]
		s6 += aa[6] * bb[6]
		s7 += aa[7] * bb[7]
	}
	for ; i < n; i++ {
		s0 += a[i] * b[i]
	}
	return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
}

// Axpy adds alpha*x to y (len(y) >= len(x)).
func Axpy(alpha float32, x, y []float32) {
	y = y[:len(x)]
	if useAVX2 && len(x) >= 8 {
		m := len(x) &^ 7
		axpyAVX2(alpha, &x[0], &y[0], m)
		x, y = x[m:], y[m:]
	}
	for i, v := range x {
		y[i] += alpha * v
	}
}

// Dot4 returns the dot products of x with four rows at once, loading each
// x element once for four multiply-adds.
func Dot4(x, w0, w1, w2, w3 []float32) (float32, float32, float32, float32) {
	n := len(x)
	w0, w1, w2, w3 = w0[:n], w1[:n], w2[:n], w3[:n]
	if useAVX2 && n >= 16 {
		var r0, r1, r2, r3 float32
		var m int
		if useAVX512 && n >= 32 {
			m = n &^ 31
			r0, r1, r2, r3 = dot4AVX512(&x[0], &w0[0], &w1[0], &w2[0], &w3[0], m)
		} else {
			m = n &^ 15
			r0, r1, r2, r3 = dot4AVX2(&x[0], &w0[0], &w1[0], &w2[0], &w3[0], m)
		}
		if m < n {
			t0, t1, t2, t3 := dot4Go(x[m:], w0[m:], w1[m:], w2[m:], w3[m:])
			r0, r1, r2, r3 = r0+t0, r1+t1, r2+t2, r3+t3
		}
		return r0, r1, r2, r3
	}
	return dot4Go(x, w0, w1, w2, w3)
}

func dot4Go(x, w0, w1, w2, w3 []float32) (float32, float32, float32, float32) {
	n := len(x)
	var a0, a1, a2, a3, b0, b1, b2, b3 float32
	i := 0
	for ; i+2 <= n; i += 2 {
		x0, x1 := x[i], x[i+1]
		a0 += x0 * w0[i]
		a1 += x0 * w1[i]
		a2 += x0 * w2[i]
		a3 += x0 * w3[i]
		b0 += x1 * w0[i+1]
		b1 += x1 * w1[i+1]
		b2 += x1 * w2[i+1]
		b3 += x1 * w3[i+1]
	}
	if i < n {
		x0 := x[i]
		a0 += x0 * w0[i]
		a1 += x0 * w1[i]
		a2 += x0 * w2[i]
		a3 += x0 * w3[i]
	}
	return a0 + b0, a1 + b1, a2 + b2, a3 + b3
}
