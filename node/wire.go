package node

import (
	"context"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/internal/canon"
	"github.com/provenet/provenet/p2p"
)

// syncEnc encodes the node's own signed and hashed wire objects as
// canonical CBOR (core deterministic encoding).
var syncEnc = canon.EncMode()

// verdict maps a domain error to a gossip verdict (p2p.Verdict).
func verdict(err error) p2p.Result { return p2p.Verdict(err, datanet.ErrUnknownDatanet) }

// publish gossips v, logging a failure (p2p.PublishLogged).
func publish[T any](ctx context.Context, n *Node, t *p2p.Topic, enc func(T) ([]byte, error), v T) {
	p2p.PublishLogged(ctx, t, n.log, enc, v)
}
