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
	// in document order, without duplicates. Links marked rel=nofollow are
	// left out, and so is every link when the page says nofollow.
	Links []string
	// NoIndex and NoFollow reflect <meta name="robots"> directives.
	NoIndex, NoFollow bool
}

// Extract decodes body (of the given Content-Type, charset included) and
// returns its title, readable text and links. HTML goes through
// go-readability for the main content; when that finds no article (less
// text than its 500-character threshold), the text of the whole body is
// used instead, without script, style, nav and similar elements. Any other type is treated as plain text. pageURL resolves
// relative links; maxLinks caps them (0: no links).
func Extract(body []byte, contentType string, pageURL *url.URL, maxLinks int) (Content, error) {
	media := mediaType(contentType)
	utf, err := toUTF8(body, contentType)
	if err != nil {
		return Content{}, err
	}
	if media != "text/html" && media != "application/xhtml+xml" {
		return Content{Text: NormalizeText(string(utf))}, nil
	}
	doc, err := html.Parse(bytes.NewReader(utf))
	if err != nil {
		return Content{}, fmt.Errorf("crawl: parse HTML: %w", err)
	}
	var c Content
	meta := scanDocument(doc, pageURL, maxLinks)
	c.Title, c.NoIndex, c.NoFollow = meta.title, meta.noIndex, meta.noFollow
	if !c.NoFollow {
		c.Links = meta.links
	}

	// readability mutates the tree; everything else has been read from it.
	p := readability.NewParser()
	if art, err := p.ParseAndMutate(doc, pageURL); err == nil && art.Node != nil {
		c.Text = NormalizeText(render.InnerText(art.Node))
	}
	if utf8.RuneCountInString(c.Text) < p.CharThresholds {
		// Below its own threshold readability has found no article, only
		// its best guess (often a footer): walk the whole body instead.
		doc, err := html.Parse(bytes.NewReader(utf))
		if err != nil {
			return Content{}, fmt.Errorf("crawl: parse HTML: %w", err)
		}
		if all := NormalizeText(bodyText(doc)); all != "" {
			c.Text = all
		}
	}
	return c, nil
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

type docMeta struct {
	title             string
	links             []string
	noIndex, noFollow bool
}

// scanDocument reads the title, <base href>, robots meta tags and links.
func scanDocument(doc *html.Node, pageURL *url.URL, maxLinks int) docMeta {
	var m docMeta
	base := pageURL
	baseSet := false
	var hrefs []string
	var walk func(n *html.Node, inForeign bool)
	walk = func(n *html.Node, inForeign bool) {
		if n.Type == html.ElementNode {
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
			walk(ch, inForeign)
		}
	}
	walk(doc, false)
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
