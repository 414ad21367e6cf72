package tasks

import (
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/account"
)

// Presence is a worker's signed announcement: the binding of its network
// identity (a libp2p peer ID, as bytes: this package knows no transport)
// to its account address, and the roles it works in. The live workers,
// those heard from recently, are the set that Holders hashes over.
type Presence struct {
	Peer      []byte
	Address   common.Address
	Roles     []string
	At        int64 // unix milliseconds, signed
	Signature []byte
}

// Limits of a presence announcement.
const (
	MaxPresenceBytes = 1024
	MaxRoles         = 16
	maxPeerBytes     = 128
)

type presenceWire struct {
	Peer      []byte   `cbor:"peer"`
	Address   []byte   `cbor:"addr"`
	Roles     []string `cbor:"roles"`
	At        int64    `cbor:"at"`
	Signature []byte   `cbor:"sig,omitempty"`
}

func (p *Presence) wire(withSig bool) presenceWire {
	w := presenceWire{Peer: p.Peer, Address: p.Address.Bytes(), Roles: p.Roles, At: p.At}
	if withSig {
		w.Signature = p.Signature
	}
	return w
}

// NewPresence signs an announcement of peer, for k's address, at now.
func NewPresence(k account.Signer, peer []byte, roles []string, now time.Time) (*Presence, error) {
	p := &Presence{Peer: peer, Address: k.Address(), Roles: roles, At: now.UnixMilli()}
	if err := p.check(); err != nil {
		return nil, err
	}
	sig, err := sign(k, p.wire(false))
	if err != nil {
		return nil, err
	}
	p.Signature = sig
	return p, nil
}

func (p *Presence) check() error {
	switch {
	case len(p.Peer) == 0 || len(p.Peer) > maxPeerBytes:
		return fmt.Errorf("%w: presence peer of %d bytes", ErrInvalid, len(p.Peer))
	case len(p.Roles) > MaxRoles:
		return fmt.Errorf("%w: %d roles, limit %d", ErrInvalid, len(p.Roles), MaxRoles)
	case p.At <= 0:
		return fmt.Errorf("%w: presence time %d", ErrInvalid, p.At)
	}
	return nil
}

// EncodePresence is the wire form.
func EncodePresence(p *Presence) ([]byte, error) {
	return encodeLimited(p.wire(true), MaxPresenceBytes)
}

// DecodePresence parses the wire form strictly (one encoding only) and
// checks that the announcement is well formed and signed by its address.
// Whether its peer is the one that sent it is the transport's to check.
func DecodePresence(b []byte) (*Presence, error) {
	var w presenceWire
	if err := decodeStrict(b, MaxPresenceBytes, &w); err != nil {
		return nil, err
	}
	addr, err := parseAddress("addr", w.Address)
	if err != nil {
		return nil, err
	}
	p := &Presence{Peer: w.Peer, Address: addr, Roles: w.Roles, At: w.At, Signature: w.Signature}
	if err := p.check(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	if err := verify(addr, p.wire(false), p.Signature); err != nil {
		return nil, err
	}
	return p, nil
}
