package crawl

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Config tunes a Crawler. The zero value is not usable: start from
// DefaultConfig and change what you need, then call Validate (New does).
type Config struct {
	// UserAgent is sent on every request.
	UserAgent string
	// RobotsAgent is the product token matched against User-agent lines in
	// robots.txt (case-insensitive prefix match, as Google does).
	RobotsAgent string

	// RequestTimeout bounds one HTTP exchange, headers and body, including
	// any redirects it follows (in real time; waits for the per-host rate
	// limit and robots.txt fetches of other sites do not count).
	RequestTimeout time.Duration
	// CrawlTimeout bounds a whole CrawlSite or CrawlURLs call on top of the
	// caller's context. Zero means only the caller's context bounds it.
	CrawlTimeout time.Duration

	// MaxBodyBytes caps a page body; a larger one fails with ErrTooLarge.
	MaxBodyBytes int64
	// MaxRobotsBytes caps robots.txt; the rest is ignored (Google reads the
	// first 500 KiB).
	MaxRobotsBytes int64
	// MaxRedirects is the most redirects one fetch follows.
	MaxRedirects int
	// MaxLinksPerPage caps the links kept from one page.
	MaxLinksPerPage int

	// MaxDepth is how many links away from the root CrawlSite goes (root is
	// depth 0).
	MaxDepth int
	// MaxPages is the page limit CrawlSite uses when the caller passes 0.
	MaxPages int
	// FetchFactor bounds the page fetches of one CrawlSite to FetchFactor times
	// its page limit, so that a site full of duplicates, errors or non-text
	// links cannot keep the crawler busy forever.
	FetchFactor int
	// Workers is how many fetches run at once. Requests to one host are
	// still spaced by the per-host rate limit.
	Workers int

	// HostRate is the sustained request rate per host, in requests per
	// second; HostBurst is how many requests may go back to back.
	HostRate  float64
	HostBurst int

	// RobotsTTL is how long a fetched robots.txt (or a 4xx answer, meaning
	// allow all) is cached per host.
	RobotsTTL time.Duration
	// RobotsErrorTTL is how long a host whose robots.txt answered 5xx or
	// could not be reached stays fully disallowed.
	RobotsErrorTTL time.Duration

	// AllowLoopback lets the crawler connect to loopback addresses
	// (127.0.0.0/8, ::1). Tests and devnet only.
	AllowLoopback bool
	// AllowPrivate lets the crawler connect to private (RFC 1918,
	// fc00::/7) and CGNAT (100.64.0.0/10) addresses. Link-local, multicast,
	// unspecified and reserved addresses are always refused.
	AllowPrivate bool
}

// DefaultConfig returns a polite configuration for crawling the public web.
func DefaultConfig() Config {
	return Config{
		UserAgent:       "provenet-crawler/0.1 (+https://github.com/provenet/provenet)",
		RobotsAgent:     "provenet-crawler",
		RequestTimeout:  20 * time.Second,
		CrawlTimeout:    10 * time.Minute,
		MaxBodyBytes:    4 << 20,
		MaxRobotsBytes:  500 << 10,
		MaxRedirects:    5,
		MaxLinksPerPage: 2000,
		MaxDepth:        3,
		MaxPages:        100,
		FetchFactor:     3,
		Workers:         4,
		HostRate:        1,
		HostBurst:       2,
		RobotsTTL:       24 * time.Hour,
		RobotsErrorTTL:  30 * time.Minute,
	}
}

// ErrConfig reports an invalid Config.
var ErrConfig = errors.New("crawl: config")

// Validate reports the first problem with c, wrapped in ErrConfig.
func (c Config) Validate() error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: %s", ErrConfig, fmt.Sprintf(format, a...))
	}
	switch {
	case strings.TrimSpace(c.UserAgent) == "":
		return bad("user agent is empty")
	case strings.TrimSpace(c.RobotsAgent) == "" || strings.ContainsAny(c.RobotsAgent, " \t/"):
		return bad("robots agent %q must be a single product token", c.RobotsAgent)
	case c.RequestTimeout <= 0:
		return bad("request timeout %v must be positive", c.RequestTimeout)
	case c.CrawlTimeout < 0:
		return bad("crawl timeout %v is negative", c.CrawlTimeout)
	case c.MaxBodyBytes <= 0:
		return bad("max body bytes %d must be positive", c.MaxBodyBytes)
	case c.MaxRobotsBytes <= 0:
		return bad("max robots bytes %d must be positive", c.MaxRobotsBytes)
	case c.MaxRedirects < 0 || c.MaxRedirects > 20:
		return bad("max redirects %d must be in [0, 20]", c.MaxRedirects)
	case c.MaxLinksPerPage < 0:
		return bad("max links per page %d is negative", c.MaxLinksPerPage)
	case c.MaxDepth < 0:
		return bad("max depth %d is negative", c.MaxDepth)
	case c.MaxPages <= 0:
		return bad("max pages %d must be positive", c.MaxPages)
	case c.FetchFactor < 1:
		return bad("fetch factor %d must be at least 1", c.FetchFactor)
	case c.Workers < 1 || c.Workers > 64:
		return bad("workers %d must be in [1, 64]", c.Workers)
	case !(c.HostRate > 0) || c.HostRate > 1000:
		return bad("host rate %v must be in (0, 1000] requests per second", c.HostRate)
	case c.HostBurst < 1:
		return bad("host burst %d must be at least 1", c.HostBurst)
	case c.RobotsTTL <= 0:
		return bad("robots TTL %v must be positive", c.RobotsTTL)
	case c.RobotsErrorTTL <= 0:
		return bad("robots error TTL %v must be positive", c.RobotsErrorTTL)
	}
	return nil
}
