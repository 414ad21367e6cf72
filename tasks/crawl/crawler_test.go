package crawl

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestConfigValidate(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatalf("DefaultConfig invalid: %v", err)
	}
	for name, mut := range map[string]func(*Config){
		"empty agent":     func(c *Config) { c.UserAgent = " " },
		"robots agent":    func(c *Config) { c.RobotsAgent = "a b" },
		"timeout":         func(c *Config) { c.RequestTimeout = 0 },
		"body":            func(c *Config) { c.MaxBodyBytes = 0 },
		"redirects":       func(c *Config) { c.MaxRedirects = -1 },
		"pages":           func(c *Config) { c.MaxPages = 0 },
		"workers":         func(c *Config) { c.Workers = 0 },
		"rate":            func(c *Config) { c.HostRate = 0 },
		"rate NaN":        func(c *Config) { c.HostRate = math.NaN() },
		"burst":           func(c *Config) { c.HostBurst = 0 },
		"robots ttl":      func(c *Config) { c.RobotsTTL = 0 },
		"robots err ttl":  func(c *Config) { c.RobotsErrorTTL = -time.Second },
		"fetch factor":    func(c *Config) { c.FetchFactor = 0 },
		"negative depth":  func(c *Config) { c.MaxDepth = -1 },
		"crawl timeout":   func(c *Config) { c.CrawlTimeout = -1 },
		"robots bytes":    func(c *Config) { c.MaxRobotsBytes = 0 },
		"links per page":  func(c *Config) { c.MaxLinksPerPage = -1 },
		"many redirects":  func(c *Config) { c.MaxRedirects = 100 },
		"too many worker": func(c *Config) { c.Workers = 1000 },
	} {
		cfg := DefaultConfig()
		mut(&cfg)
		if err := cfg.Validate(); !errors.Is(err, ErrConfig) {
			t.Errorf("%s: Validate = %v, want ErrConfig", name, err)
		}
		if _, err := New(cfg, nil); !errors.Is(err, ErrConfig) {
			t.Errorf("%s: New = %v, want ErrConfig", name, err)
		}
	}
}

func TestFetchPage(t *testing.T) {
	srv := newHitServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/page":
			if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "provenet-crawler/") {
				t.Errorf("User-Agent = %q", ua)
			}
			htmlPage(w, "A  &amp; B", `<script>var junk = "SCRIPTJUNK";</script><style>.x{color:red} STYLEJUNK</style>
				<nav><a href="/nav">NAVJUNK</a></nav>
				<p>Hello <b>world</b>, this is a page.</p><p><a href="/b?utm_source=x#top">B</a> <a href="/c" rel="nofollow">C</a>
				<br><a href="https://other.example/x">other</a> <a href="mailto:a@b">mail</a> <a href="/b">again</a></p>`)
		case "/plain":
			w.Header().Set("Content-Type", "text/plain; charset=iso-8859-1")
			_, _ = w.Write([]byte("caf\xe9  au   lait\r\n\r\n\r\nsecond line"))
		case "/sniff":
			w.Header()["Content-Type"] = nil // no header: the crawler sniffs
			_, _ = io.WriteString(w, "<!DOCTYPE html><html><head><title>Sniffed</title></head><body><p>sniffed body</p></body></html>")
		default:
			http.NotFound(w, r)
		}
	}))
	clk := newFakeClock()
	c := newTestCrawler(t, testConfig(), WithClock(clk))
	p, err := c.Fetch(context.Background(), srv.URL+"/page#frag")
	if err != nil {
		t.Fatal(err)
	}
	if p.URL != srv.URL+"/page" || p.FinalURL != p.URL {
		t.Errorf("URL = %q, FinalURL = %q", p.URL, p.FinalURL)
	}
	if p.Title != "A & B" || p.Status != 200 || p.ContentType != "text/html" || !p.FetchedAt.Equal(clk.Now()) {
		t.Errorf("page = %+v", p)
	}
	if want := "Hello world, this is a page.\n\nB C\nother mail again"; p.Text != want {
		t.Errorf("Text = %q, want %q", p.Text, want)
	}
	for _, junk := range []string{"SCRIPTJUNK", "STYLEJUNK", "NAVJUNK", "<", "color:red"} {
		if strings.Contains(p.Text, junk) {
			t.Errorf("Text %q contains %q", p.Text, junk)
		}
	}
	if p.ContentHash != sha256.Sum256([]byte(p.Text)) {
		t.Error("ContentHash is not sha256(Text)")
	}
	wantLinks := []string{srv.URL + "/nav", srv.URL + "/b", "https://other.example/x"}
	if !slices.Equal(p.Links, wantLinks) {
		t.Errorf("Links = %q, want %q", p.Links, wantLinks)
	}

	p, err = c.Fetch(context.Background(), srv.URL+"/plain")
	if err != nil {
		t.Fatal(err)
	}
	if p.Text != "café au lait\n\nsecond line" || p.ContentType != "text/plain" || p.Title != "" {
		t.Errorf("plain page = %+v", p)
	}
	p, err = c.Fetch(context.Background(), srv.URL+"/sniff")
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Sniffed" || p.Text != "sniffed body" {
		t.Errorf("sniffed page = %+v", p)
	}
	if _, err := c.Fetch(context.Background(), srv.URL+"/missing"); !errors.Is(err, ErrStatus) {
		t.Errorf("404: %v, want ErrStatus", err)
	}
}

func TestRobots(t *testing.T) {
	var mu sync.Mutex
	robots := "User-agent: *\nDisallow: /private/\nDisallow: /*?session=\n\nUser-agent: provenet-crawler\nDisallow: /nocrawler\nDisallow: /private/\n"
	srv := newHitServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			mu.Lock()
			defer mu.Unlock()
			w.Header().Set("Content-Type", "text/plain")
			_, _ = io.WriteString(w, robots)
			return
		}
		htmlPage(w, r.URL.Path, "<p>page "+r.URL.Path+"</p>")
	}))
	clk := newFakeClock()
	cfg := testConfig()
	cfg.RobotsTTL = time.Hour
	c := newTestCrawler(t, cfg, WithClock(clk))
	ctx := context.Background()
	for path, allowed := range map[string]bool{
		"/public":          true,
		"/private/x":       false,
		"/private/":        false,
		"/nocrawler":       false,
		"/list?session=1":  true, // our group has no such rule: only it applies
		"/PRIVATE/x":       true, // paths are case-sensitive
		"/other/private/x": true,
	} {
		_, err := c.Fetch(ctx, srv.URL+path)
		if allowed && err != nil {
			t.Errorf("Fetch(%s) = %v, want allowed", path, err)
		}
		if !allowed && !errors.Is(err, ErrRobots) {
			t.Errorf("Fetch(%s) = %v, want ErrRobots", path, err)
		}
	}
	for _, p := range []string{"/private/x", "/private/", "/nocrawler"} {
		if srv.Hits(p) != 0 {
			t.Errorf("disallowed %s was requested", p)
		}
	}
	if n := srv.Hits("/robots.txt"); n != 1 {
		t.Errorf("robots.txt fetched %d times, want 1 (cached)", n)
	}

	// After the TTL the new rules apply.
	mu.Lock()
	robots = "User-agent: *\nDisallow: /public\n"
	mu.Unlock()
	if _, err := c.Fetch(ctx, srv.URL+"/public"); err != nil {
		t.Errorf("within TTL: %v", err)
	}
	clk.Advance(time.Hour + time.Second)
	if _, err := c.Fetch(ctx, srv.URL+"/public"); !errors.Is(err, ErrRobots) {
		t.Errorf("after TTL: %v, want ErrRobots", err)
	}
	if n := srv.Hits("/robots.txt"); n != 2 {
		t.Errorf("robots.txt fetched %d times, want 2", n)
	}
}

func TestRobotsStatus(t *testing.T) {
	for _, tt := range []struct {
		status  int
		allowed bool
	}{
		{404, true}, {403, true}, {401, true}, {410, true},
		{500, false}, {503, false}, {429, false},
	} {
		t.Run(strconv.Itoa(tt.status), func(t *testing.T) {
			var mu sync.Mutex
			status := tt.status
			srv := newHitServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/robots.txt" {
					mu.Lock()
					defer mu.Unlock()
					if status == 200 {
						_, _ = io.WriteString(w, "User-agent: *\nAllow: /\n")
						return
					}
					http.Error(w, "robots", status)
					return
				}
				htmlPage(w, "p", "<p>content</p>")
			}))
			clk := newFakeClock()
			cfg := testConfig()
			cfg.RobotsErrorTTL = 10 * time.Minute
			c := newTestCrawler(t, cfg, WithClock(clk))
			_, err := c.Fetch(context.Background(), srv.URL+"/page")
			if tt.allowed && err != nil {
				t.Fatalf("Fetch = %v, want allowed", err)
			}
			if !tt.allowed {
				if !errors.Is(err, ErrRobots) {
					t.Fatalf("Fetch = %v, want ErrRobots", err)
				}
				if srv.Hits("/page") != 0 {
					t.Fatal("page fetched although robots.txt is unreachable")
				}
				// The host stays disallowed for RobotsErrorTTL, then is retried.
				mu.Lock()
				status = 200
				mu.Unlock()
				clk.Advance(9 * time.Minute)
				if _, err := c.Fetch(context.Background(), srv.URL+"/page"); !errors.Is(err, ErrRobots) {
					t.Fatalf("within error TTL: %v, want ErrRobots", err)
				}
				clk.Advance(2 * time.Minute)
				if _, err := c.Fetch(context.Background(), srv.URL+"/page"); err != nil {
					t.Fatalf("after error TTL: %v", err)
				}
				if n := srv.Hits("/robots.txt"); n != 2 {
					t.Fatalf("robots.txt fetched %d times, want 2", n)
				}
			}
		})
	}
}

func TestRobotsNetworkErrorDisallows(t *testing.T) {
	srv := newHitServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			// Hang up without an answer.
			hj, ok := w.(http.Hijacker)
			if !ok {
				t.Error("no hijacker")
				return
			}
			conn, _, _ := hj.Hijack()
			conn.Close()
			return
		}
		htmlPage(w, "p", "<p>content</p>")
	}))
	c := newTestCrawler(t, testConfig())
	_, err := c.Fetch(context.Background(), srv.URL+"/page")
	if !errors.Is(err, ErrRobots) {
		t.Fatalf("Fetch = %v, want ErrRobots", err)
	}
	if srv.Hits("/page") != 0 {
		t.Fatal("page fetched although robots.txt failed")
	}
}

// TestHostRateLimit checks the schedule the limiter gives concurrent
// requests to one host, without sleeping: a frozen fake clock records how
// long each request would wait.
func TestHostRateLimit(t *testing.T) {
	clk := newFakeClock()
	clk.frozen = true
	h := newHostLimits(clk, 2, 3) // 2 requests/s, bursts of 3
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			if err := h.wait(context.Background(), "example.com"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if err := h.wait(context.Background(), "other.example"); err != nil {
		t.Fatal(err)
	}
	slept := clk.Slept()
	slices.Sort(slept)
	// 3 go at once (no sleep recorded), then one every 500ms; the other
	// host does not wait.
	want := []time.Duration{500 * time.Millisecond, 1000 * time.Millisecond, 1500 * time.Millisecond,
		2000 * time.Millisecond, 2500 * time.Millisecond, 3000 * time.Millisecond, 3500 * time.Millisecond}
	if !slices.Equal(slept, want) {
		t.Fatalf("waits = %v, want %v", slept, want)
	}

	// A cancelled wait gives its slot back.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := h.wait(ctx, "example.com"); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled wait = %v", err)
	}
}

// TestCrawlRateLimit crawls one host with a fake clock that jumps over each
// wait, and checks the server saw requests no faster than the limit in
// fake time, including the robots.txt fetch.
func TestCrawlRateLimit(t *testing.T) {
	clk := newFakeClock()
	var mu sync.Mutex
	var times []time.Time
	srv := newHitServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		times = append(times, clk.Now())
		mu.Unlock()
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		htmlPage(w, r.URL.Path, "<p>page "+r.URL.Path+"</p>")
	}))
	cfg := testConfig()
	cfg.HostRate = 4 // every 250ms
	cfg.HostBurst = 1
	cfg.Workers = 1
	c := newTestCrawler(t, cfg, WithClock(clk))
	var urls []string
	for i := range 8 {
		urls = append(urls, fmt.Sprintf("%s/p%d", srv.URL, i))
	}
	start := clk.Now()
	st, err := c.CrawlURLs(context.Background(), urls, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Pages != 8 || st.Fetched != 8 {
		t.Fatalf("stats = %+v", st)
	}
	if len(times) != 9 {
		t.Fatalf("server saw %d requests, want 9", len(times))
	}
	for i := 1; i < len(times); i++ {
		if gap := times[i].Sub(times[i-1]); gap < 250*time.Millisecond {
			t.Errorf("request %d came %v after the previous one, want >= 250ms", i, gap)
		}
	}
	if took := clk.Now().Sub(start); took != 8*250*time.Millisecond {
		t.Errorf("fake time taken = %v, want 2s", took)
	}
}

func TestSizeCap(t *testing.T) {
	big := "<html><body><p>" + strings.Repeat("word ", 1000) + "</p></body></html>"
	srv := newHitServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		switch r.URL.Path {
		case "/declared":
			w.Header().Set("Content-Length", strconv.Itoa(len(big)))
			_, _ = io.WriteString(w, big)
		case "/chunked":
			// No Content-Length: the limit applies while reading.
			for i := 0; i < len(big); i += 100 {
				_, _ = io.WriteString(w, big[i:min(i+100, len(big))])
				w.(http.Flusher).Flush()
			}
		case "/small":
			_, _ = io.WriteString(w, "<p>small</p>")
		default:
			http.NotFound(w, r)
		}
	}))
	cfg := testConfig()
	cfg.MaxBodyBytes = 1024
	c := newTestCrawler(t, cfg)
	for _, p := range []string{"/declared", "/chunked"} {
		if _, err := c.Fetch(context.Background(), srv.URL+p); !errors.Is(err, ErrTooLarge) {
			t.Errorf("Fetch(%s) = %v, want ErrTooLarge", p, err)
		}
	}
	if _, err := c.Fetch(context.Background(), srv.URL+"/small"); err != nil {
		t.Errorf("small page: %v", err)
	}
}

func TestContentTypeFilter(t *testing.T) {
	srv := newHitServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ct := r.URL.Query().Get("ct")
		if ct == "" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", ct)
		_, _ = io.WriteString(w, "<p>some text</p>")
	}))
	c := newTestCrawler(t, testConfig())
	for ct, ok := range map[string]bool{
		"text/html":                      true,
		"TEXT/HTML; charset=UTF-8":       true,
		"application/xhtml+xml":          true,
		"text/plain; charset=utf-8":      true,
		"image/png":                      false,
		"application/pdf":                false,
		"application/json":               false,
		"application/javascript":         false,
		"text/css":                       false,
		"application/octet-stream":       false,
		"text/html-sandboxed":            false,
		"multipart/x-mixed-replace; b=1": false,
	} {
		_, err := c.Fetch(context.Background(), srv.URL+"/?ct="+url.QueryEscape(ct))
		if ok && err != nil {
			t.Errorf("%s: %v", ct, err)
		}
		if !ok && !errors.Is(err, ErrContentType) {
			t.Errorf("%s: %v, want ErrContentType", ct, err)
		}
	}
}

func TestRedirects(t *testing.T) {
	srv := newHitServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rest, ok := strings.CutPrefix(r.URL.Path, "/r/"); ok {
			n, _ := strconv.Atoi(rest)
			if n == 0 {
				htmlPage(w, "end", "<p>the end</p>")
				return
			}
			http.Redirect(w, r, fmt.Sprintf("/r/%d", n-1), http.StatusFound)
			return
		}
		switch r.URL.Path {
		case "/robots.txt":
			_, _ = io.WriteString(w, "User-agent: *\nDisallow: /hidden\n")
		case "/to-hidden":
			http.Redirect(w, r, "/hidden?utm_source=x", http.StatusMovedPermanently)
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		case "/no-location":
			w.WriteHeader(http.StatusFound)
		default:
			htmlPage(w, "x", "<p>x</p>")
		}
	}))
	cfg := testConfig()
	cfg.MaxRedirects = 3
	c := newTestCrawler(t, cfg)
	ctx := context.Background()
	p, err := c.Fetch(ctx, srv.URL+"/r/3")
	if err != nil {
		t.Fatalf("3 redirects: %v", err)
	}
	if p.URL != srv.URL+"/r/3" || p.FinalURL != srv.URL+"/r/0" || p.Title != "end" {
		t.Errorf("page = %+v", p)
	}
	if _, err := c.Fetch(ctx, srv.URL+"/r/4"); !errors.Is(err, ErrTooManyRedirects) {
		t.Errorf("4 redirects: %v, want ErrTooManyRedirects", err)
	}
	if srv.Hits("/r/0") != 1 {
		t.Errorf("/r/0 hits = %d, want 1 (the 4-redirect chain must stop before it)", srv.Hits("/r/0"))
	}
	if _, err := c.Fetch(ctx, srv.URL+"/loop"); !errors.Is(err, ErrTooManyRedirects) {
		t.Errorf("loop: %v, want ErrTooManyRedirects", err)
	}
	if _, err := c.Fetch(ctx, srv.URL+"/to-hidden"); !errors.Is(err, ErrRobots) {
		t.Errorf("redirect into a disallowed path: %v, want ErrRobots", err)
	}
	if srv.Hits("/hidden") != 0 {
		t.Error("disallowed redirect target was requested")
	}
	if _, err := c.Fetch(ctx, srv.URL+"/no-location"); !errors.Is(err, ErrStatus) {
		t.Errorf("redirect without Location: %v, want ErrStatus", err)
	}

	cfg.MaxRedirects = 0
	c0 := newTestCrawler(t, cfg)
	if _, err := c0.Fetch(ctx, srv.URL+"/r/1"); !errors.Is(err, ErrTooManyRedirects) {
		t.Errorf("MaxRedirects 0: %v, want ErrTooManyRedirects", err)
	}
}

func TestCrawlURLsDedup(t *testing.T) {
	srv := newHitServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/a":
			htmlPage(w, "A", "<p>Same   text\nhere.</p>")
		case "/b": // same text, different markup and spacing
			htmlPage(w, "B", "<div><p>Same text here.</p></div><script>x()</script>")
		case "/c":
			htmlPage(w, "C", "<p>Other text.</p>")
		case "/img":
			w.Header().Set("Content-Type", "image/png")
			_, _ = w.Write([]byte{0x89, 'P', 'N', 'G'})
		case "/empty":
			htmlPage(w, "E", "<script>only()</script>")
		case "/noindex":
			w.Header().Set("Content-Type", "text/html")
			_, _ = io.WriteString(w, `<html><head><meta name="ROBOTS" content="NOINDEX, follow"></head><body><p>hidden text</p></body></html>`)
		default:
			http.NotFound(w, r)
		}
	}))
	c := newTestCrawler(t, testConfig())
	var got []*Page
	st, err := c.CrawlURLs(context.Background(), []string{
		srv.URL + "/a", srv.URL + "/a#x", srv.URL + "/a?utm_campaign=z", srv.URL + "/b",
		srv.URL + "/c", srv.URL + "/img", srv.URL + "/missing", srv.URL + "/empty", srv.URL + "/noindex", "not a url", "ftp://x/",
	}, func(p *Page) error { got = append(got, p); return nil })
	if err != nil {
		t.Fatal(err)
	}
	want := Stats{Fetched: 7, Pages: 2, Duplicates: 1, Empty: 1, NoIndex: 1, Skipped: 1, Errors: 3}
	st.Bytes = 0
	if st != want {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
	if len(got) != 2 || got[0].Title != "A" || got[1].Title != "C" || got[0].Text != "Same text here." {
		for _, p := range got {
			t.Logf("got %s %q %q", p.URL, p.Title, p.Text)
		}
		t.Errorf("emitted %d pages", len(got))
	}
	if srv.Hits("/a") != 1 {
		t.Errorf("/a fetched %d times, want 1", srv.Hits("/a"))
	}
}

// site is a small synthetic site: /d0 links to /d1 ... a chain, plus a
// fan-out on the root, an off-site link and a nofollow page.
func siteHandler(t *testing.T) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		switch {
		case p == "/":
			http.Redirect(w, r, "/d0", http.StatusFound)
		case strings.HasPrefix(p, "/d"):
			n, _ := strconv.Atoi(p[2:])
			htmlPage(w, p, fmt.Sprintf(`<p>depth page %d</p><a href="/d%d">next</a><a href="/fan%d">fan</a>
				<a href="http://other.invalid/x">off site</a><a href="/nofollow">nf</a>`, n, n+1, n))
		case strings.HasPrefix(p, "/fan"):
			htmlPage(w, p, "<p>fan page "+p+"</p>")
		case p == "/nofollow":
			w.Header().Set("Content-Type", "text/html")
			_, _ = io.WriteString(w, `<html><head><meta name="robots" content="nofollow"></head><body><p>nofollow page</p><a href="/secret-follow">s</a></body></html>`)
		default:
			http.NotFound(w, r)
		}
	})
}

func TestCrawlSiteDepthAndScope(t *testing.T) {
	srv := newHitServer(t, siteHandler(t))
	cfg := testConfig()
	cfg.MaxDepth = 2
	c := newTestCrawler(t, cfg)
	var urls []string
	st, err := c.CrawlSite(context.Background(), srv.URL, 100, func(p *Page) error {
		urls = append(urls, strings.TrimPrefix(p.FinalURL, srv.URL)+"@"+strconv.Itoa(p.Depth))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"/d0@0", "/d1@1", "/fan0@1", "/nofollow@1", "/d2@2", "/fan1@2"}
	if !slices.Equal(urls, want) {
		t.Errorf("crawled %v, want %v", urls, want)
	}
	if st.Pages != len(want) {
		t.Errorf("stats = %+v", st)
	}
	if srv.Hits("/secret-follow") != 0 || srv.Hits("/d3") != 0 {
		t.Error("crawl went past nofollow or the depth limit")
	}
}

func TestCrawlSitePageLimitAndEmitError(t *testing.T) {
	srv := newHitServer(t, siteHandler(t))
	c := newTestCrawler(t, testConfig())
	n := 0
	st, err := c.CrawlSite(context.Background(), srv.URL+"/d0", 3, func(*Page) error { n++; return nil })
	if err != nil || n != 3 || st.Pages != 3 || st.Fetched != 3 {
		t.Fatalf("limit 3: n=%d stats=%+v err=%v", n, st, err)
	}
	stop := errors.New("stop")
	_, err = c.CrawlSite(context.Background(), srv.URL+"/d0", 10, func(p *Page) error {
		if p.Depth == 1 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Fatalf("emit error: %v", err)
	}
	if _, err := c.CrawlSite(context.Background(), srv.URL+"/missing", 10, nil); !errors.Is(err, ErrStatus) {
		t.Fatalf("bad root: %v", err)
	}
}

func TestCrawlCancelled(t *testing.T) {
	release := make(chan struct{})
	srv := newHitServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}
		htmlPage(w, "x", "<p>x</p>")
	}))
	defer close(release)
	cfg := testConfig()
	cfg.CrawlTimeout = 200 * time.Millisecond
	c := newTestCrawler(t, cfg)
	start := time.Now()
	_, err := c.CrawlURLs(context.Background(), []string{srv.URL + "/slow"}, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want deadline exceeded", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("crawl deadline took %v", d)
	}

	cfg = testConfig()
	cfg.RequestTimeout = 200 * time.Millisecond
	c = newTestCrawler(t, cfg)
	if _, err := c.Fetch(context.Background(), srv.URL+"/slow"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("request timeout: %v", err)
	}
}

// TestCrawlProgress: WithProgress reports every fetch, with the stats so
// far and the frontier, ending at the final stats.
func TestCrawlProgress(t *testing.T) {
	srv := newHitServer(t, siteHandler(t))
	c := newTestCrawler(t, testConfig())
	var calls []Stats
	var queued []int
	ctx := WithProgress(context.Background(), func(s Stats, q int) {
		calls = append(calls, s)
		queued = append(queued, q)
	})
	st, err := c.CrawlSite(ctx, srv.URL+"/d0", 5, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != st.Fetched { // once after the root (and its links), once per later fetch
		t.Fatalf("%d progress calls for %d fetches", len(calls), st.Fetched)
	}
	for i := 1; i < len(calls); i++ {
		if calls[i].Fetched < calls[i-1].Fetched {
			t.Fatalf("fetched went backwards: %+v", calls)
		}
	}
	if last := calls[len(calls)-1]; last != st {
		t.Fatalf("last progress %+v, final stats %+v", last, st)
	}
	if queued[0] == 0 {
		t.Fatal("the root's links were not reported as queued")
	}
}
