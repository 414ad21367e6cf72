package replica

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/internal/clock"
	"github.com/provenet/provenet/internal/conf"
	"github.com/provenet/provenet/p2p"
)

// Store is the part of the record store replication uses (*datanet.Store).
type Store interface {
	GetDatanet(id cid.Cid) (*datanet.Datanet, error)
	PutDatanet(ctx context.Context, d *datanet.Datanet) (bool, error)
	HasRecord(c cid.Cid) bool
	GetRecord(c cid.Cid) (*datanet.StoredRecord, error)
	PutVerified(ctx context.Context, recs []*datanet.Record) ([]datanet.PutResult, error)
	Log(after uint64, limit int, maxBytes int) ([]datanet.LogEntry, error)
	LastSeq() uint64
	GetMeta(key string) ([]byte, error)
	PutMeta(key string, val []byte) error
}

// Network is the part of the p2p host replication uses (*p2p.Host).
type Network interface {
	Join(topic string, v p2p.Validator) (*p2p.Topic, error)
	Handle(proto protocol.ID, fn p2p.RequestHandler)
	Request(ctx context.Context, p peer.ID, proto protocol.ID, req []byte) ([]byte, error)
	OnPeerConnected(fn func(peer.ID))
	Peers() []p2p.PeerInfo
}

// Submissions keeps the submissions of stored content other than the stored
// one: the points ledger credits the earliest, so every node must know
// every one. The work service implements it.
type Submissions interface {
	// HasSubmission reports whether these wire bytes are kept already.
	HasSubmission(wire []byte) bool
	// KeepSubmission keeps an extra submission (and credits it if its
	// record is final).
	KeepSubmission(r *datanet.Record, wire []byte)
}

// PeerPuller runs after every catch-up pull from a peer (the work service's
// result sync). It returns how many objects were new.
type PeerPuller interface {
	PullFrom(ctx context.Context, p peer.ID) (int, error)
}

// Metrics are the counters replication feeds.
type Metrics interface {
	RecordsStored(n int)
	DatanetsStored(n int)
	SyncPulled(kind string, n int)
}

// Clock is the time source: tickers as well as now, so tests drive
// the service with a clock.Fake.
type Clock = clock.Clock

// Config holds the catch-up sync settings: the [sync] section of the
// node's config.toml.
type Config struct {
	// Interval is the period of the sweep that pulls from every connected
	// peer; a new connection is pulled from at once.
	Interval conf.Duration `toml:"interval" comment:"how often to pull missed objects from every connected peer"`
	// Batch is the number of log entries asked for per page.
	Batch int `toml:"batch" comment:"objects per sync request"`
}

// ErrInvalidConfig reports a Config that Validate refuses.
var ErrInvalidConfig = errors.New("replica: invalid config")

// DefaultConfig is the sync the node runs with unless configured.
func DefaultConfig() Config { return Config{Interval: conf.Duration(30 * time.Second), Batch: 512} }

// Validate checks c.
func (c Config) Validate() error {
	var errs []error
	if c.Interval.D() <= 0 {
		errs = append(errs, fmt.Errorf("%w: sync.interval must be positive", ErrInvalidConfig))
	}
	if c.Batch <= 0 || c.Batch > maxSyncEntries {
		errs = append(errs, fmt.Errorf("%w: sync.batch %d: want 1..%d", ErrInvalidConfig, c.Batch, maxSyncEntries))
	}
	return errors.Join(errs...)
}

// Deps are what the replication service needs; every field is required
// except Log and Puller.
type Deps struct {
	Config      Config
	Store       Store
	Net         Network
	Submissions Submissions
	Puller      PeerPuller
	Account     *account.Key // signs local datanets and records
	Clock       Clock
	Metrics     Metrics
	Log         *slog.Logger
}
