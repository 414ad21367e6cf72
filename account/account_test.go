package account

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
)

func TestSignRecoverRoundTrip(t *testing.T) {
	k, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	digest := crypto.Keccak256Hash([]byte("hello"))
	sig, err := k.SignDigest(digest)
	if err != nil {
		t.Fatal(err)
	}
	if err := Verify(k.Address(), digest, sig); err != nil {
		t.Fatalf("verify: %v", err)
	}
	other, _ := Generate()
	if err := Verify(other.Address(), digest, sig); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("verify with wrong address: got %v, want ErrBadSignature", err)
	}
	sig[10] ^= 0xff
	if err := Verify(k.Address(), digest, sig); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("verify tampered: got %v, want ErrBadSignature", err)
	}
	if _, err := Recover(digest, sig[:64]); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("short sig: got %v", err)
	}
}

// The address derivation matches the well-known web3 documentation vector.
func TestAddressMatchesKnownVector(t *testing.T) {
	k, err := FromHex("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := k.Address().Hex(), "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23"; got != want {
		t.Fatalf("address %s, want %s", got, want)
	}
}

// The signed hash is exactly what Solidity's ECDSA.toEthSignedMessageHash
// computes, keccak256("\x19Ethereum Signed Message:\n32" || digest), so
// that contracts can ecrecover our signatures.
func TestSignatureIsEIP191OverDigest(t *testing.T) {
	k, _ := Generate()
	digest := crypto.Keccak256Hash([]byte("payload"))
	sig, err := k.SignDigest(digest)
	if err != nil {
		t.Fatal(err)
	}
	prefixed := crypto.Keccak256(append([]byte("\x19Ethereum Signed Message:\n32"), digest[:]...))
	raw := append([]byte(nil), sig...)
	raw[64] -= 27
	pub, err := crypto.SigToPub(prefixed, raw)
	if err != nil {
		t.Fatal(err)
	}
	if crypto.PubkeyToAddress(*pub) != k.Address() {
		t.Fatal("signature does not recover over the EIP-191 prefixed hash")
	}
}

func TestSaveLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "account.key")
	k, _ := Generate()
	if err := k.Save(path); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", st.Mode().Perm())
	}
	if err := k.Save(path); err == nil {
		t.Fatal("Save overwrote an existing key")
	}
	k2, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if k2.Address() != k.Address() {
		t.Fatal("address changed across save/load")
	}
	if _, err := Load(filepath.Join(dir, "missing")); !errors.Is(err, ErrKeyFile) {
		t.Fatalf("missing file: %v", err)
	}
}
