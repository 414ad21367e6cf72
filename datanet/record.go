package datanet

import (
	"fmt"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/account"
)

// contentBlock is the part of a Record that its CID covers. It is a valid
// dag-cbor block whose "datanet" field is a link.
type contentBlock struct {
	Datanet link   `cbor:"datanet"`
	Content string `cbor:"content"`
	Source  string `cbor:"source"`
}

// recordWire is the CBOR form of a whole Record. The Datanet field is a
// dag-cbor link (tag 42), as in the content block.
type recordWire struct {
	Datanet   link   `cbor:"datanet"`
	Content   string `cbor:"content"`
	Source    string `cbor:"source"`
	Submitter []byte `cbor:"submitter"`
	Label     string `cbor:"label"`
	CreatedAt int64  `cbor:"created"`
	Signature []byte `cbor:"sig,omitempty"`
}

// NewRecord returns an unsigned Record. Sign it before submitting it.
func NewRecord(datanet cid.Cid, content, source, label string, createdAt time.Time) *Record {
	return &Record{
		Datanet:   datanet,
		Content:   content,
		Source:    source,
		Label:     label,
		CreatedAt: createdAt.UnixMilli(),
	}
}

// Clone returns a deep copy.
func (r *Record) Clone() *Record {
	c := *r
	c.Signature = slices.Clone(r.Signature)
	return &c
}

func (r *Record) wire(withSig bool) *recordWire {
	w := &recordWire{
		Datanet:   link{r.Datanet},
		Content:   r.Content,
		Source:    r.Source,
		Submitter: r.Submitter.Bytes(),
		Label:     r.Label,
		CreatedAt: r.CreatedAt,
	}
	if withSig {
		w.Signature = r.Signature
	}
	return w
}

func recordFromWire(w *recordWire) (*Record, error) {
	if len(w.Submitter) != common.AddressLength {
		return nil, fmt.Errorf("%w: submitter is %d bytes, want %d", ErrMalformed, len(w.Submitter), common.AddressLength)
	}
	return &Record{
		Datanet:   w.Datanet.c,
		Content:   w.Content,
		Source:    w.Source,
		Submitter: common.BytesToAddress(w.Submitter),
		Label:     w.Label,
		CreatedAt: w.CreatedAt,
		Signature: w.Signature,
	}, nil
}

// blockBytes is the canonical CBOR of the content block.
func (r *Record) blockBytes() ([]byte, error) {
	b, err := encMode.Marshal(&contentBlock{Datanet: link{r.Datanet}, Content: r.Content, Source: r.Source})
	if err != nil {
		return nil, fmt.Errorf("%w: encode record block: %v", ErrInvalid, err)
	}
	return b, nil
}

// CID is the CIDv1 (dag-cbor, sha2-256) of the record's content block
// {datanet, content, source}. It does not depend on the submitter, label,
// time or signature, so the same content always has the same CID. It is
// cid.Undef when Datanet is undefined.
func (r *Record) CID() cid.Cid {
	b, err := r.blockBytes()
	if err != nil {
		return cid.Undef
	}
	return cidOf(b)
}

// Block returns the content block, a dag-cbor IPFS block whose CID is CID().
func (r *Record) Block() (blocks.Block, error) {
	b, err := r.blockBytes()
	if err != nil {
		return nil, err
	}
	return blocks.NewBlockWithCid(b, cidOf(b))
}

// unsignedBytes is the canonical CBOR of the whole record without its
// signature.
func (r *Record) unsignedBytes() ([]byte, error) {
	b, err := encMode.Marshal(r.wire(false))
	if err != nil {
		return nil, fmt.Errorf("%w: encode record: %v", ErrInvalid, err)
	}
	return b, nil
}

// SigningDigest is keccak256 of the canonical CBOR of the whole record
// without its signature.
func (r *Record) SigningDigest() ([32]byte, error) {
	b, err := r.unsignedBytes()
	if err != nil {
		return [32]byte{}, err
	}
	return crypto.Keccak256Hash(b), nil
}

// Sign sets Submitter to the signer's address when it is zero and sets
// Signature. It fails if Submitter is another address.
func (r *Record) Sign(s account.Signer) error {
	addr := s.Address()
	if r.Submitter == (common.Address{}) {
		r.Submitter = addr
	} else if r.Submitter != addr {
		return fmt.Errorf("%w: submitter is %s, signer is %s", ErrInvalid, r.Submitter.Hex(), addr.Hex())
	}
	digest, err := r.SigningDigest()
	if err != nil {
		return err
	}
	sig, err := s.SignDigest(digest)
	if err != nil {
		return fmt.Errorf("datanet: sign record: %w", err)
	}
	r.Signature = sig
	return nil
}

// Verify checks that Submitter signed the record.
func (r *Record) Verify() error {
	digest, err := r.SigningDigest()
	if err != nil {
		return err
	}
	return verifyRecordDigest(r.Submitter, digest, r.Signature)
}

func verifyRecordDigest(submitter common.Address, digest [32]byte, sig []byte) error {
	if err := account.Verify(submitter, digest, sig); err != nil {
		return fmt.Errorf("%w: record: %w", ErrBadSignature, err)
	}
	return nil
}

// Validate checks the record against its Datanet dn: limits, UTF-8, the
// label schema, the Datanet ID, a sane CreatedAt, and the signature. Content
// that CheckContent refuses fails with ErrContent.
func (r *Record) Validate(dn *Datanet) error {
	_, err := r.prepare(dn.ID(), dn, true)
	return err
}

// preparedRecord is a validated record with the encodings the store needs.
type preparedRecord struct {
	cid       cid.Cid
	wire      []byte
	submitter common.Address
	dnSeq     uint64 // set by the store
}

// prepare validates r against dn (whose ID is dnID) and computes its CID and
// wire encoding. It checks the signature only when verify is set.
func (r *Record) prepare(dnID cid.Cid, dn *Datanet, verify bool) (*preparedRecord, error) {
	if err := r.validateStructure(dnID, dn); err != nil {
		return nil, err
	}
	wire, err := EncodeRecord(r)
	if err != nil {
		return nil, err
	}
	if verify {
		if err := r.Verify(); err != nil {
			return nil, err
		}
	} else if len(r.Signature) != account.SignatureLen {
		return nil, fmt.Errorf("%w: record: signature is %d bytes, want %d", ErrBadSignature, len(r.Signature), account.SignatureLen)
	}
	block, err := r.blockBytes()
	if err != nil {
		return nil, err
	}
	return &preparedRecord{cid: cidOf(block), wire: wire, submitter: r.Submitter}, nil
}

func (r *Record) validateStructure(dnID cid.Cid, dn *Datanet) error {
	if err := checkCID(r.Datanet); err != nil {
		return fmt.Errorf("%w: record datanet: %v", ErrInvalid, err)
	}
	if !r.Datanet.Equals(dnID) {
		return fmt.Errorf("%w: record is for datanet %s, not %s", ErrInvalid, r.Datanet, dnID)
	}
	switch {
	case len(r.Content) > MaxContentBytes:
		return fmt.Errorf("%w: content is %d bytes, limit %d", ErrTooLarge, len(r.Content), MaxContentBytes)
	case len(r.Source) > MaxSourceBytes:
		return fmt.Errorf("%w: source is %d bytes, limit %d", ErrTooLarge, len(r.Source), MaxSourceBytes)
	}
	if err := CheckContent(r.Content); err != nil {
		return err
	}
	if err := checkSource(r.Source); err != nil {
		return err
	}
	switch {
	case r.Submitter == (common.Address{}):
		return fmt.Errorf("%w: zero submitter", ErrInvalid)
	case r.CreatedAt <= 0:
		return fmt.Errorf("%w: created_at %d", ErrInvalid, r.CreatedAt)
	}
	if r.Label != "" {
		if err := checkLabel(r.Label); err != nil {
			return err
		}
		if !dn.HasLabel(r.Label) {
			return fmt.Errorf("%w: %q", ErrLabelNotInSchema, r.Label)
		}
	}
	return nil
}

// EncodeRecord returns the wire encoding of r: canonical CBOR including the
// signature.
func EncodeRecord(r *Record) ([]byte, error) {
	b, err := encMode.Marshal(r.wire(true))
	if err != nil {
		return nil, fmt.Errorf("%w: encode record: %v", ErrInvalid, err)
	}
	if len(b) > MaxRecordBytes {
		return nil, fmt.Errorf("%w: record is %d bytes, limit %d", ErrTooLarge, len(b), MaxRecordBytes)
	}
	return b, nil
}

// DecodeRecord parses a wire encoding strictly: it rejects anything that is
// not exactly the canonical encoding of a Record. It does not validate the
// contents or the signature; call Validate.
func DecodeRecord(b []byte) (*Record, error) {
	var w recordWire
	if err := decodeStrict(b, MaxRecordBytes, &w); err != nil {
		return nil, fmt.Errorf("decode record: %w", err)
	}
	return recordFromWire(&w)
}

// decodeTrusted parses a wire encoding this package wrote itself (from the
// store), skipping the re-encode check.
func decodeTrustedRecord(b []byte) (*Record, error) {
	var w recordWire
	if err := decMode.Unmarshal(b, &w); err != nil {
		return nil, fmt.Errorf("%w: stored record: %v", ErrMalformed, err)
	}
	return recordFromWire(&w)
}
