package safetensors

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// build makes a file from a raw header string and data.
func build(header string, data []byte) []byte {
	b := make([]byte, 8, 8+len(header)+len(data))
	binary.LittleEndian.PutUint64(b, uint64(len(header)))
	b = append(b, header...)
	return append(b, data...)
}

func mustWrite(t testing.TB, ts []NamedTensor, md map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, ts, md); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestKnownBytes(t *testing.T) {
	want := []byte{56, 0, 0, 0, 0, 0, 0, 0}
	want = append(want, `{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}  `...)
	want = append(want, 0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0)
	got := mustWrite(t, []NamedTensor{{Name: "a", DType: F32, Shape: []int{2}, Data: EncodeF32([]float32{1, -2})}}, nil)
	if !bytes.Equal(got, want) {
		t.Fatalf("Write:\n got %q\nwant %q", got, want)
	}
	f, err := Parse(want)
	if err != nil {
		t.Fatal(err)
	}
	tn, err := f.Tensor("a")
	if err != nil {
		t.Fatal(err)
	}
	vals, err := tn.Float32()
	if err != nil || !reflect.DeepEqual(vals, []float32{1, -2}) {
		t.Fatalf("Float32 = %v, %v", vals, err)
	}
	// A hand-written header in another key order, with metadata and
	// whitespace, as other writers produce it.
	hdr := ` { "b" : {"shape":[1,2], "data_offsets":[0,4], "dtype":"BF16"}, "__metadata__": {"format":"pt"} }`
	f, err = Parse(build(hdr, []byte{0x80, 0x3f, 0x40, 0xc0}))
	if err != nil {
		t.Fatal(err)
	}
	if f.Metadata["format"] != "pt" {
		t.Fatalf("metadata %v", f.Metadata)
	}
	tn, _ = f.Tensor("b")
	if vals, _ := tn.Float32(); !reflect.DeepEqual(vals, []float32{1, -3}) {
		t.Fatalf("BF16 = %v", vals)
	}
}

func TestRoundTripEveryDType(t *testing.T) {
	var ts []NamedTensor
	for d, size := range dtypeSizes {
		shape := []int{3, 2}
		data := make([]byte, 6*size)
		for i := range data {
			data[i] = byte(i*7 + size)
		}
		ts = append(ts, NamedTensor{Name: "t." + string(d), DType: d, Shape: shape, Data: data})
	}
	ts = append(ts,
		NamedTensor{Name: "scalar", DType: F32, Shape: []int{}, Data: EncodeF32([]float32{7})},
		NamedTensor{Name: "empty", DType: F16, Shape: []int{0, 4}, Data: nil})
	md := map[string]string{"format": "pt", "<html>&": "\"quoted\"\n"}
	b := mustWrite(t, ts, md)
	if b2 := mustWrite(t, ts, md); !bytes.Equal(b, b2) {
		t.Fatal("Write is not deterministic")
	}
	if n := binary.LittleEndian.Uint64(b); n%8 != 0 {
		t.Fatalf("header length %d not a multiple of 8", n)
	}
	f, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(f.Metadata, md) {
		t.Fatalf("metadata %v", f.Metadata)
	}
	if len(f.Names()) != len(ts) {
		t.Fatalf("names %v", f.Names())
	}
	for _, want := range ts {
		got, err := f.Tensor(want.Name)
		if err != nil {
			t.Fatal(err)
		}
		if got.DType != want.DType || !reflect.DeepEqual(got.Shape, want.Shape) || !bytes.Equal(got.Data, want.Data) {
			t.Fatalf("%s: got %+v", want.Name, got.TensorInfo)
		}
		if got.Begin%int64(got.DType.Size()) != 0 {
			t.Errorf("%s: offset %d not aligned", want.Name, got.Begin)
		}
		_, err = got.Float32()
		if want.DType.IsFloat() != (err == nil) {
			t.Errorf("%s: Float32 err %v", want.Name, err)
		}
		if !want.DType.IsFloat() && !errors.Is(err, ErrUnsupportedDType) {
			t.Errorf("%s: want ErrUnsupportedDType, got %v", want.Name, err)
		}
	}
	if tn, _ := f.Tensor("scalar"); tn.Len() != 1 {
		t.Fatalf("scalar Len %d", tn.Len())
	}
}

func TestConversions(t *testing.T) {
	vals := []float32{0, 1, -1.5, 65504, 1e-7, 3.140625}
	for _, c := range []struct {
		d   DType
		enc []byte
	}{{F32, EncodeF32(vals)}, {F16, EncodeF16(vals)}, {BF16, EncodeBF16(vals)}} {
		tn := Tensor{TensorInfo{Name: "x", DType: c.d, Shape: []int{len(vals)}}, c.enc}
		got, err := tn.Float32()
		if err != nil {
			t.Fatal(err)
		}
		for i := range vals {
			if d := math.Abs(float64(got[i] - vals[i])); d > 1e-2*math.Max(1, math.Abs(float64(vals[i]))) {
				t.Errorf("%s[%d] = %v want %v", c.d, i, got[i], vals[i])
			}
		}
		if err := tn.Float32Into(make([]float32, 2)); !errors.Is(err, ErrLength) {
			t.Errorf("Float32Into short dst: %v", err)
		}
	}
	f64 := make([]byte, 16)
	binary.LittleEndian.PutUint64(f64, math.Float64bits(2.5))
	binary.LittleEndian.PutUint64(f64[8:], math.Float64bits(-1))
	got, err := Tensor{TensorInfo{Name: "d", DType: F64, Shape: []int{2}}, f64}.Float32()
	if err != nil || !reflect.DeepEqual(got, []float32{2.5, -1}) {
		t.Fatalf("F64: %v %v", got, err)
	}
	// A hand-made Tensor whose data does not match its shape errors.
	if _, err := (Tensor{TensorInfo{Name: "x", DType: F32, Shape: []int{3}}, make([]byte, 8)}).Float32(); !errors.Is(err, ErrBadOffsets) {
		t.Fatalf("mismatched data: %v", err)
	}
}

func TestCheckFinite(t *testing.T) {
	inf := float32(math.Inf(1))
	nan := float32(math.NaN())
	for _, c := range []struct {
		d   DType
		enc func([]float32) []byte
	}{{F32, EncodeF32}, {F16, EncodeF16}, {BF16, EncodeBF16}} {
		ok := Tensor{TensorInfo{Name: "ok", DType: c.d, Shape: []int{3}}, c.enc([]float32{1, -2, 65504})}
		if err := ok.CheckFinite(); err != nil {
			t.Errorf("%s: %v", c.d, err)
		}
		for _, v := range []float32{inf, -inf, nan} {
			bad := Tensor{TensorInfo{Name: "w", DType: c.d, Shape: []int{3}}, c.enc([]float32{1, 2, v})}
			err := bad.CheckFinite()
			if !errors.Is(err, ErrNonFinite) || !strings.Contains(err.Error(), `"w" at index 2`) {
				t.Errorf("%s %v: %v", c.d, v, err)
			}
		}
	}
	if err := (Tensor{TensorInfo{Name: "i", DType: I32, Shape: []int{1}}, []byte{0xff, 0xff, 0x80, 0x7f}}).CheckFinite(); err != nil {
		t.Errorf("I32: %v", err)
	}
}

func TestMalformed(t *testing.T) {
	okT := `"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}`
	data8 := make([]byte, 8)
	huge := make([]byte, 8)
	binary.LittleEndian.PutUint64(huge, 1<<62)
	over := make([]byte, 16)
	binary.LittleEndian.PutUint64(over, 100)
	cases := []struct {
		name string
		file []byte
		want error
		tn   string // tensor the message must name
	}{
		{"empty", nil, ErrTruncated, ""},
		{"short length", []byte{1, 2, 3}, ErrTruncated, ""},
		{"huge header", huge, ErrHeaderTooLarge, ""},
		{"header past end", over, ErrTruncated, ""},
		{"not json", build(`nope`, nil), ErrBadHeader, ""},
		{"array", build(`[]`, nil), ErrBadHeader, ""},
		{"trailing", build(`{}{}`, nil), ErrBadHeader, ""},
		{"trailing junk", build(`{} x`, nil), ErrBadHeader, ""},
		{"duplicate tensor", build(`{`+okT+`,`+okT+`}`, data8), ErrBadHeader, "a"},
		{"duplicate field", build(`{"a":{"dtype":"F32","dtype":"F32","shape":[2],"data_offsets":[0,8]}}`, data8), ErrBadHeader, "a"},
		{"duplicate metadata", build(`{"__metadata__":{"k":"1","k":"2"}}`, nil), ErrBadHeader, ""},
		{"metadata not string", build(`{"__metadata__":{"k":1}}`, nil), ErrBadHeader, ""},
		{"unknown field", build(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8],"x":1}}`, data8), ErrBadHeader, "a"},
		{"missing field", build(`{"a":{"dtype":"F32","shape":[2]}}`, data8), ErrBadHeader, "a"},
		{"float dim", build(`{"a":{"dtype":"F32","shape":[2.0],"data_offsets":[0,8]}}`, data8), ErrBadHeader, "a"},
		{"unknown dtype", build(`{"a":{"dtype":"F12","shape":[2],"data_offsets":[0,8]}}`, data8), ErrUnknownDType, "a"},
		{"negative dim", build(`{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}`, data8), ErrBadShape, "a"},
		{"overflow", build(`{"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}}`, data8), ErrBadShape, "a"},
		{"overflow by size", build(`{"a":{"dtype":"F64","shape":[2305843009213693952],"data_offsets":[0,8]}}`, data8), ErrBadShape, "a"},
		{"reversed", build(`{"a":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}}`, data8), ErrBadOffsets, "a"},
		{"negative offset", build(`{"a":{"dtype":"F32","shape":[0],"data_offsets":[-4,-4]}}`, data8), ErrBadOffsets, "a"},
		{"past end", build(`{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}`, data8), ErrBadOffsets, "a"},
		{"huge end", build(`{"a":{"dtype":"U8","shape":[9223372036854775807],"data_offsets":[0,9223372036854775807]}}`, data8), ErrBadOffsets, "a"},
		{"wrong size", build(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,8]}}`, data8), ErrBadOffsets, "a"},
		{"three offsets", build(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4,8]}}`, data8), ErrBadOffsets, "a"},
		{"overlap", build(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`, data8), ErrBadOffsets, "b"},
	}
	for _, c := range cases {
		_, err := Parse(c.file)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.want)
			continue
		}
		if c.tn != "" && !strings.Contains(err.Error(), `"`+c.tn+`"`) {
			t.Errorf("%s: %v does not name tensor %q", c.name, err, c.tn)
		}
	}
}

func TestWriteRejects(t *testing.T) {
	good := NamedTensor{Name: "a", DType: F32, Shape: []int{1}, Data: make([]byte, 4)}
	for name, ts := range map[string][]NamedTensor{
		"dup":        {good, good},
		"empty name": {{Name: "", DType: F32, Shape: []int{1}, Data: make([]byte, 4)}},
		"metadata":   {{Name: metadataKey, DType: F32, Shape: []int{1}, Data: make([]byte, 4)}},
		"dtype":      {{Name: "a", DType: "F3", Shape: []int{1}, Data: make([]byte, 4)}},
		"size":       {{Name: "a", DType: F32, Shape: []int{2}, Data: make([]byte, 4)}},
		"neg":        {{Name: "a", DType: F32, Shape: []int{-1}}},
		"utf8":       {{Name: "a\xff", DType: F32, Shape: []int{1}, Data: make([]byte, 4)}},
	} {
		if err := Write(&bytes.Buffer{}, ts, nil); !errors.Is(err, ErrBadTensor) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestOpenMmap(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.safetensors")
	vals := []float32{1, 2, 3, 4}
	if err := WriteFile(path, []NamedTensor{
		{Name: "w", DType: F16, Shape: []int{2, 2}, Data: EncodeF16(vals)},
		{Name: "b", DType: F32, Shape: []int{4}, Data: EncodeF32(vals)},
	}, map[string]string{"format": "pt"}); err != nil {
		t.Fatal(err)
	}
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if f.unmap == nil {
		t.Error("Open did not map the file")
	}
	if got := f.Names(); !reflect.DeepEqual(got, []string{"b", "w"}) {
		t.Errorf("Names = %v", got)
	}
	info, ok := f.Info("w")
	if !ok || info.DType != F16 || !reflect.DeepEqual(info.Shape, []int{2, 2}) {
		t.Errorf("Info = %+v %v", info, ok)
	}
	tn, err := f.Tensor("w")
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := tn.Float32(); !reflect.DeepEqual(got, vals) {
		t.Errorf("w = %v", got)
	}
	if _, err := f.Tensor("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing: %v", err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal("second Close:", err)
	}
	if _, err := f.Tensor("w"); !errors.Is(err, ErrClosed) {
		t.Errorf("after Close: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "bad.safetensors")
	if err := os.WriteFile(bad, []byte("short"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(bad); !errors.Is(err, ErrTruncated) {
		t.Errorf("Open short: %v", err)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "none")); err == nil {
		t.Error("Open of a missing file succeeded")
	}
}
