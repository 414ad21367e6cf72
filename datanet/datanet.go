package datanet

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/account"
)

// datanetWire is the CBOR form of a Datanet. Keys are short strings, so the
// core deterministic order equals the dag-cbor order (length first).
type datanetWire struct {
	Name        string   `cbor:"name"`
	Description string   `cbor:"desc"`
	Owner       []byte   `cbor:"owner"`
	Labels      []string `cbor:"labels"`
	Validators  [][]byte `cbor:"validators"`
	Quorum      uint32   `cbor:"quorum"`
	CreatedAt   int64    `cbor:"created"`
	Signature   []byte   `cbor:"sig,omitempty"`
}

// NewDatanet returns an unsigned Datanet with its label schema and validator
// whitelist sorted and de-duplicated. Sign it before use.
func NewDatanet(name, description string, labels []string, validators []common.Address, quorum uint32, createdAt time.Time) *Datanet {
	d := &Datanet{
		Name:        name,
		Description: description,
		Labels:      slices.Clone(labels),
		Validators:  slices.Clone(validators),
		Quorum:      quorum,
		CreatedAt:   createdAt.UnixMilli(),
	}
	d.Normalize()
	return d
}

// Normalize sorts and de-duplicates Labels and Validators in place. It changes
// the ID, so call it before Sign.
func (d *Datanet) Normalize() {
	slices.Sort(d.Labels)
	d.Labels = slices.Compact(d.Labels)
	slices.SortFunc(d.Validators, func(a, b common.Address) int { return bytes.Compare(a[:], b[:]) })
	d.Validators = slices.Compact(d.Validators)
}

// Clone returns a deep copy.
func (d *Datanet) Clone() *Datanet {
	c := *d
	c.Labels = slices.Clone(d.Labels)
	c.Validators = slices.Clone(d.Validators)
	c.Signature = slices.Clone(d.Signature)
	return &c
}

func (d *Datanet) wire(withSig bool) *datanetWire {
	w := &datanetWire{
		Name:        d.Name,
		Description: d.Description,
		Owner:       d.Owner.Bytes(),
		Labels:      d.Labels,
		Validators:  make([][]byte, len(d.Validators)),
		Quorum:      d.Quorum,
		CreatedAt:   d.CreatedAt,
	}
	for i := range d.Validators {
		w.Validators[i] = d.Validators[i][:]
	}
	if withSig {
		w.Signature = d.Signature
	}
	return w
}

func datanetFromWire(w *datanetWire) (*Datanet, error) {
	d := &Datanet{
		Name:        w.Name,
		Description: w.Description,
		Labels:      w.Labels,
		Quorum:      w.Quorum,
		CreatedAt:   w.CreatedAt,
		Signature:   w.Signature,
	}
	if len(w.Owner) != common.AddressLength {
		return nil, fmt.Errorf("%w: owner is %d bytes, want %d", ErrMalformed, len(w.Owner), common.AddressLength)
	}
	d.Owner = common.BytesToAddress(w.Owner)
	d.Validators = make([]common.Address, len(w.Validators))
	for i, v := range w.Validators {
		if len(v) != common.AddressLength {
			return nil, fmt.Errorf("%w: validator %d is %d bytes, want %d", ErrMalformed, i, len(v), common.AddressLength)
		}
		d.Validators[i] = common.BytesToAddress(v)
	}
	return d, nil
}

// unsignedBytes is the canonical CBOR of the definition without the
// signature: the block that ID hashes and SigningDigest covers.
func (d *Datanet) unsignedBytes() ([]byte, error) {
	b, err := encMode.Marshal(d.wire(false))
	if err != nil {
		return nil, fmt.Errorf("%w: encode datanet: %v", ErrInvalid, err)
	}
	return b, nil
}

// ID is the CIDv1 (dag-cbor, sha2-256) of the canonical CBOR of the
// definition without its signature. It is cid.Undef only if the Datanet
// cannot be encoded.
func (d *Datanet) ID() cid.Cid {
	b, err := d.unsignedBytes()
	if err != nil {
		return cid.Undef
	}
	return cidOf(b)
}

// SigningDigest is keccak256 of the canonical CBOR of the definition without
// its signature.
func (d *Datanet) SigningDigest() ([32]byte, error) {
	b, err := d.unsignedBytes()
	if err != nil {
		return [32]byte{}, err
	}
	return crypto.Keccak256Hash(b), nil
}

// Sign sets Owner to the signer's address when it is zero, checks the
// structure, and sets Signature. It fails if Owner is another address.
func (d *Datanet) Sign(s account.Signer) error {
	addr := s.Address()
	if d.Owner == (common.Address{}) {
		d.Owner = addr
	} else if d.Owner != addr {
		return fmt.Errorf("%w: owner is %s, signer is %s", ErrInvalid, d.Owner.Hex(), addr.Hex())
	}
	if err := d.validateStructure(); err != nil {
		return err
	}
	digest, err := d.SigningDigest()
	if err != nil {
		return err
	}
	sig, err := s.SignDigest(digest)
	if err != nil {
		return fmt.Errorf("datanet: sign: %w", err)
	}
	d.Signature = sig
	return nil
}

// Validate checks the structure and limits and that Owner signed it.
func (d *Datanet) Validate() error {
	if err := d.validateStructure(); err != nil {
		return err
	}
	return d.verify()
}

func (d *Datanet) verify() error {
	digest, err := d.SigningDigest()
	if err != nil {
		return err
	}
	if err := account.Verify(d.Owner, digest, d.Signature); err != nil {
		return fmt.Errorf("%w: datanet: %w", ErrBadSignature, err)
	}
	return nil
}

func (d *Datanet) validateStructure() error {
	switch {
	case d.Name == "" || strings.TrimSpace(d.Name) == "":
		return fmt.Errorf("%w: empty name", ErrInvalid)
	case len(d.Name) > MaxNameBytes:
		return fmt.Errorf("%w: name is %d bytes, limit %d", ErrTooLarge, len(d.Name), MaxNameBytes)
	case !utf8.ValidString(d.Name) || !utf8.ValidString(d.Description):
		return fmt.Errorf("%w: name or description is not UTF-8", ErrMalformed)
	case len(d.Description) > MaxDescriptionBytes:
		return fmt.Errorf("%w: description is %d bytes, limit %d", ErrTooLarge, len(d.Description), MaxDescriptionBytes)
	case d.Owner == (common.Address{}):
		return fmt.Errorf("%w: zero owner", ErrInvalid)
	case len(d.Labels) > MaxLabels:
		return fmt.Errorf("%w: %d labels, limit %d", ErrTooLarge, len(d.Labels), MaxLabels)
	case len(d.Validators) > MaxValidators:
		return fmt.Errorf("%w: %d validators, limit %d", ErrTooLarge, len(d.Validators), MaxValidators)
	case d.CreatedAt <= 0:
		return fmt.Errorf("%w: created_at %d", ErrInvalid, d.CreatedAt)
	}
	for i, l := range d.Labels {
		if err := checkLabel(l); err != nil {
			return err
		}
		if i > 0 && d.Labels[i-1] >= l {
			return fmt.Errorf("%w: labels not sorted and unique at %q", ErrInvalid, l)
		}
	}
	for i, v := range d.Validators {
		if v == (common.Address{}) {
			return fmt.Errorf("%w: zero validator address", ErrInvalid)
		}
		if i > 0 && bytes.Compare(d.Validators[i-1][:], v[:]) >= 0 {
			return fmt.Errorf("%w: validators not sorted and unique at %s", ErrInvalid, v.Hex())
		}
	}
	if len(d.Validators) == 0 {
		if d.Quorum != 0 {
			return fmt.Errorf("%w: quorum %d without validators", ErrInvalid, d.Quorum)
		}
	} else if d.Quorum < 1 || int(d.Quorum) > len(d.Validators) {
		return fmt.Errorf("%w: quorum %d, want 1..%d", ErrInvalid, d.Quorum, len(d.Validators))
	}
	return nil
}

func checkLabel(l string) error {
	switch {
	case l == "":
		return fmt.Errorf("%w: empty label", ErrInvalid)
	case len(l) > MaxLabelBytes:
		return fmt.Errorf("%w: label is %d bytes, limit %d", ErrTooLarge, len(l), MaxLabelBytes)
	case !utf8.ValidString(l):
		return fmt.Errorf("%w: label is not UTF-8", ErrMalformed)
	}
	return nil
}

// HasLabel reports whether l is in the label schema.
func (d *Datanet) HasLabel(l string) bool {
	_, ok := slices.BinarySearch(d.Labels, l)
	return ok
}

// IsValidator reports whether a is on the validator whitelist.
func (d *Datanet) IsValidator(a common.Address) bool {
	_, ok := slices.BinarySearchFunc(d.Validators, a, func(x, y common.Address) int { return bytes.Compare(x[:], y[:]) })
	return ok
}

// EncodeDatanet returns the wire encoding of d: canonical CBOR including the
// signature.
func EncodeDatanet(d *Datanet) ([]byte, error) {
	b, err := encMode.Marshal(d.wire(true))
	if err != nil {
		return nil, fmt.Errorf("%w: encode datanet: %v", ErrInvalid, err)
	}
	if len(b) > MaxDatanetBytes {
		return nil, fmt.Errorf("%w: datanet is %d bytes, limit %d", ErrTooLarge, len(b), MaxDatanetBytes)
	}
	return b, nil
}

// DecodeDatanet parses a wire encoding strictly: it rejects anything that is
// not exactly the canonical encoding of a Datanet. It does not validate the
// contents or the signature; call Validate.
func DecodeDatanet(b []byte) (*Datanet, error) {
	var w datanetWire
	if err := decodeStrict(b, MaxDatanetBytes, &w); err != nil {
		return nil, fmt.Errorf("decode datanet: %w", err)
	}
	return datanetFromWire(&w)
}
