package crawl

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// robotsRules is what the crawler keeps of one site's robots.txt.
type robotsRules struct {
	group       *robotstxt.Group // the group for our agent; nil when unreachable
	unreachable bool             // 5xx or network error: disallow everything
	expires     time.Time
}

func (r *robotsRules) allowed(u *url.URL) bool {
	if r.unreachable {
		return false
	}
	p := u.EscapedPath()
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return r.group.Test(p)
}

// robotsCache caches robots rules per site (scheme://host:port) and makes
// concurrent callers for one site share a single fetch.
type robotsCache struct {
	clock Clock

	mu      sync.Mutex
	entries map[string]*robotsEntry
}

type robotsEntry struct {
	done  chan struct{}
	rules *robotsRules // set before done is closed; nil if the fetch failed
	err   error
}

const maxRobotsEntries = 4096

func newRobotsCache(clock Clock) *robotsCache {
	return &robotsCache{clock: clock, entries: map[string]*robotsEntry{}}
}

// get returns the cached rules for site, calling fetch when there are none
// or they expired. A fetch error is not cached: the next caller retries.
func (rc *robotsCache) get(ctx context.Context, site string, fetch func(context.Context) (*robotsRules, error)) (*robotsRules, error) {
	for {
		now := rc.clock.Now()
		rc.mu.Lock()
		e := rc.entries[site]
		if e != nil {
			select {
			case <-e.done:
				if e.rules == nil || !now.Before(e.rules.expires) {
					delete(rc.entries, site)
					e = nil
				}
			default:
			}
		}
		if e == nil {
			if len(rc.entries) >= maxRobotsEntries {
				rc.pruneLocked(now)
			}
			e = &robotsEntry{done: make(chan struct{})}
			rc.entries[site] = e
			rc.mu.Unlock()
			e.rules, e.err = fetch(ctx)
			close(e.done)
			if e.err != nil {
				return nil, e.err
			}
			return e.rules, nil
		}
		rc.mu.Unlock()
		select {
		case <-e.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if e.rules != nil {
			return e.rules, nil
		}
		if errors.Is(e.err, ErrBlocked) {
			return nil, e.err
		}
		// The fetching caller failed (its context, say); try ourselves.
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
}

func (rc *robotsCache) pruneLocked(now time.Time) {
	for k, e := range rc.entries {
		select {
		case <-e.done:
			if e.rules == nil || !now.Before(e.rules.expires) {
				delete(rc.entries, k)
			}
		default:
		}
	}
}

// robotsFor returns the robots rules that apply to u's site.
func (c *Crawler) robotsFor(ctx context.Context, u *url.URL) (*robotsRules, error) {
	site := siteOf(u)
	return c.robots.get(ctx, site, func(ctx context.Context) (*robotsRules, error) {
		return c.fetchRobots(ctx, site)
	})
}

// checkRobots returns an error wrapping ErrRobots if robots.txt forbids u.
func (c *Crawler) checkRobots(ctx context.Context, u *url.URL) error {
	r, err := c.robotsFor(ctx, u)
	if err != nil {
		return err
	}
	if r.unreachable {
		return fmt.Errorf("%w: robots.txt of %s is unreachable, host disallowed until %s", ErrRobots, siteOf(u), r.expires.Format(time.RFC3339))
	}
	if !r.allowed(u) {
		return fmt.Errorf("%w: %s", ErrRobots, u)
	}
	return nil
}

// fetchRobots fetches and parses site's robots.txt the way Google
// documents it: 2xx is parsed (first MaxRobotsBytes only), 4xx other than
// 429 allows everything, and 429, 5xx, network errors and timeouts disallow
// the whole site for RobotsErrorTTL. Up to five redirects are followed;
// more count as "not found". A redirect to an address the guard refuses
// makes the site unreachable. Errors are returned (and not cached) only
// for a cancelled context or a site whose own address is refused.
func (c *Crawler) fetchRobots(ctx context.Context, site string) (*robotsRules, error) {
	now := c.clock.Now()
	allowAll := func(why string) (*robotsRules, error) {
		c.log.Debug("crawl: robots.txt allows all", "site", site, "why", why)
		g, _ := robotstxt.FromStatusAndString(404, "")
		return &robotsRules{group: g.FindGroup(c.cfg.RobotsAgent), expires: now.Add(c.cfg.RobotsTTL)}, nil
	}
	unreachable := func(why string) (*robotsRules, error) {
		c.log.Info("crawl: robots.txt unreachable, site disallowed", "site", site, "why", why, "for", c.cfg.RobotsErrorTTL)
		return &robotsRules{unreachable: true, expires: now.Add(c.cfg.RobotsErrorTTL)}, nil
	}
	u, err := url.Parse(site + "/robots.txt")
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrURL, err)
	}
	left := c.cfg.RequestTimeout // for the whole redirect chain, as in fetch
	for hop := 0; ; hop++ {
		resp, err := c.roundTrip(ctx, u, exchange{maxBytes: c.cfg.MaxRobotsBytes, truncate: true, timeout: left})
		switch {
		case err != nil && ctx.Err() != nil:
			return nil, ctx.Err()
		case err != nil && hop == 0 && errors.Is(err, ErrBlocked):
			return nil, err
		case err != nil:
			return unreachable(err.Error())
		}
		switch {
		case isRedirect(resp.status):
			if hop == 5 {
				return allowAll("too many redirects")
			}
			next, err := resolveRedirect(u, resp.location)
			if err != nil {
				return allowAll(err.Error())
			}
			if left -= resp.elapsed; left <= 0 {
				return unreachable("redirects took over " + c.cfg.RequestTimeout.String())
			}
			u = next
			continue
		case resp.status >= 200 && resp.status < 300:
			data, err := robotstxt.FromBytes(resp.body)
			if err != nil {
				return allowAll("unparsable: " + err.Error())
			}
			return &robotsRules{group: data.FindGroup(c.cfg.RobotsAgent), expires: now.Add(c.cfg.RobotsTTL)}, nil
		case resp.status == 429 || resp.status >= 500:
			return unreachable(fmt.Sprintf("HTTP %d", resp.status))
		default:
			return allowAll(fmt.Sprintf("HTTP %d", resp.status))
		}
	}
}
