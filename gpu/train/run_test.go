package train

import (
	"context"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/provenet/provenet/gpu/model"
)

func smallConfig() model.Config {
	return model.Config{Dim: 32, Hidden: 48, Layers: 2, Heads: 4, KVHeads: 2, Vocab: 40,
		NormEps: 1e-5, RopeTheta: 10000, MaxSeq: 16, BOS: 1, EOS: []int32{2}}
}

// patterned returns sequences of a learnable pattern (t+1 follows t).
func patterned(n, s, vocab int, seed uint64) []Sequence {
	r := rand.New(rand.NewPCG(seed, 1))
	out := make([]Sequence, n)
	for i := range out {
		q := Sequence{Tokens: make([]int32, s), Targets: make([]int32, s)}
		t := r.IntN(vocab)
		for k := 0; k < s; k++ {
			q.Tokens[k] = int32((t + k) % vocab)
			q.Targets[k] = int32((t + k + 1) % vocab)
		}
		q.Targets[s-1] = -1
		out[i] = q
	}
	return out
}

func smallJob(t *testing.T, mode Mode, steps int) Job {
	w, err := model.Random(smallConfig(), 11)
	if err != nil {
		t.Fatal(err)
	}
	o := DefaultOptim()
	o.LR, o.Warmup, o.WeightDecay = 1e-2, 3, 0.01
	return Job{Mode: mode, Base: w, Rank: 4, Alpha: 8, Targets: []model.Module{model.Q, model.V}, Name: "t",
		Train: patterned(24, 12, 40, 1), HeldOut: patterned(6, 12, 40, 2), Batch: 3, Accum: 2,
		Steps: steps, Optim: o, Seed: 42, Threads: 2}
}

func TestLoRAFreezesBaseAndLearns(t *testing.T) {
	j := smallJob(t, LoRA, 30)
	before := snapshot(j.Base)
	res, err := Run(context.Background(), j, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(before, snapshot(j.Base)) {
		t.Fatal("LoRA training changed the base weights")
	}
	t.Logf("held-out loss %.4f -> %.4f (perplexity %.2f -> %.2f)", res.Before.Loss, res.After.Loss, res.Before.Perplexity, res.After.Perplexity)
	if !(res.After.Loss < res.Before.Loss-0.1) {
		t.Fatalf("held-out loss did not fall: %v -> %v", res.Before.Loss, res.After.Loss)
	}
	moved := false
	for _, l := range res.Adapter.Layers {
		for _, lo := range l {
			if lo != nil && slices.ContainsFunc(lo.Bt, func(v float32) bool { return v != 0 }) {
				moved = true
			}
		}
	}
	if !moved {
		t.Fatal("adapter B stayed zero")
	}
}

func TestFullTrainingLearns(t *testing.T) {
	j := smallJob(t, Full, 30)
	res, err := Run(context.Background(), j, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("held-out loss %.4f -> %.4f", res.Before.Loss, res.After.Loss)
	if !(res.After.Loss < res.Before.Loss-0.5) {
		t.Fatalf("held-out loss did not fall: %v -> %v", res.Before.Loss, res.After.Loss)
	}
}

func snapshot(w *model.Weights) []float32 {
	s := append([]float32(nil), w.Embed...)
	s = append(s, w.Output...)
	s = append(s, w.FinalNorm...)
	for _, l := range w.Layers {
		s = append(s, l.AttnNorm...)
		s = append(s, l.FFNNorm...)
		for _, m := range l.W {
			s = append(s, m...)
		}
	}
	return s
}

// TestResumeIsBitwise trains N steps straight, and N/2 + checkpoint +
// resume + N/2, in both modes: the loss curves and the trained tensors
// must be bitwise equal.
func TestResumeIsBitwise(t *testing.T) {
	for _, mode := range []Mode{LoRA, Full} {
		const N = 8
		straight, err := Run(context.Background(), smallJob(t, mode, N), nil)
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(t.TempDir(), "ckpt")
		j1 := smallJob(t, mode, N/2)
		j1.CheckpointDir = dir
		if _, err := Run(context.Background(), j1, nil); err != nil {
			t.Fatal(err)
		}
		j2 := smallJob(t, mode, N)
		j2.Resume = dir
		resumed, err := Run(context.Background(), j2, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !resumed.Resumed || !slices.Equal(straight.Losses, resumed.Losses) {
			t.Fatalf("%s: loss curves differ:\nstraight %v\nresumed  %v", mode, straight.Losses, resumed.Losses)
		}
		if mode == LoRA {
			for i := range straight.Adapter.Layers {
				for m, lo := range straight.Adapter.Layers[i] {
					if lo != nil && (!slices.Equal(lo.A, resumed.Adapter.Layers[i][m].A) || !slices.Equal(lo.Bt, resumed.Adapter.Layers[i][m].Bt)) {
						t.Fatalf("adapter layer %d %s differs after resume", i, model.Module(m))
					}
				}
			}
		} else if !slices.Equal(snapshot(straight.Weights), snapshot(resumed.Weights)) {
			t.Fatal("weights differ after resume")
		}
		if straight.After != resumed.After {
			t.Fatalf("held-out evaluation differs: %+v vs %+v", straight.After, resumed.After)
		}
		t.Logf("%s: %d steps straight == %d + resume + %d, losses %v", mode, N, N/2, N/2, straight.Losses)
	}
}

func TestRunCancels(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	j := smallJob(t, LoRA, 1000)
	j.CheckpointDir = filepath.Join(t.TempDir(), "c")
	_, err := Run(ctx, j, func(p Progress) {
		if p.Step == 2 {
			cancel()
		}
	})
	if err != context.Canceled {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	j2 := smallJob(t, LoRA, 3)
	j2.Resume = j.CheckpointDir
	res, err := Run(context.Background(), j2, nil)
	if err != nil || len(res.Losses) != 3 {
		t.Fatalf("resume after cancel: %v, %d losses", err, len(res.Losses))
	}
}

func TestLRSchedule(t *testing.T) {
	o := OptimConfig{LR: 1, MinLRFrac: 0.1, Warmup: 4}
	if got := o.LRAt(0, 100); got != 0.25 {
		t.Fatalf("warmup step 0: %v", got)
	}
	if got := o.LRAt(4, 100); math.Abs(got-1) > 1e-12 {
		t.Fatalf("peak: %v", got)
	}
	if got := o.LRAt(100, 100); math.Abs(got-0.1) > 1e-12 {
		t.Fatalf("end: %v", got)
	}
}

// TestAccumulationMatchesBigBatch checks that 2 micro-batches of 3 give
// the update one batch of 6 gives (up to float32 summation order).
func TestAccumulationMatchesBigBatch(t *testing.T) {
	a := smallJob(t, Full, 5)
	b := smallJob(t, Full, 5)
	b.Batch, b.Accum = 6, 1
	ra, err := Run(context.Background(), a, nil)
	if err != nil {
		t.Fatal(err)
	}
	rb, err := Run(context.Background(), b, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range ra.Losses {
		if math.Abs(ra.Losses[i]-rb.Losses[i]) > 1e-4 {
			t.Fatalf("step %d: accumulated loss %v, big batch %v", i, ra.Losses[i], rb.Losses[i])
		}
	}
}
