package da

import (
	"encoding/binary"
	"fmt"
)

// Manifest lists the blobs of one batch. Its encoding (all integers
// big-endian) is:
//
//	[0:4]    magic "PVDM"
//	[4]      manifest version 0x01
//	[5]      codec: 0x00 none, 0x01 zstd
//	[6:14]   uint64 length of the batch data (uncompressed)
//	[14:46]  sha256 of the batch data (uncompressed)
//	[46:54]  uint64 length of the stream (the data after the codec)
//	[54:58]  uint32 n, the number of chunks
//	then n times: uint16 length L, then L bytes of the chunk's standard-mode
//	commitment
//
// The stream is cut into chunks in order; chunk i is the payload of blob i.
// Nothing may follow the last chunk.
type Manifest struct {
	Codec      byte
	DataLen    uint64
	DataSHA256 [32]byte
	StreamLen  uint64
	Chunks     []Commitment
}

// Manifest constants.
const (
	manifestMagic          = "PVDM"
	manifestVersion        = 0x01
	manifestHeaderLen      = 58
	CodecNone         byte = 0x00
	CodecZstd         byte = 0x01
)

// Encode returns the manifest bytes.
func (m Manifest) Encode() ([]byte, error) {
	b := make([]byte, manifestHeaderLen, manifestHeaderLen+len(m.Chunks)*(2+DevCommitmentLen))
	copy(b, manifestMagic)
	b[4] = manifestVersion
	b[5] = m.Codec
	binary.BigEndian.PutUint64(b[6:14], m.DataLen)
	copy(b[14:46], m.DataSHA256[:])
	binary.BigEndian.PutUint64(b[46:54], m.StreamLen)
	binary.BigEndian.PutUint32(b[54:58], uint32(len(m.Chunks)))
	for _, c := range m.Chunks {
		cb := c.Standard()
		if len(cb) > maxCommitmentLen {
			return nil, fmt.Errorf("%w: chunk commitment of %d bytes", ErrMalformedManifest, len(cb))
		}
		b = binary.BigEndian.AppendUint16(b, uint16(len(cb)))
		b = append(b, cb...)
	}
	return b, nil
}

// DecodeManifest parses manifest bytes. It never panics.
func DecodeManifest(b []byte) (Manifest, error) {
	if len(b) < manifestHeaderLen || string(b[:4]) != manifestMagic {
		return Manifest{}, fmt.Errorf("%w: bad header", ErrMalformedManifest)
	}
	if b[4] != manifestVersion {
		return Manifest{}, fmt.Errorf("%w: version %d", ErrMalformedManifest, b[4])
	}
	m := Manifest{
		Codec:     b[5],
		DataLen:   binary.BigEndian.Uint64(b[6:14]),
		StreamLen: binary.BigEndian.Uint64(b[46:54]),
	}
	copy(m.DataSHA256[:], b[14:46])
	if m.Codec != CodecNone && m.Codec != CodecZstd {
		return Manifest{}, fmt.Errorf("%w: codec %d", ErrMalformedManifest, m.Codec)
	}
	if m.Codec == CodecNone && m.StreamLen != m.DataLen {
		return Manifest{}, fmt.Errorf("%w: stream length %d != data length %d without codec", ErrMalformedManifest, m.StreamLen, m.DataLen)
	}
	n := binary.BigEndian.Uint32(b[54:58])
	rest := b[manifestHeaderLen:]
	if uint64(n) > uint64(len(rest))/4 { // each entry takes at least 2+2 bytes
		return Manifest{}, fmt.Errorf("%w: %d chunks in %d bytes", ErrMalformedManifest, n, len(rest))
	}
	m.Chunks = make([]Commitment, 0, n)
	for i := range n {
		if len(rest) < 2 {
			return Manifest{}, fmt.Errorf("%w: chunk %d truncated", ErrMalformedManifest, i)
		}
		l := int(binary.BigEndian.Uint16(rest))
		rest = rest[2:]
		if l > len(rest) {
			return Manifest{}, fmt.Errorf("%w: chunk %d truncated", ErrMalformedManifest, i)
		}
		c, err := DecodeCommitment(rest[:l], ModeStandard)
		if err != nil {
			return Manifest{}, fmt.Errorf("%w: chunk %d: %w", ErrMalformedManifest, i, err)
		}
		m.Chunks = append(m.Chunks, c)
		rest = rest[l:]
	}
	if len(rest) != 0 {
		return Manifest{}, fmt.Errorf("%w: %d trailing bytes", ErrMalformedManifest, len(rest))
	}
	return m, nil
}
