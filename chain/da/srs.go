package da

import (
	_ "embed"
	"fmt"
	"os"
	"runtime"
	"sync"

	"github.com/consensys/gnark-crypto/ecc/bn254"
)

// G1PointBytes is the size of one compressed BN254 G1 point in EigenDA's
// g1.point file.
const G1PointBytes = 32

// EmbeddedSRSPoints is how many SRS G1 points are embedded: 2^16, enough for
// blobs of up to 2 MiB.
const EmbeddedSRSPoints = 1 << 16

// embeddedG1 is the first EmbeddedSRSPoints points of eigenda v0.9.2's
// resources/srs/g1.point (see srs/gen.sh and srs/g1.point.prefix.sha256).
//
//go:embed srs/g1.point.prefix
var embeddedG1 []byte

// SRS holds EigenDA's G1 structured reference string: the compressed points,
// parsed lazily (parsing costs about 6 µs per point) and only as far as the
// largest blob seen so far needs. It is safe for concurrent use.
type SRS struct {
	raw []byte // compressed points, G1PointBytes each

	mu  sync.Mutex
	pts []bn254.G1Affine // parsed prefix; grown by copy, never mutated in place
}

var (
	defaultSRSOnce sync.Once
	defaultSRS     *SRS
)

// DefaultSRS returns the process-wide SRS backed by the embedded prefix, so
// that parsed points are shared by every server and client in the process.
func DefaultSRS() *SRS {
	defaultSRSOnce.Do(func() {
		defaultSRS = &SRS{raw: embeddedG1}
	})
	return defaultSRS
}

// NewSRS wraps compressed G1 points (EigenDA's g1.point format). The bytes
// are not copied and must not be modified afterwards.
func NewSRS(compressed []byte) (*SRS, error) {
	if len(compressed) == 0 || len(compressed)%G1PointBytes != 0 {
		return nil, fmt.Errorf("%w: length %d is not a positive multiple of %d", ErrMalformedSRS, len(compressed), G1PointBytes)
	}
	return &SRS{raw: compressed}, nil
}

// LoadSRSFile reads up to maxPoints points (all of them if maxPoints <= 0)
// from a g1.point file, such as eigenda's resources/srs/g1.point.
func LoadSRSFile(path string, maxPoints int) (*SRS, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("da: read SRS: %w", err)
	}
	if maxPoints > 0 && len(b) > maxPoints*G1PointBytes {
		b = b[:maxPoints*G1PointBytes]
	}
	return NewSRS(b)
}

// NumPoints reports how many points the SRS holds.
func (s *SRS) NumPoints() int { return len(s.raw) / G1PointBytes }

// MaxBlobBytes reports the largest blob the SRS can commit to.
func (s *SRS) MaxBlobBytes() int { return s.NumPoints() * G1PointBytes }

// G1 returns the first n points, parsing more of the SRS if needed. The
// returned slice is shared and must not be modified.
func (s *SRS) G1(n int) ([]bn254.G1Affine, error) {
	if n < 0 || n > s.NumPoints() {
		return nil, fmt.Errorf("%w: need %d points, have %d", ErrSRSTooSmall, n, s.NumPoints())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if n <= len(s.pts) {
		return s.pts[:n], nil
	}
	// Grow to the next power of two so that a run of growing blobs parses
	// each point once.
	target := min(nextPow2(n), s.NumPoints())
	pts := make([]bn254.G1Affine, target)
	copy(pts, s.pts)
	if err := parseG1(s.raw, pts, len(s.pts), target); err != nil {
		return nil, err
	}
	s.pts = pts
	return pts[:n], nil
}

// parseG1 decodes points [from, to) of raw into out, on all CPUs. It uses
// the same decoding as eigenda's kzg.ReadG1Points (G1Affine.SetBytes).
func parseG1(raw []byte, out []bn254.G1Affine, from, to int) error {
	workers := min(runtime.GOMAXPROCS(0), max(1, (to-from)/1024))
	errs := make(chan error, workers)
	step := (to - from + workers - 1) / workers
	for w := range workers {
		lo, hi := from+w*step, min(to, from+(w+1)*step)
		go func() {
			for i := lo; i < hi; i++ {
				if _, err := out[i].SetBytes(raw[i*G1PointBytes : (i+1)*G1PointBytes]); err != nil {
					errs <- fmt.Errorf("%w: point %d: %v", ErrMalformedSRS, i, err)
					return
				}
			}
			errs <- nil
		}()
	}
	var first error
	for range workers {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}

func nextPow2(n int) int {
	p := 1
	for p < n {
		p <<= 1
	}
	return p
}
