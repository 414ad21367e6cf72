// Package ingestbench measures durable record ingest through the datanet
// store API (signature check, validation, group commit, fsync before the
// acknowledgement) and, in the same run and on the same disk, raw badger
// writes of the same size: the limit the store can approach.
package ingestbench

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	badger "github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/datanet"
)

// Options shape the run.
type Options struct {
	// Dir holds the databases; each measurement gets a fresh subdirectory.
	Dir string
	// Records per measurement (default 200,000).
	Records int
	// RecordBytes is the content size (default 1024).
	RecordBytes int
	// Writers is the number of concurrent submitters (default 64).
	Writers int
	// Batch is the records per PutRecords call in the batched run
	// (default 100).
	Batch int
}

func (o *Options) defaults() {
	if o.Records <= 0 {
		o.Records = 200_000
	}
	if o.RecordBytes <= 0 {
		o.RecordBytes = 1024
	}
	if o.Writers <= 0 {
		o.Writers = 64
	}
	if o.Batch <= 0 {
		o.Batch = 100
	}
}

// Row is one measurement.
type Row struct {
	Name    string
	Records int
	Elapsed time.Duration
	Target  string
}

// PerSec is records per second.
func (r Row) PerSec() float64 { return float64(r.Records) / r.Elapsed.Seconds() }

// Result is every measurement of a run.
type Result struct {
	Opts Options
	Rows []Row
}

// WriteTable prints the rows next to the target.
func (r Result) WriteTable(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "ingest: %d records of %d B, %d writers, fsync on every commit, GOMAXPROCS=%d\n",
		r.Opts.Records, r.Opts.RecordBytes, r.Opts.Writers, runtime.GOMAXPROCS(0))
	fmt.Fprintln(tw, "PATH\tRECORDS/S\tMB/S\tTARGET")
	for _, row := range r.Rows {
		fmt.Fprintf(tw, "%s\t%.0f\t%.1f\t%s\n", row.Name, row.PerSec(),
			row.PerSec()*float64(r.Opts.RecordBytes)/1e6, row.Target)
	}
	tw.Flush()
}

// Run signs the records (not timed), then measures the store API one record
// per call and in batches, then raw badger with one transaction per write
// and with a write batch.
func Run(ctx context.Context, o Options) (Result, error) {
	o.defaults()
	res := Result{Opts: o}
	keys := make([]*account.Key, 8)
	for i := range keys {
		k, err := account.Generate()
		if err != nil {
			return res, err
		}
		keys[i] = k
	}
	dn := datanet.NewDatanet("ingest", "benchmark", []string{"a", "b"}, nil, 0, time.Now())
	if err := dn.Sign(keys[0]); err != nil {
		return res, err
	}
	recs, err := signedRecords(dn, keys, o.Records, o.RecordBytes)
	if err != nil {
		return res, err
	}
	recover, err := recoverRun(recs)
	if err != nil {
		return res, err
	}
	recover.Name, recover.Target = "secp256k1 signature recovery alone, all cores", "limit (verify)"
	single, err := storeRun(ctx, filepath.Join(o.Dir, "store-single"), dn, recs, o.Writers, 1, true)
	if err != nil {
		return res, err
	}
	single.Name, single.Target = "store PutRecord (1 per call)", ">= 50000"
	batched, err := storeRun(ctx, filepath.Join(o.Dir, "store-batch"), dn, recs, o.Writers, o.Batch, true)
	if err != nil {
		return res, err
	}
	batched.Name, batched.Target = fmt.Sprintf("store PutRecords (%d per call)", o.Batch), ">= 50000"
	verified, err := storeRun(ctx, filepath.Join(o.Dir, "store-verified"), dn, recs, o.Writers, 1, false)
	if err != nil {
		return res, err
	}
	verified.Name, verified.Target = "store PutVerified (1 per call, signature checked upstream)", ">= 50000"
	verifiedBatch, err := storeRun(ctx, filepath.Join(o.Dir, "store-verified-batch"), dn, recs, o.Writers, o.Batch, false)
	if err != nil {
		return res, err
	}
	verifiedBatch.Name, verifiedBatch.Target = fmt.Sprintf("store PutVerified (%d per call; gossip and sync path)", o.Batch), ">= 50000"
	rawTxn, err := badgerRun(filepath.Join(o.Dir, "raw-txn"), o, false)
	if err != nil {
		return res, err
	}
	rawTxn.Name, rawTxn.Target = "raw badger, txn per write", "limit"
	rawBatch, err := badgerRun(filepath.Join(o.Dir, "raw-batch"), o, true)
	if err != nil {
		return res, err
	}
	rawBatch.Name, rawBatch.Target = "raw badger, WriteBatch", "limit"
	res.Rows = []Row{single, batched, verified, verifiedBatch, recover, rawTxn, rawBatch}
	return res, nil
}

// signedRecords makes n distinct records of size bytes, signed on all cores.
func signedRecords(dn *datanet.Datanet, keys []*account.Key, n, size int) ([]*datanet.Record, error) {
	recs := make([]*datanet.Record, n)
	var firstErr atomic.Value
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			buf := make([]byte, size)
			for i := w; i < n; i += workers {
				fillText(buf, uint64(i))
				r := datanet.NewRecord(dn.ID(), string(buf), "bench", "a", time.Now())
				if err := r.Sign(keys[i%len(keys)]); err != nil {
					firstErr.CompareAndSwap(nil, err)
					return
				}
				recs[i] = r
			}
		})
	}
	wg.Wait()
	if err, _ := firstErr.Load().(error); err != nil {
		return nil, err
	}
	return recs, nil
}

// fillText writes printable text that is unique per seed.
func fillText(buf []byte, seed uint64) {
	const alphabet = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ.,0123456789"
	x := seed*0x9E3779B97F4A7C15 + 1
	for i := range buf {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		buf[i] = alphabet[x%uint64(len(alphabet))]
	}
	copy(buf, fmt.Sprintf("%016x ", seed))
}

// recoverRun recovers every record's signer on all cores: the ceiling of
// any path that checks signatures.
func recoverRun(recs []*datanet.Record) (Row, error) {
	var next atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	start := time.Now()
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(recs) {
					return
				}
				if err := recs[i].Verify(); err != nil {
					firstErr.CompareAndSwap(nil, err)
					return
				}
			}
		})
	}
	wg.Wait()
	if err, _ := firstErr.Load().(error); err != nil {
		return Row{}, err
	}
	return Row{Records: len(recs), Elapsed: time.Since(start)}, nil
}

func storeRun(ctx context.Context, dir string, dn *datanet.Datanet, recs []*datanet.Record, writers, batch int, verify bool) (Row, error) {
	if err := os.RemoveAll(dir); err != nil {
		return Row{}, err
	}
	cfg := datanet.DefaultStoreConfig(dir)
	cfg.SyncWrites = true
	st, err := datanet.Open(cfg, nil)
	if err != nil {
		return Row{}, err
	}
	defer os.RemoveAll(dir)
	defer st.Close()
	if _, err := st.PutDatanet(ctx, dn); err != nil {
		return Row{}, err
	}
	var next atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	start := time.Now()
	for range writers {
		wg.Go(func() {
			for {
				lo := int(next.Add(int64(batch))) - batch
				if lo >= len(recs) {
					return
				}
				put := st.PutRecords
				if !verify {
					put = st.PutVerified
				}
				res, err := put(ctx, recs[lo:min(lo+batch, len(recs))])
				if err == nil {
					for _, r := range res {
						if r.Err != nil || !r.Created {
							err = fmt.Errorf("record %s: created=%v err=%v", r.CID, r.Created, r.Err)
							break
						}
					}
				}
				if err != nil {
					firstErr.CompareAndSwap(nil, err)
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if err, _ := firstErr.Load().(error); err != nil {
		return Row{}, err
	}
	if got := st.Stats().Records; got != len(recs) {
		return Row{}, fmt.Errorf("ingestbench: store holds %d records, want %d", got, len(recs))
	}
	return Row{Records: len(recs), Elapsed: elapsed}, nil
}

// badgerRun writes o.Records values of o.RecordBytes under 32-byte keys with
// the store's badger settings and fsync on, from o.Writers goroutines.
func badgerRun(dir string, o Options, writeBatch bool) (Row, error) {
	if err := os.RemoveAll(dir); err != nil {
		return Row{}, err
	}
	defer os.RemoveAll(dir)
	db, err := badger.Open(badger.DefaultOptions(dir).WithSyncWrites(true).WithLogger(nil).
		WithMemTableSize(16 << 20).WithValueThreshold(256).WithCompression(options.None).
		WithNumCompactors(2).WithMetricsEnabled(false).WithDetectConflicts(false))
	if err != nil {
		return Row{}, err
	}
	defer db.Close()
	val := make([]byte, o.RecordBytes)
	_, _ = rand.Read(val)
	key := func(i int) []byte {
		k := make([]byte, 32)
		binary.BigEndian.PutUint64(k[24:], uint64(i))
		copy(k, "raw-bench-key")
		return k
	}
	start := time.Now()
	if writeBatch {
		wb := db.NewWriteBatch()
		for i := range o.Records {
			if err := wb.Set(key(i), val); err != nil {
				wb.Cancel()
				return Row{}, err
			}
		}
		if err := wb.Flush(); err != nil {
			return Row{}, err
		}
	} else {
		var next atomic.Int64
		var firstErr atomic.Value
		var wg sync.WaitGroup
		for range o.Writers {
			wg.Go(func() {
				for {
					i := int(next.Add(1)) - 1
					if i >= o.Records {
						return
					}
					if err := db.Update(func(txn *badger.Txn) error { return txn.Set(key(i), val) }); err != nil {
						firstErr.CompareAndSwap(nil, err)
						return
					}
				}
			})
		}
		wg.Wait()
		if err, _ := firstErr.Load().(error); err != nil {
			return Row{}, err
		}
	}
	return Row{Records: o.Records, Elapsed: time.Since(start)}, nil
}
