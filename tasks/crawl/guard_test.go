package crawl

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"testing"
)

func TestGuardCheck(t *testing.T) {
	tests := []struct {
		addr             string
		none, loop, priv bool // allowed with nothing, AllowLoopback, AllowPrivate
	}{
		{"93.184.215.14", true, true, true},
		{"2606:2800:21f:cb07:6820:80da:af6b:8b2c", true, true, true},
		{"127.0.0.1", false, true, false},
		{"127.255.255.254", false, true, false},
		{"::1", false, true, false},
		{"::ffff:127.0.0.1", false, true, false},
		{"10.0.0.1", false, false, true},
		{"172.16.5.4", false, false, true},
		{"192.168.1.1", false, false, true},
		{"fd00::1", false, false, true},
		{"100.64.0.1", false, false, true},
		{"169.254.169.254", false, false, false},
		{"fe80::1", false, false, false},
		{"0.0.0.0", false, false, false},
		{"0.1.2.3", false, false, false},
		{"::", false, false, false},
		{"224.0.0.1", false, false, false},
		{"ff02::1", false, false, false},
		{"255.255.255.255", false, false, false},
		{"192.0.2.1", false, false, false},
		{"2001:db8::1", false, false, false},
		{"64:ff9b::a9fe:a9fe", false, false, false}, // NAT64 of 169.254.169.254
		{"64:ff9b::808:808", true, true, true},      // NAT64 of 8.8.8.8
		{"2002:7f00:1::", false, true, false},       // 6to4 of 127.0.0.1
		{"2002:0a00:0001::", false, false, true},    // 6to4 of 10.0.0.1
		{"2001:0:4136:e378:8000:63bf:3fff:fdd2", false, false, false},
	}
	for _, tt := range tests {
		a := netip.MustParseAddr(tt.addr)
		for _, g := range []struct {
			g    guard
			want bool
		}{{guard{}, tt.none}, {guard{allowLoopback: true}, tt.loop}, {guard{allowPrivate: true}, tt.priv}} {
			err := g.g.check(a)
			if (err == nil) != g.want {
				t.Errorf("guard%+v.check(%s) = %v, want allowed=%v", g.g, a, err, g.want)
			}
			if err != nil && !errors.Is(err, ErrBlocked) {
				t.Errorf("check(%s) = %v, does not wrap ErrBlocked", a, err)
			}
		}
	}
}

// TestGuardAtDialTime checks the Control hook of the crawler's dialer: a
// real dial to loopback (so nothing leaves the machine even if the hook
// failed) must be refused before connect(2) when loopback is not allowed,
// and the hook itself must refuse the other classes; those are never
// dialled.
func TestGuardAtDialTime(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	accepted := make(chan struct{}, 8)
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			accepted <- struct{}{}
			conn.Close()
		}
	}()
	port := l.Addr().(*net.TCPAddr).Port
	c := newTestCrawler(t, DefaultConfig())
	for _, addr := range []string{fmt.Sprintf("127.0.0.1:%d", port), fmt.Sprintf("localhost:%d", port), fmt.Sprintf("[::1]:%d", port)} {
		conn, err := c.transport.DialContext(context.Background(), "tcp", addr)
		if err == nil {
			conn.Close()
			t.Fatalf("dial %s: connected", addr)
		}
		if !errors.Is(err, ErrBlocked) {
			t.Errorf("dial %s: %v, want ErrBlocked", addr, err)
		}
	}
	select {
	case <-accepted:
		t.Error("the listener accepted a connection")
	default:
	}
	for _, addr := range []string{"10.0.0.1:80", "169.254.169.254:80", "[fe80::1%eth0]:80", "[fd00::1]:443", "100.64.1.1:80", "0.0.0.0:80", "[::]:80", "224.0.0.251:5353"} {
		if err := c.guard.control("tcp", addr, nil); !errors.Is(err, ErrBlocked) {
			t.Errorf("control(%s) = %v, want ErrBlocked", addr, err)
		}
	}
	if err := c.guard.control("tcp4", "93.184.215.14:443", nil); err != nil {
		t.Errorf("control(public) = %v", err)
	}
	if err := c.guard.control("udp", "8.8.8.8:53", nil); !errors.Is(err, ErrBlocked) {
		t.Errorf("control(udp) = %v, want ErrBlocked", err)
	}
}

// TestFetchBlocked: with loopback not allowed, a real loopback server must
// see no request at all, whether it is named by IP or by a host name that
// resolves to it (the dial-time check). The non-loopback addresses are
// refused before any connection.
func TestFetchBlocked(t *testing.T) {
	srv := newHitServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		htmlPage(w, "secret", "<p>internal</p>")
	}))
	port := srv.Listener.Addr().(*net.TCPAddr).Port
	cfg := testConfig()
	cfg.AllowLoopback = false
	c := newTestCrawler(t, cfg)
	for _, u := range []string{
		srv.URL + "/",
		fmt.Sprintf("http://127.0.0.1:%d/", port),
		fmt.Sprintf("http://localhost:%d/", port),
		fmt.Sprintf("http://LocalHost.:%d/x", port),
		fmt.Sprintf("http://[::1]:%d/", port),
		fmt.Sprintf("http://0x7f000001:%d/", port),
		"http://10.0.0.1/",
		"http://169.254.169.254/latest/meta-data/",
		"http://[fe80::1]/",
		"http://[::ffff:169.254.169.254]/",
		"http://0.0.0.0/",
	} {
		_, err := c.Fetch(context.Background(), u)
		if !errors.Is(err, ErrBlocked) {
			t.Errorf("Fetch(%s) = %v, want ErrBlocked", u, err)
		}
	}
	for _, u := range []string{"file:///etc/passwd", "ftp://example.com/", "gopher://127.0.0.1:70/"} {
		if _, err := c.Fetch(context.Background(), u); !errors.Is(err, ErrBlocked) {
			t.Errorf("Fetch(%s) = %v, want ErrBlocked", u, err)
		}
	}
	if n := srv.Total(); n != 0 {
		t.Errorf("blocked server got %d requests: %v", n, srv.log)
	}
}

func TestRedirectToBlockedAddress(t *testing.T) {
	srv := newHitServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/metadata":
			http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
		case "/private":
			http.Redirect(w, r, "http://10.0.0.1:8080/admin", http.StatusMovedPermanently)
		case "/v6":
			http.Redirect(w, r, "http://[fd00::1]/", http.StatusTemporaryRedirect)
		case "/file":
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		case "/decimal":
			http.Redirect(w, r, "http://2852039166/", http.StatusFound) // 169.254.169.254
		default:
			http.NotFound(w, r)
		}
	}))
	c := newTestCrawler(t, testConfig())
	for _, p := range []string{"/metadata", "/private", "/v6", "/file", "/decimal"} {
		_, err := c.Fetch(context.Background(), srv.URL+p)
		if !errors.Is(err, ErrBlocked) {
			t.Errorf("Fetch(%s) = %v, want ErrBlocked", p, err)
		}
	}
}

// TestRedirectToLoopbackByName: a public-looking redirect chain that ends
// on a name resolving to loopback is refused at dial time when loopback is
// not allowed. The first hop is served by a handler in process through a
// transport stub, so no real public address is involved.
func TestRedirectToLoopbackByName(t *testing.T) {
	srv := newHitServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		htmlPage(w, "internal", "<p>internal admin</p>")
	}))
	port := srv.Listener.Addr().(*net.TCPAddr).Port
	cfg := testConfig()
	cfg.AllowLoopback = false
	c := newTestCrawler(t, cfg)
	// Replace only the dial step for one public-looking name: it "serves" a
	// redirect to localhost. Everything else goes through the guarded dialer.
	guarded := c.transport.DialContext
	front := newHitServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("http://localhost:%d/admin", port), http.StatusFound)
	}))
	frontAddr := front.Listener.Addr().String()
	c.transport.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if strings.HasPrefix(addr, "public.example:") {
			var d net.Dialer
			return d.DialContext(ctx, network, frontAddr)
		}
		return guarded(ctx, network, addr)
	}
	_, err := c.Fetch(context.Background(), "http://public.example/start")
	if !errors.Is(err, ErrBlocked) {
		t.Fatalf("Fetch = %v, want ErrBlocked", err)
	}
	if front.Hits("/start") != 1 {
		t.Errorf("front door hits = %d, want 1", front.Hits("/start"))
	}
	if n := srv.Total(); n != 0 {
		t.Errorf("loopback server got %d requests", n)
	}
}
