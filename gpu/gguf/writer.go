package gguf

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
)

// Tensor is a tensor to write: its shape in GGUF order and raw data in the
// encoding of Type (see Float32Bytes, Float16Bytes, QuantizeQ8_0).
type Tensor struct {
	Name string
	Type GGMLType
	Dims []uint64
	Data []byte
}

// Write writes a GGUF v3 file holding kvs and tensors. The alignment is
// taken from a general.alignment entry (uint32) in kvs, or is 32.
func Write(w io.Writer, kvs []KV, tensors []Tensor) error {
	align := uint32(DefaultAlignment)
	seen := make(map[string]bool, len(kvs))
	for _, kv := range kvs {
		if seen[kv.Key] {
			return fmt.Errorf("%w: %q", ErrDuplicateKey, kv.Key)
		}
		seen[kv.Key] = true
		if kv.Key == KeyAlignment {
			a, ok := kv.Value.(uint32)
			if !ok || a == 0 || a&(a-1) != 0 {
				return fmt.Errorf("%w: %s = %v", ErrBadValue, KeyAlignment, kv.Value)
			}
			align = a
		}
	}
	offsets := make([]uint64, len(tensors))
	names := make(map[string]bool, len(tensors))
	var off uint64
	for i, t := range tensors {
		if names[t.Name] {
			return fmt.Errorf("%w: duplicate tensor name %q", ErrBadTensor, t.Name)
		}
		names[t.Name] = true
		size, err := tensorBytes(t.Type, t.Dims)
		if err != nil {
			return fmt.Errorf("tensor %q: %w", t.Name, err)
		}
		if uint64(len(t.Data)) != size {
			return fmt.Errorf("%w: %q has %d data bytes, want %d", ErrBadTensor, t.Name, len(t.Data), size)
		}
		offsets[i] = off
		off = uint64(alignUp(int64(off+size), int64(align)))
	}

	e := &encoder{w: bufio.NewWriterSize(w, 1<<16)}
	e.raw([]byte(magic))
	e.u32(3)
	e.u64(uint64(len(tensors)))
	e.u64(uint64(len(kvs)))
	for _, kv := range kvs {
		e.str(kv.Key)
		if err := e.value(kv.Value); err != nil {
			return fmt.Errorf("metadata %q: %w", kv.Key, err)
		}
	}
	for i, t := range tensors {
		e.str(t.Name)
		e.u32(uint32(len(t.Dims)))
		for _, d := range t.Dims {
			e.u64(d)
		}
		e.u32(uint32(t.Type))
		e.u64(offsets[i])
	}
	e.pad(align)
	for i, t := range tensors {
		e.raw(t.Data)
		if i < len(tensors)-1 {
			e.pad(align)
		}
	}
	if e.err != nil {
		return fmt.Errorf("gguf: write: %w", e.err)
	}
	if err := e.w.Flush(); err != nil {
		return fmt.Errorf("gguf: write: %w", err)
	}
	return nil
}

type encoder struct {
	w   *bufio.Writer
	n   int64
	err error
	b   [8]byte
}

func (e *encoder) raw(p []byte) {
	if e.err != nil {
		return
	}
	n, err := e.w.Write(p)
	e.n += int64(n)
	e.err = err
}

func (e *encoder) u8(v uint8)   { e.b[0] = v; e.raw(e.b[:1]) }
func (e *encoder) u16(v uint16) { binary.LittleEndian.PutUint16(e.b[:], v); e.raw(e.b[:2]) }
func (e *encoder) u32(v uint32) { binary.LittleEndian.PutUint32(e.b[:], v); e.raw(e.b[:4]) }
func (e *encoder) u64(v uint64) { binary.LittleEndian.PutUint64(e.b[:], v); e.raw(e.b[:8]) }
func (e *encoder) str(s string) { e.u64(uint64(len(s))); e.raw([]byte(s)) }

func (e *encoder) pad(align uint32) {
	for e.n%int64(align) != 0 && e.err == nil {
		e.u8(0)
	}
}

func boolByte(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

func (e *encoder) value(v any) error {
	t, elem, err := valueType(v)
	if err != nil {
		return err
	}
	e.u32(uint32(t))
	if t == TypeArray {
		e.u32(uint32(elem))
	}
	switch x := v.(type) {
	case uint8:
		e.u8(x)
	case int8:
		e.u8(uint8(x))
	case uint16:
		e.u16(x)
	case int16:
		e.u16(uint16(x))
	case uint32:
		e.u32(x)
	case int32:
		e.u32(uint32(x))
	case float32:
		e.u32(math.Float32bits(x))
	case bool:
		e.u8(boolByte(x))
	case string:
		e.str(x)
	case uint64:
		e.u64(x)
	case int64:
		e.u64(uint64(x))
	case float64:
		e.u64(math.Float64bits(x))
	case []uint8:
		e.u64(uint64(len(x)))
		e.raw(x)
	case []int8:
		writeSlice(e, x, func(v int8) { e.u8(uint8(v)) })
	case []uint16:
		writeSlice(e, x, e.u16)
	case []int16:
		writeSlice(e, x, func(v int16) { e.u16(uint16(v)) })
	case []uint32:
		writeSlice(e, x, e.u32)
	case []int32:
		writeSlice(e, x, func(v int32) { e.u32(uint32(v)) })
	case []float32:
		writeSlice(e, x, func(v float32) { e.u32(math.Float32bits(v)) })
	case []bool:
		writeSlice(e, x, func(v bool) { e.u8(boolByte(v)) })
	case []string:
		writeSlice(e, x, e.str)
	case []uint64:
		writeSlice(e, x, e.u64)
	case []int64:
		writeSlice(e, x, func(v int64) { e.u64(uint64(v)) })
	case []float64:
		writeSlice(e, x, func(v float64) { e.u64(math.Float64bits(v)) })
	}
	return nil
}

func writeSlice[T any](e *encoder, s []T, put func(T)) {
	e.u64(uint64(len(s)))
	for _, v := range s {
		put(v)
	}
}
