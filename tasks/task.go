package tasks

import (
	"fmt"
	"net/url"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/account"
)

// Kind is what a task asks for.
type Kind uint8

// Task kinds.
const (
	KindCrawl    Kind = 1
	KindClassify Kind = 2
	KindValidate Kind = 3
)

// String returns crawl, classify or validate.
func (k Kind) String() string {
	switch k {
	case KindCrawl:
		return "crawl"
	case KindClassify:
		return "classify"
	case KindValidate:
		return "validate"
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// ParseKind parses the String form.
func ParseKind(s string) (Kind, error) {
	for _, k := range []Kind{KindCrawl, KindClassify, KindValidate} {
		if k.String() == s {
			return k, nil
		}
	}
	return 0, fmt.Errorf("%w: kind %q", ErrInvalid, s)
}

// Task is one unit of work on a Datanet.
//
// A crawl task names a Target URL: with MaxPages 1 the page alone, with
// more a same-site crawl from it. Its Issuer, the Datanet's owner, signs
// it. Classify and validate tasks name a Record; they are derived, never
// signed (see Derive).
type Task struct {
	Kind      Kind
	Datanet   cid.Cid
	Record    cid.Cid // classify, validate
	Target    string  // crawl
	MaxPages  uint32  // crawl
	Issuer    common.Address
	CreatedAt int64 // unix ms; zero for derived tasks
	Signature []byte
}

type taskWire struct {
	Kind      uint8  `cbor:"kind"`
	Datanet   []byte `cbor:"datanet"`
	Record    []byte `cbor:"record,omitempty"`
	Target    string `cbor:"target,omitempty"`
	MaxPages  uint32 `cbor:"pages,omitempty"`
	Issuer    []byte `cbor:"issuer,omitempty"`
	CreatedAt int64  `cbor:"created,omitempty"`
	Signature []byte `cbor:"sig,omitempty"`
}

func (t *Task) wire(withSig bool) taskWire {
	w := taskWire{Kind: uint8(t.Kind), Datanet: cidBytes(t.Datanet), Record: cidBytes(t.Record),
		Target: t.Target, MaxPages: t.MaxPages, CreatedAt: t.CreatedAt}
	if t.Issuer != (common.Address{}) {
		w.Issuer = t.Issuer.Bytes()
	}
	if withSig {
		w.Signature = t.Signature
	}
	return w
}

// Derive returns the classify or validate task of a record. Every node
// derives the same task, with the same ID.
func Derive(kind Kind, datanet, record cid.Cid) *Task {
	return &Task{Kind: kind, Datanet: datanet, Record: record}
}

// NewCrawl returns an unsigned crawl task of target, with at most maxPages
// pages (1: the page alone).
func NewCrawl(datanet cid.Cid, target string, maxPages uint32, now time.Time) *Task {
	return &Task{Kind: KindCrawl, Datanet: datanet, Target: target, MaxPages: maxPages, CreatedAt: now.UnixMilli()}
}

// ID is the keccak256 of the unsigned canonical encoding.
func (t *Task) ID() ID {
	b, err := encMode.Marshal(t.wire(false))
	if err != nil {
		return ID{}
	}
	return ID(crypto.Keccak256Hash(b))
}

// Sign sets Issuer and Signature.
func (t *Task) Sign(s account.Signer) error {
	t.Issuer = s.Address()
	sig, err := sign(s, t.wire(false))
	if err != nil {
		return err
	}
	t.Signature = sig
	return nil
}

// Validate checks the structure and, for crawl tasks, that owner signed it.
func (t *Task) Validate(owner common.Address) error {
	if !t.Datanet.Defined() {
		return fmt.Errorf("%w: task without datanet", ErrInvalid)
	}
	switch t.Kind {
	case KindCrawl:
		if t.Record.Defined() {
			return fmt.Errorf("%w: crawl task with a record", ErrInvalid)
		}
		if err := checkTarget(t.Target); err != nil {
			return err
		}
		if t.MaxPages == 0 || t.MaxPages > 100000 {
			return fmt.Errorf("%w: max pages %d, want 1..100000", ErrInvalid, t.MaxPages)
		}
		if t.CreatedAt <= 0 {
			return fmt.Errorf("%w: crawl task without a time", ErrInvalid)
		}
		if t.Issuer != owner {
			return fmt.Errorf("%w: crawl task issued by %s, not the datanet owner %s", ErrNotAuthorized, t.Issuer.Hex(), owner.Hex())
		}
		return verify(t.Issuer, t.wire(false), t.Signature)
	case KindClassify, KindValidate:
		if !t.Record.Defined() || t.Target != "" || t.MaxPages != 0 || t.CreatedAt != 0 ||
			t.Issuer != (common.Address{}) || len(t.Signature) != 0 {
			return fmt.Errorf("%w: a %s task names a record and nothing else", ErrInvalid, t.Kind)
		}
		return nil
	}
	return fmt.Errorf("%w: kind %d", ErrInvalid, t.Kind)
}

func checkTarget(s string) error {
	if len(s) == 0 || len(s) > MaxTargetBytes {
		return fmt.Errorf("%w: target of %d bytes", ErrInvalid, len(s))
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%w: target %q is not an http(s) URL", ErrInvalid, s)
	}
	return nil
}

// EncodeTask is the wire form, signature included.
func EncodeTask(t *Task) ([]byte, error) {
	b, err := encMode.Marshal(t.wire(true))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if len(b) > MaxTaskBytes {
		return nil, fmt.Errorf("%w: task of %d bytes", ErrTooLarge, len(b))
	}
	return b, nil
}

// DecodeTask parses the wire form. It checks the encoding, not the
// signature: call Validate.
func DecodeTask(b []byte) (*Task, error) {
	var w taskWire
	if err := decodeStrict(b, MaxTaskBytes, &w); err != nil {
		return nil, err
	}
	t := &Task{Kind: Kind(w.Kind), Target: w.Target, MaxPages: w.MaxPages, CreatedAt: w.CreatedAt, Signature: w.Signature}
	var err error
	if t.Datanet, err = parseCID("datanet", w.Datanet); err != nil {
		return nil, err
	}
	if t.Record, err = parseCID("record", w.Record); err != nil {
		return nil, err
	}
	if len(w.Issuer) > 0 {
		if t.Issuer, err = parseAddress("issuer", w.Issuer); err != nil {
			return nil, err
		}
	}
	return t, nil
}
