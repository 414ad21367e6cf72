package crawl

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a Clock that never really sleeps. Sleep moves the clock to
// the end of the sleep (if it is not already later), so a rate-limited
// crawl runs at full speed while its timestamps follow the schedule.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	slept  []time.Duration
	frozen bool // Sleep records but does not move the clock
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
}

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.slept = append(f.slept, d)
	if !f.frozen {
		f.now = f.now.Add(d)
	}
	return nil
}

func (f *fakeClock) Advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
}

func (f *fakeClock) Slept() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.slept...)
}

// testLogger sends the crawler's logs to t.Log.
func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type tWriter struct{ t testing.TB }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// testConfig allows loopback (the test servers) and nothing else, and
// makes the rate limit generous; tests that need limits tighten them.
func testConfig() Config {
	cfg := DefaultConfig()
	cfg.AllowLoopback = true
	cfg.RequestTimeout = 10 * time.Second
	cfg.CrawlTimeout = time.Minute
	cfg.HostRate = 1000
	cfg.HostBurst = 1000
	return cfg
}

func newTestCrawler(t testing.TB, cfg Config, opts ...Option) *Crawler {
	t.Helper()
	c, err := New(cfg, testLogger(t), opts...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(c.Close)
	tripwire(t, c)
	return c
}

// tripwire wraps the crawler's dialer so that a test can never open a
// connection off this machine, even if the guard regressed: a dial to
// anything but loopback fails the test and is refused before the guard
// (and the network) sees it.
func tripwire(t testing.TB, c *Crawler) {
	inner := c.transport.DialContext
	c.transport.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			t.Errorf("test dialled %q", addr)
			return nil, err
		}
		if a, err := netip.ParseAddr(host); (err == nil && a.Unmap().IsLoopback()) || strings.EqualFold(host, "localhost") {
			return inner(ctx, network, addr)
		}
		t.Errorf("test tried to dial %s, off this machine", addr)
		return nil, fmt.Errorf("tripwire: refusing to dial %s", addr)
	}
}

// hitServer is a loopback test server that counts requests per path.
type hitServer struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
	log  []string
}

func newHitServer(t testing.TB, h http.Handler) *hitServer {
	t.Helper()
	s := &hitServer{hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.RequestURI()]++
		s.log = append(s.log, r.URL.RequestURI())
		s.mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *hitServer) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *hitServer) Total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.log)
}

// htmlPage writes a small HTML page.
func htmlPage(w http.ResponseWriter, title, body string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = io.WriteString(w, "<!DOCTYPE html><html><head><title>"+title+"</title></head><body>"+body+"</body></html>")
}
