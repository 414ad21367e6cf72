package attribution

import (
	"bytes"
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/fxamacker/cbor/v2"
)

func TestReceiptSignVerifyRoundTrip(t *testing.T) {
	k := testKey(t)
	r := testReceipt(k.Address(), 1)
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	id0, err := r.ID()
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Sign(k); err != nil {
		t.Fatal(err)
	}
	if id1, _ := r.ID(); id1 != id0 {
		t.Fatal("signing changed the ID")
	}
	if got, err := r.Verify(); err != nil || got != k.Address() {
		t.Fatalf("verify: %v %v", got, err)
	}
	b, err := r.Encode()
	if err != nil {
		t.Fatal(err)
	}
	d, err := DecodeReceipt(b)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Verify(); err != nil {
		t.Fatal(err)
	}
	b2, _ := d.Encode()
	if !bytes.Equal(b, b2) {
		t.Fatal("re-encoding differs")
	}
	// Tampering breaks the signature.
	d.Fee++
	if _, err := d.Verify(); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("tampered: %v", err)
	}
	// A signer other than the operator is refused.
	other := testReceipt(testAddr(99), 1)
	if err := other.Sign(k); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("wrong signer: %v", err)
	}
	other.Sig = r.Sig
	if _, err := other.Verify(); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("foreign sig: %v", err)
	}
}

func TestDecodeReceiptStrict(t *testing.T) {
	k := testKey(t)
	r := testReceipt(k.Address(), 2)
	if err := r.Sign(k); err != nil {
		t.Fatal(err)
	}
	good, _ := r.Encode()

	mustFail := func(name string, b []byte) {
		t.Helper()
		if _, err := DecodeReceipt(b); !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: err %v", name, err)
		}
	}
	mustFail("trailing", append(append([]byte{}, good...), 0))
	mustFail("empty", nil)
	mustFail("too large", make([]byte, MaxReceiptBytes+1))

	// Unknown field.
	var m map[string]any
	if err := cbor.Unmarshal(good, &m); err != nil {
		t.Fatal(err)
	}
	m["zz"] = 1
	b, _ := encMode.Marshal(m)
	mustFail("unknown field", b)

	// Non-canonical: a map with keys in a non-canonical order.
	em, _ := cbor.EncOptions{Sort: cbor.SortNone}.EncMode()
	b, _ = em.Marshal(r)
	if !bytes.Equal(b, good) {
		mustFail("unsorted keys", b)
	}
	// Non-canonical integer: epoch 7 as a two-byte uint.
	i := bytes.Index(good, []byte("epoch"))
	nc := append(append(append([]byte{}, good[:i+5]...), 0x18, 0x07), good[i+6:]...)
	mustFail("wide int", nc)
	// Explicit zero for an omitempty field.
	delete(m, "zz")
	m["sig"] = []byte{}
	b, _ = encMode.Marshal(m)
	mustFail("empty sig", b)
	// Address of the wrong length.
	m["sig"] = r.Sig
	m["op"] = []byte{1, 2, 3}
	b, _ = encMode.Marshal(m)
	mustFail("short address", b)
}

func TestValidate(t *testing.T) {
	op := testAddr(5)
	cases := map[string]func(r *Receipt){
		"version":         func(r *Receipt) { r.Version = 1 },
		"payerless auth":  func(r *Receipt) { r.Payer = common.Address{} },
		"time":            func(r *Receipt) { r.Time = 0 },
		"request":         func(r *Receipt) { r.RequestID = "" },
		"base cid":        func(r *Receipt) { r.Base.CID = "nope" },
		"base owner":      func(r *Receipt) { r.Base.Owner = common.Address{} },
		"operator":        func(r *Receipt) { r.Operator = common.Address{} },
		"tokens":          func(r *Receipt) { r.PromptTokens, r.OutputTokens = 0, 0 },
		"tokens big":      func(r *Receipt) { r.OutputTokens = MaxTokens + 1 },
		"fee":             func(r *Receipt) { r.Fee++ },
		"record order":    func(r *Receipt) { r.Records[0], r.Records[1] = r.Records[1], r.Records[0] },
		"record dup":      func(r *Receipt) { r.Records[1] = r.Records[0] },
		"record sum":      func(r *Receipt) { r.Records[0].Weight = WeightScale },
		"record zero":     func(r *Receipt) { r.Records[0].Contributor = common.Address{} },
		"adapter sum":     func(r *Receipt) { r.Adapters[0].Weight = WeightScale + 1 },
		"citation count":  func(r *Receipt) { r.Citations[0].Count = 0 },
		"sig length":      func(r *Receipt) { r.Sig = []byte{1} },
		"noncanonical id": func(r *Receipt) { r.Records[0].Datanet = "B" + r.Records[0].Datanet[1:] },
		"too many": func(r *Receipt) {
			r.Citations = make([]Citation, MaxCitations+1)
		},
	}
	for name, mutate := range cases {
		r := testReceipt(op, 3)
		mutate(r)
		if err := r.Validate(); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestCheckEpochAndSeen(t *testing.T) {
	r := testReceipt(testAddr(5), 4)
	r.Epoch = 10
	if err := CheckEpoch(r, 10, 2); err != nil {
		t.Fatal(err)
	}
	if err := CheckEpoch(r, 12, 2); err != nil {
		t.Fatal(err)
	}
	if err := CheckEpoch(r, 13, 2); !errors.Is(err, ErrStaleEpoch) {
		t.Fatal(err)
	}
	if err := CheckEpoch(r, 9, 2); !errors.Is(err, ErrFutureEpoch) {
		t.Fatal(err)
	}
	s := NewSeen()
	id, _ := r.ID()
	if !s.Add(id, 10) || s.Add(id, 10) || !s.Has(id) {
		t.Fatal("seen add/has")
	}
	s.Prune(10)
	if !s.Has(id) {
		t.Fatal("pruned too early")
	}
	s.Prune(11)
	if s.Has(id) || s.Len() != 0 {
		t.Fatal("not pruned")
	}
}

// TestLeafEncoding checks the leaf against go-ethereum's ABI encoder.
func TestLeafEncoding(t *testing.T) {
	r := testReceipt(testAddr(5), 5)
	id, _ := r.ID()
	enc := appendLeafEncoding(nil, id, r.Operator, r.Epoch, r.Fee)
	want := abiEncodeLeaf(t, id, r.Operator, r.Epoch, r.Fee)
	if !bytes.Equal(enc, want) {
		t.Fatalf("abi.encode mismatch:\n%x\n%x", enc, want)
	}
	leaf, _ := r.Leaf()
	inner := keccak(want)
	if leaf != keccak(inner[:]) {
		t.Fatal("leaf is not keccak256(bytes.concat(keccak256(abi.encode(...))))")
	}
}

// A version 1 receipt (one PricePer1k, no payer or authorization) is
// refused with ErrVersion, not just as an unknown field.
func TestDecodeReceiptRefusesVersion1(t *testing.T) {
	k := testKey(t)
	r := testReceipt(k.Address(), 6)
	if err := r.Sign(k); err != nil {
		t.Fatal(err)
	}
	good, _ := r.Encode()
	var m map[string]any
	if err := cbor.Unmarshal(good, &m); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"payer", "auth", "pprice", "oprice"} {
		delete(m, f)
	}
	m["v"], m["price"] = 1, uint64(1000)
	v1, _ := encMode.Marshal(m)
	_, err := DecodeReceipt(v1)
	if !errors.Is(err, ErrVersion) || !errors.Is(err, ErrMalformed) {
		t.Fatalf("v1: %v, want ErrVersion and ErrMalformed", err)
	}
	// A well-formed receipt of a later version is refused the same way.
	r3 := testReceipt(k.Address(), 6)
	r3.Version = 3
	b, _ := r3.Encode()
	if _, err := DecodeReceipt(b); !errors.Is(err, ErrVersion) {
		t.Fatalf("v3: %v", err)
	}
	// Bytes that are not a receipt at all are not a version error.
	if _, err := DecodeReceipt([]byte{0xa0}); errors.Is(err, ErrVersion) || !errors.Is(err, ErrMalformed) {
		t.Fatalf("empty map: %v", err)
	}
}

// A free-tier receipt has no payer and no authorization; a payer without
// an authorization is allowed too (a known account on a free quota).
func TestValidateFreeTier(t *testing.T) {
	r := testReceipt(testAddr(5), 7)
	r.Payer, r.Auth = common.Address{}, [32]byte{}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	r.Payer = testAddr(21)
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	// Fee follows both prices.
	r.OutputPrice += 1000
	if err := r.Validate(); !errors.Is(err, ErrMalformed) {
		t.Fatalf("stale fee: %v", err)
	}
}
