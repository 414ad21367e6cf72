package chain

import (
	"crypto/ecdsa"
	"encoding/binary"
	"fmt"

	"github.com/ethereum/go-ethereum/crypto"
)

// DevKeys derives n secp256k1 account keys from seed: key i is
// keccak256("provenet-dev-key" || seed || uint32be(i)), re-hashed in the
// negligible case that it is not a valid scalar. The same seed always
// gives the same keys, so devnet can print them and tests can rebuild
// them. Never use them on a real chain.
func DevKeys(seed string, n int) ([]*ecdsa.PrivateKey, error) {
	if n < 0 || n > 1<<16 {
		return nil, fmt.Errorf("%w: %d dev keys", ErrBadInput, n)
	}
	keys := make([]*ecdsa.PrivateKey, n)
	for i := range keys {
		var idx [4]byte
		binary.BigEndian.PutUint32(idx[:], uint32(i))
		h := crypto.Keccak256([]byte("provenet-dev-key"), []byte(seed), idx[:])
		for {
			k, err := crypto.ToECDSA(h)
			if err == nil {
				keys[i] = k
				break
			}
			h = crypto.Keccak256(h)
		}
	}
	return keys, nil
}
