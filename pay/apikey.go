package pay

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/provenet/provenet/account"
)

// APIKeyPrefix starts every API key.
const APIKeyPrefix = "pvn-"

// apiKeyLen is the length of an API key: the prefix and 64 lower-case hex
// characters of a secp256k1 secret.
const apiKeyLen = len(APIKeyPrefix) + 64

// NewAPIKey creates an API key that carries a fresh session signing key:
// "pvn-" followed by the 64 lower-case hex characters of the secret. The
// holder of the key signs authorizations and vouchers with signer; the
// payer authorises signer.Address() on the escrow (authorizeSigner), so
// that its signatures count as the payer's.
func NewAPIKey() (key string, signer *account.Key, err error) {
	k, err := account.Generate()
	if err != nil {
		return "", nil, err
	}
	return APIKeyPrefix + hex.EncodeToString(crypto.FromECDSA(k.PrivateKey())), k, nil
}

// ParseAPIKey returns the session key an API key carries. Anything but
// exactly "pvn-" and 64 lower-case hex characters of a valid secp256k1
// secret is ErrInvalidAPIKey; the message never repeats the key.
func ParseAPIKey(key string) (*account.Key, error) {
	if len(key) != apiKeyLen || !strings.HasPrefix(key, APIKeyPrefix) {
		return nil, fmt.Errorf("%w: want %q and 64 hex characters", ErrInvalidAPIKey, APIKeyPrefix)
	}
	hexPart := key[len(APIKeyPrefix):]
	for i := 0; i < len(hexPart); i++ {
		if c := hexPart[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return nil, fmt.Errorf("%w: not lower-case hex", ErrInvalidAPIKey)
		}
	}
	secret, err := hex.DecodeString(hexPart)
	if err != nil {
		return nil, fmt.Errorf("%w: not hex", ErrInvalidAPIKey)
	}
	priv, err := crypto.ToECDSA(secret) // refuses 0 and values >= the curve order
	if err != nil {
		return nil, fmt.Errorf("%w: not a secp256k1 secret", ErrInvalidAPIKey)
	}
	return account.FromECDSA(priv), nil
}

// KeyHash is what a node stores of an API key: sha256 of the key string.
// It identifies the key without letting the node sign with it.
func KeyHash(key string) [32]byte { return sha256.Sum256([]byte(key)) }
