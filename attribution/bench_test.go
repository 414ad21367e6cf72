package attribution

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
)

// cpuTime is the process's user+system CPU time: on a shared machine a
// rate per CPU second is steadier than one per wall-clock second.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Run on one core, for example:
//
//	go test ./attribution -run '^$' -bench . -benchtime 3x -cpu 1

func BenchmarkKeccak256_32B(b *testing.B) {
	var in [32]byte
	b.Run("Keccak256Hash", func(b *testing.B) {
		b.SetBytes(32)
		for i := 0; b.Loop(); i++ {
			in[0] = byte(i)
			in = crypto.Keccak256Hash(in[:])
		}
	})
	b.Run("reused-state", func(b *testing.B) {
		st := crypto.NewKeccakState()
		b.SetBytes(32)
		c0 := cpuTime()
		for i := 0; b.Loop(); i++ {
			in[0] = byte(i)
			st.Reset()
			st.Write(in[:])
			st.Read(in[:])
		}
		b.ReportMetric(float64(b.N)/(cpuTime()-c0).Seconds(), "hashes/cpu-s")
	})
}

func benchEntries(n int) []aggEntry {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	es := make([]aggEntry, n)
	for i := range es {
		for j := 0; j < 32; j += 8 {
			v := rng.Uint64()
			for k := range 8 {
				es[i].id[j+k] = byte(v >> (8 * k))
			}
		}
		es[i].operator = testAddr(i % 100)
		es[i].fee = rng.Uint64N(1 << 40)
	}
	return es
}

// BenchmarkAggregateRoot measures Close's core: sort by ID, leaf hashes
// and the StandardMerkleTree build, per receipt (IDs precomputed, as a
// node has them from verifying each receipt on arrival).
func BenchmarkAggregateRoot(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			src := benchEntries(n)
			work := make([]aggEntry, n)
			var d, cpu time.Duration
			for b.Loop() {
				copy(work, src)
				t0, c0 := time.Now(), cpuTime()
				if _, err := buildEpoch(1, work); err != nil {
					b.Fatal(err)
				}
				d += time.Since(t0)
				cpu += cpuTime() - c0
			}
			b.ReportMetric(float64(n)*float64(b.N)/d.Seconds(), "receipts/s")
			b.ReportMetric(float64(n)*float64(b.N)/cpu.Seconds(), "receipts/cpu-s")
		})
	}
}

// BenchmarkAggregateAdd measures Add per receipt: canonical encoding for
// the ID, the split and dedupe.
func BenchmarkAggregateAdd(b *testing.B) {
	base := testReceipt(testAddr(5), 0)
	a, _ := NewAggregator(DefaultSplitParams())
	for i := 0; b.Loop(); i++ {
		r := *base
		r.Time = int64(i + 1)
		if _, err := a.Add(&r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReceiptDecodeVerify(b *testing.B) {
	k := testKey(b)
	r := testReceipt(k.Address(), 1)
	r.Sign(k)
	data, _ := r.Encode()
	for b.Loop() {
		d, err := DecodeReceipt(data)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := d.Verify(); err != nil {
			b.Fatal(err)
		}
	}
}

// Span attribution over a deterministic pseudo-corpus: records of 200 to
// 2,000 tokens, Zipf-distributed over a 32,000 vocabulary.
const (
	benchCorpusTokens = 10_000_000
	benchVocab        = 32_000
)

var benchCorpus = sync.OnceValue(func() []IndexRecord {
	rng := rand.New(rand.NewPCG(42, 42))
	z := rand.NewZipf(rng, 1.1, 2, benchVocab-1)
	var recs []IndexRecord
	total := 0
	for total < benchCorpusTokens {
		n := min(200+rng.IntN(1801), benchCorpusTokens-total)
		toks := make([]int32, n)
		for i := range toks {
			toks[i] = int32(z.Uint64())
		}
		recs = append(recs, IndexRecord{
			Ref:    RecordRef{CID: testCID(fmt.Sprint(len(recs))), Datanet: testCID("dn"), Contributor: testAddr(len(recs) % 1000)},
			Tokens: toks,
		})
		total += n
	}
	return recs
})

var benchIndex = sync.OnceValues(func() (*Index, time.Duration) {
	recs := benchCorpus()
	t0 := time.Now()
	ix, err := NewIndex(recs)
	if err != nil {
		panic(err)
	}
	return ix, time.Since(t0)
})

// benchAnswers returns 256-token answers, each 2 to 4 spans of 20 to 60
// tokens copied from random records, the rest random Zipf tokens.
func benchAnswers(recs []IndexRecord, n int) [][]int32 {
	rng := rand.New(rand.NewPCG(7, 7))
	z := rand.NewZipf(rng, 1.1, 2, benchVocab-1)
	out := make([][]int32, n)
	for i := range out {
		a := make([]int32, 0, 256)
		spans := 2 + rng.IntN(3)
		for s := 0; s < spans; s++ {
			for range 5 + rng.IntN(20) {
				a = append(a, int32(z.Uint64()))
			}
			r := recs[rng.IntN(len(recs))].Tokens
			l := 20 + rng.IntN(41)
			st := rng.IntN(len(r) - l)
			a = append(a, r[st:st+l]...)
		}
		for len(a) < 256 {
			a = append(a, int32(z.Uint64()))
		}
		out[i] = a[:256]
	}
	return out
}

func skipShort(b *testing.B) {
	if testing.Short() {
		b.Skip("10M-token corpus")
	}
}

func BenchmarkIndexBuild10M(b *testing.B) {
	skipShort(b)
	recs := benchCorpus()
	for b.Loop() {
		ix, err := NewIndex(recs)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(ix.SizeBytes())/float64(ix.Len()), "mem-bytes/token")
	}
}

func BenchmarkIndexSerialize10M(b *testing.B) {
	skipShort(b)
	ix, _ := benchIndex()
	var buf bytes.Buffer
	ix.WriteTo(&buf)
	b.SetBytes(int64(buf.Len()))
	data := buf.Bytes()
	for b.Loop() {
		if _, err := ix.WriteTo(io.Discard); err != nil {
			b.Fatal(err)
		}
		if _, err := ReadIndex(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(data))/float64(ix.Len()), "file-bytes/token")
}

func BenchmarkAttribute256(b *testing.B) {
	skipShort(b)
	ix, build := benchIndex()
	b.Logf("index: %d tokens, %d records, built in %v, %.2f bytes/token in memory",
		ix.Len(), ix.Records(), build, float64(ix.SizeBytes())/float64(ix.Len()))
	answers := benchAnswers(benchCorpus(), 64)
	opts := DefaultAttributeOptions()
	spans := 0
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		ms := ix.Attribute(answers[i%len(answers)], opts)
		spans += len(ms)
		Weigh(ms, ix.Records(), MaxRecords)
	}
	b.ReportMetric(float64(spans)/float64(b.N), "spans/answer")
}

// BenchmarkScoreAnswer10k is the scoring cost target: span
// attribution and WeighRare of one 256-token answer against 10,000
// records (200 to 2,000 tokens each, about 11M tokens), on one core
// (run with -cpu 1). Target: at most 20 ms per answer.
func BenchmarkScoreAnswer10k(b *testing.B) {
	skipShort(b)
	rng := rand.New(rand.NewPCG(10_000, 1))
	z := rand.NewZipf(rng, 1.1, 2, benchVocab-1)
	recs := make([]IndexRecord, 10_000)
	for i := range recs {
		toks := make([]int32, 200+rng.IntN(1801))
		for j := range toks {
			toks[j] = int32(z.Uint64())
		}
		recs[i] = IndexRecord{Ref: RecordRef{CID: testCID(fmt.Sprint(i)), Datanet: testCID("dn"), Contributor: testAddr(i % 1000)}, Tokens: toks}
	}
	ix, err := NewIndex(recs)
	if err != nil {
		b.Fatal(err)
	}
	answers := benchAnswers(recs, 64)
	opts := DefaultAttributeOptions()
	credited := 0
	c0 := cpuTime()
	for i := 0; b.Loop(); i++ {
		ms := ix.Attribute(answers[i%len(answers)], opts)
		credited += len(WeighRare(ms, ix.Records(), MaxRecords, opts.MaxHolders))
	}
	b.ReportMetric((cpuTime()-c0).Seconds()*1000/float64(b.N), "cpu-ms/answer")
	b.ReportMetric(float64(credited)/float64(b.N), "records/answer")
}
