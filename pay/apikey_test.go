package pay

import (
	"crypto/sha256"
	"errors"
	"strings"
	"testing"
)

func TestAPIKeyRoundTrip(t *testing.T) {
	key, signer, err := NewAPIKey()
	if err != nil {
		t.Fatal(err)
	}
	if len(key) != 68 || !strings.HasPrefix(key, "pvn-") || strings.ToLower(key) != key {
		t.Fatalf("key format %q", key)
	}
	k, err := ParseAPIKey(key)
	if err != nil {
		t.Fatal(err)
	}
	if k.Address() != signer.Address() {
		t.Fatal("parsed key signs for another address")
	}
	if KeyHash(key) != sha256.Sum256([]byte(key)) {
		t.Fatal("KeyHash is not sha256 of the key")
	}
	other, _, _ := NewAPIKey()
	if other == key || KeyHash(other) == KeyHash(key) {
		t.Fatal("two keys alike")
	}
}

func TestParseAPIKeyRefusesMalformed(t *testing.T) {
	key, _, _ := NewAPIKey()
	hexPart := key[4:]
	bad := map[string]string{
		"empty":        "",
		"prefix only":  "pvn-",
		"no prefix":    hexPart,
		"other prefix": "pvx-" + hexPart,
		"upper hex":    "pvn-" + strings.ToUpper(hexPart),
		"upper prefix": "PVN-" + hexPart,
		"short":        key[:67],
		"long":         key + "0",
		"non-hex":      "pvn-" + hexPart[:63] + "g",
		"0x":           "pvn-0x" + hexPart[2:],
		"space":        " " + key[1:],
		"zero":         "pvn-" + strings.Repeat("0", 64),
		"order":        "pvn-fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
		"above order":  "pvn-" + strings.Repeat("f", 64),
		"unicode":      "pvn-" + hexPart[:62] + "é",
	}
	for name, k := range bad {
		got, err := ParseAPIKey(k)
		if !errors.Is(err, ErrInvalidAPIKey) || got != nil {
			t.Errorf("%s: %v", name, err)
		}
		if err != nil && len(k) > 8 && strings.Contains(err.Error(), k[4:]) {
			t.Errorf("%s: the error repeats the key", name)
		}
	}
	// The largest valid secret (order - 1) parses.
	if _, err := ParseAPIKey("pvn-fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140"); err != nil {
		t.Fatal(err)
	}
}

func FuzzParseAPIKey(f *testing.F) {
	key, _, _ := NewAPIKey()
	f.Add(key)
	f.Add("pvn-")
	f.Add("pvn-" + strings.Repeat("0", 64))
	f.Fuzz(func(t *testing.T, s string) {
		k, err := ParseAPIKey(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidAPIKey) || k != nil {
				t.Fatalf("error %v with key %v", err, k)
			}
			return
		}
		// Accepted keys are exactly the canonical form of their secret.
		if len(s) != 68 || strings.ToLower(s) != s || !strings.HasPrefix(s, "pvn-") {
			t.Fatalf("accepted %q", s)
		}
	})
}
