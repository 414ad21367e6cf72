package p2p

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"
)

type tWriter struct{ t testing.TB }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func testConfig() Config {
	c := DefaultConfig()
	c.ListenAddrs = []string{"/ip4/127.0.0.1/tcp/0"}
	c.DHT = false
	c.DiscoveryInterval = 200 * time.Millisecond
	c.RequestTimeout = 5 * time.Second
	return c
}

func startHost(t *testing.T, cfg Config) *Host {
	t.Helper()
	key, _, err := crypto.GenerateEd25519Key(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	h, err := New(cfg, key, log, NoopMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := h.Stop(context.Background()); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return h
}

func connect(t *testing.T, a, b *Host) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := a.Connect(ctx, b.AddrInfo()); err != nil {
		t.Fatal(err)
	}
}

func eventually(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// inbox collects delivered messages.
type inbox struct {
	mu  sync.Mutex
	got []string
}

func (b *inbox) handler(_ context.Context, _ peer.ID, data []byte) {
	b.mu.Lock()
	b.got = append(b.got, string(data))
	b.mu.Unlock()
}

func (b *inbox) has(s string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, g := range b.got {
		if g == s {
			return true
		}
	}
	return false
}

func (b *inbox) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.got)
}

// strict accepts messages that start with "ok", rejects "bad..." and
// panics on "panic".
func strict(_ context.Context, _ peer.ID, data []byte) Result {
	switch {
	case bytes.HasPrefix(data, []byte("ok")):
		return Accept
	case bytes.Equal(data, []byte("panic")):
		panic("validator bug")
	case bytes.HasPrefix(data, []byte("later")):
		return Ignore
	}
	return Reject
}

func acceptAll(context.Context, peer.ID, []byte) Result { return Accept }

func joinAndSubscribe(t *testing.T, h *Host, v Validator) (*Topic, *inbox) {
	t.Helper()
	top, err := h.Join("/test/1", v)
	if err != nil {
		t.Fatal(err)
	}
	in := &inbox{}
	if err := top.Subscribe(in.handler); err != nil {
		t.Fatal(err)
	}
	return top, in
}

func waitMesh(t *testing.T, top *Topic, p peer.ID) {
	t.Helper()
	eventually(t, 10*time.Second, "topic peer", func() bool {
		for _, q := range top.ListPeers() {
			if q == p {
				return true
			}
		}
		return false
	})
	// Relays go to mesh peers only, and gossipsub grafts at its heartbeat
	// (1s): wait one so that the relay path exists.
	time.Sleep(1100 * time.Millisecond)
}

// TestGossipRejectsRelaysNothingAndGraylists: an attacker (whose own
// validator accepts anything) sends a victim invalid messages. The victim
// rejects them, relays none to the observer behind it, survives a
// validator panic, and after enough invalid messages graylists the
// attacker, so that even its valid messages are dropped.
func TestGossipRejectsRelaysNothingAndGraylists(t *testing.T) {
	attacker, victim, observer := startHost(t, testConfig()), startHost(t, testConfig()), startHost(t, testConfig())
	connect(t, attacker, victim)
	connect(t, observer, victim)
	at, _ := joinAndSubscribe(t, attacker, acceptAll)
	vt, vin := joinAndSubscribe(t, victim, strict)
	_, oin := joinAndSubscribe(t, observer, strict)
	waitMesh(t, at, victim.ID())
	waitMesh(t, vt, observer.ID())
	ctx := context.Background()

	if err := at.Publish(ctx, []byte("ok first")); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "valid message at observer", func() bool { return oin.has("ok first") })

	for _, m := range []string{"panic", "later", "bad 1", "bad 2", "bad 3"} {
		if err := at.Publish(ctx, []byte(m)); err != nil {
			t.Fatal(err)
		}
	}
	if err := at.Publish(ctx, []byte("ok second")); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "second valid message", func() bool { return oin.has("ok second") })
	if vin.count() != 2 || oin.count() != 2 {
		t.Fatalf("victim got %v, observer got %v: want only the two valid messages", vin.got, oin.got)
	}
	if s := victim.score(attacker.ID()); s > -1 {
		eventually(t, 3*time.Second, "attacker's score to fall", func() bool { return victim.score(attacker.ID()) < -1 })
	}

	// Keep sending invalid messages until the victim graylists the
	// attacker (about 9 rejections; how fast they are judged depends on the
	// machine's load, so the test paces itself on the score, not a clock).
	sent := 0
	eventually(t, 60*time.Second, "attacker graylisted", func() bool {
		if victim.score(attacker.ID()) < scoreThresholds.GraylistThreshold {
			return true
		}
		if err := at.Publish(ctx, []byte(fmt.Sprintf("bad flood %d", sent))); err != nil {
			t.Fatal(err)
		}
		sent++
		return false
	})
	t.Logf("graylisted; %d more invalid messages sent while waiting (the score snapshot refreshes each second)", sent)
	if err := at.Publish(ctx, []byte("ok after graylist")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1500 * time.Millisecond) // absence: give it time to (not) arrive
	if vin.has("ok after graylist") {
		t.Fatal("a graylisted peer's message was delivered")
	}
}

func TestPublishOverCapFails(t *testing.T) {
	cfg := testConfig()
	cfg.MaxMessageBytes = 1 << 10
	h := startHost(t, cfg)
	top, err := h.Join("/test/1", acceptAll)
	if err != nil {
		t.Fatal(err)
	}
	if err := top.Publish(context.Background(), make([]byte, 1025)); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("got %v, want ErrTooLarge", err)
	}
	if _, err := h.Join("/test/1", acceptAll); err == nil {
		t.Fatal("joined the same topic twice")
	}
}

func TestOversizedGossipIsRejected(t *testing.T) {
	small := testConfig()
	small.MaxMessageBytes = 1 << 10
	big := testConfig()
	big.MaxMessageBytes = 8 << 10
	sender, receiver := startHost(t, big), startHost(t, small)
	connect(t, sender, receiver)
	st, _ := joinAndSubscribe(t, sender, acceptAll)
	_, rin := joinAndSubscribe(t, receiver, acceptAll)
	waitMesh(t, st, receiver.ID())
	if err := st.Publish(context.Background(), bytes.Repeat([]byte("o"), 2<<10)); err != nil {
		t.Fatal(err)
	}
	if err := st.Publish(context.Background(), []byte("ok small")); err != nil {
		t.Fatal(err)
	}
	eventually(t, 5*time.Second, "small message", func() bool { return rin.has("ok small") })
	if rin.count() != 1 {
		t.Fatalf("receiver got %d messages, want only the small one", rin.count())
	}
}

func TestBootstrapPeersAreDialled(t *testing.T) {
	a := startHost(t, testConfig())
	cfg := testConfig()
	cfg.Bootstrap = a.FullAddrs()
	b := startHost(t, cfg)
	eventually(t, 5*time.Second, "bootstrap connection", func() bool { return len(b.Peers()) == 1 && len(a.Peers()) == 1 })
	if b.Peers()[0].ID != a.ID() {
		t.Fatal("connected to the wrong peer")
	}
}

// TestDHTDiscovery: b and c know only a; through the DHT rendezvous they
// find each other.
func TestDHTDiscovery(t *testing.T) {
	cfg := testConfig()
	cfg.DHT = true
	a := startHost(t, cfg)
	cfg.Bootstrap = a.FullAddrs()
	b := startHost(t, cfg)
	c := startHost(t, cfg)
	eventually(t, 30*time.Second, "b and c to find each other", func() bool {
		for _, p := range b.Peers() {
			if p.ID == c.ID() {
				return true
			}
		}
		return false
	})
}

func TestConfigValidate(t *testing.T) {
	for name, mut := range map[string]func(*Config){
		"listen":    func(c *Config) { c.ListenAddrs = []string{"not a multiaddr"} },
		"bootstrap": func(c *Config) { c.Bootstrap = []string{"/ip4/127.0.0.1/tcp/1"} },
		"conn":      func(c *Config) { c.ConnLow, c.ConnHigh = 10, 5 },
		"message":   func(c *Config) { c.MaxMessageBytes = 10 },
		"timeout":   func(c *Config) { c.RequestTimeout = 0 },
	} {
		c := DefaultConfig()
		mut(&c)
		if err := c.Validate(); !errors.Is(err, ErrConfig) {
			t.Errorf("%s: got %v, want ErrConfig", name, err)
		}
	}
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatal(err)
	}
}
