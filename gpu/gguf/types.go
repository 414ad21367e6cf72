package gguf

import "fmt"

// GGMLType is a ggml tensor element type as stored in GGUF tensor infos.
type GGMLType uint32

// The ggml tensor types. Only F32, F16, BF16 and Q8_0 convert to float32;
// the rest are recognised so that files holding them parse.
const (
	TypeF32     GGMLType = 0
	TypeF16     GGMLType = 1
	TypeQ4_0    GGMLType = 2
	TypeQ4_1    GGMLType = 3
	TypeQ5_0    GGMLType = 6
	TypeQ5_1    GGMLType = 7
	TypeQ8_0    GGMLType = 8
	TypeQ8_1    GGMLType = 9
	TypeQ2_K    GGMLType = 10
	TypeQ3_K    GGMLType = 11
	TypeQ4_K    GGMLType = 12
	TypeQ5_K    GGMLType = 13
	TypeQ6_K    GGMLType = 14
	TypeQ8_K    GGMLType = 15
	TypeIQ2_XXS GGMLType = 16
	TypeIQ2_XS  GGMLType = 17
	TypeIQ3_XXS GGMLType = 18
	TypeIQ1_S   GGMLType = 19
	TypeIQ4_NL  GGMLType = 20
	TypeIQ3_S   GGMLType = 21
	TypeIQ2_S   GGMLType = 22
	TypeIQ4_XS  GGMLType = 23
	TypeI8      GGMLType = 24
	TypeI16     GGMLType = 25
	TypeI32     GGMLType = 26
	TypeI64     GGMLType = 27
	TypeF64     GGMLType = 28
	TypeIQ1_M   GGMLType = 29
	TypeBF16    GGMLType = 30
	TypeTQ1_0   GGMLType = 34
	TypeTQ2_0   GGMLType = 35
	TypeMXFP4   GGMLType = 39
	TypeNVFP4   GGMLType = 40
	TypeQ1_0    GGMLType = 41
	TypeQ2_0    GGMLType = 42
)

type typeTraits struct {
	name      string
	blockSize uint64 // elements per block
	typeSize  uint64 // bytes per block
}

// traits of every type ggml knows, from ggml/src/ggml-common.h.
var traits = map[GGMLType]typeTraits{
	TypeF32:     {"F32", 1, 4},
	TypeF16:     {"F16", 1, 2},
	TypeQ4_0:    {"Q4_0", 32, 18},
	TypeQ4_1:    {"Q4_1", 32, 20},
	TypeQ5_0:    {"Q5_0", 32, 22},
	TypeQ5_1:    {"Q5_1", 32, 24},
	TypeQ8_0:    {"Q8_0", 32, 34},
	TypeQ8_1:    {"Q8_1", 32, 36},
	TypeQ2_K:    {"Q2_K", 256, 84},
	TypeQ3_K:    {"Q3_K", 256, 110},
	TypeQ4_K:    {"Q4_K", 256, 144},
	TypeQ5_K:    {"Q5_K", 256, 176},
	TypeQ6_K:    {"Q6_K", 256, 210},
	TypeQ8_K:    {"Q8_K", 256, 292},
	TypeIQ2_XXS: {"IQ2_XXS", 256, 66},
	TypeIQ2_XS:  {"IQ2_XS", 256, 74},
	TypeIQ3_XXS: {"IQ3_XXS", 256, 98},
	TypeIQ1_S:   {"IQ1_S", 256, 50},
	TypeIQ4_NL:  {"IQ4_NL", 32, 18},
	TypeIQ3_S:   {"IQ3_S", 256, 110},
	TypeIQ2_S:   {"IQ2_S", 256, 82},
	TypeIQ4_XS:  {"IQ4_XS", 256, 136},
	TypeI8:      {"I8", 1, 1},
	TypeI16:     {"I16", 1, 2},
	TypeI32:     {"I32", 1, 4},
	TypeI64:     {"I64", 1, 8},
	TypeF64:     {"F64", 1, 8},
	TypeIQ1_M:   {"IQ1_M", 256, 56},
	TypeBF16:    {"BF16", 1, 2},
	TypeTQ1_0:   {"TQ1_0", 256, 54},
	TypeTQ2_0:   {"TQ2_0", 256, 66},
	TypeMXFP4:   {"MXFP4", 32, 17},
	TypeNVFP4:   {"NVFP4", 64, 36},
	TypeQ1_0:    {"Q1_0", 128, 18},
	TypeQ2_0:    {"Q2_0", 64, 18},
}

// Known reports whether ggml defines t.
func (t GGMLType) Known() bool { _, ok := traits[t]; return ok }

// String returns ggml's name for t, or "type(N)" for an unknown type.
func (t GGMLType) String() string {
	if tr, ok := traits[t]; ok {
		return tr.name
	}
	return fmt.Sprintf("type(%d)", uint32(t))
}

// BlockSize is the number of elements in one block (1 for plain types);
// zero for an unknown type.
func (t GGMLType) BlockSize() uint64 { return traits[t].blockSize }

// TypeSize is the number of bytes in one block; zero for an unknown type.
func (t GGMLType) TypeSize() uint64 { return traits[t].typeSize }

// ParseGGMLType returns the type with ggml's name s (for example "Q8_0").
func ParseGGMLType(s string) (GGMLType, error) {
	for t, tr := range traits {
		if tr.name == s {
			return t, nil
		}
	}
	return 0, fmt.Errorf("%w: %q", ErrUnsupportedType, s)
}

// TensorInfo describes one tensor of a file.
type TensorInfo struct {
	Name string
	Type GGMLType
	// Dims in GGUF order: Dims[0] is the fastest-varying (row length).
	Dims []uint64
	// Offset of the data from the start of the data section.
	Offset uint64
	// Size of the data in bytes.
	Size uint64
}

// Elements returns the number of elements (product of Dims).
func (t TensorInfo) Elements() uint64 {
	n := uint64(1)
	for _, d := range t.Dims {
		n *= d
	}
	return n
}

// tensorBytes validates a shape for type t and returns its size in bytes.
func tensorBytes(t GGMLType, dims []uint64) (uint64, error) {
	tr, ok := traits[t]
	if !ok {
		return 0, fmt.Errorf("%w: unknown type %d", ErrBadTensor, uint32(t))
	}
	if len(dims) == 0 || len(dims) > MaxDims {
		return 0, fmt.Errorf("%w: %d dims", ErrBadTensor, len(dims))
	}
	const limit = uint64(1) << 62 // ggml keeps sizes in int64
	n := uint64(1)
	for _, d := range dims {
		if d > limit {
			return 0, fmt.Errorf("%w: dim %d too large", ErrBadTensor, d)
		}
		if d != 0 && n > limit/d {
			return 0, fmt.Errorf("%w: element count overflows", ErrBadTensor)
		}
		n *= d
	}
	if dims[0]%tr.blockSize != 0 {
		return 0, fmt.Errorf("%w: row length %d not a multiple of block size %d for %s",
			ErrBadTensor, dims[0], tr.blockSize, tr.name)
	}
	blocks := n / tr.blockSize
	if blocks != 0 && tr.typeSize > limit/blocks {
		return 0, fmt.Errorf("%w: byte size overflows", ErrBadTensor)
	}
	return blocks * tr.typeSize, nil
}
