package half

import (
	"encoding/binary"
	"math"
)

// EncodeF32 returns vals as little-endian float32 bytes (tensor data of
// safetensors F32 and GGUF F32).
func EncodeF32(vals []float32) []byte {
	out := make([]byte, 4*len(vals))
	for i, v := range vals {
		binary.LittleEndian.PutUint32(out[4*i:], math.Float32bits(v))
	}
	return out
}

// EncodeF16 rounds vals to f16 (nearest, ties to even) as little-endian
// bytes.
func EncodeF16(vals []float32) []byte {
	out := make([]byte, 2*len(vals))
	for i, v := range vals {
		binary.LittleEndian.PutUint16(out[2*i:], F32ToF16(v))
	}
	return out
}

// EncodeBF16 rounds vals to bfloat16 (nearest, ties to even) as
// little-endian bytes.
func EncodeBF16(vals []float32) []byte {
	out := make([]byte, 2*len(vals))
	for i, v := range vals {
		binary.LittleEndian.PutUint16(out[2*i:], F32ToBF16(v))
	}
	return out
}
