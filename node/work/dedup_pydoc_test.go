//go:build !race

// This measurement reads real data and needs no race detector (make test
// runs node/work again under -race).

package work_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/provenet/provenet/datanet/dedup"
	"github.com/provenet/provenet/internal/realdata"
	"github.com/provenet/provenet/tasks/crawl"
)

// datanet/dedup's detector measured on pairs made from python3.11-doc (it
// lives in node/work, the service that applies it, because datanet and
// tasks/crawl may not import each other): each page's
// record text is what the crawler extracts from it (tasks/crawl). Pages
// with fewer than minWords words are left out: a near-duplicate of a
// three-line page is a matter of opinion.
//
// Positives, each to be found as a near-duplicate of its page:
//   - edit: 1% of the words (at least one) replaced;
//   - reorder: the paragraphs shuffled;
//   - boilerplate: the page with its navigation bars, sidebar and footer,
//     against the page with the navigation bars of the next page and
//     another footer, as another build or a mirror would serve it;
//   - furniture-swap (logged, not asserted): the page with all of the next
//     page's furniture, its table of contents included.
//
// Negatives, never to be found: every pair of distinct pages, as records
// (main text) and with their boilerplate (sharing nearly all of it).

const pydocRel = "usr/share/doc/python3.11/html"

const minWords = 100

type docPage struct {
	path   string
	main   string
	chrome chrome
}

// pydocRecords extracts the pages, in path order.
func pydocRecords(tb testing.TB) []docPage {
	tb.Helper()
	dir := realdata.Path(tb, pydocRel)
	var pages []docPage
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if strings.HasPrefix(filepath.Base(rel), "genindex") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		c, err := crawl.Extract(b, "text/html; charset=utf-8", nil, 0)
		if err != nil {
			return err
		}
		if len(strings.Fields(c.Text)) < minWords {
			return nil
		}
		pages = append(pages, docPage{path: filepath.ToSlash(rel), main: c.Text, chrome: chromeText(b)})
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	slices.SortFunc(pages, func(a, b docPage) int { return strings.Compare(a.path, b.path) })
	return pages
}

// chrome is the text of a Sphinx page's furniture: its navigation bars
// (div.related, top and bottom), its sidebar (div.sphinxsidebar: the
// page's table of contents, previous and next topics) and its footer.
type chrome struct{ related, sidebar, footer string }

func chromeText(b []byte) chrome {
	z := html.NewTokenizer(bytes.NewReader(b))
	var c chrome
	var cur *string
	depth := 0 // div depth inside a furniture div; 0 outside
	for {
		switch z.Next() {
		case html.ErrorToken:
			return c
		case html.StartTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "div" {
				continue
			}
			if depth > 0 {
				depth++
				continue
			}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if string(k) != "class" {
					continue
				}
				for _, class := range strings.Fields(string(v)) {
					switch class {
					case "related":
						cur, depth = &c.related, 1
					case "sphinxsidebar":
						cur, depth = &c.sidebar, 1
					case "footer":
						cur, depth = &c.footer, 1
					}
				}
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "div" && depth > 0 {
				depth--
				if depth == 0 {
					*cur += "\n"
				}
			}
		case html.TextToken:
			if depth > 0 {
				*cur += strings.Join(strings.Fields(html.UnescapeString(string(z.Text()))), " ") + " "
			}
		}
	}
}

// furnished is a page's record text with furniture around it.
func furnished(main string, related, sidebar, footer string) string {
	return related + "\n" + sidebar + "\n" + main + "\n" + related + "\n" + footer
}

// editWords replaces 1% of the words of text (at least one), keeping its
// lines.
func editWords(text string, r *rand.Rand) string {
	lines := strings.Split(text, "\n")
	words := make([][]string, len(lines))
	var at [][2]int // line, word
	for i, l := range lines {
		words[i] = strings.Fields(l)
		for j := range words[i] {
			at = append(at, [2]int{i, j})
		}
	}
	for range max(1, len(at)/100) {
		p := at[r.IntN(len(at))]
		words[p[0]][p[1]] = fmt.Sprintf("edited%d", r.IntN(1000))
	}
	for i := range lines {
		lines[i] = strings.Join(words[i], " ")
	}
	return strings.Join(lines, "\n")
}

func shuffleParagraphs(text string, r *rand.Rand) (string, bool) {
	ps := strings.Split(text, "\n\n")
	if len(ps) < 3 {
		return "", false
	}
	r.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
	return strings.Join(ps, "\n\n"), true
}

// dedupReport counts what the detector did.
type dedupReport struct {
	pages                     int
	positives, found, wrong   map[string]int // per kind: made, matched to their page, matched to another
	negativePairs, falsePairs map[string]int // per kind of negative
}

func (r dedupReport) String() string {
	var b strings.Builder
	tp, fp, pos := 0, 0, 0
	for _, kind := range []string{"edit", "reorder", "boilerplate", "furniture-swap"} {
		fmt.Fprintf(&b, "\n  positive %-14s %4d pairs, recall %.4f (%d matched another page)", kind, r.positives[kind], float64(r.found[kind])/float64(r.positives[kind]), r.wrong[kind])
		if kind != "furniture-swap" {
			tp += r.found[kind]
			pos += r.positives[kind]
		}
		fp += r.wrong[kind]
	}
	for _, kind := range []string{"distinct", "distinct+boilerplate"} {
		fmt.Fprintf(&b, "\n  negative %-21s %6d pairs, %d flagged", kind, r.negativePairs[kind], r.falsePairs[kind])
		fp += r.falsePairs[kind]
	}
	fmt.Fprintf(&b, "\n  overall: precision %.4f, recall %.4f (edit, reorder, boilerplate) over %d pages", r.precision(), float64(tp)/float64(pos), r.pages)
	return b.String()
}

func (r dedupReport) precision() float64 {
	tp, fp := 0, 0
	for k, n := range r.found {
		tp += n
		fp += r.wrong[k]
	}
	for _, n := range r.falsePairs {
		fp += n
	}
	return float64(tp) / float64(max(tp+fp, 1))
}

func (r dedupReport) recall(kind string) float64 {
	return float64(r.found[kind]) / float64(max(r.positives[kind], 1))
}

func measureDedup(tb testing.TB, pages []docPage) dedupReport {
	tb.Helper()
	r := dedupReport{pages: len(pages), positives: map[string]int{}, found: map[string]int{}, wrong: map[string]int{},
		negativePairs: map[string]int{}, falsePairs: map[string]int{}}
	rng := rand.New(rand.NewPCG(13, 13))
	n := len(pages)
	for _, withChrome := range []bool{false, true} {
		ix := mustDedupIndex(tb)
		text := func(i int) string {
			if withChrome {
				c := pages[i].chrome
				return furnished(pages[i].main, c.related, c.sidebar, c.footer)
			}
			return pages[i].main
		}
		negKind := "distinct"
		if withChrome {
			negKind = "distinct+boilerplate"
		}
		// Negatives: each page against every earlier page.
		for i := range pages {
			if m, dup := ix.Check(dedup.Key{Order: int64(i), ID: pages[i].path}, text(i)); dup {
				r.falsePairs[negKind]++
				tb.Logf("false positive (%s): %s ~ %s at %.3f", negKind, pages[i].path, m.ID, m.Similarity)
			}
		}
		r.negativePairs[negKind] = n * (n - 1) / 2
		query := func(kind string, i int, variant string) {
			r.positives[kind]++
			m, dup := ix.Earliest(dedup.Key{Order: int64(n + i), ID: "variant:" + pages[i].path}, ix.Sign(variant))
			switch {
			case dup && m.ID == pages[i].path:
				r.found[kind]++
			case dup:
				r.wrong[kind]++
			}
		}
		for i := range pages {
			if withChrome {
				// Another build or mirror of the page: its navigation bars
				// point elsewhere (those of the next page) and its footer
				// has another date; the sidebar is its own.
				c, other := pages[i].chrome, pages[(i+1)%n].chrome
				footer := strings.ReplaceAll(c.footer, "2023", "2024") + " Found a bug?"
				query("boilerplate", i, furnished(pages[i].main, other.related, c.sidebar, footer))
				// Harder, logged only: all of the next page's furniture,
				// its table of contents included.
				query("furniture-swap", i, furnished(pages[i].main, other.related, other.sidebar, other.footer))
				continue
			}
			query("edit", i, editWords(pages[i].main, rng))
			if v, ok := shuffleParagraphs(pages[i].main, rng); ok {
				query("reorder", i, v)
			}
		}
	}
	return r
}

// TestNearDuplicatesInPythonDocs asserts the detector's precision and
// recall on the pairs above and logs the table.
func TestNearDuplicatesInPythonDocs(t *testing.T) {
	pages := pydocRecords(t)
	r := measureDedup(t, pages)
	t.Logf("near-duplicates in python3.11-doc (MinHash %d hashes, %d-word shingles, %d bands, threshold %.2f):%v",
		dedup.DefaultConfig().Hashes, dedup.DefaultConfig().Shingle, dedup.DefaultConfig().Bands, dedup.DefaultConfig().Threshold, r)
	if p := r.precision(); p < 0.99 {
		t.Errorf("precision %.4f, want >= 0.99", p)
	}
	for kind, want := range map[string]float64{"edit": 0.95, "reorder": 0.9, "boilerplate": 0.9} {
		if got := r.recall(kind); got < want {
			t.Errorf("recall on %s %.4f, want >= %.2f", kind, got, want)
		}
	}
}

func BenchmarkSign(b *testing.B) {
	pages := pydocRecords(b)
	ix := mustDedupIndex(b)
	var bytes int64
	for _, p := range pages {
		bytes += int64(len(p.main))
	}
	b.SetBytes(bytes / int64(len(pages)))
	b.ResetTimer()
	i := 0
	for b.Loop() {
		ix.Sign(pages[i%len(pages)].main)
		i++
	}
}

func BenchmarkEarliest(b *testing.B) {
	pages := pydocRecords(b)
	ix := mustDedupIndex(b)
	// 20 signatures per page: 10,000 records or so.
	r := rand.New(rand.NewPCG(5, 5))
	var sigs []dedup.Signature
	for k := range 20 {
		for i, p := range pages {
			sig := ix.Sign(editWords(p.main, r))
			ix.Add(dedup.Key{Order: int64(k*len(pages) + i), ID: fmt.Sprintf("%d/%s", k, p.path)}, sig)
			if k == 0 {
				sigs = append(sigs, sig)
			}
		}
	}
	b.Logf("%d records indexed", ix.Len())
	b.ResetTimer()
	i := 0
	for b.Loop() {
		ix.Earliest(dedup.Key{Order: 1 << 40, ID: "query"}, sigs[i%len(sigs)])
		i++
	}
}

func mustDedupIndex(tb testing.TB) *dedup.Index {
	tb.Helper()
	ix, err := dedup.NewIndex(dedup.DefaultConfig())
	if err != nil {
		tb.Fatal(err)
	}
	return ix
}
