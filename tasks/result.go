package tasks

import (
	"fmt"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/account"
)

// Result is a worker's signed answer to a task. For classify and validate
// it carries a verdict: Accept with a Label from the schema, or reject
// (Accept false, no Label). A validate result by a whitelisted validator is
// a vote. A crawl result lists the records the crawl produced.
type Result struct {
	Task    ID
	Kind    Kind
	Datanet cid.Cid
	Record  cid.Cid // classify, validate
	Worker  common.Address
	Accept  bool
	Label   string
	// Confidence is the worker's confidence in permille (0..1000); a
	// classifier below its threshold sets Unsure so validators look closer.
	Confidence uint16
	Unsure     bool
	Produced   []cid.Cid // crawl: the records it stored
	Failed     uint32    // crawl: pages that could not be fetched
	CreatedAt  int64     // unix ms
	Signature  []byte
}

type resultWire struct {
	Task       []byte   `cbor:"task"`
	Kind       uint8    `cbor:"kind"`
	Datanet    []byte   `cbor:"datanet"`
	Record     []byte   `cbor:"record,omitempty"`
	Worker     []byte   `cbor:"worker"`
	Accept     bool     `cbor:"accept,omitempty"`
	Label      string   `cbor:"label,omitempty"`
	Confidence uint16   `cbor:"conf,omitempty"`
	Unsure     bool     `cbor:"unsure,omitempty"`
	Produced   [][]byte `cbor:"produced,omitempty"`
	Failed     uint32   `cbor:"failed,omitempty"`
	CreatedAt  int64    `cbor:"created"`
	Signature  []byte   `cbor:"sig,omitempty"`
}

func (r *Result) wire(withSig bool) resultWire {
	w := resultWire{Task: r.Task[:], Kind: uint8(r.Kind), Datanet: cidBytes(r.Datanet), Record: cidBytes(r.Record),
		Worker: r.Worker.Bytes(), Accept: r.Accept, Label: r.Label, Confidence: r.Confidence, Unsure: r.Unsure,
		Failed: r.Failed, CreatedAt: r.CreatedAt}
	for _, c := range r.Produced {
		w.Produced = append(w.Produced, c.Bytes())
	}
	if withSig {
		w.Signature = r.Signature
	}
	return w
}

// NewResult starts the result of task t.
func NewResult(t *Task, now time.Time) *Result {
	return &Result{Task: t.ID(), Kind: t.Kind, Datanet: t.Datanet, Record: t.Record, CreatedAt: now.UnixMilli()}
}

// ID is the keccak256 of the unsigned canonical encoding.
func (r *Result) ID() ID {
	b, err := encMode.Marshal(r.wire(false))
	if err != nil {
		return ID{}
	}
	return ID(crypto.Keccak256Hash(b))
}

// Sign sets Worker and Signature.
func (r *Result) Sign(s account.Signer) error {
	r.Worker = s.Address()
	sig, err := sign(s, r.wire(false))
	if err != nil {
		return err
	}
	r.Signature = sig
	return nil
}

// Validate checks the structure, that the result answers a task of its own
// kind and record, that a label is in labels (the Datanet's schema; empty
// means unlabelled), and the worker's signature.
func (r *Result) Validate(hasLabel func(string) bool) error {
	if err := r.validateStructure(hasLabel); err != nil {
		return err
	}
	return verify(r.Worker, r.wire(false), r.Signature)
}

// ValidateSchema is Validate against a Datanet's label schema (sorted, as
// a Datanet holds it; empty for a Datanet without labels). It also
// requires a validate result to be a well-formed vote (Verdict.Check): in
// a labelled Datanet an accept without a label fails with ErrVerdict.
func (r *Result) ValidateSchema(labels []string) error {
	hasLabel := func(l string) bool {
		_, ok := slices.BinarySearch(labels, l)
		return ok
	}
	if err := r.validateStructure(hasLabel); err != nil {
		return err
	}
	if r.Kind == KindValidate {
		if err := r.Verdict().Check(len(labels) > 0); err != nil {
			return err
		}
	}
	return verify(r.Worker, r.wire(false), r.Signature)
}

func (r *Result) validateStructure(hasLabel func(string) bool) error {
	if !r.Datanet.Defined() || r.CreatedAt <= 0 || r.Confidence > 1000 {
		return fmt.Errorf("%w: result without datanet or time, or confidence over 1000", ErrInvalid)
	}
	switch r.Kind {
	case KindCrawl:
		if r.Record.Defined() || r.Accept || r.Label != "" || len(r.Produced) > MaxProduced {
			return fmt.Errorf("%w: crawl result shape", ErrInvalid)
		}
	case KindClassify, KindValidate:
		if !r.Record.Defined() || len(r.Produced) != 0 || r.Failed != 0 {
			return fmt.Errorf("%w: %s result shape", ErrInvalid, r.Kind)
		}
		if r.Task != Derive(r.Kind, r.Datanet, r.Record).ID() {
			return fmt.Errorf("%w: result does not answer the %s task of its record", ErrInvalid, r.Kind)
		}
		if !r.Accept && r.Label != "" {
			return fmt.Errorf("%w: a rejection carries no label (got %q)", ErrVerdict, r.Label)
		}
		if r.Label != "" && hasLabel != nil && !hasLabel(r.Label) {
			return fmt.Errorf("%w: label %q not in the schema", ErrInvalid, r.Label)
		}
	default:
		return fmt.Errorf("%w: kind %d", ErrInvalid, r.Kind)
	}
	return nil
}

// Verdict is what a classify or validate result says about a record.
type Verdict struct {
	Accept bool
	Label  string
}

// Verdict of the result.
func (r *Result) Verdict() Verdict { return Verdict{Accept: r.Accept, Label: r.Label} }

// EncodeResult is the wire form, signature included.
func EncodeResult(r *Result) ([]byte, error) {
	b, err := encMode.Marshal(r.wire(true))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if len(b) > MaxResultBytes {
		return nil, fmt.Errorf("%w: result of %d bytes", ErrTooLarge, len(b))
	}
	return b, nil
}

// DecodeResult parses the wire form. It checks the encoding, not the
// signature: call Validate.
func DecodeResult(b []byte) (*Result, error) {
	var w resultWire
	if err := decodeStrict(b, MaxResultBytes, &w); err != nil {
		return nil, err
	}
	if len(w.Task) != 32 {
		return nil, fmt.Errorf("%w: task id of %d bytes", ErrMalformed, len(w.Task))
	}
	r := &Result{Task: ID(w.Task), Kind: Kind(w.Kind), Accept: w.Accept, Label: w.Label, Confidence: w.Confidence,
		Unsure: w.Unsure, Failed: w.Failed, CreatedAt: w.CreatedAt, Signature: w.Signature}
	var err error
	if r.Datanet, err = parseCID("datanet", w.Datanet); err != nil {
		return nil, err
	}
	if r.Record, err = parseCID("record", w.Record); err != nil {
		return nil, err
	}
	if r.Worker, err = parseAddress("worker", w.Worker); err != nil {
		return nil, err
	}
	if len(w.Produced) > MaxProduced {
		return nil, fmt.Errorf("%w: %d produced records", ErrTooLarge, len(w.Produced))
	}
	for _, p := range w.Produced {
		c, err := parseCID("produced", p)
		if err != nil {
			return nil, err
		}
		r.Produced = append(r.Produced, c)
	}
	return r, nil
}
