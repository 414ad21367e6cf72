package da

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"testing"
	"time"
)

// testLogger sends logs to t.Log.
func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type tWriter struct{ t testing.TB }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(string(p))
	return len(p), nil
}

func randBytes(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// startServer starts a dev server on loopback in dir and returns it with a
// client in mode. mut may adjust the server config.
func startServer(t *testing.T, dir string, mode Mode, mut func(*ServerConfig)) (*Server, *Client) {
	t.Helper()
	cfg := DefaultServerConfig()
	cfg.Dir = dir
	if mut != nil {
		mut(&cfg)
	}
	srv, err := NewServer(cfg, nil, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Stop(ctx) // ErrNotStarted when the test stopped it
	})
	ccfg := DefaultClientConfig(srv.URL())
	ccfg.Mode = mode
	ccfg.MaxPayloadBytes = srv.MaxPayloadBytes()
	ccfg.Timeout = 30 * time.Second
	cl, err := NewClient(ccfg, nil, nil, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	return srv, cl
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}
