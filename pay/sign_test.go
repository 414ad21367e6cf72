package pay

import (
	"bytes"
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/fxamacker/cbor/v2"
)

func testAuth(payer, op common.Address) Authorization {
	return Authorization{Payer: payer, Operator: op, Request: [32]byte{9, 9}, Model: ModelID("provenet-base"),
		Epoch: 3, PromptPrice: 1000, OutputPrice: 2000, MaxAmount: 1_000_000}
}

func TestSignRecover(t *testing.T) {
	payer, session := mustKey(t), mustKey(t)
	a := testAuth(payer.Address(), addr(1))
	sa, err := a.Sign(payer, testDomain)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := sa.Recover(testDomain); err != nil || got != payer.Address() {
		t.Fatalf("recover %s %v", got.Hex(), err)
	}
	// Another domain recovers to another address.
	if got, _ := sa.Recover(Domain{ChainID: 1, Escrow: testDomain.Escrow}); got == payer.Address() {
		t.Fatal("signature valid across domains")
	}
	// Tampering moves the signer.
	sa.MaxAmount++
	if got, _ := sa.Recover(testDomain); got == payer.Address() {
		t.Fatal("tampered authorization still recovers")
	}
	sa.Sig = sa.Sig[:10]
	if _, err := sa.Recover(testDomain); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("short sig: %v", err)
	}

	v := Voucher{Payer: payer.Address(), Operator: addr(1), Epoch: 3, Amount: 42}
	sv, err := v.Sign(session, testDomain)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := sv.Recover(testDomain)
	if err != nil || signer != session.Address() {
		t.Fatalf("voucher recover %s %v", signer.Hex(), err)
	}
	b := newBindings()
	if err := CheckSigner(signer, payer.Address(), b.PayerOf); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("unbound session key: %v", err)
	}
	b.payerOf[session.Address()] = payer.Address()
	if err := CheckSigner(signer, payer.Address(), b.PayerOf); err != nil {
		t.Fatalf("bound session key: %v", err)
	}
	if err := CheckSigner(signer, addr(7), b.PayerOf); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("bound to another payer: %v", err)
	}
	b.err = errors.New("rpc down")
	if err := CheckSigner(signer, payer.Address(), b.PayerOf); err == nil || errors.Is(err, ErrBadSignature) {
		t.Fatalf("failed lookup: %v", err)
	}
	if err := CheckSigner(payer.Address(), payer.Address(), nil); err != nil {
		t.Fatalf("payer itself: %v", err)
	}
	// A zero signer is never bound to the zero payer.
	if err := CheckSigner(addr(3), common.Address{}, newBindings().PayerOf); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("zero payer: %v", err)
	}
}

func TestSignedEncodingRoundTrip(t *testing.T) {
	k := mustKey(t)
	sa, _ := testAuth(k.Address(), addr(1)).Sign(k, testDomain)
	b, err := sa.Encode()
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeSignedAuthorization(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.Authorization != sa.Authorization || !bytes.Equal(got.Sig, sa.Sig) {
		t.Fatal("authorization changed in transit")
	}
	// The wire form is one flat map with the documented keys.
	var m map[string]any
	if err := cbor.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"payer", "op", "req", "model", "epoch", "pprice", "oprice", "max", "sig"} {
		if _, ok := m[k]; !ok {
			t.Errorf("key %q missing", k)
		}
	}
	if len(m) != 9 {
		t.Errorf("%d keys", len(m))
	}

	sv, _ := Voucher{Payer: k.Address(), Operator: addr(1), Epoch: 3, Amount: 42}.Sign(k, testDomain)
	vb, err := sv.Encode()
	if err != nil {
		t.Fatal(err)
	}
	gv, err := DecodeSignedVoucher(vb)
	if err != nil || gv.Voucher != sv.Voucher || !bytes.Equal(gv.Sig, sv.Sig) {
		t.Fatalf("voucher round trip: %v", err)
	}
	// Each decoder refuses the other's bytes.
	if _, err := DecodeSignedVoucher(b); !errors.Is(err, ErrMalformed) {
		t.Fatalf("authorization as voucher: %v", err)
	}
	if _, err := DecodeSignedAuthorization(vb); !errors.Is(err, ErrMalformed) {
		t.Fatalf("voucher as authorization: %v", err)
	}
}

func TestDecodeSignedStrict(t *testing.T) {
	k := mustKey(t)
	sa, _ := testAuth(k.Address(), addr(1)).Sign(k, testDomain)
	good, _ := sa.Encode()
	var m map[string]any
	if err := cbor.Unmarshal(good, &m); err != nil {
		t.Fatal(err)
	}
	enc := func(mut func(m map[string]any)) []byte {
		c := map[string]any{}
		for k, v := range m {
			c[k] = v
		}
		mut(c)
		b, err := encMode.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	unsorted, _ := cbor.EncOptions{Sort: cbor.SortNone}.EncMode()
	nonCanon, _ := unsorted.Marshal(sa)
	i := bytes.Index(good, []byte("epoch"))
	wideInt := append(append(append([]byte{}, good[:i+5]...), 0x18, 0x03), good[i+6:]...)
	cases := map[string][]byte{
		"empty":         nil,
		"trailing":      append(append([]byte{}, good...), 0),
		"too large":     make([]byte, MaxSignedBytes+1),
		"unknown field": enc(func(m map[string]any) { m["zz"] = 1 }),
		"missing sig":   enc(func(m map[string]any) { delete(m, "sig") }),
		"short sig":     enc(func(m map[string]any) { m["sig"] = []byte{1, 2} }),
		"short address": enc(func(m map[string]any) { m["payer"] = []byte{1, 2, 3} }),
		"zero payer":    enc(func(m map[string]any) { m["payer"] = make([]byte, 20) }),
		"zero operator": enc(func(m map[string]any) { m["op"] = make([]byte, 20) }),
		"negative":      enc(func(m map[string]any) { m["max"] = -1 }),
		"wide int":      wideInt,
		"not a map":     {0x80},
	}
	if !bytes.Equal(nonCanon, good) {
		cases["unsorted keys"] = nonCanon
	}
	for name, b := range cases {
		if _, err := DecodeSignedAuthorization(b); !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// Encode refuses what Decode would refuse.
	bad := sa
	bad.Sig = nil
	if _, err := bad.Encode(); !errors.Is(err, ErrMalformed) {
		t.Fatalf("encode unsigned: %v", err)
	}
}

func FuzzDecodeSignedAuthorization(f *testing.F) {
	k := mustKey(f)
	sa, _ := testAuth(k.Address(), addr(1)).Sign(k, testDomain)
	good, _ := sa.Encode()
	f.Add(good)
	f.Add([]byte{0xa0})
	f.Add(good[:len(good)-1])
	f.Fuzz(func(t *testing.T, data []byte) {
		sa, err := DecodeSignedAuthorization(data)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		again, err := sa.Encode()
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("accepted non-canonical bytes (%v)", err)
		}
		_, _ = sa.Recover(testDomain)
	})
}

func FuzzDecodeSignedVoucher(f *testing.F) {
	k := mustKey(f)
	sv, _ := Voucher{Payer: k.Address(), Operator: addr(1), Epoch: 3, Amount: 42}.Sign(k, testDomain)
	good, _ := sv.Encode()
	f.Add(good)
	f.Add([]byte{0xa0})
	f.Add(good[:len(good)-1])
	f.Fuzz(func(t *testing.T, data []byte) {
		sv, err := DecodeSignedVoucher(data)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		again, err := sv.Encode()
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("accepted non-canonical bytes (%v)", err)
		}
		_, _ = sv.Recover(testDomain)
	})
}
