package attribution

import (
	"fmt"
	"sort"

	"github.com/ethereum/go-ethereum/common"
)

// Limits of a span index.
const (
	// MaxToken is the largest token id an index accepts (a 4M vocabulary).
	MaxToken = 1<<22 - 1
	// MaxIndexTokens bounds the indexed text, separators included: suffix
	// array entries are int32.
	MaxIndexTokens = 1<<31 - 1
)

// RecordRef names an indexed record: what a receipt Record needs except
// the weight.
type RecordRef struct {
	CID         string
	Datanet     string
	Contributor common.Address
}

// IndexRecord is a golden record's token sequence to index.
type IndexRecord struct {
	Ref    RecordRef
	Tokens []int32
}

// Index is a suffix array over the token sequences of a set of records
// (Infini-gram style). The text is every record's tokens shifted by one,
// each record followed by a 0 separator; 0 matches no output token, so no
// match crosses a record boundary and one separator value suffices. The
// suffix array is built with SA-IS in linear time. Memory: 4 bytes per
// token of text plus 4 of suffix array, plus the record table.
//
// An Index is immutable and safe for concurrent use.
type Index struct {
	text   []int32 // token+1; 0 ends every record
	sa     []int32
	starts []int32 // starts[d]: offset of record d's first token
	refs   []RecordRef
}

// NewIndex builds the index of records. Token ids must be in [0, MaxToken]
// (ErrBadToken); the text must fit MaxIndexTokens (ErrIndexFull).
func NewIndex(records []IndexRecord) (*Index, error) {
	total := 0
	for i, r := range records {
		total += len(r.Tokens) + 1
		if total > MaxIndexTokens {
			return nil, fmt.Errorf("%w: more than %d tokens", ErrIndexFull, MaxIndexTokens)
		}
		for _, t := range r.Tokens {
			if t < 0 || t > MaxToken {
				return nil, fmt.Errorf("%w: record %d: token %d", ErrBadToken, i, t)
			}
		}
	}
	ix := &Index{
		text:   make([]int32, 0, total),
		sa:     make([]int32, total),
		starts: make([]int32, len(records)),
		refs:   make([]RecordRef, len(records)),
	}
	var maxc int32
	for i, r := range records {
		ix.starts[i] = int32(len(ix.text))
		ix.refs[i] = r.Ref
		for _, t := range r.Tokens {
			ix.text = append(ix.text, t+1)
			maxc = max(maxc, t+1)
		}
		ix.text = append(ix.text, 0)
	}
	sais(ix.text, ix.sa, int(maxc)+1)
	return ix, nil
}

// Len returns the number of indexed positions (tokens plus separators).
func (ix *Index) Len() int { return len(ix.text) }

// Records returns the number of indexed records.
func (ix *Index) Records() int { return len(ix.refs) }

// Ref returns the d-th record's reference.
func (ix *Index) Ref(d int) RecordRef { return ix.refs[d] }

// SizeBytes returns the memory held by the text, the suffix array and the
// record table (approximate for the strings).
func (ix *Index) SizeBytes() int {
	n := 4*len(ix.text) + 4*len(ix.sa) + 4*len(ix.starts)
	for _, r := range ix.refs {
		n += len(r.CID) + len(r.Datanet) + 20 + 32
	}
	return n
}

// docOf returns the record holding text position p.
func (ix *Index) docOf(p int32) int {
	return sort.Search(len(ix.starts), func(d int) bool { return ix.starts[d] > p }) - 1
}

// compareAt compares pattern pat (already shifted by one) with the suffix
// at text position p, skipping the first skip characters known equal. It
// returns the comparison of pat against the suffix restricted to len(pat)
// characters (0 when pat is a prefix of the suffix) and their common
// prefix length.
func (ix *Index) compareAt(pat []int32, p int32, skip int) (int, int) {
	text := ix.text[p:]
	i := skip
	for ; i < len(pat); i++ {
		if i >= len(text) {
			return 1, i // suffix ran out: it is smaller
		}
		if a, b := pat[i], text[i]; a != b {
			if a < b {
				return -1, i
			}
			return 1, i
		}
	}
	return 0, i
}

// lowerBound returns the first rank whose suffix is >= pat, comparing
// only len(pat) characters (prefix matches count as equal), and the
// common prefix lengths of pat with the suffixes at rank-1 and rank.
func (ix *Index) lowerBound(pat []int32) (rank, lcpPrev, lcpAt int) {
	lo, hi := 0, len(ix.sa) // answer in [lo, hi]
	llo, lhi := 0, 0        // lcp of pat with suffixes at lo-1 and hi
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		c, l := ix.compareAt(pat, ix.sa[mid], min(llo, lhi))
		if c > 0 {
			lo, llo = mid+1, l
		} else {
			hi, lhi = mid, l
		}
	}
	return lo, llo, lhi
}

// upperBound returns the first rank whose suffix does not start with pat
// and is greater than it.
func (ix *Index) upperBound(pat []int32) int {
	lo, hi := 0, len(ix.sa)
	llo, lhi := 0, 0
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		c, l := ix.compareAt(pat, ix.sa[mid], min(llo, lhi))
		if c >= 0 {
			lo, llo = mid+1, l
		} else {
			hi, lhi = mid, l
		}
	}
	return lo
}

// longest returns the length of the longest prefix of pat that occurs in
// the text: the longer common prefix with pat's two neighbours in suffix
// order.
func (ix *Index) longest(pat []int32) int {
	if len(ix.sa) == 0 || len(pat) == 0 {
		return 0
	}
	// lowerBound's lcps are exact: rank > 0 means it compared rank-1, and
	// rank < len means it compared rank.
	_, lprev, lat := ix.lowerBound(pat)
	return max(lprev, lat)
}

// interval returns the suffix array ranks [lo, hi) of the suffixes that
// start with pat.
func (ix *Index) interval(pat []int32) (lo, hi int) {
	lo, _, _ = ix.lowerBound(pat)
	hi = ix.upperBound(pat)
	return lo, max(lo, hi)
}
