package crawl

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"
)

// Stats counts what one CrawlSite or CrawlURLs call did. Every fetch
// attempt lands in exactly one of Pages, Duplicates, Empty, NoIndex,
// Robots, Blocked, Skipped or Errors.
type Stats struct {
	Fetched    int   // fetch attempts
	Pages      int   // distinct pages emitted
	Duplicates int   // pages whose text was already emitted
	Empty      int   // pages without text
	NoIndex    int   // pages that asked not to be indexed
	Robots     int   // refused by robots.txt
	Blocked    int   // refused by the address guard
	Skipped    int   // wrong content type, too large, too many redirects, off site
	Errors     int   // bad status, bad URL, network and other errors
	Bytes      int64 // body bytes of fetched pages
}

func (s *Stats) count(err error) {
	switch errorKind(err) {
	case "robots":
		s.Robots++
	case "blocked":
		s.Blocked++
	case "content-type", "too-large", "redirects", "off-site":
		s.Skipped++
	default:
		s.Errors++
	}
}

// result is the outcome of one fetch in a batch.
type result struct {
	page *Page
	err  error
}

type queued struct {
	u     *url.URL
	depth int
}

// crawlState deduplicates URLs and texts and emits pages for one crawl.
type crawlState struct {
	c        *Crawler
	stats    Stats
	hashes   map[[32]byte]string // content hash -> first URL with it
	emit     func(*Page) error
	progress func(Stats, int)
}

type progressKey struct{}

// WithProgress returns a context that makes CrawlSite and CrawlURLs call
// fn after every fetch, from the crawling goroutine, with the stats so far
// and how many URLs are still queued. fn must not block.
func WithProgress(ctx context.Context, fn func(st Stats, queued int)) context.Context {
	return context.WithValue(ctx, progressKey{}, fn)
}

func progressOf(ctx context.Context) func(Stats, int) {
	if fn, ok := ctx.Value(progressKey{}).(func(Stats, int)); ok {
		return fn
	}
	return func(Stats, int) {}
}

// accept counts one fetch outcome and emits the page if it is new. It
// returns a non-nil error only when the crawl must stop.
func (st *crawlState) accept(ctx context.Context, q queued, r result) error {
	st.stats.Fetched++
	if r.err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		st.stats.count(r.err)
		st.c.log.Debug("crawl: skip", "url", q.u.String(), "reason", errorKind(r.err), "err", r.err)
		return nil
	}
	p := r.page
	st.stats.Bytes += int64(p.Bytes)
	switch {
	case p.NoIndex:
		st.stats.NoIndex++
		return nil
	case p.Text == "":
		st.stats.Empty++
		return nil
	}
	if first, dup := st.hashes[p.ContentHash]; dup {
		st.stats.Duplicates++
		st.c.log.Debug("crawl: duplicate text", "url", p.FinalURL, "first", first)
		return nil
	}
	st.hashes[p.ContentHash] = p.FinalURL
	st.stats.Pages++
	if err := st.emit(p); err != nil {
		return fmt.Errorf("crawl: emit %s: %w", p.FinalURL, err)
	}
	return nil
}

// fetchBatch fetches qs concurrently and returns the results in order.
func (c *Crawler) fetchBatch(ctx context.Context, qs []queued, site string) []result {
	out := make([]result, len(qs))
	var wg sync.WaitGroup
	for i, q := range qs {
		wg.Go(func() {
			p, err := c.fetch(ctx, q.u, site)
			if p != nil {
				p.Depth = q.depth
			}
			out[i] = result{p, err}
		})
	}
	wg.Wait()
	return out
}

func (c *Crawler) crawlContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if c.cfg.CrawlTimeout > 0 {
		return context.WithTimeout(ctx, c.cfg.CrawlTimeout)
	}
	return context.WithCancel(ctx)
}

// CrawlSite crawls the site of root (its scheme, host and port)
// breadth-first, following links on that site only, up to Config.MaxDepth
// links from the root, and calls emit for each page with new text, up to
// maxPages pages (Config.MaxPages when maxPages <= 0). If the root
// redirects to another site, that site is crawled. It makes at most
// FetchFactor*maxPages page fetches, each following at most MaxRedirects
// redirects. emit is called from the calling goroutine, in breadth-first
// order; an error from emit stops the crawl and is returned. A context error or the CrawlTimeout stops the crawl too;
// the returned Stats always describe what was done.
func (c *Crawler) CrawlSite(ctx context.Context, root string, maxPages int, emit func(*Page) error) (Stats, error) {
	cu, err := parseCanonical(nil, root)
	if err != nil {
		return Stats{}, err
	}
	if maxPages <= 0 {
		maxPages = c.cfg.MaxPages
	}
	if emit == nil {
		emit = func(*Page) error { return nil }
	}
	ctx, cancel := c.crawlContext(ctx)
	defer cancel()
	st := &crawlState{c: c, hashes: map[[32]byte]string{}, emit: emit, progress: progressOf(ctx)}
	maxFetches := maxPages * c.cfg.FetchFactor

	// The root alone first: its final URL fixes the site.
	rootQ := queued{u: cu}
	rp := c.fetchBatch(ctx, []queued{rootQ}, "")[0]
	if err := st.accept(ctx, rootQ, rp); err != nil {
		return st.stats, err
	}
	if rp.err != nil {
		return st.stats, rp.err
	}
	final, _ := url.Parse(rp.page.FinalURL)
	site := siteOf(final)
	seen := map[string]bool{cu.String(): true, final.String(): true}
	var queue []queued
	enqueue := func(p *Page, depth int) {
		if depth > c.cfg.MaxDepth {
			return
		}
		for _, l := range p.Links {
			if seen[l] {
				continue
			}
			lu, err := url.Parse(l)
			if err != nil || siteOf(lu) != site {
				continue
			}
			seen[l] = true
			queue = append(queue, queued{u: lu, depth: depth})
		}
	}
	enqueue(rp.page, 1)
	st.progress(st.stats, len(queue))

	for len(queue) > 0 && st.stats.Pages < maxPages && st.stats.Fetched < maxFetches {
		n := min(len(queue), c.cfg.Workers, maxPages-st.stats.Pages, maxFetches-st.stats.Fetched)
		batch := queue[:n]
		queue = queue[n:]
		results := c.fetchBatch(ctx, batch, site)
		for i, r := range results {
			if err := st.accept(ctx, batch[i], r); err != nil {
				return st.stats, err
			}
			if r.page != nil {
				seen[r.page.FinalURL] = true
				enqueue(r.page, batch[i].depth+1)
			}
			st.progress(st.stats, len(queue)+len(batch)-i-1)
		}
	}
	c.log.Info("crawl: site done", "site", site, "pages", st.stats.Pages, "fetched", st.stats.Fetched,
		"duplicates", st.stats.Duplicates, "robots", st.stats.Robots, "errors", st.stats.Errors)
	return st.stats, nil
}

// CrawlURLs fetches each URL once (after canonicalisation) and calls emit
// for each page with new text, in the order of urls. Bad URLs are counted
// in Stats.Errors and skipped. Errors from emit and the context stop the
// crawl, as in CrawlSite.
func (c *Crawler) CrawlURLs(ctx context.Context, urls []string, emit func(*Page) error) (Stats, error) {
	if emit == nil {
		emit = func(*Page) error { return nil }
	}
	ctx, cancel := c.crawlContext(ctx)
	defer cancel()
	st := &crawlState{c: c, hashes: map[[32]byte]string{}, emit: emit, progress: progressOf(ctx)}
	seen := map[string]bool{}
	var queue []queued
	for _, raw := range urls {
		u, err := parseCanonical(nil, raw)
		if err != nil {
			st.stats.Errors++
			c.log.Debug("crawl: bad URL", "url", raw, "err", err)
			continue
		}
		if s := u.String(); !seen[s] {
			seen[s] = true
			queue = append(queue, queued{u: u})
		}
	}
	for len(queue) > 0 {
		n := min(len(queue), c.cfg.Workers)
		batch := queue[:n]
		queue = queue[n:]
		for i, r := range c.fetchBatch(ctx, batch, "") {
			if err := st.accept(ctx, batch[i], r); err != nil {
				return st.stats, err
			}
			st.progress(st.stats, len(queue)+len(batch)-i-1)
		}
	}
	return st.stats, nil
}

// IsSkip reports whether err is a per-page refusal (robots, guard, content
// type, size, redirects, off site) rather than a failure of the crawler or
// the network.
func IsSkip(err error) bool {
	for _, e := range []error{ErrRobots, ErrBlocked, ErrContentType, ErrTooLarge, ErrTooManyRedirects, ErrOffSite} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
