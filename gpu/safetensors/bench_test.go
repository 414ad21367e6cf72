package safetensors

import (
	"bytes"
	"testing"
)

// BenchmarkF16ToF32 converts a 64 MiB F16 tensor (32 Mi elements); the
// reported MB/s is of F16 input.
func BenchmarkF16ToF32(b *testing.B) {
	const n = 32 << 20
	data := make([]byte, 2*n)
	for i := range data {
		data[i] = byte(i * 131)
	}
	var buf bytes.Buffer
	if err := Write(&buf, []NamedTensor{{Name: "w", DType: F16, Shape: []int{n / 4096, 4096}, Data: data}}, nil); err != nil {
		b.Fatal(err)
	}
	f, err := Parse(buf.Bytes())
	if err != nil {
		b.Fatal(err)
	}
	tn, err := f.Tensor("w")
	if err != nil {
		b.Fatal(err)
	}
	dst := make([]float32, n)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := tn.Float32Into(dst); err != nil {
			b.Fatal(err)
		}
	}
}
