package crawl

import "errors"

// Sentinel errors. Every error the crawler returns for one of these reasons
// wraps the sentinel, so callers test with errors.Is.
var (
	// ErrBlocked: the URL or an address it resolves to is refused by the
	// SSRF guard (private, loopback, link-local, ... or a non-HTTP scheme).
	ErrBlocked = errors.New("crawl: blocked address")
	// ErrRobots: robots.txt disallows the URL, or the host's robots.txt is
	// unreachable and the host is treated as fully disallowed for a while.
	ErrRobots = errors.New("crawl: disallowed by robots.txt")
	// ErrContentType: the response is not text/html,
	// application/xhtml+xml or text/plain.
	ErrContentType = errors.New("crawl: unsupported content type")
	// ErrTooLarge: the body is larger than Config.MaxBodyBytes.
	ErrTooLarge = errors.New("crawl: response too large")
	// ErrTooManyRedirects: more than Config.MaxRedirects redirects.
	ErrTooManyRedirects = errors.New("crawl: too many redirects")
	// ErrStatus: the final response status is not 2xx.
	ErrStatus = errors.New("crawl: unexpected HTTP status")
	// ErrURL: the URL cannot be parsed or is not an absolute http(s) URL.
	ErrURL = errors.New("crawl: bad URL")
	// ErrOffSite: a site crawl was redirected to another site.
	ErrOffSite = errors.New("crawl: redirected off site")
)
