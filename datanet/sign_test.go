package datanet

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/account"
)

// The signature is EIP-191 personal-sign over keccak256 of the canonical
// CBOR without the signature, so that a contract can ecrecover it.
func TestRecordSignatureIsEIP191OverUnsignedCBOR(t *testing.T) {
	dn := newTestDatanet(t, "eip191", testLabels)
	r := newSignedRecord(t, dn, submitterKey, "content", "positive")
	u := r.Clone()
	u.Signature = nil
	unsigned := cbMap(recordKVs(u)...)
	digest := crypto.Keccak256Hash(unsigned)
	if got, err := r.SigningDigest(); err != nil || got != digest {
		t.Fatalf("SigningDigest %x (%v), want keccak256 of the unsigned CBOR %x", got, err, digest)
	}
	sig := bytes.Clone(r.Signature)
	if len(sig) != account.SignatureLen || (sig[64] != 27 && sig[64] != 28) {
		t.Fatalf("signature %x is not r||s||v with v in {27,28}", sig)
	}
	sig[64] -= 27
	pub, err := crypto.SigToPub(accounts.TextHash(digest[:]), sig)
	if err != nil {
		t.Fatal(err)
	}
	if crypto.PubkeyToAddress(*pub) != r.Submitter {
		t.Fatal("signature does not recover the submitter over the EIP-191 hash")
	}
}

func TestDatanetSignatureIsEIP191OverUnsignedCBOR(t *testing.T) {
	d := newTestDatanet(t, "eip191", testLabels)
	u := d.Clone()
	u.Signature = nil
	digest := crypto.Keccak256Hash(cbMap(datanetKVs(u)...))
	if got, err := d.SigningDigest(); err != nil || got != digest {
		t.Fatalf("SigningDigest %x (%v), want %x", got, err, digest)
	}
	if err := account.Verify(testKey(t, ownerKey).Address(), digest, d.Signature); err != nil {
		t.Fatalf("owner signature: %v", err)
	}
}

func TestRecordVerifyDetectsTampering(t *testing.T) {
	dn := newTestDatanet(t, "tamper", testLabels)
	dn2 := newTestDatanet(t, "tamper 2", testLabels)
	base := newSignedRecord(t, dn, submitterKey, "original content", "positive")
	if err := base.Verify(); err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if err := base.Validate(dn); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	tampers := map[string]func(*Record){
		"datanet":        func(r *Record) { r.Datanet = dn2.ID() },
		"content":        func(r *Record) { r.Content = "forged content" },
		"source":         func(r *Record) { r.Source = "https://evil.example" },
		"submitter":      func(r *Record) { r.Submitter = testKey(t, submitter2Key).Address() },
		"label":          func(r *Record) { r.Label = "negative" },
		"label removed":  func(r *Record) { r.Label = "" },
		"created":        func(r *Record) { r.CreatedAt++ },
		"signature r":    func(r *Record) { r.Signature[3] ^= 0x40 },
		"signature s":    func(r *Record) { r.Signature[40] ^= 0x01 },
		"signature v":    func(r *Record) { r.Signature[64] ^= 0x01 },
		"v out of range": func(r *Record) { r.Signature[64] = 29 },
		"v raw 0/1":      func(r *Record) { r.Signature[64] -= 27 },
		"truncated":      func(r *Record) { r.Signature = r.Signature[:64] },
		"extended":       func(r *Record) { r.Signature = append(r.Signature, 0) },
		"missing":        func(r *Record) { r.Signature = nil },
		"other key":      func(r *Record) { r.Signature = mustSign(t, r, submitter2Key) },
	}
	for name, tamper := range tampers {
		t.Run(name, func(t *testing.T) {
			r := base.Clone()
			tamper(r)
			wantErr(t, "Verify", r.Verify(), ErrBadSignature)
			if name != "datanet" {
				// Validate checks the structure first; the datanet change
				// is caught as a structural mismatch.
				wantErr(t, "Validate", r.Validate(dn), ErrBadSignature)
			}
		})
	}
	// Errors from a wrong signer carry the account package's sentinel too.
	r := base.Clone()
	r.Content = "forged"
	wantErr(t, "Verify", r.Verify(), ErrBadSignature, account.ErrBadSignature)
	// The original was not modified by the clones.
	if err := base.Verify(); err != nil {
		t.Fatalf("original no longer verifies: %v", err)
	}
}

// mustSign returns a signature of r's digest by key index k, leaving r as is.
func mustSign(tb testing.TB, r *Record, k int) []byte {
	tb.Helper()
	digest, err := r.SigningDigest()
	if err != nil {
		tb.Fatal(err)
	}
	sig, err := testKey(tb, k).SignDigest(digest)
	if err != nil {
		tb.Fatal(err)
	}
	return sig
}

func TestDatanetValidateDetectsTampering(t *testing.T) {
	base := newTestDatanet(t, "tamper", testLabels)
	if err := base.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	tampers := map[string]func(*Datanet){
		"name":        func(d *Datanet) { d.Name = "renamed" },
		"description": func(d *Datanet) { d.Description = "" },
		"owner":       func(d *Datanet) { d.Owner = testKey(t, submitterKey).Address() },
		"labels":      func(d *Datanet) { d.Labels = append(d.Labels, "zzz") },
		"validators":  func(d *Datanet) { d.Validators = d.Validators[:2] },
		"quorum":      func(d *Datanet) { d.Quorum = 3 },
		"created":     func(d *Datanet) { d.CreatedAt-- },
		"signature":   func(d *Datanet) { d.Signature[10] ^= 0xff },
		"truncated":   func(d *Datanet) { d.Signature = d.Signature[:20] },
		"missing":     func(d *Datanet) { d.Signature = nil },
	}
	for name, tamper := range tampers {
		t.Run(name, func(t *testing.T) {
			d := base.Clone()
			tamper(d)
			if err := d.validateStructure(); err != nil {
				t.Fatalf("test setup: tampered datanet is structurally invalid: %v", err)
			}
			wantErr(t, "Validate", d.Validate(), ErrBadSignature)
		})
	}
	if err := base.Validate(); err != nil {
		t.Fatalf("original no longer validates: %v", err)
	}
}

func TestSignRefusesAnotherAddress(t *testing.T) {
	dn := newTestDatanet(t, "owner", nil)
	if dn.Owner != testKey(t, ownerKey).Address() {
		t.Fatal("Sign did not set the owner")
	}
	d := dn.Clone()
	wantErr(t, "Datanet.Sign by another key", d.Sign(testKey(t, submitterKey)), ErrInvalid)
	if !bytes.Equal(d.Signature, dn.Signature) {
		t.Fatal("a refused Sign changed the signature")
	}

	r := NewRecord(dn.ID(), "c", "", "", testTime)
	if err := r.Sign(testKey(t, submitterKey)); err != nil {
		t.Fatal(err)
	}
	if r.Submitter != testKey(t, submitterKey).Address() {
		t.Fatal("Sign did not set the submitter")
	}
	wantErr(t, "Record.Sign by another key", r.Sign(testKey(t, submitter2Key)), ErrInvalid)
	// Signing again with the same key is deterministic.
	again := r.Clone()
	if err := again.Sign(testKey(t, submitterKey)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Signature, r.Signature) {
		t.Fatal("re-signing gave another signature")
	}
}

func TestDatanetStructure(t *testing.T) {
	vals := []common.Address{testKey(t, validatorKey).Address(), testKey(t, validatorKey+1).Address()}
	valid := func() *Datanet {
		d := NewDatanet("structure", "desc", []string{"a", "b"}, vals, 1, testTime)
		d.Owner = testKey(t, ownerKey).Address()
		return d
	}
	if err := valid().validateStructure(); err != nil {
		t.Fatalf("valid datanet: %v", err)
	}
	tooMany := make([]string, MaxLabels+1)
	for i := range tooMany {
		tooMany[i] = string(rune(0x4e00 + i))
	}
	cases := []struct {
		name   string
		mutate func(*Datanet)
		want   error
	}{
		{"empty name", func(d *Datanet) { d.Name = "" }, ErrInvalid},
		{"blank name", func(d *Datanet) { d.Name = " \t\n" }, ErrInvalid},
		{"long name", func(d *Datanet) { d.Name = strings.Repeat("n", MaxNameBytes+1) }, ErrTooLarge},
		{"long description", func(d *Datanet) { d.Description = strings.Repeat("d", MaxDescriptionBytes+1) }, ErrTooLarge},
		{"non-UTF-8 name", func(d *Datanet) { d.Name = "bad\xff" }, ErrMalformed},
		{"non-UTF-8 description", func(d *Datanet) { d.Description = "bad\xff" }, ErrMalformed},
		{"zero owner", func(d *Datanet) { d.Owner = common.Address{} }, ErrInvalid},
		{"too many labels", func(d *Datanet) { d.Labels = tooMany; d.Normalize() }, ErrTooLarge},
		{"long label", func(d *Datanet) { d.Labels = []string{strings.Repeat("l", MaxLabelBytes+1)} }, ErrTooLarge},
		{"empty label", func(d *Datanet) { d.Labels = []string{"", "a"} }, ErrInvalid},
		{"non-UTF-8 label", func(d *Datanet) { d.Labels = []string{"a", "b\xff"} }, ErrMalformed},
		{"unsorted labels", func(d *Datanet) { d.Labels = []string{"b", "a"} }, ErrInvalid},
		{"duplicate labels", func(d *Datanet) { d.Labels = []string{"a", "a"} }, ErrInvalid},
		{"unsorted validators", func(d *Datanet) { d.Validators = []common.Address{d.Validators[1], d.Validators[0]} }, ErrInvalid},
		{"duplicate validators", func(d *Datanet) { d.Validators = []common.Address{d.Validators[0], d.Validators[0]} }, ErrInvalid},
		{"zero validator", func(d *Datanet) { d.Validators = []common.Address{{}} }, ErrInvalid},
		{"too many validators", func(d *Datanet) { d.Validators = make([]common.Address, MaxValidators+1) }, ErrTooLarge},
		{"quorum zero", func(d *Datanet) { d.Quorum = 0 }, ErrInvalid},
		{"quorum above validators", func(d *Datanet) { d.Quorum = 3 }, ErrInvalid},
		{"quorum without validators", func(d *Datanet) { d.Validators = nil }, ErrInvalid},
		{"zero time", func(d *Datanet) { d.CreatedAt = 0 }, ErrInvalid},
		{"negative time", func(d *Datanet) { d.CreatedAt = -1 }, ErrInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := valid()
			tc.mutate(d)
			wantErr(t, "validateStructure", d.validateStructure(), tc.want)
			wantErr(t, "Validate", d.Validate(), tc.want)
			if d.Owner == (common.Address{}) {
				return // Sign fills in a zero owner
			}
			wantErr(t, "Sign", d.Sign(testKey(t, ownerKey)), tc.want)
			if d.Signature != nil {
				t.Fatal("Sign set a signature on an invalid datanet")
			}
		})
	}
	// Quorum equal to the validator count, and an open datanet, are valid.
	d := valid()
	d.Quorum = 2
	if err := d.validateStructure(); err != nil {
		t.Fatalf("quorum = len(validators): %v", err)
	}
	d.Validators, d.Quorum = nil, 0
	if err := d.validateStructure(); err != nil {
		t.Fatalf("no validators, quorum 0: %v", err)
	}
}

func TestNewDatanetNormalizes(t *testing.T) {
	a, b := testKey(t, validatorKey).Address(), testKey(t, validatorKey+1).Address()
	labels := []string{"z", "a", "m", "a"}
	vals := []common.Address{b, a, b}
	d := NewDatanet("n", "", labels, vals, 1, testTime)
	if want := []string{"a", "m", "z"}; strings.Join(d.Labels, ",") != strings.Join(want, ",") {
		t.Fatalf("labels %v, want %v", d.Labels, want)
	}
	if len(d.Validators) != 2 || bytes.Compare(d.Validators[0][:], d.Validators[1][:]) >= 0 {
		t.Fatalf("validators not sorted and unique: %v", d.Validators)
	}
	// The caller's slices are not modified.
	if labels[0] != "z" || vals[0] != b {
		t.Fatal("NewDatanet modified its arguments")
	}
	if d.CreatedAt != testTime.UnixMilli() {
		t.Fatalf("created %d, want %d", d.CreatedAt, testTime.UnixMilli())
	}
	for _, l := range []string{"a", "m", "z"} {
		if !d.HasLabel(l) {
			t.Errorf("HasLabel(%q) false", l)
		}
	}
	if d.HasLabel("b") || d.HasLabel("") {
		t.Error("HasLabel true for a label outside the schema")
	}
	if !d.IsValidator(a) || !d.IsValidator(b) || d.IsValidator(testKey(t, ownerKey).Address()) {
		t.Error("IsValidator wrong")
	}
	// Clone is deep.
	d.Signature = []byte{1, 2, 3}
	orig := d.Validators[0]
	c := d.Clone()
	c.Labels[0] = "changed"
	c.Validators[0][0] ^= 1
	c.Signature[0] = 9
	if d.Labels[0] != "a" || d.Validators[0] != orig || d.Signature[0] != 1 {
		t.Fatal("Clone shares slices")
	}
}

func TestRecordValidate(t *testing.T) {
	dn := newTestDatanet(t, "validate", testLabels)
	open := newTestDatanet(t, "unlabelled", nil)
	other := newTestDatanet(t, "other", testLabels)
	cases := []struct {
		name    string
		dn      *Datanet
		content string
		source  string
		label   string
		mutate  func(*Record)
		want    error
	}{
		{name: "label outside schema", dn: dn, content: "c", label: "sarcastic", want: ErrLabelNotInSchema},
		{name: "label on an unlabelled datanet", dn: open, content: "c", label: "positive", want: ErrLabelNotInSchema},
		{name: "label differs in case", dn: dn, content: "c", label: "Positive", want: ErrLabelNotInSchema},
		{name: "label too long", dn: dn, content: "c", label: strings.Repeat("l", MaxLabelBytes+1), want: ErrTooLarge},
		{name: "label not UTF-8", dn: dn, content: "c", label: "po\xffs", want: ErrMalformed},
		{name: "content too large", dn: dn, content: strings.Repeat("x", MaxContentBytes+1), want: ErrTooLarge},
		{name: "source too large", dn: dn, content: "c", source: strings.Repeat("s", MaxSourceBytes+1), want: ErrTooLarge},
		{name: "empty content", dn: dn, content: "", want: ErrInvalid},
		{name: "content not UTF-8", dn: dn, content: "a\xc0\xafb", want: ErrMalformed},
		{name: "source not UTF-8", dn: dn, content: "c", source: "\xff", want: ErrMalformed},
		{name: "zero time", dn: dn, content: "c", mutate: func(r *Record) { r.CreatedAt = 0 }, want: ErrInvalid},
		{name: "wrong datanet", dn: other, content: "c", want: ErrInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := NewRecord(dn.ID(), tc.content, tc.source, tc.label, testTime)
			if tc.dn != other {
				r.Datanet = tc.dn.ID()
			}
			if tc.mutate != nil {
				tc.mutate(r)
			}
			// Correctly signed, so that only the checked property fails.
			if err := r.Sign(testKey(t, submitterKey)); err != nil {
				t.Fatal(err)
			}
			wantErr(t, "Validate", r.Validate(tc.dn), tc.want)
		})
	}
	// The limits themselves are accepted.
	r := NewRecord(dn.ID(), strings.Repeat("x", MaxContentBytes), strings.Repeat("s", MaxSourceBytes), "positive", testTime)
	if err := r.Sign(testKey(t, submitterKey)); err != nil {
		t.Fatal(err)
	}
	if err := r.Validate(dn); err != nil {
		t.Fatalf("record at the limits: %v", err)
	}
	// A zero submitter is structural, however the signature looks.
	z := r.Clone()
	z.Submitter = common.Address{}
	wantErr(t, "zero submitter", z.Validate(dn), ErrInvalid)
	// An undefined datanet.
	u := r.Clone()
	u.Datanet = cid.Undef
	wantErr(t, "undefined datanet", u.Validate(dn), ErrInvalid)
}
