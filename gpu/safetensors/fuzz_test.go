package safetensors

import (
	"bytes"
	"testing"
)

func FuzzParse(f *testing.F) {
	var buf bytes.Buffer
	_ = Write(&buf, []NamedTensor{
		{Name: "a", DType: F32, Shape: []int{2}, Data: EncodeF32([]float32{1, 2})},
		{Name: "b", DType: F16, Shape: []int{1, 2}, Data: EncodeF16([]float32{3, 4})},
		{Name: "c", DType: BF16, Shape: []int{}, Data: EncodeBF16([]float32{5})},
	}, map[string]string{"format": "pt"})
	f.Add(buf.Bytes())
	f.Add([]byte{})
	f.Add(build(`{}`, nil))
	f.Add(build(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`, make([]byte, 8)))
	f.Add(build(`{"a":{"dtype":"F64","shape":[4294967296,4294967296],"data_offsets":[0,8]}}`, make([]byte, 8)))
	f.Add(build(`{"a":{"dtype":"I8","shape":[3],"data_offsets":[0,3]},"__metadata__":null}`, make([]byte, 3)))
	f.Add(build(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}{}`, make([]byte, 8)))
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := Parse(b)
		if err != nil {
			return
		}
		dataLen := int64(len(file.data))
		for _, name := range file.Names() {
			info, ok := file.Info(name)
			if !ok {
				t.Fatalf("Info(%q) missing", name)
			}
			if info.Begin < 0 || info.Begin > info.End || info.End > dataLen {
				t.Fatalf("%q: [%d,%d] outside %d", name, info.Begin, info.End, dataLen)
			}
			tn, err := file.Tensor(name)
			if err != nil {
				t.Fatal(err)
			}
			if int64(tn.Len()*tn.DType.Size()) != info.End-info.Begin {
				t.Fatalf("%q: %d elements for %d bytes", name, tn.Len(), info.End-info.Begin)
			}
			if tn.DType.IsFloat() && tn.Len() <= 1<<20 {
				if _, err := tn.Float32(); err != nil {
					t.Fatalf("%q: %v", name, err)
				}
			}
			_ = tn.CheckFinite()
		}
	})
}
