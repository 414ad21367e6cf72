package attribution

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func randRecords(rng *rand.Rand, n, maxLen, vocab int) []IndexRecord {
	recs := make([]IndexRecord, n)
	for i := range recs {
		toks := make([]int32, rng.IntN(maxLen+1))
		for j := range toks {
			toks[j] = int32(rng.IntN(vocab))
		}
		recs[i] = IndexRecord{Ref: RecordRef{CID: fmt.Sprintf("r%03d", i), Datanet: "d", Contributor: testAddr(i)}, Tokens: toks}
	}
	return recs
}

// naiveOccurrences counts the occurrences of pat in the records and lists
// the records holding it.
func naiveOccurrences(recs []IndexRecord, pat []int32) (int, []string) {
	occ := 0
	var ids []string
	for _, r := range recs {
		found := false
		for s := 0; s+len(pat) <= len(r.Tokens); s++ {
			if slices.Equal(r.Tokens[s:s+len(pat)], pat) {
				occ++
				found = true
			}
		}
		if found {
			ids = append(ids, r.Ref.CID)
		}
	}
	return occ, ids
}

func naiveLongest(recs []IndexRecord, pat []int32) int {
	l := 0
	for l < len(pat) {
		if occ, _ := naiveOccurrences(recs, pat[:l+1]); occ == 0 {
			break
		}
		l++
	}
	return l
}

func TestAttributeMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for iter := range 200 {
		vocab := 2 + rng.IntN(5)
		recs := randRecords(rng, 1+rng.IntN(8), 40, vocab)
		ix, err := NewIndex(recs)
		if err != nil {
			t.Fatal(err)
		}
		out := make([]int32, rng.IntN(60))
		for i := range out {
			out[i] = int32(rng.IntN(vocab + 1)) // vocab itself never occurs
		}
		if iter%5 == 0 && len(out) > 0 {
			out[0] = -3 // out of range: matches nothing
		}
		opts := AttributeOptions{MinSpan: 1 + rng.IntN(4), MaxRecordsPerSpan: 1000}
		got := ix.Attribute(out, opts)

		var want []Match
		maxEnd := 0
		for i := range out {
			if out[i] < 0 || len(out)-i < opts.MinSpan {
				continue
			}
			l := naiveLongest(recs, out[i:])
			if l < opts.MinSpan || i+l <= maxEnd {
				continue
			}
			maxEnd = i + l
			occ, ids := naiveOccurrences(recs, out[i:i+l])
			want = append(want, Match{Start: i, End: i + l, Occurrences: occ, Records: refsOf(recs, ids)})
		}
		if len(got) != len(want) {
			t.Fatalf("iter %d: %d matches, want %d\n%+v\n%+v", iter, len(got), len(want), got, want)
		}
		for i := range got {
			g, w := got[i], want[i]
			if g.Start != w.Start || g.End != w.End || g.Occurrences != w.Occurrences || !slices.Equal(g.Records, w.Records) || g.Truncated {
				t.Fatalf("iter %d match %d: got %+v want %+v", iter, i, g, w)
			}
		}
	}
}

func refsOf(recs []IndexRecord, ids []string) []RecordRef {
	var out []RecordRef
	for _, r := range recs {
		if slices.Contains(ids, r.Ref.CID) {
			out = append(out, r.Ref)
		}
	}
	slices.SortFunc(out, compareRef)
	return out
}

func TestAttributeCopiedSpans(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	recs := randRecords(rng, 50, 500, 1000)
	ix, err := NewIndex(recs)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]int32, 0, 100)
	for range 10 {
		out = append(out, int32(1000+rng.IntN(10))) // never in the corpus
	}
	out = append(out, recs[7].Tokens[100:130]...)
	out = append(out, 5000)
	out = append(out, recs[31].Tokens[10:22]...)
	ms := ix.Attribute(out, DefaultAttributeOptions())
	if len(ms) != 2 || ms[0].Start != 10 || ms[0].End != 40 || ms[1].Start != 41 || ms[1].End != 53 {
		t.Fatalf("matches %+v", ms)
	}
	if ms[0].Records[0].CID != "r007" || ms[1].Records[0].CID != "r031" {
		t.Fatalf("records %+v", ms)
	}
	ws := Weigh(ms, ix.Records(), MaxRecords)
	var sum uint64
	for _, w := range ws {
		sum += w.Weight
	}
	if len(ws) != 2 || sum != WeightScale || ws[0].Weight <= ws[1].Weight {
		t.Fatalf("weights %+v", ws)
	}
}

func TestLog2Q16(t *testing.T) {
	for _, c := range [][2]uint64{{1, 1}, {2, 1}, {3, 1}, {10, 3}, {1 << 40, 7}, {1000001, 1000000}, {math.MaxUint32, 1}} {
		got := float64(log2Q16(c[0], c[1])) / 65536
		want := math.Log2(float64(c[0]) / float64(c[1]))
		if math.Abs(got-want) > 2.0/65536 {
			t.Errorf("log2(%d/%d) = %f, want %f", c[0], c[1], got, want)
		}
	}
	if log2Q16(1, 2) != 0 || log2Q16(1, 0) != 0 {
		t.Fatal("edge")
	}
}

func TestIndexSerialization(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	recs := randRecords(rng, 30, 200, 50)
	recs[3].Tokens = nil // an empty record
	ix, err := NewIndex(recs)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	n, err := ix.WriteTo(&buf)
	if err != nil || n != int64(buf.Len()) {
		t.Fatal(n, err)
	}
	back, err := ReadIndex(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(back.text, ix.text) || !slices.Equal(back.sa, ix.sa) || !slices.Equal(back.starts, ix.starts) || !slices.Equal(back.refs, ix.refs) {
		t.Fatal("round trip differs")
	}
	data := buf.Bytes()
	for _, cut := range []int{0, 7, 31, 32, len(data) / 2, len(data) - 1} {
		if _, err := ReadIndex(bytes.NewReader(data[:cut])); !errors.Is(err, ErrIndexFormat) {
			t.Errorf("cut %d: %v", cut, err)
		}
	}
	for _, pos := range []int{0, 8, 40, len(data) / 2, len(data) - 2} {
		bad := slices.Clone(data)
		bad[pos] ^= 0x40
		if _, err := ReadIndex(bytes.NewReader(bad)); !errors.Is(err, ErrIndexFormat) {
			t.Errorf("flip %d: %v", pos, err)
		}
	}
	empty, _ := NewIndex(nil)
	buf.Reset()
	if _, err := empty.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if e, err := ReadIndex(&buf); err != nil || e.Len() != 0 || len(e.Attribute([]int32{1, 2, 3}, AttributeOptions{MinSpan: 1})) != 0 {
		t.Fatal(err)
	}
}

func FuzzReadIndex(f *testing.F) {
	ix, _ := NewIndex(randRecords(rand.New(rand.NewPCG(1, 1)), 3, 10, 4))
	var buf bytes.Buffer
	ix.WriteTo(&buf)
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		if ix, err := ReadIndex(bytes.NewReader(data)); err == nil {
			ix.Attribute([]int32{0, 1, 2, 3, 0, 1}, AttributeOptions{MinSpan: 1})
		}
	})
}

func TestBuilderSideIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	recs := randRecords(rng, 20, 300, 500)
	b := NewBuilder(1000)
	if err := b.Rebuild(recs[:10]); err != nil {
		t.Fatal(err)
	}
	if err := b.Add(recs[15]); err != nil {
		t.Fatal(err)
	}
	out := append(slices.Clone(recs[2].Tokens[:20]), 900)
	out = append(out, recs[15].Tokens[50:70]...)
	ms, err := b.Attribute(out, DefaultAttributeOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 2 || ms[1].Records[0].CID != "r015" {
		t.Fatalf("%+v", ms)
	}
	ws, err := b.Records(out, DefaultAttributeOptions())
	if err != nil || len(ws) != 2 {
		t.Fatal(ws, err)
	}
	// The side limit.
	big := IndexRecord{Ref: RecordRef{CID: "big"}, Tokens: make([]int32, 2000)}
	if err := b.Add(big); !errors.Is(err, ErrIndexFull) {
		t.Fatal(err)
	}
	if err := b.Add(IndexRecord{Tokens: []int32{-1}}); !errors.Is(err, ErrBadToken) {
		t.Fatal(err)
	}
	// A rebuild that includes the side record drops it from the side.
	if err := b.Rebuild(recs[:16]); err != nil {
		t.Fatal(err)
	}
	if b.NumRecords() != 16 {
		t.Fatal(b.NumRecords())
	}
	ms, _ = b.Attribute(out, DefaultAttributeOptions())
	if len(ms) != 2 || ms[1].Occurrences != 1 {
		t.Fatalf("%+v", ms)
	}
}
