package engine

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/gpu/tokenizer"

	"github.com/provenet/provenet/gpu/adaptercache"
	"github.com/provenet/provenet/gpu/cpu"
	"github.com/provenet/provenet/gpu/model"
)

// BenchRow is one line of the inference benchmark table.
type BenchRow struct {
	Name, Value, Target string
}

// BenchOptions sizes the inference benchmark.
type BenchOptions struct {
	Steps       int           // decode steps per measurement
	Skip110M    bool          // leave out the 110M shape (slow to build)
	AdapterPool int           // adapters written to disk and registered
	Resident    int           // adapters held in the cache for the memory row
	Log         io.Writer     // progress lines; nil for none
	Timeout     time.Duration // unused by now; reserved
	Backend     string        // device to measure: "cpu" (default) or "cuda"
}

// RunBench measures the inference targets on this machine's CPU
// and returns the table rows.
func RunBench(o BenchOptions) ([]BenchRow, error) {
	if o.Steps <= 0 {
		o.Steps = 64
	}
	if o.AdapterPool <= 0 {
		o.AdapterPool = 1000
	}
	if o.Resident <= 0 {
		o.Resident = 100
	}
	logf := func(f string, a ...any) {
		if o.Log != nil {
			fmt.Fprintf(o.Log, f+"\n", a...)
		}
	}
	var rows []BenchRow
	bw := MemoryBandwidth()
	rows = append(rows, BenchRow{"memory read bandwidth (all cores)", fmt.Sprintf("%.1f GB/s", bw/1e9), "the decode limit"})
	c15 := model.Stories15M()
	w15, err := model.Random(c15, 1)
	if err != nil {
		return nil, err
	}
	// A decode step reads every weight once, except the embedding table
	// (one row), unless the classifier is tied to it.
	limit := func(c model.Config) string {
		read := c.Params()
		if !c.TiedEmbeddings {
			read -= int64(c.Vocab) * int64(c.Dim)
		}
		return fmt.Sprintf("limit %.0f tok/s (%.0f MB/token)", bw/float64(read*4), float64(read*4)/1e6)
	}
	limitF16 := func(c model.Config) string {
		read := c.Params()
		if !c.TiedEmbeddings {
			read -= int64(c.Vocab) * int64(c.Dim)
		}
		return fmt.Sprintf("limit %.0f tok/s (%.0f MB/token)", bw/float64(read*2), float64(read*2)/1e6)
	}
	if o.Backend != "" {
		benchBackend = o.Backend
		defer func() { benchBackend = "cpu" }()
	}
	rows = append(rows, BenchRow{"backend", benchBackend, fmt.Sprintf("built in: %v", model.Backends())})
	logf("decode stories15M ...")
	for _, batch := range []int{1, 8, 32, 64} {
		tps, err := decodeRate(w15, batch, o.Steps, nil)
		if err != nil {
			return nil, err
		}
		target := ""
		if batch == 1 {
			target = limit(c15) + " (f32 weights)"
		}
		rows = append(rows, BenchRow{fmt.Sprintf("stories15M decode, batch %d", batch), fmt.Sprintf("%.0f tok/s", tps), target})
	}
	if tps, err := decodeRate(withF16(w15), 1, o.Steps, nil); err == nil {
		rows = append(rows, BenchRow{"stories15M decode, batch 1, f16 weights", fmt.Sprintf("%.0f tok/s", tps), limitF16(c15)})
	}
	if !o.Skip110M {
		logf("decode stories110M ...")
		c110 := model.Stories110M()
		w110, err := model.Random(c110, 1)
		if err != nil {
			return nil, err
		}
		tps, err := decodeRate(w110, 1, max(o.Steps/4, 8), nil)
		if err != nil {
			return nil, err
		}
		rows = append(rows, BenchRow{"stories110M decode, batch 1", fmt.Sprintf("%.1f tok/s", tps), limit(c110) + " (f32 weights)"})
		if tps, err := decodeRate(withF16(w110), 1, max(o.Steps/4, 8), nil); err == nil {
			rows = append(rows, BenchRow{"stories110M decode, batch 1, f16 weights", fmt.Sprintf("%.1f tok/s", tps), limitF16(c110)})
		}
		w110 = nil
		runtime.GC()
	}

	if benchBackend != "cpu" {
		logf("decode TinyLlama 1.1B shape on %s ...", benchBackend)
		r, err := deviceDecodeRows(o.Steps)
		if err != nil {
			return nil, err
		}
		rows = append(rows, r...)
	}
	if benchBackend == "cpu" {
		logf("device boundary ...")
		for _, batch := range []int{1, 32} {
			direct, device, err := boundaryCost(w15, batch, o.Steps)
			if err != nil {
				return nil, err
			}
			rows = append(rows, BenchRow{fmt.Sprintf("stories15M decode, batch %d: Model.Step / through model.Device", batch),
				fmt.Sprintf("%.0f / %.0f tok/s (%.3fx)", direct, device, device/direct), "no loss (1.00x)"})
		}
	}

	logf("prefix cache TTFT ...")
	cold, warm, err := prefixBench(w15)
	if err != nil {
		return nil, err
	}
	rows = append(rows, BenchRow{"stories15M TTFT, 200-token system prompt, new / cached",
		fmt.Sprintf("%.1f / %.1f ms (%.1fx)", ms(cold), ms(warm), float64(cold)/float64(warm)), ">= 5x"})

	logf("serving latency ...")
	sr, err := serveRows(w15, 6*time.Second)
	if err != nil {
		return nil, err
	}
	rows = append(rows, sr...)

	logf("JSON mode ...")
	plainTPOT, jsonTPOT, err := jsonBench(w15, 48)
	if err != nil {
		return nil, err
	}
	rows = append(rows, BenchRow{"stories15M time per output token, batch 1: plain / JSON mode",
		fmt.Sprintf("%.2f / %.2f ms (+%.1f%%)", ms(plainTPOT), ms(jsonTPOT), 100*(float64(jsonTPOT)/float64(plainTPOT)-1)), "< +10%"})

	logf("mixed adapters ...")
	dir, err := os.MkdirTemp("", "provenet-bench-adapters-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	targets := []model.Module{model.Q, model.V}
	for i := 0; i < o.AdapterPool; i++ {
		a := model.RandomAdapter(c15, "", 8, 16, targets, uint64(i+1))
		if err := model.SavePEFT(filepath.Join(dir, fmt.Sprintf("a%04d", i)), a, "stories15m"); err != nil {
			return nil, err
		}
	}
	cc := adaptercache.DefaultConfig()
	one := model.RandomAdapter(c15, "", 8, 16, targets, 1).Bytes()
	cc.Budget = one * int64(o.Resident)
	debug.FreeOSMemory()
	rssBefore := RSS()
	lib, err := NewLibrary(dir, "stories15m", c15, cc, nil)
	if err != nil {
		return nil, err
	}
	defer lib.Close()
	// 64 distinct adapters drawn from the pool, every 15th one.
	var sets [][]model.AdapterRef
	var release []func()
	for i := 0; i < 64; i++ {
		info, _ := lib.Resolve(fmt.Sprintf("a%04d", (i*15)%o.AdapterPool))
		a, rel, err := lib.Acquire(context.Background(), info.CID)
		if err != nil {
			return nil, err
		}
		release = append(release, rel)
		sets = append(sets, []model.AdapterRef{{A: a, Weight: 1}})
	}
	base, err := decodeRate(w15, 64, o.Steps, nil)
	if err != nil {
		return nil, err
	}
	mixed, err := decodeRate(w15, 64, o.Steps, sets)
	if err != nil {
		return nil, err
	}
	for _, r := range release {
		r()
	}
	rows = append(rows, BenchRow{"batch 64, no adapters", fmt.Sprintf("%.0f tok/s", base), ""})
	rows = append(rows, BenchRow{fmt.Sprintf("batch 64, 64 distinct rank-8 q,v adapters of %d", o.AdapterPool), fmt.Sprintf("%.0f tok/s (%.2fx)", mixed, mixed/base), ">= 0.90x"})

	logf("adapter load latency ...")
	for _, rank := range []int{8, 64} {
		d := filepath.Join(dir, fmt.Sprintf("rank%d", rank))
		a := model.RandomAdapter(c15, "", rank, float32(2*rank), []model.Module{model.Q, model.K, model.V, model.O}, 7)
		if err := model.SavePEFT(d, a, "stories15m"); err != nil {
			return nil, err
		}
		const n = 20
		start := time.Now()
		for i := 0; i < n; i++ {
			if _, err := model.LoadPEFT(d, &c15); err != nil {
				return nil, err
			}
		}
		cold := time.Since(start) / n
		rows = append(rows, BenchRow{fmt.Sprintf("cold load, rank %d q,k,v,o, local disk", rank), fmt.Sprintf("%.2f ms", float64(cold.Microseconds())/1000), "< 10 ms"})
	}
	info, _ := lib.Resolve("a0000")
	_, rel, _ := lib.Acquire(context.Background(), info.CID)
	rel()
	const n = 100000
	start := time.Now()
	for i := 0; i < n; i++ {
		_, rel, _ := lib.Acquire(context.Background(), info.CID)
		rel()
	}
	rows = append(rows, BenchRow{"warm switch (cache hit)", fmt.Sprintf("%.2f µs", float64(time.Since(start).Nanoseconds())/n/1000), "about 0"})

	logf("memory with %d registered, %d resident ...", o.AdapterPool, o.Resident)
	for i := 0; i < o.AdapterPool; i++ {
		info, _ := lib.Resolve(fmt.Sprintf("a%04d", i))
		_, rel, err := lib.Acquire(context.Background(), info.CID)
		if err != nil {
			return nil, err
		}
		rel()
	}
	runtime.GC()
	used, _, count := lib.Cache().Usage()
	rows = append(rows, BenchRow{fmt.Sprintf("adapters: %d registered, %d resident", o.AdapterPool, count),
		fmt.Sprintf("%.1f MiB adapter memory, RSS +%.0f MiB", float64(used)/(1<<20), float64(RSS()-rssBefore)/(1<<20)), ""})
	return rows, nil
}

// decodeRate is decode tokens per second of batch sequences at context
// 64..., with row i using sets[i%len(sets)], on the bench's backend.
func decodeRate(w *model.Weights, batch, steps int, sets [][]model.AdapterRef) (float64, error) {
	return decodeRateOn(benchBackend, false, w, batch, steps, sets)
}

// benchBackend is the device RunBench measures (BenchOptions.Backend).
var benchBackend = "cpu"

// decodeRateOn is decodeRate on backend; direct (cpu only) calls the
// host forward pass's Step without the Device interface in between, as
// the engine did before the boundary.
func decodeRateOn(backend string, direct bool, w *model.Weights, batch, steps int, sets [][]model.AdapterRef) (float64, error) {
	c := w.Config
	c.MaxSeq = 64 + steps + 1
	ww := *w
	ww.Config = c
	dev, err := model.OpenDevice(backend, model.DeviceSpec{Weights: &ww, KVTokens: batch * model.BlocksFor(c.MaxSeq) * model.BlockTokens})
	if err != nil {
		return 0, err
	}
	defer dev.Close()
	step := dev.Step
	if direct {
		host, ok := dev.(*model.CPUDevice)
		if !ok {
			return 0, fmt.Errorf("%w: a direct step needs the cpu backend", model.ErrConfig)
		}
		step = host.Model.Step
	}
	kv := dev.Blocks()
	tables := make([][]int32, batch)
	for i := range tables {
		if tables[i], err = kv.Reserve(nil, c.MaxSeq); err != nil {
			return 0, err
		}
	}
	var b model.Batch
	// Prefill 64 positions per sequence, then time the decode steps.
	b.Reset()
	for i := 0; i < batch; i++ {
		for p := 0; p < 64; p++ {
			b.Add(int32((i*31+p)%c.Vocab), int32(p), tables[i], refs(sets, i), p == 63)
		}
	}
	if err := step(&b); err != nil {
		return 0, err
	}
	start := time.Now()
	for s := 0; s < steps; s++ {
		b.Reset()
		for i := 0; i < batch; i++ {
			b.Add(int32((i*7+s)%c.Vocab), int32(64+s), tables[i], refs(sets, i), true)
		}
		if err := step(&b); err != nil {
			return 0, err
		}
	}
	return float64(steps*batch) / time.Since(start).Seconds(), nil
}

// boundaryCost runs the host forward pass directly and through the
// Device boundary, interleaved (rounds of each, best of the rounds kept)
// so that the machine's noise hits both alike.
func boundaryCost(w *model.Weights, batch, steps int) (direct, device float64, err error) {
	for round := 0; round < 3; round++ {
		d, err := decodeRateOn("cpu", true, w, batch, steps, nil)
		if err != nil {
			return 0, 0, err
		}
		v, err := decodeRateOn("cpu", false, w, batch, steps, nil)
		if err != nil {
			return 0, 0, err
		}
		direct, device = max(direct, d), max(device, v)
	}
	return direct, device, nil
}

// bandwidthMeter is a device that measures its own memory bandwidth
// (the cuda device: device-to-device copies).
type bandwidthMeter interface{ MemoryBandwidth() float64 }

// deviceDecodeRows measures the accelerator targets on the TinyLlama
// shape in f16: batch-1 decode against the floor of weight bytes per
// token over the device's measured bandwidth, aggregate throughput at
// batch 1 to 128, and 64 distinct rank-8 adapters against none.
func deviceDecodeRows(steps int) ([]BenchRow, error) {
	c := model.TinyLlama()
	w, err := model.Random(c, 1)
	if err != nil {
		return nil, err
	}
	w.UseF16()
	var rows []BenchRow
	probe, err := model.OpenDevice(benchBackend, model.DeviceSpec{Weights: w, KVTokens: 4096})
	if err != nil {
		return nil, err
	}
	bw := 0.0
	if m, ok := probe.(bandwidthMeter); ok {
		bw = m.MemoryBandwidth()
	}
	probe.Close()
	read := float64(c.Params()-int64(c.Vocab)*int64(c.Dim)) * 2
	floor := bw / read
	rows = append(rows, BenchRow{"device memory bandwidth", fmt.Sprintf("%.0f GB/s", bw/1e9), "measured (device-to-device copy)"})
	for _, batch := range []int{1, 8, 32, 64, 128} {
		tps, err := decodeRate(w, batch, steps, nil)
		if err != nil {
			return nil, err
		}
		target := ""
		if batch == 1 {
			target = fmt.Sprintf("floor %.0f tok/s (%.0f MB/token): %.2fx of it, target within 1.3x", floor, read/1e6, floor/tps)
		}
		rows = append(rows, BenchRow{fmt.Sprintf("TinyLlama f16 decode, batch %d", batch), fmt.Sprintf("%.0f tok/s", tps), target})
	}
	var sets [][]model.AdapterRef
	for i := 0; i < 64; i++ {
		a := model.RandomAdapter(c, fmt.Sprintf("t%02d", i), 8, 16, []model.Module{model.Q, model.K, model.V, model.O}, uint64(i+1))
		a.CID = a.Name
		sets = append(sets, []model.AdapterRef{{A: a, Weight: 1}})
	}
	base, err := decodeRate(w, 64, steps, nil)
	if err != nil {
		return nil, err
	}
	mixed, err := decodeRate(w, 64, steps, sets)
	if err != nil {
		return nil, err
	}
	rows = append(rows, BenchRow{"TinyLlama batch 64, 64 distinct rank-8 q,k,v,o adapters", fmt.Sprintf("%.0f tok/s (%.2fx of no adapters)", mixed, mixed/base), ">= 0.90x"})
	return rows, nil
}

func refs(sets [][]model.AdapterRef, i int) []model.AdapterRef {
	if len(sets) == 0 {
		return nil
	}
	return sets[i%len(sets)]
}

// MemoryBandwidth measures the read bandwidth of all cores together, in
// bytes per second: each core sums its own 256 MiB / cores slice, with the
// same AVX2 dot kernel the matmuls use.
func MemoryBandwidth() float64 {
	const total = 256 << 20
	n := total / 4
	a := make([]float32, n)
	for i := range a {
		a[i] = 1
	}
	be := cpu.NewBackend(0)
	defer be.Close()
	sums := make([]float32, be.Threads())
	var best float64
	for rep := 0; rep < 5; rep++ {
		start := time.Now()
		be.For(n, 1<<16, func(w, lo, hi int) { sums[w] += cpu.Dot(a[lo:hi], a[lo:hi]) })
		if bw := float64(total) / time.Since(start).Seconds(); bw > best {
			best = bw
		}
	}
	return best
}

// RSS is this process's resident memory in bytes (Linux; 0 elsewhere).
func RSS() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

// WriteBenchTable prints rows as an aligned table.
func WriteBenchTable(w io.Writer, rows []BenchRow) {
	fmt.Fprintf(w, "%-52s %-34s %s\n", "measure", "value", "target / limit")
	for _, r := range rows {
		fmt.Fprintf(w, "%-52s %-34s %s\n", r.Name, r.Value, r.Target)
	}
}

// withF16 returns a copy of w whose forward pass reads f16 matrices.
func withF16(w *model.Weights) *model.Weights {
	c := *w
	c.Layers = append([]model.Layer(nil), w.Layers...)
	c.UseF16()
	return &c
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// prefixBench runs PrefixTTFT on an engine over w with the embedded LLaMA
// tokenizer.
func prefixBench(w *model.Weights) (cold, warm time.Duration, err error) {
	f, err := tokenizer.LlamaVocab()
	if err != nil {
		return 0, 0, err
	}
	tk, err := tokenizer.FromGGUF(f)
	if err != nil {
		return 0, 0, err
	}
	e, err := New(DefaultConfig(), []Base{{Name: "bench", Weights: w, Tokenizer: tk}}, nil, nil, nil)
	if err != nil {
		return 0, 0, err
	}
	defer e.Stop()
	return PrefixTTFT(e, "bench", 7)
}

// jsonBench is the time per output token of batch-1 greedy generation on
// w with and without JSON mode, through the engine, interleaved over
// rounds (best of each kept): the mask's overhead against the step it
// rides on.
func jsonBench(w *model.Weights, tokens int) (plain, constrained time.Duration, err error) {
	f, err := tokenizer.LlamaVocab()
	if err != nil {
		return 0, 0, err
	}
	tk, err := tokenizer.FromGGUF(f)
	if err != nil {
		return 0, 0, err
	}
	cfg := DefaultConfig()
	cfg.PrefixCache = false
	e, err := New(cfg, []Base{{Name: "bench", Weights: w, Tokenizer: tk}}, nil, nil, nil)
	if err != nil {
		return 0, 0, err
	}
	defer e.Stop()
	tpot := func(json bool, seed uint64) (time.Duration, error) {
		// Sampling at temperature 1 keeps a JSON-mode answer going (greedy
		// random weights close the object at once); both runs sample.
		ch, err := e.Generate(context.Background(), gpu.Request{Model: "bench", PromptIDs: []int32{1, 9038, 2501, 263, 931},
			MaxTokens: tokens, JSON: json, Sampling: gpu.Sampling{Temperature: 1, Seed: seed}})
		if err != nil {
			return 0, err
		}
		var first, last time.Time
		n := 0
		for ev := range ch {
			if ev.Err != nil {
				return 0, ev.Err
			}
			if ev.Token >= 0 {
				if n == 0 {
					first = time.Now()
				}
				last = time.Now()
				n++
			}
		}
		if n < 2 {
			return 0, nil
		}
		return last.Sub(first) / time.Duration(n-1), nil
	}
	plain, constrained = time.Duration(1<<62), time.Duration(1<<62)
	for round := uint64(0); round < 6; round++ {
		p, err := tpot(false, round)
		if err != nil {
			return 0, 0, err
		}
		c, err := tpot(true, round)
		if err != nil {
			return 0, 0, err
		}
		if p > 0 {
			plain = min(plain, p)
		}
		if c > 0 {
			constrained = min(constrained, c)
		}
	}
	return plain, constrained, nil
}

// ServeStats are the latencies of a closed-loop serving run.
type ServeStats struct {
	Streams            int
	Requests           int
	TTFTp50, TTFTp99   time.Duration
	TPOTp50, TPOTp99   time.Duration
	OutputTokensPerSec float64
}

// ServeBench runs streams closed-loop clients against base for d: each
// sends a request (a prompt of promptLen distinct tokens, between
// maxTokens/2 and maxTokens·3/2 sampled output tokens, drawn per request
// so that the clients do not move in lockstep), waits for its end and
// sends the next. Clients start spread over the first second. It reports
// time to first token and time per output token (each request's mean
// after its first token) at p50 and p99, and the aggregate output rate.
func ServeBench(e *Engine, base string, streams, promptLen, maxTokens int, d time.Duration) (ServeStats, error) {
	var mu sync.Mutex
	var ttft, tpot []time.Duration
	tokens := 0
	deadline := time.Now().Add(d)
	start := time.Now()
	errc := make(chan error, streams)
	for c := 0; c < streams; c++ {
		go func(c int) {
			rng := rand.New(rand.NewPCG(uint64(c), 7))
			time.Sleep(time.Duration(rng.Int64N(int64(time.Second))))
			for i := uint64(0); time.Now().Before(deadline); i++ {
				prompt := slices.Concat([]int32{1}, benchTokens(uint64(c)<<20+i, promptLen-1))
				out := maxTokens/2 + rng.IntN(maxTokens+1)
				sent := time.Now()
				ch, err := e.Generate(context.Background(), gpu.Request{Model: base, PromptIDs: prompt, MaxTokens: out,
					Sampling: gpu.Sampling{Temperature: 1, Seed: i}})
				if err != nil {
					errc <- err
					return
				}
				var first, last time.Time
				n := 0
				for ev := range ch {
					if ev.Err != nil {
						errc <- ev.Err
						return
					}
					if ev.Token >= 0 {
						if n == 0 {
							first = time.Now()
						}
						last = time.Now()
						n++
					}
				}
				mu.Lock()
				if n > 0 {
					ttft = append(ttft, first.Sub(sent))
					tokens += n
				}
				if n > 1 {
					tpot = append(tpot, last.Sub(first)/time.Duration(n-1))
				}
				mu.Unlock()
			}
			errc <- nil
		}(c)
	}
	for range streams {
		if err := <-errc; err != nil {
			return ServeStats{}, err
		}
	}
	el := time.Since(start)
	q := func(v []time.Duration, p float64) time.Duration {
		if len(v) == 0 {
			return 0
		}
		slices.Sort(v)
		return v[min(len(v)-1, int(p*float64(len(v))))]
	}
	return ServeStats{Streams: streams, Requests: len(ttft), TTFTp50: q(ttft, 0.5), TTFTp99: q(ttft, 0.99),
		TPOTp50: q(tpot, 0.5), TPOTp99: q(tpot, 0.99), OutputTokensPerSec: float64(tokens) / el.Seconds()}, nil
}

func serveRows(w *model.Weights, d time.Duration) ([]BenchRow, error) {
	f, err := tokenizer.LlamaVocab()
	if err != nil {
		return nil, err
	}
	tk, err := tokenizer.FromGGUF(f)
	if err != nil {
		return nil, err
	}
	cfg := DefaultConfig()
	cfg.PrefixCache = false // distinct prompts anyway; measure the scheduler, not the cache
	e, err := New(cfg, []Base{{Name: "bench", Weights: w, Tokenizer: tk}}, nil, nil, nil)
	if err != nil {
		return nil, err
	}
	defer e.Stop()
	var rows []BenchRow
	for _, streams := range []int{1, 8, 32, 64} {
		st, err := ServeBench(e, "bench", streams, 64, 32, d)
		if err != nil {
			return nil, err
		}
		target := ""
		if streams == 32 {
			target = "p99 TTFT < 250 ms"
		}
		rows = append(rows, BenchRow{fmt.Sprintf("stories15M serving, %d streams (64-token prompts, 16-48 tokens out)", streams),
			fmt.Sprintf("TTFT p50 %.0f p99 %.0f ms; TPOT p50 %.1f p99 %.1f ms; %.0f tok/s; %d requests",
				ms(st.TTFTp50), ms(st.TTFTp99), ms(st.TPOTp50), ms(st.TPOTp99), st.OutputTokensPerSec, st.Requests), target})
	}
	return rows, nil
}

// PrefixTTFT measures the prefix cache on base: the median time to first
// token of n requests that each start with a new 200-token system prompt
// and of n that share one cached system prompt, every request with a
// 10-token user turn of its own. The base's vocabulary must hold 32,000
// tokens.
func PrefixTTFT(e *Engine, base string, n int) (cold, warm time.Duration, err error) {
	ttft := func(sys, user uint64) (time.Duration, error) {
		prompt := slices.Concat([]int32{1}, benchTokens(sys, 200), benchTokens(1<<32+user, 10))
		ch, err := e.Generate(context.Background(), gpu.Request{Model: base, PromptIDs: prompt, MaxTokens: 1})
		if err != nil {
			return 0, err
		}
		for ev := range ch {
			if ev.Done {
				if ev.Err != nil || ev.Usage == nil {
					return 0, fmt.Errorf("prefix bench: %v", ev.Err)
				}
				return ev.Usage.FirstToken.Sub(ev.Usage.Queued), nil
			}
		}
		return 0, fmt.Errorf("prefix bench: stream closed without a final event")
	}
	if _, err := ttft(1, 0); err != nil { // the shared system prompt, and a warm engine
		return 0, 0, err
	}
	var c, w []time.Duration
	for i := 0; i < n; i++ {
		dc, err := ttft(uint64(2+i), uint64(i))
		if err != nil {
			return 0, 0, err
		}
		dw, err := ttft(1, uint64(i+1))
		if err != nil {
			return 0, 0, err
		}
		c, w = append(c, dc), append(w, dw)
	}
	slices.Sort(c)
	slices.Sort(w)
	return c[n/2], w[n/2], nil
}

// benchTokens is n deterministic token ids that are neither BOS nor EOS.
func benchTokens(seed uint64, n int) []int32 {
	r := rand.New(rand.NewPCG(seed, 7))
	out := make([]int32, n)
	for i := range out {
		out[i] = 3 + r.Int32N(31997)
	}
	return out
}
