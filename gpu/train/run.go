package train

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"time"

	"github.com/provenet/provenet/gpu/cpu"
	"github.com/provenet/provenet/gpu/model"
)

// ErrJob reports a job that cannot run as configured.
var ErrJob = errors.New("train: bad job")

// Mode selects what a job trains.
type Mode int

// Training modes.
const (
	// LoRA trains the A and B matrices of a new adapter; the base is frozen.
	LoRA Mode = iota
	// Full trains every parameter of the base, in place.
	Full
)

func (m Mode) String() string {
	if m == Full {
		return "full"
	}
	return "lora"
}

// Job is one training run.
type Job struct {
	Mode Mode
	// Base is the model. Full mode updates it in place; LoRA never
	// writes it.
	Base *model.Weights
	// LoRA settings: rank, alpha (scale alpha/rank) and target modules.
	Rank    int
	Alpha   float32
	Targets []model.Module
	Name    string // the adapter's name

	Train, HeldOut []Sequence
	Batch          int // sequences per micro-batch
	Accum          int // micro-batches per optimiser step
	Steps          int
	Optim          OptimConfig
	Seed           uint64
	Threads        int // 0: GOMAXPROCS
	// EvalSequences caps the held-out sequences evaluated (0: all).
	EvalSequences int

	CheckpointDir   string // written every CheckpointEvery steps and at the end
	CheckpointEvery int
	Resume          string // a checkpoint directory to continue from
	Logger          *slog.Logger
}

// Progress is reported after every optimiser step.
type Progress struct {
	Step, Steps  int
	Loss, LR     float64
	GradNorm     float64
	Tokens       int64 // counted (non-padding) target tokens so far
	TokensPerSec float64
	ETA          time.Duration
}

// EvalResult is a held-out evaluation.
type EvalResult struct {
	Loss, Perplexity float64
	Tokens           int
}

// Result is what a finished job produced.
type Result struct {
	Adapter   *model.Adapter // LoRA mode
	Weights   *model.Weights // the (updated in full mode) base
	Steps     int
	Losses    []float64 // training loss of every step, from step 0
	Before    EvalResult
	After     EvalResult
	Resumed   bool
	TrainTime time.Duration
}

func (j *Job) validate() error {
	switch {
	case j.Base == nil:
		return fmt.Errorf("%w: no base weights", ErrJob)
	case len(j.Train) == 0:
		return fmt.Errorf("%w: no training sequences", ErrJob)
	case j.Batch <= 0 || j.Steps <= 0:
		return fmt.Errorf("%w: batch %d, steps %d", ErrJob, j.Batch, j.Steps)
	case j.Mode == LoRA && (j.Rank <= 0 || len(j.Targets) == 0 || !(j.Alpha > 0)):
		return fmt.Errorf("%w: LoRA needs a rank, a positive alpha and targets", ErrJob)
	case j.Accum < 0 || j.Threads < 0 || j.EvalSequences < 0:
		return fmt.Errorf("%w: negative accumulation, threads or evaluation size", ErrJob)
	case !(j.Optim.LR > 0):
		return fmt.Errorf("%w: learning rate %v", ErrJob, j.Optim.LR)
	}
	for _, m := range j.Targets {
		if m >= model.NumModules {
			return fmt.Errorf("%w: target %s", ErrJob, m)
		}
	}
	s := len(j.Train[0].Tokens)
	for _, set := range [][]Sequence{j.Train, j.HeldOut} {
		for _, q := range set {
			if len(q.Tokens) != s || len(q.Targets) != s || q.Pos != nil && len(q.Pos) != s {
				return fmt.Errorf("%w: sequences of different lengths", ErrJob)
			}
		}
	}
	return nil
}

// NewAdapter returns a freshly initialised PEFT-style LoRA adapter: A
// uniform in ±1/√in, B zero, so that it starts as the identity update.
func NewAdapter(c model.Config, name string, rank int, alpha float32, targets []model.Module, seed uint64) *model.Adapter {
	_ = c.Validate()
	r := rand.New(rand.NewPCG(seed, 0x5851f42d4c957f2d))
	a := &model.Adapter{Name: name, Layers: make([][model.NumModules]*model.LoRA, c.Layers), Rope: c.RopeStyle}
	for i := range a.Layers {
		for _, m := range targets {
			out, in := c.Shape(m)
			lo := &model.LoRA{Rank: rank, Scale: alpha / float32(rank), A: make([]float32, rank*in), Bt: make([]float32, rank*out)}
			s := float32(1 / math.Sqrt(float64(in)))
			for k := range lo.A {
				lo.A[k] = (2*r.Float32() - 1) * s
			}
			a.Layers[i][m] = lo
		}
	}
	return a
}

// Run trains j, reporting progress after every step, until j.Steps or
// ctx ends (then it returns ctx's error, with a checkpoint written when
// CheckpointDir is set).
func Run(ctx context.Context, j Job, progress func(Progress)) (Result, error) {
	if err := j.validate(); err != nil {
		return Result{}, err
	}
	log := j.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	c := j.Base.Config
	if err := c.Validate(); err != nil {
		return Result{}, err
	}
	res := Result{Weights: j.Base}
	if j.Mode == LoRA {
		res.Adapter = NewAdapter(c, j.Name, j.Rank, j.Alpha, j.Targets, j.Seed)
	}
	p, err := fromModel[float32](j.Base, res.Adapter, true)
	if err != nil {
		return res, err
	}
	g := gradFor(p, j.Mode == Full, c.TiedEmbeddings)
	be := cpu.NewBackend(j.Threads)
	defer be.Close()
	n, err := newNet(c, p, g, newKern32(be))
	if err != nil {
		return res, err
	}
	ts := trainables(p, g, c.TiedEmbeddings)
	opt := newAdamW(j.Optim, ts)
	accum := max(j.Accum, 1)
	seq := len(j.Train[0].Tokens)
	st := State{Seed: j.Seed, Mode: j.Mode.String(), Data: len(j.Train)}
	if j.Resume != "" {
		if st, err = loadCheckpoint(j.Resume, ts, opt); err != nil {
			return res, err
		}
		if st.Mode != j.Mode.String() || st.Seed != j.Seed || st.Data != len(j.Train) {
			return res, fmt.Errorf("%w: checkpoint is %s mode with seed %d over %d sequences; the job is %s, seed %d, %d sequences",
				ErrCheckpoint, st.Mode, st.Seed, st.Data, j.Mode, j.Seed, len(j.Train))
		}
		res.Resumed = true
		log.Info("resumed", "dir", j.Resume, "step", st.Step)
	} else if len(j.HeldOut) > 0 {
		if res.Before, err = evaluate(n, j.HeldOut, j.Batch, j.EvalSequences); err != nil {
			return res, err
		}
	}
	ord := newOrder(j.Seed, len(j.Train), st.Epoch, st.Cursor)
	tokens, targets := make([]int32, j.Batch*seq), make([]int32, j.Batch*seq)
	var pos []int32
	if anyPos(j.Train, j.HeldOut) {
		pos = make([]int32, j.Batch*seq)
	}
	idx := make([]int, j.Batch*accum)
	start := time.Now()
	var counted int64
	save := func() error {
		if j.CheckpointDir == "" {
			return nil
		}
		st.Epoch, st.Cursor, st.AdamT = ord.epoch, ord.cursor, opt.t
		return saveCheckpoint(j.CheckpointDir, st, ts, opt)
	}
	first := st.Step
	for st.Step < j.Steps {
		if err := ctx.Err(); err != nil {
			if serr := save(); serr != nil {
				return res, errors.Join(err, serr)
			}
			return res, err
		}
		count := 0
		for i := range idx {
			idx[i] = ord.next()
			for _, t := range j.Train[idx[i]].Targets {
				if t >= 0 {
					count++
				}
			}
		}
		zeroGrad(ts)
		var loss float64
		if count > 0 {
			for a := 0; a < accum; a++ {
				for b := 0; b < j.Batch; b++ {
					q := j.Train[idx[a*j.Batch+b]]
					copy(tokens[b*seq:], q.Tokens)
					copy(targets[b*seq:], q.Targets)
					if pos != nil {
						fillPos(pos[b*seq:(b+1)*seq], &q)
					}
				}
				l, err := n.lossGrad(tokens, pos, targets, j.Batch, seq, 1/float32(count), true)
				if err != nil {
					return res, err
				}
				loss += l
			}
			loss /= float64(count)
		}
		lr := j.Optim.LRAt(st.Step, j.Steps)
		norm := opt.step(ts, lr)
		if math.IsNaN(loss) || math.IsInf(norm, 0) || math.IsNaN(norm) {
			return res, fmt.Errorf("%w: loss %v, gradient norm %v at step %d", ErrJob, loss, norm, st.Step)
		}
		st.Losses = append(st.Losses, loss)
		st.Step++
		counted += int64(count)
		if progress != nil {
			el := time.Since(start).Seconds()
			tps := float64(counted) / el
			done := st.Step - first
			eta := time.Duration(float64(j.Steps-st.Step) * el / float64(done) * float64(time.Second))
			progress(Progress{Step: st.Step, Steps: j.Steps, Loss: loss, LR: lr, GradNorm: norm, Tokens: counted, TokensPerSec: tps, ETA: eta})
		}
		if j.CheckpointEvery > 0 && st.Step%j.CheckpointEvery == 0 && st.Step < j.Steps {
			if err := save(); err != nil {
				return res, err
			}
		}
	}
	res.TrainTime = time.Since(start)
	res.Steps, res.Losses = st.Step, st.Losses
	if err := save(); err != nil {
		return res, err
	}
	if len(j.HeldOut) > 0 {
		var err error
		if res.After, err = evaluate(n, j.HeldOut, j.Batch, j.EvalSequences); err != nil {
			return res, err
		}
	}
	log.Info("trained", "mode", j.Mode, "steps", st.Step, "loss", last(st.Losses), "heldout_loss", res.After.Loss, "time", res.TrainTime)
	return res, nil
}

func last(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	return v[len(v)-1]
}
