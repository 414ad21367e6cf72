package dedup

import (
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"
)

// ErrInvalid reports a Config that Validate rejects.
var ErrInvalid = errors.New("dedup: invalid config")

// Config configures signatures and the index.
type Config struct {
	// Shingle is how many consecutive words make a shingle. Default 3:
	// short enough that a one-word edit changes only three shingles.
	Shingle int `toml:"shingle"`
	// Hashes is the signature length. Default 128: the estimated Jaccard
	// similarity has a standard error of about 0.027 at 0.9.
	Hashes int `toml:"hashes"`
	// Bands is how many bands of Hashes/Bands values the index buckets a
	// signature by; two records that agree on a whole band are compared.
	// Default 16 (8 values each): a pair at 0.9 is compared with
	// probability 0.9999, one at 0.5 with 0.06.
	Bands int `toml:"bands"`
	// Threshold is the estimated Jaccard similarity from which a record is
	// redundant. Default 0.9.
	Threshold float64 `toml:"threshold"`
}

// DefaultConfig returns the defaults.
func DefaultConfig() Config {
	return Config{Shingle: 3, Hashes: 128, Bands: 16, Threshold: 0.9}
}

// Validate checks the configuration.
func (c Config) Validate() error {
	switch {
	case c.Shingle < 1 || c.Shingle > 16:
		return fmt.Errorf("%w: shingle %d, want 1..16", ErrInvalid, c.Shingle)
	case c.Hashes < 1 || c.Hashes > 1024:
		return fmt.Errorf("%w: hashes %d, want 1..1024", ErrInvalid, c.Hashes)
	case c.Bands < 1 || c.Hashes%c.Bands != 0:
		return fmt.Errorf("%w: bands %d must divide hashes %d", ErrInvalid, c.Bands, c.Hashes)
	case !(c.Threshold > 0 && c.Threshold <= 1):
		return fmt.Errorf("%w: threshold %v, want (0, 1]", ErrInvalid, c.Threshold)
	}
	return nil
}

// Signature is a MinHash signature: for each of Config.Hashes hash
// functions, the least hash of the text's shingles. A text without words
// has an empty signature, which resembles nothing.
type Signature []uint64

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// sign returns the signature of text under a valid c. Shingles do not
// cross line breaks: a line shorter than a shingle is one shingle, and
// lines, paragraphs or sections in another order give the same set.
func (c Config) sign(text string) Signature {
	sig := make(Signature, c.Hashes)
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	nonEmpty := false
	add := func(shingle uint64) {
		nonEmpty = true
		for i := range sig {
			if h := mix(shingle ^ seeds(i)); h < sig[i] {
				sig[i] = h
			}
		}
	}
	// A ring of the line's last Shingle word hashes; n counts its words.
	words := make([]uint64, c.Shingle)
	n := 0
	hashWords := func(ws ...uint64) uint64 {
		h := uint64(fnvOffset)
		for _, w := range ws {
			for k := range 8 {
				h = (h ^ (w >> (8 * k) & 0xff)) * fnvPrime
			}
		}
		return h
	}
	ordered := make([]uint64, c.Shingle)
	shingle := func(count int) uint64 { // the last count words, oldest first
		for j := range count {
			ordered[j] = words[(n-count+j)%c.Shingle]
		}
		return hashWords(ordered[:count]...)
	}
	endLine := func() {
		if n > 0 && n < c.Shingle {
			add(shingle(n))
		}
		n = 0
	}
	h := uint64(fnvOffset)
	inWord := false
	endWord := func() {
		if !inWord {
			return
		}
		words[n%c.Shingle] = h
		n++
		if n >= c.Shingle {
			add(shingle(c.Shingle))
		}
		h, inWord = fnvOffset, false
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
			var buf [utf8.UTFMax]byte
			for _, b := range buf[:utf8.EncodeRune(buf[:], r)] {
				h = (h ^ uint64(b)) * fnvPrime
			}
			inWord = true
		case r == '\n':
			endWord()
			endLine()
		default:
			endWord()
		}
	}
	endWord()
	endLine()
	if !nonEmpty {
		return Signature{}
	}
	return sig
}

// Similarity estimates the Jaccard similarity of the shingle sets of two
// texts from their signatures: the share of positions where they agree.
// It is 0 when either signature is empty or their lengths differ.
func Similarity(a, b Signature) float64 {
	if len(a) == 0 || len(a) != len(b) {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / float64(len(a))
}

// seeds returns the i-th hash function's seed.
func seeds(i int) uint64 { return mix(uint64(i)*0x9e3779b97f4a7c15 + 0x632be59bd9b4e019) }

// mix is the splitmix64 finaliser: a bijection on 64 bits that spreads
// every input bit over the output.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
