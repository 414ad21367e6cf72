package datanet

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/account"
)

// Access is a signed Model Factory access message for a Datanet: a request
// (Kind AccessRequest: Address asks to train on the Datanet, signed by
// Address) or a grant (Kind AccessGrant: the Datanet's owner lets Address
// train on it until Expires, signed by the owner).
type Access struct {
	Kind    string `cbor:"kind"`
	Datanet string `cbor:"datanet"` // the Datanet's CID, as text
	Address []byte `cbor:"addr"`
	Expires int64  `cbor:"exp"` // unix milliseconds; grants only
	At      int64  `cbor:"at"`  // unix milliseconds, when it was signed
	Sig     []byte `cbor:"sig,omitempty"`
}

// The kinds of Access.
const (
	AccessRequest = "request"
	AccessGrant   = "grant"
)

// MaxAccessBytes is the size limit of an Access on the wire.
const MaxAccessBytes = 1024

// ErrAccess reports a malformed or badly signed access message. It wraps
// ErrInvalid.
var ErrAccess = fmt.Errorf("%w: access message", ErrInvalid)

// Digest is what is signed: keccak256 of the canonical encoding without
// the signature.
func (a Access) Digest() [32]byte {
	a.Sig = nil
	b, _ := encMode.Marshal(a)
	return crypto.Keccak256Hash(b)
}

// Sign signs a with k.
func (a *Access) Sign(k account.Signer) error {
	sig, err := k.SignDigest(a.Digest())
	a.Sig = sig
	return err
}

// Signer is the account that signed a.
func (a Access) Signer() (common.Address, error) { return account.Recover(a.Digest(), a.Sig) }

// Grantee is the address the message is about.
func (a Access) Grantee() common.Address { return common.BytesToAddress(a.Address) }

// DatanetID parses the Datanet's CID.
func (a Access) DatanetID() (cid.Cid, error) {
	c, err := cid.Decode(a.Datanet)
	if err != nil {
		return cid.Undef, fmt.Errorf("%w: datanet: %v", ErrAccess, err)
	}
	return c, nil
}

// Check validates a's shape and signature: a request must be signed by
// the address it names, a grant by owner, the Datanet's owner.
func (a Access) Check(owner common.Address) error {
	if len(a.Address) != common.AddressLength || (a.Kind != AccessGrant && a.Kind != AccessRequest) {
		return fmt.Errorf("%w: kind %q, address of %d bytes", ErrAccess, a.Kind, len(a.Address))
	}
	if _, err := a.DatanetID(); err != nil {
		return err
	}
	if a.At <= 0 || (a.Kind == AccessGrant && a.Expires <= a.At) {
		return fmt.Errorf("%w: signed at %d, expires %d", ErrAccess, a.At, a.Expires)
	}
	signer, err := a.Signer()
	if err != nil {
		return fmt.Errorf("%w: %v", ErrAccess, err)
	}
	want := owner
	if a.Kind == AccessRequest {
		want = a.Grantee()
	}
	if signer != want {
		return fmt.Errorf("%w: %s signed by %s, want %s", ErrAccess, a.Kind, signer.Hex(), want.Hex())
	}
	return nil
}

// EncodeAccess is the wire form.
func EncodeAccess(a Access) ([]byte, error) {
	b, err := encMode.Marshal(a)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrAccess, err)
	}
	if len(b) > MaxAccessBytes {
		return nil, fmt.Errorf("%w: %d bytes", ErrTooLarge, len(b))
	}
	return b, nil
}

// DecodeAccess parses the wire form strictly: one encoding only, no
// unknown or duplicate fields. Call Check.
func DecodeAccess(b []byte) (Access, error) {
	var a Access
	if err := decodeStrict(b, MaxAccessBytes, &a); err != nil {
		return Access{}, err
	}
	return a, nil
}
