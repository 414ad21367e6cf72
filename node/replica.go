package node

import (
	"context"

	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/internal/clock"
	"github.com/provenet/provenet/internal/conf"
	"github.com/provenet/provenet/node/replica"
)

// Names the replication service exports, kept here for callers of node.
const (
	TopicDatanets = replica.TopicDatanets
	TopicRecords  = replica.TopicRecords
	SyncProtocol  = replica.SyncProtocol
)

type (
	// Duration is a time.Duration that reads and writes TOML as text.
	Duration = conf.Duration
	// CreateDatanetRequest is the body of POST /api/v1/datanets.
	CreateDatanetRequest = replica.CreateDatanetRequest
	// SubmitRecord is one record in a submission; the node is the submitter.
	SubmitRecord = replica.SubmitRecord
	// SubmitResult is the outcome for one submitted record.
	SubmitResult = replica.SubmitResult
)

// Clock is the node's time source (internal/clock): every time-dependent
// decision reads it, so tests can drive time with a clock.Fake. Network
// I/O deadlines and latency metrics stay on wall time.
type Clock = clock.Clock

func noStart(context.Context) error { return nil }

func (n *Node) startReplica(ctx context.Context) error {
	r, err := replica.New(replica.Deps{
		Config: n.cfg.Sync, Store: n.store, Net: n.host, Submissions: n.work, Puller: n.work,
		Account: n.home.Account, Clock: n.clock, Metrics: n.metrics, Log: n.log.With("svc", "replica"),
	})
	if err != nil {
		return err
	}
	n.replica = r
	return r.Start(ctx)
}

func (n *Node) stopReplica(ctx context.Context) error { return n.replica.Stop(ctx) }

// CreateDatanet signs (unless pre-signed), stores and gossips a datanet.
func (n *Node) CreateDatanet(ctx context.Context, req CreateDatanetRequest) (*datanet.Datanet, bool, error) {
	return n.replica.CreateDatanet(ctx, req)
}

// SubmitRecords signs the records with the node's account key, stores them
// durably (they survive kill -9 once this returns) and gossips the new ones.
// A record that fails validation gets an error of its own, with its stable
// code; the rest go on.
func (n *Node) SubmitRecords(ctx context.Context, dn cid.Cid, subs []SubmitRecord) ([]SubmitResult, error) {
	res, err := n.replica.SubmitRecords(ctx, dn, subs)
	for i := range res {
		if res[i].Err != nil {
			_, res[i].Code = errorStatus(res[i].Err)
		}
	}
	return res, err
}

// ErrSyncMessage reports a malformed sync request or response.
var ErrSyncMessage = replica.ErrSyncMessage
