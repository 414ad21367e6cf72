package attribution

import (
	"fmt"
	"reflect"

	"github.com/fxamacker/cbor/v2"

	"github.com/provenet/provenet/internal/canon"
)

// Size limits of a receipt.
const (
	MaxReceiptBytes = 64 << 10
	MaxAdapters     = 16
	MaxRecords      = 256
	MaxCitations    = 64
	// MaxIDLen bounds RequestID and every CID or datanet string.
	MaxIDLen = 128
	// MaxTokens bounds PromptTokens and OutputTokens each.
	MaxTokens = 1 << 22
)

// The CBOR modes are immutable and safe for concurrent use; they are built
// once from constant options, as in packages datanet and tasks.
var (
	encMode  = mustEncMode()
	decMode  = mustDecMode()
	peekMode = mustPeekMode()
)

func mustEncMode() cbor.EncMode {
	opts := cbor.CoreDetEncOptions()
	opts.NilContainers = cbor.NilContainerAsEmpty
	// Addresses and hashes are byte strings, never arrays of integers, and
	// common.Address's text form is not used.
	opts.ByteArray = cbor.ByteArrayToByteSlice
	opts.BinaryMarshaler = cbor.BinaryMarshalerNone
	opts.TextMarshaler = cbor.TextMarshalerNone
	em, err := opts.EncMode()
	if err != nil {
		panic(fmt.Sprintf("attribution: cbor encoder options: %v", err)) // constant options
	}
	return em
}

func mustDecMode() cbor.DecMode {
	dm, err := cbor.DecOptions{
		DupMapKey:         cbor.DupMapKeyEnforcedAPF,
		MaxNestedLevels:   4,
		MaxArrayElements:  1024,
		MaxMapPairs:       32,
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
		panic(fmt.Sprintf("attribution: cbor decoder options: %v", err)) // constant options
	}
	return dm
}

// mustPeekMode is decMode that ignores unknown fields: it reads the version
// of a receipt that the strict mode refused.
func mustPeekMode() cbor.DecMode {
	opts := decMode.DecOptions()
	opts.ExtraReturnErrors = cbor.ExtraDecErrorNone
	dm, err := opts.DecMode()
	if err != nil {
		panic(fmt.Sprintf("attribution: cbor decoder options: %v", err)) // constant options
	}
	return dm
}

// DecodeReceipt decodes a receipt strictly: data must be at most
// MaxReceiptBytes, one CBOR item with no trailing bytes, no unknown or
// duplicate fields, and exactly the canonical encoding of the decoded
// receipt (decoded, re-encoded and compared byte for byte), and the receipt
// must pass Validate. Errors wrap ErrTooLarge or ErrMalformed; a receipt of
// another version (version 1 had other fields) also wraps ErrVersion. It
// does not check the signature: call Verify.
func DecodeReceipt(data []byte) (*Receipt, error) {
	r := new(Receipt)
	if err := strict.Decode(data, MaxReceiptBytes, r); err != nil {
		var v struct {
			Version *uint8 `cbor:"v"`
		}
		if len(data) <= MaxReceiptBytes && peekMode.Unmarshal(data, &v) == nil && v.Version != nil && *v.Version != ReceiptVersion {
			return nil, versionError(*v.Version)
		}
		return nil, err
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return r, nil
}

// strict is the one-encoding check (internal/canon) with this package's
// modes and errors.
var strict = canon.Strict{Enc: encMode, Dec: decMode, TooLarge: ErrTooLarge, Malformed: ErrMalformed}
