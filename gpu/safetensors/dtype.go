package safetensors

// DType is a safetensors element type, spelled as in the header.
type DType string

// The dtypes safetensors defines. The engine converts F32, F16, BF16 and
// F64 to float32; the others are recognised (so files holding them parse)
// but Float32 on them returns ErrUnsupportedDType.
const (
	F64    DType = "F64"
	F32    DType = "F32"
	F16    DType = "F16"
	BF16   DType = "BF16"
	I64    DType = "I64"
	I32    DType = "I32"
	I16    DType = "I16"
	I8     DType = "I8"
	U64    DType = "U64"
	U32    DType = "U32"
	U16    DType = "U16"
	U8     DType = "U8"
	BOOL   DType = "BOOL"
	F8E4M3 DType = "F8_E4M3"
	F8E5M2 DType = "F8_E5M2"
)

var dtypeSizes = map[DType]int{
	F64: 8, F32: 4, F16: 2, BF16: 2,
	I64: 8, I32: 4, I16: 2, I8: 1,
	U64: 8, U32: 4, U16: 2, U8: 1,
	BOOL: 1, F8E4M3: 1, F8E5M2: 1,
}

// Size returns the size of one element in bytes, or 0 for an unknown dtype.
func (d DType) Size() int { return dtypeSizes[d] }

// Valid reports whether d is a known safetensors dtype.
func (d DType) Valid() bool { return d.Size() > 0 }

// IsFloat reports whether d is one of the float types Float32 converts.
func (d DType) IsFloat() bool { return d == F32 || d == F16 || d == BF16 || d == F64 }

// numElements multiplies shape with overflow checks; ok is false for a
// negative dimension or a product that does not fit in an int64 (or an
// int, on 32-bit platforms).
func numElements(shape []int) (n int64, ok bool) {
	const maxInt = int64(^uint(0) >> 1)
	n = 1
	for _, d := range shape {
		if d < 0 {
			return 0, false
		}
		if d == 0 {
			n = 0
			continue
		}
		if n > maxInt/int64(d) {
			return 0, false
		}
		n *= int64(d)
	}
	return n, true
}

// byteSize returns the byte size of a tensor of this dtype and shape.
func byteSize(d DType, shape []int) (int64, bool) {
	n, ok := numElements(shape)
	if !ok {
		return 0, false
	}
	sz := int64(d.Size())
	const maxInt = int64(^uint(0) >> 1)
	if sz == 0 || n > maxInt/sz {
		return 0, false
	}
	return n * sz, true
}
