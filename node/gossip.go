package node

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

func (n *Node) startGossip(context.Context) error {
	var err error
	if n.datanets, err = n.host.Join(TopicDatanets, n.validateDatanetMsg); err != nil {
		return err
	}
	if n.records, err = n.host.Join(TopicRecords, n.validateRecordMsg); err != nil {
		return err
	}
	if err := n.datanets.Subscribe(n.onDatanetMsg); err != nil {
		return err
	}
	return n.records.Subscribe(n.onRecordMsg)
}

// verdict maps a domain error to a gossip verdict: what cannot be judged yet
// (a record of a datanet this node has not seen) is ignored, never relayed
// and not held against the sender; what is provably bad is rejected, which
// also lowers the sender's peer score.
func verdict(err error) p2p.Result {
	switch {
	case err == nil:
		return p2p.Accept
	case errors.Is(err, datanet.ErrUnknownDatanet):
		return p2p.Ignore
	default:
		return p2p.Reject
	}
}

func (n *Node) validateDatanetMsg(_ context.Context, from peer.ID, data []byte) p2p.Result {
	d, err := checkDatanet(data)
	if err != nil {
		n.log.Debug("gossip: bad datanet", "from", from, "err", err)
		return verdict(err)
	}
	if _, err := n.store.GetDatanet(d.ID()); err == nil {
		return p2p.Ignore // already known: nothing new to relay
	}
	return p2p.Accept
}

func (n *Node) onDatanetMsg(ctx context.Context, from peer.ID, data []byte) {
	d, err := datanet.DecodeDatanet(data)
	if err != nil {
		return
	}
	n.storeDatanet(ctx, d, "gossip")
}

func (n *Node) validateRecordMsg(_ context.Context, from peer.ID, data []byte) p2p.Result {
	if n.alreadyHave(data) {
		return p2p.Ignore
	}
	r, err := n.checkRecord(data)
	if errors.Is(err, datanet.ErrUnknownDatanet) && r != nil {
		// Its datanet may be on its way: keep it, and store it when the
		// datanet arrives. It is not relayed now.
		n.orphans.add(r.Datanet, data)
	}
	if err != nil {
		n.log.Debug("gossip: bad record", "from", from, "err", err)
		return verdict(err)
	}
	if n.store.HasRecord(r.CID()) {
		if n.isExtraSubmission(r, data) {
			return p2p.Accept // another submission of stored content: kept and relayed
		}
		return p2p.Ignore
	}
	return p2p.Accept
}

func (n *Node) onRecordMsg(ctx context.Context, from peer.ID, data []byte) {
	// The validator has already checked it in full, signature included.
	r, err := datanet.DecodeRecord(data)
	if err != nil {
		return
	}
	res, err := n.store.PutVerified(ctx, []*datanet.Record{r})
	if err == nil {
		err = res[0].Err
	}
	if err != nil {
		n.log.Warn("gossip: store record", "cid", r.CID(), "from", from, "err", err)
		return
	}
	if res[0].Created {
		n.metrics.RecordsStored(1)
	} else if n.isExtraSubmission(r, data) {
		n.work.keepSubmission(r, data)
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
func (n *Node) alreadyHave(data []byte) bool {
	r, err := datanet.DecodeRecord(data)
	if err != nil || !n.store.HasRecord(r.CID()) {
		return false
	}
	if n.work.store.HasSubmission(data) {
		return true
	}
	stored, err := n.store.GetRecord(r.CID())
	return err == nil && bytes.Equal(stored.Signature, r.Signature)
}

// checkRecord decodes and fully validates a wire record against its
// datanet. When only the datanet is missing it returns the decoded record
// with ErrUnknownDatanet.
func (n *Node) checkRecord(data []byte) (*datanet.Record, error) {
	r, err := datanet.DecodeRecord(data)
	if err != nil {
		return nil, err
	}
	dn, err := n.store.GetDatanet(r.Datanet)
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
func (n *Node) storeDatanet(ctx context.Context, d *datanet.Datanet, via string) (bool, error) {
	created, err := n.store.PutDatanet(ctx, d)
	if err != nil {
		n.log.Warn("store datanet", "id", d.ID(), "via", via, "err", err)
		return false, err
	}
	if created {
		n.metrics.DatanetsStored(1)
		n.log.Info("datanet stored", "id", d.ID(), "name", d.Name, "via", via)
		n.adoptOrphans(ctx, d.ID())
	}
	return created, nil
}

// adoptOrphans stores the gossiped records that arrived before datanet dn.
func (n *Node) adoptOrphans(ctx context.Context, dn cid.Cid) {
	var recs []*datanet.Record
	for _, data := range n.orphans.take(dn) {
		if r, err := n.checkRecord(data); err == nil {
			recs = append(recs, r)
		}
	}
	if len(recs) == 0 {
		return
	}
	res, err := n.store.PutVerified(ctx, recs)
	if err != nil {
		n.log.Warn("store orphan records", "datanet", dn, "err", err)
		return
	}
	created := 0
	for _, r := range res {
		if r.Err == nil && r.Created {
			created++
		}
	}
	n.metrics.RecordsStored(created)
	n.log.Debug("adopted orphan records", "datanet", dn, "stored", created)
}
