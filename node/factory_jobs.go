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

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/gpu/train"
)

// FactoryJobRequest starts a LoRA fine-tune on a Datanet's golden records.
type FactoryJobRequest struct {
	Datanet string   `json:"datanet"`
	Base    string   `json:"base,omitempty"` // the base model's name; "" for the trainer's
	Name    string   `json:"name"`
	Rank    int      `json:"rank"`
	Alpha   float32  `json:"alpha"`
	Targets []string `json:"targets"`
	Steps   int      `json:"steps"`
	Batch   int      `json:"batch"`
	Seq     int      `json:"seq"`
	LR      float64  `json:"lr"`
	Seed    uint64   `json:"seed"`
	// Where: "auto" (default: here when this node can train and is idle,
	// else a GPU peer advertising an idle trainer), "local" or "remote".
	// Not part of the hyperparameters a trainer sees.
	Where string `json:"where,omitempty"`
}

// Provenance is written next to a trained adapter (provenance.json) and
// returned by the job API: what the adapter was trained from, by whom.
type Provenance struct {
	AdapterCID string            `json:"adapter_cid"`
	Base       string            `json:"base"`
	Datanet    string            `json:"datanet"`
	Records    []string          `json:"records"`                   // the training split: what trained it
	HeldOut    []string          `json:"heldout_records,omitempty"` // the evaluation split
	Hyper      FactoryJobRequest `json:"hyperparameters"`
	Owner      string            `json:"owner"`             // the requester's account
	Trainer    string            `json:"trainer,omitempty"` // the peer that trained it
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
	// Peer is the GPU peer that trains a remote job ("" when local);
	// RemoteID is the job's ID there.
	Peer     string `json:"peer,omitempty"`
	RemoteID string `json:"remote_id,omitempty"`
	// Resumed counts the times the job was resumed from its checkpoint;
	// ResumedFrom is the step the last resume continued from.
	Resumed     int `json:"resumed,omitempty"`
	ResumedFrom int `json:"resumed_from_step,omitempty"`
	cancel      context.CancelFunc
	owner       common.Address // who the job trains for (local jobs)
}

type factoryJobs struct {
	mu   sync.Mutex
	jobs map[string]*factoryJob
	run  sync.Mutex // one training job at a time: it takes every core
	// orders seen from peers (factory_remote.go)
	orders seenOrders
}

// ErrFactory reports a job that cannot run.
var ErrFactory = errors.New("node: factory job")

// canTrain reports whether this node can run Model Factory jobs itself:
// it has the inference role over a Hugging Face base directory.
func (n *Node) canTrain() bool {
	if n.infer == nil {
		return false
	}
	st, err := os.Stat(n.cfg.GPU.Model)
	return err == nil && st.IsDir()
}

// startFactoryJob runs req here when this node can train and its trainer
// is idle, or on a GPU peer that advertises an idle trainer (req.Where
// "local" or "remote" forces one). Either way the job shows in this
// node's job list with live progress.
func (n *Node) startFactoryJob(req FactoryJobRequest) (*factoryJob, error) {
	me := n.home.Account.Address()
	switch req.Where {
	case "", "auto":
		here := n.canTrain() && (req.Base == "" || req.Base == n.infer.baseName())
		switch {
		case here && !n.factory.busy():
			return n.startLocalFactoryJob(req, me)
		case !here || len(n.idleTrainers(req.Base)) > 0:
			return n.startRemoteFactoryJob(req)
		}
		return n.startLocalFactoryJob(req, me) // queued behind the running job
	case "local":
		return n.startLocalFactoryJob(req, me)
	case "remote":
		return n.startRemoteFactoryJob(req)
	}
	return nil, fmt.Errorf("%w: where %q (want auto, local or remote)", ErrFactory, req.Where)
}

// prepareFactoryJob fills req's defaults, checks it, checks that
// requester may train on the Datanet (its owner, or a live grant), and
// gathers the Datanet's golden records from this node's store.
func (n *Node) prepareFactoryJob(req FactoryJobRequest, requester common.Address) (FactoryJobRequest, []train.Document, error) {
	id, err := cid.Decode(req.Datanet)
	if err != nil {
		return req, nil, fmt.Errorf("%w: datanet: %v", ErrFactory, err)
	}
	d, err := n.store.GetDatanet(id)
	if err != nil {
		return req, nil, err
	}
	if d.Owner != requester {
		if err := n.granted(req.Datanet, requester, n.clock.Now()); err != nil {
			return req, nil, err
		}
	}
	req = withFactoryDefaults(req)
	if err := req.check(); err != nil {
		return req, nil, err
	}
	var docs []train.Document
	st := datanet.StateGolden
	for after := uint64(0); ; {
		recs, next, err := n.store.ListRecords(datanet.Query{Datanet: id, State: &st, After: after, Limit: datanet.MaxQueryLimit})
		if err != nil {
			return req, nil, err
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
		return req, nil, fmt.Errorf("%w: datanet %s has %d golden records", ErrFactory, req.Datanet, len(docs))
	}
	return req, docs, nil
}

func withFactoryDefaults(req FactoryJobRequest) FactoryJobRequest {
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
	if req.Name == "" && len(req.Datanet) >= 8 {
		req.Name = "ft-" + req.Datanet[len(req.Datanet)-8:]
	}
	return req
}

func (req FactoryJobRequest) check() error {
	if req.Name == "" || strings.ContainsAny(req.Name, `/\`) || strings.HasPrefix(req.Name, ".") || len(req.Name) > 128 ||
		req.Rank < 1 || req.Rank > 256 || req.Steps < 1 || req.Steps > 1_000_000 ||
		req.Batch < 1 || req.Batch > 1024 || req.Seq < 8 || req.Seq > 1<<16 || !(req.LR > 0 && req.LR < 1) || !(req.Alpha > 0) || len(req.Targets) > 7 {
		return fmt.Errorf("%w: name %q, rank %d, alpha %g, steps %d, batch %d, seq %d, lr %g, %d targets",
			ErrFactory, req.Name, req.Rank, req.Alpha, req.Steps, req.Batch, req.Seq, req.LR, len(req.Targets))
	}
	return nil
}

// startLocalFactoryJob trains here, for owner (this node's account, or the
// requester of a remote order).
func (n *Node) startLocalFactoryJob(req FactoryJobRequest, owner common.Address) (*factoryJob, error) {
	return n.startLocalFactoryJobIf(req, owner, false)
}

// startLocalFactoryJobIf is startLocalFactoryJob; with idleOnly, it fails
// with errBusy unless no other job is queued or running here, checked
// and claimed at once (two peers' orders cannot both pass).
func (n *Node) startLocalFactoryJobIf(req FactoryJobRequest, owner common.Address, idleOnly bool) (*factoryJob, error) {
	if !n.canTrain() {
		if n.infer == nil {
			return nil, fmt.Errorf("%w: this node has no inference role (no base model)", ErrFactory)
		}
		return nil, fmt.Errorf("%w: the trainer needs a Hugging Face base directory; %s is not one", ErrFactory, n.cfg.GPU.Model)
	}
	req.Where = ""
	if req.Base != "" && req.Base != n.infer.baseName() {
		return nil, fmt.Errorf("%w: this node fine-tunes %s, not %s", ErrFactory, n.infer.baseName(), req.Base)
	}
	req, docs, err := n.prepareFactoryJob(req, owner)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(n.roleCtx)
	job := &factoryJob{ID: newJobID(), Request: req, State: "queued", cancel: cancel, owner: owner}
	n.factory.mu.Lock()
	if idleOnly && n.factory.busyLocked() {
		n.factory.mu.Unlock()
		cancel()
		return nil, errBusy
	}
	if n.factory.jobs == nil {
		n.factory.jobs = map[string]*factoryJob{}
	}
	n.factory.jobs[job.ID] = job
	n.factory.mu.Unlock()
	n.saveFactoryJobs()
	n.kickGPUAd()
	n.goRole(func(context.Context) { n.runFactoryJob(ctx, job, docs, owner, false) })
	return job, nil
}

// factoryCheckpointEvery is how often a node job writes its checkpoint (it
// also writes one when cancelled and at the end).
const factoryCheckpointEvery = 25

func (n *Node) factoryCheckpoint(jobID string) string {
	return filepath.Join(n.home.Path(DataDir), "factory-checkpoints", jobID)
}

// resumeLocalFactoryJob continues a cancelled or failed job that this node
// trains from its last checkpoint, for requester (who must be the job's
// owner). The Datanet's golden records are gathered again; the trainer
// refuses the checkpoint if the training data changed since.
func (n *Node) resumeLocalFactoryJob(id string, requester common.Address, idleOnly bool) (*factoryJob, error) {
	n.factory.mu.Lock()
	job := n.factory.jobs[id]
	n.factory.mu.Unlock()
	switch {
	case job == nil || job.Peer != "":
		return nil, fmt.Errorf("%w: no local job %s", ErrFactory, id)
	case job.owner != requester:
		return nil, fmt.Errorf("%w: job %s is not %s's", ErrFactory, id, requester)
	case !n.canTrain():
		return nil, fmt.Errorf("%w: this node cannot train now (no inference role over a Hugging Face base)", ErrFactory)
	}
	st, err := train.CheckpointState(n.factoryCheckpoint(id))
	if err != nil {
		return nil, fmt.Errorf("%w: job %s has no checkpoint to resume from: %w", ErrFactory, id, err)
	}
	req, docs, err := n.prepareFactoryJob(job.Request, requester)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(n.roleCtx)
	n.factory.mu.Lock()
	if job.State != "cancelled" && job.State != "failed" {
		n.factory.mu.Unlock()
		cancel()
		return nil, fmt.Errorf("%w: job %s is %s", ErrFactory, id, job.State)
	}
	if idleOnly && n.factory.busyLocked() {
		n.factory.mu.Unlock()
		cancel()
		return nil, errBusy
	}
	job.Request, job.State, job.Error, job.cancel = req, "queued", "", cancel
	job.Resumed, job.ResumedFrom = job.Resumed+1, st.Step
	n.factory.mu.Unlock()
	n.saveFactoryJobs()
	n.kickGPUAd()
	n.goRole(func(context.Context) { n.runFactoryJob(ctx, job, docs, requester, true) })
	return job, nil
}

func newJobID() string {
	var idb [8]byte
	rand.Read(idb[:])
	return "job-" + hex.EncodeToString(idb[:])
}

func (f *factoryJobs) add(j *factoryJob) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.jobs == nil {
		f.jobs = map[string]*factoryJob{}
	}
	f.jobs[j.ID] = j
}

// cancel cancels j's current run (a resume replaces its cancel func).
func (f *factoryJobs) cancel(j *factoryJob) {
	f.mu.Lock()
	c := j.cancel
	f.mu.Unlock()
	if c != nil {
		c()
	}
}

// busy reports whether a job this node trains is queued or running.
func (f *factoryJobs) busy() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.busyLocked()
}

func (f *factoryJobs) busyLocked() bool {
	for _, j := range f.jobs {
		if j.Peer == "" && (j.State == "queued" || j.State == "running") {
			return true
		}
	}
	return false
}

func (n *Node) runFactoryJob(ctx context.Context, job *factoryJob, docs []train.Document, owner common.Address, resume bool) {
	defer job.cancel()
	defer n.kickGPUAd()
	defer n.saveFactoryJobs()
	n.factory.run.Lock()
	defer n.factory.run.Unlock()
	set := func(f func()) {
		n.factory.mu.Lock()
		f()
		n.factory.mu.Unlock()
	}
	defer func() {
		where := "local"
		if owner != n.home.Account.Address() {
			where = "for-peer"
		}
		v := n.jobView(job)
		n.metrics.FactoryJobEnded(where, v.State, v.Progress.Tokens)
	}()
	set(func() { job.State = "running" })
	req := job.Request
	out := filepath.Join(n.home.Path(DataDir), "adapters-trained", req.Name)
	cfg := train.DefaultFineTune()
	cfg.Base, cfg.Docs, cfg.Out = n.cfg.GPU.Model, docs, out
	cfg.Rank, cfg.Alpha, cfg.Targets, cfg.Steps, cfg.Batch, cfg.Seq, cfg.LR, cfg.Seed = req.Rank, req.Alpha, req.Targets, req.Steps, req.Batch, req.Seq, req.LR, req.Seed
	cfg.Checkpoint, cfg.CheckpointEvery = n.factoryCheckpoint(job.ID), factoryCheckpointEvery
	if resume {
		cfg.Resume = cfg.Checkpoint
	}
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
		Owner: owner.Hex(), Trainer: n.host.ID().String(), Trained: n.clock.Now().UTC()}
	prov.Records = append(prov.Records, rep.TrainIDs...)
	prov.HeldOut = append(prov.HeldOut, rep.HeldOutIDs...)
	sort.Strings(prov.Records)
	sort.Strings(prov.HeldOut)
	if b, err := json.MarshalIndent(prov, "", "  "); err == nil {
		_ = os.WriteFile(filepath.Join(out, "provenance.json"), b, 0o644)
	}
	if owner == n.home.Account.Address() {
		n.registerAdapterAsset(ctx, prov) // a remote requester registers its own
	}
	set(func() {
		job.State, job.Result, job.Samples = "done", prov, rep.Samples
		if !rep.Result.Resumed || job.Before == nil {
			job.Before = &rep.Result.Before
		}
		job.After = &rep.Result.After
	})
	_ = os.RemoveAll(cfg.Checkpoint) // done: nothing to resume
	n.log.Info("factory: adapter trained", "job", job.ID, "adapter", info.CID, "records", len(docs),
		"heldout_before", rep.Result.Before.Loss, "heldout_after", rep.Result.After.Loss)
}
