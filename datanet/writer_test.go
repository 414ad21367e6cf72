package datanet

import (
	"context"
	"testing"
)

// These tests hand one group commit to the writer directly, to cover
// batches that concurrent callers produce only by chance. The writer
// goroutine is idle meanwhile: no call is in flight.

func datanetReq(t *testing.T, d *Datanet) *writeReq {
	t.Helper()
	wire, err := EncodeDatanet(d)
	if err != nil {
		t.Fatal(err)
	}
	dn, err := DecodeDatanet(wire)
	if err != nil {
		t.Fatal(err)
	}
	return &writeReq{kind: opDatanet, dn: &dnEntry{dn: dn, id: dn.ID()}, dnWire: wire, done: make(chan struct{})}
}

func recordsReq(t *testing.T, s *Store, recs ...*Record) *writeReq {
	t.Helper()
	req := &writeReq{kind: opRecords, results: make([]PutResult, len(recs)), done: make(chan struct{})}
	for _, r := range recs {
		p, err := s.prepare(r, true)
		if err != nil {
			t.Fatal(err)
		}
		req.recs = append(req.recs, p)
	}
	return req
}

func stateReq(r *Record, st State) *writeReq {
	return &writeReq{kind: opState, stateCID: r.CID().Bytes(), state: st, done: make(chan struct{})}
}

func TestWriterBatchWithOneDatanetTwice(t *testing.T) {
	s := openStore(t, testConfig(t))
	d := newTestDatanet(t, "twice", testLabels)
	a, b := datanetReq(t, d), datanetReq(t, d)
	s.w.process([]*writeReq{a, b})
	if a.err != nil || b.err != nil {
		t.Fatal(a.err, b.err)
	}
	if !a.created || b.created {
		t.Fatalf("created %v and %v, want true and false", a.created, b.created)
	}
	list, err := s.ListDatanets()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || s.Stats().Datanets != 1 || s.LastSeq() != 1 {
		t.Fatalf("%d datanets listed, stats %+v, last seq %d", len(list), s.Stats(), s.LastSeq())
	}
	log, err := s.Log(0, 0, 0)
	if err != nil || len(log) != 1 {
		t.Fatalf("log of %d entries (%v), want 1", len(log), err)
	}
	// The store keeps working through the writer goroutine.
	r := newSignedRecord(t, d, submitterKey, "after", "")
	res, err := s.PutRecord(context.Background(), r)
	if err != nil || res.Seq != 2 {
		t.Fatalf("PutRecord: %+v, %v", res, err)
	}
}

func TestWriterBatchRecordsAndStates(t *testing.T) {
	s := openStore(t, testConfig(t))
	d := newTestDatanet(t, "states", testLabels)
	mustPutDatanet(t, s, d)
	stored := newSignedRecord(t, d, submitterKey, "stored before", "")
	mustPutRecords(t, s, []*Record{stored})

	fresh := newSignedRecord(t, d, submitterKey, "fresh", "")
	dupOfFresh := newSignedRecord(t, d, submitter2Key, "fresh", "positive")
	other := newSignedRecord(t, d, submitterKey, "other", "")
	r1 := recordsReq(t, s, fresh, other)
	s1 := stateReq(fresh, StateRejected)       // a record created in this batch
	s2 := stateReq(stored, StateGolden)        // a stored record ...
	s3 := stateReq(stored, StateRejected)      // ... changed twice
	r2 := recordsReq(t, s, dupOfFresh, stored) // duplicates of both kinds
	s4 := stateReq(other, StatePending)        // no change
	missing := stateReq(newSignedRecord(t, d, submitterKey, "missing", ""), StateGolden)
	s.w.process([]*writeReq{r1, s1, s2, s3, r2, s4, missing})

	for i, req := range []*writeReq{r1, s1, s2, s3, r2, s4} {
		if req.err != nil {
			t.Fatalf("request %d: %v", i, req.err)
		}
	}
	wantErr(t, "state of a missing record", missing.err, ErrNotFound)
	if !r1.results[0].Created || !r1.results[1].Created || r1.results[0].Seq != 3 || r1.results[1].Seq != 4 {
		t.Fatalf("new records: %+v", r1.results)
	}
	if r2.results[0].Created || r2.results[0].Seq != 3 || r2.results[1].Created || r2.results[1].Seq != 2 {
		t.Fatalf("duplicates: %+v", r2.results)
	}
	for _, c := range []struct {
		r  *Record
		st State
	}{{fresh, StateRejected}, {stored, StateRejected}, {other, StatePending}} {
		sr, err := s.GetRecord(c.r.CID())
		if err != nil {
			t.Fatal(err)
		}
		if sr.State != c.st {
			t.Errorf("%q: state %v, want %v", c.r.Content, sr.State, c.st)
		}
	}
	// The state index holds every record exactly once, under its state.
	count := map[State]int{}
	for _, st := range []State{StatePending, StateGolden, StateRejected} {
		recs, _, err := s.ListRecords(Query{Datanet: d.ID(), State: &st})
		if err != nil {
			t.Fatal(err)
		}
		count[st] = len(recs)
	}
	if count[StatePending] != 1 || count[StateGolden] != 0 || count[StateRejected] != 2 {
		t.Fatalf("state index: %v, want pending 1, golden 0, rejected 2", count)
	}
	if s.Stats().Records != 3 || s.LastSeq() != 4 {
		t.Fatalf("stats %+v, last seq %d", s.Stats(), s.LastSeq())
	}
}
