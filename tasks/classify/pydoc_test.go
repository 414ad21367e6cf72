package classify

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// pydocRel is the Python 3.11 documentation of the Debian package
// python3.11-doc, relative to a test data root.
const pydocRel = "usr/share/doc/python3.11/html"

// docPage is one page of a documentation set: its path, its label (the
// top-level folder) and the text of its main content.
type docPage struct {
	path, label, text string
}

// pydocPages returns the pages of python3.11-doc that lie in a top-level
// folder, in path order, each labelled with that folder and holding the
// text of its Sphinx div.body (found with the HTML tokenizer). Folders
// with fewer than minPages pages are left out.
func pydocPages(tb testing.TB, minPages int) []docPage {
	tb.Helper()
	dir := needTestdata(tb, pydocRel)
	var pages []docPage
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		label, _, nested := strings.Cut(filepath.ToSlash(rel), "/")
		if !nested || strings.HasPrefix(label, "_") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if text := sphinxBodyText(b); strings.TrimSpace(text) != "" {
			pages = append(pages, docPage{path: filepath.ToSlash(rel), label: label, text: text})
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	count := map[string]int{}
	for _, p := range pages {
		count[p.label]++
	}
	pages = slices.DeleteFunc(pages, func(p docPage) bool { return count[p.label] < minPages })
	slices.SortFunc(pages, func(a, b docPage) int { return strings.Compare(a.path, b.path) })
	return pages
}

// sphinxBodyText is the text of the div with role="main" of a Sphinx page.
func sphinxBodyText(b []byte) string {
	z := html.NewTokenizer(bytes.NewReader(b))
	var out strings.Builder
	depth, raw := -1, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out.String()
		case html.StartTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "div":
				if depth >= 0 {
					depth++
					continue
				}
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) == "role" && string(v) == "main" {
						depth = 1
					}
				}
			case "script", "style":
				raw++
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "div":
				if depth > 0 {
					depth--
					if depth == 0 {
						return out.String()
					}
				}
			case "script", "style":
				raw--
			}
		case html.TextToken:
			if depth > 0 && raw == 0 {
				out.WriteString(html.UnescapeString(string(z.Text())))
				out.WriteByte(' ')
			}
		}
	}
}
