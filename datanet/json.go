package datanet

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ipfs/go-cid"
)

// JSON forms: CIDs as strings, addresses as checksummed 0x hex, signatures
// as 0x hex, times as unix milliseconds. They are for the HTTP API and
// exports; the canonical form is CBOR.

type datanetJSON struct {
	ID          string        `json:"id,omitempty"`
	Name        string        `json:"name"`
	Description string        `json:"description"`
	Owner       string        `json:"owner"`
	Labels      []string      `json:"labels"`
	Validators  []string      `json:"validators"`
	Quorum      uint32        `json:"quorum"`
	CreatedAt   int64         `json:"created_at"`
	Signature   hexutil.Bytes `json:"signature"`
}

// MarshalJSON implements json.Marshaler. It includes the derived "id".
func (d Datanet) MarshalJSON() ([]byte, error) {
	j := datanetJSON{
		Name:        d.Name,
		Description: d.Description,
		Owner:       d.Owner.Hex(),
		Labels:      d.Labels,
		Validators:  make([]string, len(d.Validators)),
		Quorum:      d.Quorum,
		CreatedAt:   d.CreatedAt,
		Signature:   d.Signature,
	}
	if j.Labels == nil {
		j.Labels = []string{}
	}
	for i, v := range d.Validators {
		j.Validators[i] = v.Hex()
	}
	if id := d.ID(); id.Defined() {
		j.ID = id.String()
	}
	return json.Marshal(j)
}

// UnmarshalJSON implements json.Unmarshaler. Unknown fields are rejected; an
// "id", when present, must match the definition.
func (d *Datanet) UnmarshalJSON(b []byte) error {
	var j datanetJSON
	if err := strictJSON(b, &j); err != nil {
		return err
	}
	owner, err := parseAddress("owner", j.Owner)
	if err != nil {
		return err
	}
	out := Datanet{
		Name:        j.Name,
		Description: j.Description,
		Owner:       owner,
		Labels:      j.Labels,
		Validators:  make([]common.Address, len(j.Validators)),
		Quorum:      j.Quorum,
		CreatedAt:   j.CreatedAt,
		Signature:   j.Signature,
	}
	for i, v := range j.Validators {
		if out.Validators[i], err = parseAddress("validator", v); err != nil {
			return err
		}
	}
	if j.ID != "" {
		if id := out.ID(); id.String() != j.ID {
			return fmt.Errorf("%w: id %s does not match the definition (%s)", ErrInvalid, j.ID, id)
		}
	}
	*d = out
	return nil
}

type recordJSON struct {
	CID        string        `json:"cid,omitempty"`
	Datanet    string        `json:"datanet"`
	Content    string        `json:"content"`
	Source     string        `json:"source"`
	Submitter  string        `json:"submitter"`
	Label      string        `json:"label"`
	CreatedAt  int64         `json:"created_at"`
	ReceivedAt int64         `json:"received_at,omitempty"`
	State      *State        `json:"state,omitempty"`
	Seq        uint64        `json:"seq,omitempty"`
	Signature  hexutil.Bytes `json:"signature"`
	Final      *Final        `json:"final,omitempty"`
}

func (r *Record) toJSON(c cid.Cid) recordJSON {
	j := recordJSON{
		Content:   r.Content,
		Source:    r.Source,
		Submitter: r.Submitter.Hex(),
		Label:     r.Label,
		CreatedAt: r.CreatedAt,
		Signature: r.Signature,
	}
	if r.Datanet.Defined() {
		j.Datanet = r.Datanet.String()
	}
	if c.Defined() {
		j.CID = c.String()
	}
	return j
}

func (j *recordJSON) record() (Record, error) {
	var r Record
	var err error
	if r.Datanet, err = cid.Decode(j.Datanet); err != nil {
		return r, fmt.Errorf("%w: datanet: %v", ErrMalformed, err)
	}
	if r.Submitter, err = parseAddress("submitter", j.Submitter); err != nil {
		return r, err
	}
	r.Content, r.Source, r.Label, r.CreatedAt, r.Signature = j.Content, j.Source, j.Label, j.CreatedAt, j.Signature
	if j.CID != "" {
		if c := r.CID(); c.String() != j.CID {
			return r, fmt.Errorf("%w: cid %s does not match the content (%s)", ErrInvalid, j.CID, c)
		}
	}
	return r, nil
}

// MarshalJSON implements json.Marshaler. It includes the derived "cid".
func (r Record) MarshalJSON() ([]byte, error) {
	return json.Marshal(r.toJSON(r.CID()))
}

// UnmarshalJSON implements json.Unmarshaler. Unknown fields are rejected; a
// "cid", when present, must match the content.
func (r *Record) UnmarshalJSON(b []byte) error {
	var j recordJSON
	if err := strictJSON(b, &j); err != nil {
		return err
	}
	if j.ReceivedAt != 0 || j.State != nil || j.Seq != 0 || j.Final != nil {
		return fmt.Errorf("%w: record JSON with store fields", ErrMalformed)
	}
	rec, err := j.record()
	if err != nil {
		return err
	}
	*r = rec
	return nil
}

// MarshalJSON implements json.Marshaler: {"cid", "datanet", "content",
// "source", "submitter", "label" (the submitter's), "created_at",
// "received_at", "state", "seq", "signature", and "final" {"label",
// "decided_at", "epoch"} once decided and joined}.
func (s StoredRecord) MarshalJSON() ([]byte, error) {
	j := s.Record.toJSON(s.CID)
	j.ReceivedAt = s.ReceivedAt
	st := s.State
	j.State = &st
	j.Seq = s.Seq
	j.Final = s.Final
	return json.Marshal(j)
}

// UnmarshalJSON implements json.Unmarshaler, the inverse of MarshalJSON.
func (s *StoredRecord) UnmarshalJSON(b []byte) error {
	var j recordJSON
	if err := strictJSON(b, &j); err != nil {
		return err
	}
	rec, err := j.record()
	if err != nil {
		return err
	}
	out := StoredRecord{Record: rec, CID: rec.CID(), Seq: j.Seq, ReceivedAt: j.ReceivedAt, Final: j.Final}
	if j.State != nil {
		out.State = *j.State
	}
	*s = out
	return nil
}

func strictJSON(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%w: json: %v", ErrMalformed, err)
	}
	// dec.More would miss a trailing '}' or ']': only the end of the input
	// may follow the value.
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: json: trailing data", ErrMalformed)
	}
	return nil
}

func parseAddress(field, s string) (common.Address, error) {
	if !common.IsHexAddress(s) {
		return common.Address{}, fmt.Errorf("%w: %s %q is not a hex address", ErrMalformed, field, s)
	}
	return common.HexToAddress(s), nil
}
