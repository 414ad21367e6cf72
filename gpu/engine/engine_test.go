package engine

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/gpu/gguf"
	"github.com/provenet/provenet/gpu/model"
	"github.com/provenet/provenet/gpu/tokenizer"
)

// llamaSPM is llama.cpp's LLaMA vocabulary (32,000 tokens), from the
// tokenizer's test data.
func llamaSPM(t testing.TB) *tokenizer.Tokenizer {
	t.Helper()
	zr, err := os.Open("../tokenizer/testdata/ggml-vocab-llama-spm.gguf.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	gz, err := gzip.NewReader(zr)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(gz)
	if err != nil {
		t.Fatal(err)
	}
	f, err := gguf.Parse(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	tk, err := tokenizer.FromGGUF(f)
	if err != nil {
		t.Fatal(err)
	}
	return tk
}

// memAdapters is an in-memory adapter source for tests.
type memAdapters struct {
	mu       sync.Mutex
	byName   map[string]*model.Adapter
	base     string
	acquired int
}

func (m *memAdapters) Resolve(name string) (AdapterInfo, bool) {
	if _, ok := m.byName[name]; !ok {
		return AdapterInfo{}, false
	}
	return AdapterInfo{Name: name, CID: name, Base: m.base}, true
}

func (m *memAdapters) Acquire(_ context.Context, cid string) (*model.Adapter, func(), error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.acquired++
	return m.byName[cid], func() { m.mu.Lock(); m.acquired--; m.mu.Unlock() }, nil
}

func (m *memAdapters) List() []gpu.ModelInfo { return nil }

type sinkFunc func(gpu.Usage)

func (f sinkFunc) RecordUsage(u gpu.Usage) { f(u) }

func newEngine(t testing.TB, cfg Config, adapters Adapters, sink gpu.UsageSink) (*Engine, *model.Weights) {
	t.Helper()
	c := model.Stories15M()
	w, err := model.Random(c, 42)
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(cfg, []Base{{Name: "stories15m", CID: "bafy-test", Weights: w, Tokenizer: llamaSPM(t)}}, adapters, sink, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Stop)
	return e, w
}

func collect(t *testing.T, ch <-chan gpu.Event) ([]int32, string, gpu.Event) {
	t.Helper()
	var ids []int32
	var text string
	for ev := range ch {
		if ev.Done {
			return ids, text, ev
		}
		ids = append(ids, ev.Token)
		text += ev.Text
	}
	t.Fatal("stream closed without a final event")
	return nil, "", gpu.Event{}
}

func TestGreedyIsDeterministicAndBatchIndependent(t *testing.T) {
	var mu sync.Mutex
	var usages []gpu.Usage
	e, _ := newEngine(t, DefaultConfig(), nil, sinkFunc(func(u gpu.Usage) { mu.Lock(); usages = append(usages, u); mu.Unlock() }))
	req := gpu.Request{ID: "r0", Model: "stories15m", Prompt: "Once upon a time", MaxTokens: 12}
	ch, err := e.Generate(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	alone, text, last := collect(t, ch)
	if last.FinishReason != "length" || last.Usage == nil || last.Usage.OutputTokens != 12 {
		t.Fatalf("final event %+v", last)
	}
	if last.Usage.Text != text || last.Usage.PromptTokens == 0 {
		t.Fatalf("usage %+v, streamed text %q", last.Usage, text)
	}
	// The same request among 7 others, all at once.
	var wg sync.WaitGroup
	results := make([][]int32, 8)
	for i := range results {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			r := req
			r.ID = fmt.Sprint("r", i+1)
			if i%2 == 1 {
				r.Prompt = fmt.Sprintf("A different prompt number %d", i)
			}
			ch, err := e.Generate(context.Background(), r)
			if err != nil {
				t.Error(err)
				return
			}
			results[i], _, _ = collect(t, ch)
		}(i)
	}
	wg.Wait()
	for i := 0; i < 8; i += 2 {
		if fmt.Sprint(results[i]) != fmt.Sprint(alone) {
			t.Fatalf("batched greedy run %d = %v, alone %v", i, results[i], alone)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(usages) != 9 {
		t.Fatalf("%d usage records, want 9", len(usages))
	}
}

func TestAdaptersChangeOutputAndArePinned(t *testing.T) {
	c := model.Stories15M()
	ad := &memAdapters{base: "stories15m", byName: map[string]*model.Adapter{
		"a1": model.RandomAdapter(c, "a1", 8, 32, []model.Module{model.Q, model.V, model.Down}, 1),
		"a2": model.RandomAdapter(c, "a2", 8, 32, []model.Module{model.Q, model.V, model.Down}, 2),
	}}
	e, _ := newEngine(t, DefaultConfig(), ad, nil)
	run := func(r gpu.Request) []int32 {
		ch, err := e.Generate(context.Background(), r)
		if err != nil {
			t.Fatal(err)
		}
		ids, _, last := collect(t, ch)
		if last.Usage == nil {
			t.Fatal("no usage")
		}
		return ids
	}
	base := run(gpu.Request{Model: "stories15m", Prompt: "Hello", MaxTokens: 10})
	a1 := run(gpu.Request{Model: "a1", Prompt: "Hello", MaxTokens: 10})
	ens := run(gpu.Request{Model: "stories15m", Adapters: []gpu.AdapterWeight{{Name: "a1", Weight: 0.5}, {Name: "a2", Weight: 0.5}}, Prompt: "Hello", MaxTokens: 10})
	if fmt.Sprint(base) == fmt.Sprint(a1) || fmt.Sprint(a1) == fmt.Sprint(ens) {
		t.Fatalf("adapters did not change the output: base %v a1 %v ensemble %v", base, a1, ens)
	}
	if again := run(gpu.Request{Model: "a1", Prompt: "Hello", MaxTokens: 10}); fmt.Sprint(again) != fmt.Sprint(a1) {
		t.Fatal("adapter output not deterministic")
	}
	ad.mu.Lock()
	defer ad.mu.Unlock()
	if ad.acquired != 0 {
		t.Fatalf("%d adapter pins leaked", ad.acquired)
	}
	if _, err := e.Generate(context.Background(), gpu.Request{Model: "nope", Prompt: "x"}); !errors.Is(err, gpu.ErrUnknownModel) {
		t.Fatalf("unknown model: %v", err)
	}
}

func TestQueueFullAndCancel(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxBatch, cfg.QueueDepth = 1, 1
	e, _ := newEngine(t, cfg, nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	long := gpu.Request{Model: "stories15m", Prompt: "Tell me a long story", MaxTokens: 200}
	first, err := e.Generate(ctx, long)
	if err != nil {
		t.Fatal(err)
	}
	<-first // running now
	var refused bool
	var queued []<-chan gpu.Event
	for i := 0; i < 3; i++ {
		ch, err := e.Generate(ctx, long)
		if errors.Is(err, gpu.ErrQueueFull) {
			refused = true
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		queued = append(queued, ch)
	}
	if !refused {
		t.Fatal("a full queue did not refuse")
	}
	cancel()
	deadline := time.After(10 * time.Second)
	for _, ch := range append([]<-chan gpu.Event{first}, queued...) {
		for done := false; !done; {
			select {
			case ev, ok := <-ch:
				if !ok {
					t.Fatal("closed without a final event")
				}
				if ev.Done {
					if ev.FinishReason != "cancelled" {
						t.Fatalf("finish reason %q", ev.FinishReason)
					}
					done = true
				}
			case <-deadline:
				t.Fatal("cancellation did not end the request")
			}
		}
	}
}

func TestStopSequence(t *testing.T) {
	e, _ := newEngine(t, DefaultConfig(), nil, nil)
	ch, err := e.Generate(context.Background(), gpu.Request{Model: "stories15m", Prompt: "Hi", MaxTokens: 30})
	if err != nil {
		t.Fatal(err)
	}
	_, text, _ := collect(t, ch)
	if len(text) < 4 {
		t.Skipf("generated text %q too short to pick a stop sequence from", text)
	}
	stop := text[len(text)/2 : len(text)/2+2]
	ch, err = e.Generate(context.Background(), gpu.Request{Model: "stories15m", Prompt: "Hi", MaxTokens: 30, Stop: []string{stop}})
	if err != nil {
		t.Fatal(err)
	}
	_, got, last := collect(t, ch)
	if last.FinishReason != "stop" || bytes.Contains([]byte(got), []byte(stop)) || len(got) > len(text)/2+1 {
		t.Fatalf("stop %q: got %q (%s) from %q", stop, got, last.FinishReason, text)
	}
}

// TestMergeHotMatchesUnmerged: a long single-adapter run switches to
// merged weights after hotSteps steps and keeps producing the tokens the
// unmerged path produces.
func TestMergeHotMatchesUnmerged(t *testing.T) {
	c := model.Stories15M()
	ad := &memAdapters{base: "stories15m", byName: map[string]*model.Adapter{
		"a1": model.RandomAdapter(c, "a1", 8, 32, []model.Module{model.Q, model.V, model.Down}, 1)}}
	run := func(merge bool) ([]int32, bool) {
		cfg := DefaultConfig()
		cfg.MergeHot = merge
		e, _ := newEngine(t, cfg, ad, nil)
		ch, err := e.Generate(context.Background(), gpu.Request{Model: "a1", Prompt: "Hello there", MaxTokens: 40})
		if err != nil {
			t.Fatal(err)
		}
		ids, _, _ := collect(t, ch)
		return ids, e.list[0].merge.merged != nil
	}
	plain, _ := run(false)
	merged, used := run(true)
	if !used {
		t.Fatal("the hot adapter was never merged")
	}
	if fmt.Sprint(plain) != fmt.Sprint(merged) {
		t.Fatalf("merged run %v\nunmerged run %v", merged, plain)
	}
}
