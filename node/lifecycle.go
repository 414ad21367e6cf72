package node

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
)

// service is one step of the node's start-up, with the stop that undoes it.
type service struct {
	name  string
	start func(ctx context.Context) error
	stop  func(ctx context.Context) error
}

// lifecycle starts services in order and stops the started ones in reverse.
type lifecycle struct {
	log     *slog.Logger
	started []service
}

// startAll starts services in order. On the first failure it stops what it
// had started, in reverse, and returns the start error joined with any stop
// errors: a failed start leaks no listener, handle or goroutine.
func (l *lifecycle) startAll(ctx context.Context, svcs []service) error {
	for _, s := range svcs {
		l.log.Debug("starting", "service", s.name)
		if err := s.start(ctx); err != nil {
			err = fmt.Errorf("node: start %s: %w", s.name, err)
			return errors.Join(err, l.stopAll(context.WithoutCancel(ctx)))
		}
		l.started = append(l.started, s)
	}
	return nil
}

// stopAll stops started services in reverse order, joining their errors.
func (l *lifecycle) stopAll(ctx context.Context) error {
	var errs []error
	for i := len(l.started) - 1; i >= 0; i-- {
		s := l.started[i]
		if s.stop == nil {
			continue
		}
		l.log.Debug("stopping", "service", s.name)
		if err := s.stop(ctx); err != nil {
			errs = append(errs, fmt.Errorf("node: stop %s: %w", s.name, err))
		}
	}
	l.started = nil
	return errors.Join(errs...)
}
