package node

import (
	"context"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/p2p"
)

// CreateDatanetRequest is the body of POST /api/v1/datanets. Either the
// fields are set, and the node signs the definition as its owner with its
// account key, or Signed carries a definition its owner signed elsewhere.
type CreateDatanetRequest struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Labels      []string `json:"labels"`
	Validators  []string `json:"validators"`
	Quorum      uint32   `json:"quorum"`
	Signed      []byte   `json:"signed,omitempty"`
}

// CreateDatanet signs (unless pre-signed), stores and gossips a datanet.
func (n *Node) CreateDatanet(ctx context.Context, req CreateDatanetRequest) (*datanet.Datanet, bool, error) {
	d, err := n.datanetFromRequest(req)
	if err != nil {
		return nil, false, err
	}
	if err := d.Validate(); err != nil {
		return nil, false, err
	}
	created, err := n.storeDatanet(ctx, d, "api")
	if err != nil {
		return nil, false, err
	}
	if created {
		publish(ctx, n, n.datanets, datanet.EncodeDatanet, d)
	}
	return d, created, nil
}

func (n *Node) datanetFromRequest(req CreateDatanetRequest) (*datanet.Datanet, error) {
	if len(req.Signed) > 0 {
		return datanet.DecodeDatanet(req.Signed)
	}
	vals := make([]common.Address, 0, len(req.Validators))
	for _, v := range req.Validators {
		if !common.IsHexAddress(v) {
			return nil, badRequest("validator %q is not an address", v)
		}
		vals = append(vals, common.HexToAddress(v))
	}
	d := datanet.NewDatanet(req.Name, req.Description, req.Labels, vals, req.Quorum, time.Now())
	if err := d.Sign(n.home.Account); err != nil {
		return nil, err
	}
	return d, nil
}

// SubmitRecord is one record in a submission; the node is the submitter.
type SubmitRecord struct {
	Content string `json:"content"`
	Source  string `json:"source,omitempty"`
	Label   string `json:"label,omitempty"`
}

// SubmitResult is the outcome for one submitted record.
type SubmitResult struct {
	CID     string `json:"cid,omitempty"`
	Created bool   `json:"created"`
	Error   string `json:"error,omitempty"`
	Code    string `json:"code,omitempty"`

	err error
}

// SubmitRecords signs the records with the node's account key, stores them
// durably (they survive kill -9 once this returns) and gossips the new ones.
// A record that fails validation gets an error of its own; the rest go on.
func (n *Node) SubmitRecords(ctx context.Context, dn cid.Cid, subs []SubmitRecord) ([]SubmitResult, error) {
	if _, err := n.store.GetDatanet(dn); err != nil {
		return nil, fmt.Errorf("%w: %s", datanet.ErrUnknownDatanet, dn)
	}
	now := time.Now().UnixMilli()
	out := make([]SubmitResult, len(subs))
	recs := make([]*datanet.Record, 0, len(subs))
	idx := make([]int, 0, len(subs))
	for i, s := range subs {
		r := &datanet.Record{
			Datanet: dn, Content: s.Content, Source: s.Source, Label: s.Label,
			Submitter: n.home.Account.Address(), CreatedAt: now,
		}
		// The node has just signed it: PutVerified below runs every check
		// but recovering that signature (about 45 µs a record).
		if err := r.Sign(n.home.Account); err != nil {
			out[i] = failed(err)
			continue
		}
		recs = append(recs, r)
		idx = append(idx, i)
	}
	res, err := n.store.PutVerified(ctx, recs)
	if err != nil && len(res) != len(recs) {
		return nil, err
	}
	stored := 0
	for j, pr := range res {
		i := idx[j]
		if pr.Err != nil {
			out[i] = failed(pr.Err)
			continue
		}
		out[i] = SubmitResult{CID: pr.CID.String(), Created: pr.Created}
		if pr.Created {
			stored++
			publish(ctx, n, n.records, datanet.EncodeRecord, recs[j])
		} else {
			n.publishExtra(ctx, recs[j])
		}
	}
	n.metrics.RecordsStored(stored)
	return out, nil
}

func failed(err error) SubmitResult {
	_, code := errorStatus(err)
	return SubmitResult{Error: err.Error(), Code: code, err: err}
}

// publish gossips v. A failure is logged, not returned: the object is already
// durable here, and peers will fetch it by catch-up sync.
func publish[T any](ctx context.Context, n *Node, t *p2p.Topic, enc func(T) ([]byte, error), v T) {
	b, err := enc(v)
	if err == nil {
		err = t.Publish(ctx, b)
	}
	if err != nil {
		n.log.Warn("gossip: publish failed; peers will sync it", "err", err)
	}
}
