package attribution

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
)

// TestRecordMethodEncoding: a receipt whose records state no method
// encodes without the "m" and "s" keys, so its bytes, ID and signature
// are those of a receipt made before methods existed; one with methods
// round-trips strictly, still verifies, and has another ID.
func TestRecordMethodEncoding(t *testing.T) {
	k := testKey(t)
	r := testReceipt(k.Address(), 1)
	plain, err := r.Encode()
	if err != nil {
		t.Fatal(err)
	}
	rec, err := encMode.Marshal(r.Records[0])
	if err != nil || rec[0] != 0xa4 { // a map of the 4 keys cid, contrib, datanet, w
		t.Fatalf("a record without a method encodes as %x (%v)", rec[:1], err)
	}
	withM := r.Records[0]
	withM.Method, withM.Score = MethodSpan, 1
	if rec, _ := encMode.Marshal(withM); rec[0] != 0xa6 {
		t.Fatalf("a record with a method encodes as %x", rec[:1])
	}
	if len(plain) == 0 {
		t.Fatal("empty encoding")
	}
	id0, _ := r.ID()
	r.Records[0].Method, r.Records[0].Score = MethodSpan, 123_456_789
	r.Records[1].Method, r.Records[1].Score = MethodCitation, 1
	if err := r.Sign(k); err != nil {
		t.Fatal(err)
	}
	data, err := r.Encode()
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeReceipt(data)
	if err != nil {
		t.Fatal(err)
	}
	if back.Records[0].Method != MethodSpan || back.Records[0].Score != 123_456_789 || back.Records[1].Method != MethodCitation {
		t.Fatalf("decoded %+v", back.Records)
	}
	if _, err := back.Verify(); err != nil {
		t.Fatal(err)
	}
	if id1, _ := back.ID(); id1 == id0 {
		t.Fatal("the method does not change the ID")
	}
}

// TestRecordMethodValidate: unknown methods, and a score without a
// method, are malformed.
func TestRecordMethodValidate(t *testing.T) {
	for name, f := range map[string]func(*Record){
		"unknown method":       func(r *Record) { r.Method = MethodInfluence + 1 },
		"score without method": func(r *Record) { r.Score = 5 },
	} {
		r := testReceipt(testAddr(5), 1)
		f(&r.Records[0])
		if err := r.Validate(); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestRecordMethodSizeBound: MaxRecords records with methods and the
// largest scores still fit MaxReceiptBytes with the node's CIDs.
func TestRecordMethodSizeBound(t *testing.T) {
	r := testReceipt(testAddr(5), 1)
	r.Records = nil
	for i := range MaxRecords {
		r.Records = append(r.Records, Record{CID: testCID(fmt.Sprint("rec", i)), Contributor: testAddr(i), Datanet: testCID("dn"),
			Weight: WeightScale / MaxRecords, Method: MethodSpan, Score: 1<<64 - 1})
	}
	sortRecords(r.Records)
	r.Sig = bytes.Repeat([]byte{1}, 65)
	data, err := r.Encode()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d records with methods: %d bytes (limit %d)", MaxRecords, len(data), MaxReceiptBytes)
	if len(data) > MaxReceiptBytes {
		t.Fatalf("%d bytes", len(data))
	}
	if _, err := DecodeReceipt(data); err != nil {
		t.Fatal(err)
	}
}
