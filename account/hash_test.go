package account

import (
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
)

func TestSignHashRecoverHash(t *testing.T) {
	k, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	h := crypto.Keccak256Hash([]byte("typed data"))
	sig, err := k.SignHash(h)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := RecoverHash(h, sig); err != nil || got != k.Address() {
		t.Fatalf("recover: %s %v", got.Hex(), err)
	}
	// No EIP-191 prefix: the raw ecrecover of the hash is the signer.
	raw := append([]byte(nil), sig...)
	raw[64] -= 27
	pub, err := crypto.SigToPub(h[:], raw)
	if err != nil || crypto.PubkeyToAddress(*pub) != k.Address() {
		t.Fatal("SignHash is not a plain signature of the hash")
	}
	// A personal-sign signature of the same digest recovers to another
	// address under RecoverHash.
	ps, _ := k.SignDigest(h)
	if got, err := RecoverHash(h, ps); err == nil && got == k.Address() {
		t.Fatal("an EIP-191 signature passed as a plain one")
	}
	// Malformed signatures.
	bad := map[string][]byte{"short": sig[:64], "v=1": append(append([]byte(nil), sig[:64]...), 1)}
	// The malleable twin (n - s, flipped v) is refused.
	n := crypto.S256().Params().N
	s := new(big.Int).SetBytes(sig[32:64])
	twin := append([]byte(nil), sig...)
	new(big.Int).Sub(n, s).FillBytes(twin[32:64])
	twin[64] ^= 1 // 27 <-> 28
	bad["high s"] = twin
	for name, b := range bad {
		if _, err := RecoverHash(h, b); !errors.Is(err, ErrBadSignature) {
			t.Errorf("%s: %v", name, err)
		}
	}
}
