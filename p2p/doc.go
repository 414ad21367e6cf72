// Package p2p moves bytes between provenet nodes over libp2p. It knows
// nothing of the domain: the node plugs in gossip validators, message
// handlers and request/response handlers as plain byte functions.
//
// A Host owns:
//   - a libp2p host with TCP and QUIC transports, Noise and TLS security,
//     a connection manager and a resource manager (limits scaled to the
//     machine), and no relay, NAT port mapping or global metrics;
//   - discovery: bootstrap peers from the config (re-dialled while
//     disconnected), an optional Kademlia DHT under the /provenet prefix
//     used as a rendezvous, and mDNS only when enabled (its multicast
//     leaves the machine);
//   - gossipsub with strict signing, a content-hash message ID, a size cap,
//     peer scoring that graylists peers which send invalid messages, and
//     per-topic validators that return Accept, Reject or Ignore behind a
//     panic guard;
//   - request/response stream protocols with length-prefixed frames, size
//     caps and deadlines.
//
// Every callback runs behind a recover: a panic in a validator, a message
// handler or a stream handler is logged and never kills the daemon.
package p2p
