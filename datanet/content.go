package datanet

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// CheckContent reports whether s is acceptable as a record's content: valid
// UTF-8, free of control characters other than tab, newline and carriage
// return (NUL, the other C0 controls, DEL and the C1 range U+0080..U+009F
// are refused), and not only whitespace. The error wraps ErrContent (and so
// ErrInvalid) and, for invalid UTF-8, also ErrMalformed; its message names
// the byte offset of the first offending byte.
//
// Record.Validate and every Store put apply it, so the API, a file upload
// and gossip refuse the same records.
func CheckContent(s string) error {
	if err := checkText("content", s); err != nil {
		return err
	}
	for _, c := range s {
		if !unicode.IsSpace(c) {
			return nil
		}
	}
	if s == "" {
		return fmt.Errorf("%w: empty content", ErrContent)
	}
	return fmt.Errorf("%w: content of %d bytes is only whitespace", ErrContent, len(s))
}

// checkSource applies CheckContent's character rules to a record's source,
// which may be empty.
func checkSource(s string) error {
	return checkText("source", s)
}

// checkText refuses invalid UTF-8 and control characters other than \t, \n
// and \r in the field named what.
func checkText(what, s string) error {
	for i := 0; i < len(s); {
		c, n := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && n == 1 {
			return fmt.Errorf("%w: %w: %s is not UTF-8 at byte %d (0x%02x)", ErrContent, ErrMalformed, what, i, s[i])
		}
		if unicode.IsControl(c) && c != '\t' && c != '\n' && c != '\r' {
			return fmt.Errorf("%w: %s has control character %U at byte %d", ErrContent, what, c, i)
		}
		i += n
	}
	return nil
}

// ExcerptRunes is how many characters of a record's content Excerpt keeps.
const ExcerptRunes = 160

// Excerpt is the start of content on one line, for a person to read in a
// list: runs of whitespace (line breaks included) become one space, and
// a text longer than n characters is cut to n-1 and ends with "…".
func Excerpt(content string, n int) string {
	if n <= 0 {
		return ""
	}
	out := make([]rune, 0, min(n, len(content)))
	space := false
	for _, c := range content {
		if unicode.IsSpace(c) {
			space = len(out) > 0
			continue
		}
		if space {
			out = append(out, ' ')
			space = false
		}
		if len(out) >= n {
			out[n-1] = '…'
			return string(out[:n])
		}
		out = append(out, c)
	}
	return string(out)
}
