package node

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/provenet/provenet/gpu/engine"
	"github.com/provenet/provenet/gpu/gguf"
	gpumodel "github.com/provenet/provenet/gpu/model"
)

// metricValue is the value of the series of family name whose labels
// include want: a counter's or gauge's value, a histogram's sample count.
func metricValue(t *testing.T, reg *prometheus.Registry, name string, want map[string]string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	series:
		for _, m := range mf.GetMetric() {
			for _, lp := range m.GetLabel() {
				if v, ok := want[lp.GetName()]; ok && v != lp.GetValue() {
					continue series
				}
			}
			switch {
			case m.Counter != nil:
				return m.GetCounter().GetValue()
			case m.Gauge != nil:
				return m.GetGauge().GetValue()
			case m.Histogram != nil:
				return float64(m.GetHistogram().GetSampleCount())
			}
		}
	}
	t.Fatalf("no series %s%v", name, want)
	return 0
}

// TestInferenceMetrics serves requests on a GPU node (a random 15M-shaped
// GGUF base and a PEFT adapter) and checks that /metrics moved by exactly
// what was asked: requests by model kind, prompt and output tokens against
// the usage records, one time-to-first-token observation per request and
// one time-per-output-token observation per later token, rejections by
// reason (unknown model on both routes, a malformed body, a context
// overflow, a full queue), and the queue and batch gauges while one
// request runs and one waits. promtool lints the exposition.
func TestInferenceMetrics(t *testing.T) {
	dir := t.TempDir()
	c := gpumodel.Stories15M()
	c.MaxSeq = 2048 // room for a request long enough to keep the batch busy
	path := filepath.Join(dir, "stories15m.gguf")
	if err := engine.WriteRandomGGUF(path, c, 1, gguf.TypeQ8_0); err != nil {
		t.Fatal(err)
	}
	ad := gpumodel.RandomAdapter(c, "", 8, 16, []gpumodel.Module{gpumodel.Q, gpumodel.V}, 2)
	if err := gpumodel.SavePEFT(filepath.Join(dir, "adapters", "tales"), ad, "stories15m"); err != nil {
		t.Fatal(err)
	}
	cfg := testConfig()
	cfg.GPU.Enabled, cfg.GPU.Model, cfg.GPU.Adapters = true, path, filepath.Join(dir, "adapters")
	cfg.GPU.KVTokens, cfg.GPU.MaxContext = 4096, 2048
	cfg.GPU.MaxBatch, cfg.GPU.QueueDepth = 1, 1
	n := startNode(t, cfg)
	reg := n.metrics.(*PromMetrics).Registry()
	val := func(name string, labels map[string]string) float64 {
		t.Helper()
		return metricValue(t, reg, "provenet_inference_"+name, labels)
	}
	post := func(path, body string) *http.Response {
		t.Helper()
		resp, err := http.Post(n.APIURL()+path, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	expect := func(path, body string, status int) {
		t.Helper()
		resp := post(path, body)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != status {
			t.Fatalf("%s %s: %d %s, want %d", path, body, resp.StatusCode, b, status)
		}
	}

	expect("/v1/completions", `{"model":"stories15m","prompt":"Once upon a time","max_tokens":6,"temperature":0}`, 200)
	expect("/v1/completions", `{"model":"tales","prompt":"Hello","max_tokens":5,"temperature":0}`, 200)
	resp := post("/v1/chat/completions", `{"model":"tales","messages":[{"role":"user","content":"Hi"}],"max_tokens":4,"stream":true}`)
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	// Refusals: unknown model on completions (the engine) and on chat
	// (the chat template), a malformed body, a context overflow.
	expect("/v1/completions", `{"model":"nope","prompt":"x"}`, 404)
	expect("/v1/chat/completions", `{"model":"nope","messages":[{"role":"user","content":"x"}]}`, 404)
	expect("/v1/completions", `{"model":"stories15m","prompt":`, 400)
	expect("/v1/completions", `{"model":"stories15m","prompt":"x","max_tokens":100000}`, 400)

	usage := n.infer.recent()
	if len(usage) != 3 {
		t.Fatalf("%d usage records, want 3", len(usage))
	}
	var prompt, output, sampled int
	for _, u := range usage {
		prompt += u.PromptTokens
		output += u.OutputTokens
		sampled += u.OutputTokens
		if u.FinishReason == "stop" { // the end-of-generation token: sampled, not output
			sampled++
		}
	}
	for _, c := range []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"requests_total", map[string]string{"kind": "base"}, 1},
		{"requests_total", map[string]string{"kind": "adapter"}, 2},
		{"prompt_tokens_total", nil, float64(prompt)},
		{"output_tokens_total", nil, float64(output)},
		{"time_to_first_token_seconds", nil, 3},
		{"time_per_output_token_seconds", nil, float64(sampled - 3)},
		{"rejections_total", map[string]string{"reason": "unknown_model"}, 2},
		{"rejections_total", map[string]string{"reason": "bad_request"}, 1},
		{"rejections_total", map[string]string{"reason": "context_length"}, 1},
		{"rejections_total", map[string]string{"reason": "queue_full"}, 0},
		{"rejections_total", map[string]string{"reason": "payment_required"}, 0},
	} {
		if got := val(c.name, c.labels); got != c.want {
			t.Errorf("%s%v = %v, want %v", c.name, c.labels, got, c.want)
		}
	}

	// A batch of one and a queue of one: one request runs, one waits, the
	// third is refused with 429.
	long := `{"model":"stories15m","prompt":"Tell me a long story","max_tokens":2000,"stream":true}`
	first := post("/v1/completions", long)
	defer first.Body.Close()
	if _, err := bufio.NewReader(first.Body).ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	// The second waits in the queue; its headers come with its first
	// token, so it is sent aside and ended by cancelling its context.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	secondDone := make(chan struct{})
	go func() {
		defer close(secondDone)
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, n.APIURL()+"/v1/completions", strings.NewReader(long))
		req.Header.Set("Content-Type", "application/json")
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}()
	for deadline := time.Now().Add(10 * time.Second); val("queue_depth", nil) != 1; {
		if time.Now().After(deadline) {
			t.Fatal("the queue depth did not reach 1 with a request waiting")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if got := val("running_sequences", nil); got != 1 {
		t.Errorf("running sequences %v, want 1", got)
	}
	expect("/v1/completions", long, http.StatusTooManyRequests)
	if got := val("rejections_total", map[string]string{"reason": "queue_full"}); got != 1 {
		t.Errorf("queue_full rejections %v, want 1", got)
	}
	first.Body.Close()
	cancel()
	<-secondDone
	for deadline := time.Now().Add(10 * time.Second); val("queue_depth", nil) != 0 || val("running_sequences", nil) != 0; {
		if time.Now().After(deadline) {
			t.Fatal("the gauges did not return to 0 once the clients left")
		}
		time.Sleep(20 * time.Millisecond)
	}
	body := promtoolCheck(t, n)
	for _, name := range []string{"provenet_inference_time_to_first_token_seconds_bucket", "provenet_inference_rejections_total{reason=\"queue_full\"} 1"} {
		if !strings.Contains(body, name) {
			t.Errorf("/metrics lacks %s", name)
		}
	}
}
