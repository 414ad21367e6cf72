package replica

import (
	"bytes"
	"context"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/p2p"
)

// The record store keeps the first submission of a content it sees; which
// one that is depends on arrival order. The points ledger credits the
// earliest submission and penalises later duplicates, so every node must
// know every submission: the others are kept by Submissions, gossiped like
// records, and reconciled with the results.

// IsExtraSubmission reports whether r is a submission of a stored record
// other than the stored one and not yet kept.
func (s *Service) IsExtraSubmission(r *datanet.Record, wire []byte) bool {
	return s.isExtraSubmission(r, wire)
}

func (s *Service) isExtraSubmission(r *datanet.Record, wire []byte) bool {
	stored, err := s.d.Store.GetRecord(r.CID())
	if err != nil || bytes.Equal(stored.Signature, r.Signature) {
		return false
	}
	return !s.d.Submissions.HasSubmission(wire)
}

// publishExtra gossips a local submission of already stored content.
func (s *Service) publishExtra(ctx context.Context, r *datanet.Record) {
	wire, err := datanet.EncodeRecord(r)
	if err != nil || !s.isExtraSubmission(r, wire) {
		return
	}
	s.d.Submissions.KeepSubmission(r, wire)
	p2p.PublishLogged(ctx, s.records, s.log, datanet.EncodeRecord, r)
}
