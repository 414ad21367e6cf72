package node

import (
	"context"
	"path/filepath"

	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/node/work"
	"github.com/provenet/provenet/points"
	"github.com/provenet/provenet/tasks"
)

// Names the work service exports, kept here for callers of node.
const (
	TopicTasks         = work.TopicTasks
	TopicResults       = work.TopicResults
	TopicGold          = work.TopicGold
	TopicPresence      = work.TopicPresence
	ResultSyncProtocol = work.ResultSyncProtocol
)

type (
	// TasksConfig is the [tasks] section: the data work this node does.
	TasksConfig = work.Config
	// TasksInfo is the body of GET /api/v1/tasks.
	TasksInfo = work.TasksInfo
	// WorkCounts counts what this node did since it started.
	WorkCounts = work.WorkCounts
	// KindCounts is the state of one task kind over the pending records.
	KindCounts = work.KindCounts
	// CrawlProgress is the progress of one crawl task.
	CrawlProgress = work.CrawlProgress
	// RecordWork is the data work on one record.
	RecordWork = work.RecordWork
	// Answer is one classify result or vote, as the API shows it.
	Answer = work.Answer
	// Redundancy names the earlier record a near-duplicate repeats.
	Redundancy = work.Redundancy
	// GoldEntry is one record the owner marks as gold, with its right answer.
	GoldEntry = work.GoldEntry
	// PointsInfo is the body of GET /api/v1/points.
	PointsInfo = work.PointsInfo
)

// closeTaskStore closes the work service's task store. It is its own
// lifecycle step, below p2p, so that no gossip handler runs on a closed
// store.
func (n *Node) closeTaskStore(context.Context) error {
	if n.work == nil {
		return nil
	}
	return n.work.Close()
}

// openWork builds the work service: it opens the task store and rebuilds
// the points ledger. It must exist before the replica, which keeps extra
// submissions in it.
func (n *Node) openWork(context.Context) error {
	w, err := work.New(work.Deps{
		Config: n.cfg.Tasks, Dir: filepath.Join(n.home.Path(DataDir), "tasks"), SyncWrites: n.cfg.Store.SyncWrites,
		Store: n.store, Net: n.host, Records: replicaRecords{n}, Account: n.home.Account, Roles: n.roles(),
		Epochs: n.epochs(), Classify: n.opts.Classify, Decide: n.opts.Decide, Clock: n.clock, Log: n.log.With("svc", "work"),
	})
	if err != nil {
		return err
	}
	n.work = w
	return nil
}

func (n *Node) startWork(ctx context.Context) error { return n.work.Start(ctx) }
func (n *Node) stopWork(ctx context.Context) error  { return n.work.Stop(ctx) }

// replicaRecords adapts the replica to work.Records. The replica starts
// after the work service is built and before it starts, so it is read at
// call time.
type replicaRecords struct{ n *Node }

func (r replicaRecords) Submit(ctx context.Context, dn cid.Cid, content, source string) (cid.Cid, error) {
	res, err := r.n.replica.SubmitRecords(ctx, dn, []SubmitRecord{{Content: content, Source: source}})
	if err != nil {
		return cid.Undef, err
	}
	if len(res) == 1 && res[0].Err != nil {
		r.n.log.Warn("work: crawled page refused", "source", source, "err", res[0].Err)
		return cid.Undef, nil
	}
	if len(res) != 1 || res[0].CID == "" {
		return cid.Undef, nil
	}
	c, err := cid.Decode(res[0].CID)
	if err != nil {
		return cid.Undef, nil
	}
	return c, nil
}

func (r replicaRecords) CheckRecord(wire []byte) (*datanet.Record, error) {
	return r.n.replica.CheckRecord(wire)
}

func (r replicaRecords) IsExtraSubmission(rec *datanet.Record, wire []byte) bool {
	return r.n.replica.IsExtraSubmission(rec, wire)
}

// roles lists what this node does.
func (n *Node) roles() []string {
	r := []string{"edge"}
	if n.cfg.Tasks.Enabled {
		r = append(r, "worker")
	}
	return r
}

func (n *Node) epochs() points.Epochs { return points.Epochs{Length: n.cfg.Tasks.EpochLength.D()} }

// epochOf is the epoch of a signed time in unix milliseconds.
func (n *Node) epochOf(ms int64) uint64 { return n.epochs().Of(ms) }

// CurrentEpoch is the epoch now.
func (n *Node) CurrentEpoch() uint64 { return n.epochs().At(n.clock.Now()) }

// TasksInfo reports the work state.
func (n *Node) TasksInfo() TasksInfo { return n.work.TasksInfo() }

// RecordWork reports the work on a record.
func (n *Node) RecordWork(c cid.Cid) (RecordWork, error) { return n.work.RecordWork(c) }

// ReviewQueue lists pending records this node, as a whitelisted validator,
// has not voted on yet, unsure ones first.
func (n *Node) ReviewQueue(limit int) ([]RecordWork, error) { return n.work.ReviewQueue(limit) }

// Vote casts this node's vote on a record, as a whitelisted validator.
func (n *Node) Vote(ctx context.Context, rec cid.Cid, v tasks.Verdict) (*tasks.Result, error) {
	return n.work.Vote(ctx, rec, v)
}

// Seed issues signed crawl tasks for a Datanet this node owns.
func (n *Node) Seed(ctx context.Context, dn cid.Cid, urls []string, root string, maxPages int) ([]*tasks.Task, error) {
	return n.work.Seed(ctx, dn, urls, root, maxPages)
}

// MarkGold commits gold answers for records of a Datanet this node owns.
func (n *Node) MarkGold(ctx context.Context, dn cid.Cid, entries []GoldEntry) (int, error) {
	return n.work.MarkGold(ctx, dn, entries)
}

// Points reports the leaderboard up to epoch (overall, or of one datanet).
func (n *Node) Points(datanetID string, epoch uint64, limit int) PointsInfo {
	return n.work.Points(datanetID, epoch, limit)
}
