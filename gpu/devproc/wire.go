package devproc

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"unsafe"
)

// ErrProtocol is a malformed message between the daemon and its worker.
var ErrProtocol = errors.New("devproc: protocol error")

// Message types, daemon → worker.
const (
	msgOpen    byte = 1 // spec, then the weights
	msgAdapter byte = 2 // one adapter's matrices, under an id
	msgStep    byte = 3 // one batch; answered with the logits
	msgForget  byte = 4 // an adapter id the daemon no longer sends
)

// Answer status, worker → daemon.
const (
	statusOK       byte = 0
	statusErr      byte = 1 // an error message follows
	statusNoDevice byte = 2 // the backend's hardware is absent
)

// nilLen marks a nil slice (as opposed to an empty one).
const nilLen = math.MaxUint64

// maxSlice bounds one decoded slice (values), so that a corrupt length
// cannot ask for more memory than any model here has (2^34 floats, the KV
// cache's own bound).
const maxSlice = 1 << 34

type writer struct {
	w   *bufio.Writer
	buf [8]byte
}

func (w *writer) u8(v byte) { _ = w.w.WriteByte(v) }
func (w *writer) u64(v uint64) {
	binary.LittleEndian.PutUint64(w.buf[:], v)
	_, _ = w.w.Write(w.buf[:])
}
func (w *writer) i32(v int32)   { w.u64(uint64(uint32(v))) }
func (w *writer) f32(v float32) { w.u64(uint64(math.Float32bits(v))) }
func (w *writer) str(s string) {
	w.u64(uint64(len(s)))
	_, _ = w.w.WriteString(s)
}

func raw[T float32 | uint16 | int32](w *writer, s []T) {
	if s == nil {
		w.u64(nilLen)
		return
	}
	w.u64(uint64(len(s)))
	if len(s) > 0 {
		_, _ = w.w.Write(unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*int(unsafe.Sizeof(s[0]))))
	}
}

func (w *writer) flush() error { return w.w.Flush() }

type reader struct {
	r   *bufio.Reader
	buf [8]byte
	err error
}

func (r *reader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

func (r *reader) u8() byte {
	if r.err != nil {
		return 0
	}
	b, err := r.r.ReadByte()
	r.fail(err)
	return b
}

func (r *reader) u64() uint64 {
	if r.err != nil {
		return 0
	}
	if _, err := io.ReadFull(r.r, r.buf[:]); err != nil {
		r.fail(err)
		return 0
	}
	return binary.LittleEndian.Uint64(r.buf[:])
}

func (r *reader) i32() int32   { return int32(uint32(r.u64())) }
func (r *reader) f32() float32 { return math.Float32frombits(uint32(r.u64())) }
func (r *reader) int() int {
	v := r.u64()
	if v > maxSlice {
		r.fail(fmt.Errorf("%w: count %d", ErrProtocol, v))
		return 0
	}
	return int(v)
}

func (r *reader) str() string {
	n := r.int()
	if r.err != nil || n > 1<<20 {
		r.fail(fmt.Errorf("%w: string of %d bytes", ErrProtocol, n))
		return ""
	}
	b := make([]byte, n)
	_, err := io.ReadFull(r.r, b)
	r.fail(err)
	return string(b)
}

// readRaw reads a slice into dst's memory when it fits (reused across
// steps), else into new memory that grows with the bytes that actually
// arrive, so that a corrupt length fails at the end of the stream
// instead of allocating what it claims.
func readRaw[T float32 | uint16 | int32](r *reader, dst []T) []T {
	n := r.u64()
	if r.err != nil || n == nilLen {
		return nil
	}
	if n > maxSlice {
		r.fail(fmt.Errorf("%w: slice of %d values", ErrProtocol, n))
		return nil
	}
	if uint64(cap(dst)) >= n {
		dst = dst[:n]
		fill(r, dst)
		return dst
	}
	const chunk = 1 << 20
	dst = dst[:0]
	for left := int(n); left > 0 && r.err == nil; {
		k := min(left, chunk)
		dst = slices.Grow(dst, k)
		part := dst[len(dst) : len(dst)+k]
		fill(r, part)
		dst = dst[:len(dst)+k]
		left -= k
	}
	if r.err != nil {
		return nil
	}
	return dst
}

func fill[T float32 | uint16 | int32](r *reader, v []T) {
	if len(v) == 0 || r.err != nil {
		return
	}
	_, err := io.ReadFull(r.r, unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), len(v)*int(unsafe.Sizeof(v[0]))))
	r.fail(err)
}

func newWriter(w io.Writer) *writer { return &writer{w: bufio.NewWriterSize(w, 1<<16)} }
