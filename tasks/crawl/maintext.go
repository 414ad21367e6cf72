package crawl

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// mainText renders the main content of an HTML document as plain text
// with light Markdown: headings as "#" lines (one # per level), list items
// as "- " lines, <pre> blocks fenced by ``` lines, table rows as their
// cells joined by " | ", and paragraphs separated by blank lines. The whole
// main content is kept, in document order; navigation, sidebars, footers
// and previous/next links are not. See mainRoot for how the main content
// is found.
func mainText(doc *html.Node) string {
	root := mainRoot(doc)
	if root == nil {
		return ""
	}
	r := &renderer{breaks: 2}
	if h := titleHeading(doc, root); h != nil {
		r.block(h)
	}
	r.children(root)
	return r.b.String()
}

// mainRoot finds the element that holds a page's main content:
//
//  1. the first element with role="main", else the first <main>, else the
//     only <article> when it holds most of the page's text;
//  2. otherwise, from <body> down, the child that holds at least half of
//     its parent's content text, as long as its siblings hold under a
//     quarter of the parent's text (links included) and no heading: a
//     page's main column, not one of its sections.
//
// Content text is text outside links; boilerplate (see boilerplate) counts
// for nothing, so link lists and menus do not attract the choice.
func mainRoot(doc *html.Node) *html.Node {
	body := find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Body })
	if body == nil {
		body = doc
	}
	if m := find(body, func(n *html.Node) bool { return hasToken(n, "role", "main") }); m != nil {
		return m
	}
	if m := find(body, func(n *html.Node) bool { return n.DataAtom == atom.Main }); m != nil {
		return m
	}
	s := scoreTree(body)
	var articles []*html.Node
	walkElements(body, func(n *html.Node) bool {
		if n.DataAtom == atom.Article {
			articles = append(articles, n)
			return false
		}
		return !skipText[n.DataAtom]
	})
	if len(articles) == 1 && 2*s.text[articles[0]] >= s.text[body] {
		return articles[0]
	}
	n := body
	for {
		total := s.text[n]
		var best *html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (best == nil || s.text[c] > s.text[best]) {
				best = c
			}
		}
		if best == nil || total == 0 || 2*s.text[best] < total {
			return n
		}
		rest := s.all[n] - s.all[best] // link text counts here: a list of links is content
		headed := false
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c != best && s.headed[c] {
				headed = true
			}
		}
		if headed || 4*rest >= s.all[n] {
			return n
		}
		n = best
	}
}

// titleHeading returns the page's only <h1> when it lies before root and
// outside it (a title above the main column), else nil.
func titleHeading(doc, root *html.Node) *html.Node {
	var h1s []*html.Node
	walkElements(doc, func(n *html.Node) bool {
		if n.DataAtom == atom.H1 {
			h1s = append(h1s, n)
		}
		return !skipText[n.DataAtom]
	})
	if len(h1s) != 1 || contains(root, h1s[0]) {
		return nil
	}
	// Before root in document order: not inside it, and root not before it.
	before := false
	walkElements(doc, func(n *html.Node) bool {
		if n == h1s[0] {
			before = true
		}
		return n != root && !before
	})
	if !before {
		return nil
	}
	return h1s[0]
}

// treeScore is, per element outside boilerplate: its content text (outside
// links) and all its text, in bytes, and whether it holds a heading.
type treeScore struct {
	text, all map[*html.Node]int
	headed    map[*html.Node]bool
}

func scoreTree(root *html.Node) treeScore {
	s := treeScore{text: map[*html.Node]int{}, all: map[*html.Node]int{}, headed: map[*html.Node]bool{}}
	type score struct {
		text, all int
		headed    bool
	}
	var walk func(n *html.Node, inLink bool) score
	walk = func(n *html.Node, inLink bool) score {
		switch n.Type {
		case html.TextNode:
			l := len(strings.TrimSpace(n.Data))
			if inLink {
				return score{all: l}
			}
			return score{text: l, all: l}
		case html.ElementNode:
			if skipText[n.DataAtom] || n.Namespace != "" || hidden(n) || boilerplate(n) {
				return score{}
			}
			inLink = inLink || n.DataAtom == atom.A
		case html.DocumentNode:
		default:
			return score{}
		}
		sum := score{headed: isHeading(n)}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			cs := walk(c, inLink)
			sum.text += cs.text
			sum.all += cs.all
			sum.headed = sum.headed || cs.headed
		}
		if n.Type == html.ElementNode {
			s.text[n], s.all[n], s.headed[n] = sum.text, sum.all, sum.headed
		}
		return sum
	}
	walk(root, false)
	return s
}

// boilerplateWords are class and id words (split at "-" and "_") of page
// furniture: menus, sidebars, footers, breadcrumbs and pagers.
var boilerplateWords = map[string]bool{
	"nav": true, "navbar": true, "navigation": true, "menu": true, "sidebar": true,
	"sphinxsidebar": true, "footer": true, "breadcrumb": true, "breadcrumbs": true,
	"pagination": true, "pager": true, "related": true, "share": true, "social": true,
	"cookie": true, "banner": true, "masthead": true, "skip": true,
}

// skipRoles are ARIA roles of elements that are never page content.
var skipRoles = map[string]bool{
	"navigation": true, "menu": true, "menubar": true, "search": true,
	"dialog": true, "alertdialog": true,
}

// boilerplateRoles are ARIA roles of page furniture.
var boilerplateRoles = map[string]bool{
	"navigation": true, "menu": true, "menubar": true, "search": true, "dialog": true,
	"alertdialog": true, "banner": true, "contentinfo": true, "complementary": true,
}

// boilerplate reports whether element n is page furniture when it lies
// outside the main content: <nav>, <aside>, <footer>, a <header> without a
// heading, an element with a furniture role, or one whose class or id
// names furniture.
func boilerplate(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Aside, atom.Footer:
		return true
	case atom.Header:
		return !holdsHeading(n)
	}
	if v, _ := attr(n, "role"); boilerplateRoles[strings.ToLower(strings.TrimSpace(v))] {
		return true
	}
	for _, key := range []string{"class", "id"} {
		v, _ := attr(n, key)
		for f := range strings.FieldsSeq(strings.ToLower(v)) {
			for w := range strings.FieldsFuncSeq(f, func(r rune) bool { return r == '-' || r == '_' }) {
				if boilerplateWords[w] {
					return true
				}
			}
		}
	}
	return false
}

// furniture reports whether element n, inside the main content, is
// navigation to drop: <nav>, a navigation role, a header-classed block
// without a heading (texinfo's "Next: … Previous: … Up:" bars), a menu,
// search or dialog role, or a
// block of mostly links among which a previous/next link.
func furniture(n *html.Node) bool {
	if n.DataAtom == atom.Nav {
		return true
	}
	if v, _ := attr(n, "role"); skipRoles[strings.ToLower(strings.TrimSpace(v))] {
		return true
	}
	if blockLevel[n.DataAtom] == 0 || isHeading(n) {
		return false
	}
	if v, _ := attr(n, "class"); hasWord(v, "header", "nav", "navigation", "pager", "pagination", "breadcrumb", "breadcrumbs") && !holdsHeading(n) {
		return true
	}
	return prevNext(n)
}

// prevNext reports whether n is a short block (at most maxPagerLinks
// links and maxPagerText bytes of text) of mostly link text with a
// previous/next link (rel=prev/next, or text starting with the word
// Previous, Prev or Next, or with «, », ‹, ›, ← or →).
func prevNext(n *html.Node) bool {
	found := false
	var linkText, allText, links int
	var walk func(*html.Node, bool)
	walk = func(c *html.Node, inLink bool) {
		switch c.Type {
		case html.TextNode:
			l := len(strings.TrimSpace(c.Data))
			allText += l
			if inLink {
				linkText += l
			}
			return
		case html.ElementNode:
			if c.DataAtom == atom.A {
				inLink = true
				links++
				if hasToken(c, "rel", "prev") || hasToken(c, "rel", "next") || hasToken(c, "rel", "previous") || pagerText(textOf(c)) {
					found = true
				}
			}
		}
		for ch := c.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch, inLink)
		}
	}
	walk(n, false)
	return found && links <= maxPagerLinks && allText <= maxPagerText && 2*linkText >= allText
}

// A previous/next bar is short: texinfo's, the longest seen, has five
// links (Next, Previous, Up, Contents, Index) and about 150 bytes.
const (
	maxPagerLinks = 6
	maxPagerText  = 400
)

// pagerText reports whether a link's text reads as a previous/next link.
func pagerText(s string) bool {
	t := strings.ToLower(strings.TrimSpace(s))
	for _, p := range []string{"«", "»", "‹", "›", "←", "→"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	for _, w := range []string{"previous", "prev", "next"} {
		if rest, ok := strings.CutPrefix(t, w); ok && (rest == "" || !unicode.IsLetter([]rune(rest)[0])) {
			return true
		}
	}
	return false
}

func hasWord(v string, words ...string) bool {
	for f := range strings.FieldsSeq(strings.ToLower(v)) {
		for w := range strings.FieldsFuncSeq(f, func(r rune) bool { return r == '-' || r == '_' }) {
			for _, want := range words {
				if w == want {
					return true
				}
			}
		}
	}
	return false
}

func hidden(n *html.Node) bool {
	if _, ok := attr(n, "hidden"); ok {
		return true
	}
	v, _ := attr(n, "aria-hidden")
	return v == "true"
}

func isHeading(n *html.Node) bool { return headingLevel(n) > 0 }

func headingLevel(n *html.Node) int {
	if n.Type != html.ElementNode {
		return 0
	}
	switch n.DataAtom {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

func holdsHeading(n *html.Node) bool {
	return find(n, isHeading) != nil
}

// find returns the first element under n (n included) in document order
// for which match holds, not looking into skipped elements.
func find(n *html.Node, match func(*html.Node) bool) *html.Node {
	var out *html.Node
	walkElements(n, func(e *html.Node) bool {
		if out != nil {
			return false
		}
		if match(e) {
			out = e
			return false
		}
		return !skipText[e.DataAtom]
	})
	return out
}

// walkElements calls fn for each element under n (n included) in document
// order; fn returns whether to look inside the element.
func walkElements(n *html.Node, fn func(*html.Node) bool) {
	if n.Type == html.ElementNode && !fn(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkElements(c, fn)
	}
}

func contains(root, n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == root {
			return true
		}
	}
	return false
}
