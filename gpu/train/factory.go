package train

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"path/filepath"
	"time"

	"github.com/provenet/provenet/gpu/model"
	"github.com/provenet/provenet/gpu/safetensors"
	"github.com/provenet/provenet/gpu/tokenizer"
	"github.com/provenet/provenet/gpu/train/bpe"
)

// PretrainConfig is a from-scratch run: a byte-level BPE tokenizer and a
// small full-parameter LLaMA-shaped base model trained on Data.
type PretrainConfig struct {
	Data                       []string // files and directories (see LoadCorpus)
	MaxBytes                   int64    // cap on corpus text read (0: all)
	Out                        string   // the Hugging Face model directory written
	Dim, Layers, Heads, Hidden int
	VocabSize, Seq             int
	Steps, Batch, Accum        int
	LR                         float64
	Warmup                     int
	WeightDecay                float64
	Seed                       uint64
	HoldoutPercent             int
	EvalSequences              int
	Threads                    int
	Checkpoint, Resume         string
	CheckpointEvery            int
	Pack                       bool // PackStream (block-diagonal) instead of Pack (one document per sequence)
	Logger                     *slog.Logger
}

// DefaultPretrain is a few-million-parameter model a laptop trains.
func DefaultPretrain() PretrainConfig {
	return PretrainConfig{Dim: 192, Layers: 4, Heads: 4, Hidden: 512, VocabSize: 4096, Seq: 256, Steps: 200,
		Batch: 8, Accum: 1, LR: 3e-3, Warmup: 20, WeightDecay: 0.1, Seed: 1, HoldoutPercent: 5, EvalSequences: 64, Pack: true}
}

// Sample is one greedy generation.
type Sample struct{ Prompt, Completion string }

// Report is what Pretrain and FineTune did.
type Report struct {
	Documents, TrainSeqs, HeldOutSeqs int
	Params                            int64
	Result                            Result
	Samples                           []Sample
	Wall                              time.Duration
	// TrainIDs and HeldOutIDs are the document IDs of each split
	// (FineTune only): the provenance of what trained an adapter.
	TrainIDs, HeldOutIDs []string
}

// InitWeights returns GPT-2-style initial weights of shape c: normal
// with standard deviation 0.02, the residual outputs (o_proj, down_proj)
// scaled by 1/√(2·layers), norms 1.
func InitWeights(c model.Config, seed uint64) (*model.Weights, error) {
	w, err := model.Random(c, seed)
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(seed, 0xda942042e4dd58b5))
	fill := func(s []float32, std float64) {
		for i := range s {
			s[i] = float32(r.NormFloat64() * std)
		}
	}
	resid := 0.02 / math.Sqrt(2*float64(c.Layers))
	fill(w.Embed, 0.02)
	if !c.TiedEmbeddings {
		fill(w.Output, 0.02)
	}
	for i := range w.Layers {
		L := &w.Layers[i]
		for m := range L.W {
			std := 0.02
			if model.Module(m) == model.O || model.Module(m) == model.Down {
				std = resid
			}
			fill(L.W[m], std)
		}
		for j := range L.Bias {
			clear(L.Bias[j])
		}
		for _, n := range [][]float32{L.AttnNorm, L.FFNNorm} {
			for k := range n {
				n[k] = 1
			}
		}
	}
	for k := range w.FinalNorm {
		w.FinalNorm[k] = 1
	}
	return w, nil
}

// Pretrain trains the tokenizer and the base model and writes both to
// cfg.Out (config.json, model.safetensors in F16, tokenizer.json,
// tokenizer_config.json).
func Pretrain(ctx context.Context, cfg PretrainConfig, progress func(Progress)) (Report, error) {
	start := time.Now()
	var rep Report
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if cfg.Out == "" || cfg.Seq < 2 {
		return rep, fmt.Errorf("%w: output directory %q, sequence %d", ErrJob, cfg.Out, cfg.Seq)
	}
	docs, err := LoadCorpus(cfg.Data, cfg.MaxBytes)
	if err != nil {
		return rep, err
	}
	trainDocs, heldDocs := Split(docs, cfg.HoldoutPercent)
	rep.Documents = len(docs)
	texts := make([]string, len(trainDocs))
	for i, d := range trainDocs {
		texts[i] = d.Text
	}
	bm, err := bpe.Train(texts, bpe.Config{VocabSize: cfg.VocabSize, MinFreq: 2})
	if err != nil {
		return rep, err
	}
	if err := bm.WriteHF(cfg.Out, cfg.Seq); err != nil {
		return rep, err
	}
	tok, err := tokenizer.FromHF(cfg.Out)
	if err != nil {
		return rep, err
	}
	log.Info("tokenizer trained", "vocab", tok.VocabSize(), "merges", len(bm.Merges), "documents", len(docs), "time", time.Since(start))
	c := model.Config{Dim: cfg.Dim, Hidden: cfg.Hidden, Layers: cfg.Layers, Heads: cfg.Heads, KVHeads: cfg.Heads,
		Vocab: tok.VocabSize(), NormEps: 1e-5, RopeTheta: 10000, MaxSeq: cfg.Seq, TiedEmbeddings: true,
		BOS: tok.BOS(), EOS: []int32{tok.EOS()}, Arch: "llama"}
	if err := c.Validate(); err != nil {
		return rep, err
	}
	rep.Params = c.Params()
	w, err := InitWeights(c, cfg.Seed)
	if err != nil {
		return rep, err
	}
	trainSeqs, heldSeqs, err := packSplit(tok, trainDocs, heldDocs, cfg.Seq, cfg.Pack)
	if err != nil {
		return rep, err
	}
	rep.TrainSeqs, rep.HeldOutSeqs = len(trainSeqs), len(heldSeqs)
	o := DefaultOptim()
	o.LR, o.Warmup, o.WeightDecay, o.Beta2 = cfg.LR, cfg.Warmup, cfg.WeightDecay, 0.99
	job := Job{Mode: Full, Base: w, Train: trainSeqs, HeldOut: heldSeqs, Batch: cfg.Batch, Accum: cfg.Accum,
		Steps: cfg.Steps, Optim: o, Seed: cfg.Seed, Threads: cfg.Threads, EvalSequences: cfg.EvalSequences,
		CheckpointDir: cfg.Checkpoint, CheckpointEvery: cfg.CheckpointEvery, Resume: cfg.Resume, Logger: log}
	rep.Result, err = Run(ctx, job, progress)
	if err != nil {
		return rep, err
	}
	if err := model.SaveHF(cfg.Out, w, safetensors.F16); err != nil {
		return rep, err
	}
	rep.Samples = samples(w, nil, tok, heldDocs, 3, 8, 40)
	rep.Wall = time.Since(start)
	return rep, nil
}

// packSplit tokenises and packs both splits, with PackStream when
// stream is set, else Pack.
func packSplit(tok *tokenizer.Tokenizer, trainDocs, heldDocs []Document, seq int, stream bool) (tr, ho []Sequence, err error) {
	pad := tok.PAD()
	if pad < 0 {
		pad = tok.EOS()
	}
	pack := Pack
	if stream {
		pack = PackStream
	}
	if tr, err = pack(tok, trainDocs, seq, tok.BOS(), tok.EOS(), pad); err != nil {
		return nil, nil, err
	}
	if ho, err = pack(tok, heldDocs, seq, tok.BOS(), tok.EOS(), pad); err != nil {
		return nil, nil, err
	}
	if len(tr) == 0 {
		return nil, nil, fmt.Errorf("%w: no training sequences", ErrNoData)
	}
	return tr, ho, nil
}

// samples greedily continues the first promptLen tokens of up to n
// held-out documents.
func samples(w *model.Weights, a *model.Adapter, tok *tokenizer.Tokenizer, docs []Document, n, promptLen, maxNew int) []Sample {
	var out []Sample
	for _, d := range docs {
		if len(out) >= n {
			break
		}
		ids := append([]int32{tok.BOS()}, tok.Encode(d.Text, false, false)...)
		if len(ids) <= promptLen {
			continue
		}
		prompt := ids[:promptLen]
		maxNew := min(maxNew, w.Config.MaxSeq-promptLen)
		gen, err := Generate(w, a, prompt, maxNew, w.Config.EOS)
		if err != nil {
			continue
		}
		out = append(out, Sample{Prompt: tok.Decode(prompt[1:]), Completion: tok.Decode(gen)})
	}
	return out
}

// FineTuneConfig is a LoRA run on a Hugging Face base directory (weights
// and tokenizer).
type FineTuneConfig struct {
	Base string
	// Docs, when set, are the training documents (a Datanet's golden
	// records, for example); otherwise Data's files are read.
	Docs                []Document
	Data                []string
	MaxBytes            int64
	Out                 string // the PEFT adapter directory written
	Rank                int
	Alpha               float32
	Targets             []string
	Seq                 int
	Steps, Batch, Accum int
	LR                  float64
	Warmup              int
	Seed                uint64
	HoldoutPercent      int
	EvalSequences       int
	Threads             int
	Checkpoint, Resume  string
	CheckpointEvery     int
	Pack                bool
	Logger              *slog.Logger
}

// DefaultFineTune is rank 8, alpha 16 on q and v.
func DefaultFineTune() FineTuneConfig {
	return FineTuneConfig{Rank: 8, Alpha: 16, Targets: []string{"q", "v"}, Seq: 256, Steps: 100, Batch: 4, Accum: 1,
		LR: 1e-3, Warmup: 10, Seed: 1, HoldoutPercent: 10, EvalSequences: 64, Pack: true}
}

// FineTune trains a LoRA adapter and writes it with model.SavePEFTFor.
func FineTune(ctx context.Context, cfg FineTuneConfig, progress func(Progress)) (Report, error) {
	start := time.Now()
	var rep Report
	w, err := model.LoadHF(cfg.Base)
	if err != nil {
		return rep, err
	}
	tok, err := tokenizer.FromHF(cfg.Base)
	if err != nil {
		return rep, err
	}
	var targets []model.Module
	for _, s := range cfg.Targets {
		m, ok := model.ParseModule(s)
		if !ok {
			return rep, fmt.Errorf("%w: target %q", ErrJob, s)
		}
		targets = append(targets, m)
	}
	docs := cfg.Docs
	if len(docs) == 0 {
		if docs, err = LoadCorpus(cfg.Data, cfg.MaxBytes); err != nil {
			return rep, err
		}
	}
	rep.Documents = len(docs)
	trainDocs, heldDocs := Split(docs, cfg.HoldoutPercent)
	for _, d := range trainDocs {
		rep.TrainIDs = append(rep.TrainIDs, d.ID)
	}
	for _, d := range heldDocs {
		rep.HeldOutIDs = append(rep.HeldOutIDs, d.ID)
	}
	seq := min(cfg.Seq, w.Config.MaxSeq)
	trainSeqs, heldSeqs, err := packSplit(tok, trainDocs, heldDocs, seq, cfg.Pack)
	if err != nil {
		return rep, err
	}
	rep.TrainSeqs, rep.HeldOutSeqs, rep.Params = len(trainSeqs), len(heldSeqs), w.Config.Params()
	o := DefaultOptim()
	o.LR, o.Warmup = cfg.LR, cfg.Warmup
	job := Job{Mode: LoRA, Base: w, Rank: cfg.Rank, Alpha: cfg.Alpha, Targets: targets, Name: filepath.Base(cfg.Out),
		Train: trainSeqs, HeldOut: heldSeqs, Batch: cfg.Batch, Accum: cfg.Accum, Steps: cfg.Steps, Optim: o,
		Seed: cfg.Seed, Threads: cfg.Threads, EvalSequences: cfg.EvalSequences, CheckpointDir: cfg.Checkpoint,
		CheckpointEvery: cfg.CheckpointEvery, Resume: cfg.Resume, Logger: cfg.Logger}
	rep.Result, err = Run(ctx, job, progress)
	if err != nil {
		return rep, err
	}
	if err := model.SavePEFTFor(cfg.Out, rep.Result.Adapter, cfg.Base, &w.Config); err != nil {
		return rep, err
	}
	back, err := model.LoadPEFT(cfg.Out, &w.Config)
	if err != nil {
		return rep, fmt.Errorf("train: the written adapter does not load: %w", err)
	}
	rep.Samples = samples(w, back, tok, heldDocs, 3, 8, 40)
	rep.Wall = time.Since(start)
	return rep, nil
}
