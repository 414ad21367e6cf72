package datanet

import (
	"bytes"
	"errors"
	"testing"

	"github.com/provenet/provenet/account"
)

func signedAccess(t testing.TB, k *account.Key, kind string, addr []byte) Access {
	t.Helper()
	a := Access{Kind: kind, Datanet: newTestDatanet(t, "access", nil).ID().String(), Address: addr, At: 1_790_000_000_000, Expires: 1_790_000_100_000}
	if err := a.Sign(k); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestAccessCheck(t *testing.T) {
	owner, _ := account.Generate()
	user, _ := account.Generate()
	grant := signedAccess(t, owner, AccessGrant, user.Address().Bytes())
	if err := grant.Check(owner.Address()); err != nil {
		t.Fatalf("owner's grant: %v", err)
	}
	if err := grant.Check(user.Address()); !errors.Is(err, ErrAccess) {
		t.Fatalf("grant checked against another owner: %v", err)
	}
	req := signedAccess(t, user, AccessRequest, user.Address().Bytes())
	if err := req.Check(owner.Address()); err != nil {
		t.Fatalf("own request: %v", err)
	}
	forged := signedAccess(t, owner, AccessRequest, user.Address().Bytes())
	if err := forged.Check(owner.Address()); !errors.Is(err, ErrAccess) {
		t.Fatalf("a request for someone else: %v", err)
	}
	expired := grant
	expired.Expires = expired.At - 1
	expired.Sign(owner)
	if err := expired.Check(owner.Address()); !errors.Is(err, ErrAccess) || !errors.Is(err, ErrInvalid) {
		t.Fatalf("grant that expires before it is signed: %v", err)
	}
	b, _ := EncodeAccess(grant)
	got, err := DecodeAccess(b)
	if err != nil || got.Check(owner.Address()) != nil {
		t.Fatalf("round trip: %v", err)
	}
	if _, err := DecodeAccess(append(b, 0)); !errors.Is(err, ErrMalformed) {
		t.Fatalf("trailing byte: %v", err)
	}
}

// FuzzAccess: no input panics; what decodes re-encodes to its bytes.
func FuzzAccess(f *testing.F) {
	k, _ := account.Generate()
	b, _ := EncodeAccess(signedAccess(f, k, AccessGrant, k.Address().Bytes()))
	f.Add(b)
	f.Add([]byte{0xa0})
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := DecodeAccess(data)
		if err != nil {
			return
		}
		again, err := EncodeAccess(a)
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("decoded access does not re-encode to its bytes: %v", err)
		}
	})
}
