package attribution

import (
	"testing"
)

func sumWeights(rs []Record) (n uint64) {
	for _, r := range rs {
		n += r.Weight
	}
	return n
}

// TestBlend: refs take all of the share without evidence and half with
// it, in proportion to their parts, summing exactly; zero parts are left
// out; a record in both is merged.
func TestBlend(t *testing.T) {
	refs := []RecordRef{{CID: "a"}, {CID: "b"}, {CID: "c"}}
	got := Blend(nil, refs, []uint64{1, 1, 1}, MethodTraining)
	if len(got) != 3 || sumWeights(got) != WeightScale || got[0].Weight != 333_333 || got[2].Weight != 333_334 {
		t.Fatalf("no evidence: %+v", got)
	}
	for _, r := range got {
		if r.Method != MethodTraining || r.Score != 1 {
			t.Fatalf("method and score: %+v", r)
		}
	}
	ev := []Record{{CID: "b", Weight: 600_000, Method: MethodSpan, Score: 77}, {CID: "x", Weight: 400_000, Method: MethodSpan, Score: 50}}
	got = Blend(ev, refs, []uint64{0, 3, 1}, MethodCitation)
	if len(got) != 3 || sumWeights(got) != WeightScale {
		t.Fatalf("with evidence: %+v", got)
	}
	if share(got, "b") != 300_000+375_000 || share(got, "c") != 125_000 || share(got, "x") != 200_000 || share(got, "a") != 0 {
		t.Fatalf("with evidence: %+v", got)
	}
	if b := got[0]; b.CID != "b" || b.Method != MethodSpan || b.Score != 77 || got[1].Method != MethodCitation || got[1].Score != 1 {
		t.Fatalf("the evidence keeps its method, a new record takes the blend's: %+v", got)
	}
	if got := Blend(ev, refs, []uint64{0, 0, 0}, MethodCitation); len(got) != 2 || got[0].Weight != 600_000 {
		t.Fatalf("zero parts: %+v", got)
	}
}

// TestEvidenceParts: refs named by the evidence get its weight, others
// nothing; no named ref is not ok.
func TestEvidenceParts(t *testing.T) {
	ev := []Record{{CID: "b", Datanet: "d", Weight: 700}, {CID: "x", Datanet: "d", Weight: 300}}
	parts, ok := EvidenceParts(ev, []RecordRef{{CID: "a", Datanet: "d"}, {CID: "b", Datanet: "d"}, {CID: "b", Datanet: "e"}})
	if !ok || parts[0] != 0 || parts[1] != 700 || parts[2] != 0 {
		t.Fatalf("%v %v", parts, ok)
	}
	if _, ok := EvidenceParts(ev, []RecordRef{{CID: "a", Datanet: "d"}}); ok {
		t.Fatal("no named ref is ok")
	}
}

// TestEffectParts: only positive effects count.
func TestEffectParts(t *testing.T) {
	parts, ok := EffectParts([]int64{-5, 0, 12, 3})
	if !ok || parts[0] != 0 || parts[1] != 0 || parts[2] != 12 || parts[3] != 3 {
		t.Fatalf("%v %v", parts, ok)
	}
	if _, ok := EffectParts([]int64{-1, 0}); ok {
		t.Fatal("no positive effect is ok")
	}
}
