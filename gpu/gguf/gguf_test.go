package gguf

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func allKVs() []KV {
	return []KV{
		{"general.architecture", "llama"},
		{"u8", uint8(200)}, {"i8", int8(-100)},
		{"u16", uint16(60000)}, {"i16", int16(-30000)},
		{"u32", uint32(4000000000)}, {"i32", int32(-2000000000)},
		{"f32", float32(3.5)}, {"bool", true},
		{"u64", uint64(1) << 63}, {"i64", int64(-1) << 62}, {"f64", math.Pi},
		{"empty", ""},
		{"a.u8", []uint8{1, 2, 255}}, {"a.i8", []int8{-1, 2}},
		{"a.u16", []uint16{1, 65535}}, {"a.i16", []int16{-5, 5}},
		{"a.u32", []uint32{7}}, {"a.i32", []int32{-7, 0, 7}},
		{"a.f32", []float32{0.5, -1.25}}, {"a.bool", []bool{true, false, true}},
		{"a.str", []string{"a", "", "▁hello", "<0x0A>"}},
		{"a.u64", []uint64{math.MaxUint64}}, {"a.i64", []int64{math.MinInt64}},
		{"a.f64", []float64{1e300}}, {"a.empty", []string{}},
	}
}

func randFloats(r *rand.Rand, n int) []float32 {
	out := make([]float32, n)
	for i := range out {
		out[i] = float32(r.NormFloat64())
	}
	return out
}

// sample writes a small file with one tensor of each convertible type.
func sample(t testing.TB) ([]byte, map[string][]float32) {
	r := rand.New(rand.NewPCG(1, 2))
	w32, w16, wb16, wq := randFloats(r, 64*3), randFloats(r, 32*2), randFloats(r, 10), randFloats(r, 64*2)
	tensors := []Tensor{
		{"w.f32", TypeF32, []uint64{64, 3}, Float32Bytes(w32)},
		{"w.f16", TypeF16, []uint64{32, 2}, Float16Bytes(w16)},
		{"w.bf16", TypeBF16, []uint64{10}, BFloat16Bytes(wb16)},
		{"w.q8", TypeQ8_0, []uint64{64, 2}, QuantizeQ8_0(wq)},
	}
	var buf bytes.Buffer
	if err := Write(&buf, allKVs(), tensors); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), map[string][]float32{"w.f32": w32, "w.f16": w16, "w.bf16": wb16, "w.q8": wq}
}

func TestRoundTrip(t *testing.T) {
	data, want := sample(t)
	f, err := Parse(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if f.Version != 3 || f.Alignment != 32 || f.DataOffset%32 != 0 {
		t.Fatalf("version %d alignment %d data offset %d", f.Version, f.Alignment, f.DataOffset)
	}
	if !reflect.DeepEqual(f.KV, allKVs()) {
		t.Fatalf("kvs differ:\n got %#v\nwant %#v", f.KV, allKVs())
	}
	if s, ok := f.String("general.architecture"); !ok || s != "llama" {
		t.Fatal("String")
	}
	if u, ok := f.Uint("u32"); !ok || u != 4000000000 {
		t.Fatal("Uint")
	}
	if _, ok := f.Uint("i8"); ok {
		t.Fatal("Uint of a negative value")
	}
	if x, ok := f.Float("f32"); !ok || x != 3.5 {
		t.Fatal("Float")
	}
	if b, ok := f.Bool("bool"); !ok || !b {
		t.Fatal("Bool")
	}
	if s, ok := f.Strings("a.str"); !ok || len(s) != 4 || s[2] != "▁hello" {
		t.Fatal("Strings")
	}
	if v, ok := f.Ints("a.i32"); !ok || !reflect.DeepEqual(v, []int64{-7, 0, 7}) {
		t.Fatal("Ints", v)
	}
	if v, ok := f.Floats("a.f32"); !ok || !reflect.DeepEqual(v, []float64{0.5, -1.25}) {
		t.Fatal("Floats", v)
	}
	if _, ok := f.String("missing"); ok {
		t.Fatal("missing key found")
	}
	for _, ti := range f.Tensors() {
		raw, err := f.TensorData(ti.Name)
		if err != nil {
			t.Fatal(err)
		}
		got := make([]float32, ti.Elements())
		if err := ToFloat32(ti, raw, got); err != nil {
			t.Fatal(err)
		}
		tol := map[GGMLType]float64{TypeF32: 0, TypeF16: 1e-3, TypeBF16: 1e-2, TypeQ8_0: 0.02}[ti.Type]
		for i, x := range want[ti.Name] {
			if math.Abs(float64(got[i]-x)) > tol*math.Max(1, math.Abs(float64(x))) {
				t.Fatalf("%s[%d] = %v, want %v", ti.Name, i, got[i], x)
			}
		}
	}
	if _, err := f.TensorData("nope"); !errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
}

func TestOpenMmap(t *testing.T) {
	data, _ := sample(t)
	path := filepath.Join(t.TempDir(), "m.gguf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Mapped() {
		t.Log("mmap unavailable; read fallback in use")
	}
	ti, _ := f.Tensor("w.q8")
	raw, err := f.TensorData("w.q8")
	if err != nil || uint64(len(raw)) != ti.Size || ti.Size != 4*34 {
		t.Fatal(err, len(raw), ti.Size)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := f.TensorData("w.q8"); !errors.Is(err, ErrClosed) {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "absent")); err == nil {
		t.Fatal("opened a missing file")
	}
}

func TestQuantizeQ8_0Reference(t *testing.T) {
	src := make([]float32, 32)
	for i := range src {
		src[i] = float32(i-16) / 4 // amax 4 at i=0
	}
	q := QuantizeQ8_0(src)
	if len(q) != 34 {
		t.Fatal(len(q))
	}
	d := float32(4) / 127
	for i, x := range src {
		want := int8(math.Round(float64(x * (1 / d))))
		if int8(q[2+i]) != want {
			t.Fatalf("q[%d] = %d, want %d", i, int8(q[2+i]), want)
		}
	}
	if int8(q[2]) != -127 {
		t.Fatal("amax must map to -127", int8(q[2]))
	}
	zero := QuantizeQ8_0(make([]float32, 32))
	out := make([]float32, 32)
	DequantizeQ8_0(out, zero)
	for _, x := range out {
		if x != 0 {
			t.Fatal("zero block")
		}
	}
}

func TestUnsupportedConversion(t *testing.T) {
	ti := TensorInfo{Name: "q4", Type: TypeQ4_0, Dims: []uint64{32}}
	if err := ToFloat32(ti, make([]byte, 18), make([]float32, 32)); !errors.Is(err, ErrUnsupportedType) {
		t.Fatal(err)
	}
	if TypeQ4_K.BlockSize() != 256 || TypeQ4_K.TypeSize() != 144 || TypeQ4_K.String() != "Q4_K" {
		t.Fatal("Q4_K traits")
	}
	if ty, err := ParseGGMLType("Q8_0"); err != nil || ty != TypeQ8_0 {
		t.Fatal(ty, err)
	}
	if err := ToFloat32(TensorInfo{Type: TypeF32, Dims: []uint64{4}}, make([]byte, 15), make([]float32, 4)); !errors.Is(err, ErrBadTensor) {
		t.Fatal(err)
	}
}

func TestTruncations(t *testing.T) {
	data, _ := sample(t)
	for n := 0; n < len(data); n++ {
		_, err := Parse(bytes.NewReader(data[:n]), int64(n))
		if err == nil {
			t.Fatalf("parsed a file truncated to %d of %d bytes", n, len(data))
		}
		if n >= 4 && !errors.Is(err, ErrTruncated) {
			t.Fatalf("truncated to %d: %v", n, err)
		}
	}
}

// header builds a file start with the given counts.
func header(version uint32, nTensors, nKV uint64) []byte {
	b := []byte(magic)
	b = binary.LittleEndian.AppendUint32(b, version)
	b = binary.LittleEndian.AppendUint64(b, nTensors)
	return binary.LittleEndian.AppendUint64(b, nKV)
}

func appendStr(b []byte, s string) []byte {
	return append(binary.LittleEndian.AppendUint64(b, uint64(len(s))), s...)
}

func TestHostile(t *testing.T) {
	pad := make([]byte, 4096)
	tensorFile := func(dims []uint64, typ uint32, off uint64) []byte {
		b := appendStr(header(3, 1, 0), "t")
		b = binary.LittleEndian.AppendUint32(b, uint32(len(dims)))
		for _, d := range dims {
			b = binary.LittleEndian.AppendUint64(b, d)
		}
		b = binary.LittleEndian.AppendUint32(b, typ)
		b = binary.LittleEndian.AppendUint64(b, off)
		return append(b, pad...)
	}
	kvFile := func(key string, typ uint32, val []byte) []byte {
		b := appendStr(header(3, 0, 1), key)
		b = binary.LittleEndian.AppendUint32(b, typ)
		return append(append(b, val...), pad...)
	}
	arr := func(elem uint32, n uint64) []byte {
		return binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint32(nil, elem), n)
	}
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"magic", append([]byte("GGUX"), pad...), ErrBadMagic},
		{"version1", append(header(1, 0, 0), pad...), ErrUnsupportedVersion},
		{"version4", append(header(4, 0, 0), pad...), ErrUnsupportedVersion},
		{"kv count", append(header(3, 0, 1<<60), pad...), ErrTruncated},
		{"tensor count", append(header(3, math.MaxUint64, 0), pad...), ErrTruncated},
		{"huge string", append(binary.LittleEndian.AppendUint64(header(3, 0, 1), 1<<40), pad...), ErrTooLarge},
		{"string past end", append(binary.LittleEndian.AppendUint64(header(3, 0, 1), 1<<19), pad...), ErrTruncated},
		{"huge array", kvFile("k", 9, arr(4, 1<<30)), ErrTooLarge},
		{"array past end", kvFile("k", 9, arr(4, 1<<20)), ErrTruncated},
		{"string array past end", kvFile("k", 9, arr(8, 1<<20)), ErrTruncated},
		{"nested array", kvFile("k", 9, arr(9, 1)), ErrBadValue},
		{"bad type", kvFile("k", 13, nil), ErrBadValue},
		{"bad bool", kvFile("k", 7, []byte{2}), ErrBadValue},
		{"bad alignment", kvFile(KeyAlignment, 4, []byte{3, 0, 0, 0}), ErrBadValue},
		{"alignment type", kvFile(KeyAlignment, 5, []byte{32, 0, 0, 0}), ErrBadValue},
		{"no dims", tensorFile(nil, 0, 0), ErrBadTensor},
		{"five dims", tensorFile([]uint64{1, 1, 1, 1, 1}, 0, 0), ErrBadTensor},
		{"dims overflow", tensorFile([]uint64{1 << 32, 1 << 32, 1 << 32}, 0, 0), ErrBadTensor},
		{"bytes overflow", tensorFile([]uint64{1 << 61}, 0, 0), ErrBadTensor},
		{"unknown type", tensorFile([]uint64{4}, 5, 0), ErrBadTensor},
		{"block multiple", tensorFile([]uint64{31}, 8, 0), ErrBadTensor},
		{"unaligned", tensorFile([]uint64{4}, 0, 4), ErrBadTensor},
		{"data past end", tensorFile([]uint64{4096}, 0, 0), ErrTruncated},
		{"offset past end", tensorFile([]uint64{4}, 0, 1<<40), ErrTruncated},
	}
	for _, c := range cases {
		_, err := Parse(bytes.NewReader(c.data), int64(len(c.data)))
		if !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.want)
		}
	}
	dup := append(appendStr(header(3, 0, 2), "k"), 0, 0, 0, 0, 1)
	dup = append(appendStr(dup, "k"), 0, 0, 0, 0, 1)
	dup = append(dup, pad...)
	if _, err := Parse(bytes.NewReader(dup), int64(len(dup))); !errors.Is(err, ErrDuplicateKey) {
		t.Error("duplicate key:", err)
	}
}

func TestWriterRejects(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, []KV{{"k", struct{}{}}}, nil); !errors.Is(err, ErrBadValue) {
		t.Error(err)
	}
	if err := Write(&buf, nil, []Tensor{{"t", TypeF32, []uint64{4}, make([]byte, 3)}}); !errors.Is(err, ErrBadTensor) {
		t.Error(err)
	}
	if err := Write(&buf, []KV{{"a", true}, {"a", false}}, nil); !errors.Is(err, ErrDuplicateKey) {
		t.Error(err)
	}
}

func TestAlignmentOption(t *testing.T) {
	var buf bytes.Buffer
	kvs := []KV{{KeyAlignment, uint32(64)}}
	ts := []Tensor{{"a", TypeF32, []uint64{3}, Float32Bytes([]float32{1, 2, 3})}, {"b", TypeF32, []uint64{1}, Float32Bytes([]float32{4})}}
	if err := Write(&buf, kvs, ts); err != nil {
		t.Fatal(err)
	}
	f, err := Parse(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := f.Tensor("b")
	if f.Alignment != 64 || f.DataOffset%64 != 0 || b.Offset != 64 {
		t.Fatal(f.Alignment, f.DataOffset, b.Offset)
	}
}

func FuzzParse(f *testing.F) {
	data, _ := sample(f)
	f.Add(data)
	for _, n := range []int{0, 4, 8, 24, 40, 100, len(data) / 2, len(data) - 1} {
		f.Add(data[:n])
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		gf, err := Parse(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return
		}
		for _, ti := range gf.Tensors() {
			raw, err := gf.TensorData(ti.Name)
			if err != nil {
				t.Fatal(err)
			}
			if ti.Elements() <= 1<<20 {
				_ = ToFloat32(ti, raw, make([]float32, ti.Elements()))
			}
		}
	})
}
