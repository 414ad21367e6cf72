package work

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/internal/clock"
	"github.com/provenet/provenet/p2p"
	"github.com/provenet/provenet/points"
	"github.com/provenet/provenet/tasks"
)

// Store is the part of the record store the work uses (*datanet.Store).
type Store interface {
	GetDatanet(id cid.Cid) (*datanet.Datanet, error)
	ListDatanets() ([]*datanet.Datanet, error)
	HasRecord(c cid.Cid) bool
	GetRecord(c cid.Cid) (*datanet.StoredRecord, error)
	ListRecords(q datanet.Query) ([]*datanet.StoredRecord, uint64, error)
	SetState(c cid.Cid, st datanet.State) error
	GetMeta(key string) ([]byte, error)
	PutMeta(key string, val []byte) error
}

// Network is the part of the p2p host the work uses (*p2p.Host).
type Network interface {
	ID() peer.ID
	Join(topic string, v p2p.Validator) (*p2p.Topic, error)
	Handle(proto protocol.ID, fn p2p.RequestHandler)
	Request(ctx context.Context, p peer.ID, proto protocol.ID, req []byte) ([]byte, error)
}

// Records is the record replication the work submits to and checks
// against (package node adapts node/replica to it).
type Records interface {
	// Submit signs, stores and gossips one record of this node's. It
	// returns cid.Undef and no error when the store refused the record
	// (a bad page, for example): an error is a failure of the node.
	Submit(ctx context.Context, dn cid.Cid, content, source string) (cid.Cid, error)
	// CheckRecord decodes and validates a record's wire form.
	CheckRecord(wire []byte) (*datanet.Record, error)
	// IsExtraSubmission reports whether wire is a submission of stored
	// content other than the stored one.
	IsExtraSubmission(r *datanet.Record, wire []byte) bool
}

// ClassifyFunc, when set, replaces the classifier for the classify tasks
// this node holds: it returns the verdict and a confidence in 0..1 (below
// Config.Confidence the answer is marked unsure).
type ClassifyFunc func(ctx context.Context, dn *datanet.Datanet, r *datanet.StoredRecord) (v tasks.Verdict, confidence float64)

// DecideFunc, when set, replaces the automatic validator: it is asked on
// every pending record of a Datanet this node validates, and votes v when
// ok.
type DecideFunc func(ctx context.Context, dn *datanet.Datanet, r *datanet.StoredRecord) (v tasks.Verdict, ok bool)

// Clock is the time source: tickers as well as now, so tests drive
// the service with a clock.Fake.
type Clock = clock.Clock

// Deps are what the work service needs. Store, Net, Records, Account and
// Clock are required; Classify, Decide and Log are optional.
type Deps struct {
	Config Config
	// Dir is the task store's directory; SyncWrites fsyncs its writes.
	Dir        string
	SyncWrites bool

	Store   Store
	Net     Network
	Records Records
	Account *account.Key // signs this node's results, tasks and gold
	Roles   []string     // what this node announces it does
	Epochs  points.Epochs

	Classify ClassifyFunc
	Decide   DecideFunc
	Clock    Clock
	Log      *slog.Logger
}

// ErrMissingDep reports a Deps field New needs and did not get.
var ErrMissingDep = errors.New("work: missing dependency")

func (d *Deps) check() error {
	switch {
	case d.Dir == "":
		return fmt.Errorf("%w: Dir", ErrMissingDep)
	case d.Store == nil:
		return fmt.Errorf("%w: Store", ErrMissingDep)
	case d.Net == nil:
		return fmt.Errorf("%w: Net", ErrMissingDep)
	case d.Records == nil:
		return fmt.Errorf("%w: Records", ErrMissingDep)
	case d.Account == nil:
		return fmt.Errorf("%w: Account", ErrMissingDep)
	case d.Clock == nil:
		return fmt.Errorf("%w: Clock", ErrMissingDep)
	case d.Epochs.Length <= 0:
		return fmt.Errorf("%w: Epochs", ErrMissingDep)
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	return d.Config.Validate()
}
