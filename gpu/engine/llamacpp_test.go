package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/gpu/gguf"
	"github.com/provenet/provenet/gpu/model"
	"github.com/provenet/provenet/gpu/tokenizer"
	"github.com/provenet/provenet/gpu/train"
)

// llamaCppDir is where scripts/llamacpp.sh installed node-llama-cpp; the
// tests that need it skip without it, except in CI, where they fail.
func llamaCppDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("PROVENET_LLAMACPP")
	if dir == "" {
		dir = filepath.Join("..", "..", ".cache", "llamacpp")
	}
	_, errNode := exec.LookPath("node")
	_, errPkg := os.Stat(filepath.Join(dir, "node_modules", "node-llama-cpp"))
	if errNode != nil || errPkg != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("llama.cpp is not installed (run scripts/llamacpp.sh): node %v, package %v", errNode, errPkg)
		}
		t.Skip("llama.cpp (node-llama-cpp) not installed: run scripts/llamacpp.sh")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	// The driver script lives in the repository; node resolves its import
	// from where the script is, so it runs from the install directory.
	script, err := os.ReadFile(filepath.Join("..", "..", "scripts", "llamacpp", "greedy.mjs"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(abs, "greedy.mjs"), script, 0o644); err != nil {
		t.Fatal(err)
	}
	return abs
}

type llamaCppRun struct {
	Tokens []int32 `json:"tokens"`
	Rate   float64 `json:"decode_tok_s"`
}

func llamaCppGreedy(t *testing.T, dir, modelPath string, prompt []int32, n int, lora ...string) llamaCppRun {
	t.Helper()
	ids := make([]string, len(prompt))
	for i, id := range prompt {
		ids[i] = fmt.Sprint(id)
	}
	args := append([]string{filepath.Join(dir, "greedy.mjs"), modelPath, fmt.Sprint(n), strings.Join(ids, ",")}, lora...)
	cmd := exec.Command("node", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("llama.cpp: %v\n%s", err, out)
	}
	var r llamaCppRun
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &r); err != nil {
		t.Fatalf("llama.cpp output %q: %v", out, err)
	}
	return r
}

func engineGreedy(t *testing.T, w *model.Weights, tk *tokenizer.Tokenizer, prompt []int32, n int, adapter ...*model.Adapter) []int32 {
	t.Helper()
	var lib Adapters
	name := "b"
	if len(adapter) > 0 {
		lib = &memAdapters{byName: map[string]*model.Adapter{"lora": adapter[0]}, base: "b"}
		name = "lora"
	}
	cfg := DefaultConfig()
	cfg.MergeHot = false
	e, err := New(cfg, []Base{{Name: "b", Weights: w, Tokenizer: tk}}, lib, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Stop()
	ch, err := e.Generate(context.Background(), gpu.Request{Model: name, PromptIDs: prompt, MaxTokens: n})
	if err != nil {
		t.Fatal(err)
	}
	ids, _, _ := collect(t, ch)
	return ids
}

// llama.cpp (node-llama-cpp's prebuilt CPU build) and this engine decode
// the same GGUF files greedily to the same tokens: a random-weight
// stories15M written by `model random`, and the project's trained base
// written by `model convert` from its Hugging Face directory.
func TestGreedyMatchesLlamaCpp(t *testing.T) {
	dir := llamaCppDir(t)
	tmp := t.TempDir()
	r15 := filepath.Join(tmp, "r15.gguf")
	if err := WriteRandomGGUF(r15, model.Stories15M(), 1, gguf.TypeF32); err != nil {
		t.Fatal(err)
	}
	hf := filepath.Join(tmp, "base")
	if err := train.WriteBaseModel(hf); err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(tmp, "base.gguf")
	if _, err := ConvertHFToGGUF(hf, base, gguf.TypeF32); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, path string
		prompt     []int32
	}{{"stories15M random", r15, []int32{1, 9038, 2501, 263, 931}}, {"trained base, converted", base, []int32{1, 300, 301, 302}}} {
		w, f, err := model.LoadGGUF(c.path)
		if err != nil {
			t.Fatal(err)
		}
		tk, err := tokenizer.FromGGUF(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		const n = 32
		ours := engineGreedy(t, w, tk, c.prompt, n)
		ref := llamaCppGreedy(t, dir, c.path, c.prompt, n)
		same := 0
		for same < min(len(ours), len(ref.Tokens)) && ours[same] == ref.Tokens[same] {
			same++
		}
		t.Logf("%s: %d of %d greedy tokens agree with llama.cpp; llama.cpp decodes at %.0f tok/s", c.name, same, n, ref.Rate)
		if !slices.Equal(ours, ref.Tokens) {
			t.Errorf("%s: tokens differ from the %dth: ours %v, llama.cpp %v", c.name, same, ours, ref.Tokens)
		}
	}
}

// A PEFT adapter targeting q, k, v and o, converted to a GGUF LoRA by
// `model convert --lora` for a GGUF base (whose q and k rows llama.cpp's
// layout interleaves), changes llama.cpp's greedy tokens exactly as the
// engine's own application of the PEFT adapter changes them.
func TestLoRAConversionMatchesLlamaCpp(t *testing.T) {
	dir := llamaCppDir(t)
	tmp := t.TempDir()
	basePath := filepath.Join(tmp, "r15.gguf")
	if err := WriteRandomGGUF(basePath, model.Stories15M(), 1, gguf.TypeF32); err != nil {
		t.Fatal(err)
	}
	w, f, err := model.LoadGGUF(basePath)
	if err != nil {
		t.Fatal(err)
	}
	tk, err := tokenizer.FromGGUF(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	hfShape := model.Stories15M() // PEFT files are in Hugging Face's row order
	a := model.RandomAdapter(hfShape, "qkvo", 8, 64, []model.Module{model.Q, model.K, model.V, model.O}, 5)
	peft := filepath.Join(tmp, "qkvo")
	if err := model.SavePEFT(peft, a, "stories15m"); err != nil {
		t.Fatal(err)
	}
	loraPath := filepath.Join(tmp, "qkvo.gguf")
	if err := ConvertPEFTToGGUF(peft, basePath, loraPath); err != nil {
		t.Fatal(err)
	}
	onBase, err := model.LoadPEFT(peft, &w.Config)
	if err != nil {
		t.Fatal(err)
	}
	onBase.CID = "bafy-qkvo"
	prompt := []int32{1, 9038, 2501, 263, 931}
	const n = 32
	plain := engineGreedy(t, w, tk, prompt, n)
	ours := engineGreedy(t, w, tk, prompt, n, onBase)
	ref := llamaCppGreedy(t, dir, basePath, prompt, n, loraPath)
	if slices.Equal(plain, ours) {
		t.Fatal("the adapter changes nothing: the test proves little")
	}
	same := 0
	for same < min(len(ours), len(ref.Tokens)) && ours[same] == ref.Tokens[same] {
		same++
	}
	t.Logf("with the converted LoRA: %d of %d greedy tokens agree with llama.cpp", same, n)
	if !slices.Equal(ours, ref.Tokens) {
		t.Fatalf("tokens differ from the %dth: engine %v, llama.cpp %v", same, ours, ref.Tokens)
	}
}
