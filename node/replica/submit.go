package replica

import (
	"context"
	"fmt"

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
func (s *Service) CreateDatanet(ctx context.Context, req CreateDatanetRequest) (*datanet.Datanet, bool, error) {
	d, err := s.datanetFromRequest(req)
	if err != nil {
		return nil, false, err
	}
	if err := d.Validate(); err != nil {
		return nil, false, err
	}
	created, err := s.storeDatanet(ctx, d, "api")
	if err != nil {
		return nil, false, err
	}
	if created {
		p2p.PublishLogged(ctx, s.datanets, s.log, datanet.EncodeDatanet, d)
	}
	return d, created, nil
}

func (s *Service) datanetFromRequest(req CreateDatanetRequest) (*datanet.Datanet, error) {
	if len(req.Signed) > 0 {
		return datanet.DecodeDatanet(req.Signed)
	}
	vals := make([]common.Address, 0, len(req.Validators))
	for _, v := range req.Validators {
		if !common.IsHexAddress(v) {
			return nil, fmt.Errorf("%w: validator %q is not an address", datanet.ErrInvalid, v)
		}
		vals = append(vals, common.HexToAddress(v))
	}
	d := datanet.NewDatanet(req.Name, req.Description, req.Labels, vals, req.Quorum, s.d.Clock.Now())
	if err := d.Sign(s.d.Account); err != nil {
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

// SubmitResult is the outcome for one submitted record. Err is the domain
// error of a refused record; the API layer renders it as Error and Code.
type SubmitResult struct {
	CID     string `json:"cid,omitempty"`
	Created bool   `json:"created"`
	Error   string `json:"error,omitempty"`
	Code    string `json:"code,omitempty"`

	Err error `json:"-"`
}

// SubmitRecords signs the records with the node's account key, stores them
// durably (they survive kill -9 once this returns) and gossips the new ones.
// A record that fails validation gets an error of its own; the rest go on.
func (s *Service) SubmitRecords(ctx context.Context, dn cid.Cid, subs []SubmitRecord) ([]SubmitResult, error) {
	if _, err := s.d.Store.GetDatanet(dn); err != nil {
		return nil, fmt.Errorf("%w: %s", datanet.ErrUnknownDatanet, dn)
	}
	now := s.d.Clock.Now().UnixMilli()
	out := make([]SubmitResult, len(subs))
	recs := make([]*datanet.Record, 0, len(subs))
	idx := make([]int, 0, len(subs))
	for i, sub := range subs {
		r := &datanet.Record{
			Datanet: dn, Content: sub.Content, Source: sub.Source, Label: sub.Label,
			Submitter: s.d.Account.Address(), CreatedAt: now,
		}
		// The node has just signed it: PutVerified below runs every check
		// but recovering that signature (about 45 µs a record).
		if err := r.Sign(s.d.Account); err != nil {
			out[i] = failed(err)
			continue
		}
		recs = append(recs, r)
		idx = append(idx, i)
	}
	res, err := s.d.Store.PutVerified(ctx, recs)
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
			p2p.PublishLogged(ctx, s.records, s.log, datanet.EncodeRecord, recs[j])
		} else {
			s.publishExtra(ctx, recs[j])
		}
	}
	s.d.Metrics.RecordsStored(stored)
	return out, nil
}

func failed(err error) SubmitResult { return SubmitResult{Error: err.Error(), Err: err} }
