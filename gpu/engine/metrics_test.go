package engine

import (
	"context"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/gpu/model"
)

// histCount is the number of observations of histogram name in reg.
func histCount(t *testing.T, reg *prometheus.Registry, name string) uint64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == name {
			return mf.GetMetric()[0].GetHistogram().GetSampleCount()
		}
	}
	t.Fatalf("no metric %s", name)
	return 0
}

// eventually waits for cond, for the gauges that the loop updates just
// after a request's final event.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatal(what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestMetricsCountRequestsAndTokens runs requests through a real engine on
// a random 15M model and checks every figure against the usage records:
// requests by kind, prompt and output tokens, one first-token observation
// per request and one inter-token observation per later token, and the
// queue and batch gauges while a request waits behind another.
func TestMetricsCountRequestsAndTokens(t *testing.T) {
	reg := prometheus.NewRegistry()
	pm, err := NewPromMetrics(reg)
	if err != nil {
		t.Fatal(err)
	}
	c := model.Stories15M()
	ad := &memAdapters{base: "stories15m", byName: map[string]*model.Adapter{
		"a1": model.RandomAdapter(c, "a1", 8, 32, []model.Module{model.Q, model.V}, 1),
	}}
	cfg := DefaultConfig()
	cfg.MaxBatch, cfg.Metrics = 1, pm
	e, _ := newEngine(t, cfg, ad, nil)

	var prompt, output, sampled int
	run := func(r gpu.Request) {
		ch, err := e.Generate(context.Background(), r)
		if err != nil {
			t.Fatal(err)
		}
		_, _, last := collect(t, ch)
		u := last.Usage
		prompt += u.PromptTokens
		output += u.OutputTokens
		sampled += u.OutputTokens
		if u.FinishReason == "stop" { // the end-of-generation token, sampled but not output
			sampled++
		}
	}
	run(gpu.Request{Model: "stories15m", Prompt: "Once upon a time", MaxTokens: 7})
	run(gpu.Request{Model: "stories15m", Prompt: "Hello there", MaxTokens: 4})
	run(gpu.Request{Model: "a1", Prompt: "Hello", MaxTokens: 5})

	if got := testutil.ToFloat64(pm.requests.WithLabelValues(KindBase)); got != 2 {
		t.Errorf("base requests %v, want 2", got)
	}
	if got := testutil.ToFloat64(pm.requests.WithLabelValues(KindAdapter)); got != 1 {
		t.Errorf("adapter requests %v, want 1", got)
	}
	if got := testutil.ToFloat64(pm.prompt); got != float64(prompt) || prompt == 0 {
		t.Errorf("prompt tokens %v, want %d", got, prompt)
	}
	if got := testutil.ToFloat64(pm.output); got != float64(output) || output == 0 {
		t.Errorf("output tokens %v, want %d", got, output)
	}
	if got := histCount(t, reg, "provenet_inference_time_to_first_token_seconds"); got != 3 {
		t.Errorf("%d first-token observations, want 3", got)
	}
	if got, want := histCount(t, reg, "provenet_inference_time_per_output_token_seconds"), uint64(sampled-3); got != want {
		t.Errorf("%d inter-token observations, want %d", got, want)
	}
	eventually(t, "the batch gauge did not return to 0", func() bool { return testutil.ToFloat64(pm.running) == 0 })
	if got := testutil.ToFloat64(pm.queue); got != 0 {
		t.Errorf("queue depth %v when idle", got)
	}

	// With a batch of one, a second request waits behind the first.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	long := gpu.Request{Model: "stories15m", Prompt: "Tell me a long story", MaxTokens: 200}
	first, err := e.Generate(ctx, long)
	if err != nil {
		t.Fatal(err)
	}
	<-first
	second, err := e.Generate(ctx, long)
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, "no waiting request in the queue gauge", func() bool { return testutil.ToFloat64(pm.queue) == 1 })
	if got := testutil.ToFloat64(pm.running); got != 1 {
		t.Errorf("running %v, want 1", got)
	}
	cancel()
	for _, ch := range []<-chan gpu.Event{first, second} {
		for range ch {
		}
	}
	eventually(t, "the gauges did not return to 0 after cancellation", func() bool {
		return testutil.ToFloat64(pm.running) == 0 && testutil.ToFloat64(pm.queue) == 0
	})
	if got := testutil.ToFloat64(pm.requests.WithLabelValues(KindBase)); got != 4 {
		t.Errorf("base requests %v, want 4", got)
	}
}
