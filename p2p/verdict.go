package p2p

import (
	"context"
	"errors"
	"log/slog"
)

// Verdict maps a validation error to a gossip verdict: nil accepts; an
// error that is one of notYet (what cannot be judged yet, such as a record
// of a datanet this node has not seen) is ignored, never relayed and not
// held against the sender; anything else is provably bad and rejected,
// which also lowers the sender's peer score.
func Verdict(err error, notYet ...error) Result {
	if err == nil {
		return Accept
	}
	for _, e := range notYet {
		if errors.Is(err, e) {
			return Ignore
		}
	}
	return Reject
}

// PublishLogged encodes v and gossips it on t. A failure is logged, not
// returned: callers publish objects that are already durable locally, and
// peers fetch them by catch-up sync.
func PublishLogged[T any](ctx context.Context, t *Topic, log *slog.Logger, enc func(T) ([]byte, error), v T) {
	b, err := enc(v)
	if err == nil {
		err = t.Publish(ctx, b)
	}
	if err != nil {
		log.Warn("gossip: publish failed; peers will sync it", "topic", t.Name(), "err", err)
	}
}
