package datanet

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
)

// Many goroutines storing overlapping sets of records store every distinct
// record exactly once: one caller sees Created, all see the same Seq, and
// Seqs are unique and gap-free.
func TestConcurrentPutRecords(t *testing.T) {
	s := openStore(t, testConfig(t))
	dn := newTestDatanet(t, "concurrent", testLabels)
	mustPutDatanet(t, s, dn)

	const (
		goroutines = 12
		shared     = 40
		own        = 8
	)
	common := newRecords(t, dn, submitterKey, "shared", shared)
	owned := make([][]*Record, goroutines)
	for g := range owned {
		owned[g] = newRecords(t, dn, submitter2Key, fmt.Sprintf("own %d", g), own)
	}

	type outcome struct {
		cid     string
		created bool
		seq     uint64
	}
	results := make([][]outcome, goroutines)
	errs := make(chan error, goroutines)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(g), 1))
			recs := append(append([]*Record(nil), common...), owned[g]...)
			rng.Shuffle(len(recs), func(i, j int) { recs[i], recs[j] = recs[j], recs[i] })
			<-start
			for len(recs) > 0 {
				n := min(len(recs), 1+rng.IntN(7))
				batch := recs[:n]
				recs = recs[n:]
				var res []PutResult
				if n == 1 && g%2 == 0 {
					r, err := s.PutRecord(context.Background(), batch[0])
					if err != nil {
						errs <- err
						return
					}
					res = []PutResult{r}
				} else {
					var err error
					if res, err = s.PutRecords(context.Background(), batch); err != nil {
						errs <- err
						return
					}
				}
				for i, r := range res {
					if r.Err != nil {
						errs <- fmt.Errorf("record %q: %w", batch[i].Content, r.Err)
						return
					}
					if !r.CID.Equals(batch[i].CID()) {
						errs <- fmt.Errorf("record %q: CID %s, want %s", batch[i].Content, r.CID, batch[i].CID())
						return
					}
					results[g] = append(results[g], outcome{r.CID.KeyString(), r.Created, r.Seq})
				}
			}
		})
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}

	distinct := shared + goroutines*own
	created := map[string]int{}
	seqOf := map[string]uint64{}
	cidOf := map[uint64]string{}
	for _, rs := range results {
		for _, o := range rs {
			if o.created {
				created[o.cid]++
			}
			if prev, ok := seqOf[o.cid]; ok && prev != o.seq {
				t.Fatalf("record got seq %d and %d", prev, o.seq)
			}
			seqOf[o.cid] = o.seq
			if prev, ok := cidOf[o.seq]; ok && prev != o.cid {
				t.Fatalf("seq %d given to two records", o.seq)
			}
			cidOf[o.seq] = o.cid
		}
	}
	if len(seqOf) != distinct {
		t.Fatalf("%d distinct records acknowledged, want %d", len(seqOf), distinct)
	}
	for c, n := range created {
		if n != 1 {
			t.Fatalf("record %x reported created %d times", c, n)
		}
	}
	if len(created) != distinct {
		t.Fatalf("%d records reported created, want %d", len(created), distinct)
	}
	// Seqs 2..distinct+1: the datanet has 1, and no commit failed.
	for seq := uint64(2); seq <= uint64(distinct+1); seq++ {
		if _, ok := cidOf[seq]; !ok {
			t.Fatalf("seq %d unused", seq)
		}
	}
	if got := s.Stats(); got != (Stats{Datanets: 1, Records: distinct}) || s.LastSeq() != uint64(distinct+1) {
		t.Fatalf("stats %+v, last seq %d; want %d records, last seq %d", got, s.LastSeq(), distinct, distinct+1)
	}
	var listed int
	var after uint64
	for {
		recs, next, err := s.ListRecords(Query{Datanet: dn.ID(), After: after, Limit: 17})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			if seqOf[r.CID.KeyString()] != r.Seq {
				t.Fatalf("listed record has seq %d, acknowledged %d", r.Seq, seqOf[r.CID.KeyString()])
			}
			listed++
		}
		if next == 0 {
			break
		}
		after = next
	}
	if listed != distinct {
		t.Fatalf("listed %d records, want %d", listed, distinct)
	}
	log, err := s.Log(0, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != distinct+1 {
		t.Fatalf("log has %d entries, want %d", len(log), distinct+1)
	}
}

// Concurrent PutDatanet calls for one Datanet store it once.
func TestConcurrentPutDatanet(t *testing.T) {
	s := openStore(t, testConfig(t))
	const goroutines = 16
	dns := []*Datanet{newTestDatanet(t, "concurrent a", nil), newTestDatanet(t, "concurrent b", testLabels)}
	var mu sync.Mutex
	created := map[string]int{}
	start := make(chan struct{})
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			d := dns[g%2].Clone()
			<-start
			c, err := s.PutDatanet(context.Background(), d)
			if err != nil {
				t.Error(err)
				return
			}
			if c {
				mu.Lock()
				created[d.ID().KeyString()]++
				mu.Unlock()
			}
		})
	}
	close(start)
	wg.Wait()
	for _, d := range dns {
		if n := created[d.ID().KeyString()]; n != 1 {
			t.Errorf("datanet %q reported created %d times", d.Name, n)
		}
	}
	list, err := s.ListDatanets()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || s.Stats().Datanets != 2 || s.LastSeq() != 2 {
		t.Fatalf("%d datanets listed, stats %+v, last seq %d; want 2, 2, 2", len(list), s.Stats(), s.LastSeq())
	}
}

// Readers run while writers commit; the race detector checks the locking,
// and every reader sees a consistent prefix.
func TestConcurrentReadersAndWriters(t *testing.T) {
	s := openStore(t, testConfig(t))
	dn := newTestDatanet(t, "readers", testLabels)
	mustPutDatanet(t, s, dn)
	recs := newRecords(t, dn, submitterKey, "rw", 60)
	var wg sync.WaitGroup
	done := make(chan struct{})
	for w := range 3 {
		wg.Go(func() {
			for i := w; i < len(recs); i += 3 {
				res, err := s.PutRecord(context.Background(), recs[i])
				if err != nil {
					t.Error(err)
					return
				}
				if i%4 == 0 {
					if err := s.SetState(res.CID, StateGolden); err != nil {
						t.Error(err)
						return
					}
				}
			}
		})
	}
	var readers sync.WaitGroup
	for range 2 {
		readers.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				st := s.Stats()
				log, err := s.Log(0, 0, 0)
				if err != nil {
					t.Error(err)
					return
				}
				// The log is read after the counters, so it holds at least as much.
				if len(log) < st.Datanets+st.Records {
					t.Errorf("log of %d entries, stats %+v", len(log), st)
					return
				}
				for i, e := range log {
					if e.Seq != uint64(i+1) {
						t.Errorf("log entry %d has seq %d", i, e.Seq)
						return
					}
				}
				if _, _, err := s.ListRecords(Query{Datanet: dn.ID(), State: ptr(StateGolden)}); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(done)
	readers.Wait()
	golden, _, err := s.ListRecords(Query{Datanet: dn.ID(), State: ptr(StateGolden)})
	if err != nil {
		t.Fatal(err)
	}
	if len(golden) != 15 || s.Stats().Records != 60 {
		t.Fatalf("%d golden records, %d records; want 15 and 60", len(golden), s.Stats().Records)
	}
}

// Close waits for calls in flight and fails later ones; it never loses an
// acknowledged write.
func TestCloseDuringWrites(t *testing.T) {
	cfg := testConfig(t)
	s, err := Open(cfg, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	dn := newTestDatanet(t, "close race", nil)
	mustPutDatanet(t, s, dn)
	recs := newRecords(t, dn, submitterKey, "close", 80)
	var mu sync.Mutex
	var acked []*Record
	var wg sync.WaitGroup
	started := make(chan struct{}, 4)
	for w := range 4 {
		wg.Go(func() {
			started <- struct{}{}
			for i := w; i < len(recs); i += 4 {
				res, err := s.PutRecord(context.Background(), recs[i])
				if err != nil {
					if !errors.Is(err, ErrClosed) {
						t.Errorf("PutRecord: %v", err)
					}
					return
				}
				if res.Created {
					mu.Lock()
					acked = append(acked, recs[i])
					mu.Unlock()
				}
			}
		})
	}
	for range 4 {
		<-started
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	s2 := openStore(t, cfg)
	for _, r := range acked {
		if !s2.HasRecord(r.CID()) {
			t.Fatalf("acknowledged record %q lost", r.Content)
		}
	}
	if s2.Stats().Records != len(acked) {
		t.Fatalf("%d records stored, %d acknowledged", s2.Stats().Records, len(acked))
	}
}
