package canon

import (
	"errors"
	"testing"
)

var (
	errBig = errors.New("too large")
	errBad = errors.New("malformed")
)

func strict(t *testing.T) Strict {
	t.Helper()
	return Strict{Enc: EncMode(), Dec: DecMode(Limits{}), TooLarge: errBig, Malformed: errBad}
}

type obj struct {
	A uint64 `cbor:"a"`
	B string `cbor:"b"`
}

func TestDecode(t *testing.T) {
	s := strict(t)
	good, _ := s.Enc.Marshal(obj{A: 1, B: "x"})
	var o obj
	if err := s.Decode(good, 64, &o); err != nil || o.A != 1 || o.B != "x" {
		t.Fatalf("canonical bytes: %v %+v", err, o)
	}
	if err := s.Decode(good, 2, &o); !errors.Is(err, errBig) {
		t.Fatalf("over the cap: %v", err)
	}
	// 1 encoded in two bytes (0x18 0x01) instead of one: decodes, but is
	// not canonical.
	long := []byte{0xa2, 0x61, 'a', 0x18, 0x01, 0x61, 'b', 0x61, 'x'}
	if err := s.Decode(long, 64, &o); !errors.Is(err, errBad) {
		t.Fatalf("non-canonical integer: %v", err)
	}
	if err := s.Decode(append(good, 0), 64, &o); !errors.Is(err, errBad) {
		t.Fatalf("trailing byte: %v", err)
	}
	unknown, _ := s.Enc.Marshal(map[string]any{"a": 1, "b": "x", "c": 2})
	if err := s.Decode(unknown, 64, &o); !errors.Is(err, errBad) {
		t.Fatalf("unknown field: %v", err)
	}
}
