package datanet

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// benchContentBytes is the content size of benchmark records.
const benchContentBytes = 1024

var benchPool struct {
	sync.Mutex
	dn   *Datanet
	recs []*Record
}

// benchRecords returns n distinct signed records of 1 KiB content for one
// Datanet, signing new ones only when the pool is too small. Each store in
// a benchmark is fresh, so reusing records across runs stores them anew.
func benchRecords(b *testing.B, n int) (*Datanet, []*Record) {
	b.Helper()
	benchPool.Lock()
	defer benchPool.Unlock()
	if benchPool.dn == nil {
		benchPool.dn = newTestDatanet(b, "bench", testLabels)
	}
	dn := benchPool.dn
	if have := len(benchPool.recs); have < n {
		more := make([]*Record, n-have)
		var wg sync.WaitGroup
		const workers = 4
		for w := range workers {
			wg.Go(func() {
				for i := w; i < len(more); i += workers {
					head := fmt.Sprintf("bench record %d ", have+i)
					content := head + strings.Repeat("x", benchContentBytes-len(head))
					more[i] = newSignedRecord(b, dn, submitterKey+i%2, content, testLabels[i%3])
				}
			})
		}
		wg.Wait()
		benchPool.recs = append(benchPool.recs, more...)
	}
	return dn, benchPool.recs[:n]
}

func benchStore(b *testing.B, syncWrites bool, dn *Datanet) *Store {
	b.Helper()
	cfg := DefaultStoreConfig(b.TempDir())
	cfg.SyncWrites = syncWrites
	s, err := Open(cfg, nil)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.PutDatanet(context.Background(), dn); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkPutRecords measures storing signed 1 KiB records: signature
// recovery, validation, group commit, and with sync=true an fsync before
// each acknowledgement. batch=100 is one caller with PutRecords of 100
// records; callers=32 is 32 concurrent PutRecord calls of one record each,
// which the writer gathers into group commits.
func BenchmarkPutRecords(b *testing.B) {
	for _, syncWrites := range []bool{false, true} {
		b.Run(fmt.Sprintf("sync=%v/batch=100", syncWrites), func(b *testing.B) {
			dn, recs := benchRecords(b, b.N)
			s := benchStore(b, syncWrites, dn)
			defer s.Close()
			b.SetBytes(benchContentBytes)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i += 100 {
				res, err := s.PutRecords(context.Background(), recs[i:min(i+100, b.N)])
				if err != nil {
					b.Fatal(err)
				}
				for _, r := range res {
					if r.Err != nil || !r.Created {
						b.Fatalf("%+v", r)
					}
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
		})
		b.Run(fmt.Sprintf("sync=%v/callers=32", syncWrites), func(b *testing.B) {
			dn, recs := benchRecords(b, b.N)
			s := benchStore(b, syncWrites, dn)
			defer s.Close()
			var next atomic.Int64
			b.SetBytes(benchContentBytes)
			b.ReportAllocs()
			b.ResetTimer()
			var wg sync.WaitGroup
			for range 32 {
				wg.Go(func() {
					for {
						i := int(next.Add(1)) - 1
						if i >= b.N {
							return
						}
						res, err := s.PutRecord(context.Background(), recs[i])
						if err != nil || !res.Created {
							b.Errorf("%+v %v", res, err)
							return
						}
					}
				})
			}
			wg.Wait()
			b.StopTimer()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

func benchRecord(b *testing.B) *Record {
	_, recs := benchRecords(b, 1)
	return recs[0]
}

func BenchmarkEncodeRecord(b *testing.B) {
	r := benchRecord(b)
	wire, err := EncodeRecord(r)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(wire)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := EncodeRecord(r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeRecord(b *testing.B) {
	wire, err := EncodeRecord(benchRecord(b))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(wire)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeRecord(wire); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRecordVerify(b *testing.B) {
	r := benchRecord(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := r.Verify(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRecordCID(b *testing.B) {
	r := benchRecord(b)
	b.ReportAllocs()
	for b.Loop() {
		if !r.CID().Defined() {
			b.Fatal("undefined CID")
		}
	}
}
