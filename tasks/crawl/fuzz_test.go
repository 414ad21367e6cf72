package crawl

import (
	"net/url"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/provenet/provenet/internal/realdata"
)

func FuzzCanonicalize(f *testing.F) {
	for _, s := range []string{
		"http://example.com", "HTTP://Example.COM:80/a/./b/../c?b=2&a=1&utm_source=x#f",
		"https://[::ffff:127.0.0.1]:443/%7e/%2f?q=a+b", "http://127.1/", "http://0x7f.1/",
		"http://BÜCHER.example/café?x=%zz", "http://a/b/c/../../../../d", "http://a/?&&=&a", "http://a:/",
		"http://user:pw@host.example:8080/p;param?q#frag", "https://a.example/%", "http://[fe80::1%25en0]/",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		c, err := Canonicalize(raw)
		if err != nil {
			return
		}
		again, err := Canonicalize(c)
		if err != nil {
			t.Fatalf("Canonicalize(%q) = %q, which fails: %v", raw, c, err)
		}
		if again != c {
			t.Fatalf("not idempotent: %q -> %q -> %q", raw, c, again)
		}
		u, err := url.Parse(c)
		if err != nil {
			t.Fatalf("canonical %q does not parse: %v", c, err)
		}
		if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || u.Fragment != "" || u.User != nil {
			t.Fatalf("canonical %q has bad parts", c)
		}
		if strings.ContainsAny(c, " \t\r\n#") || !utf8.ValidString(c) {
			t.Fatalf("canonical %q has raw characters", c)
		}
		if strings.Contains(strings.ToLower(u.RawQuery), "utm_") && !strings.Contains(strings.ToLower(u.RawQuery), "=utm_") {
			// a utm_ key must have been dropped (a value may contain it)
			for _, kv := range strings.Split(u.RawQuery, "&") {
				k, _, _ := strings.Cut(kv, "=")
				if kd, err := url.QueryUnescape(k); err == nil && strings.HasPrefix(strings.ToLower(kd), "utm_") {
					t.Fatalf("canonical %q keeps tracking parameter %q", c, k)
				}
			}
		}
	})
}

func FuzzExtract(f *testing.F) {
	f.Add([]byte(`<html><head><title>t</title></head><body><p>x</p><a href="/a">a</a></body></html>`), "text/html")
	f.Add([]byte("<svg><title>x</title></svg><pre>\n a\n</pre><script>y</script><math><mi>z</mi></math>"), "text/html; charset=iso-8859-1")
	f.Add([]byte("<base href='javascript:x'><a href='%zz'>q</a><a href='http://[::1'>r</a><table><td>c"), "application/xhtml+xml")
	f.Add([]byte("plain \xff\xfe text"), "text/plain; charset=utf-16")
	b, err := os.ReadFile(realdata.Path(f, realdata.PythonDocs+"/tutorial/interpreter.html"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b, "text/html")
	base, _ := url.Parse("http://fuzz.example/dir/page.html")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		c, err := Extract(body, contentType, base, 50)
		if err != nil {
			return
		}
		if !utf8.ValidString(c.Text) || !utf8.ValidString(c.Title) {
			t.Fatalf("invalid UTF-8 in output")
		}
		if NormalizeText(c.Text) != c.Text {
			t.Fatalf("text not normalised: %q", c.Text)
		}
		if len(c.Links) > 50 {
			t.Fatalf("%d links, cap 50", len(c.Links))
		}
		for _, l := range c.Links {
			if again, err := Canonicalize(l); err != nil || again != l {
				t.Fatalf("link %q not canonical (%q, %v)", l, again, err)
			}
		}
	})
}
