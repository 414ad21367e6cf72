package safetensors

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/provenet/provenet/gpu/half"
)

// Tensor is one tensor's description and its raw little-endian bytes.
type Tensor struct {
	TensorInfo
	Data []byte
}

// Len returns the element count (1 for a scalar), or -1 when the shape is
// invalid.
func (t Tensor) Len() int {
	n, ok := numElements(t.Shape)
	if !ok {
		return -1
	}
	return int(n)
}

// check verifies that Data matches DType and Shape and returns the count.
func (t Tensor) check() (int, error) {
	if !t.DType.Valid() {
		return 0, fmt.Errorf("%w: tensor %q: %q", ErrUnknownDType, t.Name, string(t.DType))
	}
	size, ok := byteSize(t.DType, t.Shape)
	if !ok {
		return 0, fmt.Errorf("%w: tensor %q: shape %v overflows", ErrBadShape, t.Name, t.Shape)
	}
	if size != int64(len(t.Data)) {
		return 0, fmt.Errorf("%w: tensor %q: %d bytes for %s%v, want %d", ErrBadOffsets, t.Name, len(t.Data), t.DType, t.Shape, size)
	}
	return int(size) / t.DType.Size(), nil
}

// Float32 converts the tensor to a new float32 slice. F32, F16, BF16 and
// F64 are supported; other dtypes give ErrUnsupportedDType.
func (t Tensor) Float32() ([]float32, error) {
	n, err := t.check()
	if err != nil {
		return nil, err
	}
	if !t.DType.IsFloat() {
		return nil, fmt.Errorf("%w: tensor %q: %s to float32", ErrUnsupportedDType, t.Name, t.DType)
	}
	dst := make([]float32, n)
	return dst, t.Float32Into(dst)
}

// Float32Into converts the tensor into dst, which must hold exactly Len()
// elements.
func (t Tensor) Float32Into(dst []float32) error {
	n, err := t.check()
	if err != nil {
		return err
	}
	if len(dst) != n {
		return fmt.Errorf("%w: tensor %q has %d elements, destination %d", ErrLength, t.Name, n, len(dst))
	}
	if n == 0 {
		if !t.DType.IsFloat() {
			return fmt.Errorf("%w: tensor %q: %s to float32", ErrUnsupportedDType, t.Name, t.DType)
		}
		return nil
	}
	src := t.Data
	switch t.DType {
	case F32:
		for i := range dst {
			dst[i] = math.Float32frombits(binary.LittleEndian.Uint32(src[4*i:]))
		}
	case F16:
		half.F16SliceToF32(dst, src)
	case BF16:
		half.BF16SliceToF32(dst, src)
	case F64:
		for i := range dst {
			dst[i] = float32(math.Float64frombits(binary.LittleEndian.Uint64(src[8*i:])))
		}
	default:
		return fmt.Errorf("%w: tensor %q: %s to float32", ErrUnsupportedDType, t.Name, t.DType)
	}
	return nil
}

// CheckFinite returns an ErrNonFinite error naming the tensor and the first
// index holding a NaN or an infinity. Integer and bool tensors are always
// finite; the F8 types give ErrUnsupportedDType.
func (t Tensor) CheckFinite() error {
	n, err := t.check()
	if err != nil {
		return err
	}
	src := t.Data
	bad := -1
	switch t.DType {
	case F32:
		for i := 0; i < n; i++ {
			if binary.LittleEndian.Uint32(src[4*i:])&0x7f800000 == 0x7f800000 {
				bad = i
				break
			}
		}
	case F64:
		for i := 0; i < n; i++ {
			if binary.LittleEndian.Uint64(src[8*i:])&0x7ff0000000000000 == 0x7ff0000000000000 {
				bad = i
				break
			}
		}
	case F16, BF16:
		mask := uint16(0x7c00)
		if t.DType == BF16 {
			mask = 0x7f80
		}
		for i := 0; i < n; i++ {
			if binary.LittleEndian.Uint16(src[2*i:])&mask == mask {
				bad = i
				break
			}
		}
	case F8E4M3, F8E5M2:
		return fmt.Errorf("%w: tensor %q: finiteness check for %s", ErrUnsupportedDType, t.Name, t.DType)
	}
	if bad >= 0 {
		return fmt.Errorf("%w: tensor %q at index %d", ErrNonFinite, t.Name, bad)
	}
	return nil
}
