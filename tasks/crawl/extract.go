package crawl

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/unicode/norm"
)

// Content is what Extract finds in a document.
type Content struct {
	Title string
	// Text is the readable text, normalised (see NormalizeText).
	Text string
	// Links are the canonical absolute http(s) URLs the document links to,
	// in document order, without duplicates. Links marked rel=nofollow or
	// longer than 4 KiB are left out, and so is every link when the page
	// says nofollow.
	Links []string
	// NoIndex and NoFollow reflect <meta name="robots"> directives.
	NoIndex, NoFollow bool
}

// Extract decodes body (of the given Content-Type, charset included) and
// returns its title, readable text and links. HTML goes through
// go-readability for the main content; when that finds no article (less
// text than its 500-character threshold), the text of the whole body is
// used instead, without script, style, nav and similar elements. That walk
// alone serves documents too large or too deep for readability to finish
// quickly (see maxReadabilityElems), and documents nested deeper than the
// HTML parser accepts are flattened first (see parseHTML). Any other type
// is treated as plain text. pageURL resolves relative links; maxLinks caps them (0:
// no links).
func Extract(body []byte, contentType string, pageURL *url.URL, maxLinks int) (Content, error) {
	media := mediaType(contentType)
	utf, err := toUTF8(body, contentType)
	if err != nil {
		return Content{}, err
	}
	if media != "text/html" && media != "application/xhtml+xml" {
		return Content{Text: NormalizeText(string(utf))}, nil
	}
	doc, src, err := parseHTML(utf)
	if err != nil {
		return Content{}, err
	}
	var c Content
	meta := scanDocument(doc, pageURL, maxLinks)
	c.Title, c.NoIndex, c.NoFollow = meta.title, meta.noIndex, meta.noFollow
	if !c.NoFollow {
		c.Links = meta.links
	}

	// readability mutates the tree; everything else has been read from it.
	// Its cost grows with the number of elements and with their depth, with
	// a large constant (several passes, each cloning the tree): on a
	// hostile page of a few MiB it runs for many seconds. Past
	// maxReadabilityElems or maxReadabilityDepthSum the body walk, which
	// is linear, is used instead.
	p := readability.NewParser()
	mutated := false
	if meta.elements <= maxReadabilityElems && meta.depthSum <= maxReadabilityDepthSum {
		mutated = true
		if art, err := p.ParseAndMutate(doc, pageURL); err == nil && art.Node != nil {
			c.Text = NormalizeText(render.InnerText(art.Node))
		}
	}
	if utf8.RuneCountInString(c.Text) < p.CharThresholds {
		// Below its own threshold readability has found no article, only
		// its best guess (often a footer): walk the whole body instead.
		if mutated {
			if doc, err = html.Parse(bytes.NewReader(src)); err != nil {
				return Content{}, fmt.Errorf("crawl: parse HTML: %w", err)
			}
		}
		if all := NormalizeText(bodyText(doc)); all != "" {
			c.Text = all
		}
	}
	return c, nil
}

// Above these sizes Extract does not run readability. The largest page of
// the Python 3.11 documentation (contents.html, 2.5 MB) has 48,862
// elements and a depth sum of 885,522 (readability: about 0.3 s); a 1 MB
// page of 200 nests of 500 <div>s (100,000 elements, depth sum 25
// million) took readability 2 s, and a 4 MiB one would take about 8 s.
const (
	// maxReadabilityElems caps the element count of a document.
	maxReadabilityElems = 60_000
	// maxReadabilityDepthSum caps the sum, over all elements, of their
	// depth in the tree: deep nesting makes readability's per-ancestor
	// passes expensive.
	maxReadabilityDepthSum = 2_000_000
)

// parseHTML parses an HTML document and returns it with the bytes it was
// parsed from. golang.org/x/net/html refuses a document that nests more
// than 512 elements deep, which hostile pages, binary garbage and sloppy
// templates (thousands of unclosed <div> or <font>) all do; such a
// document is flattened (see flattenHTML) and parsed again, so that its
// text and links are still read.
func parseHTML(b []byte) (*html.Node, []byte, error) {
	doc, err := html.Parse(bytes.NewReader(b))
	if err == nil {
		return doc, b, nil
	}
	// The naive depth that flattenHTML counts can be below the parser's
	// (implied elements, reopened formatting elements): try a small one
	// if a generous one is not enough.
	for _, depth := range []int{128, 16} {
		flat := flattenHTML(b, depth)
		if doc, err2 := html.Parse(bytes.NewReader(flat)); err2 == nil {
			return doc, flat, nil
		}
	}
	return nil, nil, fmt.Errorf("crawl: parse HTML: %w", err)
}

// voidElements have no end tag and never hold content.
var voidElements = map[string]bool{
	"area": true, "base": true, "basefont": true, "bgsound": true, "br": true,
	"col": true, "embed": true, "frame": true, "hr": true, "img": true,
	"input": true, "keygen": true, "link": true, "meta": true, "param": true,
	"source": true, "track": true, "wbr": true,
}

// rawTextElements hold text that the tokenizer does not parse for tags.
var rawTextElements = map[string]bool{
	"iframe": true, "noembed": true, "noframes": true, "noscript": true,
	"plaintext": true, "script": true, "style": true, "textarea": true,
	"title": true, "xmp": true,
}

// closesSame are elements whose start tag ends an open element of the
// same name (<p>a<p>b is two paragraphs, not nested ones).
var closesSame = map[string]bool{
	"p": true, "li": true, "dd": true, "dt": true, "option": true,
	"optgroup": true, "tr": true, "td": true, "th": true, "rb": true,
	"rt": true, "rp": true, "rtc": true,
}

// flattenHTML copies an HTML document token by token, leaving out the
// start tags that would open an element more than maxDepth levels deep,
// by a naive count of open elements, and the end tags that close no open
// element. Text, comments and every other tag are copied as they are.
func flattenHTML(b []byte, maxDepth int) []byte {
	z := html.NewTokenizer(bytes.NewReader(b))
	out := make([]byte, 0, len(b))
	var open []string
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out // io.EOF: reading from memory fails no other way
		case html.StartTagToken:
			raw := z.Raw()
			name, _ := z.TagName()
			switch {
			case voidElements[string(name)]:
			case len(open) > 0 && closesSame[string(name)] && open[len(open)-1] == string(name):
				// replaces the open element of the same name
			case len(open) >= maxDepth && !rawTextElements[string(name)]:
				// Left out. A raw text element is kept: without its
				// tag, its text (a script, say) would become page text.
				// It does not stay open: the tokenizer reports its end
				// tag right after the text.
				continue
			default:
				open = append(open, string(name))
			}
			out = append(out, raw...)
			continue
		case html.EndTagToken:
			raw := z.Raw()
			name, _ := z.TagName()
			i := len(open) - 1
			for i >= 0 && open[i] != string(name) {
				i--
			}
			if i < 0 {
				continue
			}
			open = open[:i]
			out = append(out, raw...)
			continue
		}
		out = append(out, z.Raw()...)
	}
}

// toUTF8 decodes body using the charset from the Content-Type header, a
// BOM or an HTML meta tag, defaulting to UTF-8 (windows-1252 for HTML
// without any hint, as browsers do).
func toUTF8(body []byte, contentType string) ([]byte, error) {
	if utf8.Valid(body) && !strings.Contains(strings.ToLower(contentType), "charset=") {
		return body, nil
	}
	r, err := charset.NewReader(bytes.NewReader(body), contentType)
	if err != nil {
		return body, nil // unknown charset: keep the bytes
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("crawl: decode charset: %w", err)
	}
	return out, nil
}

// maxLinkBytes is the longest canonical link Extract keeps. Sitemaps cap
// URLs at 2,048 characters and web servers commonly refuse request lines
// over 8 KiB; a longer link, which a hostile page can make megabytes long,
// would only make the crawler send a huge request.
const maxLinkBytes = 4096

type docMeta struct {
	title             string
	links             []string
	noIndex, noFollow bool
	// elements counts the element nodes; depthSum adds up their depths.
	elements, depthSum int
}

// scanDocument reads the title, <base href>, robots meta tags and links.
func scanDocument(doc *html.Node, pageURL *url.URL, maxLinks int) docMeta {
	var m docMeta
	base := pageURL
	baseSet := false
	var hrefs []string
	var walk func(n *html.Node, depth int, inForeign bool)
	walk = func(n *html.Node, depth int, inForeign bool) {
		if n.Type == html.ElementNode {
			m.elements++
			m.depthSum += depth
			depth++
			switch n.DataAtom {
			case atom.Svg, atom.Math:
				inForeign = true
			case atom.Title:
				if m.title == "" && !inForeign {
					m.title = collapseSpace(textOf(n))
				}
			case atom.Base:
				if h, ok := attr(n, "href"); ok && !baseSet && pageURL != nil {
					if b, err := pageURL.Parse(strings.TrimSpace(h)); err == nil {
						base, baseSet = b, true
					}
				}
			case atom.Meta:
				if name, _ := attr(n, "name"); strings.EqualFold(strings.TrimSpace(name), "robots") {
					content, _ := attr(n, "content")
					for d := range strings.SplitSeq(strings.ToLower(content), ",") {
						switch strings.TrimSpace(d) {
						case "noindex":
							m.noIndex = true
						case "nofollow":
							m.noFollow = true
						case "none":
							m.noIndex, m.noFollow = true, true
						}
					}
				}
			case atom.A, atom.Area:
				if h, ok := attr(n, "href"); ok && !hasToken(n, "rel", "nofollow") {
					hrefs = append(hrefs, h)
				}
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch, depth, inForeign)
		}
	}
	walk(doc, 0, false)
	if base == nil || maxLinks <= 0 {
		return m
	}
	seen := map[string]bool{}
	for _, h := range hrefs {
		if len(m.links) >= maxLinks {
			break
		}
		h = strings.TrimSpace(h)
		if h == "" || strings.HasPrefix(h, "#") {
			continue
		}
		cu, err := parseCanonical(base, h)
		if err != nil {
			continue
		}
		s := cu.String()
		if len(s) > maxLinkBytes {
			continue
		}
		if !seen[s] {
			seen[s] = true
			m.links = append(m.links, s)
		}
	}
	return m
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasToken(n *html.Node, key, token string) bool {
	v, _ := attr(n, key)
	for f := range strings.FieldsSeq(v) {
		if strings.EqualFold(f, token) {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(n)
	return b.String()
}

// skipText are elements whose text is not page content.
var skipText = map[atom.Atom]bool{
	atom.Head: true, atom.Script: true, atom.Style: true, atom.Noscript: true,
	atom.Template: true, atom.Nav: true, atom.Svg: true, atom.Math: true,
	atom.Iframe: true, atom.Object: true, atom.Canvas: true, atom.Select: true,
	atom.Button: true, atom.Form: true,
}

// blockLevel elements break lines around their text; the value is how
// many line breaks (2 makes a blank line, a paragraph break).
var blockLevel = map[atom.Atom]int{
	atom.Address: 1, atom.Article: 1, atom.Aside: 1, atom.Blockquote: 2,
	atom.Br: 1, atom.Dd: 1, atom.Details: 1, atom.Div: 1, atom.Dl: 2,
	atom.Dt: 1, atom.Fieldset: 1, atom.Figcaption: 1, atom.Figure: 1,
	atom.Footer: 1, atom.H1: 2, atom.H2: 2, atom.H3: 2, atom.H4: 2,
	atom.H5: 2, atom.H6: 2, atom.Header: 1, atom.Hr: 2, atom.Li: 1,
	atom.Main: 1, atom.Ol: 2, atom.P: 2, atom.Pre: 2, atom.Section: 1,
	atom.Summary: 1, atom.Table: 2, atom.Td: 1, atom.Th: 1, atom.Tr: 1,
	atom.Ul: 2, atom.Caption: 1,
}

// skipRoles are ARIA roles of elements whose text is not page content.
var skipRoles = map[string]bool{
	"navigation": true, "menu": true, "menubar": true, "search": true,
	"dialog": true, "alertdialog": true,
}

// bodyText is the fallback extractor: the text nodes of the document,
// skipping non-content elements and hidden ones, with line breaks around
// block elements.
func bodyText(doc *html.Node) string {
	var b strings.Builder
	breaks := 2 // line breaks at the end of b; 2 at the start
	newline := func(n int) {
		for ; breaks < n; breaks++ {
			b.WriteByte('\n')
		}
	}
	var walk func(n *html.Node, pre bool)
	walk = func(n *html.Node, pre bool) {
		switch n.Type {
		case html.TextNode:
			switch {
			case pre:
				b.WriteString(n.Data)
				breaks = 0
				if strings.HasSuffix(n.Data, "\n") {
					breaks = 1
				}
			case strings.TrimSpace(n.Data) != "":
				// Outside <pre>, white space (line breaks included) is a
				// word separator, as a browser renders it.
				if n.Data[0] <= ' ' && breaks == 0 {
					b.WriteByte(' ')
				}
				b.WriteString(strings.Join(strings.Fields(n.Data), " "))
				breaks = 0
				if n.Data[len(n.Data)-1] <= ' ' {
					b.WriteByte(' ')
				}
			case breaks == 0:
				b.WriteByte(' ')
			}
			return
		case html.ElementNode:
			if skipText[n.DataAtom] || n.Namespace != "" {
				return
			}
			if _, hidden := attr(n, "hidden"); hidden {
				return
			}
			if v, _ := attr(n, "aria-hidden"); v == "true" {
				return
			}
			if v, _ := attr(n, "role"); skipRoles[strings.ToLower(strings.TrimSpace(v))] {
				return
			}
			pre = pre || n.DataAtom == atom.Pre || n.DataAtom == atom.Textarea || n.DataAtom == atom.Listing
		case html.CommentNode, html.DoctypeNode:
			return
		}
		lines := 0
		if n.Type == html.ElementNode {
			lines = blockLevel[n.DataAtom]
		}
		newline(lines)
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch, pre)
		}
		newline(lines)
	}
	walk(doc, false)
	return b.String()
}

// NormalizeText puts text in the form that is hashed: Unicode NFC, line
// breaks as \n, every run of white space inside a line collapsed to one
// space, other control characters and zero-width spaces dropped, lines
// trimmed, runs of blank lines collapsed to one, and no leading or
// trailing blank lines. Texts that a reader would see as the same get the
// same ContentHash.
func NormalizeText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	blank := 0 // pending blank lines
	started := false
	for line := range strings.SplitSeq(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		l := collapseSpace(line)
		if l == "" {
			blank++
			continue
		}
		if started {
			b.WriteByte('\n')
			if blank > 0 {
				b.WriteByte('\n')
			}
		}
		b.WriteString(l)
		started, blank = true, 0
	}
	// NFC last: dropping control characters can bring a base character and
	// a combining mark together.
	return norm.NFC.String(b.String())
}

// collapseSpace trims s, replaces every run of white space by one space
// and drops other control characters and zero-width spaces.
func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if unicode.IsControl(r) || r == '\u200b' || r == '\ufeff' {
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mediaType returns the lower-case media type of a Content-Type value.
func mediaType(ct string) string {
	mt, _, _ := strings.Cut(ct, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}
