package replica

import (
	"bytes"
	"context"
	"errors"

	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/p2p"
)

// Gossip topics. The version suffix changes with the wire format.
const (
	TopicDatanets = "/provenet/datanets/1"
	TopicRecords  = "/provenet/records/1"
)

func (s *Service) joinGossip() error {
	var err error
	if s.datanets, err = s.d.Net.Join(TopicDatanets, s.validateDatanetMsg); err != nil {
		return err
	}
	if s.records, err = s.d.Net.Join(TopicRecords, s.validateRecordMsg); err != nil {
		return err
	}
	if err := s.datanets.Subscribe(s.onDatanetMsg); err != nil {
		return err
	}
	return s.records.Subscribe(s.onRecordMsg)
}

// verdict maps a domain error to a gossip verdict (p2p.Verdict): a record
// of a datanet this node has not seen yet is ignored, not rejected.
func verdict(err error) p2p.Result { return p2p.Verdict(err, datanet.ErrUnknownDatanet) }

func (s *Service) validateDatanetMsg(_ context.Context, from peer.ID, data []byte) p2p.Result {
	d, err := checkDatanet(data)
	if err != nil {
		s.log.Debug("gossip: bad datanet", "from", from, "err", err)
		return verdict(err)
	}
	if _, err := s.d.Store.GetDatanet(d.ID()); err == nil {
		return p2p.Ignore // already known: nothing new to relay
	}
	return p2p.Accept
}

func (s *Service) onDatanetMsg(ctx context.Context, from peer.ID, data []byte) {
	d, err := datanet.DecodeDatanet(data)
	if err != nil {
		return
	}
	s.storeDatanet(ctx, d, "gossip")
}

func (s *Service) validateRecordMsg(_ context.Context, from peer.ID, data []byte) p2p.Result {
	if s.alreadyHave(data) {
		return p2p.Ignore
	}
	r, err := s.checkRecord(data)
	if errors.Is(err, datanet.ErrUnknownDatanet) && r != nil {
		// Its datanet may be on its way: keep it, and store it when the
		// datanet arrives. It is not relayed now.
		s.orphans.add(r.Datanet, data)
	}
	if err != nil {
		s.log.Debug("gossip: bad record", "from", from, "err", err)
		return verdict(err)
	}
	if s.d.Store.HasRecord(r.CID()) {
		if s.isExtraSubmission(r, data) {
			return p2p.Accept // another submission of stored content: kept and relayed
		}
		return p2p.Ignore
	}
	return p2p.Accept
}

func (s *Service) onRecordMsg(ctx context.Context, from peer.ID, data []byte) {
	// The validator has already checked it in full, signature included.
	r, err := datanet.DecodeRecord(data)
	if err != nil {
		return
	}
	res, err := s.d.Store.PutVerified(ctx, []*datanet.Record{r})
	if err == nil {
		err = res[0].Err
	}
	if err != nil {
		s.log.Warn("gossip: store record", "cid", r.CID(), "from", from, "err", err)
		return
	}
	if res[0].Created {
		s.d.Metrics.RecordsStored(1)
	} else if s.isExtraSubmission(r, data) {
		s.d.Submissions.KeepSubmission(r, data)
	}
}

// checkDatanet decodes and fully validates a wire datanet definition.
func checkDatanet(data []byte) (*datanet.Datanet, error) {
	d, err := datanet.DecodeDatanet(data)
	if err != nil {
		return nil, err
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, nil
}

// alreadyHave reports, without checking a signature, whether data is a
// submission this node already holds: the stored one or a kept extra one.
// A tampered copy of a stored record is also "had": it is dropped, not
// relayed, just not held against its sender.
func (s *Service) alreadyHave(data []byte) bool {
	r, err := datanet.DecodeRecord(data)
	if err != nil || !s.d.Store.HasRecord(r.CID()) {
		return false
	}
	if s.d.Submissions.HasSubmission(data) {
		return true
	}
	stored, err := s.d.Store.GetRecord(r.CID())
	return err == nil && bytes.Equal(stored.Signature, r.Signature)
}

// checkRecord decodes and fully validates a wire record against its
// datanet. When only the datanet is missing it returns the decoded record
// with ErrUnknownDatanet.
func (s *Service) checkRecord(data []byte) (*datanet.Record, error) {
	r, err := datanet.DecodeRecord(data)
	if err != nil {
		return nil, err
	}
	dn, err := s.d.Store.GetDatanet(r.Datanet)
	if err != nil {
		if errors.Is(err, datanet.ErrNotFound) {
			return r, datanet.ErrUnknownDatanet
		}
		return nil, err
	}
	if err := r.Validate(dn); err != nil {
		return nil, err
	}
	return r, nil
}

// storeDatanet stores a validated definition and counts it if new.
func (s *Service) storeDatanet(ctx context.Context, d *datanet.Datanet, via string) (bool, error) {
	created, err := s.d.Store.PutDatanet(ctx, d)
	if err != nil {
		s.log.Warn("store datanet", "id", d.ID(), "via", via, "err", err)
		return false, err
	}
	if created {
		s.d.Metrics.DatanetsStored(1)
		s.log.Info("datanet stored", "id", d.ID(), "name", d.Name, "via", via)
		s.adoptOrphans(ctx, d.ID())
	}
	return created, nil
}

// adoptOrphans stores the gossiped records that arrived before datanet dn.
func (s *Service) adoptOrphans(ctx context.Context, dn cid.Cid) {
	var recs []*datanet.Record
	for _, data := range s.orphans.take(dn) {
		if r, err := s.checkRecord(data); err == nil {
			recs = append(recs, r)
		}
	}
	if len(recs) == 0 {
		return
	}
	res, err := s.d.Store.PutVerified(ctx, recs)
	if err != nil {
		s.log.Warn("store orphan records", "datanet", dn, "err", err)
		return
	}
	created := 0
	for _, r := range res {
		if r.Err == nil && r.Created {
			created++
		}
	}
	s.d.Metrics.RecordsStored(created)
	s.log.Debug("adopted orphan records", "datanet", dn, "stored", created)
}

// CheckRecord decodes and fully validates a wire record against its
// datanet (for other services' sync of submissions).
func (s *Service) CheckRecord(data []byte) (*datanet.Record, error) { return s.checkRecord(data) }
