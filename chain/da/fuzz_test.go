package da

import (
	"bytes"
	"testing"
)

func FuzzDecodeCommitment(f *testing.F) {
	c, err := DefaultSRS().Commit([]byte("seed payload"), FormEval)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(c.OPGeneric(), false)
	f.Add(c.Standard(), true)
	f.Add([]byte{0x01, 0x00, 0x01, 0xf9, 0x01}, false)
	f.Add([]byte{}, true)
	f.Add([]byte{0x01, 0xf8, 0x03, 0xc2, 0x80, 0x80, 0x80}, true)
	f.Fuzz(func(t *testing.T, b []byte, standard bool) {
		mode := ModeOptimismGeneric
		if standard {
			mode = ModeStandard
		}
		c, err := DecodeCommitment(b, mode)
		if err != nil {
			return
		}
		if !bytes.Equal(c.Encode(mode), b) {
			t.Fatalf("decode/encode not canonical: %x -> %x", b, c.Encode(mode))
		}
		_, _, _ = ProxyCertBlobCommitment(c) // must not panic on any certificate bytes
		c2, err := ParseCommitmentHex(c.String(), ModeOptimismGeneric)
		if err != nil || !c2.Equal(c) {
			t.Fatalf("hex round trip: %v", err)
		}
	})
}

func FuzzDecodeManifest(f *testing.F) {
	c, err := DefaultSRS().Commit([]byte("chunk"), FormEval)
	if err != nil {
		f.Fatal(err)
	}
	m := Manifest{Codec: CodecZstd, DataLen: 10, StreamLen: 5, Chunks: []Commitment{c, {Version: 1, Cert: []byte{1, 2}}}}
	b, _ := m.Encode()
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := DecodeManifest(b)
		if err != nil {
			return
		}
		out, err := m.Encode()
		if err != nil || !bytes.Equal(out, b) {
			t.Fatalf("manifest not canonical: %v", err)
		}
	})
}
