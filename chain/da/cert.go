package da

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/ethereum/go-ethereum/rlp"
)

// VersionProxyCertV2 is the version byte eigenda-proxy puts before an
// RLP-encoded EigenDA V2 certificate (eigenda's coretypes.EigenDACert).
const VersionProxyCertV2 byte = 0x01

// proxyCertV2 mirrors the RLP layout of eigenda v0.9.2's
// coretypes.EigenDACert up to the blob commitment; the rest is kept raw.
// (Importing coretypes would pull in its gRPC and AWS dependencies;
// cert_test.go encodes with the real type.)
type proxyCertV2 struct {
	BlobInclusionInfo struct {
		BlobCertificate struct {
			BlobHeader struct {
				Version       uint16
				QuorumNumbers []byte
				Commitment    struct {
					Commitment       struct{ X, Y *big.Int }
					LengthCommitment rlp.RawValue
					LengthProof      rlp.RawValue
					Length           uint32
				}
				PaymentHeaderHash [32]byte
			}
			Signature []byte
			RelayKeys []uint32
		}
		BlobIndex      uint32
		InclusionProof []byte
	}
	BatchHeader                 rlp.RawValue
	NonSignerStakesAndSignature rlp.RawValue
	SignedQuorumNumbers         []byte
}

// ProxyCertBlobCommitment extracts the blob's KZG commitment and length in
// symbols from a real eigenda-proxy V2 certificate (version 0x01). It does
// not check the certificate's signatures or its inclusion on chain; that is
// the proxy's and the rollup's job.
func ProxyCertBlobCommitment(c Commitment) (bn254.G1Affine, uint32, error) {
	if c.Version != VersionProxyCertV2 {
		return bn254.G1Affine{}, 0, fmt.Errorf("%w: version 0x%02x", ErrUnverifiable, c.Version)
	}
	var cert proxyCertV2
	if err := rlp.DecodeBytes(c.Cert, &cert); err != nil {
		return bn254.G1Affine{}, 0, fmt.Errorf("%w: RLP EigenDA V2 cert: %v", ErrMalformedCommitment, err)
	}
	bc := cert.BlobInclusionInfo.BlobCertificate.BlobHeader.Commitment
	var g1 bn254.G1Affine
	if err := setBig(&g1, bc.Commitment.X, bc.Commitment.Y); err != nil {
		return bn254.G1Affine{}, 0, err
	}
	return g1, bc.Length, nil
}

func setBig(p *bn254.G1Affine, x, y *big.Int) error {
	if x == nil || y == nil {
		return fmt.Errorf("%w: cert commitment has no point", ErrMalformedCommitment)
	}
	var xb, yb [32]byte
	if x.Sign() < 0 || y.Sign() < 0 || x.BitLen() > 256 || y.BitLen() > 256 {
		return fmt.Errorf("%w: cert commitment coordinate out of range", ErrMalformedCommitment)
	}
	x.FillBytes(xb[:])
	y.FillBytes(yb[:])
	if err := setFp(&p.X, xb[:]); err != nil {
		return err
	}
	if err := setFp(&p.Y, yb[:]); err != nil {
		return err
	}
	if !p.IsOnCurve() {
		return fmt.Errorf("%w: cert commitment not on curve", ErrMalformedCommitment)
	}
	return nil
}

// verifyProxyCert checks payload against a V2 certificate's blob commitment,
// in evaluation form (eigenda-proxy's default) and then coefficient form.
func (s *SRS) verifyProxyCert(c Commitment, payload []byte) error {
	g1, symbols, err := ProxyCertBlobCommitment(c)
	if err != nil {
		return err
	}
	if len(payload) == 0 {
		return fmt.Errorf("%w: empty payload", ErrCommitmentMismatch)
	}
	if uint32(blobSymbolsFor(len(payload))) > symbols {
		return fmt.Errorf("%w: payload of %d bytes does not fit a blob of %d symbols", ErrCommitmentMismatch, len(payload), symbols)
	}
	for _, form := range []Form{FormEval, FormCoeff} {
		got, err := s.Commit(payload, form)
		if err != nil {
			return err
		}
		if got.G1.Equal(&g1) {
			return nil
		}
	}
	return fmt.Errorf("%w: payload does not match the certificate's KZG commitment", ErrCommitmentMismatch)
}

// VerifyAny verifies payload against a VersionDevKZG commitment or a proxy
// V2 certificate; other versions give ErrUnverifiable.
func (s *SRS) VerifyAny(c Commitment, payload []byte) error {
	if c.Version == VersionProxyCertV2 {
		return s.verifyProxyCert(c, payload)
	}
	return s.Verify(c, payload)
}
