package datanet

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The fuzz targets cover every decoder of bytes that arrive from the
// network or from users: the CBOR wire decoders and the JSON forms. None may
// panic; whatever the CBOR decoders accept re-encodes to exactly the input,
// and whatever the JSON decoders accept survives a marshal round trip.

// fuzzRecordSeeds are wire encodings of valid and near-valid records.
func fuzzRecordSeeds(tb testing.TB, dn *Datanet) [][]byte {
	var out [][]byte
	add := func(r *Record) {
		b, err := EncodeRecord(r)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, b)
	}
	add(newSignedRecord(tb, dn, submitterKey, "hello", "positive"))
	add(newSignedRecord(tb, dn, submitter2Key, "ünïcødé 🎉\n", ""))
	add(newSignedRecord(tb, dn, submitterKey, strings.Repeat("long ", 300), "neutral"))
	u := NewRecord(dn.ID(), "unsigned", "", "", testTime)
	u.Submitter = testKey(tb, submitterKey).Address()
	add(u)
	canon := recordKVs(newSignedRecord(tb, dn, submitterKey, "seed", "negative"))
	out = append(out,
		cbMap(sortedKVs(append(slices.Clone(canon), kv{"extra", cbUint(1)}))...),
		cbMap(append(slices.Clone(canon[:2]), canon[1:]...)...),
		cbMap(replaceKV(canon, "created", cbHeadN(majUint, 1000, 4))...),
		cbMap(replaceKV(canon, "datanet", cbLink([]byte{1, 0x71, 0x12, 0x01, 0}))...),
		cbMap(replaceKV(canon, "content", cbText("bad \xff"))...),
		cbMap(replaceKV(canon, "content", cbText(" \t\n "))...),
		cbMap(replaceKV(canon, "content", cbText("nul\x00"))...),
		cbMap(replaceKV(canon, "content", cbText("c1 \u0085"))...),
		cbMap(replaceKV(canon, "source", cbText("src\x1b"))...),
		cbMap(removeKV(canon, "sig")...),
		[]byte{0xa0}, []byte{0xf6}, nil,
	)
	return out
}

func fuzzDatanetSeeds(tb testing.TB) [][]byte {
	var out [][]byte
	for _, d := range []*Datanet{newTestDatanet(tb, "fuzz", testLabels), newTestDatanet(tb, "fuzz open", nil)} {
		b, err := EncodeDatanet(d)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, b)
		canon := datanetKVs(d)
		out = append(out,
			cbMap(removeKV(canon, "sig")...),
			cbMap(replaceKV(canon, "labels", cbArray(cbText("b"), cbText("a")))...),
			cbMap(replaceKV(canon, "quorum", cbHeadN(majUint, 2, 1))...),
			cbMap(replaceKV(canon, "validators", cbArray(cbBytes(make([]byte, 19))))...),
		)
	}
	return append(out, []byte{0xa0}, nil)
}

func FuzzDecodeRecord(f *testing.F) {
	dn := newTestDatanet(f, "fuzz", testLabels)
	for _, s := range fuzzRecordSeeds(f, dn) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := DecodeRecord(data)
		if err != nil {
			if r != nil {
				t.Fatal("a record with an error")
			}
			return
		}
		again, err := EncodeRecord(r)
		if err != nil {
			t.Fatalf("decoded record does not encode: %v", err)
		}
		if !bytes.Equal(again, data) {
			t.Fatalf("re-encoding differs:\n got %x\nwant %x", again, data)
		}
		if !r.CID().Defined() {
			t.Fatal("decoded record has no CID")
		}
		if _, err := r.Block(); err != nil {
			t.Fatalf("Block: %v", err)
		}
		if err := r.Validate(dn); err == nil {
			if err := CheckContent(r.Content); err != nil {
				t.Fatalf("Validate accepted content that CheckContent refuses: %v", err)
			}
		}
		if j, err := json.Marshal(r); err == nil {
			var back Record
			if err := json.Unmarshal(j, &back); err != nil {
				t.Fatalf("JSON of a decoded record does not decode: %v\n%s", err, j)
			}
			// JSON replaces nothing for valid UTF-8, which the decoder enforces.
			if d := recordDiff(r, &back); d != "" {
				t.Fatalf("JSON round trip differs: %s", d)
			}
		}
	})
}

// FuzzCheckContent compares CheckContent with a plain statement of its rule
// and checks that a refusal names a byte offset inside the content.
func FuzzCheckContent(f *testing.F) {
	for _, s := range []string{"hello", "", " \n", "a\x00", "\xff", "é\u0085", "\t\r\n", "\u3000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := CheckContent(s)
		want := utf8.ValidString(s) && strings.TrimSpace(s) != "" &&
			!strings.ContainsFunc(s, func(c rune) bool { return unicode.IsControl(c) && !strings.ContainsRune("\t\n\r", c) })
		if (err == nil) != want {
			t.Fatalf("CheckContent(%q) = %v, want ok=%v", s, err, want)
		}
		if err != nil && !errors.Is(err, ErrContent) {
			t.Fatalf("CheckContent(%q) = %v, not ErrContent", s, err)
		}
	})
}

func FuzzDecodeDatanet(f *testing.F) {
	for _, s := range fuzzDatanetSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := DecodeDatanet(data)
		if err != nil {
			return
		}
		again, err := EncodeDatanet(d)
		if err != nil {
			t.Fatalf("decoded datanet does not encode: %v", err)
		}
		if !bytes.Equal(again, data) {
			t.Fatalf("re-encoding differs:\n got %x\nwant %x", again, data)
		}
		if !d.ID().Defined() {
			t.Fatal("decoded datanet has no ID")
		}
		_ = d.Validate() // must not panic
		_ = d.HasLabel("x")
		_ = d.IsValidator(d.Owner)
		j, err := json.Marshal(d)
		if err != nil {
			t.Fatalf("JSON: %v", err)
		}
		var back Datanet
		if err := json.Unmarshal(j, &back); err != nil {
			t.Fatalf("JSON of a decoded datanet does not decode: %v\n%s", err, j)
		}
		if diff := datanetDiff(d, &back); diff != "" {
			t.Fatalf("JSON round trip differs: %s", diff)
		}
	})
}

// jsonRoundTrip checks that a value v decoded from JSON marshals, decodes
// again, and marshals to the same bytes.
func jsonRoundTrip[T any](t *testing.T, v *T) {
	t.Helper()
	j1, err := json.Marshal(v)
	if err != nil {
		return // e.g. a stored record with an invalid state cannot be written
	}
	var back T
	if err := json.Unmarshal(j1, &back); err != nil {
		t.Fatalf("marshalled JSON does not decode: %v\n%s", err, j1)
	}
	j2, err := json.Marshal(&back)
	if err != nil {
		t.Fatalf("second marshal: %v", err)
	}
	if !bytes.Equal(j1, j2) {
		t.Fatalf("JSON round trip differs:\n%s\n%s", j1, j2)
	}
}

func fuzzJSONSeeds(tb testing.TB) (recs, dns, stored [][]byte) {
	dn := newTestDatanet(tb, "fuzz json", testLabels)
	r := newSignedRecord(tb, dn, submitterKey, "json <seed>\n", "positive")
	rj, _ := json.Marshal(r)
	dj, _ := json.Marshal(dn)
	sj, _ := json.Marshal(StoredRecord{Record: *r, CID: r.CID(), State: StateGolden, Seq: 9, ReceivedAt: 5})
	oj, _ := json.Marshal(newTestDatanet(tb, "open", nil))
	common := [][]byte{[]byte(`{}`), []byte(`null`), []byte(`[]`), []byte(`{"content":1}`)}
	recs = append([][]byte{rj, []byte(`{"datanet":"x","submitter":"0x00"}`)}, common...)
	dns = append([][]byte{dj, oj, []byte(`{"owner":"0x0000000000000000000000000000000000000001","validators":null}`)}, common...)
	stored = append([][]byte{sj, rj, []byte(`{"state":"nope"}`)}, common...)
	return recs, dns, stored
}

func FuzzRecordJSON(f *testing.F) {
	seeds, _, _ := fuzzJSONSeeds(f)
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var r Record
		if err := json.Unmarshal(data, &r); err != nil {
			return
		}
		var direct Record
		if err := direct.UnmarshalJSON(data); err != nil {
			t.Fatalf("json.Unmarshal accepts what UnmarshalJSON rejects: %v", err)
		}
		if d := recordDiff(&r, &direct); d != "" {
			t.Fatalf("json.Unmarshal and UnmarshalJSON differ: %s", d)
		}
		jsonRoundTrip(t, &r)
		_, _ = EncodeRecord(&r) // must not panic
		_ = r.Verify()
	})
}

func FuzzDatanetJSON(f *testing.F) {
	_, seeds, _ := fuzzJSONSeeds(f)
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var d Datanet
		if err := json.Unmarshal(data, &d); err != nil {
			return
		}
		jsonRoundTrip(t, &d)
		_ = d.Validate() // must not panic
		if b, err := EncodeDatanet(&d); err == nil {
			if _, err := DecodeDatanet(b); err != nil {
				t.Fatalf("an encoded datanet does not decode: %v", err)
			}
		}
	})
}

func FuzzStoredRecordJSON(f *testing.F) {
	_, _, seeds := fuzzJSONSeeds(f)
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var s StoredRecord
		if err := json.Unmarshal(data, &s); err != nil {
			return
		}
		if !s.CID.Equals(s.Record.CID()) {
			t.Fatal("decoded CID does not match the content")
		}
		jsonRoundTrip(t, &s)
	})
}
