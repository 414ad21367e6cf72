package node

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/tasks"
)

// TestDatanetWithoutLabels pins the behaviour of a Datanet created with an
// empty label list (README, "Datanets without labels"): it is created; a
// record that carries a label is refused (label_not_in_schema); the
// classifiers accept records without suggesting a label, so review shows
// every record unsure; a vote is a plain accept or a reject, an accept
// with a label is refused (label_not_in_schema); an accepted record is golden with no
// final label, and the dataset export is a text corpus: its rows have an
// empty label.
func TestDatanetWithoutLabels(t *testing.T) {
	nodes := startWorkNodes(t, 1, func(_ int, cfg *Config, _ *Options) { cfg.Tasks.AutoValidate = false })
	n := nodes[0]
	ctx := context.Background()
	d, created, err := n.CreateDatanet(ctx, CreateDatanetRequest{Name: "open", Validators: []string{n.Home().Account.Address().Hex()}, Quorum: 1})
	if err != nil || !created || len(d.Labels) != 0 {
		t.Fatalf("create without labels: %v created=%v labels=%v", err, created, d.Labels)
	}
	res, err := n.SubmitRecords(ctx, d.ID(), []SubmitRecord{{Content: "a record with a label", Label: "art"}, {Content: "a record without one"}})
	if err != nil {
		t.Fatal(err)
	}
	if !errors.Is(res[0].Err, datanet.ErrLabelNotInSchema) || res[0].Code != "label_not_in_schema" {
		t.Fatalf("a labelled record: %+v", res[0])
	}
	if res[1].Err != nil || !res[1].Created {
		t.Fatalf("an unlabelled record: %+v", res[1])
	}
	rec := mustCID(t, res[1].CID)
	var q []RecordWork
	eventually(t, 10*time.Second, "the record classified, in review", func() bool {
		q, err = n.ReviewQueue(10)
		return err == nil && len(q) == 1 && len(q[0].Classify) > 0
	})
	if a := q[0].Classify[0]; !a.Accept || a.Label != "" || q[0].Suggested != "" || q[0].Sure {
		t.Fatalf("classify answer %+v, review %+v", a, q[0])
	}
	if _, err := n.Vote(ctx, rec, tasks.Verdict{Accept: true, Label: "art"}); !errors.Is(err, datanet.ErrLabelNotInSchema) {
		t.Fatalf("a vote with a label: %v, want ErrLabelNotInSchema", err)
	}
	if s, c := errorStatus(datanet.ErrLabelNotInSchema); s != 400 || c != "label_not_in_schema" {
		t.Fatalf("ErrLabelNotInSchema answers %d %q", s, c)
	}
	if _, err := n.Vote(ctx, rec, tasks.Verdict{Accept: true}); err != nil {
		t.Fatalf("a plain accept: %v", err)
	}
	eventually(t, 10*time.Second, "the record golden", finalState(t, nodes, []string{res[1].CID}, datanet.StateGolden))
	if rw, err := n.RecordWork(rec); err != nil || !rw.Final || rw.Verdict.Label != "" || !rw.Verdict.Accept {
		t.Fatalf("record work %+v %v", rw, err)
	}
	if rows := exportLines(t, n.APIURL()+"/api/v1/datanets/"+d.ID().String()+"/export?format=dataset"); len(rows) != 1 ||
		rows[0]["label"] != "" || rows[0]["text"] != "a record without one" {
		t.Fatalf("dataset export of an unlabelled Datanet: %v", rows)
	}
	if lines := exportLines(t, n.APIURL()+"/api/v1/datanets/"+d.ID().String()+"/export?state=golden"); len(lines) != 1 {
		t.Fatalf("export: %v", lines)
	}
}
