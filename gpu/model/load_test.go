package model

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/provenet/provenet/gpu/cpu"
	"github.com/provenet/provenet/gpu/gguf"
	"github.com/provenet/provenet/gpu/safetensors"
)

func smallConfig() Config {
	return Config{Dim: 64, Hidden: 96, Layers: 2, Heads: 4, KVHeads: 2, Vocab: 300, NormEps: 1e-5, RopeTheta: 10000, MaxSeq: 64, Arch: "llama", BOS: 1, EOS: []int32{2}}
}

func modelOf(t *testing.T, w *Weights) *Model {
	t.Helper()
	kv, err := NewKVCache(w.Config, 16*w.Config.MaxSeq)
	if err != nil {
		t.Fatal(err)
	}
	be := cpu.NewBackend(0)
	t.Cleanup(be.Close)
	m, err := New(w, be, kv)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestHFRoundTrip(t *testing.T) {
	w, err := Random(smallConfig(), 5)
	if err != nil {
		t.Fatal(err)
	}
	prompt := []int32{1, 20, 30}
	want := greedy(t, modelOf(t, w), prompt, 16, nil)
	for _, dt := range []safetensors.DType{safetensors.F32, safetensors.F16, safetensors.BF16} {
		dir := t.TempDir()
		if err := SaveHF(dir, w, dt); err != nil {
			t.Fatal(err)
		}
		lw, err := LoadHF(dir)
		if err != nil {
			t.Fatalf("%s: %v", dt, err)
		}
		got := greedy(t, modelOf(t, lw), prompt, 16, nil)
		ref := refGreedy(newRef(lw), prompt, 16)
		if !equal(got, ref) {
			t.Fatalf("%s: engine %v, reference on the loaded weights %v", dt, got, ref)
		}
		if dt == safetensors.F32 && !equal(got, want) {
			t.Fatalf("f32 round trip changed the output: %v vs %v", got, want)
		}
	}
}

// TestGGUFInterleavedRopeMatchesHF saves half-split weights as a LLaMA
// GGUF (rows permuted as llama.cpp's converter does) and checks that the
// interleaved-RoPE model gives the same tokens.
func TestGGUFInterleavedRopeMatchesHF(t *testing.T) {
	w, err := Random(smallConfig(), 6)
	if err != nil {
		t.Fatal(err)
	}
	prompt := []int32{1, 7, 8, 9}
	want := greedy(t, modelOf(t, w), prompt, 16, nil)
	for _, typ := range []gguf.GGMLType{gguf.TypeF32, gguf.TypeF16, gguf.TypeQ8_0} {
		path := filepath.Join(t.TempDir(), "m.gguf")
		if err := SaveGGUF(path, w, typ, nil); err != nil {
			t.Fatal(err)
		}
		lw, f, err := LoadGGUF(path)
		if err != nil {
			t.Fatalf("type %v: %v", typ, err)
		}
		f.Close()
		if lw.Config.RopeStyle != RopeInterleaved {
			t.Fatal("GGUF llama did not select interleaved RoPE")
		}
		got := greedy(t, modelOf(t, lw), prompt, 16, nil)
		if typ == gguf.TypeF32 && !equal(got, want) {
			t.Fatalf("f32 GGUF %v, HF layout %v", got, want)
		}
		if ref := refGreedy(newRef(lw), prompt, 16); !equal(got, ref) {
			t.Fatalf("type %v: engine %v, reference %v", typ, got, ref)
		}
	}
}

func TestPEFTRoundTrip(t *testing.T) {
	c := smallConfig()
	w, err := Random(c, 8)
	if err != nil {
		t.Fatal(err)
	}
	m := modelOf(t, w)
	a := RandomAdapter(c, "x", 4, 8, []Module{Q, V, Down}, 9)
	dir := t.TempDir()
	if err := SavePEFT(dir, a, "test-base"); err != nil {
		t.Fatal(err)
	}
	la, err := LoadPEFT(dir, &c)
	if err != nil {
		t.Fatal(err)
	}
	prompt := []int32{1, 2, 3, 4}
	if d := maxDiff(logitsOf(t, m, prompt, []AdapterRef{{A: a, Weight: 1}}), logitsOf(t, m, prompt, []AdapterRef{{A: la, Weight: 1}})); d != 0 {
		t.Fatalf("loaded adapter differs by %g", d)
	}
	// The same adapter against a base of another width is refused.
	other := c
	other.Dim = 32
	if _, err := LoadPEFT(dir, &other); !errors.Is(err, ErrAdapter) {
		t.Fatalf("wrong base accepted: %v", err)
	}
}

func TestLoadHostileFiles(t *testing.T) {
	w, err := Random(smallConfig(), 5)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := SaveHF(dir, w, safetensors.F32); err != nil {
		t.Fatal(err)
	}
	// NaN in a weight.
	w.Layers[1].W[Up][3] = float32(nan())
	nanDir := t.TempDir()
	if err := SaveHF(nanDir, w, safetensors.F32); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadHF(nanDir); !errors.Is(err, ErrLoad) {
		t.Fatalf("NaN accepted: %v", err)
	}
	// A config that disagrees with the tensors.
	cfg, _ := os.ReadFile(filepath.Join(dir, "config.json"))
	os.WriteFile(filepath.Join(dir, "config.json"), []byte(strings.Replace(string(cfg), `"intermediate_size": 96`, `"intermediate_size": 128`, 1)), 0o644)
	if _, err := LoadHF(dir); !errors.Is(err, ErrLoad) {
		t.Fatalf("shape mismatch accepted: %v", err)
	}
	// A truncated weights file.
	st := filepath.Join(dir, "model.safetensors")
	data, _ := os.ReadFile(st)
	os.WriteFile(st, data[:len(data)/2], 0o644)
	if _, err := LoadHF(dir); !errors.Is(err, ErrLoad) {
		t.Fatalf("truncated file accepted: %v", err)
	}
	if _, _, err := LoadGGUF(st); !errors.Is(err, ErrLoad) {
		t.Fatalf("safetensors file accepted as GGUF: %v", err)
	}
}
