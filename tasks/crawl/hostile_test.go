package crawl

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Hostile pages, all served on loopback: endless and compressed bodies,
// slow servers, malformed HTML and redirect loops. Timeouts are real but
// short; the whole file runs in a few seconds (more under -race).

// raceEnabled reports whether the test binary was built with -race, which
// makes parsing several times slower: slack scales CPU-bound limits by it.
var raceEnabled = func() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}()

func slack(d time.Duration) time.Duration {
	if raceEnabled {
		return 6 * d
	}
	return d
}

// countReads wraps the crawler's dialer so that every byte the crawler
// reads from a connection is counted. A positive rcvbuf also shrinks the
// socket receive buffer, so that the kernel cannot hold much that the
// crawler did not ask for.
func countReads(c *Crawler, rcvbuf int) *atomic.Int64 {
	var n atomic.Int64
	inner := c.transport.DialContext
	c.transport.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		conn, err := inner(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		if tc, ok := conn.(*net.TCPConn); ok && rcvbuf > 0 {
			_ = tc.SetReadBuffer(rcvbuf)
		}
		return countingConn{conn, &n}, nil
	}
	return &n
}

type countingConn struct {
	net.Conn
	n *atomic.Int64
}

func (c countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// newSmallBufServer is newHitServer with a small socket send buffer on
// every connection, so that what the server manages to write is close to
// what the client reads.
func newSmallBufServer(t testing.TB, sndbuf int, h http.Handler) *hitServer {
	t.Helper()
	s := &hitServer{hits: map[string]int{}}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.RequestURI()]++
		s.log = append(s.log, r.URL.RequestURI())
		s.mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	s.Config.ConnContext = func(ctx context.Context, c net.Conn) context.Context {
		if tc, ok := c.(*net.TCPConn); ok {
			_ = tc.SetWriteBuffer(sndbuf)
		}
		return ctx
	}
	s.Start()
	t.Cleanup(s.Close)
	return s
}

// pageRequests counts the requests the server saw from index on, robots.txt
// left out.
func (s *hitServer) pageRequests(from int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, p := range s.log[from:] {
		if p != "/robots.txt" {
			n++
		}
	}
	return n
}

// totalAlloc returns the bytes allocated by the process so far.
func totalAlloc() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.TotalAlloc
}

// endless writes prefix and then text forever, until the client goes away
// (or, as a safety net, 1 GiB has been written), adding what it wrote to
// n.
func endless(w http.ResponseWriter, prefix string, n *atomic.Int64) {
	chunk := []byte(strings.Repeat("lorem ipsum dolor sit amet ", 32<<10/27))
	k, err := io.WriteString(w, prefix)
	n.Add(int64(k))
	for err == nil && n.Load() < 1<<30 {
		k, err = w.Write(chunk)
		n.Add(int64(k))
	}
}

func TestHostileEndlessBody(t *testing.T) {
	const limit = 1 << 20
	var written atomic.Int64
	done := make(chan struct{}, 4)
	srv := newSmallBufServer(t, 64<<10, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/endless":
			defer func() { done <- struct{}{} }()
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			endless(w, "<!DOCTYPE html><html><head><title>endless</title></head><body><p>", &written)
		case "/endless-sniffed":
			// No Content-Type: the crawler sniffs the first bytes first.
			defer func() { done <- struct{}{} }()
			w.Header()["Content-Type"] = nil
			endless(w, "", &written)
		case "/endless-headers":
			// A header section that never ends.
			defer func() { done <- struct{}{} }()
			conn, bw, err := w.(http.Hijacker).Hijack()
			if err != nil {
				t.Error(err)
				return
			}
			defer conn.Close()
			k, err := bw.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
			written.Add(int64(k))
			line := "X-Junk: " + strings.Repeat("j", 1000) + "\r\n"
			for err == nil && written.Load() < 1<<30 {
				k, err = bw.WriteString(line)
				written.Add(int64(k))
			}
		default:
			http.NotFound(w, r)
		}
	}))
	cfg := testConfig()
	cfg.MaxBodyBytes = limit
	cfg.RequestTimeout = 5 * time.Second
	c := newTestCrawler(t, cfg)
	read := countReads(c, 64<<10)
	if _, err := c.Fetch(context.Background(), srv.URL+"/missing"); !errors.Is(err, ErrStatus) {
		t.Fatalf("warm-up fetch: %v", err) // fetches robots.txt
	}

	for _, tt := range []struct {
		path    string
		want    error // nil: any error
		maxRead int64
	}{
		{"/endless", ErrTooLarge, limit + 64<<10},
		{"/endless-sniffed", ErrTooLarge, limit + 64<<10},
		{"/endless-headers", nil, 64<<10 + 16<<10}, // MaxResponseHeaderBytes is 64 KiB
	} {
		t.Run(strings.TrimPrefix(tt.path, "/"), func(t *testing.T) {
			read.Store(0)
			written.Store(0)
			alloc := totalAlloc()
			start := time.Now()
			_, err := c.Fetch(context.Background(), srv.URL+tt.path)
			took := time.Since(start)
			allocated := totalAlloc() - alloc
			if err == nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("Fetch = %v, want %v", err, tt.want)
			}
			if took > slack(2*time.Second) {
				t.Errorf("Fetch took %v", took)
			}
			if n := read.Load(); n > tt.maxRead {
				t.Errorf("crawler read %d bytes, limit %d", n, tt.maxRead)
			}
			if allocated > 16<<20 {
				t.Errorf("allocated %d bytes during the fetch", allocated)
			}
			// The server notices that the crawler hung up, having written
			// little more than what the two socket buffers hold.
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("server still writing 5s after the crawler gave up")
			}
			if n := written.Load(); n > 2*limit {
				t.Errorf("server wrote %d bytes", n)
			}
			t.Logf("%s: %v after %v; crawler read %d bytes, server wrote %d, allocated %d",
				tt.path, err, took, read.Load(), written.Load(), allocated)
		})
	}
}

// gzipped compresses data as one gzip member.
func gzipped(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestHostileGzipBomb serves 1 MiB of gzip that inflates to 1 GiB of HTML.
// The crawler does not set Accept-Encoding, so net/http asks for gzip and
// inflates the body transparently: the size cap must count inflated bytes.
func TestHostileGzipBomb(t *testing.T) {
	const inflated = 1 << 30
	head := "<!DOCTYPE html><html><head><title>bomb</title></head><body><p>"
	block := gzipped(t, bytes.Repeat([]byte("A"), 4<<20))
	bomb := gzipped(t, []byte(head)) // gzip members concatenate
	for range inflated / (4 << 20) {
		bomb = append(bomb, block...)
	}
	small := "<!DOCTYPE html><html><head><title>small</title></head><body><p>hello from a gzip page</p></body></html>"
	var mu sync.Mutex
	var acceptEncoding []string
	var written atomic.Int64
	srv := newHitServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := bomb
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
			return
		case "/bomb":
		case "/small":
			body = gzipped(t, []byte(small))
		default:
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		acceptEncoding = append(acceptEncoding, r.Header.Get("Accept-Encoding"))
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		for i := 0; i < len(body); i += 32 << 10 {
			k, err := w.Write(body[i:min(i+32<<10, len(body))])
			written.Add(int64(k))
			if err != nil {
				return
			}
		}
	}))
	cfg := testConfig()
	cfg.MaxBodyBytes = 4 << 20 // DefaultConfig's
	if int64(len(bomb)) > cfg.MaxBodyBytes/2 {
		t.Fatalf("bomb is %d bytes compressed, not well below the limit", len(bomb))
	}
	c := newTestCrawler(t, cfg)
	read := countReads(c, 0)
	ctx := context.Background()

	// A well-behaved gzip page: the body is inflated transparently.
	p, err := c.Fetch(ctx, srv.URL+"/small")
	if err != nil {
		t.Fatal(err)
	}
	if p.Text != "hello from a gzip page" || p.Title != "small" || p.Bytes != len(small) {
		t.Fatalf("gzip page: text %q, title %q, %d bytes", p.Text, p.Title, p.Bytes)
	}

	read.Store(0)
	alloc := totalAlloc()
	start := time.Now()
	_, err = c.Fetch(ctx, srv.URL+"/bomb")
	took := time.Since(start)
	allocated := totalAlloc() - alloc
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("bomb: %v, want ErrTooLarge", err)
	}
	if took > slack(2*time.Second) {
		t.Errorf("bomb took %v", took)
	}
	// Reaching 4 MiB inflated takes about two 4 KiB blocks of the bomb.
	if n := read.Load(); n > 256<<10 {
		t.Errorf("crawler read %d compressed bytes of %d", n, len(bomb))
	}
	if allocated > 64<<20 {
		t.Errorf("allocated %d bytes for the bomb", allocated)
	}
	mu.Lock()
	defer mu.Unlock()
	if want := []string{"gzip", "gzip"}; !slices.Equal(acceptEncoding, want) {
		t.Errorf("Accept-Encoding sent: %q, want %q (the transport's transparent gzip)", acceptEncoding, want)
	}
	t.Logf("bomb of %d bytes (%d inflated): %v after %v; crawler read %d bytes, allocated %d",
		len(bomb), inflated+len(head), err, took, read.Load(), allocated)
}

// isTimeout reports whether err is a timeout: a context deadline or a
// net/http timeout (awaiting headers, say).
func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

// slowHandler serves hostile slow pages until the client goes away; fast
// pages are small HTML pages linking to everything in links.
func slowHandler(links ...string) http.Handler {
	trickle := func(w http.ResponseWriter, r *http.Request) {
		w.(http.Flusher).Flush()
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-r.Context().Done():
				return
			case <-tick.C:
			}
			if _, err := io.WriteString(w, "x"); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		switch {
		case p == "/robots.txt":
			http.NotFound(w, r)
		case p == "/trickle":
			// Headers at once, then the body at one byte per 100ms.
			w.Header().Set("Content-Type", "text/html")
			_, _ = io.WriteString(w, "<html><body><p>")
			trickle(w, r)
		case p == "/hang":
			// Never a header.
			<-r.Context().Done()
		case strings.HasPrefix(p, "/slow-redirect/"):
			// Each hop sends its redirect at once but trickles the short
			// body it declared.
			n, _ := strconv.Atoi(strings.TrimPrefix(p, "/slow-redirect/"))
			w.Header().Set("Location", fmt.Sprintf("/slow-redirect/%d", n+1))
			w.Header().Set("Content-Length", "1000")
			w.WriteHeader(http.StatusFound)
			trickle(w, r)
		case strings.HasPrefix(p, "/chunked-redirect/"):
			// The same with a body of unknown length.
			n, _ := strconv.Atoi(strings.TrimPrefix(p, "/chunked-redirect/"))
			w.Header().Set("Location", fmt.Sprintf("/chunked-redirect/%d", n+1))
			w.WriteHeader(http.StatusFound)
			trickle(w, r)
		default:
			var b strings.Builder
			fmt.Fprintf(&b, "<p>fast page %s</p>", p)
			for _, l := range links {
				fmt.Fprintf(&b, `<a href="%s">%s</a> `, l, l)
			}
			htmlPage(w, p, b.String())
		}
	})
}

func TestHostileSlow(t *testing.T) {
	const timeout = 500 * time.Millisecond
	srv := newHitServer(t, slowHandler())
	cfg := testConfig()
	cfg.RequestTimeout = timeout
	c := newTestCrawler(t, cfg)
	ctx := context.Background()
	if _, err := c.Fetch(ctx, srv.URL+"/fast"); err != nil {
		t.Fatal(err) // robots.txt is cached from here on
	}
	for _, path := range []string{"/trickle", "/hang", "/slow-redirect/0"} {
		start := time.Now()
		_, err := c.Fetch(ctx, srv.URL+path)
		took := time.Since(start)
		t.Logf("%s: %v after %v", path, err, took)
		if !isTimeout(err) || IsSkip(err) {
			t.Errorf("%s: %v, want a timeout", path, err)
		}
		if took < timeout-50*time.Millisecond || took > timeout+slack(300*time.Millisecond) {
			t.Errorf("%s: took %v, want about the request timeout %v", path, took, timeout)
		}
	}
	// A redirect whose body never ends is followed without waiting for it.
	start := time.Now()
	_, err := c.Fetch(ctx, srv.URL+"/chunked-redirect/0")
	took := time.Since(start)
	t.Logf("/chunked-redirect/0: %v after %v", err, took)
	if !errors.Is(err, ErrTooManyRedirects) || took >= timeout {
		t.Errorf("chunked slow redirects: %v after %v, want ErrTooManyRedirects at once", err, took)
	}

	// A robots.txt that never answers disallows the site after the request
	// timeout.
	hung := newHitServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	start = time.Now()
	_, err = c.Fetch(ctx, hung.URL+"/page")
	took = time.Since(start)
	if !errors.Is(err, ErrRobots) || took > timeout+slack(300*time.Millisecond) {
		t.Errorf("hanging robots.txt: %v after %v, want ErrRobots after %v", err, took, timeout)
	}
	if hung.Hits("/page") != 0 {
		t.Error("page fetched although robots.txt did not answer")
	}
}

// TestHostileSlowPageInCrawl crawls a site where two of the pages the root
// links to never finish: the crawl goes on with the others and ends about
// one request timeout per batch later.
func TestHostileSlowPageInCrawl(t *testing.T) {
	const timeout = 500 * time.Millisecond
	srv := newHitServer(t, slowHandler("/p1", "/p2", "/trickle", "/p3", "/p4", "/hang", "/p5"))
	cfg := testConfig()
	cfg.RequestTimeout = timeout
	cfg.Workers = 4
	c := newTestCrawler(t, cfg)
	var got []string
	start := time.Now()
	st, err := c.CrawlSite(context.Background(), srv.URL+"/", 0, func(p *Page) error {
		got = append(got, strings.TrimPrefix(p.FinalURL, srv.URL))
		return nil
	})
	took := time.Since(start)
	t.Logf("crawl took %v: %+v", took, st)
	if err != nil {
		t.Fatal(err)
	}
	// Every fast page is emitted once (the root and p1..p5 also link to
	// each other); the two slow ones are errors.
	slices.Sort(got)
	if want := []string{"/", "/p1", "/p2", "/p3", "/p4", "/p5"}; !slices.Equal(got, want) {
		t.Errorf("emitted %v, want %v", got, want)
	}
	if st.Pages != 6 || st.Errors != 2 || st.Fetched != 8 {
		t.Errorf("stats = %+v, want 6 pages, 2 errors, 8 fetched", st)
	}
	// Two batches hold a slow page: about two request timeouts.
	if took > 2*timeout+slack(time.Second) {
		t.Errorf("crawl took %v", took)
	}
}

// malformedCase is a hostile document with what its text must (not) hold.
type malformedCase struct {
	name        string
	contentType string
	body        []byte
	contains    []string
	excludes    []string
	links       int // -1: any number
}

func malformedCases() []malformedCase {
	rng := rand.New(rand.NewSource(1))
	garbage := make([]byte, 1<<20)
	rng.Read(garbage)
	const nest = 100_000
	deep := "<!DOCTYPE html><html><head><title>deep</title></head><body><p>before the nest</p>" +
		strings.Repeat("<div>", nest) + "DEEPTEXT<script>var SCRIPTJUNK = '<b>';</script>" + strings.Repeat("</div>", nest) +
		"<p>after the nest <a href='/after'>after</a></p></body></html>"
	mixed := "<html><body>" + strings.Repeat(`<div class="c"><section><span><ul><li><em><table><tr><td>`, nest/8) +
		"MIXEDTEXT</body></html>"
	var unclosed strings.Builder
	unclosed.WriteString("<html><head><title>unclosed</title><body>")
	for i := range 20_000 {
		fmt.Fprintf(&unclosed, `<p><b><i><font><a href="/u/%d">link %d `, i, i)
	}
	giant := "<!DOCTYPE html><html><head><title>giant</title></head><body><p>" +
		strings.Repeat("lorem ipsum dolor sit amet ", 3<<20/27) + "</p></body></html>"
	hugeAttr := `<html><body><div class="` + strings.Repeat("x", 256<<10) + `" id="` + strings.Repeat("comment ", 32<<10) +
		`"><p title="` + strings.Repeat("t", 256<<10) + `">visible text</p><img alt="` + strings.Repeat("a", 256<<10) +
		`"><a href="/` + strings.Repeat("y", 256<<10) + `">huge link</a> <a href="/ok">ok link</a></div></body></html>`
	return []malformedCase{
		{name: "nested-div", contentType: "text/html", body: []byte(deep),
			contains: []string{"before the nest", "DEEPTEXT", "after the nest"}, excludes: []string{"SCRIPTJUNK"}, links: 1},
		{name: "nested-mixed", contentType: "text/html", body: []byte(mixed), contains: []string{"MIXEDTEXT"}, links: 0},
		{name: "unclosed", contentType: "text/html", body: []byte(unclosed.String()),
			contains: []string{"link 0\n\nlink 1\n\nlink 2", "link 19999"}, links: 2000},
		{name: "invalid-utf8-nul", contentType: "text/html; charset=utf-8",
			body: []byte("<html><head><title>t\x00i\xfftle</title></head><body><p>caf\xe9 \x00nul\x00 \xc3 \xed\xa0\x80 end\x00</p>" +
				"<a href='/a\x00b\xff'>l</a></body></html>"),
			contains: []string{"caf\uFFFD", "nul", "end"}, links: 1},
		{name: "invalid-utf8-no-charset", contentType: "text/html",
			body: []byte("<html><body><p>caf\xe9 \x00nul\x00 \xff\xfe end</p></body></html>"), contains: []string{"café", "nul", "end"}, links: 0},
		{name: "plain-nul", contentType: "text/plain", body: []byte("a\x00b\x00\xff\xfe\x01c"), contains: []string{"ab"}, links: 0},
		{name: "meta-charset-utf16-lie", contentType: "text/html",
			body:     []byte(`<html><head><meta charset="utf-16"></head><body><p>naïve café</p></body></html>`),
			contains: []string{"naïve café"}, links: 0},
		{name: "meta-charset-latin1-lie", contentType: "text/html",
			body:     []byte(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><p>naïve café</p></body></html>`),
			contains: []string{"naïve café"}, links: 0},
		{name: "meta-charset-unknown", contentType: "text/html",
			body:     []byte("<html><head><meta charset=\"x-no-such-charset\"></head><body><p>caf\xe9 \x81\x8d end</p></body></html>"),
			contains: []string{"caf", "end"}, links: 0},
		{name: "meta-charset-replacement", contentType: "text/html",
			body: []byte("<html><head><meta charset=\"iso-2022-kr\"></head><body><p>caf\xe9</p></body></html>"), links: 0},
		{name: "header-charset-utf16-lie", contentType: "text/html; charset=utf-16",
			body: []byte("<html><body><p>plain ascii</p></body></html>"), links: 0},
		{name: "binary-garbage", contentType: "text/html", body: garbage, links: -1},
		{name: "binary-garbage-utf8", contentType: "text/html; charset=utf-8", body: garbage, links: -1},
		{name: "giant-text-node", contentType: "text/html; charset=utf-8", body: []byte(giant),
			contains: []string{"lorem ipsum dolor sit amet lorem"}, links: 0},
		{name: "huge-attributes", contentType: "text/html", body: []byte(hugeAttr),
			contains: []string{"visible text", "huge link", "ok link"}, links: 1},
	}
}

func TestHostileMalformed(t *testing.T) {
	cases := malformedCases()
	byName := map[string]malformedCase{}
	for _, mc := range cases {
		byName[mc.name] = mc
	}
	srv := newHitServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mc, ok := byName[strings.TrimPrefix(r.URL.Path, "/m/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", mc.contentType)
		_, _ = w.Write(mc.body)
	}))
	cfg := testConfig()
	cfg.MaxBodyBytes = 4 << 20 // DefaultConfig's
	c := newTestCrawler(t, cfg)
	for _, mc := range cases {
		t.Run(mc.name, func(t *testing.T) {
			if int64(len(mc.body)) > cfg.MaxBodyBytes {
				t.Fatalf("body of %d bytes is over the limit", len(mc.body))
			}
			start := time.Now()
			p, err := c.Fetch(context.Background(), srv.URL+"/m/"+mc.name)
			took := time.Since(start)
			if err != nil {
				t.Fatalf("Fetch: %v", err)
			}
			t.Logf("%d bytes in %v: %d bytes of text, %d links", len(mc.body), took, len(p.Text), len(p.Links))
			if took > slack(3*time.Second) {
				t.Errorf("took %v", took)
			}
			for what, s := range map[string]string{"text": p.Text, "title": p.Title} {
				if !utf8.ValidString(s) {
					t.Errorf("%s is not valid UTF-8", what)
				}
				if strings.ContainsRune(s, 0) {
					t.Errorf("%s holds a NUL", what)
				}
			}
			if NormalizeText(p.Text) != p.Text {
				t.Error("text is not normalised")
			}
			for _, s := range mc.contains {
				if !strings.Contains(p.Text, s) {
					t.Errorf("text lacks %q: %.200q", s, p.Text)
				}
			}
			for _, s := range mc.excludes {
				if strings.Contains(p.Text, s) {
					t.Errorf("text holds %q", s)
				}
			}
			if mc.links >= 0 && len(p.Links) != mc.links {
				t.Errorf("%d links, want %d", len(p.Links), mc.links)
			}
			for _, l := range p.Links {
				if cl, err := Canonicalize(l); err != nil || cl != l || !utf8.ValidString(l) || len(l) > maxLinkBytes {
					t.Errorf("link %.100q is not canonical (%v) or too long (%d bytes)", l, err, len(l))
				}
			}
		})
	}
}

// mallocs returns the number of heap allocations f makes.
func mallocs(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.Mallocs - before.Mallocs
}

// TestHostileReadabilityBomb extracts nests of 500 <div>s: a content
// extractor with passes per ancestor (go-readability, used before) costs
// many times the parse over such a tree (2 s for 1 MB, 0.35 s to parse
// it); Extract must cost about one parse. The allocation count measures the work whatever the machine's
// speed; the time limit is a backstop.
func TestHostileReadabilityBomb(t *testing.T) {
	unit := strings.Repeat("<div>", 500) + "word" + strings.Repeat("</div>", 500)
	doc := []byte("<html><head><title>nests</title></head><body>" + strings.Repeat(unit, (256<<10)/len(unit)) + "</body></html>")
	u := mustURL(t, "http://nests.example/")
	parse := mallocs(func() {
		if _, err := html.Parse(bytes.NewReader(doc)); err != nil {
			t.Fatal(err)
		}
	})
	var c Content
	var err error
	start := time.Now()
	extract := mallocs(func() { c, err = Extract(doc, "text/html", u, 2000) })
	took := time.Since(start)
	t.Logf("%d bytes: %v, %d allocations (parse alone: %d)", len(doc), took, extract, parse)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.TrimSpace(strings.Repeat("word\n", (256<<10)/len(unit))); c.Text != want || c.Title != "nests" {
		t.Errorf("text %.100q, title %q", c.Text, c.Title)
	}
	if extract > 2*parse {
		t.Errorf("Extract made %d allocations, %.1f times the parse", extract, float64(extract)/float64(parse))
	}
	if took > slack(2*time.Second) {
		t.Errorf("Extract took %v", took)
	}
}

func TestHostileRedirectLoops(t *testing.T) {
	srv := newHitServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		switch {
		case p == "/robots.txt":
			http.NotFound(w, r)
		case p == "/a":
			http.Redirect(w, r, "/b", http.StatusFound)
		case p == "/b":
			http.Redirect(w, r, "/a", http.StatusMovedPermanently)
		case p == "/self":
			http.Redirect(w, r, "/self", http.StatusTemporaryRedirect)
		case p == "/self-disguised":
			// The same URL once canonical: no tracking parameter, no
			// fragment, default port.
			u := "http://" + r.Host + "/./self-disguised?utm_source=loop#again"
			http.Redirect(w, r, u, http.StatusPermanentRedirect)
		case strings.HasPrefix(p, "/r/"):
			n, _ := strconv.Atoi(strings.TrimPrefix(p, "/r/"))
			http.Redirect(w, r, fmt.Sprintf("/r/%d", n+1), http.StatusSeeOther)
		default:
			htmlPage(w, p, "<p>page</p>")
		}
	}))
	cfg := testConfig()
	cfg.MaxRedirects = 4
	c := newTestCrawler(t, cfg)
	ctx := context.Background()
	for _, path := range []string{"/a", "/self", "/self-disguised", "/r/1"} {
		before := srv.Total()
		start := time.Now()
		_, err := c.Fetch(ctx, srv.URL+path)
		took := time.Since(start)
		if !errors.Is(err, ErrTooManyRedirects) {
			t.Errorf("%s: %v, want ErrTooManyRedirects", path, err)
		}
		if n := srv.pageRequests(before); n != cfg.MaxRedirects+1 {
			t.Errorf("%s: %d requests, want MaxRedirects+1 = %d", path, n, cfg.MaxRedirects+1)
		}
		if took > slack(time.Second) {
			t.Errorf("%s: took %v", path, took)
		}
	}
	if n := srv.Hits("/r/5"); n != 1 {
		t.Errorf("/r/5 requested %d times, want 1", n)
	}
	if n := srv.Hits("/r/6"); n != 0 {
		t.Errorf("/r/6 requested %d times: the chain went on", n)
	}
	if n := srv.Hits("/robots.txt"); n != 1 {
		t.Errorf("robots.txt requested %d times, want 1", n)
	}

	// A crawl whose root loops ends with the error.
	st, err := c.CrawlSite(ctx, srv.URL+"/a", 10, nil)
	if !errors.Is(err, ErrTooManyRedirects) || st.Fetched != 1 || st.Skipped != 1 {
		t.Errorf("crawl of a loop: %+v, %v", st, err)
	}
}

// TestHostileLinkCycle crawls pages that link to each other in a cycle,
// under many spellings of each URL: every page is fetched once and the
// crawl ends although the depth limit is out of reach.
func TestHostileLinkCycle(t *testing.T) {
	var srv *hitServer
	srv = newHitServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next := map[string]string{"/c/a": "b", "/c/b": "c", "/c/c": "a"}
		p := r.URL.Path
		n, ok := next[p]
		if !ok {
			http.NotFound(w, r)
			return
		}
		host := strings.TrimPrefix(srv.URL, "http://")
		htmlPage(w, p, fmt.Sprintf(`<p>cycle page %s</p>
			<a href="%s">next</a> <a href="./%s#frag">next again</a> <a href="/c/../c/%s?utm_source=cycle">tracked</a>
			<a href="HTTP://%s/c/%s">upper case</a> <a href="%s">self</a> <a href="">empty</a> <a href="#top">top</a>
			<a href="/c/a">root</a>`, p, n, n, n, strings.ToUpper(host), n, p))
	}))
	cfg := testConfig()
	cfg.MaxDepth = 1000
	c := newTestCrawler(t, cfg)
	var got []string
	st, err := c.CrawlSite(context.Background(), srv.URL+"/c/a", 100, func(p *Page) error {
		got = append(got, strings.TrimPrefix(p.FinalURL, srv.URL))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"/c/a", "/c/b", "/c/c"}; !slices.Equal(got, want) {
		t.Errorf("emitted %v, want %v", got, want)
	}
	if st.Fetched != 3 || st.Pages != 3 {
		t.Errorf("stats = %+v, want 3 fetched, 3 pages", st)
	}
	for _, p := range []string{"/c/a", "/c/b", "/c/c", "/robots.txt"} {
		if n := srv.Hits(p); n != 1 {
			t.Errorf("%s requested %d times, want 1", p, n)
		}
	}
	if srv.Total() != 4 {
		t.Errorf("server saw %d requests, want 4: %v", srv.Total(), srv.log)
	}
}

// TestHostileSpiderTrap crawls a site that makes up a new page behind
// every link, without end: the page limit (and FetchFactor) stop it.
func TestHostileSpiderTrap(t *testing.T) {
	srv := newHitServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest, ok := strings.CutPrefix(r.URL.Path, "/trap/")
		if !ok {
			http.NotFound(w, r)
			return
		}
		n, _ := strconv.Atoi(rest)
		// Every other page has the text of the one before, to be a duplicate.
		htmlPage(w, "trap", fmt.Sprintf(`<p>trap %d</p><a href="/trap/%d">a</a> <a href="/trap/%d">b</a>`, n/2, 2*n+1, 2*n+2))
	}))
	cfg := testConfig()
	cfg.MaxDepth = 1000
	c := newTestCrawler(t, cfg)
	const limit = 10
	st, err := c.CrawlSite(context.Background(), srv.URL+"/trap/0", limit, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Pages != limit || st.Fetched > cfg.FetchFactor*limit || srv.pageRequests(0) != st.Fetched {
		t.Errorf("stats = %+v, server saw %d page requests", st, srv.pageRequests(0))
	}
}
