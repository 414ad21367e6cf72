package sample

import "unicode/utf8"

// JSON mode (OpenAI's response_format {"type": "json_object"}): the
// output must be one JSON object. JSONState is a byte-level pushdown
// automaton over RFC 8259 that accepts exactly the prefixes of JSON
// objects; the engine masks every token whose bytes would leave it (and
// the end-of-generation token until the object is closed), so sampling
// only ever picks a token that keeps the output a valid prefix. The state
// is a small value: testing a token copies it and feeds the token's bytes,
// with no allocation.

// MaxJSONDepth bounds nesting; MaxJSONSpace bounds a run of whitespace
// outside strings (so a model cannot stall on blanks forever).
const (
	MaxJSONDepth = 32
	MaxJSONSpace = 16
)

type jsonMode uint8

const (
	jStart      jsonMode = iota // before the top-level '{'
	jValue                      // a value is expected
	jKeyOrEnd                   // after '{': a key or '}'
	jKey                        // after ',' in an object: a key
	jColon                      // after a key: ':'
	jAfterValue                 // after a value: ',' or a closing bracket
	jString                     // inside a string
	jEscape                     // after '\' in a string
	jUnicode                    // in the 4 hex digits of \u
	jNumMinus                   // after '-': a digit
	jNumZero                    // a leading 0
	jNumInt                     // integer digits
	jNumDot                     // after '.': a digit
	jNumFrac                    // fraction digits
	jNumE                       // after e/E: sign or digit
	jNumESign                   // after the exponent's sign: a digit
	jNumExp                     // exponent digits
	jLiteral                    // inside true, false or null
	jDone                       // the object is closed
)

// JSONState is the automaton's state; the zero value is the start.
type JSONState struct {
	mode    jsonMode
	key     bool  // the string being read is an object key
	hex     uint8 // hex digits left in \u
	utf8    uint8 // UTF-8 continuation bytes left in a string
	lit     uint8 // index into the literal
	litKind uint8 // 0 true, 1 false, 2 null
	space   uint8 // the current whitespace run
	depth   uint8
	stack   [MaxJSONDepth]byte // 'o' object, 'a' array
}

var literals = [3]string{"true", "false", "null"}

// InString reports whether the output is inside a string with no
// escape or multi-byte character open: there, any plain string text (see
// PlainString) keeps it a prefix, which lets a caller skip Feed for most
// of a vocabulary.
func (s *JSONState) InString() bool { return s.mode == jString && s.utf8 == 0 }

// PlainString reports whether p is text a JSON string holds as is: valid
// UTF-8, no control character, quote or backslash.
func PlainString(p []byte) bool {
	if len(p) == 0 || !utf8.Valid(p) {
		return false
	}
	for _, c := range p {
		if c < 0x20 || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// Complete reports whether the bytes fed so far are one whole JSON object.
func (s *JSONState) Complete() bool { return s.mode == jDone }

// Feed advances by p; false (and s unchanged in meaning: discard it) when
// p would make the output something no JSON object starts with.
func (s *JSONState) Feed(p []byte) bool {
	for _, c := range p {
		if !s.step(c) {
			return false
		}
	}
	return true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isHex(c byte) bool {
	return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func (s *JSONState) step(c byte) bool {
	switch s.mode {
	case jString:
		return s.stringByte(c)
	case jEscape:
		switch c {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			s.mode = jString
		case 'u':
			s.mode, s.hex = jUnicode, 4
		default:
			return false
		}
		return true
	case jUnicode:
		if !isHex(c) {
			return false
		}
		if s.hex--; s.hex == 0 {
			s.mode = jString
		}
		return true
	case jLiteral:
		lit := literals[s.litKind]
		if c != lit[s.lit] {
			return false
		}
		if s.lit++; int(s.lit) == len(lit) {
			s.endValue()
		}
		return true
	case jNumMinus, jNumZero, jNumInt, jNumDot, jNumFrac, jNumE, jNumESign, jNumExp:
		if s.numberByte(c) {
			return true
		}
		switch s.mode {
		case jNumZero, jNumInt, jNumFrac, jNumExp:
			s.endValue() // the number ended; c belongs to what follows
			return s.step(c)
		}
		return false
	}
	if isSpace(c) {
		if s.space++; s.space > MaxJSONSpace {
			return false
		}
		return true
	}
	s.space = 0
	switch s.mode {
	case jStart:
		if c != '{' {
			return false
		}
		return s.open('o')
	case jValue:
		return s.value(c)
	case jKeyOrEnd:
		if c == '}' {
			return s.close('o')
		}
		fallthrough
	case jKey:
		if c != '"' {
			return false
		}
		s.mode, s.key = jString, true
		return true
	case jColon:
		if c != ':' {
			return false
		}
		s.mode = jValue
		return true
	case jAfterValue:
		top := s.stack[s.depth-1]
		switch {
		case c == ',' && top == 'o':
			s.mode = jKey
		case c == ',':
			s.mode = jValue
		case c == '}':
			return s.close('o')
		case c == ']':
			return s.close('a')
		default:
			return false
		}
		return true
	}
	return false // jDone: nothing but whitespace
}

func (s *JSONState) value(c byte) bool {
	empty := s.lit == 255 // right after '['
	s.lit = 0
	switch {
	case c == '{':
		return s.open('o')
	case c == '[':
		return s.open('a')
	case c == '"':
		s.mode, s.key = jString, false
	case c == '-':
		s.mode = jNumMinus
	case c == '0':
		s.mode = jNumZero
	case isDigit(c):
		s.mode = jNumInt
	case c == 't' || c == 'f' || c == 'n':
		s.mode, s.lit = jLiteral, 1
		switch c {
		case 't':
			s.litKind = 0
		case 'f':
			s.litKind = 1
		default:
			s.litKind = 2
		}
	case c == ']' && empty:
		return s.close('a')
	default:
		return false
	}
	return true
}

func (s *JSONState) open(kind byte) bool {
	if int(s.depth) == MaxJSONDepth {
		return false
	}
	s.stack[s.depth] = kind
	s.depth++
	if kind == 'o' {
		s.mode = jKeyOrEnd
	} else {
		s.mode, s.lit = jValue, 255 // mark: ']' may close it empty now (not after a ',')
	}
	return true
}

func (s *JSONState) close(kind byte) bool {
	if s.depth == 0 || s.stack[s.depth-1] != kind {
		return false
	}
	s.depth--
	s.lit = 0
	if s.depth == 0 {
		s.mode = jDone
		return true
	}
	s.mode = jAfterValue
	return true
}

// endValue moves past a finished scalar.
func (s *JSONState) endValue() {
	s.lit = 0
	if s.key {
		s.key = false
		s.mode = jColon
		return
	}
	s.mode = jAfterValue
}

func (s *JSONState) stringByte(c byte) bool {
	if s.utf8 > 0 {
		if c&0xc0 != 0x80 {
			return false
		}
		s.utf8--
		return true
	}
	switch {
	case c == '"':
		s.endValue()
	case c == '\\':
		s.mode = jEscape
	case c < 0x20:
		return false
	case c < 0x80:
	case c&0xe0 == 0xc0 && c >= 0xc2:
		s.utf8 = 1
	case c&0xf0 == 0xe0:
		s.utf8 = 2
	case c&0xf8 == 0xf0 && c <= 0xf4:
		s.utf8 = 3
	default:
		return false
	}
	return true
}

func (s *JSONState) numberByte(c byte) bool {
	switch s.mode {
	case jNumMinus:
		switch {
		case c == '0':
			s.mode = jNumZero
		case isDigit(c):
			s.mode = jNumInt
		default:
			return false
		}
	case jNumZero, jNumInt:
		switch {
		case isDigit(c) && s.mode == jNumInt:
		case c == '.':
			s.mode = jNumDot
		case c == 'e' || c == 'E':
			s.mode = jNumE
		default:
			return false
		}
	case jNumDot, jNumFrac:
		switch {
		case isDigit(c):
			s.mode = jNumFrac
		case s.mode == jNumFrac && (c == 'e' || c == 'E'):
			s.mode = jNumE
		default:
			return false
		}
	case jNumE:
		switch {
		case c == '+' || c == '-':
			s.mode = jNumESign
		case isDigit(c):
			s.mode = jNumExp
		default:
			return false
		}
	case jNumESign, jNumExp:
		if !isDigit(c) {
			return false
		}
		s.mode = jNumExp
	}
	return true
}
