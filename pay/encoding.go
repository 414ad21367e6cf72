package pay

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/internal/canon"
)

// MaxSignedBytes is the size limit of an encoded SignedAuthorization or
// SignedVoucher (a signed authorization is about 250 bytes).
const MaxSignedBytes = 512

// The CBOR modes are immutable and safe for concurrent use; they are built
// once by internal/canon, as in packages attribution and datanet.
var (
	encMode = canon.ObjectEncMode()
	decMode = canon.DecMode(canon.Limits{MaxArrayElements: 16, MaxMapPairs: 16, MaxNestedLevels: 4})
	strict  = canon.Strict{Enc: encMode, Dec: decMode, TooLarge: ErrTooLarge, Malformed: ErrMalformed}
)

// Encode returns the canonical CBOR encoding of sa: one map with the
// Authorization's keys and "sig".
func (sa SignedAuthorization) Encode() ([]byte, error) {
	if err := sa.check(); err != nil {
		return nil, err
	}
	return encode(sa)
}

// DecodeSignedAuthorization decodes sa strictly: at most MaxSignedBytes,
// one canonical CBOR map, no unknown or duplicate fields, non-zero payer
// and operator, a SignatureLen signature. It does not check the
// signature. Errors wrap ErrTooLarge or ErrMalformed.
func DecodeSignedAuthorization(data []byte) (SignedAuthorization, error) {
	var sa SignedAuthorization
	if err := strict.Decode(data, MaxSignedBytes, &sa); err != nil {
		return SignedAuthorization{}, err
	}
	if err := sa.check(); err != nil {
		return SignedAuthorization{}, err
	}
	return sa, nil
}

func (sa SignedAuthorization) check() error {
	return checkShape(sa.Payer, sa.Operator, sa.Sig)
}

// Encode returns the canonical CBOR encoding of sv.
func (sv SignedVoucher) Encode() ([]byte, error) {
	if err := sv.check(); err != nil {
		return nil, err
	}
	return encode(sv)
}

// DecodeSignedVoucher decodes sv strictly, as DecodeSignedAuthorization.
func DecodeSignedVoucher(data []byte) (SignedVoucher, error) {
	var sv SignedVoucher
	if err := strict.Decode(data, MaxSignedBytes, &sv); err != nil {
		return SignedVoucher{}, err
	}
	if err := sv.check(); err != nil {
		return SignedVoucher{}, err
	}
	return sv, nil
}

func (sv SignedVoucher) check() error { return checkShape(sv.Payer, sv.Operator, sv.Sig) }

func checkShape(payer, operator common.Address, sig []byte) error {
	if payer == (common.Address{}) || operator == (common.Address{}) {
		return fmt.Errorf("%w: zero payer or operator", ErrMalformed)
	}
	if len(sig) != account.SignatureLen {
		return fmt.Errorf("%w: signature of %d bytes, want %d", ErrMalformed, len(sig), account.SignatureLen)
	}
	return nil
}

func encode(v any) ([]byte, error) {
	b, err := encMode.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("%w: encode: %v", ErrMalformed, err)
	}
	if len(b) > MaxSignedBytes {
		return nil, fmt.Errorf("%w: %d bytes", ErrTooLarge, len(b))
	}
	return b, nil
}
