package attribution

import (
	"math/bits"
)

// DefaultMaxHolders is the default AttributeOptions.MaxHolders: a span
// held by more than 8 records is a formula of the corpus, not a source.
const DefaultMaxHolders = 8

// surprisal returns the span's unigram self-information in bits, Q16:
// the sum over its tokens of floor(65536 * log2(N / count(t))), N the
// tokens indexed (separators left out) and count(t) the token's
// occurrences, over all indexes (OLMoTrace ranks spans by this span
// unigram probability). A span of common tokens (punctuation, "the",
// quote marks) carries few bits, one of rare tokens many. pat is shifted
// by one, as the index text is.
func surprisal(indexes []*Index, pat []int32) uint64 {
	var total uint64
	for _, ix := range indexes {
		if ix != nil {
			total += uint64(len(ix.text) - len(ix.starts))
		}
	}
	var bitsQ16 uint64
	var one [1]int32
	for _, t := range pat {
		one[0] = t
		var n uint64
		for _, ix := range indexes {
			if ix != nil {
				lo, hi := ix.interval(one[:])
				n += uint64(hi - lo)
			}
		}
		bitsQ16 += log2Q16(total, max(n, 1))
	}
	return bitsQ16
}

// holders is the number of distinct records holding m's span: the records
// listed, or, when the list was truncated, at least the occurrence count's
// worth (a truncated span is held by more than MaxRecordsPerSpan records
// or occurs more than MaxScan times).
func (m Match) holders() int {
	if m.Truncated {
		return max(len(m.Records)+1, m.Occurrences)
	}
	return len(m.Records)
}

// WeighRare turns matches into receipt records like Weigh, but weighs each
// span by how rare it is, so that a formula many records share (an
// attribution line, a signature, boilerplate) cannot take the data share
// from the record an answer quotes. The rule, in integers only:
//
//	h(span)        = distinct records holding the span
//	span dropped   when h > maxHolders (maxHolders <= 0: DefaultMaxHolders)
//	info(span)     = Match.Surprisal, the span's unigram self-information (bits, Q16)
//	rarity(span)   = floor(65536 * log2(1 + numRecords/h))
//	score(record) += info * rarity / 2^16 / h     for every record holding the span
//
// The span's evidence is divided among its holders instead of given to
// each in full, so the share of a span does not grow with the number of
// records that repeat it; the unigram information makes a span of rare
// tokens outweigh an equally long one of common tokens. The maxRecords
// best scores are kept and WeightScale divided among them by the largest
// remainder method, as in Weigh. An answer whose every span is a formula
// credits no record (the data share then goes where Split sends it).
// Records carry MethodSpan and their score.
func WeighRare(matches []Match, numRecords, maxRecords, maxHolders int) []Record {
	if maxHolders <= 0 {
		maxHolders = DefaultMaxHolders
	}
	sc := newRecordScores()
	for _, m := range matches {
		h := m.holders()
		if h == 0 || h > maxHolders || m.End <= m.Start {
			continue
		}
		rarity := log2Q16(uint64(numRecords)+uint64(h), uint64(h))
		hi, lo := bits.Mul64(m.Surprisal, rarity)
		sc.add(m.Records, (hi<<48|lo>>16)/uint64(h)) // hi < 2^16: info < 2^42 for spans under 2^20 tokens, rarity < 2^22
	}
	return sc.weigh(maxRecords, MethodSpan)
}
