package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path"
	"regexp"
	"strings"
	"testing"
)

func get(t *testing.T, h http.Handler, target string, hdr map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestDashboardHandlerServesAssets: / is index.html, /assets/ the modules
// and the stylesheet, each with its content type, the CSP, a content ETag
// (304 on a match) and gzip when asked; anything else is 404.
func TestDashboardHandlerServesAssets(t *testing.T) {
	h := Handler()
	for target, ct := range map[string]string{
		"/":                       "text/html; charset=utf-8",
		"/assets/app.js":          "text/javascript; charset=utf-8",
		"/assets/lib.js":          "text/javascript; charset=utf-8",
		"/assets/pages/chat.js":   "text/javascript; charset=utf-8",
		"/assets/app.css":         "text/css; charset=utf-8",
		"/assets/pages/node.js":   "text/javascript; charset=utf-8",
		"/assets/pages/review.js": "text/javascript; charset=utf-8",
	} {
		rec := get(t, h, target, nil)
		if rec.Code != 200 || rec.Header().Get("Content-Type") != ct {
			t.Errorf("GET %s: %d %q, want 200 %q", target, rec.Code, rec.Header().Get("Content-Type"), ct)
		}
		if rec.Header().Get("Content-Security-Policy") != CSP || rec.Header().Get("X-Content-Type-Options") != "nosniff" ||
			rec.Header().Get("Cache-Control") != "no-cache" {
			t.Errorf("GET %s: headers %v", target, rec.Header())
		}
		etag := rec.Header().Get("ETag")
		if r2 := get(t, h, target, map[string]string{"If-None-Match": etag}); etag == "" || r2.Code != http.StatusNotModified {
			t.Errorf("GET %s with If-None-Match %s: %d, want 304", target, etag, r2.Code)
		}
		gz := get(t, h, target, map[string]string{"Accept-Encoding": "br, gzip"})
		if gz.Header().Get("Content-Encoding") != "gzip" {
			t.Errorf("GET %s: not gzipped", target)
			continue
		}
		zr, err := gzip.NewReader(gz.Body)
		if err != nil {
			t.Fatal(err)
		}
		plain, _ := io.ReadAll(zr)
		if !bytes.Equal(plain, rec.Body.Bytes()) {
			t.Errorf("GET %s: gzip body differs", target)
		}
	}
	if !strings.Contains(get(t, h, "/", nil).Body.String(), `src="/assets/app.js"`) {
		t.Error("index.html does not load /assets/app.js")
	}
	for _, target := range []string{"/assets/", "/assets/nope.js", "/assets/index.html", "/other", "/assets/../web.go"} {
		if rec := get(t, h, target, nil); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", target, rec.Code)
		}
	}
	req := httptest.NewRequest(http.MethodPost, "/", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %d", rec.Code)
	}
}

// TestDashboardBundleBudget: all JS and CSS together stay under 250 KB
// gzipped; the scripts fetch nothing from another origin, write no HTML
// from strings and use no inline styles (the CSP would block them).
func TestDashboardBundleBudget(t *testing.T) {
	var raw, gz int
	external := regexp.MustCompile(`https?://`)
	err := fs.WalkDir(Files(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(Files(), p)
		if err != nil {
			return err
		}
		ext := path.Ext(p)
		if ext == ".js" || ext == ".css" {
			raw += len(b)
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			zw.Write(b)
			zw.Close()
			gz += buf.Len()
		}
		s := strings.ReplaceAll(string(b), "http://www.w3.org/2000/svg", "")
		if ext == ".js" || ext == ".html" {
			if external.MatchString(s) {
				t.Errorf("%s names another origin", p)
			}
			for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "style=", "localStorage"} {
				if strings.Contains(s, bad) {
					t.Errorf("%s uses %s", p, bad)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("dashboard JS+CSS: %d bytes, %d bytes gzipped (budget 250 KB)", raw, gz)
	if gz > 250<<10 {
		t.Errorf("JS+CSS %d bytes gzipped, over 250 KB", gz)
	}
}
