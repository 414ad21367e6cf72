package canon

import (
	"fmt"
	"reflect"

	"github.com/fxamacker/cbor/v2"
)

// The constructors below are the tree's only CBOR mode setups. Their
// options are constants, so an error building a mode is a programming
// error: they panic rather than return it. The modes they return are
// immutable and safe for concurrent use; build each once, at package level.

// EncMode is core deterministic encoding (RFC 8949 section 4.2.1: shortest
// forms, map keys sorted, no indefinite lengths) and nothing else: nil
// slices and maps encode as null and a type's encoding.BinaryMarshaler is
// used. It encodes node's own wire and stored objects (gossip frames,
// epoch batches, the sync protocols), whose bytes are anchored and
// exchanged as they are, so these defaults must not change.
func EncMode() cbor.EncMode {
	return mustEnc(cbor.CoreDetEncOptions())
}

// ObjectEncMode is EncMode for the signed and content-addressed objects of
// packages attribution, pay, datanet and tasks (dag-cbor rules): nil slices
// and maps encode as empty ones, never null, byte arrays as byte strings,
// and Go's Binary/TextMarshaler are ignored, so an object's encoding is
// that of its fields (a cbor.Marshaler, such as datanet's tag-42 link, is
// still used). It differs from EncMode only where a field is nil or a type
// has such a marshaler.
func ObjectEncMode() cbor.EncMode {
	opts := cbor.CoreDetEncOptions()
	opts.NilContainers = cbor.NilContainerAsEmpty
	opts.ByteArray = cbor.ByteArrayToByteSlice
	opts.BinaryMarshaler = cbor.BinaryMarshalerNone
	opts.TextMarshaler = cbor.TextMarshalerNone
	return mustEnc(opts)
}

func mustEnc(opts cbor.EncOptions) cbor.EncMode {
	em, err := opts.EncMode()
	if err != nil {
		panic(fmt.Sprintf("canon: cbor encoder options: %v", err)) // constant options
	}
	return em
}

// Limits bound what one decode may hold. Each site sets its own; a zero
// field means the cbor library's default (arrays and maps 131072, nesting
// 32). cbor refuses values below its minimums (16, 16, 4) or above its
// maximums, and DecMode then panics.
type Limits struct {
	MaxArrayElements int
	MaxMapPairs      int
	MaxNestedLevels  int
}

// Allow relaxes the strict mode, one documented exception per field.
type Allow struct {
	// Tags accepts CBOR tags (datanet's tag-42 links). Its strict check
	// refuses any tag its re-encoding does not reproduce.
	Tags bool
	// UnknownFields ignores map keys that name no struct field instead of
	// refusing them (a message a newer peer may extend, or attribution's
	// peek at the version of a refused receipt).
	UnknownFields bool
}

// DecMode is the strict decode mode within l: duplicate map keys,
// fields no struct names, indefinite lengths and tags are refused; field
// names match case-sensitively; integers are not converted; invalid UTF-8
// is refused; Binary/TextUnmarshaler are not used (the inverse of
// ObjectEncMode); maps decoded into an interface are map[string]any.
// Pair it with Strict to also refuse every non-canonical encoding.
func DecMode(l Limits) cbor.DecMode { return DecModeAllowing(l, Allow{}) }

// DecModeAllowing is DecMode with the exceptions in a.
func DecModeAllowing(l Limits, a Allow) cbor.DecMode {
	opts := cbor.DecOptions{
		DupMapKey:         cbor.DupMapKeyEnforcedAPF,
		MaxNestedLevels:   l.MaxNestedLevels,
		MaxArrayElements:  l.MaxArrayElements,
		MaxMapPairs:       l.MaxMapPairs,
		IndefLength:       cbor.IndefLengthForbidden,
		TagsMd:            cbor.TagsForbidden,
		IntDec:            cbor.IntDecConvertNone,
		ExtraReturnErrors: cbor.ExtraDecErrorUnknownField,
		UTF8:              cbor.UTF8RejectInvalid,
		FieldNameMatching: cbor.FieldNameMatchingCaseSensitive,
		BinaryUnmarshaler: cbor.BinaryUnmarshalerNone,
		TextUnmarshaler:   cbor.TextUnmarshalerNone,
		DefaultMapType:    reflect.TypeOf(map[string]any(nil)),
	}
	if a.Tags {
		opts.TagsMd = cbor.TagsAllowed
	}
	if a.UnknownFields {
		opts.ExtraReturnErrors = cbor.ExtraDecErrorNone
	}
	dm, err := opts.DecMode()
	if err != nil {
		panic(fmt.Sprintf("canon: cbor decoder options: %v", err)) // constant options
	}
	return dm
}
