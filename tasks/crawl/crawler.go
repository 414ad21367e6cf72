package crawl

import (
	"bufio"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"
)

// Page is one fetched document.
type Page struct {
	// URL is the canonical form of the URL that was asked for.
	URL string
	// FinalURL is the canonical URL after redirects (equal to URL when
	// there were none).
	FinalURL string
	// Status is the HTTP status of the final response (2xx).
	Status int
	// ContentType is the media type of the response, such as text/html.
	ContentType string
	Title       string
	// Text is the normalised readable text (see NormalizeText).
	Text string
	// Links are canonical absolute URLs found on the page (any site).
	Links []string
	// ContentHash is the SHA-256 of Text: pages with the same normalised
	// text have the same hash.
	ContentHash [32]byte
	// NoIndex is set when the page asks not to be indexed (meta robots).
	// CrawlSite and CrawlURLs do not emit such pages.
	NoIndex bool
	// Depth is the number of links between the crawl root and the page
	// (CrawlSite only).
	Depth     int
	Bytes     int
	FetchedAt time.Time
}

// Crawler fetches web pages politely and safely. It is safe for concurrent
// use; robots.txt rules and per-host rate limits are shared by all calls.
type Crawler struct {
	cfg       Config
	log       *slog.Logger
	clock     Clock
	guard     guard
	transport *http.Transport
	client    *http.Client
	robots    *robotsCache
	limits    *hostLimits
}

// Option changes how New builds a Crawler.
type Option func(*Crawler)

// WithClock makes the crawler read time from clk and sleep on it (rate
// limits, robots.txt TTLs, FetchedAt). Request timeouts stay on real time.
func WithClock(clk Clock) Option { return func(c *Crawler) { c.clock = clk } }

// New returns a crawler for cfg. log may be nil.
func New(cfg Config, log *slog.Logger, opts ...Option) (*Crawler, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	c := &Crawler{
		cfg:   cfg,
		log:   log,
		clock: realClock{},
		guard: guard{allowLoopback: cfg.AllowLoopback, allowPrivate: cfg.AllowPrivate},
	}
	for _, o := range opts {
		o(c)
	}
	c.transport = &http.Transport{
		// No proxy: a proxy would connect on our behalf, past the guard.
		Proxy:                  nil,
		DialContext:            c.guard.dialer(cfg.RequestTimeout).DialContext,
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    10 * time.Second,
		ResponseHeaderTimeout:  cfg.RequestTimeout,
		ExpectContinueTimeout:  time.Second,
		MaxIdleConns:           64,
		MaxIdleConnsPerHost:    2,
		IdleConnTimeout:        60 * time.Second,
		MaxResponseHeaderBytes: 64 << 10,
	}
	c.client = &http.Client{
		Transport: c.transport,
		// Redirects are followed by hand, so that every hop goes through
		// canonicalisation, the guard, robots.txt and the rate limit.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	c.robots = newRobotsCache(c.clock)
	c.limits = newHostLimits(c.clock, cfg.HostRate, cfg.HostBurst)
	return c, nil
}

// Close releases idle connections. The crawler stays usable.
func (c *Crawler) Close() { c.transport.CloseIdleConnections() }

// Config returns the crawler's configuration.
func (c *Crawler) Config() Config { return c.cfg }

// Fetch fetches one URL, following up to MaxRedirects redirects, and
// extracts its text. Errors wrap ErrURL, ErrBlocked, ErrRobots,
// ErrContentType, ErrTooLarge, ErrTooManyRedirects or ErrStatus where one
// of those is the reason.
func (c *Crawler) Fetch(ctx context.Context, rawURL string) (*Page, error) {
	u, err := parseCanonical(nil, rawURL)
	if err != nil {
		return nil, err
	}
	return c.fetch(ctx, u, "")
}

// fetch fetches the canonical URL u. If site is not empty, redirects that
// leave it fail with ErrOffSite before anything is requested there.
func (c *Crawler) fetch(ctx context.Context, u *url.URL, site string) (*Page, error) {
	cur := u
	// RequestTimeout bounds the exchanges of the whole redirect chain, so
	// that a server cannot stretch a fetch to MaxRedirects+1 timeouts by
	// sending its redirects slowly.
	left := c.cfg.RequestTimeout
	for hop := 0; ; hop++ {
		if site != "" && siteOf(cur) != site {
			return nil, fmt.Errorf("%w: %s redirects to %s", ErrOffSite, u, cur)
		}
		if err := c.guard.checkHost(cur.Hostname()); err != nil {
			return nil, fmt.Errorf("crawl: %s: %w", cur, err)
		}
		if err := c.checkRobots(ctx, cur); err != nil {
			return nil, err
		}
		resp, err := c.roundTrip(ctx, cur, exchange{maxBytes: c.cfg.MaxBodyBytes, page: true, timeout: left})
		if err != nil {
			return nil, err
		}
		if isRedirect(resp.status) {
			if hop >= c.cfg.MaxRedirects {
				return nil, fmt.Errorf("%w: more than %d from %s", ErrTooManyRedirects, c.cfg.MaxRedirects, u)
			}
			next, err := resolveRedirect(cur, resp.location)
			if err != nil {
				return nil, fmt.Errorf("crawl: redirect from %s: %w", cur, err)
			}
			if left -= resp.elapsed; left <= 0 {
				return nil, fmt.Errorf("crawl: get %s: redirects took over %v: %w", u, c.cfg.RequestTimeout, context.DeadlineExceeded)
			}
			c.log.Debug("crawl: redirect", "from", cur.String(), "to", next.String(), "status", resp.status)
			cur = next
			continue
		}
		if resp.status < 200 || resp.status > 299 {
			return nil, fmt.Errorf("%w: %d from %s", ErrStatus, resp.status, cur)
		}
		content, err := Extract(resp.body, resp.contentType, cur, c.cfg.MaxLinksPerPage)
		if err != nil {
			return nil, fmt.Errorf("crawl: %s: %w", cur, err)
		}
		p := &Page{
			URL:         u.String(),
			FinalURL:    cur.String(),
			Status:      resp.status,
			ContentType: mediaType(resp.contentType),
			Title:       content.Title,
			Text:        content.Text,
			Links:       content.Links,
			ContentHash: sha256.Sum256([]byte(content.Text)),
			NoIndex:     content.NoIndex,
			Bytes:       len(resp.body),
			FetchedAt:   c.clock.Now(),
		}
		c.log.Debug("crawl: fetched", "url", p.FinalURL, "status", p.Status, "bytes", p.Bytes, "links", len(p.Links))
		return p, nil
	}
}

// exchange says how roundTrip treats a response.
type exchange struct {
	maxBytes int64
	truncate bool          // cut the body at maxBytes instead of failing
	page     bool          // check the content type
	timeout  time.Duration // if positive and below RequestTimeout, the time limit
}

type response struct {
	status      int
	location    string
	contentType string
	body        []byte
	elapsed     time.Duration // real time taken, not counting the rate limit
}

// acceptedTypes are the media types the crawler reads.
var acceptedTypes = map[string]bool{"text/html": true, "application/xhtml+xml": true, "text/plain": true}

// roundTrip sends one GET after waiting for the host's rate limit, under
// the per-request timeout (or x.timeout, if shorter), and reads the body of
// a 2xx response.
func (c *Crawler) roundTrip(ctx context.Context, u *url.URL, x exchange) (*response, error) {
	if err := c.guard.checkHost(u.Hostname()); err != nil {
		return nil, fmt.Errorf("crawl: %s: %w", u, err)
	}
	if err := c.limits.wait(ctx, u.Hostname()); err != nil {
		return nil, err
	}
	timeout := c.cfg.RequestTimeout
	if x.timeout > 0 {
		timeout = min(timeout, x.timeout)
	}
	start := time.Now() // real time, like the timeout
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrURL, err)
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	if x.page {
		req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9")
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("crawl: get %s: %w", u, err)
	}
	defer resp.Body.Close()
	r := &response{status: resp.StatusCode, location: resp.Header.Get("Location"), contentType: resp.Header.Get("Content-Type")}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		if resp.ContentLength >= 0 && resp.ContentLength <= 4<<10 {
			// Let the connection be reused. A body of unknown or large
			// size is not waited for: closing it closes the connection.
			_, _ = io.Copy(io.Discard, resp.Body)
		}
		r.elapsed = time.Since(start)
		return r, nil
	}
	body := bufio.NewReader(resp.Body)
	if x.page {
		if r.contentType == "" {
			head, _ := body.Peek(512)
			r.contentType = http.DetectContentType(head)
		}
		if mt := mediaType(r.contentType); !acceptedTypes[mt] {
			return nil, fmt.Errorf("%w: %q at %s", ErrContentType, mt, u)
		}
	}
	if resp.ContentLength > x.maxBytes && !x.truncate {
		return nil, fmt.Errorf("%w: %s declares %d bytes, limit %d", ErrTooLarge, u, resp.ContentLength, x.maxBytes)
	}
	b, err := io.ReadAll(io.LimitReader(body, x.maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("crawl: read %s: %w", u, err)
	}
	if int64(len(b)) > x.maxBytes {
		if !x.truncate {
			return nil, fmt.Errorf("%w: %s is over %d bytes", ErrTooLarge, u, x.maxBytes)
		}
		b = b[:x.maxBytes]
	}
	r.body = b
	r.elapsed = time.Since(start)
	return r, nil
}

func isRedirect(status int) bool {
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// resolveRedirect resolves a Location header against the URL that sent it
// and canonicalises the result.
func resolveRedirect(from *url.URL, location string) (*url.URL, error) {
	if location == "" {
		return nil, fmt.Errorf("%w: redirect without Location", ErrStatus)
	}
	return parseCanonical(from, location)
}

// errorKind names the reason for a fetch error, for logs and Stats.
func errorKind(err error) string {
	switch {
	case errors.Is(err, ErrBlocked):
		return "blocked"
	case errors.Is(err, ErrRobots):
		return "robots"
	case errors.Is(err, ErrContentType):
		return "content-type"
	case errors.Is(err, ErrTooLarge):
		return "too-large"
	case errors.Is(err, ErrTooManyRedirects):
		return "redirects"
	case errors.Is(err, ErrOffSite):
		return "off-site"
	case errors.Is(err, ErrStatus):
		return "status"
	case errors.Is(err, ErrURL):
		return "url"
	default:
		return "error"
	}
}
