package account

import (
	"crypto/ecdsa"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// SignatureLen is the length of an account signature: r || s || v, v in {27, 28}.
const SignatureLen = 65

var (
	// ErrBadSignature reports a signature that is malformed or was not made
	// by the expected address.
	ErrBadSignature = errors.New("account: bad signature")
	// ErrKeyFile reports an unreadable or malformed key file.
	ErrKeyFile = errors.New("account: bad key file")
)

// Signer signs 32-byte digests with an account key.
type Signer interface {
	Address() common.Address
	SignDigest(digest [32]byte) ([]byte, error)
}

// Key is a secp256k1 account key.
type Key struct {
	priv *ecdsa.PrivateKey
	addr common.Address
}

var _ Signer = (*Key)(nil)

// Generate creates a new random key.
func Generate() (*Key, error) {
	priv, err := crypto.GenerateKey()
	if err != nil {
		return nil, fmt.Errorf("account: generate: %w", err)
	}
	return FromECDSA(priv), nil
}

// FromECDSA wraps an existing private key.
func FromECDSA(priv *ecdsa.PrivateKey) *Key {
	return &Key{priv: priv, addr: crypto.PubkeyToAddress(priv.PublicKey)}
}

// FromHex parses a hex-encoded private key (with or without 0x).
func FromHex(s string) (*Key, error) {
	priv, err := crypto.HexToECDSA(strings.TrimPrefix(strings.TrimSpace(s), "0x"))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrKeyFile, err)
	}
	return FromECDSA(priv), nil
}

// Load reads a key written by Save.
func Load(path string) (*Key, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrKeyFile, err)
	}
	return FromHex(string(b))
}

// Save writes the key as hex with mode 0600. It refuses to overwrite a file.
func (k *Key) Save(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("account: save key: %w", err)
	}
	_, werr := f.WriteString(hex.EncodeToString(crypto.FromECDSA(k.priv)) + "\n")
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	return werr
}

// Address is the key's EVM address.
func (k *Key) Address() common.Address { return k.addr }

// PrivateKey exposes the key for transaction signing.
func (k *Key) PrivateKey() *ecdsa.PrivateKey { return k.priv }

// SignDigest signs digest with EIP-191 personal-sign. V is 27 or 28.
func (k *Key) SignDigest(digest [32]byte) ([]byte, error) {
	sig, err := crypto.Sign(accounts.TextHash(digest[:]), k.priv)
	if err != nil {
		return nil, fmt.Errorf("account: sign: %w", err)
	}
	sig[64] += 27
	return sig, nil
}

// Recover returns the address that made sig over digest.
func Recover(digest [32]byte, sig []byte) (common.Address, error) {
	if len(sig) != SignatureLen {
		return common.Address{}, fmt.Errorf("%w: length %d, want %d", ErrBadSignature, len(sig), SignatureLen)
	}
	if sig[64] != 27 && sig[64] != 28 {
		return common.Address{}, fmt.Errorf("%w: v=%d", ErrBadSignature, sig[64])
	}
	s := make([]byte, SignatureLen)
	copy(s, sig)
	s[64] -= 27
	pub, err := crypto.SigToPub(accounts.TextHash(digest[:]), s)
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	return crypto.PubkeyToAddress(*pub), nil
}

// Verify checks that sig over digest was made by want.
func Verify(want common.Address, digest [32]byte, sig []byte) error {
	got, err := Recover(digest, sig)
	if err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("%w: signed by %s, want %s", ErrBadSignature, got.Hex(), want.Hex())
	}
	return nil
}
