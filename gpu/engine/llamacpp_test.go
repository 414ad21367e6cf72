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
	return abs
}

type llamaCppRun struct {
	Tokens []int32 `json:"tokens"`
	Rate   float64 `json:"decode_tok_s"`
}

func llamaCppGreedy(t *testing.T, dir, modelPath string, prompt []int32, n int) llamaCppRun {
	t.Helper()
	ids := make([]string, len(prompt))
	for i, id := range prompt {
		ids[i] = fmt.Sprint(id)
	}
	cmd := exec.Command("node", filepath.Join(dir, "greedy.mjs"), modelPath, fmt.Sprint(n), strings.Join(ids, ","))
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

func engineGreedy(t *testing.T, w *model.Weights, tk *tokenizer.Tokenizer, prompt []int32, n int) []int32 {
	t.Helper()
	e, err := New(DefaultConfig(), []Base{{Name: "b", Weights: w, Tokenizer: tk}}, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Stop()
	ch, err := e.Generate(context.Background(), gpu.Request{Model: "b", PromptIDs: prompt, MaxTokens: n})
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
