package node

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// testLogger sends the node's logs to t.Log.
func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

type tWriter struct{ t testing.TB }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// testConfig is a node on loopback with OS-chosen ports, TCP only, no DHT
// (tests wire peers explicitly) and fast sync.
func testConfig() Config {
	cfg := DefaultConfig()
	cfg.API.Listen = "127.0.0.1:0"
	cfg.P2P.Listen = []string{"/ip4/127.0.0.1/tcp/0"}
	cfg.P2P.DHT = false
	cfg.Sync.Interval = Duration(time.Second)
	cfg.Store.SyncWrites = false
	// The free tier: tests of inference need no API key; the key gate has
	// its own tests (apikeys_test.go).
	cfg.GPU.Free = true
	return cfg
}

// startNode starts a node with a fresh home and stops it at cleanup.
func startNode(t testing.TB, cfg Config) *Node {
	t.Helper()
	h, err := Init(t.TempDir(), cfg, false)
	if err != nil {
		t.Fatal(err)
	}
	return startNodeAt(t, cfg, h)
}

func startNodeAt(t testing.TB, cfg Config, h *Home) *Node {
	t.Helper()
	return startNodeWith(t, cfg, h, Options{})
}

// startNodeWith starts a node at h with opts (its logger defaults to t.Log)
// and stops it at cleanup.
func startNodeWith(t testing.TB, cfg Config, h *Home, opts Options) *Node {
	t.Helper()
	if opts.Logger == nil {
		opts.Logger = testLogger(t)
	}
	n, err := New(cfg, h, opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := n.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := n.Stop(context.Background()); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return n
}

// connect dials b from a.
func connect(t testing.TB, a, b *Node) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := a.Host().Connect(ctx, b.Host().AddrInfo()); err != nil {
		t.Fatalf("connect: %v", err)
	}
}

// eventually polls cond until it holds or the deadline passes.
func eventually(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
