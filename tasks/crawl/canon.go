package crawl

import (
	"fmt"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/idna"
)

// trackingParams are query parameters that identify a click or a campaign,
// not a document. Keys are compared case-insensitively; utm_* is matched by
// prefix.
var trackingParams = map[string]bool{
	"gclid": true, "gclsrc": true, "dclid": true, "gbraid": true, "wbraid": true,
	"fbclid": true, "msclkid": true, "yclid": true, "twclid": true, "ttclid": true,
	"igshid": true, "li_fat_id": true, "mc_cid": true, "mc_eid": true,
	"_ga": true, "_gl": true, "_hsenc": true, "_hsmi": true, "__hssc": true,
	"__hstc": true, "__hsfp": true, "hsctatracking": true, "mkt_tok": true,
	"oly_anon_id": true, "oly_enc_id": true, "vero_id": true, "vero_conv": true,
	"rb_clickid": true, "s_cid": true, "wickedid": true, "srsltid": true,
}

func isTrackingParam(key string) bool {
	k := strings.ToLower(key)
	return strings.HasPrefix(k, "utm_") || trackingParams[k]
}

// Canonicalize returns the canonical form of an absolute http or https URL:
// scheme and host in lower case (international names in punycode, numeric
// IPv4 forms as dotted quads, IPv6 in RFC 5952 form), default port dropped,
// user info and fragment removed, dot segments resolved, percent-encoding
// normalised (unreserved characters decoded, hex digits upper-cased),
// tracking parameters (utm_*, gclid, fbclid, ...) dropped and the remaining
// query parameters sorted by key, keeping the order of repeated keys.
// Canonicalize is idempotent. Errors wrap ErrURL; a scheme other than http
// or https also wraps ErrBlocked.
func Canonicalize(raw string) (string, error) {
	c, err := parseCanonical(nil, raw)
	if err != nil {
		return "", err
	}
	return c.String(), nil
}

// parseCanonical parses ref, resolves it against base when base is not
// nil, and canonicalises the result. Like browsers, it reads a '%' that
// does not start an escape as a literal '%'.
func parseCanonical(base *url.URL, ref string) (*url.URL, error) {
	ref = fixPercent(strings.TrimSpace(ref))
	var u *url.URL
	var err error
	if base != nil {
		u, err = base.Parse(ref)
	} else {
		u, err = url.Parse(ref)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrURL, err)
	}
	return canonicalURL(u)
}

// fixPercent escapes each '%' that is not followed by two hex digits.
func fixPercent(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && (i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2])) {
			var b strings.Builder
			for j := 0; j < len(s); j++ {
				if s[j] == '%' && (j+2 >= len(s) || !isHex(s[j+1]) || !isHex(s[j+2])) {
					b.WriteString("%25")
				} else {
					b.WriteByte(s[j])
				}
			}
			return b.String()
		}
	}
	return s
}

// canonicalURL canonicalises u (see Canonicalize) into a new URL whose
// String is the canonical form.
func canonicalURL(u *url.URL) (*url.URL, error) {
	scheme := strings.ToLower(u.Scheme)
	switch {
	case scheme == "":
		return nil, fmt.Errorf("%w: %q is not absolute", ErrURL, u.Redacted())
	case scheme != "http" && scheme != "https":
		return nil, fmt.Errorf("%w: %w: scheme %q is not http or https", ErrURL, ErrBlocked, scheme)
	case u.Opaque != "":
		return nil, fmt.Errorf("%w: opaque URL %q", ErrURL, u.Redacted())
	}
	host, err := canonicalHost(u.Hostname())
	if err != nil {
		return nil, err
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return nil, fmt.Errorf("%w: bad port %q", ErrURL, p)
		}
		if !(scheme == "http" && n == 80) && !(scheme == "https" && n == 443) {
			host += ":" + strconv.Itoa(n)
		}
	}
	p := removeDotSegments(normalizeEscapes(u.EscapedPath(), pathSafe))
	if p == "" {
		p = "/"
	}
	out := &url.URL{Scheme: scheme, Host: host, Path: "/", RawQuery: canonicalQuery(u.RawQuery)}
	// Path carries the decoded form and RawPath the exact escaping we chose;
	// url.URL.String prefers RawPath when it is a valid encoding of Path.
	dec, err := url.PathUnescape(p)
	if err != nil {
		return nil, fmt.Errorf("%w: path %q: %v", ErrURL, p, err)
	}
	out.Path, out.RawPath = dec, p
	if out.EscapedPath() != p {
		return nil, fmt.Errorf("%w: path %q has no stable encoding", ErrURL, p)
	}
	return out, nil
}

// canonicalHost lower-cases a host name, converts it to ASCII (IDNA) and
// normalises IP literals. The result is bracketed for IPv6.
func canonicalHost(h string) (string, error) {
	if h == "" {
		return "", fmt.Errorf("%w: missing host", ErrURL)
	}
	if strings.Contains(h, ":") {
		a, err := netip.ParseAddr(h)
		if err != nil || a.Zone() != "" || !a.Is6() {
			return "", fmt.Errorf("%w: bad IPv6 literal %q", ErrURL, h)
		}
		return "[" + a.String() + "]", nil
	}
	h = strings.ToLower(h)
	for i := 0; i < len(h); i++ {
		if h[i] >= 0x80 {
			a, err := idna.Lookup.ToASCII(h)
			if err != nil {
				return "", fmt.Errorf("%w: host %q: %v", ErrURL, h, err)
			}
			h = strings.ToLower(a)
			break
		}
	}
	h = strings.TrimSuffix(h, ".")
	if h == "" || len(h) > 253 {
		return "", fmt.Errorf("%w: bad host length", ErrURL)
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_') {
			return "", fmt.Errorf("%w: bad character %q in host %q", ErrURL, c, h)
		}
	}
	labels := strings.Split(h, ".")
	if slices.Contains(labels, "") {
		return "", fmt.Errorf("%w: empty label in host %q", ErrURL, h)
	}
	if endsInNumber(labels[len(labels)-1]) {
		// WHATWG URL: such a host is an IPv4 address in any of its legacy
		// forms (127.1, 0x7f.0.0.1, 2130706433), or invalid.
		a, ok := parseLegacyIPv4(labels)
		if !ok {
			return "", fmt.Errorf("%w: bad IPv4 address %q", ErrURL, h)
		}
		return a.String(), nil
	}
	return h, nil
}

func endsInNumber(label string) bool {
	if strings.HasPrefix(label, "0x") {
		for _, c := range label[2:] {
			if !strings.ContainsRune("0123456789abcdef", c) {
				return false
			}
		}
		return true
	}
	for _, c := range label {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// parseLegacyIPv4 parses the IPv4 forms browsers accept: one to four parts,
// each decimal, octal (leading 0) or hex (0x), the last filling the
// remaining bytes.
func parseLegacyIPv4(parts []string) (netip.Addr, bool) {
	if len(parts) > 4 {
		return netip.Addr{}, false
	}
	nums := make([]uint64, len(parts))
	for i, p := range parts {
		base := 10
		switch {
		case strings.HasPrefix(p, "0x"):
			base, p = 16, p[2:]
			if p == "" {
				p = "0"
			}
		case len(p) > 1 && p[0] == '0':
			base, p = 8, p[1:]
		}
		n, err := strconv.ParseUint(p, base, 32)
		if err != nil {
			return netip.Addr{}, false
		}
		nums[i] = n
	}
	var v uint64
	for i, n := range nums[:len(nums)-1] {
		if n > 255 {
			return netip.Addr{}, false
		}
		v |= n << (8 * (3 - i))
	}
	last := nums[len(nums)-1]
	if last >= 1<<(8*(5-len(nums))) {
		return netip.Addr{}, false
	}
	v |= last
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), true
}

// canonicalQuery drops tracking parameters and empty pairs, normalises the
// escaping of each key and value and sorts the pairs by key (stable, so
// repeated keys keep their order).
func canonicalQuery(raw string) string {
	if raw == "" {
		return ""
	}
	type pair struct{ k, kv string }
	var pairs []pair
	for part := range strings.SplitSeq(raw, "&") {
		if part == "" {
			continue
		}
		k, v, hasV := strings.Cut(part, "=")
		k = normalizeEscapes(k, keySafe)
		if k == "" && (!hasV || v == "") {
			continue
		}
		if kd, err := url.QueryUnescape(k); err == nil && isTrackingParam(kd) {
			continue
		}
		kv := k
		if hasV {
			kv += "=" + normalizeEscapes(v, valueSafe)
		}
		pairs = append(pairs, pair{k, kv})
	}
	slices.SortStableFunc(pairs, func(a, b pair) int { return strings.Compare(a.k, b.k) })
	var b strings.Builder
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.kv)
	}
	return b.String()
}

const (
	unreserved = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"
	subDelims  = "!$'()*+,;" // without & and =, which split query pairs
	pathSafe   = unreserved + subDelims + "&=:@/"
	keySafe    = unreserved + subDelims + ":@/?"
	valueSafe  = keySafe + "="
)

// normalizeEscapes rewrites s so that unreserved characters appear literally,
// characters in safe appear as they were (literal or escaped), and every
// other byte is percent-encoded with upper-case hex. A '%' not starting a
// valid escape is encoded as %25.
func normalizeEscapes(s, safe string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			d := unhex(s[i+1])<<4 | unhex(s[i+2])
			if strings.IndexByte(unreserved, d) >= 0 {
				b.WriteByte(d)
			} else {
				b.WriteByte('%')
				b.WriteByte(hex[d>>4])
				b.WriteByte(hex[d&15])
			}
			i += 2
			continue
		}
		if c != '%' && strings.IndexByte(safe, c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

// removeDotSegments implements RFC 3986 section 5.2.4 on an escaped path.
func removeDotSegments(p string) string {
	if !strings.Contains(p, ".") {
		return p
	}
	segs := strings.Split(p, "/")
	out := make([]string, 0, len(segs))
	for i, s := range segs {
		last := i == len(segs)-1
		switch s {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, s)
		}
	}
	r := strings.Join(out, "/")
	if strings.HasPrefix(p, "/") && !strings.HasPrefix(r, "/") {
		r = "/" + r
	}
	return r
}

// siteOf returns scheme://host[:port] of a canonical URL: the unit of
// "same site" for CrawlSite and of robots.txt.
func siteOf(u *url.URL) string { return u.Scheme + "://" + u.Host }
