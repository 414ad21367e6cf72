package replica

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/internal/lifecycle"
	"github.com/provenet/provenet/p2p"
)

// ErrMissingDep reports a Deps field New needs and did not get.
var ErrMissingDep = errors.New("replica: missing dependency")

// Service replicates datanets and records: see the package doc.
type Service struct {
	d       Deps
	log     *slog.Logger
	orphans *orphans

	datanets *p2p.Topic
	records  *p2p.Topic
	trigger  chan peer.ID
	group    *lifecycle.Group
}

// New checks d and builds the service. It opens nothing: Start does.
func New(d Deps) (*Service, error) {
	switch {
	case d.Store == nil:
		return nil, fmt.Errorf("%w: Store", ErrMissingDep)
	case d.Net == nil:
		return nil, fmt.Errorf("%w: Net", ErrMissingDep)
	case d.Submissions == nil:
		return nil, fmt.Errorf("%w: Submissions", ErrMissingDep)
	case d.Account == nil:
		return nil, fmt.Errorf("%w: Account", ErrMissingDep)
	case d.Clock == nil:
		return nil, fmt.Errorf("%w: Clock", ErrMissingDep)
	case d.Metrics == nil:
		return nil, fmt.Errorf("%w: Metrics", ErrMissingDep)
	}
	if err := d.Config.Validate(); err != nil {
		return nil, err
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	return &Service{d: d, log: d.Log, orphans: newOrphans(d.Clock.Now), trigger: make(chan peer.ID, 256)}, nil
}

// Start joins the datanet and record topics, serves this node's log to
// peers and starts catch-up sync: a new connection is pulled from at once,
// and every connected peer each Config.Interval.
func (s *Service) Start(ctx context.Context) error {
	if err := s.joinGossip(); err != nil {
		return err
	}
	s.d.Net.Handle(SyncProtocol, s.serveSync)
	s.d.Net.OnPeerConnected(s.kick)
	s.group = lifecycle.NewGroup(ctx, "replica")
	return s.group.Go(s.loop)
}

// Stop ends catch-up sync and waits for it.
func (s *Service) Stop(ctx context.Context) error {
	if s.group == nil {
		return nil
	}
	return s.group.Stop(ctx)
}

// Orphans is how many records wait in the orphan pool for their datanet.
func (s *Service) Orphans() int {
	s.orphans.mu.Lock()
	defer s.orphans.mu.Unlock()
	return s.orphans.n
}

// Records is the record topic (for the work service's extra submissions).
func (s *Service) Records() *p2p.Topic { return s.records }
