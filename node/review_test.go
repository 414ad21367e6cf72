package node

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/tasks"
)

// TestHumanValidatorsReviewAndVote: with automatic validation off, the
// validators' review queue lists the unlabelled records (unsure: no
// classifier knows a label yet); their votes through Node.Vote make the
// records final everywhere.
func TestHumanValidatorsReviewAndVote(t *testing.T) {
	nodes := startWorkNetworkWith(t, 3, func(_ int, cfg *Config, _ *Options) { cfg.Tasks.AutoValidate = false })
	d := quipsDatanet(t, nodes, "review")
	res, err := nodes[0].SubmitRecords(context.Background(), d.ID(), []SubmitRecord{{Content: "a painting of a cat"}, {Content: "the speed of light"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range nodes[1:] {
		eventually(t, 10*time.Second, "records in the review queue, classified", func() bool {
			q, err := v.ReviewQueue(10)
			return err == nil && len(q) == 2 && len(q[0].Classify) > 0 && q[0].Unsure()
		})
	}
	if q, _ := nodes[0].ReviewQueue(10); len(q) != 0 {
		t.Fatal("a node that is not a validator has a review queue")
	}
	labels := []string{"art", "science"}
	for _, v := range nodes[1:] {
		for i, r := range res {
			if _, err := v.Vote(context.Background(), mustCID(t, r.CID), tasks.Verdict{Accept: true, Label: labels[i]}); err != nil {
				t.Fatal(err)
			}
		}
		if q, _ := v.ReviewQueue(10); len(q) != 0 {
			t.Fatalf("voted records still in the queue: %d", len(q))
		}
	}
	eventually(t, 20*time.Second, "final everywhere", finalState(t, nodes, []string{res[0].CID, res[1].CID}, datanet.StateGolden))
	for i, r := range res {
		rw, err := nodes[0].RecordWork(mustCID(t, r.CID))
		if err != nil || !rw.Final || rw.Verdict.Label != labels[i] || len(rw.Votes) != 2 {
			t.Fatalf("record work %+v %v", rw, err)
		}
	}
	if _, err := nodes[0].Vote(context.Background(), mustCID(t, res[0].CID), tasks.Verdict{Accept: true, Label: "art"}); err == nil {
		t.Fatal("a node outside the whitelist voted")
	}
	// A validator's vote on a final record is refused; a vote that is not
	// exactly accept-with-label or reject is refused before it is signed.
	ctx := context.Background()
	if _, err := nodes[1].Vote(ctx, mustCID(t, res[0].CID), tasks.Verdict{Label: "science"}); !errors.Is(err, tasks.ErrVerdict) {
		t.Fatalf("reject with a label: got %v, want ErrVerdict", err)
	}
	if _, err := nodes[1].Vote(ctx, mustCID(t, res[0].CID), tasks.Verdict{Accept: true}); !errors.Is(err, tasks.ErrVerdict) {
		t.Fatalf("accept without a label: got %v, want ErrVerdict", err)
	}
	if _, err := nodes[1].Vote(ctx, mustCID(t, res[0].CID), tasks.Verdict{Accept: true, Label: "science"}); !errors.Is(err, tasks.ErrFinal) {
		t.Fatalf("a vote on a final record: got %v, want ErrFinal", err)
	}
	if s, c := errorStatus(tasks.ErrFinal); s != 409 || c != "record_final" {
		t.Fatalf("ErrFinal answers %d %q", s, c)
	}
	// Bad owner input is refused, not reinterpreted.
	if _, err := nodes[0].Seed(ctx, d.ID(), nil, "http://127.0.0.1:1/", -1); !errors.Is(err, tasks.ErrInvalid) {
		t.Fatalf("seed max_pages -1: got %v, want ErrInvalid", err)
	}
	dup := []GoldEntry{{Record: res[0].CID, Accept: true, Label: "art"}, {Record: res[0].CID, Accept: true, Label: "art"}}
	if _, err := nodes[0].MarkGold(ctx, d.ID(), dup); !errors.Is(err, tasks.ErrInvalid) {
		t.Fatalf("duplicate gold entries: got %v, want ErrInvalid", err)
	}
	// The final label is part of the record wherever it is read: the record,
	// the list, the export and the labelled dataset, on every node.
	for _, nd := range nodes {
		var rec datanet.StoredRecord
		if code := getJSON(t, nd.APIURL()+"/api/v1/records/"+res[1].CID, &rec); code != 200 || rec.Final == nil || rec.Final.Label != "science" {
			t.Fatalf("GET record: %d %+v", code, rec.Final)
		}
		var list struct{ Records []datanet.StoredRecord }
		if getJSON(t, nd.APIURL()+"/api/v1/datanets/"+d.ID().String()+"/records", &list); len(list.Records) != 2 {
			t.Fatalf("listed %d records, want 2", len(list.Records))
		}
		for _, r := range list.Records {
			if r.Final == nil || r.Final.Label == "" {
				t.Fatalf("listed record %s without its final label", r.CID)
			}
		}
		rows := exportLines(t, nd.APIURL()+"/api/v1/datanets/"+d.ID().String()+"/export?format=dataset")
		if len(rows) != 2 {
			t.Fatalf("dataset export: %d rows, want 2", len(rows))
		}
		for _, row := range rows {
			if row["label"] == "" || row["text"] == "" || row["cid"] == "" || row["contributor"] == "" {
				t.Fatalf("dataset row %v", row)
			}
		}
		lines := exportLines(t, nd.APIURL()+"/api/v1/datanets/"+d.ID().String()+"/export")
		if len(lines) != 2 {
			t.Fatalf("export: %d lines, want 2", len(lines))
		}
		for _, line := range lines {
			if _, ok := line["final"]; !ok {
				t.Fatalf("export line without final: %v", line)
			}
		}
	}
}

func exportLines(t *testing.T, url string) []map[string]any {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out []map[string]any
	dec := json.NewDecoder(resp.Body)
	for dec.More() {
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}
