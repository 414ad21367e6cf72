package tasks

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/internal/canon"
)

// Size limits of wire objects.
const (
	MaxTaskBytes   = 8 << 10
	MaxResultBytes = 64 << 10
	MaxGoldBytes   = 1 << 20
	MaxTargetBytes = 2048
	MaxProduced    = 1024
	MaxGoldEntries = 10000
)

// The CBOR modes are immutable and safe for concurrent use; they are built
// once by internal/canon, as in packages attribution, datanet and pay.
var (
	encMode = canon.ObjectEncMode()
	decMode = canon.DecMode(canon.Limits{MaxArrayElements: MaxGoldEntries, MaxMapPairs: 32, MaxNestedLevels: 4})
)

// ID is a keccak256 hash identifying a task, result or gold object.
type ID [32]byte

// String is the 0x-prefixed hex form.
func (id ID) String() string { return common.Hash(id).Hex() }

// ParseID parses the hex form.
func ParseID(s string) (ID, error) {
	b := common.FromHex(s)
	if len(b) != 32 {
		return ID{}, fmt.Errorf("%w: id %q", ErrMalformed, s)
	}
	return ID(b), nil
}

// digest is what gets signed: keccak256 of the canonical encoding of the
// unsigned object.
func digest(v any) ([32]byte, error) {
	b, err := encMode.Marshal(v)
	if err != nil {
		return [32]byte{}, fmt.Errorf("%w: encode: %v", ErrInvalid, err)
	}
	return crypto.Keccak256Hash(b), nil
}

func sign(s account.Signer, v any) ([]byte, error) {
	d, err := digest(v)
	if err != nil {
		return nil, err
	}
	return s.SignDigest(d)
}

func verify(want common.Address, v any, sig []byte) error {
	d, err := digest(v)
	if err != nil {
		return err
	}
	if err := account.Verify(want, d, sig); err != nil {
		return fmt.Errorf("%w: %w", ErrBadSignature, err)
	}
	return nil
}

func cidBytes(c cid.Cid) []byte {
	if !c.Defined() {
		return nil
	}
	return c.Bytes()
}

func parseCID(field string, b []byte) (cid.Cid, error) {
	if len(b) == 0 {
		return cid.Undef, nil
	}
	c, err := cid.Cast(b)
	if err != nil {
		return cid.Undef, fmt.Errorf("%w: %s: %v", ErrMalformed, field, err)
	}
	return c, nil
}

func parseAddress(field string, b []byte) (common.Address, error) {
	if len(b) != common.AddressLength {
		return common.Address{}, fmt.Errorf("%w: %s: %d bytes", ErrMalformed, field, len(b))
	}
	return common.BytesToAddress(b), nil
}

func keccak(b []byte) [32]byte { return crypto.Keccak256Hash(b) }

// strict is the one-encoding check (internal/canon) with this package's
// modes and errors.
var strict = canon.Strict{Enc: encMode, Dec: decMode, TooLarge: ErrTooLarge, Malformed: ErrMalformed}

func decodeStrict(data []byte, maxLen int, v any) error { return strict.Decode(data, maxLen, v) }
