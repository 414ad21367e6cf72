package da

import (
	"fmt"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
)

var blobSizes = []int{128 << 10, 512 << 10, 2 << 20}

// BenchmarkCommit measures a full commitment (encode, IFFT, MSM) of a payload
// that fills a blob of the given size; SetBytes is the blob size, so MB/s is
// per MiB of blob, and ms/MiB is reported directly.
func BenchmarkCommit(b *testing.B) {
	srs := DefaultSRS()
	for _, form := range []Form{FormEval, FormCoeff} {
		for _, size := range blobSizes {
			payload := randBytes(1, MaxPayloadBytes(size))
			if _, err := srs.G1(size / 32); err != nil { // parse outside the timer
				b.Fatal(err)
			}
			name := map[Form]string{FormEval: "eval", FormCoeff: "coeff"}[form]
			b.Run(fmt.Sprintf("%s/blob=%dKiB", name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(size))
				start := time.Now()
				for b.Loop() {
					if _, err := srs.Commit(payload, form); err != nil {
						b.Fatal(err)
					}
				}
				perMiB := time.Since(start).Seconds() * 1e3 / float64(b.N) / (float64(size) / (1 << 20))
				b.ReportMetric(perMiB, "ms/MiB")
			})
		}
	}
}

// BenchmarkCommitLowerBoundMSM is the lower bound for BenchmarkCommit: gnark's
// G1 multi-exponentiation alone over the same number of points, with
// random full-width scalars (what an IFFTed blob looks like).
func BenchmarkCommitLowerBoundMSM(b *testing.B) {
	srs := DefaultSRS()
	for _, size := range blobSizes {
		n := size / 32
		pts, err := srs.G1(n)
		if err != nil {
			b.Fatal(err)
		}
		scalars := make([]fr.Element, n)
		for i := range scalars {
			scalars[i].SetRandom()
		}
		b.Run(fmt.Sprintf("blob=%dKiB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(size))
			var r bn254.G1Affine
			start := time.Now()
			for b.Loop() {
				if _, err := r.MultiExp(pts, scalars, ecc.MultiExpConfig{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(time.Since(start).Seconds()*1e3/float64(b.N)/(float64(size)/(1<<20)), "ms/MiB")
		})
	}
}

// BenchmarkSRSLoad parses the embedded 2^16-point prefix from scratch.
func BenchmarkSRSLoad(b *testing.B) {
	for _, n := range []int{1 << 12, EmbeddedSRSPoints} {
		b.Run(fmt.Sprintf("points=%d", n), func(b *testing.B) {
			for b.Loop() {
				s, err := NewSRS(embeddedG1)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := s.G1(n); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
