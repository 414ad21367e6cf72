package datanet

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"
)

// recordDiff describes how two records differ, "" when they are equal.
// Nil and empty signatures compare equal.
func recordDiff(a, b *Record) string {
	var d []string
	if !a.Datanet.Equals(b.Datanet) {
		d = append(d, "datanet "+a.Datanet.String()+" != "+b.Datanet.String())
	}
	if a.Content != b.Content {
		d = append(d, "content")
	}
	if a.Source != b.Source {
		d = append(d, "source")
	}
	if a.Submitter != b.Submitter {
		d = append(d, "submitter")
	}
	if a.Label != b.Label {
		d = append(d, "label")
	}
	if a.CreatedAt != b.CreatedAt {
		d = append(d, "created_at")
	}
	if !bytes.Equal(a.Signature, b.Signature) {
		d = append(d, "signature")
	}
	return strings.Join(d, ", ")
}

// datanetDiff describes how two Datanets differ, "" when they are equal.
// Nil and empty slices compare equal.
func datanetDiff(a, b *Datanet) string {
	var d []string
	if a.Name != b.Name {
		d = append(d, "name")
	}
	if a.Description != b.Description {
		d = append(d, "description")
	}
	if a.Owner != b.Owner {
		d = append(d, "owner")
	}
	if !slices.Equal(a.Labels, b.Labels) {
		d = append(d, "labels")
	}
	if !slices.Equal(a.Validators, b.Validators) {
		d = append(d, "validators")
	}
	if a.Quorum != b.Quorum {
		d = append(d, "quorum")
	}
	if a.CreatedAt != b.CreatedAt {
		d = append(d, "created_at")
	}
	if !bytes.Equal(a.Signature, b.Signature) {
		d = append(d, "signature")
	}
	return strings.Join(d, ", ")
}

// The wire encoding is exactly the map the hand-written builder produces:
// canonical key order, minimal integers, a tag-42 link, 20-byte addresses.
func TestRecordWireFormat(t *testing.T) {
	dn := newTestDatanet(t, "wire", testLabels)
	r := newSignedRecord(t, dn, submitterKey, "héllo wörld", "positive")
	got, err := EncodeRecord(r)
	if err != nil {
		t.Fatal(err)
	}
	want := cbMap(recordKVs(r)...)
	if !bytes.Equal(got, want) {
		t.Fatalf("EncodeRecord:\n got %x\nwant %x", got, want)
	}
	// The canonical key order is length first.
	var keys []string
	for _, e := range recordKVs(r) {
		keys = append(keys, e.k)
	}
	if want := []string{"sig", "label", "source", "content", "created", "datanet", "submitter"}; !slices.Equal(keys, want) {
		t.Fatalf("key order %v, want %v", keys, want)
	}
	// Without a signature the "sig" key is absent.
	u := r.Clone()
	u.Signature = nil
	got, err = EncodeRecord(u)
	if err != nil {
		t.Fatal(err)
	}
	if want := cbMap(recordKVs(u)...); !bytes.Equal(got, want) {
		t.Fatalf("unsigned EncodeRecord:\n got %x\nwant %x", got, want)
	}
	if bytes.Contains(got, cbText("sig")) {
		t.Fatal("unsigned record encodes a sig key")
	}
}

func TestDatanetWireFormat(t *testing.T) {
	for _, tc := range []struct {
		name string
		dn   *Datanet
	}{
		{"labelled", newTestDatanet(t, "wire", testLabels)},
		{"unlabelled", newTestDatanet(t, "wire", nil)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := EncodeDatanet(tc.dn)
			if err != nil {
				t.Fatal(err)
			}
			if want := cbMap(datanetKVs(tc.dn)...); !bytes.Equal(got, want) {
				t.Fatalf("EncodeDatanet:\n got %x\nwant %x", got, want)
			}
		})
	}
	// An empty validator list and label schema encode as empty arrays,
	// never null.
	d := NewDatanet("open", "", nil, nil, 0, testTime)
	if err := d.Sign(testKey(t, ownerKey)); err != nil {
		t.Fatal(err)
	}
	b, err := EncodeDatanet(d)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, append(cbText("labels"), 0x80)) || !bytes.Contains(b, append(cbText("validators"), 0x80)) {
		t.Fatalf("empty lists not encoded as []: %x", b)
	}
}

func TestRecordRoundTrip(t *testing.T) {
	dn := newTestDatanet(t, "roundtrip", testLabels)
	cases := map[string]*Record{
		"labelled":  newSignedRecord(t, dn, submitterKey, "some content", "negative"),
		"no label":  newSignedRecord(t, dn, submitterKey, "other content", ""),
		"unicode":   newSignedRecord(t, dn, submitter2Key, "日本語のテキスト 🎉\n\ttabs and \"quotes\"", "neutral"),
		"max sizes": newSignedRecord(t, dn, submitterKey, strings.Repeat("x", MaxContentBytes), "positive"),
	}
	unsigned := NewRecord(dn.ID(), "unsigned", "", "", testTime)
	unsigned.Submitter = testKey(t, submitterKey).Address()
	cases["unsigned"] = unsigned
	long := NewRecord(dn.ID(), "long source", strings.Repeat("s", MaxSourceBytes), "", testTime)
	if err := long.Sign(testKey(t, submitterKey)); err != nil {
		t.Fatal(err)
	}
	cases["max source"] = long

	for name, r := range cases {
		t.Run(name, func(t *testing.T) {
			b, err := EncodeRecord(r)
			if err != nil {
				t.Fatal(err)
			}
			got, err := DecodeRecord(b)
			if err != nil {
				t.Fatalf("DecodeRecord: %v", err)
			}
			if d := recordDiff(r, got); d != "" {
				t.Fatalf("round trip differs: %s", d)
			}
			again, err := EncodeRecord(got)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again, b) {
				t.Fatal("re-encoding the decoded record changed the bytes")
			}
			if len(r.Signature) > 0 {
				if err := got.Validate(dn); err != nil {
					t.Fatalf("decoded record does not validate: %v", err)
				}
			}
		})
	}
}

// The decoded record shares no memory with the input buffer, which callers
// reuse.
func TestDecodeRecordDoesNotAliasInput(t *testing.T) {
	dn := newTestDatanet(t, "alias", testLabels)
	r := newSignedRecord(t, dn, submitterKey, "content", "positive")
	b, err := EncodeRecord(r)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeRecord(b)
	if err != nil {
		t.Fatal(err)
	}
	clear(b)
	if d := recordDiff(r, got); d != "" {
		t.Fatalf("decoded record changed with its input buffer: %s", d)
	}
}

func TestDatanetRoundTrip(t *testing.T) {
	many := make([]string, MaxLabels)
	for i := range many {
		many[i] = strings.Repeat("l", MaxLabelBytes-4) + string(rune('a'+i/26%26)) + string(rune('a'+i%26)) + "zz"
	}
	vals := make([]common.Address, MaxValidators)
	for i := range vals {
		vals[i][0] = byte(i >> 8)
		vals[i][1] = byte(i)
		vals[i][19] = 1
	}
	big := NewDatanet(strings.Repeat("n", MaxNameBytes), strings.Repeat("d", MaxDescriptionBytes), many, vals, MaxValidators, testTime)
	if err := big.Sign(testKey(t, ownerKey)); err != nil {
		t.Fatal(err)
	}
	open := NewDatanet("open", "", nil, nil, 0, testTime)
	if err := open.Sign(testKey(t, ownerKey)); err != nil {
		t.Fatal(err)
	}
	cases := map[string]*Datanet{
		"labelled":   newTestDatanet(t, "Sentiment ✓", testLabels),
		"unlabelled": newTestDatanet(t, "plain", nil),
		"open":       open,
		"max sizes":  big,
	}
	for name, d := range cases {
		t.Run(name, func(t *testing.T) {
			b, err := EncodeDatanet(d)
			if err != nil {
				t.Fatal(err)
			}
			got, err := DecodeDatanet(b)
			if err != nil {
				t.Fatalf("DecodeDatanet: %v", err)
			}
			if diff := datanetDiff(d, got); diff != "" {
				t.Fatalf("round trip differs: %s", diff)
			}
			if err := got.Validate(); err != nil {
				t.Fatalf("decoded datanet does not validate: %v", err)
			}
			if !got.ID().Equals(d.ID()) {
				t.Fatalf("ID changed: %s != %s", got.ID(), d.ID())
			}
			again, err := EncodeDatanet(got)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again, b) {
				t.Fatal("re-encoding the decoded datanet changed the bytes")
			}
		})
	}
}

func TestDecodeRecordRejects(t *testing.T) {
	dn := newTestDatanet(t, "rejects", testLabels)
	r := newSignedRecord(t, dn, submitterKey, "the content", "positive")
	canon := recordKVs(r)
	good := cbMap(canon...)
	if _, err := DecodeRecord(good); err != nil {
		t.Fatalf("the canonical form does not decode: %v", err)
	}

	swapped := slices.Clone(canon)
	swapped[1], swapped[2] = swapped[2], swapped[1] // label after source
	withTag := func(tag uint64, v []byte) []byte { return append(cbHead(majTag, tag), v...) }
	cidV0 := func() []byte {
		mh, err := multihash.Sum([]byte("x"), multihash.SHA2_256, -1)
		if err != nil {
			t.Fatal(err)
		}
		return cid.NewCidV0(mh).Bytes()
	}()
	badUTF8 := "bad \xff\xfe utf8"
	indefText := append([]byte{0x7f}, cbText("the ")...) // indefinite text, two chunks
	indefText = append(append(indefText, cbText("content")...), 0xff)
	indefMap := append([]byte{0xbf}, good[1:]...)
	indefMap = append(indefMap, 0xff)

	cases := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrMalformed},
		{"not a map", cbArray(cbUint(1)), ErrMalformed},
		{"truncated", good[:len(good)-1], ErrMalformed},
		{"trailing byte", append(slices.Clone(good), 0x00), ErrMalformed},
		{"second object", append(slices.Clone(good), good...), ErrMalformed},
		{"keys out of order", cbMap(swapped...), ErrMalformed},
		{"duplicate key", cbMap(append(slices.Clone(canon[:2]), canon[1:]...)...), ErrMalformed},
		{"unknown key", cbMap(sortedKVs(append(slices.Clone(canon), kv{"extra", cbUint(1)}))...), ErrMalformed},
		{"key in other case", cbMap(sortedKVs(append(removeKV(canon, "label"), kv{"Label", cbText("positive")}))...), ErrMalformed},
		{"missing label", cbMap(removeKV(canon, "label")...), ErrMalformed},
		{"missing datanet", cbMap(removeKV(canon, "datanet")...), ErrMalformed},
		{"missing submitter", cbMap(removeKV(canon, "submitter")...), ErrMalformed},
		{"non-minimal int", cbMap(replaceKV(canon, "created", cbHeadN(majUint, 1000, 4))...), ErrMalformed},
		{"non-minimal int, 8 bytes", cbMap(replaceKV(canon, "created", cbHeadN(majUint, 1<<20, 8))...), ErrMalformed},
		{"non-minimal bytes length", cbMap(replaceKV(canon, "submitter", append(cbHeadN(majBytes, 20, 2), r.Submitter[:]...))...), ErrMalformed},
		{"non-minimal string length", cbMap(replaceKV(canon, "label", append(cbHeadN(majText, 8, 1), "positive"...))...), ErrMalformed},
		{"non-minimal map length", append(cbHeadN(majMap, uint64(len(canon)), 1), good[1:]...), ErrMalformed},
		{"indefinite-length string", cbMap(replaceKV(canon, "content", indefText)...), ErrMalformed},
		{"indefinite-length map", indefMap, ErrMalformed},
		{"float time", cbMap(replaceKV(canon, "created", []byte{0xfb, 0x42, 0x78, 0xbc, 0xfe, 0x56, 0x80, 0x00, 0x00})...), ErrMalformed},
		{"negative overflow", cbMap(replaceKV(canon, "created", cbHeadN(majUint, 1<<63, 8))...), ErrMalformed},
		{"empty sig present", cbMap(replaceKV(canon, "sig", cbBytes(nil))...), ErrMalformed},
		{"sig as text", cbMap(replaceKV(canon, "sig", cbText("0x00"))...), ErrMalformed},
		{"content as bytes", cbMap(replaceKV(canon, "content", cbBytes([]byte("the content")))...), ErrMalformed},
		{"invalid utf-8 content", cbMap(replaceKV(canon, "content", cbText(badUTF8))...), ErrMalformed},
		{"invalid utf-8 source", cbMap(replaceKV(canon, "source", cbText(badUTF8))...), ErrMalformed},
		{"invalid utf-8 label", cbMap(replaceKV(canon, "label", cbText(badUTF8))...), ErrMalformed},
		{"invalid utf-8 key", cbMap(sortedKVs(append(slices.Clone(canon), kv{"\xff\xfe", cbUint(1)}))...), ErrMalformed},
		{"short submitter", cbMap(replaceKV(canon, "submitter", cbBytes(r.Submitter[:19]))...), ErrMalformed},
		{"long submitter", cbMap(replaceKV(canon, "submitter", cbBytes(append(r.Submitter.Bytes(), 0)))...), ErrMalformed},
		{"tag on content", cbMap(replaceKV(canon, "content", withTag(42, cbText("the content")))...), ErrMalformed},
		{"datanet without tag", cbMap(replaceKV(canon, "datanet", cbBytes(append([]byte{0}, r.Datanet.Bytes()...)))...), ErrMalformed},
		{"datanet with tag 43", cbMap(replaceKV(canon, "datanet", withTag(43, cbBytes(append([]byte{0}, r.Datanet.Bytes()...))))...), ErrMalformed},
		{"datanet without multibase prefix", cbMap(replaceKV(canon, "datanet", withTag(42, cbBytes(r.Datanet.Bytes())))...), ErrMalformed},
		{"datanet not a CID", cbMap(replaceKV(canon, "datanet", cbLink([]byte{1, 2, 3}))...), ErrMalformed},
		{"datanet CID with trailing bytes", cbMap(replaceKV(canon, "datanet", cbLink(append(r.Datanet.Bytes(), 7)))...), ErrMalformed},
		{"datanet as null", cbMap(replaceKV(canon, "datanet", []byte{0xf6})...), ErrMalformed},
		{"label as null", cbMap(replaceKV(canon, "label", []byte{0xf6})...), ErrMalformed},
		{"too large", make([]byte, MaxRecordBytes+1), ErrTooLarge},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DecodeRecord(tc.in)
			if err == nil {
				t.Fatalf("DecodeRecord accepted %x as %+v", tc.in, got)
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if got != nil {
				t.Fatal("DecodeRecord returned a record with an error")
			}
		})
	}

	// Controls: the minimal forms of the values used above decode, so the
	// cases fail for their form alone.
	for name, in := range map[string][]byte{
		"created 1000":   cbMap(replaceKV(canon, "created", cbUint(1000))...),
		"created 1<<20":  cbMap(replaceKV(canon, "created", cbUint(1<<20))...),
		"created -1":     cbMap(replaceKV(canon, "created", cbInt(-1))...),
		"empty label":    cbMap(replaceKV(canon, "label", cbText(""))...),
		"without sig":    cbMap(removeKV(canon, "sig")...),
		"plain content":  cbMap(replaceKV(canon, "content", cbText("the content"))...),
		"empty content":  cbMap(replaceKV(canon, "content", cbText(""))...),
		"unicode source": cbMap(replaceKV(canon, "source", cbText("ünïcödé"))...),
	} {
		if _, err := DecodeRecord(in); err != nil {
			t.Errorf("control %s: %v", name, err)
		}
	}

	// A CIDv0 link is well-formed CBOR and decodes; Validate then rejects
	// it, since a Datanet ID is always CIDv1 dag-cbor.
	v0 := cbMap(replaceKV(canon, "datanet", cbLink(cidV0))...)
	got, err := DecodeRecord(v0)
	if err != nil {
		t.Fatalf("DecodeRecord with a CIDv0 link: %v", err)
	}
	wantErr(t, "Validate with a CIDv0 datanet", got.Validate(dn), ErrInvalid)
}

func TestDecodeDatanetRejects(t *testing.T) {
	d := newTestDatanet(t, "rejects", testLabels)
	canon := datanetKVs(d)
	good := cbMap(canon...)
	if _, err := DecodeDatanet(good); err != nil {
		t.Fatalf("the canonical form does not decode: %v", err)
	}
	swapped := slices.Clone(canon)
	swapped[1], swapped[2] = swapped[2], swapped[1] // desc and name
	vals := make([][]byte, len(d.Validators))
	for i, v := range d.Validators {
		vals[i] = cbBytes(v[:])
	}
	shortVals := slices.Clone(vals)
	shortVals[1] = cbBytes(d.Validators[1][:19])
	labels := [][]byte{cbText("negative"), cbText("neutral"), cbText("positive")}
	indefLabels := append([]byte{0x9f}, slices.Concat(labels...)...)
	indefLabels = append(indefLabels, 0xff)

	cases := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrMalformed},
		{"truncated", good[:len(good)-3], ErrMalformed},
		{"trailing byte", append(slices.Clone(good), 0xf6), ErrMalformed},
		{"keys out of order", cbMap(swapped...), ErrMalformed},
		{"duplicate key", cbMap(append(slices.Clone(canon[:3]), canon[2:]...)...), ErrMalformed},
		{"unknown key", cbMap(sortedKVs(append(slices.Clone(canon), kv{"id", cbText("x")}))...), ErrMalformed},
		{"missing labels", cbMap(removeKV(canon, "labels")...), ErrMalformed},
		{"null labels", cbMap(replaceKV(canon, "labels", []byte{0xf6})...), ErrMalformed},
		{"missing owner", cbMap(removeKV(canon, "owner")...), ErrMalformed},
		{"short owner", cbMap(replaceKV(canon, "owner", cbBytes(d.Owner[:19]))...), ErrMalformed},
		{"short validator", cbMap(replaceKV(canon, "validators", cbArray(shortVals...))...), ErrMalformed},
		{"non-minimal quorum", cbMap(replaceKV(canon, "quorum", cbHeadN(majUint, 2, 1))...), ErrMalformed},
		{"quorum over uint32", cbMap(replaceKV(canon, "quorum", cbUint(1<<32))...), ErrMalformed},
		{"negative quorum", cbMap(replaceKV(canon, "quorum", cbInt(-1))...), ErrMalformed},
		{"non-minimal array length", cbMap(replaceKV(canon, "labels", append(cbHeadN(majArray, 3, 1), slices.Concat(labels...)...))...), ErrMalformed},
		{"indefinite array", cbMap(replaceKV(canon, "labels", indefLabels)...), ErrMalformed},
		{"invalid utf-8 name", cbMap(replaceKV(canon, "name", cbText("a\xc3"))...), ErrMalformed},
		{"invalid utf-8 label", cbMap(replaceKV(canon, "labels", cbArray(cbText("ok"), cbText("\xed\xa0\x80")))...), ErrMalformed},
		{"label as number", cbMap(replaceKV(canon, "labels", cbArray(cbUint(1)))...), ErrMalformed},
		{"too many validators", cbMap(replaceKV(canon, "validators", cbArray(slices.Repeat([][]byte{vals[0]}, MaxValidators+1)...))...), ErrMalformed},
		{"too deep", cbMap(replaceKV(canon, "labels", cbArray(cbArray(cbArray(cbArray(cbArray())))))...), ErrMalformed},
		{"too large", make([]byte, MaxDatanetBytes+1), ErrTooLarge},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DecodeDatanet(tc.in)
			if err == nil {
				t.Fatalf("DecodeDatanet accepted %x as %+v", tc.in, got)
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}

	// Decoding is strict about form, not contents: unsorted labels decode,
	// and Validate rejects them.
	unsorted := cbMap(replaceKV(canon, "labels", cbArray(cbText("positive"), cbText("negative")))...)
	got, err := DecodeDatanet(unsorted)
	if err != nil {
		t.Fatalf("DecodeDatanet with unsorted labels: %v", err)
	}
	wantErr(t, "Validate with unsorted labels", got.Validate(), ErrInvalid)
}

func TestEncodeTooLarge(t *testing.T) {
	dn := newTestDatanet(t, "large", nil)
	r := NewRecord(dn.ID(), strings.Repeat("x", MaxRecordBytes), "", "", testTime)
	r.Submitter = testKey(t, submitterKey).Address()
	_, err := EncodeRecord(r)
	wantErr(t, "EncodeRecord over the limit", err, ErrTooLarge)

	d := NewDatanet("large", strings.Repeat("d", MaxDatanetBytes), nil, nil, 0, testTime)
	d.Owner = testKey(t, ownerKey).Address()
	_, err = EncodeDatanet(d)
	wantErr(t, "EncodeDatanet over the limit", err, ErrTooLarge)

	// An undefined Datanet link cannot be encoded.
	u := NewRecord(cid.Undef, "content", "", "", testTime)
	_, err = EncodeRecord(u)
	wantErr(t, "EncodeRecord with an undefined datanet", err, ErrInvalid)
	if u.CID().Defined() {
		t.Fatal("CID of a record without a datanet is defined")
	}
}
