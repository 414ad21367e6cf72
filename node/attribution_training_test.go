package node

import (
	"fmt"
	"testing"

	"github.com/provenet/provenet/attribution"
)

// TestCreditTraining: training records share the data share equally (all
// of it without evidence, half with), the parts sum exactly, unknown
// records are skipped, and with more training records than a receipt
// holds, a request-dependent window of them is credited.
func TestCreditTraining(t *testing.T) {
	s := &spanIndex{refs: map[string]attribution.RecordRef{}}
	var training []string
	for i := 0; i < 300; i++ {
		c := fmt.Sprintf("rec%03d", i)
		s.refs[c] = attribution.RecordRef{CID: c, Datanet: "dn"}
		training = append(training, c)
	}
	sum := func(rs []attribution.Record) (n uint64) {
		for _, r := range rs {
			n += r.Weight
		}
		return n
	}
	few := s.creditTraining(nil, []string{"rec001", "rec002", "rec003", "unknown"}, "req")
	if len(few) != 3 || sum(few) != attribution.WeightScale {
		t.Fatalf("three known training records: %+v", few)
	}
	evidence := []attribution.Record{{CID: "span", Datanet: "dn", Weight: attribution.WeightScale}}
	mixed := s.creditTraining(evidence, []string{"rec001", "rec002", "rec003"}, "req")
	if len(mixed) != 4 || sum(mixed) != attribution.WeightScale {
		t.Fatalf("with evidence: %+v", mixed)
	}
	for _, r := range mixed {
		if r.CID == "span" && r.Weight != attribution.WeightScale/2 {
			t.Fatalf("evidence keeps half: %+v", r)
		}
	}
	a, b := s.creditTraining(nil, training, "req-a"), s.creditTraining(nil, training, "req-b")
	if len(a) != attribution.MaxRecords || len(b) != attribution.MaxRecords || sum(a) != attribution.WeightScale {
		t.Fatalf("capped: %d and %d records, sum %d", len(a), len(b), sum(a))
	}
	same := true
	for i := range a {
		same = same && a[i].CID == b[i].CID
	}
	if same {
		t.Fatal("two requests credit the same window of training records")
	}
	if got := s.creditTraining(evidence, nil, "req"); len(got) != 1 || got[0].Weight != attribution.WeightScale {
		t.Fatalf("no training records: %+v", got)
	}
	// The answer repeats training record rec007 (and a record that is
	// not a training record): the training part goes to rec007 alone, not
	// to all 300.
	named := []attribution.Record{
		{CID: "other", Datanet: "dn", Weight: 400_000},
		{CID: "rec007", Datanet: "dn", Weight: 600_000},
	}
	got := s.creditTraining(named, training, "req")
	if len(got) != 2 || sum(got) != attribution.WeightScale || got[1].CID != "rec007" || got[1].Weight != 300_000+500_000 {
		t.Fatalf("training by evidence: %+v", got)
	}
}
