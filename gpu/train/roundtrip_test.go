package train

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/provenet/provenet/gpu/cpu"
	"github.com/provenet/provenet/gpu/model"
)

// engineLogits runs one sequence through gpu/model's engine, token by
// token over its KV cache, and returns every position's logits.
func engineLogits(t *testing.T, w *model.Weights, a *model.Adapter, tokens []int32) [][]float32 {
	t.Helper()
	be := cpu.NewBackend(2)
	defer be.Close()
	out, err := model.SequenceLogits(w, be, a, tokens)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestEngineRoundTrip exports a trained adapter with SavePEFT, loads it
// back with LoadPEFT, and checks that the engine's logits equal the
// trainer's forward pass.
func TestEngineRoundTrip(t *testing.T) {
	for _, edit := range []func(*model.Config){
		func(*model.Config) {},
		func(c *model.Config) { c.KVHeads, c.AttentionBias, c.TiedEmbeddings = 2, true, true },
		func(c *model.Config) { c.RopeStyle = model.RopeInterleaved },
	} {
		c := model.Config{Dim: 64, Hidden: 96, Layers: 2, Heads: 4, Vocab: 300, NormEps: 1e-5, RopeTheta: 10000, MaxSeq: 32, BOS: 1, EOS: []int32{2}}
		edit(&c)
		w, err := model.Random(c, 7)
		if err != nil {
			t.Fatal(err)
		}
		ad := model.RandomAdapter(c, "rt", 8, 16, []model.Module{model.Q, model.V, model.Down}, 9)
		dir := t.TempDir()
		if err := model.SavePEFTFor(dir, ad, "base", &w.Config); err != nil {
			t.Fatal(err)
		}
		back, err := model.LoadPEFT(dir, &w.Config)
		if err != nil {
			t.Fatal(err)
		}
		be := cpu.NewBackend(2)
		p, err := fromModel[float32](w, ad, true)
		if err != nil {
			t.Fatal(err)
		}
		n, err := newNet(w.Config, p, nil, newKern32(be))
		if err != nil {
			t.Fatal(err)
		}
		r := rand.New(rand.NewPCG(1, 1))
		const S = 20
		tokens := make([]int32, 2*S)
		for i := range tokens {
			tokens[i] = int32(r.IntN(c.Vocab))
		}
		logits, err := n.Logits(tokens, nil, 2, S)
		be.Close()
		if err != nil {
			t.Fatal(err)
		}
		worst := 0.0
		for s := 0; s < 2; s++ {
			eng := engineLogits(t, w, back, tokens[s*S:(s+1)*S])
			for pos, row := range eng {
				for v, want := range row {
					got := logits[((s*S)+pos)*c.Vocab+v]
					d := math.Abs(float64(got - want))
					worst = max(worst, d)
					if d > 1e-3*(1+math.Abs(float64(want))) {
						t.Fatalf("seq %d pos %d token %d: trainer %v, engine %v", s, pos, v, got, want)
					}
				}
			}
		}
		t.Logf("%+v: worst |trainer-engine| logit difference %.2e", c.RopeStyle, worst)
	}
}

// TestPackedMatchesSeparate packs two documents into one sequence with
// block-diagonal positions and checks every row's logits against running
// each document alone: attention never crosses the boundary.
func TestPackedMatchesSeparate(t *testing.T) {
	c := model.Config{Dim: 32, Hidden: 48, Layers: 2, Heads: 4, KVHeads: 2, Vocab: 50, NormEps: 1e-5, RopeTheta: 10000, MaxSeq: 16}
	w, err := model.Random(c, 3)
	if err != nil {
		t.Fatal(err)
	}
	be := cpu.NewBackend(2)
	defer be.Close()
	p, err := fromModel[float32](w, model.RandomAdapter(w.Config, "p", 4, 8, []model.Module{model.Q, model.V}, 1), true)
	if err != nil {
		t.Fatal(err)
	}
	n, err := newNet(w.Config, p, nil, newKern32(be))
	if err != nil {
		t.Fatal(err)
	}
	a, b := []int32{1, 5, 6, 7, 2}, []int32{1, 9, 10, 11, 12, 13, 2}
	packed, err := n.Logits(append(append([]int32(nil), a...), b...), []int32{0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 5, 6}, 1, 12)
	if err != nil {
		t.Fatal(err)
	}
	la, err := n.Logits(a, nil, 1, len(a))
	if err != nil {
		t.Fatal(err)
	}
	lb, err := n.Logits(b, nil, 1, len(b))
	if err != nil {
		t.Fatal(err)
	}
	want := append(la, lb...)
	for i := range want {
		if math.Abs(float64(packed[i]-want[i])) > 1e-5 {
			t.Fatalf("logit %d: packed %v, alone %v", i, packed[i], want[i])
		}
	}
	if _, err := n.Logits(make([]int32, 4), []int32{0, 2, 3, 4}, 1, 4); err == nil {
		t.Fatal("bad positions accepted")
	}
}

// TestTrainedAdapterRoundTrip trains an adapter with Run, exports it with
// SavePEFT, loads it with LoadPEFT and checks the engine's logits against
// the trainer's forward pass on the trained adapter.
func TestTrainedAdapterRoundTrip(t *testing.T) {
	j := smallJob(t, LoRA, 15)
	j.Targets = []model.Module{model.Q, model.K, model.V, model.O, model.Gate, model.Up, model.Down}
	res, err := Run(context.Background(), j, nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := model.SavePEFT(dir, res.Adapter, "small"); err != nil {
		t.Fatal(err)
	}
	back, err := model.LoadPEFT(dir, &j.Base.Config)
	if err != nil {
		t.Fatal(err)
	}
	be := cpu.NewBackend(2)
	defer be.Close()
	p, err := fromModel[float32](j.Base, res.Adapter, true)
	if err != nil {
		t.Fatal(err)
	}
	n, err := newNet(j.Base.Config, p, nil, newKern32(be))
	if err != nil {
		t.Fatal(err)
	}
	q := j.HeldOut[0].Tokens
	logits, err := n.Logits(q, nil, 1, len(q))
	if err != nil {
		t.Fatal(err)
	}
	V := j.Base.Config.Vocab
	worst := 0.0
	for pos, row := range engineLogits(t, j.Base, back, q) {
		for v, want := range row {
			d := math.Abs(float64(logits[pos*V+v] - want))
			worst = max(worst, d)
			if d > 1e-3*(1+math.Abs(float64(want))) {
				t.Fatalf("pos %d token %d: trainer %v, engine %v", pos, v, logits[pos*V+v], want)
			}
		}
	}
	t.Logf("trained adapter: worst |trainer-engine| logit difference %.2e", worst)
}

func TestResumeRejectsOtherJob(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "c")
	j := smallJob(t, LoRA, 2)
	j.CheckpointDir = dir
	if _, err := Run(context.Background(), j, nil); err != nil {
		t.Fatal(err)
	}
	j2 := smallJob(t, LoRA, 4)
	j2.Seed, j2.Resume = 7, dir
	if _, err := Run(context.Background(), j2, nil); !errors.Is(err, ErrCheckpoint) {
		t.Fatalf("got %v, want ErrCheckpoint", err)
	}
	j3 := smallJob(t, Full, 4)
	j3.Resume = dir
	if _, err := Run(context.Background(), j3, nil); !errors.Is(err, ErrCheckpoint) {
		t.Fatalf("got %v, want ErrCheckpoint", err)
	}
}
