package da

import (
	"bytes"
	"testing"

	"github.com/Layr-Labs/eigenda/api/clients/codecs"
	"github.com/Layr-Labs/eigenda/api/clients/v2/coretypes"
	"github.com/Layr-Labs/eigenda/api/clients/v2/verification"
)

// TestParityWithEigenDA checks blobs and commitments against eigenda's own
// coretypes.Payload.ToBlob and verification.GenerateBlobCommitment, and that
// eigenda's Blob.ToPayload decodes our blobs back.
func TestParityWithEigenDA(t *testing.T) {
	srs := DefaultSRS()
	forms := map[Form]codecs.PolynomialForm{FormEval: codecs.PolynomialFormEval, FormCoeff: codecs.PolynomialFormCoeff}
	for form, pf := range forms {
		for _, n := range []int{1, 30, 31, 32, 62, 1000, 31 * 127, 31*127 + 1, 100_000} {
			payload := randBytes(uint64(n), n)
			ours, symbols, err := EncodeBlob(payload, form)
			if err != nil {
				t.Fatal(err)
			}
			blob, err := coretypes.NewPayload(payload).ToBlob(pf)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(ours, blob.Serialize()) || symbols != blob.BlobLengthSymbols() {
				t.Fatalf("form %d, %d bytes: blob differs from eigenda's", form, n)
			}
			pts, err := srs.G1(int(symbols))
			if err != nil {
				t.Fatal(err)
			}
			want, err := verification.GenerateBlobCommitment(pts, blob.Serialize())
			if err != nil {
				t.Fatal(err)
			}
			c, err := srs.Commit(payload, form)
			if err != nil {
				t.Fatal(err)
			}
			if !c.G1.X.Equal(&want.X) || !c.G1.Y.Equal(&want.Y) {
				t.Fatalf("form %d, %d bytes: commitment differs from eigenda's", form, n)
			}
			back, err := coretypes.DeserializeBlob(ours, symbols)
			if err != nil {
				t.Fatal(err)
			}
			p, err := back.ToPayload(pf)
			if err != nil || !bytes.Equal(p.Serialize(), payload) {
				t.Fatalf("form %d, %d bytes: eigenda cannot decode our blob: %v", form, n, err)
			}
		}
	}
}
