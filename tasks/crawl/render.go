package crawl

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// renderer writes the text of an element tree with line breaks around
// blocks and the light Markdown that mainText describes. NormalizeText
// tidies its output.
type renderer struct {
	b      strings.Builder
	breaks int // line breaks at the end of b; 2 at the start
	inline int // > 0 inside a table cell or a heading: blocks break nothing
	item   int // > 0 inside a list item: blocks break lines, no blank lines
	pre    int // > 0 inside <pre>: text is copied as it is
}

// newline ends the current line and adds blank lines up to n breaks.
func (r *renderer) newline(n int) {
	if r.inline > 0 {
		if r.breaks == 0 && n > 0 {
			r.b.WriteByte(' ')
			r.breaks = -1 // a space, not a line break
		}
		return
	}
	if r.breaks < 0 {
		r.breaks = 0
	}
	if r.item > 0 {
		n = min(n, 1)
	}
	for ; r.breaks < n; r.breaks++ {
		r.b.WriteByte('\n')
	}
}

// write appends inline text.
func (r *renderer) write(s string) {
	if s == "" {
		return
	}
	r.b.WriteString(s)
	r.breaks = 0
}

func (r *renderer) text(s string) {
	if r.pre > 0 {
		r.write(s)
		if strings.HasSuffix(s, "\n") {
			r.breaks = 1
		}
		return
	}
	if strings.TrimSpace(s) == "" {
		if r.breaks == 0 {
			r.b.WriteByte(' ')
			r.breaks = -1
		}
		return
	}
	// Outside <pre>, white space (line breaks included) separates words,
	// as a browser renders it.
	if isSpaceByte(s[0]) && r.breaks == 0 {
		r.b.WriteByte(' ')
	}
	r.write(strings.Join(strings.Fields(s), " "))
	if isSpaceByte(s[len(s)-1]) {
		r.b.WriteByte(' ')
		r.breaks = -1
	}
}

func isSpaceByte(c byte) bool { return c <= ' ' }

func (r *renderer) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.node(c)
	}
}

func (r *renderer) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		r.text(n.Data)
	case html.ElementNode:
		r.block(n)
	}
}

// block renders one element.
func (r *renderer) block(n *html.Node) {
	if skipText[n.DataAtom] || n.Namespace != "" || hidden(n) || (r.pre == 0 && furniture(n)) {
		return
	}
	if r.pre == 0 && permalink(n) {
		return
	}
	if lvl := headingLevel(n); lvl > 0 && r.inline == 0 {
		r.newline(2)
		r.write(strings.Repeat("#", lvl) + " ")
		r.inline++
		r.children(n)
		r.inline--
		r.newline(2)
		return
	}
	switch n.DataAtom {
	case atom.Pre, atom.Listing, atom.Textarea:
		if r.pre > 0 || r.inline > 0 {
			break
		}
		r.newline(2)
		r.write(fence + "\n")
		r.breaks = 1
		r.pre++
		r.children(n)
		r.pre--
		r.newline(1)
		r.write(fence)
		r.newline(2)
		return
	case atom.Li:
		if r.inline > 0 || r.pre > 0 {
			break
		}
		r.newline(1)
		r.write("- ")
		r.breaks = 2 // the item's first block starts on this line
		r.item++
		r.children(n)
		r.item--
		if r.breaks == 2 { // an empty item
			r.breaks = 0
		}
		r.newline(1)
		return
	case atom.Tr:
		if r.inline > 0 || r.pre > 0 {
			break
		}
		r.newline(1)
		first := true
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || (c.DataAtom != atom.Td && c.DataAtom != atom.Th) || hidden(c) {
				continue
			}
			if !first {
				r.b.WriteString(" | ")
				r.breaks = -1
			}
			first = false
			r.inline++
			r.children(c)
			r.inline--
		}
		r.newline(1)
		return
	case atom.Br:
		if r.pre > 0 {
			r.write("\n")
			r.breaks = 1
			return
		}
	}
	lines := 0
	if r.pre == 0 {
		lines = blockLevel[n.DataAtom]
	}
	r.newline(lines)
	r.children(n)
	r.newline(lines)
}

// permalink reports whether n is a heading's self-link, such as Sphinx's
// ¶ or a "#" anchor: a link to a fragment whose text is one symbol.
func permalink(n *html.Node) bool {
	if n.DataAtom != atom.A {
		return false
	}
	if hasToken(n, "class", "headerlink") {
		return true
	}
	h, _ := attr(n, "href")
	if !strings.HasPrefix(h, "#") {
		return false
	}
	switch strings.TrimSpace(textOf(n)) {
	case "¶", "#", "§", "🔗", "⚓":
		return true
	}
	return false
}
