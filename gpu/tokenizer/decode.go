package tokenizer

import (
	"strings"
	"unicode/utf8"
)

// TokenPiece returns the bytes id stands for: "▁" becomes a space for
// SentencePiece vocabularies, GPT-2 byte stand-ins become their bytes,
// <0xNN> tokens become one byte, and control tokens give their text. An
// out-of-range id gives nil.
func (t *Tokenizer) TokenPiece(id int32) []byte {
	return t.piece(nil, id, true)
}

// piece appends id's bytes to dst; control and unknown tokens only when
// special is set (llama_token_to_piece).
func (t *Tokenizer) piece(dst []byte, id int32, special bool) []byte {
	if id < 0 || int(id) >= len(t.tokens) {
		return dst
	}
	text := t.tokens[id]
	switch t.types[id] {
	case TypeControl, TypeUnknown:
		if special {
			dst = append(dst, text...)
		}
	case TypeUserDefined:
		dst = append(dst, text...)
	case TypeNormal:
		if t.kind == KindSPM {
			return append(dst, strings.ReplaceAll(text, "▁", " ")...)
		}
		for _, r := range text {
			if b, ok := runeToByte[r]; ok {
				dst = append(dst, b)
			} else {
				dst = utf8.AppendRune(dst, r)
			}
		}
	case TypeByte:
		if b, ok := parseByteToken(text); ok {
			dst = append(dst, b)
		}
	}
	return dst
}

func parseByteToken(s string) (byte, bool) {
	if len(s) != 6 || s[:3] != "<0x" || s[5] != '>' {
		return 0, false
	}
	hex := func(c byte) (byte, bool) {
		switch {
		case c >= '0' && c <= '9':
			return c - '0', true
		case c >= 'A' && c <= 'F':
			return c - 'A' + 10, true
		case c >= 'a' && c <= 'f':
			return c - 'a' + 10, true
		}
		return 0, false
	}
	hi, ok1 := hex(s[3])
	lo, ok2 := hex(s[4])
	return hi<<4 | lo, ok1 && ok2
}

// Decode turns ids back into text. Control tokens (BOS, EOS, <|eot_id|>
// ...) are left out and invalid ids skipped. For vocabularies that add a
// "▁" prefix when encoding, the leading space of the first token after
// an optional BOS is removed, so Decode(Encode(s, ...)) == s.
func (t *Tokenizer) Decode(ids []int32) string {
	d := t.NewDecoder()
	var b strings.Builder
	for _, id := range ids {
		b.WriteString(d.Next(id))
	}
	b.WriteString(d.Flush())
	return b.String()
}

// Decoder turns a stream of ids into text, one id at a time, returning
// only complete UTF-8 characters: the bytes of a character split over
// several byte tokens are held back until it is complete. A Decoder is
// not safe for concurrent use; make one per stream.
type Decoder struct {
	t       *Tokenizer
	pending []byte
	started bool
	// Special renders control tokens as their text when set.
	Special bool
}

// NewDecoder starts a stream.
func (t *Tokenizer) NewDecoder() *Decoder { return &Decoder{t: t} }

// Next adds id and returns the text that is now complete.
func (d *Decoder) Next(id int32) string {
	t := d.t
	if !d.started && id == t.bos && t.bos >= 0 {
		return ""
	}
	n := len(d.pending)
	d.pending = t.piece(d.pending, id, d.Special)
	if !d.started && len(d.pending) > n {
		d.started = true
		if t.kind == KindSPM && t.addSpace && d.pending[n] == ' ' {
			d.pending = append(d.pending[:n], d.pending[n+1:]...)
		}
	}
	cut := completePrefix(d.pending)
	out := string(d.pending[:cut])
	d.pending = append(d.pending[:0], d.pending[cut:]...)
	return out
}

// Flush returns whatever is held back (an incomplete character at the end
// of the stream) and resets the decoder.
func (d *Decoder) Flush() string {
	out := string(d.pending)
	d.pending = d.pending[:0]
	d.started = false
	return out
}

// completePrefix returns the length of b without a trailing incomplete
// (but so far valid) UTF-8 sequence.
func completePrefix(b []byte) int {
	for k := 1; k <= 3 && k <= len(b); k++ {
		c := b[len(b)-k]
		if c&0xC0 == 0x80 {
			continue // continuation byte: look further back
		}
		if c < 0x80 {
			return len(b)
		}
		if need := utf8Len(c); c >= 0xC0 && need > k && !utf8.FullRune(b[len(b)-k:]) {
			return len(b) - k
		}
		return len(b)
	}
	return len(b)
}
