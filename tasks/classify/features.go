package classify

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// Feature hashing. Every feature is hashed with 64-bit FNV-1a, which has no
// seed and no per-process state, so every node maps a text to the same
// buckets. Each kind of feature starts from its own tag byte, so a word and
// a character n-gram with the same letters fall into different buckets.
const (
	fnvOffset64 = 14695981039346656037
	fnvPrime64  = 1099511628211

	tagWord   = 'w'
	tagBigram = 'b'
	tagChar   = 'c'

	// Boundary marks around a word for its character n-grams. Neither is a
	// letter or digit, so neither can occur inside a word.
	markStart = '<'
	markEnd   = '>'
)

// feature is one hashed bucket and how often it occurs in a text.
type feature struct {
	bucket uint32
	count  uint32
}

// featurizer turns text into hashed features. It is immutable, so it is
// used without locks.
type featurizer struct {
	mask     uint64
	bigrams  bool
	cmin     int
	cmax     int
	binary   bool
	maxBytes int
}

func newFeaturizer(c Config) featurizer {
	return featurizer{
		mask:     1<<uint(c.BucketBits) - 1,
		bigrams:  c.WordBigrams,
		cmin:     c.CharNGramMin,
		cmax:     c.CharNGramMax,
		binary:   c.Binary,
		maxBytes: c.MaxTextBytes,
	}
}

// scratch holds the buffers of one feature extraction.
type scratch struct {
	word    []rune
	buckets []uint32
	spare   []uint32 // radix sort buffer
	feats   []feature
}

func fnvByte(h uint64, b byte) uint64 { return (h ^ uint64(b)) * fnvPrime64 }

func fnvRune(h uint64, r rune) uint64 {
	if r < utf8.RuneSelf {
		return fnvByte(h, byte(r))
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	for _, b := range buf[:n] {
		h = fnvByte(h, b)
	}
	return h
}

func fnvUint64(h, v uint64) uint64 {
	for i := 0; i < 8; i++ {
		h = fnvByte(h, byte(v>>(8*i)))
	}
	return h
}

// isWordRune reports whether r belongs in a word: letters, digits and
// combining marks (so that decomposed accents stay in their word).
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isJoiner reports apostrophes, which are dropped inside a word so that
// "don't" and "dont" are one word.
func isJoiner(r rune) bool { return r == '\'' || r == '\u2019' }

// truncate cuts s to at most n bytes on a UTF-8 boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}

// extract returns the features of text, sorted by bucket, each bucket once.
// The returned slice aliases s.
func (f featurizer) extract(text string, s *scratch) []feature {
	text = truncate(text, f.maxBytes)
	s.word = s.word[:0]
	s.buckets = s.buckets[:0]
	var prev uint64
	havePrev := false
	flush := func() {
		if len(s.word) == 0 {
			return
		}
		h := uint64(fnvOffset64)
		h = fnvByte(h, tagWord)
		for _, r := range s.word {
			h = fnvRune(h, r)
		}
		s.buckets = append(s.buckets, f.bucket(h))
		if f.bigrams && havePrev {
			b := fnvByte(fnvOffset64, tagBigram)
			b = fnvUint64(fnvUint64(b, prev), h)
			s.buckets = append(s.buckets, f.bucket(b))
		}
		prev, havePrev = h, true
		if f.cmin > 0 {
			f.charNGrams(s)
		}
		s.word = s.word[:0]
	}
	for _, r := range text {
		switch {
		case isWordRune(r):
			s.word = append(s.word, unicode.ToLower(r))
		case isJoiner(r) && len(s.word) > 0:
			// Dropped: the word goes on.
		default:
			flush()
		}
	}
	flush()

	s.sortBuckets(f.mask)
	s.feats = s.feats[:0]
	for i := 0; i < len(s.buckets); {
		j := i + 1
		for j < len(s.buckets) && s.buckets[j] == s.buckets[i] {
			j++
		}
		n := uint32(j - i)
		if f.binary {
			n = 1
		}
		s.feats = append(s.feats, feature{bucket: s.buckets[i], count: n})
		i = j
	}
	return s.feats
}

// sortBuckets sorts s.buckets, whose values are at most mask. Long slices
// get an LSD radix sort, a byte at a time: linear whatever the text.
func (s *scratch) sortBuckets(mask uint64) {
	a := s.buckets
	if len(a) < 256 {
		slices.Sort(a)
		return
	}
	if cap(s.spare) < len(a) {
		s.spare = make([]uint32, len(a), cap(a))
	}
	b := s.spare[:len(a)]
	for shift := 0; mask>>shift != 0; shift += 8 {
		var count [256]int
		for _, v := range a {
			count[byte(v>>shift)]++
		}
		pos := 0
		for i, c := range count {
			count[i] = pos
			pos += c
		}
		for _, v := range a {
			d := byte(v >> shift)
			b[count[d]] = v
			count[d]++
		}
		a, b = b, a
	}
	// a holds the result; keep both buffers for the next text.
	s.buckets, s.spare = a, b
}

// charNGrams appends the character n-grams of the padded word in s.word.
func (f featurizer) charNGrams(s *scratch) {
	w := s.word
	padded := len(w) + 2
	at := func(i int) rune {
		switch i {
		case 0:
			return markStart
		case padded - 1:
			return markEnd
		}
		return w[i-1]
	}
	for n := f.cmin; n <= f.cmax && n <= padded; n++ {
		for start := 0; start+n <= padded; start++ {
			h := fnvByte(fnvOffset64, tagChar)
			h = fnvByte(h, byte(n))
			for i := start; i < start+n; i++ {
				h = fnvRune(h, at(i))
			}
			s.buckets = append(s.buckets, f.bucket(h))
		}
	}
}

// bucket folds a 64-bit hash into the bucket range.
func (f featurizer) bucket(h uint64) uint32 {
	return uint32((h ^ h>>32) & f.mask)
}
