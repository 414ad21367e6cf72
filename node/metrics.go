package node

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/provenet/provenet/p2p"
)

// Metrics is what the node reports. It embeds p2p.Metrics so that the same
// value is handed to the transport.
type Metrics interface {
	p2p.Metrics
	RecordsStored(n int)
	DatanetsStored(n int)
	SyncPulled(kind string, n int)
	APIRequest(route string, code int, d time.Duration)
	// Handler serves the metrics in the Prometheus text format.
	Handler() http.Handler
}

// NoopMetrics discards everything.
type NoopMetrics struct{ p2p.NoopMetrics }

var _ Metrics = NoopMetrics{}

func (NoopMetrics) RecordsStored(int)                     {}
func (NoopMetrics) DatanetsStored(int)                    {}
func (NoopMetrics) SyncPulled(string, int)                {}
func (NoopMetrics) APIRequest(string, int, time.Duration) {}
func (NoopMetrics) Handler() http.Handler                 { return http.NotFoundHandler() }

// PromMetrics records to a Prometheus registry of its own, so that many nodes
// can share one process (tests, benchmarks) without sharing counters.
type PromMetrics struct {
	reg      *prometheus.Registry
	peers    prometheus.Gauge
	gossip   *prometheus.CounterVec
	records  prometheus.Counter
	datanets prometheus.Counter
	sync     *prometheus.CounterVec
	api      *prometheus.HistogramVec
}

var _ Metrics = (*PromMetrics)(nil)

// NewPromMetrics builds the node's metrics on a fresh registry.
func NewPromMetrics() *PromMetrics {
	const ns = "provenet"
	m := &PromMetrics{
		reg: prometheus.NewRegistry(),
		peers: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: ns, Name: "peers", Help: "Connected libp2p peers.",
		}),
		gossip: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "gossip_messages_total",
			Help: "Inbound gossip messages by topic and validation result (accept, reject, ignore).",
		}, []string{"topic", "result"}),
		records: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Name: "records_stored_total", Help: "Records newly stored by this node.",
		}),
		datanets: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Name: "datanets_stored_total", Help: "Datanet definitions newly stored by this node.",
		}),
		sync: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "sync_pulled_total", Help: "Objects newly stored through catch-up sync, by kind.",
		}, []string{"kind"}),
		api: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: ns, Name: "api_request_duration_seconds", Help: "HTTP API latency by route and status code.",
			Buckets: prometheus.ExponentialBuckets(0.0001, 4, 10),
		}, []string{"route", "code"}),
	}
	m.reg.MustRegister(m.peers, m.gossip, m.records, m.datanets, m.sync, m.api,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Registry exposes the registry, for tests.
func (m *PromMetrics) Registry() *prometheus.Registry { return m.reg }

func (m *PromMetrics) GossipMessage(topic string, r p2p.Result) {
	m.gossip.WithLabelValues(topic, resultName(r)).Inc()
}
func (m *PromMetrics) Peers(n int)          { m.peers.Set(float64(n)) }
func (m *PromMetrics) RecordsStored(n int)  { m.records.Add(float64(n)) }
func (m *PromMetrics) DatanetsStored(n int) { m.datanets.Add(float64(n)) }
func (m *PromMetrics) SyncPulled(kind string, n int) {
	m.sync.WithLabelValues(kind).Add(float64(n))
}
func (m *PromMetrics) APIRequest(route string, code int, d time.Duration) {
	m.api.WithLabelValues(route, strconv.Itoa(code)).Observe(d.Seconds())
}
func (m *PromMetrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

func resultName(r p2p.Result) string {
	switch r {
	case p2p.Accept:
		return "accept"
	case p2p.Reject:
		return "reject"
	case p2p.Ignore:
		return "ignore"
	}
	return "unknown"
}
