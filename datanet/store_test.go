package datanet

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	badger "github.com/dgraph-io/badger/v4"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"
)

func TestStoreConfigValidate(t *testing.T) {
	if err := DefaultStoreConfig("/tmp/x").Validate(); err != nil {
		t.Fatalf("default config: %v", err)
	}
	mem := DefaultStoreConfig("")
	mem.InMemory = true
	if err := mem.Validate(); err != nil {
		t.Fatalf("in-memory config without dir: %v", err)
	}
	d := DefaultStoreConfig("/tmp/x")
	if !d.SyncWrites || d.MaxBatchRecords != 4096 || d.MemTableSize != 16<<20 {
		t.Fatalf("defaults changed: %+v", d)
	}
	for name, mutate := range map[string]func(*StoreConfig){
		"no dir":             func(c *StoreConfig) { c.Dir = "" },
		"small memtable":     func(c *StoreConfig) { c.MemTableSize = 1 << 20 },
		"huge memtable":      func(c *StoreConfig) { c.MemTableSize = 2 << 30 },
		"no memtables":       func(c *StoreConfig) { c.NumMemtables = 0 },
		"many memtables":     func(c *StoreConfig) { c.NumMemtables = 17 },
		"small block cache":  func(c *StoreConfig) { c.BlockCacheSize = 1000 },
		"negative index":     func(c *StoreConfig) { c.IndexCacheSize = -1 },
		"small value log":    func(c *StoreConfig) { c.ValueLogFileSize = 1000 },
		"huge value log":     func(c *StoreConfig) { c.ValueLogFileSize = 3 << 30 },
		"zero batch":         func(c *StoreConfig) { c.MaxBatchRecords = 0 },
		"huge batch":         func(c *StoreConfig) { c.MaxBatchRecords = 1<<16 + 1 },
		"negative batch":     func(c *StoreConfig) { c.MaxBatchRecords = -1 },
		"in-memory, bad log": func(c *StoreConfig) { c.InMemory = true; c.ValueLogFileSize = 0 },
	} {
		c := DefaultStoreConfig(t.TempDir())
		mutate(&c)
		wantErr(t, name, c.Validate(), ErrInvalid)
		if s, err := Open(c, nil); err == nil {
			s.Close()
			t.Fatalf("%s: Open accepted an invalid config", name)
		} else {
			wantErr(t, name+": Open", err, ErrInvalid)
		}
	}
}

func TestInMemoryStore(t *testing.T) {
	cfg := DefaultStoreConfig("")
	cfg.InMemory = true
	s := openStore(t, cfg)
	dn := newTestDatanet(t, "memory", testLabels)
	mustPutDatanet(t, s, dn)
	res := mustPutRecords(t, s, newRecords(t, dn, submitterKey, "mem", 3))
	if !s.HasRecord(res[2].CID) || s.Stats() != (Stats{Datanets: 1, Records: 3}) {
		t.Fatalf("in-memory store: stats %+v", s.Stats())
	}
}

func TestPutDatanet(t *testing.T) {
	s := openStore(t, testConfig(t))
	ctx := context.Background()
	if got := s.Stats(); got != (Stats{}) || s.LastSeq() != 0 {
		t.Fatalf("empty store: stats %+v, last seq %d", got, s.LastSeq())
	}
	d := newTestDatanet(t, "put", testLabels)
	created, err := s.PutDatanet(ctx, d)
	if err != nil || !created {
		t.Fatalf("first PutDatanet: created %v, %v", created, err)
	}
	created, err = s.PutDatanet(ctx, d.Clone())
	if err != nil || created {
		t.Fatalf("second PutDatanet: created %v, %v", created, err)
	}
	if got := s.Stats(); got != (Stats{Datanets: 1}) || s.LastSeq() != 1 {
		t.Fatalf("stats %+v, last seq %d; want 1 datanet at seq 1", got, s.LastSeq())
	}

	got, err := s.GetDatanet(d.ID())
	if err != nil {
		t.Fatal(err)
	}
	if diff := datanetDiff(d, got); diff != "" {
		t.Fatalf("GetDatanet differs: %s", diff)
	}
	// The store hands out copies.
	got.Labels[0] = "mutated"
	got.Signature[0] ^= 1
	again, err := s.GetDatanet(d.ID())
	if err != nil {
		t.Fatal(err)
	}
	if diff := datanetDiff(d, again); diff != "" {
		t.Fatalf("mutating a returned datanet changed the store: %s", diff)
	}
	// And keeps no reference to the caller's value.
	d2 := newTestDatanet(t, "caller copy", testLabels)
	mustPutDatanet(t, s, d2)
	want := d2.Clone()
	d2.Labels[0] = "mutated"
	if g, _ := s.GetDatanet(want.ID()); g == nil || datanetDiff(want, g) != "" {
		t.Fatal("mutating the caller's datanet after PutDatanet changed the store")
	}

	_, err = s.GetDatanet(newTestDatanet(t, "absent", nil).ID())
	wantErr(t, "GetDatanet of an absent datanet", err, ErrNotFound)

	// Invalid datanets are not stored.
	bad := newTestDatanet(t, "bad", nil)
	bad.Name = "tampered"
	_, err = s.PutDatanet(ctx, bad)
	wantErr(t, "PutDatanet with a bad signature", err, ErrBadSignature)
	unsigned := NewDatanet("unsigned", "", nil, nil, 0, testTime)
	unsigned.Owner = testKey(t, ownerKey).Address()
	_, err = s.PutDatanet(ctx, unsigned)
	wantErr(t, "PutDatanet unsigned", err, ErrBadSignature)
	badQuorum := newTestDatanet(t, "quorum", nil)
	badQuorum.Quorum = 0
	_, err = s.PutDatanet(ctx, badQuorum)
	wantErr(t, "PutDatanet bad quorum", err, ErrInvalid)
	if got := s.Stats(); got.Datanets != 2 || s.LastSeq() != 2 {
		t.Fatalf("after rejected datanets: stats %+v, last seq %d", got, s.LastSeq())
	}
	if _, err := s.GetDatanet(bad.ID()); !errors.Is(err, ErrNotFound) {
		t.Fatalf("rejected datanet is readable: %v", err)
	}
}

func TestListDatanetsOrder(t *testing.T) {
	cfg := testConfig(t)
	s, err := Open(cfg, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	// Store them in descending ID order, so that storage order and key
	// order disagree.
	var dns []*Datanet
	for i := range 6 {
		dns = append(dns, newTestDatanet(t, fmt.Sprintf("order %d", i), nil))
	}
	slices.SortFunc(dns, func(a, b *Datanet) int { return -bytes.Compare(a.ID().Bytes(), b.ID().Bytes()) })
	for _, d := range dns {
		mustPutDatanet(t, s, d)
	}
	check := func(when string, s *Store) {
		t.Helper()
		got, err := s.ListDatanets()
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(dns) {
			t.Fatalf("%s: %d datanets, want %d", when, len(got), len(dns))
		}
		for i := range dns {
			if !got[i].ID().Equals(dns[i].ID()) {
				t.Fatalf("%s: datanet %d is %q, want %q (storage order)", when, i, got[i].Name, dns[i].Name)
			}
		}
		got[0].Name = "mutated"
		if again, _ := s.ListDatanets(); again[0].Name == "mutated" {
			t.Fatalf("%s: ListDatanets returns shared values", when)
		}
	}
	check("before reopen", s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2 := openStore(t, cfg)
	check("after reopen", s2)
}

func TestPutRecordIdempotentByContent(t *testing.T) {
	now := time.UnixMilli(1_800_000_000_000)
	cfg := testConfig(t)
	cfg.Now = func() time.Time { return now }
	s := openStore(t, cfg)
	ctx := context.Background()
	dn := newTestDatanet(t, "idempotent", testLabels)
	mustPutDatanet(t, s, dn)

	r := newSignedRecord(t, dn, submitterKey, "once", "positive")
	res, err := s.PutRecord(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Created || res.Seq != 2 || !res.CID.Equals(r.CID()) || res.Err != nil {
		t.Fatalf("first PutRecord: %+v", res)
	}
	res2, err := s.PutRecord(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	if res2.Created || res2.Seq != res.Seq || !res2.CID.Equals(res.CID) {
		t.Fatalf("second PutRecord: %+v, want not created, seq %d", res2, res.Seq)
	}
	// The same content from another submitter, with another label and time,
	// is the same record.
	now = now.Add(time.Hour)
	other := NewRecord(dn.ID(), r.Content, r.Source, "negative", testTime.Add(time.Minute))
	if err := other.Sign(testKey(t, submitter2Key)); err != nil {
		t.Fatal(err)
	}
	res3, err := s.PutRecords(ctx, []*Record{other})
	if err != nil {
		t.Fatal(err)
	}
	if res3[0].Created || res3[0].Seq != res.Seq || res3[0].Err != nil {
		t.Fatalf("same content by another submitter: %+v", res3[0])
	}
	if got := s.Stats(); got != (Stats{Datanets: 1, Records: 1}) || s.LastSeq() != 2 {
		t.Fatalf("stats %+v, last seq %d", got, s.LastSeq())
	}
	// The first submission is what is stored.
	sr, err := s.GetRecord(r.CID())
	if err != nil {
		t.Fatal(err)
	}
	if d := recordDiff(r, &sr.Record); d != "" {
		t.Fatalf("stored record differs from the first submission: %s", d)
	}
	if sr.State != StatePending || sr.Seq != 2 || !sr.CID.Equals(r.CID()) {
		t.Fatalf("stored record %+v", sr)
	}
	if sr.ReceivedAt != 1_800_000_000_000 {
		t.Fatalf("ReceivedAt %d, want the injected clock's first reading", sr.ReceivedAt)
	}
	if err := sr.Validate(dn); err != nil {
		t.Fatalf("stored record does not validate: %v", err)
	}
	if !s.HasRecord(r.CID()) {
		t.Fatal("HasRecord false for a stored record")
	}
	absent := newSignedRecord(t, dn, submitterKey, "never stored", "")
	if s.HasRecord(absent.CID()) || s.HasRecord(cid.Undef) {
		t.Fatal("HasRecord true for an absent record")
	}
	_, err = s.GetRecord(absent.CID())
	wantErr(t, "GetRecord of an absent record", err, ErrNotFound)
}

func TestPutRecordsMixedBatch(t *testing.T) {
	s := openStore(t, testConfig(t))
	ctx := context.Background()
	dn := newTestDatanet(t, "mixed", testLabels)
	mustPutDatanet(t, s, dn)
	unknown := newTestDatanet(t, "unknown", testLabels)

	good1 := newSignedRecord(t, dn, submitterKey, "good one", "positive")
	good2 := newSignedRecord(t, dn, submitter2Key, "good two", "")
	forged := newSignedRecord(t, dn, submitterKey, "forged", "")
	forged.Content = "forged!"
	offSchema := newSignedRecord(t, dn, submitterKey, "off schema", "sarcastic")
	foreign := newSignedRecord(t, unknown, submitterKey, "foreign", "")
	huge := newSignedRecord(t, dn, submitterKey, strings.Repeat("h", MaxContentBytes+1), "")
	empty := newSignedRecord(t, dn, submitterKey, "", "")
	dup := good1.Clone()

	batch := []*Record{good1, forged, offSchema, foreign, nil, huge, dup, empty, good2}
	res, err := s.PutRecords(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != len(batch) {
		t.Fatalf("%d results for %d records", len(res), len(batch))
	}
	wantErrs := []error{nil, ErrBadSignature, ErrLabelNotInSchema, ErrUnknownDatanet, ErrInvalid, ErrTooLarge, nil, ErrInvalid, nil}
	for i, want := range wantErrs {
		if want == nil {
			if res[i].Err != nil {
				t.Fatalf("result %d: %v", i, res[i].Err)
			}
			continue
		}
		wantErr(t, fmt.Sprintf("result %d", i), res[i].Err, want)
		if res[i].Created || res[i].Seq != 0 {
			t.Fatalf("result %d failed but reports created %v seq %d", i, res[i].Created, res[i].Seq)
		}
		if batch[i] != nil && !res[i].CID.Equals(batch[i].CID()) {
			t.Fatalf("result %d: CID %s, want %s", i, res[i].CID, batch[i].CID())
		}
	}
	if res[4].CID.Defined() {
		t.Fatal("nil record has a CID")
	}
	if !res[0].Created || !res[8].Created || res[6].Created {
		t.Fatalf("created flags: %v %v %v, want true true false", res[0].Created, res[8].Created, res[6].Created)
	}
	if res[6].Seq != res[0].Seq || res[0].Seq == res[8].Seq {
		t.Fatalf("seqs %d %d %d: the duplicate must share the first one's", res[0].Seq, res[6].Seq, res[8].Seq)
	}
	// Sequence numbers go to stored records only, in batch order.
	if res[0].Seq != 2 || res[8].Seq != 3 || s.LastSeq() != 3 {
		t.Fatalf("seqs %d, %d, last %d; want 2, 3, 3", res[0].Seq, res[8].Seq, s.LastSeq())
	}
	if got := s.Stats(); got.Records != 2 {
		t.Fatalf("stored %d records, want 2", got.Records)
	}
	for _, r := range []*Record{forged, offSchema, foreign, huge} {
		if s.HasRecord(r.CID()) {
			t.Fatalf("rejected record %.20q was stored", r.Content)
		}
	}

	// A batch with no valid record stores nothing and uses no seq.
	res, err = s.PutRecords(ctx, []*Record{forged, offSchema})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Err == nil || res[1].Err == nil || s.LastSeq() != 3 {
		t.Fatalf("all-invalid batch: %+v, last seq %d", res, s.LastSeq())
	}
	// An empty batch is fine.
	if res, err := s.PutRecords(ctx, nil); err != nil || len(res) != 0 {
		t.Fatalf("empty batch: %v, %v", res, err)
	}
	// PutRecord reports a record's error as its error.
	_, err = s.PutRecord(ctx, foreign)
	wantErr(t, "PutRecord for an unknown datanet", err, ErrUnknownDatanet)
	_, err = s.PutRecord(ctx, offSchema)
	wantErr(t, "PutRecord with a label outside the schema", err, ErrLabelNotInSchema)
	_, err = s.PutRecord(ctx, huge)
	wantErr(t, "PutRecord with oversized content", err, ErrTooLarge)
	_, err = s.PutRecord(ctx, forged)
	wantErr(t, "PutRecord with a bad signature", err, ErrBadSignature)
}

// Batches large enough to be validated on several goroutines keep every
// result at its record's index.
func TestPutRecordsLargeBatchKeepsOrder(t *testing.T) {
	s := openStore(t, testConfig(t))
	dn := newTestDatanet(t, "large batch", testLabels)
	mustPutDatanet(t, s, dn)
	n := 4*parallelPrepareMin + 7
	recs := newRecords(t, dn, submitterKey, "large", n)
	bad := map[int]bool{}
	for i := 0; i < n; i += 13 {
		recs[i].CreatedAt++ // breaks the signature
		bad[i] = true
	}
	res, err := s.PutRecords(context.Background(), recs)
	if err != nil {
		t.Fatal(err)
	}
	var lastSeq uint64
	for i, r := range res {
		if !r.CID.Equals(recs[i].CID()) {
			t.Fatalf("result %d has CID %s, want %s", i, r.CID, recs[i].CID())
		}
		if bad[i] {
			wantErr(t, fmt.Sprintf("result %d", i), r.Err, ErrBadSignature)
			continue
		}
		if r.Err != nil || !r.Created || r.Seq <= lastSeq {
			t.Fatalf("result %d: %+v (previous seq %d)", i, r, lastSeq)
		}
		lastSeq = r.Seq
	}
	if got, want := s.Stats().Records, n-len(bad); got != want {
		t.Fatalf("stored %d, want %d", got, want)
	}
}

func TestPutVerified(t *testing.T) {
	s := openStore(t, testConfig(t))
	ctx := context.Background()
	dn := newTestDatanet(t, "verified", testLabels)
	mustPutDatanet(t, s, dn)
	good := newSignedRecord(t, dn, submitterKey, "verified", "positive")
	short := newSignedRecord(t, dn, submitterKey, "short sig", "")
	short.Signature = short.Signature[:64]
	off := newSignedRecord(t, dn, submitterKey, "off", "nope")
	res, err := s.PutVerified(ctx, []*Record{good, short, off})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Err != nil || !res[0].Created {
		t.Fatalf("verified record: %+v", res[0])
	}
	wantErr(t, "short signature", res[1].Err, ErrBadSignature)
	wantErr(t, "label outside schema", res[2].Err, ErrLabelNotInSchema)
	sr, err := s.GetRecord(good.CID())
	if err != nil || sr.Verify() != nil {
		t.Fatalf("GetRecord: %v", err)
	}
}

func TestPutRecordsCancelledContext(t *testing.T) {
	s := openStore(t, testConfig(t))
	dn := newTestDatanet(t, "ctx", nil)
	mustPutDatanet(t, s, dn)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := newSignedRecord(t, dn, submitterKey, "cancelled", "")
	_, err := s.PutRecords(ctx, []*Record{r})
	wantErr(t, "PutRecords with a cancelled context", err, context.Canceled)
	_, err = s.PutDatanet(ctx, newTestDatanet(t, "ctx 2", nil))
	wantErr(t, "PutDatanet with a cancelled context", err, context.Canceled)
	if s.HasRecord(r.CID()) || s.Stats() != (Stats{Datanets: 1}) {
		t.Fatalf("a cancelled call stored something: %+v", s.Stats())
	}
}

func TestListRecords(t *testing.T) {
	s := openStore(t, testConfig(t))
	dn := newTestDatanet(t, "list", testLabels)
	other := newTestDatanet(t, "list other", testLabels)
	mustPutDatanet(t, s, dn)
	mustPutDatanet(t, s, other)

	// Interleave two submitters and a second datanet.
	var all []*Record
	for i := range 30 {
		signer := submitterKey
		if i%3 == 0 {
			signer = submitter2Key
		}
		r := newSignedRecord(t, dn, signer, fmt.Sprintf("list %d", i), testLabels[i%3])
		all = append(all, r)
		mustPutRecords(t, s, []*Record{r, newSignedRecord(t, other, signer, fmt.Sprintf("other %d", i), "")})
	}
	golden := map[string]bool{}
	rejected := map[string]bool{}
	for i, r := range all {
		switch i % 5 {
		case 1, 3:
			golden[r.CID().KeyString()] = true
			if err := s.SetState(r.CID(), StateGolden); err != nil {
				t.Fatal(err)
			}
		case 4:
			rejected[r.CID().KeyString()] = true
			if err := s.SetState(r.CID(), StateRejected); err != nil {
				t.Fatal(err)
			}
		}
	}
	sub1, sub2 := testKey(t, submitterKey).Address(), testKey(t, submitter2Key).Address()
	stateOf := func(r *Record) State {
		switch {
		case golden[r.CID().KeyString()]:
			return StateGolden
		case rejected[r.CID().KeyString()]:
			return StateRejected
		}
		return StatePending
	}

	type filter struct {
		name      string
		state     *State
		submitter *common.Address
	}
	filters := []filter{
		{"all", nil, nil},
		{"pending", ptr(StatePending), nil},
		{"golden", ptr(StateGolden), nil},
		{"rejected", ptr(StateRejected), nil},
		{"submitter 1", nil, &sub1},
		{"submitter 2", nil, &sub2},
		{"submitter 2 golden", ptr(StateGolden), &sub2},
		{"submitter 1 pending", ptr(StatePending), &sub1},
		{"nobody", nil, ptr(testKey(t, ownerKey).Address())},
	}
	for _, f := range filters {
		var want []string
		for _, r := range all {
			if (f.state == nil || stateOf(r) == *f.state) && (f.submitter == nil || r.Submitter == *f.submitter) {
				want = append(want, r.CID().String())
			}
		}
		for _, limit := range []int{0, 1, 4, 5, len(want), len(want) + 1} {
			t.Run(fmt.Sprintf("%s/limit %d", f.name, limit), func(t *testing.T) {
				var got []string
				var after, prevSeq uint64
				pages := 0
				for {
					recs, next, err := s.ListRecords(Query{Datanet: dn.ID(), State: f.state, Submitter: f.submitter, After: after, Limit: limit})
					if err != nil {
						t.Fatal(err)
					}
					pages++
					if pages > len(all)+2 {
						t.Fatal("pagination does not end")
					}
					if limit > 0 && len(recs) > limit {
						t.Fatalf("page of %d, limit %d", len(recs), limit)
					}
					for _, r := range recs {
						if r.Seq <= prevSeq {
							t.Fatalf("seq %d after %d: not in sequence order", r.Seq, prevSeq)
						}
						prevSeq = r.Seq
						if !r.Datanet.Equals(dn.ID()) {
							t.Fatal("record of another datanet")
						}
						if r.State != stateOf(&r.Record) {
							t.Fatalf("record state %v, want %v", r.State, stateOf(&r.Record))
						}
						got = append(got, r.CID.String())
					}
					if next == 0 {
						break
					}
					if len(recs) == 0 || next != recs[len(recs)-1].Seq {
						t.Fatalf("next %d is not the last seq of a non-empty page", next)
					}
					after = next
				}
				if !slices.Equal(got, want) {
					t.Fatalf("got %d records, want %d:\n got %v\nwant %v", len(got), len(want), got, want)
				}
				if limit >= len(want) && limit > 0 && pages != 1 {
					t.Fatalf("%d pages with limit %d for %d records", pages, limit, len(want))
				}
			})
		}
	}

	// The other datanet's records are listed separately.
	recs, next, err := s.ListRecords(Query{Datanet: other.ID(), Limit: MaxQueryLimit + 10})
	if err != nil || len(recs) != 30 || next != 0 {
		t.Fatalf("other datanet: %d records, next %d, %v", len(recs), next, err)
	}

	// Bad queries.
	_, _, err = s.ListRecords(Query{Datanet: newTestDatanet(t, "absent", nil).ID()})
	wantErr(t, "unknown datanet", err, ErrUnknownDatanet)
	_, _, err = s.ListRecords(Query{Datanet: dn.ID(), Limit: -1})
	wantErr(t, "negative limit", err, ErrInvalid)
	_, _, err = s.ListRecords(Query{Datanet: dn.ID(), State: ptr(State(0))})
	wantErr(t, "invalid state", err, ErrInvalid)
	recs, next, err = s.ListRecords(Query{Datanet: dn.ID(), After: math.MaxUint64})
	if err != nil || len(recs) != 0 || next != 0 {
		t.Fatalf("after MaxUint64: %d records, next %d, %v", len(recs), next, err)
	}
	recs, _, err = s.ListRecords(Query{Datanet: dn.ID(), After: s.LastSeq()})
	if err != nil || len(recs) != 0 {
		t.Fatalf("after the last seq: %d records, %v", len(recs), err)
	}
	// Default page size.
	recs, _, err = s.ListRecords(Query{Datanet: dn.ID()})
	if err != nil || len(recs) != min(30, DefaultQueryLimit) {
		t.Fatalf("default limit: %d records, %v", len(recs), err)
	}
}

func TestSetState(t *testing.T) {
	s := openStore(t, testConfig(t))
	dn := newTestDatanet(t, "state", testLabels)
	mustPutDatanet(t, s, dn)
	recs := newRecords(t, dn, submitterKey, "state", 3)
	res := mustPutRecords(t, s, recs)
	count := func(st State) int {
		t.Helper()
		got, _, err := s.ListRecords(Query{Datanet: dn.ID(), State: &st})
		if err != nil {
			t.Fatal(err)
		}
		return len(got)
	}
	if count(StatePending) != 3 || count(StateGolden) != 0 {
		t.Fatal("new records are not all pending")
	}
	c := res[1].CID
	for _, step := range []struct {
		st                        State
		pending, golden, rejected int
	}{
		{StateGolden, 2, 1, 0},
		{StateGolden, 2, 1, 0}, // no-op
		{StateRejected, 2, 0, 1},
		{StatePending, 3, 0, 0},
		{StateGolden, 2, 1, 0},
	} {
		if err := s.SetState(c, step.st); err != nil {
			t.Fatal(err)
		}
		sr, err := s.GetRecord(c)
		if err != nil {
			t.Fatal(err)
		}
		if sr.State != step.st || sr.Seq != res[1].Seq {
			t.Fatalf("after SetState(%v): state %v seq %d", step.st, sr.State, sr.Seq)
		}
		if p, g, r := count(StatePending), count(StateGolden), count(StateRejected); p != step.pending || g != step.golden || r != step.rejected {
			t.Fatalf("after SetState(%v): pending %d golden %d rejected %d, want %d %d %d", step.st, p, g, r, step.pending, step.golden, step.rejected)
		}
	}
	// SetState does not create records or log entries.
	if s.Stats().Records != 3 || s.LastSeq() != 4 {
		t.Fatalf("stats %+v, last seq %d", s.Stats(), s.LastSeq())
	}
	wantErr(t, "SetState of an absent record", s.SetState(newSignedRecord(t, dn, submitterKey, "absent", "").CID(), StateGolden), ErrNotFound)
	wantErr(t, "SetState to the zero state", s.SetState(c, 0), ErrInvalid)
	wantErr(t, "SetState to state 4", s.SetState(c, 4), ErrInvalid)
}

func TestLog(t *testing.T) {
	s := openStore(t, testConfig(t))
	ctx := context.Background()
	dnA := newTestDatanet(t, "log a", testLabels)
	dnB := newTestDatanet(t, "log b", nil)
	mustPutDatanet(t, s, dnA)
	big := strings.Repeat("k", 1024)
	mustPutRecords(t, s, []*Record{
		newSignedRecord(t, dnA, submitterKey, "a1 "+big, ""),
		newSignedRecord(t, dnA, submitterKey, "a2 "+big, "positive"),
	})
	mustPutDatanet(t, s, dnB)
	mustPutRecords(t, s, []*Record{
		newSignedRecord(t, dnB, submitterKey, "b1 "+big, ""),
		newSignedRecord(t, dnA, submitter2Key, "a3 "+big, ""),
		newSignedRecord(t, dnB, submitter2Key, "b2 "+big, ""),
	})
	// A state change or a duplicate adds nothing to the log.
	if err := s.SetState(newSignedRecord(t, dnA, submitterKey, "a1 "+big, "").CID(), StateGolden); err != nil {
		t.Fatal(err)
	}
	if res, err := s.PutRecord(ctx, newSignedRecord(t, dnA, submitter2Key, "a2 "+big, "")); err != nil || res.Created {
		t.Fatalf("duplicate: %+v %v", res, err)
	}

	entries, err := s.Log(0, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	wantKinds := []Kind{KindDatanet, KindRecord, KindRecord, KindDatanet, KindRecord, KindRecord, KindRecord}
	if len(entries) != len(wantKinds) {
		t.Fatalf("%d log entries, want %d", len(entries), len(wantKinds))
	}
	seen := map[string]bool{}
	for i, e := range entries {
		if e.Seq != uint64(i+1) || e.Kind != wantKinds[i] {
			t.Fatalf("entry %d: seq %d kind %v, want seq %d kind %v", i, e.Seq, e.Kind, i+1, wantKinds[i])
		}
		switch e.Kind {
		case KindDatanet:
			d, err := DecodeDatanet(e.Data)
			if err != nil {
				t.Fatal(err)
			}
			if err := d.Validate(); err != nil {
				t.Fatal(err)
			}
			seen[d.ID().KeyString()] = true
		case KindRecord:
			r, err := DecodeRecord(e.Data)
			if err != nil {
				t.Fatal(err)
			}
			if !seen[r.Datanet.KeyString()] {
				t.Fatalf("entry %d: record before its datanet", i)
			}
			sr, err := s.GetRecord(r.CID())
			if err != nil {
				t.Fatal(err)
			}
			if sr.Seq != e.Seq {
				t.Fatalf("entry %d: record seq %d", i, sr.Seq)
			}
		}
	}

	// Cursor and limit.
	page, err := s.Log(2, 3, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != 3 || page[0].Seq != 3 || page[2].Seq != 5 {
		t.Fatalf("Log(2, 3): %v", seqs(page))
	}
	if page, _ := s.Log(uint64(len(entries)), 0, 0); len(page) != 0 {
		t.Fatalf("Log after the last entry: %v", seqs(page))
	}
	if page, _ := s.Log(math.MaxUint64, 0, 0); len(page) != 0 {
		t.Fatalf("Log(MaxUint64): %v", seqs(page))
	}
	// Byte budget: at least one entry, however small the budget, and about
	// maxBytes otherwise.
	if page, _ := s.Log(0, 0, 1); len(page) != 1 || page[0].Seq != 1 {
		t.Fatalf("Log with a 1-byte budget: %v", seqs(page))
	}
	if page, _ := s.Log(1, 0, 1); len(page) != 1 || page[0].Seq != 2 {
		t.Fatalf("Log with a 1-byte budget after 1: %v", seqs(page))
	}
	// Entries 5, 6 and 7 are records of the same size.
	one := len(entries[4].Data) + 1
	for _, e := range entries[4:] {
		if e.Kind != KindRecord || len(e.Data)+1 != one {
			t.Fatalf("test setup: entry %d has kind %v and %d bytes, want a record of %d", e.Seq, e.Kind, len(e.Data)+1, one)
		}
	}
	page, err = s.Log(4, 0, 2*one+one/2)
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != 2 || page[0].Seq != 5 || page[1].Seq != 6 {
		t.Fatalf("Log with a budget of 2.5 records: %v", seqs(page))
	}
	if page, _ := s.Log(4, 0, one+one/2); len(page) != 1 {
		t.Fatalf("Log with a budget of 1.5 records: %v", seqs(page))
	}
	if page, _ := s.Log(0, 0, 1<<30); len(page) != len(entries) {
		t.Fatalf("Log with a large budget: %v", seqs(page))
	}
	_, err = s.Log(0, -1, 0)
	wantErr(t, "negative limit", err, ErrInvalid)
	_, err = s.Log(0, 0, -1)
	wantErr(t, "negative maxBytes", err, ErrInvalid)
}

func seqs(es []LogEntry) []uint64 {
	out := make([]uint64, len(es))
	for i, e := range es {
		out[i] = e.Seq
	}
	return out
}

// A peer that replays another's log page by page ends up with the same
// Datanets and records.
func TestLogReplication(t *testing.T) {
	src := openStore(t, testConfig(t))
	dst := openStore(t, testConfig(t))
	ctx := context.Background()
	var dns []*Datanet
	for i := range 3 {
		dn := newTestDatanet(t, fmt.Sprintf("replicate %d", i), testLabels)
		dns = append(dns, dn)
		mustPutDatanet(t, src, dn)
		mustPutRecords(t, src, newRecords(t, dn, submitterKey+i%2, fmt.Sprintf("r%d", i), 7))
	}
	var cursor uint64
	for {
		page, err := src.Log(cursor, 4, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		var recs []*Record
		for _, e := range page {
			switch e.Kind {
			case KindDatanet:
				if len(recs) > 0 {
					mustPutRecords(t, dst, recs)
					recs = nil
				}
				d, err := DecodeDatanet(e.Data)
				if err != nil {
					t.Fatal(err)
				}
				mustPutDatanet(t, dst, d)
			case KindRecord:
				r, err := DecodeRecord(e.Data)
				if err != nil {
					t.Fatal(err)
				}
				recs = append(recs, r)
			default:
				t.Fatalf("entry %d has kind %v", e.Seq, e.Kind)
			}
			cursor = e.Seq
		}
		if len(recs) > 0 {
			if _, err := dst.PutRecords(ctx, recs); err != nil {
				t.Fatal(err)
			}
		}
	}
	if src.Stats() != dst.Stats() || dst.Stats() != (Stats{Datanets: 3, Records: 21}) {
		t.Fatalf("stats: src %+v, dst %+v", src.Stats(), dst.Stats())
	}
	a, _ := src.Log(0, 0, 0)
	b, _ := dst.Log(0, 0, 0)
	if len(a) != len(b) {
		t.Fatalf("log lengths %d and %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Kind != b[i].Kind || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("log entry %d differs", i)
		}
	}
}

func TestMeta(t *testing.T) {
	s := openStore(t, testConfig(t))
	_, err := s.GetMeta("cursor")
	wantErr(t, "GetMeta of an absent key", err, ErrNotFound)
	val := []byte("value 1")
	if err := s.PutMeta("cursor", val); err != nil {
		t.Fatal(err)
	}
	val[0] = 'X' // the store copied it
	got, err := s.GetMeta("cursor")
	if err != nil || string(got) != "value 1" {
		t.Fatalf("GetMeta: %q, %v", got, err)
	}
	if err := s.PutMeta("cursor", []byte("value 2")); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.GetMeta("cursor"); string(got) != "value 2" {
		t.Fatalf("overwritten value %q", got)
	}
	if err := s.PutMeta("empty", nil); err != nil {
		t.Fatal(err)
	}
	if got, err := s.GetMeta("empty"); err != nil || len(got) != 0 {
		t.Fatalf("empty value: %q, %v", got, err)
	}
	large := bytes.Repeat([]byte{7}, MaxMetaValueBytes)
	if err := s.PutMeta("large", large); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.GetMeta("large"); !bytes.Equal(got, large) {
		t.Fatal("large value changed")
	}
	wantErr(t, "value too large", s.PutMeta("k", make([]byte, MaxMetaValueBytes+1)), ErrTooLarge)
	wantErr(t, "empty key", s.PutMeta("", []byte("v")), ErrInvalid)
	wantErr(t, "long key", s.PutMeta(strings.Repeat("k", MaxMetaKeyBytes+1), []byte("v")), ErrInvalid)
	_, err = s.GetMeta("")
	wantErr(t, "GetMeta with an empty key", err, ErrInvalid)
	if err := s.PutMeta(strings.Repeat("k", MaxMetaKeyBytes), []byte("v")); err != nil {
		t.Fatalf("longest key: %v", err)
	}
	// Metadata is neither a datanet nor a record.
	if s.Stats() != (Stats{}) || s.LastSeq() != 0 {
		t.Fatalf("meta changed stats %+v or seq %d", s.Stats(), s.LastSeq())
	}
}

func TestReopenKeepsEverything(t *testing.T) {
	cfg := testConfig(t)
	s, err := Open(cfg, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	dn := newTestDatanet(t, "reopen", testLabels)
	dn2 := newTestDatanet(t, "reopen 2", nil)
	mustPutDatanet(t, s, dn)
	res := mustPutRecords(t, s, newRecords(t, dn, submitterKey, "before", 10))
	mustPutDatanet(t, s, dn2)
	mustPutRecords(t, s, newRecords(t, dn2, submitter2Key, "before", 4))
	if err := s.SetState(res[3].CID, StateRejected); err != nil {
		t.Fatal(err)
	}
	if err := s.PutMeta("sync/peer", []byte{1, 2, 3}); err != nil {
		t.Fatal(err)
	}
	wantStats, wantSeq := s.Stats(), s.LastSeq()
	wantLog, err := s.Log(0, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	wantRec, err := s.GetRecord(res[3].CID)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s2 := openStore(t, cfg)
	if s2.Stats() != wantStats || s2.LastSeq() != wantSeq || wantStats != (Stats{Datanets: 2, Records: 14}) || wantSeq != 16 {
		t.Fatalf("after reopen: stats %+v last seq %d, want %+v and %d", s2.Stats(), s2.LastSeq(), wantStats, wantSeq)
	}
	gotLog, err := s2.Log(0, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(gotLog) != len(wantLog) {
		t.Fatalf("log of %d entries, want %d", len(gotLog), len(wantLog))
	}
	for i := range wantLog {
		if gotLog[i].Seq != wantLog[i].Seq || gotLog[i].Kind != wantLog[i].Kind || !bytes.Equal(gotLog[i].Data, wantLog[i].Data) {
			t.Fatalf("log entry %d differs", i)
		}
	}
	got, err := s2.GetRecord(res[3].CID)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != StateRejected || got.Seq != wantRec.Seq || got.ReceivedAt != wantRec.ReceivedAt || recordDiff(&got.Record, &wantRec.Record) != "" {
		t.Fatalf("record after reopen %+v, want %+v", got, wantRec)
	}
	if rejected, _, _ := s2.ListRecords(Query{Datanet: dn.ID(), State: ptr(StateRejected)}); len(rejected) != 1 {
		t.Fatalf("%d rejected records after reopen, want 1", len(rejected))
	}
	if v, err := s2.GetMeta("sync/peer"); err != nil || !bytes.Equal(v, []byte{1, 2, 3}) {
		t.Fatalf("meta after reopen: %v, %v", v, err)
	}
	// Old content is still deduplicated, and new writes continue the sequence.
	dup, err := s2.PutRecord(context.Background(), newRecords(t, dn, submitterKey, "before", 1)[0])
	if err != nil || dup.Created || dup.Seq != res[0].Seq {
		t.Fatalf("duplicate after reopen: %+v, %v", dup, err)
	}
	if created, err := s2.PutDatanet(context.Background(), dn); err != nil || created {
		t.Fatalf("datanet after reopen: created %v, %v", created, err)
	}
	fresh := mustPutRecords(t, s2, newRecords(t, dn, submitterKey, "after", 1))
	if fresh[0].Seq != wantSeq+1 || s2.Stats().Records != 15 {
		t.Fatalf("new record seq %d, stats %+v", fresh[0].Seq, s2.Stats())
	}
}

func TestClosedStore(t *testing.T) {
	s, err := Open(testConfig(t), testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	dn := newTestDatanet(t, "closed", testLabels)
	mustPutDatanet(t, s, dn)
	r := newSignedRecord(t, dn, submitterKey, "closed", "")
	res := mustPutRecords(t, s, []*Record{r})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	ctx := context.Background()
	_, err = s.PutDatanet(ctx, dn)
	wantErr(t, "PutDatanet", err, ErrClosed)
	_, err = s.PutRecord(ctx, r)
	wantErr(t, "PutRecord", err, ErrClosed)
	_, err = s.PutRecords(ctx, []*Record{r})
	wantErr(t, "PutRecords", err, ErrClosed)
	_, err = s.PutVerified(ctx, []*Record{r})
	wantErr(t, "PutVerified", err, ErrClosed)
	_, err = s.GetDatanet(dn.ID())
	wantErr(t, "GetDatanet", err, ErrClosed)
	_, err = s.ListDatanets()
	wantErr(t, "ListDatanets", err, ErrClosed)
	_, err = s.GetRecord(res[0].CID)
	wantErr(t, "GetRecord", err, ErrClosed)
	if s.HasRecord(res[0].CID) {
		t.Fatal("HasRecord true on a closed store")
	}
	_, _, err = s.ListRecords(Query{Datanet: dn.ID()})
	wantErr(t, "ListRecords", err, ErrClosed)
	wantErr(t, "SetState", s.SetState(res[0].CID, StateGolden), ErrClosed)
	_, err = s.Log(0, 0, 0)
	wantErr(t, "Log", err, ErrClosed)
	_, err = s.GetMeta("k")
	wantErr(t, "GetMeta", err, ErrClosed)
	wantErr(t, "PutMeta", s.PutMeta("k", nil), ErrClosed)
	_, err = s.Export(ctx, &bytes.Buffer{}, dn.ID(), nil, nil)
	wantErr(t, "Export", err, ErrClosed)
}

func TestOpenRefusesForeignLayout(t *testing.T) {
	write := func(t *testing.T, dir string, kvs map[string][]byte) {
		db, err := badger.Open(badger.DefaultOptions(dir).WithLogger(nil))
		if err != nil {
			t.Fatal(err)
		}
		err = db.Update(func(txn *badger.Txn) error {
			for k, v := range kvs {
				if err := txn.Set([]byte(k), v); err != nil {
					return err
				}
			}
			return nil
		})
		if cerr := db.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Run("other version", func(t *testing.T) {
		cfg := testConfig(t)
		write(t, cfg.Dir, map[string][]byte{string(versionKey()): {layoutVersion + 1}})
		_, err := Open(cfg, testLogger(t))
		wantErr(t, "Open", err, ErrInvalid)
	})
	t.Run("data without version", func(t *testing.T) {
		cfg := testConfig(t)
		write(t, cfg.Dir, map[string][]byte{"some other application": []byte("x")})
		_, err := Open(cfg, testLogger(t))
		wantErr(t, "Open", err, ErrInvalid)
	})
	t.Run("locked by another store", func(t *testing.T) {
		cfg := testConfig(t)
		openStore(t, cfg)
		if s, err := Open(cfg, testLogger(t)); err == nil {
			s.Close()
			t.Fatal("opened a directory that another store holds")
		}
	})
}

// A group commit larger than one badger transaction is split, and every
// part is committed with the counters.
func TestLargeBatchSplitsCommits(t *testing.T) {
	cfg := testConfig(t)
	cfg.MemTableSize = 4 << 20 // badger transactions of at most ~600 KB
	s, err := Open(cfg, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	dn := newTestDatanet(t, "split", nil)
	mustPutDatanet(t, s, dn)
	pad := strings.Repeat("p", 1024)
	small := make([]*Record, 800)
	for i := range small {
		small[i] = newSignedRecord(t, dn, submitterKey, fmt.Sprintf("%d %s", i, pad), "")
	}
	large := make([]*Record, 5)
	for i := range large {
		large[i] = newSignedRecord(t, dn, submitterKey, fmt.Sprintf("%d %s", i, strings.Repeat("L", MaxContentBytes-10)), "")
	}
	for _, batch := range [][]*Record{small, large} {
		res, err := s.PutVerified(context.Background(), batch)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range res {
			if r.Err != nil || !r.Created {
				t.Fatalf("record %d: %+v", i, r)
			}
		}
	}
	want := Stats{Datanets: 1, Records: len(small) + len(large)}
	if s.Stats() != want || s.LastSeq() != uint64(want.Records+1) {
		t.Fatalf("stats %+v, last seq %d", s.Stats(), s.LastSeq())
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2 := openStore(t, cfg)
	if s2.Stats() != want || s2.LastSeq() != uint64(want.Records+1) {
		t.Fatalf("after reopen: stats %+v, last seq %d", s2.Stats(), s2.LastSeq())
	}
	for _, r := range append(small[len(small)-3:], large...) {
		got, err := s2.GetRecord(r.CID())
		if err != nil {
			t.Fatal(err)
		}
		if d := recordDiff(r, &got.Record); d != "" {
			t.Fatalf("record differs: %s", d)
		}
	}
}
