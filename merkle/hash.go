package merkle

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// ErrValueRange is returned when a value does not fit a uint256.
var ErrValueRange = errors.New("merkle: value out of uint256 range")

// hasher is a reusable keccak256 state. It is not safe for concurrent use.
type hasher struct {
	st  crypto.KeccakState
	buf [64]byte
}

func newHasher() *hasher { return &hasher{st: crypto.NewKeccakState()} }

func (h *hasher) sum(out *[32]byte, data []byte) {
	h.st.Reset()
	h.st.Write(data)
	h.st.Read(out[:])
}

// leaf sets out to keccak256(keccak256(encoded)).
func (h *hasher) leaf(out *[32]byte, encoded []byte) {
	h.sum(out, encoded)
	h.sum(out, out[:])
}

// pair sets out to the commutative hash of a and b.
func (h *hasher) pair(out, a, b *[32]byte) {
	if bytes.Compare(a[:], b[:]) <= 0 {
		copy(h.buf[:32], a[:])
		copy(h.buf[32:], b[:])
	} else {
		copy(h.buf[:32], b[:])
		copy(h.buf[32:], a[:])
	}
	h.sum(out, h.buf[:])
}

// Keccak256 returns the keccak256 hash of the concatenation of data.
func Keccak256(data ...[]byte) [32]byte {
	return crypto.Keccak256Hash(data...)
}

// LeafHash returns the StandardMerkleTree leaf for an abi.encode'd value
// tuple: keccak256(bytes.concat(keccak256(encoded))).
func LeafHash(encoded []byte) [32]byte {
	inner := crypto.Keccak256Hash(encoded)
	return crypto.Keccak256Hash(inner[:])
}

// HashPair returns keccak256 of a and b concatenated in ascending order, as
// MerkleProof.sol's commutative _hashPair. HashPair(a, b) == HashPair(b, a).
func HashPair(a, b [32]byte) [32]byte {
	if bytes.Compare(a[:], b[:]) > 0 {
		a, b = b, a
	}
	return crypto.Keccak256Hash(a[:], b[:])
}

// AppendUint256 appends the 32-byte big-endian abi.encode word of v to dst.
// It fails with ErrValueRange when v is nil, negative or wider than 256 bits.
func AppendUint256(dst []byte, v *big.Int) ([]byte, error) {
	if v == nil || v.Sign() < 0 || v.BitLen() > 256 {
		return dst, fmt.Errorf("%w: %v", ErrValueRange, v)
	}
	var w [32]byte
	v.FillBytes(w[:])
	return append(dst, w[:]...), nil
}

// AppendUint64 appends v as a 32-byte big-endian abi.encode uint256 word.
func AppendUint64(dst []byte, v uint64) []byte {
	var w [32]byte
	binary.BigEndian.PutUint64(w[24:], v)
	return append(dst, w[:]...)
}

// AppendAddress appends a as a 32-byte abi.encode address word (12 zero
// bytes, then the 20 address bytes).
func AppendAddress(dst []byte, a common.Address) []byte {
	var w [32]byte
	copy(w[12:], a[:])
	return append(dst, w[:]...)
}

// EncodeAddressUint256s returns abi.encode(addr, vals...) with every value
// typed uint256. It fails with ErrValueRange when a value is nil, negative or
// wider than 256 bits.
func EncodeAddressUint256s(addr common.Address, vals ...*big.Int) ([]byte, error) {
	out := AppendAddress(make([]byte, 0, 32*(1+len(vals))), addr)
	for _, v := range vals {
		var err error
		if out, err = AppendUint256(out, v); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// EncodeAddressUint64s returns abi.encode(addr, vals...) with every value
// typed uint256.
func EncodeAddressUint64s(addr common.Address, vals ...uint64) []byte {
	out := AppendAddress(make([]byte, 0, 32*(1+len(vals))), addr)
	for _, v := range vals {
		out = AppendUint64(out, v)
	}
	return out
}

// ProcessProof returns the root obtained by hashing leaf up the proof, as
// MerkleProof.sol's processProof.
func ProcessProof(proof [][32]byte, leaf [32]byte) [32]byte {
	h := newHasher()
	cur := leaf
	for i := range proof {
		h.pair(&cur, &cur, &proof[i])
	}
	return cur
}

// Verify reports whether proof proves leaf under root, as MerkleProof.sol's
// verify.
func Verify(proof [][32]byte, root, leaf [32]byte) bool {
	return ProcessProof(proof, leaf) == root
}
