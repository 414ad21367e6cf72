package tasks

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/provenet/provenet/account"
)

func TestPresenceRoundTrip(t *testing.T) {
	k, _ := account.Generate()
	p, err := NewPresence(k, []byte("peer-id"), []string{"edge", "worker"}, time.UnixMilli(1_790_000_000_000))
	if err != nil {
		t.Fatal(err)
	}
	b, err := EncodePresence(p)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodePresence(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.Address != k.Address() || !bytes.Equal(got.Peer, p.Peer) || got.At != p.At || len(got.Roles) != 2 {
		t.Fatalf("round trip: got %+v, want %+v", got, p)
	}
}

func TestPresenceRejects(t *testing.T) {
	k, _ := account.Generate()
	other, _ := account.Generate()
	p, _ := NewPresence(k, []byte("peer-id"), []string{"edge"}, time.UnixMilli(1_790_000_000_000))
	forged := *p
	forged.Address = other.Address() // claims another address with k's signature
	fb, _ := EncodePresence(&forged)
	good, _ := EncodePresence(p)
	long := append(append([]byte{}, good...), 0x00) // trailing byte: not the canonical encoding
	for name, c := range map[string]struct {
		b    []byte
		want error
	}{
		"forged address": {fb, ErrBadSignature},
		"trailing byte":  {long, ErrMalformed},
		"empty map":      {[]byte{0xa0}, ErrMalformed},
		"too large":      {make([]byte, MaxPresenceBytes+1), ErrTooLarge},
	} {
		if _, err := DecodePresence(c.b); !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", name, err, c.want)
		}
	}
	if _, err := NewPresence(k, nil, nil, time.Now()); !errors.Is(err, ErrInvalid) {
		t.Errorf("no peer: got %v, want ErrInvalid", err)
	}
}

// FuzzPresence: no input panics, and whatever decodes verifies and
// re-encodes to the same bytes.
func FuzzPresence(f *testing.F) {
	k, _ := account.Generate()
	p, _ := NewPresence(k, []byte("peer"), []string{"edge", "worker"}, time.UnixMilli(1_790_000_000_000))
	b, _ := EncodePresence(p)
	f.Add(b)
	f.Add([]byte{0xa0})
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := DecodePresence(data)
		if err != nil {
			return
		}
		again, err := EncodePresence(p)
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("decoded presence does not re-encode to its bytes: %v", err)
		}
	})
}
