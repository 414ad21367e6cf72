package da

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fp"
)

// Mode selects how commitments travel over the HTTP API, as in
// eigenda-proxy's commitment_mode query parameter.
type Mode string

const (
	// ModeOptimismGeneric is the OP Stack alt-DA generic commitment
	// (0x01, 0x00 = EigenDA, then the standard bytes). It is the default.
	ModeOptimismGeneric Mode = "optimism_generic"
	// ModeStandard is the version byte followed by the body.
	ModeStandard Mode = "standard"
)

// Commitment byte-format constants; see the package documentation.
const (
	OPGenericCommitmentType byte = 0x01
	DALayerEigenDA          byte = 0x00
	// VersionDevKZG marks a provenet dev commitment that carries the KZG
	// commitment itself.
	VersionDevKZG byte = 0xD0

	devBodyLen = 1 + 4 + 4 + 32 + 32 // form, blob symbols, payload len, X, Y
	// DevCommitmentLen is the length of a VersionDevKZG commitment in
	// standard mode; optimism_generic mode adds two bytes.
	DevCommitmentLen = 1 + devBodyLen

	// maxCommitmentLen bounds opaque certificates (a real EigenDA V2
	// certificate is a few KiB).
	maxCommitmentLen = 64 << 10
	// maxBlobSymbols is EigenDA's largest blob (16 MiB).
	maxBlobSymbols = 1 << 19
)

// Form is the polynomial form of an encoded payload before commitment; the
// values equal eigenda's codecs.PolynomialForm.
type Form byte

const (
	// FormEval treats the encoded payload as evaluations and IFFTs it into
	// the blob (eigenda-proxy's default; allows point openings).
	FormEval Form = 0
	// FormCoeff uses the encoded payload as the blob directly.
	FormCoeff Form = 1
)

// Commitment identifies one blob. For VersionDevKZG it holds the decoded KZG
// commitment; for other versions Cert holds the opaque certificate bytes
// that followed the version byte.
type Commitment struct {
	Version     byte
	Form        Form
	BlobSymbols uint32 // blob length in 32-byte symbols (a power of two)
	PayloadLen  uint32 // payload length in bytes
	G1          bn254.G1Affine
	Cert        []byte // body of a non-dev commitment
}

// IsDevKZG reports whether the commitment carries its KZG commitment.
func (c Commitment) IsDevKZG() bool { return c.Version == VersionDevKZG }

// Standard returns the standard-mode bytes: version byte then body.
func (c Commitment) Standard() []byte {
	if !c.IsDevKZG() {
		return append([]byte{c.Version}, c.Cert...)
	}
	b := make([]byte, DevCommitmentLen)
	b[0] = c.Version
	b[1] = byte(c.Form)
	binary.BigEndian.PutUint32(b[2:6], c.BlobSymbols)
	binary.BigEndian.PutUint32(b[6:10], c.PayloadLen)
	x, y := c.G1.X.Bytes(), c.G1.Y.Bytes()
	copy(b[10:42], x[:])
	copy(b[42:74], y[:])
	return b
}

// OPGeneric returns the optimism_generic bytes: 0x01, 0x00, then Standard.
func (c Commitment) OPGeneric() []byte {
	return append([]byte{OPGenericCommitmentType, DALayerEigenDA}, c.Standard()...)
}

// Encode returns the bytes for mode (optimism_generic for any other value).
func (c Commitment) Encode(mode Mode) []byte {
	if mode == ModeStandard {
		return c.Standard()
	}
	return c.OPGeneric()
}

// String returns "0x" and the hex of the optimism_generic bytes, the form
// used in GET /get/ paths.
func (c Commitment) String() string { return "0x" + hex.EncodeToString(c.OPGeneric()) }

// Key returns the content address of the commitment: sha256 of the
// standard bytes, the same for both modes.
func (c Commitment) Key() [32]byte { return sha256.Sum256(c.Standard()) }

// Equal reports whether two commitments are identical.
func (c Commitment) Equal(o Commitment) bool { return bytes.Equal(c.Standard(), o.Standard()) }

// ParseMode parses a commitment_mode value; "" means optimism_generic.
func ParseMode(s string) (Mode, error) {
	switch Mode(s) {
	case "", ModeOptimismGeneric:
		return ModeOptimismGeneric, nil
	case ModeStandard:
		return ModeStandard, nil
	}
	return "", fmt.Errorf("%w: unknown commitment_mode %q", ErrMalformedCommitment, s)
}

// DecodeCommitment parses commitment bytes in the given mode. It never
// panics; malformed input yields ErrMalformedCommitment.
func DecodeCommitment(b []byte, mode Mode) (Commitment, error) {
	if mode != ModeStandard {
		if len(b) < 3 {
			return Commitment{}, fmt.Errorf("%w: %d bytes", ErrMalformedCommitment, len(b))
		}
		if b[0] != OPGenericCommitmentType {
			return Commitment{}, fmt.Errorf("%w: OP commitment type 0x%02x is not generic (0x01)", ErrMalformedCommitment, b[0])
		}
		if b[1] != DALayerEigenDA {
			return Commitment{}, fmt.Errorf("%w: DA layer byte 0x%02x is not EigenDA (0x00)", ErrMalformedCommitment, b[1])
		}
		b = b[2:]
	}
	if len(b) < 2 || len(b) > maxCommitmentLen {
		return Commitment{}, fmt.Errorf("%w: %d bytes", ErrMalformedCommitment, len(b))
	}
	if b[0] != VersionDevKZG {
		return Commitment{Version: b[0], Cert: bytes.Clone(b[1:])}, nil
	}
	return decodeDev(b)
}

func decodeDev(b []byte) (Commitment, error) {
	if len(b) != DevCommitmentLen {
		return Commitment{}, fmt.Errorf("%w: dev commitment is %d bytes, want %d", ErrMalformedCommitment, len(b), DevCommitmentLen)
	}
	c := Commitment{
		Version:     b[0],
		Form:        Form(b[1]),
		BlobSymbols: binary.BigEndian.Uint32(b[2:6]),
		PayloadLen:  binary.BigEndian.Uint32(b[6:10]),
	}
	if c.Form != FormEval && c.Form != FormCoeff {
		return Commitment{}, fmt.Errorf("%w: polynomial form %d", ErrMalformedCommitment, c.Form)
	}
	if c.BlobSymbols == 0 || c.BlobSymbols > maxBlobSymbols || c.BlobSymbols&(c.BlobSymbols-1) != 0 {
		return Commitment{}, fmt.Errorf("%w: blob length %d symbols", ErrMalformedCommitment, c.BlobSymbols)
	}
	if c.PayloadLen == 0 || blobSymbolsFor(int(c.PayloadLen)) != int(c.BlobSymbols) {
		return Commitment{}, fmt.Errorf("%w: payload length %d does not fit blob length %d", ErrMalformedCommitment, c.PayloadLen, c.BlobSymbols)
	}
	if err := setFp(&c.G1.X, b[10:42]); err != nil {
		return Commitment{}, err
	}
	if err := setFp(&c.G1.Y, b[42:74]); err != nil {
		return Commitment{}, err
	}
	if !c.G1.IsOnCurve() {
		return Commitment{}, fmt.Errorf("%w: point not on curve", ErrMalformedCommitment)
	}
	return c, nil
}

func setFp(e *fp.Element, b []byte) error {
	if err := e.SetBytesCanonical(b); err != nil {
		return fmt.Errorf("%w: coordinate: %v", ErrMalformedCommitment, err)
	}
	return nil
}

// ParseCommitmentHex parses the hex form used in URLs (optional 0x prefix).
func ParseCommitmentHex(s string, mode Mode) (Commitment, error) {
	s = strings.TrimPrefix(s, "0x")
	if len(s) > 2*(maxCommitmentLen+2) {
		return Commitment{}, fmt.Errorf("%w: too long", ErrMalformedCommitment)
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return Commitment{}, fmt.Errorf("%w: %v", ErrMalformedCommitment, err)
	}
	return DecodeCommitment(b, mode)
}

// blobSymbolsFor returns the blob length in symbols for a payload of n
// bytes: a 32-byte header plus one symbol per 31 payload bytes, rounded up
// to a power of two (as eigenda's Payload.ToBlob does).
func blobSymbolsFor(n int) int {
	return nextPow2(1 + (n+30)/31)
}

// MaxPayloadBytes returns the largest payload that fits a blob of
// blobBytes bytes.
func MaxPayloadBytes(blobBytes int) int {
	return (blobBytes/32 - 1) * 31
}
