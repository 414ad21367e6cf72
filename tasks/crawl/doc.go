// Package crawl is the web crawler that edge nodes run for crawl tasks. It
// fetches pages over HTTP(S) and returns plain results (Page, Stats); the
// caller turns each page's text into a datanet record. It imports nothing
// else from provenet.
//
// What it guarantees:
//
//   - Safety. Only http and https. Every connection goes through a
//     net.Dialer Control function that refuses loopback, private (RFC 1918,
//     fc00::/7), CGNAT, link-local, multicast, unspecified and reserved
//     addresses after DNS resolution and before connect, so DNS rebinding
//     cannot bypass it; Config.AllowLoopback and Config.AllowPrivate open
//     the first two classes for tests and devnets. No proxy is used.
//     Redirects are followed by hand (at most Config.MaxRedirects), each hop
//     canonicalised and checked again.
//   - Politeness. robots.txt is honoured per site (scheme, host and port)
//     with github.com/temoto/robotstxt, cached for Config.RobotsTTL. As
//     Google does, a 4xx robots.txt allows everything and a 5xx, 429 or
//     network error disallows the whole site for Config.RobotsErrorTTL.
//     Requests are spaced per host name by a token bucket
//     (Config.HostRate, Config.HostBurst), robots.txt fetches included.
//   - Bounds. Bodies are capped at Config.MaxBodyBytes (ErrTooLarge),
//     counted after gzip decoding; each request, its redirects included,
//     at Config.RequestTimeout; each crawl at Config.CrawlTimeout and the
//     caller's context; and a site crawl at a page limit, a depth limit and
//     FetchFactor times the page limit in fetches (each of which follows
//     at most MaxRedirects redirects).
//   - Content. Only text/html, application/xhtml+xml and text/plain are
//     read (ErrContentType otherwise). The text of HTML is the page's main
//     content, whole and in order (a role="main" or <main> landmark, an
//     only <article>, else the column that holds most of the page's text),
//     rendered with headings as Markdown "#" lines, list items as "- "
//     lines, code blocks fenced by ``` lines with their indentation, and
//     table rows as cells joined by " | "; navigation, sidebars, footers
//     and previous/next bars are left out. It is one linear walk of the
//     parsed tree, and HTML nested deeper than the parser accepts is
//     flattened first. Text is normalised (NormalizeText) and hashed with
//     SHA-256, and a crawl emits each distinct text once.
//   - URLs are canonicalised (Canonicalize) before they are fetched,
//     compared or reported.
//
// Errors wrap the sentinels in errors.go; test them with errors.Is. Time
// comes from an injectable Clock (WithClock).
package crawl
