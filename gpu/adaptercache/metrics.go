package adaptercache

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics receives the cache's events. Resident and Overshoot are called
// with the cache's lock held, so implementations must be fast and must
// not call back into the cache.
type Metrics interface {
	// Load: an adapter loaded in d from tier (TierDisk or TierRemote).
	Load(id string, d time.Duration, tier string)
	// Hit: an Acquire found the adapter resident.
	Hit(id string)
	// Evict: an adapter was evicted or removed.
	Evict(id string)
	// Resident: the bytes and number of resident adapters now.
	Resident(bytes int64, count int)
	// Overshoot: bytes resident beyond the budget because everything
	// evictable was pinned (0 when within budget).
	Overshoot(bytes int64)
}

// NoopMetrics discards everything.
type NoopMetrics struct{}

var _ Metrics = NoopMetrics{}

func (NoopMetrics) Load(string, time.Duration, string) {}
func (NoopMetrics) Hit(string)                         {}
func (NoopMetrics) Evict(string)                       {}
func (NoopMetrics) Resident(int64, int)                {}
func (NoopMetrics) Overshoot(int64)                    {}

// PromMetrics records to a caller's Prometheus registry. It labels by tier
// only, never by adapter (per-adapter figures are in Cache.Stats), to
// keep series cardinality bounded.
type PromMetrics struct {
	loads     *prometheus.CounterVec
	loadTime  *prometheus.HistogramVec
	hits      prometheus.Counter
	evictions prometheus.Counter
	bytes     prometheus.Gauge
	count     prometheus.Gauge
	overshoot prometheus.Gauge
}

var _ Metrics = (*PromMetrics)(nil)

// NewPromMetrics registers the cache's metrics on reg.
func NewPromMetrics(reg *prometheus.Registry) (*PromMetrics, error) {
	const ns, sub = "provenet", "adapter_cache"
	m := &PromMetrics{
		loads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Subsystem: sub, Name: "loads_total",
			Help: "Adapter loads (cache misses served), by tier (disk, remote).",
		}, []string{"tier"}),
		loadTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: ns, Subsystem: sub, Name: "load_duration_seconds",
			Help:    "Adapter load latency by tier.",
			Buckets: prometheus.ExponentialBuckets(0.001, 4, 9),
		}, []string{"tier"}),
		hits: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Subsystem: sub, Name: "hits_total", Help: "Acquires that found the adapter resident.",
		}),
		evictions: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Subsystem: sub, Name: "evictions_total", Help: "Adapters evicted or removed.",
		}),
		bytes: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: ns, Subsystem: sub, Name: "resident_bytes", Help: "Bytes of resident adapters.",
		}),
		count: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: ns, Subsystem: sub, Name: "resident_adapters", Help: "Number of resident adapters.",
		}),
		overshoot: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: ns, Subsystem: sub, Name: "overshoot_bytes",
			Help: "Resident bytes beyond the budget, held because every evictable adapter was pinned.",
		}),
	}
	for _, col := range []prometheus.Collector{m.loads, m.loadTime, m.hits, m.evictions, m.bytes, m.count, m.overshoot} {
		if err := reg.Register(col); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (m *PromMetrics) Load(_ string, d time.Duration, tier string) {
	m.loads.WithLabelValues(tier).Inc()
	m.loadTime.WithLabelValues(tier).Observe(d.Seconds())
}
func (m *PromMetrics) Hit(string)   { m.hits.Inc() }
func (m *PromMetrics) Evict(string) { m.evictions.Inc() }
func (m *PromMetrics) Resident(bytes int64, count int) {
	m.bytes.Set(float64(bytes))
	m.count.Set(float64(count))
}
func (m *PromMetrics) Overshoot(bytes int64) { m.overshoot.Set(float64(bytes)) }
