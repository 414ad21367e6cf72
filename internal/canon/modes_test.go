package canon

import (
	"bytes"
	"encoding/hex"
	"errors"
	"testing"

	"github.com/fxamacker/cbor/v2"
)

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecModeRefusesDuplicateKeys(t *testing.T) {
	dm := DecMode(Limits{})
	dup := mustHex(t, "a261610161610261620a") // {"a":1,"a":2,"b":10}: three pairs, "a" twice
	dup[0] = 0xa3
	var o obj
	var de *cbor.DupMapKeyError
	if err := dm.Unmarshal(dup, &o); !errors.As(err, &de) {
		t.Fatalf("duplicate key into a struct: %v", err)
	}
	var m map[string]any
	if err := dm.Unmarshal(dup, &m); !errors.As(err, &de) {
		t.Fatalf("duplicate key into a map: %v", err)
	}
}

func TestDecModeRefusesUnknownFields(t *testing.T) {
	b, err := EncMode().Marshal(map[string]any{"a": 1, "z": 2})
	if err != nil {
		t.Fatal(err)
	}
	var o obj
	var ue *cbor.UnknownFieldError
	if err := DecMode(Limits{}).Unmarshal(b, &o); !errors.As(err, &ue) {
		t.Fatalf("unknown field: %v", err)
	}
	// Field names match case-sensitively: "A" is not field "a".
	upper := mustHex(t, "a1614101") // {"A":1}
	if err := DecMode(Limits{}).Unmarshal(upper, &o); !errors.As(err, &ue) {
		t.Fatalf("wrong-case field name: %v", err)
	}
	o = obj{}
	if err := DecModeAllowing(Limits{}, Allow{UnknownFields: true}).Unmarshal(b, &o); err != nil || o.A != 1 {
		t.Fatalf("Allow.UnknownFields: %v %+v", err, o)
	}
}

func TestDecModeLimits(t *testing.T) {
	l := Limits{MaxArrayElements: 16, MaxMapPairs: 16, MaxNestedLevels: 4}
	dm := DecMode(l)
	enc := EncMode()
	var arr []int
	ok, _ := enc.Marshal(make([]int, 16))
	if err := dm.Unmarshal(ok, &arr); err != nil {
		t.Fatalf("16 elements: %v", err)
	}
	big, _ := enc.Marshal(make([]int, 17))
	var me *cbor.MaxArrayElementsError
	if err := dm.Unmarshal(big, &arr); !errors.As(err, &me) {
		t.Fatalf("17 elements: %v", err)
	}
	pairs := map[int]int{}
	for i := range 17 {
		pairs[i] = i
	}
	mb, _ := enc.Marshal(pairs)
	var got map[int]int
	var mpe *cbor.MaxMapPairsError
	if err := dm.Unmarshal(mb, &got); !errors.As(err, &mpe) {
		t.Fatalf("17 map pairs: %v", err)
	}
	deep := mustHex(t, "8181818181") // [[[[[]]]]] with a level too many
	deep = append(deep, 0x80)
	var v any
	var ne *cbor.MaxNestedLevelError
	if err := dm.Unmarshal(deep, &v); !errors.As(err, &ne) {
		t.Fatalf("5 levels: %v", err)
	}
	if err := dm.Unmarshal(mustHex(t, "81818180"), &v); err != nil {
		t.Fatalf("4 levels: %v", err)
	}
}

func TestDecModeRefusesIndefiniteLengthAndTags(t *testing.T) {
	dm := DecMode(Limits{})
	var arr []int
	if err := dm.Unmarshal(mustHex(t, "9f01ff"), &arr); err == nil {
		t.Fatal("indefinite-length array accepted")
	}
	tagged := mustHex(t, "d82a420001") // tag 42 over a byte string
	var raw cbor.RawTag
	if err := dm.Unmarshal(tagged, &raw); err == nil {
		t.Fatal("tag accepted")
	}
	if err := DecModeAllowing(Limits{}, Allow{Tags: true}).Unmarshal(tagged, &raw); err != nil || raw.Number != 42 {
		t.Fatalf("Allow.Tags: %v %d", err, raw.Number)
	}
	var m any
	if err := dm.Unmarshal(mustHex(t, "a1616101"), &m); err != nil {
		t.Fatal(err)
	}
	if _, ok := m.(map[string]any); !ok {
		t.Fatalf("a map decodes into an interface as %T, want map[string]any", m)
	}
}

func TestDecModeBadLimitsPanic(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("MaxNestedLevels 1 did not panic")
		}
	}()
	DecMode(Limits{MaxNestedLevels: 1})
}

type binMarshaler struct{ X uint8 }

func (b binMarshaler) MarshalBinary() ([]byte, error) { return []byte{0xee}, nil }

func TestEncModeDeterministic(t *testing.T) {
	// Core deterministic: map keys sorted by their encoding (shorter first,
	// then bytewise), integers in their shortest form.
	m := map[string]int{"bb": 1, "c": 2, "a": 500}
	want := mustHex(t, "a3"+"6161"+"1901f4"+"6163"+"02"+"626262"+"01")
	for i := range 20 { // map iteration order varies; the encoding must not
		for name, em := range map[string]cbor.EncMode{"EncMode": EncMode(), "ObjectEncMode": ObjectEncMode()} {
			got, err := em.Marshal(m)
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("%s try %d: %x %v, want %x", name, i, got, err, want)
			}
		}
	}
	type withNil struct {
		L []int `cbor:"l"`
	}
	if got, _ := EncMode().Marshal(withNil{}); !bytes.Equal(got, mustHex(t, "a1616cf6")) {
		t.Fatalf("EncMode nil slice: %x, want null", got)
	}
	if got, _ := ObjectEncMode().Marshal(withNil{}); !bytes.Equal(got, mustHex(t, "a1616c80")) {
		t.Fatalf("ObjectEncMode nil slice: %x, want []", got)
	}
	if got, _ := EncMode().Marshal(binMarshaler{}); !bytes.Equal(got, mustHex(t, "41ee")) {
		t.Fatalf("EncMode BinaryMarshaler: %x", got)
	}
	if got, _ := ObjectEncMode().Marshal(binMarshaler{}); !bytes.Equal(got, mustHex(t, "a1615800")) {
		t.Fatalf("ObjectEncMode ignores BinaryMarshaler: %x", got)
	}
	if got, _ := ObjectEncMode().Marshal([3]byte{1, 2, 3}); !bytes.Equal(got, mustHex(t, "43010203")) {
		t.Fatalf("ObjectEncMode byte array: %x", got)
	}
}
