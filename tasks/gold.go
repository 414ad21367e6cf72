package tasks

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/account"
)

// Gold tasks are records whose right answer the Datanet's owner knows. To
// keep workers from telling them apart, the owner first publishes a
// GoldCommit: opaque hashes, one per gold record, that say nothing about
// which records they are. Once a record is final the owner publishes its
// GoldReveal; a reveal counts only if it matches a commitment of the same
// owner, so the answer cannot be chosen after the fact.

// GoldCommit is a signed list of commitments.
type GoldCommit struct {
	Datanet     cid.Cid
	Commitments [][32]byte
	Owner       common.Address
	CreatedAt   int64
	Signature   []byte
}

// GoldReveal opens one commitment: the record and its right verdict.
type GoldReveal struct {
	Datanet   cid.Cid
	Record    cid.Cid
	Verdict   Verdict
	Salt      [32]byte
	Owner     common.Address
	Signature []byte
}

type goldCommitWire struct {
	Datanet     []byte   `cbor:"datanet"`
	Commitments [][]byte `cbor:"commits"`
	Owner       []byte   `cbor:"owner"`
	CreatedAt   int64    `cbor:"created"`
	Signature   []byte   `cbor:"sig,omitempty"`
}

type goldRevealWire struct {
	Datanet   []byte `cbor:"datanet"`
	Record    []byte `cbor:"record"`
	Accept    bool   `cbor:"accept,omitempty"`
	Label     string `cbor:"label,omitempty"`
	Salt      []byte `cbor:"salt"`
	Owner     []byte `cbor:"owner"`
	Signature []byte `cbor:"sig,omitempty"`
}

func (g *GoldCommit) wire(withSig bool) goldCommitWire {
	w := goldCommitWire{Datanet: cidBytes(g.Datanet), Owner: g.Owner.Bytes(), CreatedAt: g.CreatedAt}
	for _, c := range g.Commitments {
		w.Commitments = append(w.Commitments, slices.Clone(c[:]))
	}
	if withSig {
		w.Signature = g.Signature
	}
	return w
}

func (g *GoldReveal) wire(withSig bool) goldRevealWire {
	w := goldRevealWire{Datanet: cidBytes(g.Datanet), Record: cidBytes(g.Record), Accept: g.Verdict.Accept,
		Label: g.Verdict.Label, Salt: slices.Clone(g.Salt[:]), Owner: g.Owner.Bytes()}
	if withSig {
		w.Signature = g.Signature
	}
	return w
}

// Commitment is keccak256 over the reveal without owner and signature.
func (g *GoldReveal) Commitment() [32]byte {
	w := g.wire(false)
	w.Owner = nil
	b, _ := encMode.Marshal(w)
	return crypto.Keccak256Hash(b)
}

// GoldEntry is one gold record with its right verdict.
type GoldEntry struct {
	Record  cid.Cid
	Verdict Verdict
}

// NewGold makes the signed commit and the signed reveals (to publish
// later, one by one) for entries. Commitments are sorted, so their order
// says nothing about the records.
func NewGold(owner account.Signer, datanet cid.Cid, entries []GoldEntry, now time.Time) (*GoldCommit, []*GoldReveal, error) {
	if len(entries) == 0 || len(entries) > MaxGoldEntries {
		return nil, nil, fmt.Errorf("%w: %d gold entries, want 1..%d", ErrInvalid, len(entries), MaxGoldEntries)
	}
	c := &GoldCommit{Datanet: datanet, Owner: owner.Address(), CreatedAt: now.UnixMilli()}
	reveals := make([]*GoldReveal, len(entries))
	for i, e := range entries {
		r := &GoldReveal{Datanet: datanet, Record: e.Record, Verdict: e.Verdict, Owner: owner.Address()}
		if _, err := rand.Read(r.Salt[:]); err != nil {
			return nil, nil, err
		}
		sig, err := sign(owner, r.wire(false))
		if err != nil {
			return nil, nil, err
		}
		r.Signature = sig
		reveals[i] = r
		c.Commitments = append(c.Commitments, r.Commitment())
	}
	slices.SortFunc(c.Commitments, compare32)
	sig, err := sign(owner, c.wire(false))
	if err != nil {
		return nil, nil, err
	}
	c.Signature = sig
	return c, reveals, nil
}

func compare32(a, b [32]byte) int { return bytes.Compare(a[:], b[:]) }

// Validate checks the commit was signed by owner.
func (g *GoldCommit) Validate(owner common.Address) error {
	if g.Owner != owner {
		return fmt.Errorf("%w: gold commit by %s, not the owner", ErrNotAuthorized, g.Owner.Hex())
	}
	if len(g.Commitments) == 0 || len(g.Commitments) > MaxGoldEntries || g.CreatedAt <= 0 {
		return fmt.Errorf("%w: gold commit shape", ErrInvalid)
	}
	return verify(g.Owner, g.wire(false), g.Signature)
}

// Validate checks the reveal was signed by owner and opens one of the
// commitments in commits (all signed by owner; validate them first).
func (g *GoldReveal) Validate(owner common.Address, commits []*GoldCommit) error {
	if g.Owner != owner {
		return fmt.Errorf("%w: gold reveal by %s, not the owner", ErrNotAuthorized, g.Owner.Hex())
	}
	if !g.Verdict.Accept && g.Verdict.Label != "" {
		return fmt.Errorf("%w: a rejection carries no label", ErrInvalid)
	}
	if err := verify(g.Owner, g.wire(false), g.Signature); err != nil {
		return err
	}
	want := g.Commitment()
	for _, c := range commits {
		if c.Owner != owner || c.Datanet != g.Datanet {
			continue
		}
		if _, ok := slices.BinarySearchFunc(c.Commitments, want, compare32); ok {
			return nil
		}
	}
	return fmt.Errorf("%w: gold reveal for %s matches no commitment", ErrNotAuthorized, g.Record)
}

// EncodeGoldCommit and EncodeGoldReveal are the wire forms.
func EncodeGoldCommit(g *GoldCommit) ([]byte, error) {
	return encodeLimited(g.wire(true), MaxGoldBytes)
}

// EncodeGoldReveal is the wire form of a reveal.
func EncodeGoldReveal(g *GoldReveal) ([]byte, error) {
	return encodeLimited(g.wire(true), MaxTaskBytes)
}

func encodeLimited(v any, max int) ([]byte, error) {
	b, err := encMode.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if len(b) > max {
		return nil, fmt.Errorf("%w: %d bytes", ErrTooLarge, len(b))
	}
	return b, nil
}

// DecodeGoldCommit parses the wire form; call Validate.
func DecodeGoldCommit(b []byte) (*GoldCommit, error) {
	var w goldCommitWire
	if err := decodeStrict(b, MaxGoldBytes, &w); err != nil {
		return nil, err
	}
	g := &GoldCommit{CreatedAt: w.CreatedAt, Signature: w.Signature}
	var err error
	if g.Datanet, err = parseCID("datanet", w.Datanet); err != nil {
		return nil, err
	}
	if g.Owner, err = parseAddress("owner", w.Owner); err != nil {
		return nil, err
	}
	for _, c := range w.Commitments {
		if len(c) != 32 {
			return nil, fmt.Errorf("%w: commitment of %d bytes", ErrMalformed, len(c))
		}
		g.Commitments = append(g.Commitments, [32]byte(c))
	}
	if !slices.IsSortedFunc(g.Commitments, compare32) {
		return nil, fmt.Errorf("%w: commitments not sorted", ErrMalformed)
	}
	return g, nil
}

// DecodeGoldReveal parses the wire form; call Validate.
func DecodeGoldReveal(b []byte) (*GoldReveal, error) {
	var w goldRevealWire
	if err := decodeStrict(b, MaxTaskBytes, &w); err != nil {
		return nil, err
	}
	if len(w.Salt) != 32 {
		return nil, fmt.Errorf("%w: salt of %d bytes", ErrMalformed, len(w.Salt))
	}
	g := &GoldReveal{Verdict: Verdict{Accept: w.Accept, Label: w.Label}, Salt: [32]byte(w.Salt), Signature: w.Signature}
	var err error
	if g.Datanet, err = parseCID("datanet", w.Datanet); err != nil {
		return nil, err
	}
	if g.Record, err = parseCID("record", w.Record); err != nil {
		return nil, err
	}
	if g.Owner, err = parseAddress("owner", w.Owner); err != nil {
		return nil, err
	}
	return g, nil
}
