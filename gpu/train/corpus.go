package train

import (
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// ErrNoData reports inputs that hold no usable text.
var ErrNoData = errors.New("train: no training text")

var (
	tagRe    = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<[^>]*>`)
	blankRe  = regexp.MustCompile(`\n[ \t]*\n([ \t]*\n)+`)
	spacesRe = regexp.MustCompile(`[ \t]+`)
)

// StripHTML crudely turns an HTML page into text: scripts, styles and
// tags dropped, entities decoded, runs of blank lines collapsed.
func StripHTML(s string) string {
	s = tagRe.ReplaceAllString(s, "")
	s = html.UnescapeString(s)
	s = spacesRe.ReplaceAllString(s, " ")
	s = blankRe.ReplaceAllString(s, "\n\n")
	return strings.TrimSpace(s)
}

// LoadCorpus reads documents from files and directories (walked
// recursively, in lexical order). A file whose items are separated by
// lines holding only "%" (fortune files) gives one document per item;
// .html files are stripped of markup; other text files are one document
// each. Binary files (invalid UTF-8 or NUL bytes, such as fortune .dat
// indexes) are skipped. Document IDs are path, or path#item.
func LoadCorpus(paths []string, maxBytes int64) ([]Document, error) {
	var files []string
	for _, p := range paths {
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type().IsRegular() {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("train: corpus: %w", err)
		}
	}
	sort.Strings(files)
	var docs []Document
	var total int64
	for _, f := range files {
		if maxBytes > 0 && total >= maxBytes {
			break
		}
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("train: corpus: %w", err)
		}
		s := string(raw)
		if !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 {
			continue
		}
		ext := strings.ToLower(filepath.Ext(f))
		switch {
		case ext == ".html" || ext == ".htm":
			s = StripHTML(s)
		case ext == ".js" || ext == ".css" || ext == ".json" || ext == ".svg":
			continue
		}
		s = strings.ReplaceAll(s, "\r\n", "\n")
		items := []string{s}
		if strings.Contains(s, "\n%\n") || strings.HasPrefix(s, "%\n") {
			items = strings.Split(strings.TrimPrefix(s, "%\n"), "\n%\n")
		}
		for i, it := range items {
			it = strings.TrimSpace(strings.TrimSuffix(it, "\n%"))
			if len(it) < 8 {
				continue
			}
			id := f
			if len(items) > 1 {
				id = fmt.Sprintf("%s#%d", f, i)
			}
			docs = append(docs, Document{ID: id, Text: it})
			total += int64(len(it))
		}
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("%w in %v", ErrNoData, paths)
	}
	return docs, nil
}
