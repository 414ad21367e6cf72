package datanet

import (
	"bytes"
	"crypto/sha256"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"
	ipld "github.com/ipld/go-ipld-prime"
	"github.com/ipld/go-ipld-prime/codec/dagcbor"
	"github.com/ipld/go-ipld-prime/datamodel"
	cidlink "github.com/ipld/go-ipld-prime/linking/cid"
	"github.com/multiformats/go-multicodec"
	"github.com/multiformats/go-multihash"
)

// Golden identifiers: they change only if the canonical encoding changes,
// which would split the network. Update them only for a deliberate,
// versioned format change.
const (
	goldenDatanetID = "bafyreidg5avukc4hia2g33na6tayfrclno2stutbjvtqhdpju25odxbke4"
	goldenRecordCID = "bafyreiaeehypbd7bh27l6gzmmieqhhlx4hmj3y6w6qxwgvgc6ccdk24jxy"
)

// goldenDatanet and goldenRecord are fixed objects whose identifiers are
// pinned above.
func goldenDatanet(tb testing.TB) *Datanet {
	d := &Datanet{
		Name:        "golden",
		Description: "pinned test vector",
		Owner:       common.HexToAddress("0x00000000000000000000000000000000000000a1"),
		Labels:      []string{"no", "yes"},
		Validators:  []common.Address{common.HexToAddress("0x00000000000000000000000000000000000000b1")},
		Quorum:      1,
		CreatedAt:   1_700_000_000_000,
	}
	if err := d.validateStructure(); err != nil {
		tb.Fatal(err)
	}
	return d
}

func goldenRecord(tb testing.TB) *Record {
	return &Record{
		Datanet:   goldenDatanet(tb).ID(),
		Content:   "golden content",
		Source:    "https://example.org/golden",
		Submitter: common.HexToAddress("0x00000000000000000000000000000000000000c1"),
		Label:     "yes",
		CreatedAt: 1_700_000_000_001,
	}
}

// wantDagCBORCID checks that c is CIDv1, dag-cbor, sha2-256 of block,
// computed independently with go-cid.
func wantDagCBORCID(tb testing.TB, c cid.Cid, block []byte) {
	tb.Helper()
	p := c.Prefix()
	if p.Version != 1 || p.Codec != uint64(multicodec.DagCbor) || p.MhType != multihash.SHA2_256 || p.MhLength != 32 {
		tb.Fatalf("CID %s prefix %+v, want CIDv1 dag-cbor sha2-256/32", c, p)
	}
	want, err := cid.Prefix{Version: 1, Codec: uint64(multicodec.DagCbor), MhType: multihash.SHA2_256, MhLength: -1}.Sum(block)
	if err != nil {
		tb.Fatal(err)
	}
	if !c.Equals(want) {
		tb.Fatalf("CID %s, want %s", c, want)
	}
	dec, err := multihash.Decode(c.Hash())
	if err != nil {
		tb.Fatal(err)
	}
	if sum := sha256.Sum256(block); !bytes.Equal(dec.Digest, sum[:]) {
		tb.Fatalf("CID digest %x, want sha256 %x", dec.Digest, sum)
	}
	if len(c.Bytes()) != cidLen {
		tb.Fatalf("binary CID is %d bytes, want %d", len(c.Bytes()), cidLen)
	}
	if !strings.HasPrefix(c.String(), "bafyrei") {
		tb.Fatalf("CID string %s is not base32 CIDv1 dag-cbor sha2-256", c)
	}
}

func TestGoldenIdentifiers(t *testing.T) {
	d := goldenDatanet(t)
	if got := d.ID().String(); got != goldenDatanetID {
		t.Errorf("datanet ID %s, want %s", got, goldenDatanetID)
	}
	if got := goldenRecord(t).CID().String(); got != goldenRecordCID {
		t.Errorf("record CID %s, want %s", got, goldenRecordCID)
	}
	// The pinned values are the CIDs of the hand-built blocks.
	wantDagCBORCID(t, d.ID(), cbMap(datanetKVs(d)...))
	r := goldenRecord(t)
	wantDagCBORCID(t, r.CID(), cbMap(sortedKVs([]kv{
		{"datanet", cbLink(r.Datanet.Bytes())},
		{"content", cbText(r.Content)},
		{"source", cbText(r.Source)},
	})...))
}

func TestDatanetID(t *testing.T) {
	d := newTestDatanet(t, "identity", testLabels)
	unsigned := d.Clone()
	unsigned.Signature = nil
	block := cbMap(datanetKVs(unsigned)...)
	wantDagCBORCID(t, d.ID(), block)

	// The ID does not cover the signature.
	other := d.Clone()
	other.Signature = bytes.Repeat([]byte{1}, 65)
	if !other.ID().Equals(d.ID()) {
		t.Fatal("ID depends on the signature")
	}
	// Normalisation makes the ID independent of the input order.
	vals := reversedWithDuplicate(d.Validators)
	d2 := NewDatanet(d.Name, d.Description, []string{"positive", "neutral", "negative", "neutral"}, vals, d.Quorum, time.UnixMilli(d.CreatedAt))
	d2.Owner = d.Owner
	if !d2.ID().Equals(d.ID()) {
		t.Fatalf("ID depends on label or validator order: %s != %s", d2.ID(), d.ID())
	}
	// Every other field is covered.
	mutations := map[string]func(*Datanet){
		"name":        func(x *Datanet) { x.Name += "!" },
		"description": func(x *Datanet) { x.Description += "!" },
		"owner":       func(x *Datanet) { x.Owner[0] ^= 1 },
		"labels":      func(x *Datanet) { x.Labels = x.Labels[1:] },
		"validators":  func(x *Datanet) { x.Validators = x.Validators[1:] },
		"quorum":      func(x *Datanet) { x.Quorum++ },
		"created":     func(x *Datanet) { x.CreatedAt++ },
	}
	for name, mutate := range mutations {
		x := d.Clone()
		mutate(x)
		if x.ID().Equals(d.ID()) {
			t.Errorf("changing %s does not change the ID", name)
		}
	}
}

// reversedWithDuplicate returns the addresses reversed plus a duplicate of
// the first, to feed NewDatanet an unsorted list with a repeat.
func reversedWithDuplicate(a []common.Address) []common.Address {
	out := make([]common.Address, 0, len(a)+1)
	for i := len(a) - 1; i >= 0; i-- {
		out = append(out, a[i])
	}
	return append(out, a[0])
}

func TestRecordCIDCoversContentOnly(t *testing.T) {
	dn := newTestDatanet(t, "identity", testLabels)
	base := newSignedRecord(t, dn, submitterKey, "same content", "positive")
	c := base.CID()

	// Another submitter, label, time and signature: the same CID.
	other := NewRecord(dn.ID(), base.Content, base.Source, "negative", testTime.Add(time.Hour))
	if err := other.Sign(testKey(t, submitter2Key)); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(other.Signature, base.Signature) {
		t.Fatal("test setup: signatures are equal")
	}
	if !other.CID().Equals(c) {
		t.Fatalf("CID depends on submitter/label/time: %s != %s", other.CID(), c)
	}
	unsigned := base.Clone()
	unsigned.Signature = nil
	unsigned.Label = ""
	if !unsigned.CID().Equals(c) {
		t.Fatal("CID depends on the signature or label")
	}

	// Content, source and datanet are covered.
	dn2 := newTestDatanet(t, "identity 2", testLabels)
	for name, r := range map[string]*Record{
		"content": NewRecord(dn.ID(), base.Content+".", base.Source, "", testTime),
		"source":  NewRecord(dn.ID(), base.Content, base.Source+"/x", "", testTime),
		"datanet": NewRecord(dn2.ID(), base.Content, base.Source, "", testTime),
	} {
		if r.CID().Equals(c) {
			t.Errorf("changing %s does not change the CID", name)
		}
	}
}

func TestRecordBlock(t *testing.T) {
	dn := newTestDatanet(t, "block", testLabels)
	r := newSignedRecord(t, dn, submitterKey, "block content ✓", "neutral")
	blk, err := r.Block()
	if err != nil {
		t.Fatal(err)
	}
	if !blk.Cid().Equals(r.CID()) {
		t.Fatalf("block CID %s, record CID %s", blk.Cid(), r.CID())
	}
	want := cbMap(sortedKVs([]kv{
		{"datanet", cbLink(dn.ID().Bytes())},
		{"content", cbText(r.Content)},
		{"source", cbText(r.Source)},
	})...)
	if !bytes.Equal(blk.RawData(), want) {
		t.Fatalf("block bytes\n got %x\nwant %x", blk.RawData(), want)
	}
	wantDagCBORCID(t, r.CID(), blk.RawData())

	if _, err := NewRecord(cid.Undef, "x", "", "", testTime).Block(); err == nil {
		t.Fatal("Block of a record without a datanet succeeded")
	}
}

// dagCBORRoundTrip decodes b with go-ipld-prime's dag-cbor codec and
// re-encodes it; the bytes must not change.
func dagCBORRoundTrip(tb testing.TB, b []byte) datamodel.Node {
	tb.Helper()
	n, err := ipld.Decode(b, dagcbor.Decode)
	if err != nil {
		tb.Fatalf("dag-cbor decode: %v\n%x", err, b)
	}
	again, err := ipld.Encode(n, dagcbor.Encode)
	if err != nil {
		tb.Fatalf("dag-cbor encode: %v", err)
	}
	if !bytes.Equal(again, b) {
		tb.Fatalf("dag-cbor re-encoding differs:\n got %x\nwant %x", again, b)
	}
	return n
}

// The content block, the wire encodings and the Datanet definition are
// valid dag-cbor as a generic IPLD implementation reads and writes it.
func TestEncodingsAreDagCBOR(t *testing.T) {
	dn := newTestDatanet(t, "dag-cbor", testLabels)
	r := newSignedRecord(t, dn, submitterKey, "dag-cbor content", "positive")

	blk, err := r.Block()
	if err != nil {
		t.Fatal(err)
	}
	n := dagCBORRoundTrip(t, blk.RawData())
	if n.Kind() != datamodel.Kind_Map || n.Length() != 3 {
		t.Fatalf("block is a %v of length %d, want a map of 3", n.Kind(), n.Length())
	}
	ln, err := n.LookupByString("datanet")
	if err != nil {
		t.Fatal(err)
	}
	l, err := ln.AsLink()
	if err != nil {
		t.Fatalf("datanet field is not a link: %v", err)
	}
	if got := l.(cidlink.Link).Cid; !got.Equals(dn.ID()) {
		t.Fatalf("link %s, want %s", got, dn.ID())
	}
	cn, err := n.LookupByString("content")
	if err != nil {
		t.Fatal(err)
	}
	if s, err := cn.AsString(); err != nil || s != r.Content {
		t.Fatalf("content %q (%v), want %q", s, err, r.Content)
	}

	wire, err := EncodeRecord(r)
	if err != nil {
		t.Fatal(err)
	}
	wn := dagCBORRoundTrip(t, wire)
	cr, err := wn.LookupByString("created")
	if err != nil {
		t.Fatal(err)
	}
	if v, err := cr.AsInt(); err != nil || v != r.CreatedAt {
		t.Fatalf("created %d (%v), want %d", v, err, r.CreatedAt)
	}

	dwire, err := EncodeDatanet(dn)
	if err != nil {
		t.Fatal(err)
	}
	dagCBORRoundTrip(t, dwire)
	unsigned, err := dn.unsignedBytes()
	if err != nil {
		t.Fatal(err)
	}
	dagCBORRoundTrip(t, unsigned)
	wantDagCBORCID(t, dn.ID(), unsigned)

	open := NewDatanet("open", "", nil, nil, 0, testTime)
	if err := open.Sign(testKey(t, ownerKey)); err != nil {
		t.Fatal(err)
	}
	owire, err := EncodeDatanet(open)
	if err != nil {
		t.Fatal(err)
	}
	dagCBORRoundTrip(t, owire)
}
