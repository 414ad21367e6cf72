package engine

import (
	"slices"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/provenet/provenet/gpu"
)

// Model kinds, the label values of Metrics.Request.
const (
	KindBase    = "base"
	KindAdapter = "adapter"
)

// Metrics receives the engine's events. The step loops call it, so
// implementations must be fast and must not call back into the engine.
type Metrics interface {
	// Request: a request was queued, for a base alone (KindBase) or with
	// adapters (KindAdapter).
	Request(kind string)
	// FirstToken: the time from a request's arrival to its first output
	// token.
	FirstToken(d time.Duration)
	// OutputToken: the time between two consecutive output tokens of one
	// request.
	OutputToken(d time.Duration)
	// Tokens: a request that ran has ended, with its prompt and output
	// token counts.
	Tokens(prompt, output int)
	// QueueDepth: the requests accepted and waiting to run, over all
	// bases.
	QueueDepth(n int)
	// Running: the sequences in the running batches, over all bases.
	Running(n int)
}

// NoopMetrics discards everything.
type NoopMetrics struct{}

var _ Metrics = NoopMetrics{}

func (NoopMetrics) Request(string)            {}
func (NoopMetrics) Rejected(string)           {}
func (NoopMetrics) FirstToken(time.Duration)  {}
func (NoopMetrics) OutputToken(time.Duration) {}
func (NoopMetrics) Tokens(int, int)           {}
func (NoopMetrics) QueueDepth(int)            {}
func (NoopMetrics) Running(int)               {}

// gauges sums the queue and batch sizes of every base and reports them.
type gauges struct {
	m               Metrics
	queued, running atomic.Int64
}

func (g *gauges) queue(delta int) {
	if delta != 0 {
		g.m.QueueDepth(int(g.queued.Add(int64(delta))))
	}
}

func (g *gauges) run(delta int) {
	if delta != 0 {
		g.m.Running(int(g.running.Add(int64(delta))))
	}
}

// PromMetrics records to a caller's Prometheus registry. Its labels are
// the model kind and the refusal reason, never a model's name, so that the
// series stay bounded whatever the clients ask for.
type PromMetrics struct {
	requests   *prometheus.CounterVec
	rejections *prometheus.CounterVec
	ttft       prometheus.Histogram
	tpot       prometheus.Histogram
	prompt     prometheus.Counter
	output     prometheus.Counter
	queue      prometheus.Gauge
	running    prometheus.Gauge
}

var _ Metrics = (*PromMetrics)(nil)

// NewPromMetrics registers the engine's metrics on reg.
func NewPromMetrics(reg *prometheus.Registry) (*PromMetrics, error) {
	const ns, sub = "provenet", "inference"
	m := &PromMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Subsystem: sub, Name: "requests_total",
			Help: "Inference requests queued, by model kind (base: a base model alone; adapter: with LoRA adapters).",
		}, []string{"kind"}),
		rejections: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Subsystem: sub, Name: "rejections_total",
			Help: "Inference requests refused before they ran, by reason (queue_full, context_length, bad_request, payment_required, unknown_model).",
		}, []string{"reason"}),
		ttft: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: ns, Subsystem: sub, Name: "time_to_first_token_seconds",
			Help:    "Time from a request's arrival at the engine to its first output token.",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 17), // 1 ms .. 65 s
		}),
		tpot: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: ns, Subsystem: sub, Name: "time_per_output_token_seconds",
			Help:    "Time between consecutive output tokens of one request (one observation per token after the first).",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 15), // 0.5 ms .. 8 s
		}),
		prompt: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Subsystem: sub, Name: "prompt_tokens_total", Help: "Prompt tokens of requests that ran.",
		}),
		output: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Subsystem: sub, Name: "output_tokens_total", Help: "Output tokens generated (an end-of-generation token excluded).",
		}),
		queue: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: ns, Subsystem: sub, Name: "queue_depth", Help: "Requests accepted and waiting to run.",
		}),
		running: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: ns, Subsystem: sub, Name: "running_sequences", Help: "Sequences in the running batches (the batch size).",
		}),
	}
	for _, col := range []prometheus.Collector{m.requests, m.rejections, m.ttft, m.tpot, m.prompt, m.output, m.queue, m.running} {
		if err := reg.Register(col); err != nil {
			return nil, err
		}
	}
	// Every series exists from the start, at zero.
	for _, k := range []string{KindBase, KindAdapter} {
		m.requests.WithLabelValues(k)
	}
	for _, r := range gpu.RejectReasons {
		m.rejections.WithLabelValues(r)
	}
	return m, nil
}

func (m *PromMetrics) Request(kind string) { m.requests.WithLabelValues(kind).Inc() }

// Rejected counts a request refused before it ran, by reason (one of
// gpu.RejectReasons; others are dropped). The engine does not call it:
// the HTTP layer does, which sees every refusal (a malformed body, an
// unknown model, a full queue, a payment refused at the gate).
func (m *PromMetrics) Rejected(reason string) {
	if slices.Contains(gpu.RejectReasons, reason) { // bounded, whatever the caller passes
		m.rejections.WithLabelValues(reason).Inc()
	}
}
func (m *PromMetrics) FirstToken(d time.Duration)  { m.ttft.Observe(d.Seconds()) }
func (m *PromMetrics) OutputToken(d time.Duration) { m.tpot.Observe(d.Seconds()) }
func (m *PromMetrics) Tokens(prompt, output int) {
	m.prompt.Add(float64(prompt))
	m.output.Add(float64(output))
}
func (m *PromMetrics) QueueDepth(n int) { m.queue.Set(float64(n)) }
func (m *PromMetrics) Running(n int)    { m.running.Set(float64(n)) }
