package classify

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
)

// FortunesDir is where Debian's fortunes and fortunes-min packages put their
// topic files: labelled text for tests, benchmarks and devnet demos.
const FortunesDir = "/usr/share/games/fortunes"

// ReadStrfile returns the items of a text in strfile format (the source of
// fortune(6) databases): items separated by lines that hold only "%". Items
// are what a terminal shows (see terminalText), trimmed of surrounding
// white space; empty ones are dropped.
func ReadStrfile(r io.Reader) ([]string, error) {
	var items []string
	var b strings.Builder
	end := func() {
		if item := strings.TrimSpace(terminalText(b.String())); item != "" {
			items = append(items, item)
		}
		b.Reset()
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimRight(line, "\r") == "%" {
			end()
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	end()
	return items, nil
}

// LoadFortunes reads the named topic files from dir (such as FortunesDir)
// and returns their items as examples labelled with the topic name, in file
// order.
func LoadFortunes(dir string, topics ...string) ([]Example, error) {
	var out []Example
	for _, topic := range topics {
		if topic == "" || strings.ContainsAny(topic, `/\`) || topic == "." || topic == ".." {
			return nil, fmt.Errorf("classify: bad fortune topic %q", topic)
		}
		f, err := os.Open(filepath.Join(dir, topic))
		if err != nil {
			return nil, err
		}
		items, err := ReadStrfile(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("classify: read %s: %w", topic, err)
		}
		for _, it := range items {
			out = append(out, Example{Text: it, Label: topic})
		}
	}
	return out, nil
}

// terminalText applies the overstrikes of s (a backspace erases the
// character before it, as "_\bx" underlines and "x\bx" emboldens x on a
// terminal) and drops the other control characters but tab and newline,
// such as the bell. Records refuse control characters.
func terminalText(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }) {
		return s
	}
	out := make([]rune, 0, len(s))
	for _, r := range s {
		switch {
		case r == '\b':
			if n := len(out); n > 0 && out[n-1] != '\n' {
				out = out[:n-1]
			}
		case unicode.IsControl(r) && r != '\n' && r != '\t':
		default:
			out = append(out, r)
		}
	}
	return string(out)
}
