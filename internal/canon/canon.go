// Package canon holds the one rule every signed or content-addressed object
// of provenet follows: it has exactly one encoding. Decode accepts bytes
// only if they decode under a strict CBOR mode and re-encode to the very
// same bytes under the canonical one. It also builds every CBOR mode of the
// tree (EncMode, ObjectEncMode, DecMode): each package keeps only its own
// size limits and the exceptions it names in Allow.
package canon

import (
	"bytes"
	"fmt"

	"github.com/fxamacker/cbor/v2"
)

// Strict decodes one package's objects. TooLarge and Malformed are that
// package's sentinel errors, so callers keep matching them with errors.Is.
type Strict struct {
	Enc       cbor.EncMode
	Dec       cbor.DecMode
	TooLarge  error
	Malformed error
}

// Decode decodes data (at most maxLen bytes) into v and checks that v
// re-encodes to exactly data. Trailing bytes, unknown or duplicate fields
// (as the decoder's options forbid) and non-canonical forms are Malformed.
func (s Strict) Decode(data []byte, maxLen int, v any) error {
	if len(data) > maxLen {
		return fmt.Errorf("%w: %d bytes, limit %d", s.TooLarge, len(data), maxLen)
	}
	if err := s.Dec.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%w: %v", s.Malformed, err)
	}
	again, err := s.Enc.Marshal(v)
	if err != nil {
		return fmt.Errorf("%w: re-encode: %v", s.Malformed, err)
	}
	if !bytes.Equal(again, data) {
		return fmt.Errorf("%w: not the canonical encoding", s.Malformed)
	}
	return nil
}
