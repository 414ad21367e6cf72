package attribution

import (
	"cmp"
	"math/bits"
	"slices"
)

// AttributeOptions tune span attribution.
type AttributeOptions struct {
	// MinSpan is the shortest span credited, in tokens: shorter matches
	// are common phrases, not evidence of a record's influence.
	MinSpan int
	// MaxSpan caps the match length measured at one output position
	// (bounds the work per position); a longer copy yields consecutive
	// spans.
	MaxSpan int
	// MaxRecordsPerSpan caps the records listed for one span (the
	// occurrence count is still exact).
	MaxRecordsPerSpan int
	// MaxScan caps the suffix array entries read to find a span's records.
	MaxScan int
	// MaxHolders: WeighRare drops a span held by more records than this
	// (0: DefaultMaxHolders).
	MaxHolders int
}

// DefaultAttributeOptions: spans of 8 to 1024 tokens, at most 64 records
// per span found within 4096 occurrences.
func DefaultAttributeOptions() AttributeOptions {
	return AttributeOptions{MinSpan: 8, MaxSpan: 1024, MaxRecordsPerSpan: 64, MaxScan: 4096}
}

func (o AttributeOptions) withDefaults() AttributeOptions {
	d := DefaultAttributeOptions()
	if o.MinSpan <= 0 {
		o.MinSpan = d.MinSpan
	}
	if o.MaxSpan <= 0 {
		o.MaxSpan = d.MaxSpan
	}
	o.MaxSpan = max(o.MaxSpan, o.MinSpan)
	if o.MaxRecordsPerSpan <= 0 {
		o.MaxRecordsPerSpan = d.MaxRecordsPerSpan
	}
	if o.MaxScan <= 0 {
		o.MaxScan = d.MaxScan
	}
	if o.MaxHolders <= 0 {
		o.MaxHolders = DefaultMaxHolders
	}
	o.MaxScan = max(o.MaxScan, o.MaxRecordsPerSpan)
	return o
}

// Match is a maximal span of the output found verbatim in indexed records.
type Match struct {
	// Start and End delimit the span: output[Start:End].
	Start, End int
	// Occurrences counts the span's occurrences in all searched indexes:
	// its frequency, which lowers its weight.
	Occurrences int
	// Records are distinct records holding the span, sorted by (CID,
	// Datanet); at most MaxRecordsPerSpan, the first found in suffix order.
	Records []RecordRef
	// Truncated reports that more records may hold the span.
	Truncated bool
	// Surprisal is the span's unigram self-information in bits, Q16 (see
	// surprisal): how unlikely its tokens are one by one in the indexed
	// text. WeighRare uses it; Weigh does not.
	Surprisal uint64
}

// Attribute is Attribute over ix alone.
func (ix *Index) Attribute(output []int32, opts AttributeOptions) []Match {
	return Attribute([]*Index{ix}, output, opts)
}

// Attribute finds the spans of output copied from indexed records:
//
//  1. For every output position i it finds ms[i], the length of the
//     longest prefix of output[i:] (at most MaxSpan) that occurs in an
//     index: one binary search over the suffix array, then the longer
//     common prefix with the two neighbours in suffix order. Cost:
//     O(len(output) * log n * span length) character comparisons, in
//     practice about 2 log2 n cache misses per position.
//  2. It keeps the maximal spans: [i, i+ms[i]) with ms[i] >= MinSpan that
//     are not inside an earlier span. Spans may overlap.
//  3. For every span it finds the suffix array interval of the span in
//     each index: its occurrence count, and the records holding it.
//
// Tokens outside [0, MaxToken] match nothing. Nil indexes are skipped.
func Attribute(indexes []*Index, output []int32, opts AttributeOptions) []Match {
	opts = opts.withDefaults()
	pat := make([]int32, len(output))
	for i, t := range output {
		if t < 0 || t > MaxToken {
			pat[i] = -1 // below every text value: never matches
		} else {
			pat[i] = t + 1
		}
	}
	var matches []Match
	maxEnd := 0
	for i := range pat {
		if len(pat)-i < opts.MinSpan || pat[i] < 0 {
			continue
		}
		end := min(len(pat), i+opts.MaxSpan)
		l := 0
		for _, ix := range indexes {
			if ix != nil {
				l = max(l, ix.longest(pat[i:end]))
			}
		}
		if l < opts.MinSpan || i+l <= maxEnd {
			continue
		}
		maxEnd = i + l
		matches = append(matches, spanMatch(indexes, pat[i:i+l], i, opts))
	}
	return matches
}

func spanMatch(indexes []*Index, span []int32, start int, opts AttributeOptions) Match {
	m := Match{Start: start, End: start + len(span)}
	seen := make(map[RecordRef]struct{})
	for _, ix := range indexes {
		if ix == nil {
			continue
		}
		lo, hi := ix.interval(span)
		m.Occurrences += hi - lo
		scan := min(hi, lo+opts.MaxScan)
		for r := lo; r < scan; r++ {
			if len(m.Records) == opts.MaxRecordsPerSpan {
				m.Truncated = true
				break
			}
			d := ix.docOf(ix.sa[r])
			if d < 0 {
				continue
			}
			ref := ix.refs[d]
			if _, ok := seen[ref]; !ok {
				seen[ref] = struct{}{}
				m.Records = append(m.Records, ref)
			}
		}
		if scan < hi {
			m.Truncated = true
		}
	}
	slices.SortFunc(m.Records, compareRef)
	m.Surprisal = surprisal(indexes, span)
	return m
}

func compareRef(a, b RecordRef) int {
	return cmp.Or(cmp.Compare(a.CID, b.CID), cmp.Compare(a.Datanet, b.Datanet), a.Contributor.Cmp(b.Contributor))
}

// Weigh turns matches into receipt records with weights in parts per
// million. It is the method before WeighRare, kept so that provenet bench
// attribution can show the two side by side: every record holding a span
// gets the span's full weight, so a formula that many records share takes
// most of the data share. The rule, in integers only so that every platform computes the
// same weights:
//
//	rarity(span) = floor(65536 * log2(1 + numRecords/occurrences))
//	score(record) = sum over the spans listing it of (End-Start) * rarity
//
// A long span is strong evidence, a span found in many places weak (an
// idf-like factor that tends to 0 as occurrences outgrow the corpus). The
// maxRecords best scores (ties to the lower (CID, Datanet)) are kept,
// zero scores dropped, and WeightScale is divided among them in proportion
// to score by the largest remainder method, so the weights sum to
// WeightScale exactly. The result is sorted by (CID, Datanet), as
// Receipt.Records must be. Records with the same (CID, Datanet) are one
// record; the first contributor seen is kept. numRecords is the number of
// records indexed (all indexes together).
func Weigh(matches []Match, numRecords, maxRecords int) []Record {
	sc := newRecordScores()
	for _, m := range matches {
		if m.Occurrences <= 0 || m.End <= m.Start {
			continue
		}
		sc.add(m.Records, uint64(m.End-m.Start)*log2Q16(uint64(numRecords)+uint64(m.Occurrences), uint64(m.Occurrences)))
	}
	return sc.weigh(maxRecords, 0)
}

// recordScores sums integer evidence per record, (CID, Datanet) being one
// record (the first contributor seen is kept), and turns it into receipt
// weights.
type recordScores struct {
	byKey map[recordKey]*scoredRecord
}

type recordKey struct{ cid, datanet string }

type scoredRecord struct {
	rec   Record
	score uint64
}

func newRecordScores() *recordScores {
	return &recordScores{byKey: make(map[recordKey]*scoredRecord)}
}

// add credits score to every record of refs.
func (s *recordScores) add(refs []RecordRef, score uint64) {
	for _, ref := range refs {
		k := recordKey{ref.CID, ref.Datanet}
		a := s.byKey[k]
		if a == nil {
			a = &scoredRecord{rec: Record{CID: ref.CID, Datanet: ref.Datanet, Contributor: ref.Contributor}}
			s.byKey[k] = a
		}
		a.score += score
	}
}

// weigh keeps the maxRecords best non-zero scores (0: all; ties to the
// lower (CID, Datanet)) and divides WeightScale among them in proportion
// to score by the largest remainder method, sorted by (CID, Datanet). A
// method other than MethodNone is stamped on each record with its score.
func (s *recordScores) weigh(maxRecords int, method uint8) []Record {
	all := make([]*scoredRecord, 0, len(s.byKey))
	for _, a := range s.byKey {
		if a.score > 0 {
			all = append(all, a)
		}
	}
	slices.SortFunc(all, func(x, y *scoredRecord) int {
		return cmp.Or(cmp.Compare(y.score, x.score), compareRecordKey(x.rec, y.rec))
	})
	if maxRecords > 0 && len(all) > maxRecords {
		all = all[:maxRecords]
	}
	slices.SortFunc(all, func(x, y *scoredRecord) int { return compareRecordKey(x.rec, y.rec) })
	scores := make([]uint64, len(all))
	for i, a := range all {
		scores[i] = a.score
	}
	ws := largestRemainder(WeightScale, scores)
	out := make([]Record, len(all))
	for i, a := range all {
		out[i] = a.rec
		out[i].Weight = ws[i]
		if method != MethodNone {
			out[i].Method, out[i].Score = method, a.score
		}
	}
	return out
}

// log2Q16 returns floor(65536 * log2(num/den)) for num >= den > 0, in
// integer arithmetic (binary logarithm by repeated squaring). It returns 0
// for num < den or den == 0.
func log2Q16(num, den uint64) uint64 {
	if den == 0 || num < den {
		return 0
	}
	k := uint64(bits.Len64(num/den) - 1) // integer part
	// y = num / (den << k) in [1, 2), as Q30. den<<k <= num, so it fits.
	hi, lo := bits.Mul64(num, 1<<30)
	y, _ := bits.Div64(hi, lo, den<<k)
	var frac uint64
	for range 16 {
		y = y * y >> 30
		frac <<= 1
		if y >= 2<<30 {
			y >>= 1
			frac |= 1
		}
	}
	return k<<16 | frac
}

// largestRemainder divides amount in proportion to ws: floor shares, then
// one more unit each to the largest remainders, ties to the lower index.
// The parts sum to amount exactly (all zero when the weights are all 0).
// The sum of ws must fit a uint64.
func largestRemainder(amount uint64, ws []uint64) []uint64 {
	out := make([]uint64, len(ws))
	largestRemainderInto(out, make([]uint64, len(ws)), make([]int, len(ws)), amount, ws)
	return out
}

// largestRemainderInto is largestRemainder writing the parts to out, with
// rems and order as scratch space; all three have len(ws).
func largestRemainderInto(out, rems []uint64, order []int, amount uint64, ws []uint64) {
	clear(out)
	var total uint64
	for _, w := range ws {
		total += w
	}
	if total == 0 || amount == 0 {
		return
	}
	left := amount
	for i, w := range ws {
		hi, lo := bits.Mul64(amount, w)
		out[i], rems[i] = bits.Div64(hi, lo, total) // hi < total since w <= total
		left -= out[i]
	}
	if left == 0 {
		return
	}
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(rems[b], rems[a]) })
	for _, i := range order[:left] {
		out[i]++
	}
}
