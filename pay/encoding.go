package pay

import (
	"fmt"
	"reflect"

	"github.com/ethereum/go-ethereum/common"
	"github.com/fxamacker/cbor/v2"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/internal/canon"
)

// MaxSignedBytes is the size limit of an encoded SignedAuthorization or
// SignedVoucher (a signed authorization is about 250 bytes).
const MaxSignedBytes = 512

// The CBOR modes are immutable and safe for concurrent use; they are built
// once from constant options, as in packages attribution and datanet.
var (
	encMode = mustEncMode()
	decMode = mustDecMode()
	strict  = canon.Strict{Enc: encMode, Dec: decMode, TooLarge: ErrTooLarge, Malformed: ErrMalformed}
)

func mustEncMode() cbor.EncMode {
	opts := cbor.CoreDetEncOptions()
	opts.NilContainers = cbor.NilContainerAsEmpty
	// Addresses and hashes are byte strings, not arrays of integers.
	opts.ByteArray = cbor.ByteArrayToByteSlice
	opts.BinaryMarshaler = cbor.BinaryMarshalerNone
	opts.TextMarshaler = cbor.TextMarshalerNone
	em, err := opts.EncMode()
	if err != nil {
		panic(fmt.Sprintf("pay: cbor encoder options: %v", err)) // constant options
	}
	return em
}

func mustDecMode() cbor.DecMode {
	dm, err := cbor.DecOptions{
		DupMapKey:         cbor.DupMapKeyEnforcedAPF,
		MaxNestedLevels:   4,
		MaxArrayElements:  16,
		MaxMapPairs:       16,
		IndefLength:       cbor.IndefLengthForbidden,
		TagsMd:            cbor.TagsForbidden,
		IntDec:            cbor.IntDecConvertNone,
		ExtraReturnErrors: cbor.ExtraDecErrorUnknownField,
		UTF8:              cbor.UTF8RejectInvalid,
		FieldNameMatching: cbor.FieldNameMatchingCaseSensitive,
		BinaryUnmarshaler: cbor.BinaryUnmarshalerNone,
		TextUnmarshaler:   cbor.TextUnmarshalerNone,
		DefaultMapType:    reflect.TypeOf(map[string]any(nil)),
	}.DecMode()
	if err != nil {
		panic(fmt.Sprintf("pay: cbor decoder options: %v", err)) // constant options
	}
	return dm
}

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
