package attribution

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
)

// The serialized index, all integers little-endian:
//
//	magic    8 bytes "PNSAIDX\x00"
//	version  uint32 (indexVersion)
//	reserved uint32 (0)
//	n        uint64  text length, separators included
//	docs     uint64  number of records
//	text     n x int32   token+1, 0 after every record
//	sa       n x int32   suffix array
//	starts   docs x int32
//	refs     docs x (uint16 len, CID bytes, uint16 len, Datanet bytes, 20-byte contributor)
//	crc      uint32  CRC-32C (Castagnoli) of every byte before it
//
// About 8 bytes per token plus the record table.
const (
	indexMagic   = "PNSAIDX\x00"
	indexVersion = 1
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// WriteTo writes the index in the versioned binary format above.
func (ix *Index) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: bufio.NewWriterSize(w, 1<<16), h: crc32.New(castagnoli)}
	var hdr []byte
	hdr = append(hdr, indexMagic...)
	hdr = binary.LittleEndian.AppendUint32(hdr, indexVersion)
	hdr = binary.LittleEndian.AppendUint32(hdr, 0)
	hdr = binary.LittleEndian.AppendUint64(hdr, uint64(len(ix.text)))
	hdr = binary.LittleEndian.AppendUint64(hdr, uint64(len(ix.refs)))
	cw.write(hdr)
	cw.writeInt32s(ix.text)
	cw.writeInt32s(ix.sa)
	cw.writeInt32s(ix.starts)
	buf := make([]byte, 0, 2*MaxIDLen+32)
	for _, r := range ix.refs {
		if len(r.CID) > 0xffff || len(r.Datanet) > 0xffff {
			return cw.n, fmt.Errorf("%w: record id too long", ErrIndexFormat)
		}
		buf = buf[:0]
		buf = binary.LittleEndian.AppendUint16(buf, uint16(len(r.CID)))
		buf = append(buf, r.CID...)
		buf = binary.LittleEndian.AppendUint16(buf, uint16(len(r.Datanet)))
		buf = append(buf, r.Datanet...)
		buf = append(buf, r.Contributor[:]...)
		cw.write(buf)
	}
	cw.write(binary.LittleEndian.AppendUint32(nil, cw.h.Sum32()))
	if cw.err == nil {
		cw.err = cw.w.Flush()
	}
	return cw.n, cw.err
}

type countWriter struct {
	w   *bufio.Writer
	h   hash.Hash32
	n   int64
	err error
	buf []byte
}

func (c *countWriter) write(b []byte) {
	if c.err != nil {
		return
	}
	c.h.Write(b)
	var n int
	n, c.err = c.w.Write(b)
	c.n += int64(n)
}

func (c *countWriter) writeInt32s(v []int32) {
	const chunk = 1 << 14
	for len(v) > 0 {
		part := v[:min(len(v), chunk)]
		v = v[len(part):]
		c.buf = c.buf[:0]
		for _, x := range part {
			c.buf = binary.LittleEndian.AppendUint32(c.buf, uint32(x))
		}
		c.write(c.buf)
	}
}

// ReadIndex reads an index written by WriteTo. It fails with
// ErrIndexFormat on a wrong magic or version, a truncated stream, a
// checksum mismatch or inconsistent contents (token values out of range,
// records not separated as NewIndex lays them out, a suffix array that is
// not a permutation). It does not re-check the suffix order (the checksum
// guards against corruption); a bad order gives wrong matches, never a
// panic. Memory is allocated as the data arrives, so a lying header cannot
// force a huge allocation.
func ReadIndex(r io.Reader) (*Index, error) {
	cr := &crcReader{r: bufio.NewReaderSize(r, 1<<16), h: crc32.New(castagnoli)}
	hdr := make([]byte, 32)
	if err := cr.full(hdr); err != nil {
		return nil, err
	}
	if string(hdr[:8]) != indexMagic {
		return nil, fmt.Errorf("%w: bad magic", ErrIndexFormat)
	}
	if v := binary.LittleEndian.Uint32(hdr[8:]); v != indexVersion {
		return nil, fmt.Errorf("%w: version %d, want %d", ErrIndexFormat, v, indexVersion)
	}
	n, docs := binary.LittleEndian.Uint64(hdr[16:]), binary.LittleEndian.Uint64(hdr[24:])
	if n > MaxIndexTokens || docs > n {
		return nil, fmt.Errorf("%w: %d tokens, %d records", ErrIndexFormat, n, docs)
	}
	ix := &Index{}
	var err error
	if ix.text, err = cr.int32s(int(n)); err != nil {
		return nil, err
	}
	if ix.sa, err = cr.int32s(int(n)); err != nil {
		return nil, err
	}
	if ix.starts, err = cr.int32s(int(docs)); err != nil {
		return nil, err
	}
	for range docs {
		var ref RecordRef
		if ref.CID, err = cr.str(); err != nil {
			return nil, err
		}
		if ref.Datanet, err = cr.str(); err != nil {
			return nil, err
		}
		if err := cr.full(ref.Contributor[:]); err != nil {
			return nil, err
		}
		ix.refs = append(ix.refs, ref)
	}
	sum := cr.h.Sum32()
	var tail [4]byte
	if _, err := io.ReadFull(cr.r, tail[:]); err != nil {
		return nil, fmt.Errorf("%w: checksum: %v", ErrIndexFormat, err)
	}
	if binary.LittleEndian.Uint32(tail[:]) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrIndexFormat)
	}
	if err := ix.check(); err != nil {
		return nil, err
	}
	return ix, nil
}

// check verifies the layout NewIndex produces, so that searches stay in
// bounds.
func (ix *Index) check() error {
	n := len(ix.text)
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: %s", ErrIndexFormat, fmt.Sprintf(format, a...))
	}
	seps := 0
	for _, c := range ix.text {
		if c < 0 || c > MaxToken+1 {
			return bad("text value %d", c)
		}
		if c == 0 {
			seps++
		}
	}
	if seps != len(ix.starts) || (n > 0 && ix.text[n-1] != 0) {
		return bad("%d separators for %d records", seps, len(ix.starts))
	}
	for d, s := range ix.starts {
		if (d == 0 && s != 0) || (d > 0 && (s <= ix.starts[d-1] || ix.text[s-1] != 0)) || int(s) >= n {
			return bad("record %d starts at %d", d, s)
		}
	}
	seen := make([]uint64, (n+63)/64)
	for _, p := range ix.sa {
		if p < 0 || int(p) >= n || seen[p/64]&(1<<(p%64)) != 0 {
			return bad("suffix array entry %d", p)
		}
		seen[p/64] |= 1 << (p % 64)
	}
	return nil
}

type crcReader struct {
	r *bufio.Reader
	h hash.Hash32
}

func (c *crcReader) full(b []byte) error {
	if _, err := io.ReadFull(c.r, b); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return fmt.Errorf("%w: %v", ErrIndexFormat, err)
	}
	c.h.Write(b)
	return nil
}

func (c *crcReader) int32s(n int) ([]int32, error) {
	const chunk = 1 << 16
	out := make([]int32, 0, min(n, chunk))
	buf := make([]byte, 4*chunk)
	for len(out) < n {
		k := min(n-len(out), chunk)
		if err := c.full(buf[:4*k]); err != nil {
			return nil, err
		}
		for i := range k {
			out = append(out, int32(binary.LittleEndian.Uint32(buf[4*i:])))
		}
	}
	return out, nil
}

func (c *crcReader) str() (string, error) {
	var l [2]byte
	if err := c.full(l[:]); err != nil {
		return "", err
	}
	b := make([]byte, binary.LittleEndian.Uint16(l[:]))
	if err := c.full(b); err != nil {
		return "", err
	}
	return string(b), nil
}
