package p2p

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	pubsub "github.com/libp2p/go-libp2p-pubsub"
	pb "github.com/libp2p/go-libp2p-pubsub/pb"
	"github.com/libp2p/go-libp2p/core/peer"
)

// Result is a gossip validator's verdict.
type Result int

const (
	// Accept delivers the message and relays it.
	Accept Result = iota
	// Reject drops the message and lowers the sender's peer score: it is
	// provably bad.
	Reject
	// Ignore drops the message without penalty: it cannot be judged now, or
	// is nothing new.
	Ignore
)

// String returns accept, reject or ignore.
func (r Result) String() string {
	switch r {
	case Accept:
		return "accept"
	case Reject:
		return "reject"
	case Ignore:
		return "ignore"
	}
	return fmt.Sprintf("result(%d)", int(r))
}

func (r Result) pubsub() pubsub.ValidationResult {
	switch r {
	case Accept:
		return pubsub.ValidationAccept
	case Ignore:
		return pubsub.ValidationIgnore
	default:
		return pubsub.ValidationReject
	}
}

// Validator judges one inbound message from the peer that relayed it.
type Validator func(ctx context.Context, from peer.ID, data []byte) Result

// Handler receives one accepted message from another peer.
type Handler func(ctx context.Context, from peer.ID, data []byte)

// ErrTooLarge reports a message over Config.MaxMessageBytes.
var ErrTooLarge = errors.New("p2p: message too large")

// Peer-score thresholds. A peer's score falls by the square of its invalid
// messages (decaying over time): after 4 it gets no gossip, after 8 its
// messages are not published to, and after 9 everything it sends is dropped.
var scoreThresholds = pubsub.PeerScoreThresholds{
	GossipThreshold:             -10,
	PublishThreshold:            -50,
	GraylistThreshold:           -80,
	AcceptPXThreshold:           10,
	OpportunisticGraftThreshold: 5,
}

func peerScoreParams() *pubsub.PeerScoreParams {
	return &pubsub.PeerScoreParams{
		Topics:           map[string]*pubsub.TopicScoreParams{},
		AppSpecificScore: func(peer.ID) float64 { return 0 },
		// Devnets and tests put every peer on 127.0.0.1: an IP colocation
		// penalty would punish them all.
		IPColocationFactorWeight: 0,
		BehaviourPenaltyWeight:   -10,
		BehaviourPenaltyDecay:    0.99,
		DecayInterval:            time.Second,
		DecayToZero:              0.01,
		RetainScore:              10 * time.Minute,
	}
}

// topicScoreParams scores only what a validator proves: invalid messages.
// Delivery-rate scoring would need per-topic traffic estimates we do not
// have yet.
func topicScoreParams() *pubsub.TopicScoreParams {
	return &pubsub.TopicScoreParams{
		TopicWeight:                    1,
		TimeInMeshQuantum:              time.Second,
		InvalidMessageDeliveriesWeight: -1,
		InvalidMessageDeliveriesDecay:  0.99,
	}
}

// messageID is a content hash: the same payload on the same topic is one
// message, whoever signed it.
func messageID(m *pb.Message) string {
	h := sha256.New()
	h.Write([]byte(m.GetTopic()))
	h.Write([]byte{0})
	h.Write(m.Data)
	return string(h.Sum(nil)[:20])
}

func (h *Host) gossipParams() pubsub.GossipSubParams {
	p := pubsub.DefaultGossipSubParams()
	if d := h.cfg.MeshDegree; d > 0 {
		p.D, p.Dlo, p.Dhi = d, d-1, 2*d
		p.Dscore, p.Dout = min(p.Dscore, d-1), min(p.Dout, (d-1)/2)
		p.Dlazy = d
	}
	return p
}

func (h *Host) newPubSub() (*pubsub.PubSub, error) {
	opts := []pubsub.Option{
		pubsub.WithMessageSignaturePolicy(pubsub.StrictSign),
		pubsub.WithMessageIdFn(messageID),
		pubsub.WithPeerScore(peerScoreParams(), &scoreThresholds),
		pubsub.WithPeerScoreInspect(h.setScores, time.Second),
		// Our own messages go to every topic peer in good standing, not only
		// the mesh: one hop to neighbours, and nothing is lost when the
		// mesh has not formed yet (v0.19 turned this off by default).
		pubsub.WithFloodPublish(true),
		// Frames up to 4x the cap still reach the validator, which rejects
		// them and so scores the sender; larger ones drop the stream.
		pubsub.WithMaxMessageSize(4*h.cfg.MaxMessageBytes + 64<<10),
		pubsub.WithValidateQueueSize(4096),
		pubsub.WithValidateThrottle(8192),
		pubsub.WithValidateWorkers(runtime.GOMAXPROCS(0)),
		pubsub.WithPeerOutboundQueueSize(1024),
		pubsub.WithLogger(h.log.With("subsystem", "pubsub")),
	}
	if h.cfg.MeshDegree > 0 {
		opts = append(opts, pubsub.WithGossipSubParams(h.gossipParams()))
	}
	ps, err := pubsub.NewGossipSub(h.ctx, h.h, opts...)
	if err != nil {
		return nil, fmt.Errorf("p2p: gossipsub: %w", err)
	}
	return ps, nil
}

func (h *Host) setScores(m map[peer.ID]float64) {
	h.scoreMu.Lock()
	h.scores = m
	h.scoreMu.Unlock()
}

func (h *Host) score(p peer.ID) float64 {
	h.scoreMu.Lock()
	defer h.scoreMu.Unlock()
	return h.scores[p]
}

// Topic is a joined gossip topic.
type Topic struct {
	h    *Host
	name string
	t    *pubsub.Topic

	mu  sync.Mutex
	sub *pubsub.Subscription
}

// Join joins topic name with validator v, which every message from another
// peer passes before it is delivered or relayed. Messages over
// MaxMessageBytes are rejected before v sees them, and a panic in v rejects
// the message. Messages this host publishes are not validated again: the
// caller publishes only what it has checked.
func (h *Host) Join(name string, v Validator) (*Topic, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case h.stopped:
		return nil, ErrStopped
	case h.ps == nil:
		return nil, ErrNotStarted
	case h.topics[name] != nil:
		return nil, fmt.Errorf("p2p: topic %s already joined", name)
	}
	if err := h.ps.RegisterTopicValidator(name, h.guardValidator(name, v),
		pubsub.WithValidatorTimeout(h.cfg.ValidatorTimeout)); err != nil {
		return nil, fmt.Errorf("p2p: validator for %s: %w", name, err)
	}
	t, err := h.ps.Join(name)
	if err != nil {
		return nil, fmt.Errorf("p2p: join %s: %w", name, err)
	}
	if err := t.SetScoreParams(topicScoreParams()); err != nil {
		return nil, fmt.Errorf("p2p: score params for %s: %w", name, err)
	}
	top := &Topic{h: h, name: name, t: t}
	h.topics[name] = top
	return top, nil
}

type authorKey struct{}

// Author is the peer that signed the gossip message being validated (with
// strict signing, authenticated), from the context a Validator is given.
func Author(ctx context.Context) (peer.ID, bool) {
	p, ok := ctx.Value(authorKey{}).(peer.ID)
	return p, ok
}

// guardValidator applies the size cap, the panic guard and the metrics.
func (h *Host) guardValidator(topic string, v Validator) pubsub.ValidatorEx {
	self := h.h.ID()
	return func(ctx context.Context, from peer.ID, m *pubsub.Message) pubsub.ValidationResult {
		if from == self {
			return pubsub.ValidationAccept
		}
		r := Reject
		if author := m.GetFrom(); author != "" {
			ctx = context.WithValue(ctx, authorKey{}, author)
		}
		if len(m.Data) <= h.cfg.MaxMessageBytes {
			if h.guard("validator "+topic, func() { r = v(ctx, from, m.Data) }) {
				r = Reject
			}
		} else {
			h.log.Debug("gossip: message over size cap", "topic", topic, "from", from, "bytes", len(m.Data))
		}
		h.metrics.GossipMessage(topic, r)
		return r.pubsub()
	}
}

// handlerWorkers is how many goroutines deliver one topic's messages, so
// that a handler waiting on a disk sync does not hold up the next message.
const handlerWorkers = 4

// Subscribe delivers every accepted message from other peers to fn, on a
// few goroutines of the host's, until Stop. A panic in fn is logged.
func (t *Topic) Subscribe(fn Handler) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.sub != nil {
		return fmt.Errorf("p2p: topic %s already subscribed", t.name)
	}
	sub, err := t.t.Subscribe(pubsub.WithBufferSize(4096))
	if err != nil {
		return fmt.Errorf("p2p: subscribe %s: %w", t.name, err)
	}
	t.sub = sub
	h := t.h
	self := h.h.ID()
	for range handlerWorkers {
		h.wg.Add(1)
		go func() {
			defer h.wg.Done()
			for {
				msg, err := sub.Next(h.ctx)
				if err != nil {
					return
				}
				if msg.ReceivedFrom == self {
					continue
				}
				h.guard("handler "+t.name, func() { fn(h.ctx, msg.ReceivedFrom, msg.Data) })
			}
		}()
	}
	return nil
}

// Publish signs and sends data to the topic.
func (t *Topic) Publish(ctx context.Context, data []byte) error {
	if len(data) > t.h.cfg.MaxMessageBytes {
		return fmt.Errorf("%w: %d bytes, cap %d", ErrTooLarge, len(data), t.h.cfg.MaxMessageBytes)
	}
	if err := t.t.Publish(ctx, data); err != nil {
		return fmt.Errorf("p2p: publish %s: %w", t.name, err)
	}
	return nil
}

// ListPeers are the peers known to be in the topic.
func (t *Topic) ListPeers() []peer.ID { return t.t.ListPeers() }

// Name is the topic's name.
func (t *Topic) Name() string { return t.name }

func (t *Topic) close() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.sub != nil {
		t.sub.Cancel()
	}
	return nil
}
