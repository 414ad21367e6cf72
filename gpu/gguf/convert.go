package gguf

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/provenet/provenet/gpu/half"
)

// Q8_0 block layout: an f16 scale d, then 32 int8 quants; x = d*q.
const (
	q8BlockElems = 32
	q8BlockBytes = 34
)

// ToFloat32 converts the data of tensor t (as returned by TensorData) into
// dst, which must hold t.Elements() values. F32, F16, BF16 and Q8_0 are
// supported; other types fail with ErrUnsupportedType.
func ToFloat32(t TensorInfo, data []byte, dst []float32) error {
	size, err := tensorBytes(t.Type, t.Dims)
	if err != nil {
		return err
	}
	n := t.Elements()
	if uint64(len(data)) != size {
		return fmt.Errorf("%w: %q has %d data bytes, want %d", ErrBadTensor, t.Name, len(data), size)
	}
	if uint64(len(dst)) != n {
		return fmt.Errorf("%w: %q has %d elements, dst holds %d", ErrBadTensor, t.Name, n, len(dst))
	}
	switch t.Type {
	case TypeF32:
		for i := range dst {
			dst[i] = math.Float32frombits(binary.LittleEndian.Uint32(data[4*i:]))
		}
	case TypeF16:
		half.F16SliceToF32(dst, data)
	case TypeBF16:
		half.BF16SliceToF32(dst, data)
	case TypeQ8_0:
		DequantizeQ8_0(dst, data)
	default:
		return fmt.Errorf("%w: %s", ErrUnsupportedType, t.Type)
	}
	return nil
}

// DequantizeQ8_0 expands Q8_0 blocks from src into dst. It converts
// min(len(dst)/32, len(src)/34) blocks.
func DequantizeQ8_0(dst []float32, src []byte) {
	nb := min(len(dst)/q8BlockElems, len(src)/q8BlockBytes)
	for b := 0; b < nb; b++ {
		blk := src[b*q8BlockBytes : (b+1)*q8BlockBytes]
		d := half.F16ToF32(binary.LittleEndian.Uint16(blk))
		out := dst[b*q8BlockElems : (b+1)*q8BlockElems]
		for j := range out {
			out[j] = d * float32(int8(blk[2+j]))
		}
	}
}

// QuantizeQ8_0 quantizes src (whose length should be a multiple of 32; a
// short last block is zero-padded) the way ggml's quantize_row_q8_0_ref
// does: d = amax/127, q = round(x/d) with halves away from zero.
func QuantizeQ8_0(src []float32) []byte {
	nb := (len(src) + q8BlockElems - 1) / q8BlockElems
	out := make([]byte, nb*q8BlockBytes)
	var blk [q8BlockElems]float32
	for b := 0; b < nb; b++ {
		clear(blk[:])
		copy(blk[:], src[b*q8BlockElems:min(len(src), (b+1)*q8BlockElems)])
		amax := float32(0)
		for _, x := range blk {
			amax = max(amax, float32(math.Abs(float64(x))))
		}
		d := amax / 127
		id := float32(0)
		if d != 0 {
			id = 1 / d
		}
		o := out[b*q8BlockBytes:]
		binary.LittleEndian.PutUint16(o, half.F32ToF16(d))
		for j, x := range blk {
			o[2+j] = byte(int8(math.Round(float64(x * id))))
		}
	}
	return out
}

// Float32Bytes encodes values as little-endian F32 tensor data (see gpu/half).
func Float32Bytes(src []float32) []byte { return half.EncodeF32(src) }

// Float16Bytes encodes values as little-endian F16 tensor data (see gpu/half).
func Float16Bytes(src []float32) []byte { return half.EncodeF16(src) }

// BFloat16Bytes encodes values as little-endian BF16 tensor data (see gpu/half).
func BFloat16Bytes(src []float32) []byte { return half.EncodeBF16(src) }
