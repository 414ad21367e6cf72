package account

import (
	"bytes"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// HashSigner signs a 32-byte hash as it is, with no EIP-191 prefix: the
// form of EIP-712 typed-data signatures (eth_signTypedData_v4), which a
// contract checks with ecrecover on the typed-data digest itself. *Key is
// one; a wallet or a remote signer may be another.
type HashSigner interface {
	Address() common.Address
	SignHash(hash [32]byte) ([]byte, error)
}

var _ HashSigner = (*Key)(nil)

// secp256k1HalfN is the order of secp256k1 divided by 2, big-endian: the
// largest s of a canonical (low-s) signature, as EIP-2 and OpenZeppelin's
// ECDSA.recover require.
var secp256k1HalfN = common.FromHex("0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0")

// SignHash signs hash itself (no EIP-191 prefix). The signature is r || s
// || v with a low s and v in {27, 28}.
func (k *Key) SignHash(hash [32]byte) ([]byte, error) {
	sig, err := crypto.Sign(hash[:], k.priv)
	if err != nil {
		return nil, fmt.Errorf("account: sign: %w", err)
	}
	sig[64] += 27
	return sig, nil
}

// RecoverHash returns the address that signed hash itself (SignHash). It
// accepts what OpenZeppelin's ECDSA.recover accepts, less the 0/1 form of
// v: SignatureLen bytes, v in {27, 28}, s at most half the curve order.
// Anything else is ErrBadSignature.
func RecoverHash(hash [32]byte, sig []byte) (common.Address, error) {
	if len(sig) != SignatureLen {
		return common.Address{}, fmt.Errorf("%w: length %d, want %d", ErrBadSignature, len(sig), SignatureLen)
	}
	if sig[64] != 27 && sig[64] != 28 {
		return common.Address{}, fmt.Errorf("%w: v=%d", ErrBadSignature, sig[64])
	}
	if bytes.Compare(sig[32:64], secp256k1HalfN) > 0 {
		return common.Address{}, fmt.Errorf("%w: high s", ErrBadSignature)
	}
	var s [SignatureLen]byte
	copy(s[:], sig)
	s[64] -= 27
	pub, err := crypto.Ecrecover(hash[:], s[:])
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	var addr common.Address
	h := crypto.Keccak256Hash(pub[1:])
	copy(addr[:], h[12:])
	return addr, nil
}
