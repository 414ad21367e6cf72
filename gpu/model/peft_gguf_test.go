package model

import (
	"path/filepath"
	"testing"

	"github.com/provenet/provenet/gpu/gguf"
	"github.com/provenet/provenet/gpu/safetensors"
)

// rewritePEFT rewrites dir's adapter_model.safetensors with every tensor
// in dtype, as a PEFT adapter saved from a half-precision model is.
func rewritePEFT(t *testing.T, dir string, dtype safetensors.DType) {
	t.Helper()
	path := filepath.Join(dir, AdapterFiles[1])
	f, err := safetensors.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var ts []safetensors.NamedTensor
	for _, name := range f.Names() {
		tt, err := f.Tensor(name)
		if err != nil {
			t.Fatal(err)
		}
		v, err := tt.Float32()
		if err != nil {
			t.Fatal(err)
		}
		enc := map[safetensors.DType]func([]float32) []byte{safetensors.F32: safetensors.EncodeF32, safetensors.F16: safetensors.EncodeF16}[dtype]
		ts = append(ts, safetensors.NamedTensor{Name: name, DType: dtype, Shape: tt.Shape, Data: enc(v)})
	}
	f.Close()
	if err := safetensors.WriteFile(path, ts, map[string]string{"format": "pt"}); err != nil {
		t.Fatal(err)
	}
}

// TestPEFTOnGGUFMatchesHF serves the same random weights as a Hugging Face
// directory and as a LLaMA GGUF file (q and k rows permuted by the
// converter), with the same PEFT adapter on q, k, v and o, and checks
// that both give the same greedy tokens, unmerged and merged, with f32
// and f16 files. Before the loader permuted the adapter's q and k rows
// for an interleaved-RoPE base, the GGUF answer diverged at once.
func TestPEFTOnGGUFMatchesHF(t *testing.T) {
	c := smallConfig() // 4 heads, 2 KV heads: q and k permute differently
	w, err := Random(c, 21)
	if err != nil {
		t.Fatal(err)
	}
	a := RandomAdapter(c, "qkvo", 8, 32, []Module{Q, K, V, O}, 22)
	prompt := []int32{1, 17, 42, 99, 5}
	const n = 24
	for _, tc := range []struct {
		name string
		st   safetensors.DType
		gg   gguf.GGMLType
	}{{"f32", safetensors.F32, gguf.TypeF32}, {"f16", safetensors.F16, gguf.TypeF16}} {
		t.Run(tc.name, func(t *testing.T) {
			hfDir, adDir := t.TempDir(), t.TempDir()
			ggPath := filepath.Join(t.TempDir(), "m.gguf")
			if err := SaveHF(hfDir, w, tc.st); err != nil {
				t.Fatal(err)
			}
			if err := SaveGGUF(ggPath, w, tc.gg, nil); err != nil {
				t.Fatal(err)
			}
			if err := SavePEFT(adDir, a, "base"); err != nil {
				t.Fatal(err)
			}
			rewritePEFT(t, adDir, tc.st)
			hw, err := LoadHF(hfDir)
			if err != nil {
				t.Fatal(err)
			}
			gw, f, err := LoadGGUF(ggPath)
			if err != nil {
				t.Fatal(err)
			}
			f.Close()
			if gw.Config.RopeStyle != RopeInterleaved {
				t.Fatal("the GGUF base is not interleaved; the test shows nothing")
			}
			ha, err := LoadPEFT(adDir, &hw.Config)
			if err != nil {
				t.Fatal(err)
			}
			ga, err := LoadPEFT(adDir, &gw.Config)
			if err != nil {
				t.Fatal(err)
			}
			hm, gm := modelOf(t, hw), modelOf(t, gw)
			want := greedy(t, hm, prompt, n, []AdapterRef{{A: ha, Weight: 1}})
			if base := greedy(t, hm, prompt, n, nil); equal(base, want) {
				t.Fatal("the adapter does not change the greedy tokens; the test shows nothing")
			}
			if got := greedy(t, gm, prompt, n, []AdapterRef{{A: ga, Weight: 1}}); !equal(got, want) {
				t.Fatalf("unmerged: GGUF %v\nHugging Face %v", got, want)
			}
			if ref := refGreedy(newRef(gw, AdapterRef{A: ga, Weight: 1}), prompt, n); !equal(ref, want) {
				t.Fatalf("reference on the GGUF base: %v\nHugging Face %v", ref, want)
			}
			// Written back from the GGUF side, the adapter is in Hugging
			// Face's order again.
			back := t.TempDir()
			if err := SavePEFT(back, ga, "base"); err == nil {
				t.Fatal("SavePEFT wrote interleaved q and k rows as if they were Hugging Face's")
			}
			if err := SavePEFTFor(back, ga, "base", &gw.Config); err != nil {
				t.Fatal(err)
			}
			hb, err := LoadPEFT(back, &hw.Config)
			if err != nil {
				t.Fatal(err)
			}
			for l := range ha.Layers {
				for m, lo := range ha.Layers[l] {
					if lo != nil && maxDiff(lo.Bt, hb.Layers[l][m].Bt) != 0 {
						t.Fatalf("layer %d %s: B changed through SavePEFTFor", l, Module(m))
					}
				}
			}
			for _, side := range []struct {
				name string
				w    *Weights
				a    *Adapter
			}{{"Hugging Face", hw, ha}, {"GGUF", gw, ga}} {
				mw, err := Merge(side.w, AdapterRef{A: side.a, Weight: 1})
				if err != nil {
					t.Fatal(err)
				}
				if got := greedy(t, modelOf(t, mw), prompt, n, nil); !equal(got, want) {
					t.Fatalf("merged on %s: %v\nunmerged Hugging Face %v", side.name, got, want)
				}
			}
		})
	}
}
