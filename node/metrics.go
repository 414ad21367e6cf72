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
	// FactoryJobEnded counts a Model Factory job that ended: where it ran
	// ("local": here for this node; "for-peer": here for a peer's order;
	// "remote": on a peer for this node), its final state, and the
	// training tokens it processed.
	FactoryJobEnded(where, state string, tokens int64)
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
func (NoopMetrics) FactoryJobEnded(string, string, int64) {}
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
	fjobs    *prometheus.CounterVec
	ftokens  *prometheus.CounterVec
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
		fjobs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "factory_jobs_total", Help: "Model Factory jobs that ended, by where they ran (local, for-peer, remote) and final state.",
		}, []string{"where", "state"}),
		ftokens: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "factory_tokens_total", Help: "Training tokens of ended Model Factory jobs, by where they ran.",
		}, []string{"where"}),
	}
	m.reg.MustRegister(m.peers, m.gossip, m.records, m.datanets, m.sync, m.api, m.fjobs, m.ftokens,
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
func (m *PromMetrics) FactoryJobEnded(where, state string, tokens int64) {
	m.fjobs.WithLabelValues(where, state).Inc()
	m.ftokens.WithLabelValues(where).Add(float64(tokens))
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
