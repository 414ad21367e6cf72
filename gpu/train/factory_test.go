package train

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/provenet/provenet/gpu/model"
)

// TestPretrainThenFineTune runs both CLI pipelines end to end on a tiny
// synthetic corpus: tokenizer, base model (SaveHF), reload with LoadHF,
// LoRA fine-tune (SavePEFT, LoadPEFT), samples through the engine.
func TestPretrainThenFineTune(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	animals := []string{"cat", "dog", "bird", "fish", "horse", "cow"}
	for i := 0; i < 300; i++ {
		a := animals[i%len(animals)]
		fmt.Fprintf(&b, "The %s number %d sat on the mat and the %s was happy.\n%%\n", a, i%10, a)
	}
	data := filepath.Join(dir, "fortunes")
	if err := os.WriteFile(data, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := DefaultPretrain()
	cfg.Data, cfg.Out = []string{data}, filepath.Join(dir, "base")
	cfg.Dim, cfg.Layers, cfg.Heads, cfg.Hidden, cfg.VocabSize, cfg.Seq = 32, 2, 2, 64, 320, 32
	cfg.Steps, cfg.Batch, cfg.LR, cfg.Warmup, cfg.HoldoutPercent = 40, 4, 1e-2, 5, 10
	rep, err := Pretrain(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := rep.Result
	t.Logf("pretrain: %d docs, %d params, held-out ppl %.1f -> %.1f, samples %q", rep.Documents, rep.Params, r.Before.Perplexity, r.After.Perplexity, rep.Samples)
	if !(r.After.Loss < r.Before.Loss-1) || len(rep.Samples) == 0 {
		t.Fatalf("pretraining did not learn: %+v / %+v", r.Before, r.After)
	}
	w, err := model.LoadHF(cfg.Out)
	if err != nil {
		t.Fatal(err)
	}
	if w.Config.Vocab != rep.Result.Weights.Config.Vocab {
		t.Fatal("reloaded base has another vocabulary")
	}
	ft := DefaultFineTune()
	ft.Base, ft.Data, ft.Out = cfg.Out, []string{data}, filepath.Join(dir, "adapter")
	ft.Steps, ft.Batch, ft.Seq, ft.LR = 10, 4, 32, 5e-3
	frep, err := FineTune(context.Background(), ft, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fine-tune: held-out ppl %.2f -> %.2f, samples %q", frep.Result.Before.Perplexity, frep.Result.After.Perplexity, frep.Samples)
	if _, err := model.LoadPEFT(ft.Out, &w.Config); err != nil {
		t.Fatal(err)
	}
}
