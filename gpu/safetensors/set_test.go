package safetensors

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func writeShard(t *testing.T, path string, names ...string) {
	t.Helper()
	var ts []NamedTensor
	for i, n := range names {
		ts = append(ts, NamedTensor{Name: n, DType: BF16, Shape: []int{2}, Data: EncodeBF16([]float32{float32(i), 1})})
	}
	if err := WriteFile(path, ts, map[string]string{"format": "pt"}); err != nil {
		t.Fatal(err)
	}
}

func writeIndex(t *testing.T, dir, body string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, IndexFileName), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestOpenDirSharded(t *testing.T) {
	dir := t.TempDir()
	writeShard(t, filepath.Join(dir, "model-00001-of-00002.safetensors"), "embed", "l0")
	writeShard(t, filepath.Join(dir, "model-00002-of-00002.safetensors"), "l1", "norm")
	writeIndex(t, dir, `{"metadata":{"total_size":16},"weight_map":{
		"embed":"model-00001-of-00002.safetensors","l0":"model-00001-of-00002.safetensors",
		"l1":"model-00002-of-00002.safetensors","norm":"model-00002-of-00002.safetensors"}}`)
	s, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := s.Names(); !reflect.DeepEqual(got, []string{"embed", "l0", "l1", "norm"}) {
		t.Fatalf("Names = %v", got)
	}
	tn, err := s.Tensor("norm")
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := tn.Float32(); !reflect.DeepEqual(v, []float32{1, 1}) {
		t.Fatalf("norm = %v", v)
	}
	if info, ok := s.Info("l1"); !ok || info.DType != BF16 {
		t.Fatalf("Info = %+v", info)
	}
	if _, err := s.Tensor("x"); !errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
	if s.Metadata()["format"] != "pt" {
		t.Fatal("metadata")
	}
}

func TestOpenDirSingle(t *testing.T) {
	dir := t.TempDir()
	writeShard(t, filepath.Join(dir, SingleFileName), "a", "b")
	s, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Names()) != 2 {
		t.Fatal(s.Names())
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenDir(t.TempDir()); err == nil {
		t.Fatal("empty dir opened")
	}
}

func TestOpenDirBadIndex(t *testing.T) {
	for name, idx := range map[string]string{
		"traversal":   `{"weight_map":{"a":"../x.safetensors"}}`,
		"slash":       `{"weight_map":{"a":"sub/x.safetensors"}}`,
		"backslash":   `{"weight_map":{"a":"sub\\x.safetensors"}}`,
		"abs":         `{"weight_map":{"a":"/etc/passwd"}}`,
		"dotdot":      `{"weight_map":{"a":".."}}`,
		"empty":       `{"weight_map":{}}`,
		"not json":    `{"weight_map":`,
		"wrong shard": `{"weight_map":{"a":"s1.safetensors","c":"s1.safetensors"}}`,
		"missing":     `{"weight_map":{"zzz":"s1.safetensors"}}`,
	} {
		dir := t.TempDir()
		writeShard(t, filepath.Join(dir, "s1.safetensors"), "a", "b")
		writeShard(t, filepath.Join(dir, "s2.safetensors"), "c")
		writeIndex(t, dir, idx)
		if _, err := OpenDir(dir); !errors.Is(err, ErrBadIndex) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// The same tensor in two shards.
	dir := t.TempDir()
	writeShard(t, filepath.Join(dir, "s1.safetensors"), "a")
	writeShard(t, filepath.Join(dir, "s2.safetensors"), "a")
	writeIndex(t, dir, `{"weight_map":{"a":"s1.safetensors","b":"s2.safetensors"}}`)
	if _, err := OpenDir(dir); !errors.Is(err, ErrBadIndex) {
		t.Errorf("duplicate across shards: %v", err)
	}
}
