package gguf

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

const magic = "GGUF"

// decoder reads the header sequentially and knows how many bytes remain,
// so that no claimed length is trusted beyond what the file can hold.
type decoder struct {
	br   *bufio.Reader
	pos  int64
	size int64
	buf  [8]byte
}

func (d *decoder) remaining() int64 { return d.size - d.pos }

func (d *decoder) read(n int) ([]byte, error) {
	if int64(n) > d.remaining() {
		return nil, fmt.Errorf("%w: need %d bytes at offset %d", ErrTruncated, n, d.pos)
	}
	b := d.buf[:n]
	if _, err := io.ReadFull(d.br, b); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("%w: at offset %d", ErrTruncated, d.pos)
		}
		return nil, fmt.Errorf("gguf: read at offset %d: %w", d.pos, err)
	}
	d.pos += int64(n)
	return b, nil
}

func (d *decoder) u8() (uint8, error) {
	b, err := d.read(1)
	if err != nil {
		return 0, err
	}
	return b[0], nil
}

func (d *decoder) u16() (uint16, error) {
	b, err := d.read(2)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint16(b), nil
}

func (d *decoder) u32() (uint32, error) {
	b, err := d.read(4)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint32(b), nil
}

func (d *decoder) u64() (uint64, error) {
	b, err := d.read(8)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint64(b), nil
}

func (d *decoder) str() (string, error) {
	n, err := d.u64()
	if err != nil {
		return "", err
	}
	if n > MaxStringLen {
		return "", fmt.Errorf("%w: string of %d bytes at offset %d", ErrTooLarge, n, d.pos)
	}
	if int64(n) > d.remaining() {
		return "", fmt.Errorf("%w: string of %d bytes at offset %d", ErrTruncated, n, d.pos)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(d.br, b); err != nil {
		return "", fmt.Errorf("%w: string at offset %d", ErrTruncated, d.pos)
	}
	d.pos += int64(n)
	return string(b), nil
}

// scalar reads one value of a fixed-size or string type.
func (d *decoder) scalar(t ValueType) (any, error) {
	switch t {
	case TypeUint8:
		return d.u8()
	case TypeInt8:
		v, err := d.u8()
		return int8(v), err
	case TypeUint16:
		return d.u16()
	case TypeInt16:
		v, err := d.u16()
		return int16(v), err
	case TypeUint32:
		return d.u32()
	case TypeInt32:
		v, err := d.u32()
		return int32(v), err
	case TypeFloat32:
		v, err := d.u32()
		return math.Float32frombits(v), err
	case TypeBool:
		v, err := d.u8()
		if err == nil && v > 1 {
			return nil, fmt.Errorf("%w: bool byte %d", ErrBadValue, v)
		}
		return v == 1, err
	case TypeString:
		return d.str()
	case TypeUint64:
		return d.u64()
	case TypeInt64:
		v, err := d.u64()
		return int64(v), err
	case TypeFloat64:
		v, err := d.u64()
		return math.Float64frombits(v), err
	}
	return nil, fmt.Errorf("%w: value type %d", ErrBadValue, uint32(t))
}

func readArray[T any](d *decoder, n uint64, t ValueType) ([]T, error) {
	out := make([]T, n)
	for i := range out {
		v, err := d.scalar(t)
		if err != nil {
			return nil, err
		}
		out[i] = v.(T)
	}
	return out, nil
}

func (d *decoder) array() (any, error) {
	et, err := d.u32()
	if err != nil {
		return nil, err
	}
	t := ValueType(et)
	n, err := d.u64()
	if err != nil {
		return nil, err
	}
	if n > MaxArrayLen {
		return nil, fmt.Errorf("%w: array of %d elements", ErrTooLarge, n)
	}
	min := int64(t.fixedSize())
	if t == TypeString {
		min = 8
	}
	if min == 0 {
		return nil, fmt.Errorf("%w: array of type %d", ErrBadValue, et)
	}
	if int64(n) > d.remaining()/min {
		return nil, fmt.Errorf("%w: array of %d elements at offset %d", ErrTruncated, n, d.pos)
	}
	switch t {
	case TypeUint8:
		return readArray[uint8](d, n, t)
	case TypeInt8:
		return readArray[int8](d, n, t)
	case TypeUint16:
		return readArray[uint16](d, n, t)
	case TypeInt16:
		return readArray[int16](d, n, t)
	case TypeUint32:
		return readArray[uint32](d, n, t)
	case TypeInt32:
		return readArray[int32](d, n, t)
	case TypeFloat32:
		return readArray[float32](d, n, t)
	case TypeBool:
		return readArray[bool](d, n, t)
	case TypeString:
		return readArray[string](d, n, t)
	case TypeUint64:
		return readArray[uint64](d, n, t)
	case TypeInt64:
		return readArray[int64](d, n, t)
	default: // TypeFloat64
		return readArray[float64](d, n, t)
	}
}

// Parse reads the header, metadata and tensor infos of a GGUF file of the
// given size and checks that every tensor's data lies inside it.
func Parse(r io.ReaderAt, size int64) (*File, error) {
	if size < 0 {
		return nil, fmt.Errorf("%w: negative size", ErrTruncated)
	}
	d := &decoder{br: bufio.NewReaderSize(io.NewSectionReader(r, 0, size), 64<<10), size: size}
	b, err := d.read(4)
	if err != nil {
		return nil, err
	}
	if string(b) != magic {
		return nil, fmt.Errorf("%w: %q", ErrBadMagic, b)
	}
	f := &File{r: r, size: size, kvIndex: map[string]int{}, tensorIndex: map[string]int{}}
	if f.Version, err = d.u32(); err != nil {
		return nil, err
	}
	if f.Version != 2 && f.Version != 3 {
		return nil, fmt.Errorf("%w: %d", ErrUnsupportedVersion, f.Version)
	}
	nTensors, err := d.u64()
	if err != nil {
		return nil, err
	}
	nKV, err := d.u64()
	if err != nil {
		return nil, err
	}
	// Smallest KV: 8-byte key length, 4-byte type, 1-byte value. Smallest
	// tensor info: 8-byte name length, n_dims, one dim, type, offset.
	if nKV > uint64(d.remaining()/13) {
		return nil, fmt.Errorf("%w: %d metadata pairs in %d bytes", ErrTruncated, nKV, size)
	}
	if nTensors > uint64(d.remaining()/32) {
		return nil, fmt.Errorf("%w: %d tensors in %d bytes", ErrTruncated, nTensors, size)
	}
	if err := f.readKVs(d, nKV); err != nil {
		return nil, err
	}
	if err := f.readTensorInfos(d, nTensors); err != nil {
		return nil, err
	}
	return f, nil
}

func (f *File) readKVs(d *decoder, n uint64) error {
	f.KV = make([]KV, 0, n)
	for i := uint64(0); i < n; i++ {
		key, err := d.str()
		if err != nil {
			return fmt.Errorf("metadata key %d: %w", i, err)
		}
		t, err := d.u32()
		if err != nil {
			return fmt.Errorf("metadata %q: %w", key, err)
		}
		var v any
		if ValueType(t) == TypeArray {
			v, err = d.array()
		} else {
			v, err = d.scalar(ValueType(t))
		}
		if err != nil {
			return fmt.Errorf("metadata %q: %w", key, err)
		}
		if _, dup := f.kvIndex[key]; dup {
			return fmt.Errorf("%w: %q", ErrDuplicateKey, key)
		}
		f.kvIndex[key] = len(f.KV)
		f.KV = append(f.KV, KV{Key: key, Value: v})
	}
	f.Alignment = DefaultAlignment
	if v, ok := f.Get(KeyAlignment); ok {
		a, isU32 := v.(uint32)
		if !isU32 || a == 0 || a&(a-1) != 0 || a > 1<<20 {
			return fmt.Errorf("%w: %s = %v", ErrBadValue, KeyAlignment, v)
		}
		f.Alignment = a
	}
	return nil
}

func (f *File) readTensorInfos(d *decoder, n uint64) error {
	f.tensors = make([]TensorInfo, 0, n)
	for i := uint64(0); i < n; i++ {
		name, err := d.str()
		if err != nil {
			return fmt.Errorf("tensor %d: %w", i, err)
		}
		nd, err := d.u32()
		if err != nil {
			return fmt.Errorf("tensor %q: %w", name, err)
		}
		if nd == 0 || nd > MaxDims {
			return fmt.Errorf("%w: %q has %d dims", ErrBadTensor, name, nd)
		}
		dims := make([]uint64, nd)
		for j := range dims {
			if dims[j], err = d.u64(); err != nil {
				return fmt.Errorf("tensor %q: %w", name, err)
			}
		}
		typ, err := d.u32()
		if err != nil {
			return fmt.Errorf("tensor %q: %w", name, err)
		}
		off, err := d.u64()
		if err != nil {
			return fmt.Errorf("tensor %q: %w", name, err)
		}
		sz, err := tensorBytes(GGMLType(typ), dims)
		if err != nil {
			return fmt.Errorf("tensor %q: %w", name, err)
		}
		if off%uint64(f.Alignment) != 0 {
			return fmt.Errorf("%w: %q offset %d not aligned to %d", ErrBadTensor, name, off, f.Alignment)
		}
		if _, dup := f.tensorIndex[name]; dup {
			return fmt.Errorf("%w: duplicate tensor name %q", ErrBadTensor, name)
		}
		f.tensorIndex[name] = len(f.tensors)
		f.tensors = append(f.tensors, TensorInfo{Name: name, Type: GGMLType(typ), Dims: dims, Offset: off, Size: sz})
	}
	f.DataOffset = alignUp(d.pos, int64(f.Alignment))
	avail := uint64(0)
	if f.size > f.DataOffset {
		avail = uint64(f.size - f.DataOffset)
	}
	for _, t := range f.tensors {
		if t.Offset > avail || t.Size > avail-t.Offset {
			return fmt.Errorf("%w: %q data [%d, +%d) beyond the %d data bytes", ErrTruncated, t.Name, t.Offset, t.Size, avail)
		}
	}
	return nil
}

func alignUp(n, a int64) int64 { return (n + a - 1) / a * a }
