package crawl

import (
	"errors"
	"testing"
)

func TestCanonicalize(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"http://example.com", "http://example.com/"},
		{"HTTP://Example.COM/Path", "http://example.com/Path"},
		{"  https://example.com/a  ", "https://example.com/a"},
		{"http://example.com:80/", "http://example.com/"},
		{"https://example.com:443/", "https://example.com/"},
		{"http://example.com:443/", "http://example.com:443/"},
		{"https://example.com:8443/x", "https://example.com:8443/x"},
		{"http://example.com:0080/", "http://example.com/"},
		{"http://example.com:/", "http://example.com/"},
		{"http://example.com/a#frag", "http://example.com/a"},
		{"http://example.com/#", "http://example.com/"},
		{"http://user:pass@example.com/", "http://example.com/"},
		{"http://example.com./", "http://example.com/"},
		// dot segments
		{"http://example.com/a/./b/../c", "http://example.com/a/c"},
		{"http://example.com/a/b/..", "http://example.com/a/"},
		{"http://example.com/../../x", "http://example.com/x"},
		{"http://example.com/a/%2E%2E/b", "http://example.com/b"},
		{"http://example.com/a//b", "http://example.com/a//b"},
		// percent-encoding
		{"http://example.com/%7Euser/%61", "http://example.com/~user/a"},
		{"http://example.com/a%2fb", "http://example.com/a%2Fb"},
		{"http://example.com/a b", "http://example.com/a%20b"},
		{"http://example.com/caf%c3%a9", "http://example.com/caf%C3%A9"},
		{"http://example.com/café", "http://example.com/caf%C3%A9"},
		{"http://example.com/100%", "http://example.com/100%25"},
		// query: sorted by key, repeated keys keep their order, trackers dropped
		{"http://example.com/?b=2&a=1", "http://example.com/?a=1&b=2"},
		{"http://example.com/?b=2&a=1&b=1", "http://example.com/?a=1&b=2&b=1"},
		{"http://example.com/?utm_source=x&id=7&UTM_Medium=y&fbclid=z&gclid=q", "http://example.com/?id=7"},
		{"http://example.com/?utm_source=x", "http://example.com/"},
		{"http://example.com/?", "http://example.com/"},
		{"http://example.com/?&&a=1&&", "http://example.com/?a=1"},
		{"http://example.com/?q=a+b&x=%7e", "http://example.com/?q=a+b&x=~"},
		{"http://example.com/?flag", "http://example.com/?flag"},
		{"http://example.com/?a=b=c", "http://example.com/?a=b=c"},
		// hosts
		{"http://BÜCHER.example/", "http://xn--bcher-kva.example/"},
		{"http://[::FFFF:127.0.0.1]:8080/", "http://[::ffff:127.0.0.1]:8080/"},
		{"http://[2001:DB8:0:0::1]/", "http://[2001:db8::1]/"},
		{"http://127.1/", "http://127.0.0.1/"},
		{"http://0x7f.0.0.1/", "http://127.0.0.1/"},
		{"http://2130706433/", "http://127.0.0.1/"},
		{"http://0177.0.0.1/", "http://127.0.0.1/"},
		{"http://my_host.example/", "http://my_host.example/"},
	}
	for _, tt := range tests {
		got, err := Canonicalize(tt.in)
		if err != nil {
			t.Errorf("Canonicalize(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Canonicalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
		again, err := Canonicalize(got)
		if err != nil || again != got {
			t.Errorf("not idempotent: %q -> %q -> %q (%v)", tt.in, got, again, err)
		}
	}
}

func TestCanonicalizeRejects(t *testing.T) {
	tests := []struct {
		in      string
		blocked bool // also wraps ErrBlocked
	}{
		{"", false},
		{"/relative/path", false},
		{"example.com/no-scheme", false},
		{"ftp://example.com/", true},
		{"file:///etc/passwd", true},
		{"javascript:alert(1)", true},
		{"mailto:a@example.com", true},
		{"gopher://example.com/", true},
		{"http:///nohost", false},
		{"http://exa mple.com/", false},
		{"http://example.com:99999/", false},
		{"http://a..b/", false},
		{"http://256.1.1.1/", false},
		{"http://1.2.3.4.5/", false},
		{"http://[fe80::1%25eth0]/", false},
		{"http://ex%00ample.com/", false},
	}
	for _, tt := range tests {
		got, err := Canonicalize(tt.in)
		if err == nil {
			t.Errorf("Canonicalize(%q) = %q, want an error", tt.in, got)
			continue
		}
		if !errors.Is(err, ErrURL) {
			t.Errorf("Canonicalize(%q): %v does not wrap ErrURL", tt.in, err)
		}
		if tt.blocked != errors.Is(err, ErrBlocked) {
			t.Errorf("Canonicalize(%q): %v: wraps ErrBlocked = %v, want %v", tt.in, err, !tt.blocked, tt.blocked)
		}
	}
}
