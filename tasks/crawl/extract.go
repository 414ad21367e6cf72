package crawl

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

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
// returns its title, text and links. The text of HTML is its main content,
// whole and in order, as mainText renders it: headings as "#" lines, list
// items as "- " lines, code blocks fenced, tables row by row, without
// navigation, sidebars, footers or previous/next links. Finding and
// rendering it is one linear walk, so hostile documents cost about their
// parse; documents nested deeper than the HTML parser accepts are
// flattened first (see parseHTML). Any other type is treated as plain
// text. pageURL resolves relative links; maxLinks caps them (0: no links).
func Extract(body []byte, contentType string, pageURL *url.URL, maxLinks int) (Content, error) {
	media := mediaType(contentType)
	utf, err := toUTF8(body, contentType)
	if err != nil {
		return Content{}, err
	}
	if media != "text/html" && media != "application/xhtml+xml" {
		return Content{Text: NormalizeText(string(utf))}, nil
	}
	doc, _, err := parseHTML(utf)
	if err != nil {
		return Content{}, err
	}
	var c Content
	meta := scanDocument(doc, pageURL, maxLinks)
	c.Title, c.NoIndex, c.NoFollow = meta.title, meta.noIndex, meta.noFollow
	if !c.NoFollow {
		c.Links = meta.links
	}
	c.Text = NormalizeText(mainText(doc))
	return c, nil
}

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

// NormalizeText puts text in the form that is hashed: Unicode NFC, line
// breaks as \n, every run of white space inside a line collapsed to one
// space, other control characters and zero-width spaces dropped, lines
// trimmed, runs of blank lines collapsed to one, and no leading or
// trailing blank lines. Inside a code fence (between two lines that are
// ``` alone) a line keeps its indentation and inner spacing, each white
// space character as one space and a tab as four, and loses only its
// trailing white space. Texts that a reader would see as the same get the
// same ContentHash.
func NormalizeText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	blank := 0 // pending blank lines
	started, fenced := false, false
	for line := range strings.SplitSeq(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		l := collapseSpace(line)
		if fenced && l != fence {
			l = keepSpace(line)
		}
		if l == fence {
			fenced = !fenced
		}
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

// fence is the line that opens and closes a code block.
const fence = "```"

// keepSpace is collapseSpace for a line of code: white space is kept (a
// tab as four spaces, any other white space character as one), trailing
// white space, control characters and zero-width spaces are dropped.
func keepSpace(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t':
			b.WriteString("    ")
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		case unicode.IsControl(r) || r == '\u200b' || r == '\ufeff':
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimRight(b.String(), " ")
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
