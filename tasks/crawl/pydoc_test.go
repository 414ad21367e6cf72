package crawl

import (
	"bytes"
	"context"
	"html"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/provenet/provenet/internal/realdata"
)

// pydocDir is the Python 3.11 documentation from the Debian package
// python3.11-doc: about 530 interlinked HTML pages written by Sphinx, with
// scripts, styles, navigation bars and sidebars, i.e. real third-party HTML.
// needPydoc sets it (internal/realdata: `make testdata` fetches it).
var pydocDir string

func needPydoc(t testing.TB) {
	t.Helper()
	pydocDir = realdata.Path(t, realdata.PythonDocs)
}

// pydocPath maps a URL path of the test server to a file of the docs: the
// docs are also served under /mirror/ (same bytes, other URLs), and a
// directory serves its index.html without redirecting.
func pydocPath(urlPath string) string {
	p := strings.TrimPrefix(path.Clean("/"+urlPath), "/mirror")
	if strings.HasSuffix(urlPath, "/") || p == "/" || p == "." {
		p = path.Join(p, "index.html")
	}
	return filepath.Join(pydocDir, filepath.FromSlash(p))
}

// pydocHandler serves the docs the way a plain web server would, plus a
// robots.txt that keeps crawlers out of the generated index pages, and
// three extra links on the front page to URLs that serve text the crawl
// has already seen: a mirror copy, a directory URL, and a URL that only
// differs by tracking parameters and a fragment.
func pydocHandler(t testing.TB) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			w.Header().Set("Content-Type", "text/plain")
			_, _ = io.WriteString(w, "User-agent: *\nDisallow: /genindex\nDisallow: /_sources/\n")
			return
		}
		f, err := os.Open(pydocPath(r.URL.Path))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil || st.IsDir() {
			http.NotFound(w, r)
			return
		}
		if !strings.HasSuffix(st.Name(), ".html") {
			http.ServeContent(w, r, st.Name(), st.ModTime(), f)
			return
		}
		b, err := io.ReadAll(f)
		if err != nil {
			t.Error(err)
			return
		}
		// Every page also gets the inline analytics script, style and
		// noscript blocks that real sites carry; none of it is content.
		b = bytes.Replace(b, []byte("</head>"), []byte(inlineJunkHead+"</head>"), 1)
		b = bytes.Replace(b, []byte("<body>"), []byte("<body>"+inlineJunkBody), 1)
		if r.URL.Path == "/" || r.URL.Path == "/index.html" {
			extra := `<p><a href="mirror/tutorial/index.html">mirror</a> <a href="tutorial/">dir</a>
				<a href="./tutorial/../tutorial/index.html?utm_source=test&amp;fbclid=1#intro">tracked</a></p></body>`
			b = bytes.Replace(b, []byte("</body>"), []byte(extra), 1)
		}
		http.ServeContent(w, r, st.Name(), st.ModTime(), bytes.NewReader(b))
	})
}

const (
	inlineJunkHead = `<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date());</script>
<style>.cookie-banner { position: fixed; bottom: 0 }</style>`
	inlineJunkBody = `<noscript><img src="/pixel.gif?noscript=1" alt="NOSCRIPTJUNK"></noscript>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "WebSite", "name": "LDJSONJUNK"}</script>
<div hidden>HIDDENJUNK</div>`
)

// titleOf reads <title> from an HTML file with plain string search, as an
// oracle independent of the crawler's parser.
func titleOf(t testing.TB, file string) string {
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("read %s: %v", file, err)
	}
	s := string(b)
	i := strings.Index(s, "<title>")
	j := strings.Index(s, "</title>")
	if i < 0 || j < i {
		return ""
	}
	return strings.Join(strings.Fields(html.UnescapeString(s[i+len("<title>"):j])), " ")
}

func TestCrawlPythonDocs(t *testing.T) {
	needPydoc(t)
	srv := newHitServer(t, pydocHandler(t))
	clk := newFakeClock()
	cfg := testConfig()
	cfg.HostRate = 5 // the rate limit is on, on a fake clock that skips the waits
	cfg.HostBurst = 2
	cfg.MaxDepth = 3
	c := newTestCrawler(t, cfg, WithClock(clk))

	const limit = 60
	var pages []*Page
	start := time.Now()
	st, err := c.CrawlSite(context.Background(), srv.URL+"/", limit, func(p *Page) error {
		pages = append(pages, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("crawled in %v (fake time %v): %+v", time.Since(start), clk.Now().Sub(newFakeClock().Now()), st)

	if len(pages) != limit || st.Pages != limit {
		t.Fatalf("emitted %d pages (stats %+v), want %d", len(pages), st, limit)
	}
	if st.Duplicates < 2 {
		t.Errorf("duplicates = %d, want >= 2 (mirror and directory URL)", st.Duplicates)
	}
	if st.Fetched != st.Pages+st.Duplicates+st.Empty+st.NoIndex+st.Robots+st.Blocked+st.Skipped+st.Errors {
		t.Errorf("stats do not add up: %+v", st)
	}

	// The three URLs with the tutorial's text: exactly one is emitted, the
	// tracking-parameter variant is the same URL and is never requested.
	tutorial := 0
	for _, p := range pages {
		switch strings.TrimPrefix(p.FinalURL, srv.URL) {
		case "/tutorial/index.html", "/tutorial/", "/mirror/tutorial/index.html":
			tutorial++
		}
	}
	if tutorial != 1 {
		t.Errorf("tutorial text emitted %d times, want 1", tutorial)
	}
	if srv.Hits("/tutorial/index.html") != 1 || srv.Hits("/tutorial/") != 1 || srv.Hits("/mirror/tutorial/index.html") != 1 {
		t.Errorf("tutorial hits: %d %d %d, want 1 each", srv.Hits("/tutorial/index.html"), srv.Hits("/tutorial/"), srv.Hits("/mirror/tutorial/index.html"))
	}
	srv.mu.Lock()
	for p, n := range srv.hits {
		if n > 1 && p != "/robots.txt" {
			t.Errorf("%s requested %d times", p, n)
		}
		if strings.HasPrefix(p, "/genindex") || strings.HasPrefix(p, "/_sources/") {
			t.Errorf("%s requested despite robots.txt", p)
		}
		if strings.Contains(p, "utm_") || strings.Contains(p, "fbclid") {
			t.Errorf("%s requested with tracking parameters", p)
		}
	}
	srv.mu.Unlock()
	if srv.Hits("/robots.txt") != 1 {
		t.Errorf("robots.txt requested %d times", srv.Hits("/robots.txt"))
	}
	if st.Robots == 0 {
		t.Error("no link was refused by robots.txt; the docs link genindex from every page")
	}

	hashes := map[[32]byte]string{}
	junk := []string{"<script", "</script", "<style", "<div", "</div>", "<span", "<a href", "class=\"",
		"dataLayer", "gtag(", "cookie-banner", "NOSCRIPTJUNK", "LDJSONJUNK", "schema.org", "HIDDENJUNK", // injected
		"@media", "full-width-table", // the docs' own inline style
		"Quick search", "Show Source", "Report a Bug", "Previous topic", "modules |"} // sidebars and navigation bars
	for _, p := range pages {
		if !strings.HasPrefix(p.FinalURL, srv.URL+"/") || !strings.HasPrefix(p.URL, srv.URL+"/") {
			t.Errorf("page %s (final %s) is not on the site", p.URL, p.FinalURL)
		}
		if p.Depth > cfg.MaxDepth {
			t.Errorf("page %s at depth %d", p.URL, p.Depth)
		}
		if len(p.Text) < 100 && !strings.HasSuffix(p.URL, "/search.html") { // its results come from a script
			t.Errorf("page %s has %d bytes of text: %q", p.URL, len(p.Text), p.Text)
		}
		for _, j := range junk {
			if strings.Contains(p.Text, j) {
				i := strings.Index(p.Text, j)
				t.Errorf("page %s text contains %q: …%s…", p.URL, j, p.Text[max(0, i-60):min(len(p.Text), i+60)])
			}
		}
		if prev, dup := hashes[p.ContentHash]; dup {
			t.Errorf("pages %s and %s emitted with the same text", prev, p.URL)
		}
		hashes[p.ContentHash] = p.URL
		file := pydocPath(strings.TrimPrefix(p.FinalURL, srv.URL))
		if want := titleOf(t, file); p.Title != want {
			t.Errorf("page %s: title %q, want %q", p.URL, p.Title, want)
		}
		for _, l := range p.Links {
			if _, err := Canonicalize(l); err != nil {
				t.Errorf("page %s: link %q is not canonical: %v", p.URL, l, err)
			}
		}
	}
	// Spot checks on pages the crawl must reach at depth 1.
	byURL := map[string]*Page{}
	for _, p := range pages {
		byURL[strings.TrimPrefix(p.FinalURL, srv.URL)] = p
	}
	front := byURL["/"]
	if front == nil || !strings.Contains(front.Text, "Welcome! This is the official documentation for Python 3.11") {
		t.Errorf("front page missing or wrong: %+v", front)
	}
	lib := byURL["/library/index.html"]
	if lib == nil || !strings.Contains(lib.Text, "this library reference manual describes the standard library") {
		t.Errorf("library index missing or wrong")
	}
}

func BenchmarkExtractPythonDoc(b *testing.B) {
	needPydoc(b)
	for _, name := range []string{"library/os.html", "tutorial/controlflow.html", "index.html"} {
		body, err := os.ReadFile(filepath.Join(pydocDir, name))
		if err != nil {
			b.Fatal(err)
		}
		u, _ := parseCanonical(nil, "http://docs.example/"+name)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				c, err := Extract(body, "text/html; charset=utf-8", u, 2000)
				if err != nil || c.Text == "" {
					b.Fatalf("extract: %v (%d bytes of text)", err, len(c.Text))
				}
			}
		})
	}
}
