package replica

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/datanet"
)

// Catch-up sync pulls, from each connected peer, the objects that peer
// stored since the last pull, so that a node that joined late or was
// offline catches up. Live gossip stays the fast path; sync fills the gaps.

// serveSync answers one page of this node's replication log.
func (s *Service) serveSync(_ context.Context, _ peer.ID, req []byte) ([]byte, error) {
	r, err := decodeSyncRequest(req)
	if err != nil {
		return nil, err
	}
	entries, err := s.d.Store.Log(r.After, int(r.Limit), maxSyncResponseBytes)
	if err != nil {
		return nil, err
	}
	resp := syncResponse{Last: s.d.Store.LastSeq(), Entries: make([]syncEntry, len(entries))}
	for i, e := range entries {
		resp.Entries[i] = syncEntry{Seq: e.Seq, Kind: uint8(e.Kind), Data: e.Data}
	}
	return encodeSync(resp)
}

// kick asks for a pull from p soon. It never blocks the caller.
func (s *Service) kick(p peer.ID) {
	select {
	case s.trigger <- p:
	default: // queue full: the periodic sweep will get to it
	}
}

func (s *Service) loop(ctx context.Context) {
	t := s.d.Clock.NewTicker(s.d.Config.Interval.D())
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case p := <-s.trigger:
			s.pullLogged(ctx, p)
		case <-t.C():
			for _, pi := range s.d.Net.Peers() {
				s.pullLogged(ctx, pi.ID)
			}
		}
	}
}

func (s *Service) pullLogged(ctx context.Context, p peer.ID) {
	defer func() {
		if s.d.Puller == nil {
			return
		}
		added, err := s.d.Puller.PullFrom(ctx, p)
		switch {
		case err != nil && ctx.Err() == nil:
			s.log.Debug("sync: results pull failed", "peer", p, "err", err)
		case added > 0:
			s.log.Info("sync: results caught up", "peer", p, "new", added)
		}
	}()
	n, err := s.pull(ctx, p)
	switch {
	case err != nil && ctx.Err() == nil:
		s.log.Debug("sync: pull failed", "peer", p, "err", err)
	case n > 0:
		s.log.Info("sync: caught up", "peer", p, "new", n)
	}
}

// pull fetches every page after the stored cursor for p and stores what is
// valid. It returns how many objects were new to this node.
func (s *Service) pull(ctx context.Context, p peer.ID) (int, error) {
	cursor, err := s.cursor(p)
	if err != nil {
		return 0, err
	}
	total := 0
	for ctx.Err() == nil {
		req, _ := encodeSync(syncRequest{After: cursor, Limit: uint32(s.d.Config.Batch)})
		raw, err := s.d.Net.Request(ctx, p, SyncProtocol, req)
		if err != nil {
			return total, err
		}
		resp, err := decodeSyncResponse(raw, cursor)
		if err != nil {
			return total, err
		}
		if resp.Last < cursor { // the peer's log was reset: start over
			cursor = 0
			continue
		}
		if len(resp.Entries) == 0 {
			break
		}
		total += s.apply(ctx, p, resp.Entries)
		cursor = resp.Entries[len(resp.Entries)-1].Seq
		if err := s.setCursor(p, cursor); err != nil {
			return total, err
		}
		if cursor >= resp.Last {
			break
		}
	}
	return total, ctx.Err()
}

// apply validates and stores a page exactly as gossip would, records in one
// batch. Invalid entries are skipped and logged: a peer cannot push anything
// through sync that gossip would reject.
func (s *Service) apply(ctx context.Context, p peer.ID, entries []syncEntry) int {
	created := 0
	var batch []*datanet.Record
	var wires [][]byte
	flush := func() {
		if len(batch) == 0 {
			return
		}
		res, err := s.d.Store.PutVerified(ctx, batch)
		if err != nil {
			s.log.Warn("sync: store records", "peer", p, "err", err)
		}
		c := 0
		for i, r := range res {
			if r.Err == nil && r.Created {
				c++
			} else if r.Err == nil && s.isExtraSubmission(batch[i], wires[i]) {
				s.d.Submissions.KeepSubmission(batch[i], wires[i]) // the peer holds another submission of it
			}
		}
		s.d.Metrics.RecordsStored(c)
		s.d.Metrics.SyncPulled("record", c)
		created += c
		batch, wires = batch[:0], wires[:0]
	}
	for _, e := range entries {
		switch datanet.Kind(e.Kind) {
		case datanet.KindDatanet:
			flush() // a datanet precedes its records
			d, err := checkDatanet(e.Data)
			if err != nil {
				s.log.Warn("sync: invalid datanet from peer", "peer", p, "seq", e.Seq, "err", err)
				continue
			}
			if ok, _ := s.storeDatanet(ctx, d, "sync"); ok {
				s.d.Metrics.SyncPulled("datanet", 1)
				created++
			}
		case datanet.KindRecord:
			if s.alreadyHave(e.Data) {
				continue // most of a peer's log came by gossip too: skip the signature check
			}
			r, err := s.checkRecord(e.Data)
			if err != nil {
				s.log.Warn("sync: invalid record from peer", "peer", p, "seq", e.Seq, "err", err)
				continue
			}
			batch = append(batch, r)
			wires = append(wires, e.Data)
		}
	}
	flush()
	return created
}

func cursorKey(p peer.ID) string { return "sync/cursor/" + p.String() }

func (s *Service) cursor(p peer.ID) (uint64, error) {
	b, err := s.d.Store.GetMeta(cursorKey(p))
	if errors.Is(err, datanet.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	if len(b) != 8 {
		return 0, fmt.Errorf("replica: sync cursor for %s: %d bytes", p, len(b))
	}
	return binary.BigEndian.Uint64(b), nil
}

func (s *Service) setCursor(p peer.ID, c uint64) error {
	return s.d.Store.PutMeta(cursorKey(p), binary.BigEndian.AppendUint64(nil, c))
}
