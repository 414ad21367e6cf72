package datanet

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCheckContent(t *testing.T) {
	good := []string{
		"hello",
		"tabs\tand\r\nnewlines\n",
		"ünïcødé 🎉",
		"  leading and trailing space  ",
		"\u00a0x", // a no-break space next to text
	}
	for _, s := range good {
		if err := CheckContent(s); err != nil {
			t.Errorf("CheckContent(%q): %v", s, err)
		}
	}
	bad := []struct {
		content string
		offset  string // the message must name it
		extra   error  // a second sentinel the error must carry
	}{
		{"", "empty", nil},
		{" \t\r\n ", "only whitespace", nil},
		{"\u3000\u00a0\u2003", "only whitespace", nil},
		{"nul\x00here", "byte 3", nil},
		{"bell\a", "byte 4", nil},
		{"esc \x1b[31m", "byte 4", nil},
		{"del\x7f", "byte 3", nil},
		{"c1 \u0085 next line", "byte 3", nil},
		{"é\xff", "byte 2", ErrMalformed},
		{"truncated \xe2\x82", "byte 10", ErrMalformed},
		{"\xc0\xaf overlong", "byte 0", ErrMalformed},
		{"surrogate \xed\xa0\x80", "byte 10", ErrMalformed},
	}
	for _, c := range bad {
		err := CheckContent(c.content)
		wantErr(t, c.content, err, ErrContent, ErrInvalid)
		if c.extra != nil {
			wantErr(t, c.content, err, c.extra)
		}
		if !strings.Contains(err.Error(), c.offset) {
			t.Errorf("CheckContent(%q) = %q, want it to name %q", c.content, err, c.offset)
		}
	}
}

// TestStoreRefusesBadContent is the defect of issue 13: whitespace-only
// content was stored as a record. The API path (PutRecord), the gossip path
// (Validate then PutVerified) and a batch upload refuse the same records.
func TestStoreRefusesBadContent(t *testing.T) {
	s := openStore(t, testConfig(t))
	dn := newTestDatanet(t, "content", testLabels)
	mustPutDatanet(t, s, dn)
	ctx := context.Background()
	for _, content := range []string{"   \n\t ", "a\x00b", "ok\x01", "x\xffy"} {
		r := newSignedRecord(t, dn, submitterKey, content, "")
		if err := r.Validate(dn); !errors.Is(err, ErrContent) {
			t.Errorf("Validate(%q) = %v, want ErrContent", content, err)
		}
		if _, err := s.PutRecord(ctx, r); !errors.Is(err, ErrContent) {
			t.Errorf("PutRecord(%q) = %v, want ErrContent", content, err)
		}
		for _, put := range []func(context.Context, []*Record) ([]PutResult, error){s.PutVerified, s.PutRecords} {
			res, err := put(ctx, []*Record{r})
			if err != nil {
				t.Fatal(err)
			}
			if !errors.Is(res[0].Err, ErrContent) {
				t.Errorf("batch put of %q: %v, want ErrContent", content, res[0].Err)
			}
		}
		if s.HasRecord(r.CID()) {
			t.Errorf("record %q was stored", content)
		}
	}
	bad := newSignedRecord(t, dn, submitterKey, "fine", "")
	bad.Source = "https://example.org/\x00"
	if err := bad.Sign(testKey(t, submitterKey)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutRecord(ctx, bad); !errors.Is(err, ErrContent) || !strings.Contains(err.Error(), "source") {
		t.Errorf("a NUL in the source: %v, want ErrContent naming the source", err)
	}
	if got := s.Stats().Records; got != 0 {
		t.Fatalf("stored %d records, want 0", got)
	}
}

func TestExcerpt(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"  one\n\ttwo  three\r\n", 20, "one two three"},
		{"abcdef", 6, "abcdef"},
		{"abcdefg", 6, "abcde…"},
		{"ab cdefg", 3, "ab…"},
		{"ab\n\ncd", 3, "ab…"},
		{"ab\n\ncd", 5, "ab cd"},
		{"äöü€xyz", 4, "äöü…"},
		{"x", 0, ""},
	} {
		if got := Excerpt(c.in, c.n); got != c.want {
			t.Errorf("Excerpt(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
		if n := utf8.RuneCountInString(Excerpt(c.in, c.n)); n > c.n {
			t.Errorf("Excerpt(%q, %d) has %d runes", c.in, c.n, n)
		}
	}
}
