package node

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/gpu/train"
)

// FactoryJobRequest starts a LoRA fine-tune on a Datanet's golden records.
type FactoryJobRequest struct {
	Datanet string   `json:"datanet"`
	Name    string   `json:"name"`
	Rank    int      `json:"rank"`
	Alpha   float32  `json:"alpha"`
	Targets []string `json:"targets"`
	Steps   int      `json:"steps"`
	Batch   int      `json:"batch"`
	Seq     int      `json:"seq"`
	LR      float64  `json:"lr"`
	Seed    uint64   `json:"seed"`
}

// Provenance is written next to a trained adapter (provenance.json) and
// returned by the job API: what the adapter was trained from, by whom.
type Provenance struct {
	AdapterCID string            `json:"adapter_cid"`
	Base       string            `json:"base"`
	Datanet    string            `json:"datanet"`
	Records    []string          `json:"records"`
	Hyper      FactoryJobRequest `json:"hyperparameters"`
	Owner      string            `json:"owner"`
	Trained    time.Time         `json:"trained"`
}

// factoryJob is one job's live state.
type factoryJob struct {
	ID       string            `json:"id"`
	Request  FactoryJobRequest `json:"request"`
	State    string            `json:"state"` // queued, running, done, failed, cancelled
	Progress train.Progress    `json:"progress"`
	Error    string            `json:"error,omitempty"`
	Before   *train.EvalResult `json:"heldout_before,omitempty"`
	After    *train.EvalResult `json:"heldout_after,omitempty"`
	Samples  []train.Sample    `json:"samples,omitempty"`
	Result   *Provenance       `json:"adapter,omitempty"`
	cancel   context.CancelFunc
}

type factoryJobs struct {
	mu   sync.Mutex
	jobs map[string]*factoryJob
	run  sync.Mutex // one training job at a time: it takes every core
}

// ErrFactory reports a job that cannot run.
var ErrFactory = errors.New("node: factory job")

// startFactoryJob checks the request and the grant, gathers the golden
// records, and trains in the background; the adapter is served as soon as
// it is written.
func (n *Node) startFactoryJob(req FactoryJobRequest) (*factoryJob, error) {
	if n.infer == nil {
		return nil, fmt.Errorf("%w: this node has no inference role (no base model)", ErrFactory)
	}
	if st, err := os.Stat(n.cfg.GPU.Model); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%w: the trainer needs a Hugging Face base directory; %s is not one", ErrFactory, n.cfg.GPU.Model)
	}
	id, err := cid.Decode(req.Datanet)
	if err != nil {
		return nil, fmt.Errorf("%w: datanet: %v", ErrFactory, err)
	}
	d, err := n.store.GetDatanet(id)
	if err != nil {
		return nil, err
	}
	if d.Owner != n.home.Account.Address() {
		if err := n.granted(req.Datanet, n.home.Account.Address(), time.Now()); err != nil {
			return nil, err
		}
	}
	if req.Rank == 0 {
		req.Rank = 8
	}
	if req.Alpha == 0 {
		req.Alpha = float32(2 * req.Rank)
	}
	if len(req.Targets) == 0 {
		req.Targets = []string{"q_proj", "v_proj"}
	}
	if req.Steps == 0 {
		req.Steps = 100
	}
	if req.Batch == 0 {
		req.Batch = 8
	}
	if req.Seq == 0 {
		req.Seq = 256
	}
	if req.LR == 0 {
		req.LR = 1e-3
	}
	if req.Name == "" {
		req.Name = "ft-" + req.Datanet[len(req.Datanet)-8:]
	}
	if strings.ContainsAny(req.Name, `/\`) || strings.HasPrefix(req.Name, ".") || req.Rank < 1 || req.Rank > 256 || req.Steps < 1 || req.Steps > 1_000_000 {
		return nil, fmt.Errorf("%w: name %q, rank %d, steps %d", ErrFactory, req.Name, req.Rank, req.Steps)
	}
	var docs []train.Document
	st := datanet.StateGolden
	for after := uint64(0); ; {
		recs, next, err := n.store.ListRecords(datanet.Query{Datanet: id, State: &st, After: after, Limit: datanet.MaxQueryLimit})
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			docs = append(docs, train.Document{ID: r.CID.String(), Text: r.Content})
		}
		if next == 0 || len(recs) == 0 {
			break
		}
		after = next
	}
	if len(docs) < 2 {
		return nil, fmt.Errorf("%w: datanet %s has %d golden records", ErrFactory, req.Datanet, len(docs))
	}
	var idb [8]byte
	rand.Read(idb[:])
	ctx, cancel := context.WithCancel(n.ctx)
	job := &factoryJob{ID: "job-" + hex.EncodeToString(idb[:]), Request: req, State: "queued", cancel: cancel}
	n.factory.mu.Lock()
	if n.factory.jobs == nil {
		n.factory.jobs = map[string]*factoryJob{}
	}
	n.factory.jobs[job.ID] = job
	n.factory.mu.Unlock()
	n.goBackground(func(context.Context) { n.runFactoryJob(ctx, job, docs) })
	return job, nil
}

func (n *Node) runFactoryJob(ctx context.Context, job *factoryJob, docs []train.Document) {
	defer job.cancel()
	n.factory.run.Lock()
	defer n.factory.run.Unlock()
	set := func(f func()) {
		n.factory.mu.Lock()
		f()
		n.factory.mu.Unlock()
	}
	set(func() { job.State = "running" })
	req := job.Request
	out := filepath.Join(n.home.Path(DataDir), "adapters-trained", req.Name)
	cfg := train.DefaultFineTune()
	cfg.Base, cfg.Docs, cfg.Out = n.cfg.GPU.Model, docs, out
	cfg.Rank, cfg.Alpha, cfg.Targets, cfg.Steps, cfg.Batch, cfg.Seq, cfg.LR, cfg.Seed = req.Rank, req.Alpha, req.Targets, req.Steps, req.Batch, req.Seq, req.LR, req.Seed
	cfg.Logger = n.log.With("svc", "factory", "job", job.ID)
	rep, err := train.FineTune(ctx, cfg, func(p train.Progress) { set(func() { job.Progress = p }) })
	if err != nil {
		set(func() {
			job.State, job.Error = "failed", err.Error()
			if ctx.Err() != nil {
				job.State = "cancelled"
			}
		})
		return
	}
	info, err := n.infer.lib.Add(req.Name, out)
	if err != nil {
		set(func() { job.State, job.Error = "failed", err.Error() })
		return
	}
	prov := &Provenance{AdapterCID: info.CID, Base: info.Base, Datanet: req.Datanet, Hyper: req,
		Owner: n.home.Account.Address().Hex(), Trained: time.Now().UTC()}
	for _, d := range docs {
		prov.Records = append(prov.Records, d.ID)
	}
	sort.Strings(prov.Records)
	if b, err := json.MarshalIndent(prov, "", "  "); err == nil {
		_ = os.WriteFile(filepath.Join(out, "provenance.json"), b, 0o644)
	}
	n.registerAdapterAsset(ctx, prov)
	set(func() {
		job.State, job.Result, job.Samples = "done", prov, rep.Samples
		job.Before, job.After = &rep.Result.Before, &rep.Result.After
	})
	n.log.Info("factory: adapter trained", "job", job.ID, "adapter", info.CID, "records", len(docs),
		"heldout_before", rep.Result.Before.Loss, "heldout_after", rep.Result.After.Loss)
}
