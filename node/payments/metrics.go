package payments

import (
	"github.com/prometheus/client_golang/prometheus"
)

// metrics counts payments: revenue in wei by role (operator charges at
// the gate; at settlement the operator payouts and the model and data
// claims), refused requests by reason, and settlements by result. A nil
// registry counts nothing.
type metrics struct {
	revenue     *prometheus.CounterVec
	rejections  *prometheus.CounterVec
	settlements *prometheus.CounterVec
}

func newMetrics(reg *prometheus.Registry) *metrics {
	if reg == nil {
		return &metrics{}
	}
	p := &metrics{
		revenue: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: "provenet", Subsystem: "pay", Name: "revenue_wei_total",
			Help: "Wei earned, by role: charged (this operator's gate, before settlement), operator, model and data (settled)."}, []string{"role"}),
		rejections: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: "provenet", Subsystem: "pay", Name: "rejections_total",
			Help: "Paid requests refused before generation, and receipts a payer refused, by reason."}, []string{"reason"}),
		settlements: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: "provenet", Subsystem: "pay", Name: "settlements_total",
			Help: "Epoch settlements on the escrow by the aggregator, by result."}, []string{"result"}),
	}
	for _, c := range []prometheus.Collector{p.revenue, p.rejections, p.settlements} {
		if err := reg.Register(c); err != nil {
			return &metrics{}
		}
	}
	return p
}

func (p *metrics) charged(wei uint64) { p.earned("charged", wei) }

func (p *metrics) earned(role string, wei uint64) {
	if p.revenue != nil {
		p.revenue.WithLabelValues(role).Add(float64(wei))
	}
}

func (p *metrics) rejected(reason string) {
	if p.rejections != nil {
		p.rejections.WithLabelValues(reason).Inc()
	}
}

func (p *metrics) settled(result string) {
	if p.settlements != nil {
		p.settlements.WithLabelValues(result).Inc()
	}
}
