package datanet

import (
	"crypto/sha256"
	"errors"
	"fmt"

	"github.com/fxamacker/cbor/v2"
	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"

	"github.com/provenet/provenet/internal/canon"
)

// The CBOR modes are immutable and safe for concurrent use; they are built
// once by internal/canon. Tags are allowed, for the dag-cbor tag-42 links;
// any other tag fails the re-encode check of canon.Strict.
var (
	encMode = canon.ObjectEncMode()
	decMode = canon.DecModeAllowing(canon.Limits{MaxArrayElements: MaxValidators, MaxMapPairs: 16, MaxNestedLevels: 4},
		canon.Allow{Tags: true})
)

// CID parameters: CIDv1, dag-cbor, sha2-256.
const (
	codecDagCBOR = cid.DagCBOR
	cidLen       = 36 // version, codec, hash code, hash length, 32-byte digest
)

// cidOf returns the CIDv1 (dag-cbor, sha2-256) of a block.
func cidOf(block []byte) cid.Cid {
	sum := sha256.Sum256(block)
	mh, err := multihash.Encode(sum[:], multihash.SHA2_256)
	if err != nil {
		return cid.Undef // cannot happen for sha2-256 with a 32-byte digest
	}
	return cid.NewCidV1(codecDagCBOR, mh)
}

// checkCID accepts only the CID form this package produces.
func checkCID(c cid.Cid) error {
	if !c.Defined() {
		return errors.New("undefined CID")
	}
	p := c.Prefix()
	if p.Version != 1 || p.Codec != codecDagCBOR || p.MhType != multihash.SHA2_256 || p.MhLength != sha256.Size {
		return fmt.Errorf("CID %s is not CIDv1 dag-cbor sha2-256", c)
	}
	return nil
}

// cborTag42 is the dag-cbor link tag: 0xd8 0x2a.
const cborTag42 = 42

// link is a CID encoded as a dag-cbor link: tag 42 over a byte string that
// holds a zero byte (the identity multibase prefix) and the binary CID.
type link struct{ c cid.Cid }

// MarshalCBOR implements cbor.Marshaler.
func (l link) MarshalCBOR() ([]byte, error) {
	if !l.c.Defined() {
		return nil, errors.New("undefined CID")
	}
	raw := l.c.Bytes()
	content := make([]byte, 0, len(raw)+1)
	content = append(content, 0)
	content = append(content, raw...)
	return encMode.Marshal(cbor.Tag{Number: cborTag42, Content: content})
}

// UnmarshalCBOR implements cbor.Unmarshaler.
func (l *link) UnmarshalCBOR(data []byte) error {
	var tag cbor.RawTag
	if err := decMode.Unmarshal(data, &tag); err != nil {
		return fmt.Errorf("link: %w", err)
	}
	if tag.Number != cborTag42 {
		return fmt.Errorf("link: tag %d, want 42", tag.Number)
	}
	var b []byte
	if err := decMode.Unmarshal(tag.Content, &b); err != nil {
		return fmt.Errorf("link: %w", err)
	}
	if len(b) < 2 || b[0] != 0 {
		return errors.New("link: missing identity multibase prefix")
	}
	c, err := cid.Cast(b[1:])
	if err != nil {
		return fmt.Errorf("link: %w", err)
	}
	l.c = c
	return nil
}

// strict is the one-encoding check (internal/canon) with this package's
// modes and errors.
var strict = canon.Strict{Enc: encMode, Dec: decMode, TooLarge: ErrTooLarge, Malformed: ErrMalformed}

func decodeStrict(data []byte, maxLen int, v any) error { return strict.Decode(data, maxLen, v) }
