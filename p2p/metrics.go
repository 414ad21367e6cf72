package p2p

// Metrics is what the transport reports. The node passes one value that
// implements this and its own metrics, so that each node has one registry.
type Metrics interface {
	// GossipMessage counts one inbound gossip message and its verdict.
	GossipMessage(topic string, r Result)
	// Peers sets the number of connected peers.
	Peers(n int)
}

// NoopMetrics discards everything.
type NoopMetrics struct{}

var _ Metrics = NoopMetrics{}

func (NoopMetrics) GossipMessage(string, Result) {}
func (NoopMetrics) Peers(int)                    {}
