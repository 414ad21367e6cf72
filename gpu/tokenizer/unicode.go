package tokenizer

import (
	"unicode"
	"unicode/utf8"
)

// Code point classes as llama.cpp's unicode tables define them.
type cptFlags uint8

const (
	flagDefined cptFlags = 1 << iota // any code point inside the text
	flagLetter
	flagNumber
	flagWhitespace
)

func (f cptFlags) letter() bool     { return f&flagLetter != 0 }
func (f cptFlags) number() bool     { return f&flagNumber != 0 }
func (f cptFlags) whitespace() bool { return f&flagWhitespace != 0 }

// asciiFlags caches the classes of the first 128 code points.
var asciiFlags = func() (t [128]cptFlags) {
	for i := range t {
		t[i] = computeFlags(rune(i))
	}
	return t
}()

func cptClass(r rune) cptFlags {
	if r >= 0 && r < 128 {
		return asciiFlags[r]
	}
	return computeFlags(r)
}

func computeFlags(r rune) cptFlags {
	f := flagDefined
	// Go's tables are Unicode 15.0; llama.cpp's are 15.1, which adds CJK
	// Extension I as letters.
	if unicode.IsLetter(r) || (r >= 0x2EBF0 && r <= 0x2EE5D) {
		f |= flagLetter
	}
	if unicode.IsNumber(r) {
		f |= flagNumber
	}
	if isWhitespace(r) {
		f |= flagWhitespace
	}
	return f
}

// isWhitespace is llama.cpp's unicode_set_whitespace.
func isWhitespace(r rune) bool {
	switch {
	case r >= 0x09 && r <= 0x0D, r == 0x20, r == 0x85, r == 0xA0, r == 0x1680,
		r >= 0x2000 && r <= 0x200A, r == 0x2028, r == 0x2029, r == 0x202F,
		r == 0x205F, r == 0x3000:
		return true
	}
	return false
}

// decodeCpts splits text into code points the way llama.cpp's
// unicode_cpts_from_utf8 does: it is lenient about overlong forms and
// surrogates, and turns a byte that starts no valid sequence into U+FFFD.
func decodeCpts(s string) []rune {
	out := make([]rune, 0, len(s))
	for i := 0; i < len(s); {
		r, n := decodeCpt(s, i)
		out = append(out, r)
		i += n
	}
	return out
}

func decodeCpt(s string, i int) (rune, int) {
	c := s[i]
	cont := func(k int) bool { return i+k < len(s) && s[i+k]&0xC0 == 0x80 }
	switch {
	case c&0x80 == 0:
		return rune(c), 1
	case c&0x40 == 0:
	case c&0x20 == 0:
		if cont(1) {
			return rune(c&0x1F)<<6 | rune(s[i+1]&0x3F), 2
		}
	case c&0x10 == 0:
		if cont(1) && cont(2) {
			return rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F), 3
		}
	case c&0x08 == 0:
		if cont(1) && cont(2) && cont(3) {
			r := rune(c&0x07)<<18 | rune(s[i+1]&0x3F)<<12 | rune(s[i+2]&0x3F)<<6 | rune(s[i+3]&0x3F)
			if r <= unicode.MaxRune {
				return r, 4
			}
		}
	}
	return utf8.RuneError, 1
}

// appendCpt encodes r like llama.cpp's unicode_cpt_to_utf8, which (unlike
// utf8.AppendRune) keeps surrogates.
func appendCpt(b []byte, r rune) []byte {
	switch {
	case r < 0x80:
		return append(b, byte(r))
	case r < 0x800:
		return append(b, 0xC0|byte(r>>6), 0x80|byte(r&0x3F))
	case r < 0x10000:
		return append(b, 0xE0|byte(r>>12), 0x80|byte(r>>6&0x3F), 0x80|byte(r&0x3F))
	}
	return append(b, 0xF0|byte(r>>18), 0x80|byte(r>>12&0x3F), 0x80|byte(r>>6&0x3F), 0x80|byte(r&0x3F))
}

// utf8Len is llama.cpp's unicode_len_utf8: the sequence length claimed by
// a lead byte.
func utf8Len(c byte) int {
	return [16]int{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4}[c>>4]
}

// GPT-2's byte-to-unicode table: printable bytes map to themselves, the
// rest to U+0100 onwards.
var byteToRune, runeToByte = func() ([256]rune, map[rune]byte) {
	var b2r [256]rune
	r2b := make(map[rune]byte, 256)
	n := 0
	for b := 0; b < 256; b++ {
		if (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF) {
			b2r[b] = rune(b)
		} else {
			b2r[b] = rune(256 + n)
			n++
		}
		r2b[b2r[b]] = byte(b)
	}
	return b2r, r2b
}()

// byteEncode maps every byte of s to its GPT-2 unicode stand-in.
func byteEncode(dst []byte, s []byte) []byte {
	for _, c := range s {
		dst = utf8.AppendRune(dst, byteToRune[c])
	}
	return dst
}
