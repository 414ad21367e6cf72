package attribution

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// BM25 parameters (Okapi BM25 as in Lucene).
const (
	BM25K1 = 1.2
	BM25B  = 0.75
	// MinTermRunes: shorter tokens are dropped.
	MinTermRunes = 2
	// SnippetWords is the length of a Hit's snippet window.
	SnippetWords = 40
)

// Tokenize splits text into lower-case terms: maximal runs of Unicode
// letters and digits (unicode.IsLetter, unicode.IsDigit, plus combining
// marks inside a run), lower-cased with unicode.ToLower; terms shorter
// than MinTermRunes runes are dropped. There is no stemming and no stop
// list (BM25's idf discounts common words). Scripts written without spaces
// (Chinese, Japanese) come out as long runs; that is a known limit.
func Tokenize(text string) []string {
	var out []string
	var cur strings.Builder
	runes := 0
	flush := func() {
		if runes >= MinTermRunes {
			out = append(out, cur.String())
		}
		cur.Reset()
		runes = 0
	}
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur.WriteRune(unicode.ToLower(r))
			runes++
		case runes > 0 && unicode.Is(unicode.Mn, r):
			cur.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return out
}

// Hit is a search result.
type Hit struct {
	CID   string
	Score float64
	// Snippet is the window of SnippetWords words of the record text
	// (split on white space) holding the most query weight.
	Snippet string
}

// RAGIndex is a BM25 (Okapi, k1 = 1.2, b = 0.75) inverted index over
// record texts, for retrieval-augmented generation. Records are added
// incrementally. It is safe for concurrent use.
type RAGIndex struct {
	mu       sync.RWMutex
	docs     []ragDoc
	byCID    map[string]int32
	postings map[string][]posting
	totalLen uint64
}

type ragDoc struct {
	cid  string
	text string
	len  uint32 // terms
}

type posting struct {
	doc int32
	tf  uint32
}

// NewRAGIndex returns an empty index.
func NewRAGIndex() *RAGIndex {
	return &RAGIndex{byCID: make(map[string]int32), postings: make(map[string][]posting)}
}

// Add indexes a record's text under its CID. It returns ErrDuplicate when
// the CID is already indexed.
func (x *RAGIndex) Add(cid, text string) error {
	terms := Tokenize(text)
	tf := make(map[string]uint32, len(terms))
	for _, t := range terms {
		tf[t]++
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if _, ok := x.byCID[cid]; ok {
		return fmt.Errorf("%w: record %s already indexed", ErrDuplicate, cid)
	}
	if len(x.docs) >= math.MaxInt32 {
		return fmt.Errorf("%w: rag index", ErrIndexFull)
	}
	d := int32(len(x.docs))
	x.docs = append(x.docs, ragDoc{cid: cid, text: text, len: uint32(len(terms))})
	x.byCID[cid] = d
	x.totalLen += uint64(len(terms))
	for t, n := range tf {
		x.postings[t] = append(x.postings[t], posting{doc: d, tf: n})
	}
	return nil
}

// Len returns the number of indexed records.
func (x *RAGIndex) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.docs)
}

// idf is Lucene's BM25 idf: ln(1 + (N - n + 0.5) / (n + 0.5)), never
// negative.
func idf(docs, n int) float64 {
	return math.Log(1 + (float64(docs)-float64(n)+0.5)/(float64(n)+0.5))
}

// Search returns the k best records for query, by BM25 score descending
// (ties: CID ascending); records matching no query term are not returned.
// Each distinct query term counts once:
//
//	score(D) = sum over terms q of idf(q) * tf*(k1+1) / (tf + k1*(1 - b + b*|D|/avgdl))
func (x *RAGIndex) Search(query string, k int) []Hit {
	if k <= 0 {
		return nil
	}
	terms := Tokenize(query)
	slices.Sort(terms)
	terms = slices.Compact(terms)

	x.mu.RLock()
	defer x.mu.RUnlock()
	n := len(x.docs)
	if n == 0 || len(terms) == 0 {
		return nil
	}
	avgdl := float64(x.totalLen) / float64(n)
	if avgdl == 0 {
		avgdl = 1
	}
	weights := make(map[string]float64, len(terms))
	scores := make(map[int32]float64)
	for _, t := range terms {
		ps := x.postings[t]
		if len(ps) == 0 {
			continue
		}
		w := idf(n, len(ps))
		weights[t] = w
		for _, p := range ps {
			tf := float64(p.tf)
			norm := BM25K1 * (1 - BM25B + BM25B*float64(x.docs[p.doc].len)/avgdl)
			scores[p.doc] += w * tf * (BM25K1 + 1) / (tf + norm)
		}
	}
	hits := make([]Hit, 0, len(scores))
	for d, s := range scores {
		hits = append(hits, Hit{CID: x.docs[d].cid, Score: s})
	}
	slices.SortFunc(hits, func(a, b Hit) int { return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.CID, b.CID)) })
	if len(hits) > k {
		hits = hits[:k]
	}
	for i := range hits {
		hits[i].Snippet = snippet(x.docs[x.byCID[hits[i].CID]].text, weights)
	}
	return hits
}

// snippet returns the window of SnippetWords white-space separated words
// with the largest sum of query-term idf weights (a word counts with the
// weights of its terms); the earliest such window.
func snippet(text string, weights map[string]float64) string {
	words := strings.Fields(text)
	if len(words) <= SnippetWords {
		return strings.Join(words, " ")
	}
	score := make([]float64, len(words))
	for i, w := range words {
		for _, t := range Tokenize(w) {
			score[i] += weights[t]
		}
	}
	var cur float64
	for i := range SnippetWords {
		cur += score[i]
	}
	best, bestAt := cur, 0
	for i := SnippetWords; i < len(words); i++ {
		cur += score[i] - score[i-SnippetWords]
		if cur > best+1e-12 {
			best, bestAt = cur, i-SnippetWords+1
		}
	}
	return strings.Join(words[bestAt:bestAt+SnippetWords], " ")
}

// CitationsFor turns hits into receipt citations: one per distinct CID,
// count 1 each, sorted by CID, at most MaxCitations.
func CitationsFor(hits []Hit) []Citation {
	cs := make([]Citation, 0, len(hits))
	for _, h := range hits {
		cs = append(cs, Citation{CID: h.CID, Count: 1})
	}
	slices.SortFunc(cs, func(a, b Citation) int { return cmp.Compare(a.CID, b.CID) })
	cs = slices.CompactFunc(cs, func(a, b Citation) bool {
		return a.CID == b.CID
	})
	if len(cs) > MaxCitations {
		cs = cs[:MaxCitations]
	}
	return cs
}
