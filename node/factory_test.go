package node

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/gpu/train"
)

func postJSON(t *testing.T, n *Node, path string, body any) (int, map[string]any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, n.APIURL()+path, bytes.NewReader(b))
	tok, _ := ReadToken(n.Home().Dir)
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// factoryNetwork starts three connected nodes, the second with the
// inference role over the embedded base, has the first create a Datanet
// (validators: the other two) and submit texts, and waits until they are
// golden everywhere. It returns the nodes, the Datanet and the records'
// CIDs.
func factoryNetwork(t *testing.T, name string, texts []string) ([]*Node, *datanet.Datanet, []string) {
	t.Helper()
	base := filepath.Join(t.TempDir(), "base")
	if err := train.WriteBaseModel(base); err != nil {
		t.Fatal(err)
	}
	var nodes []*Node
	for i := 0; i < 3; i++ {
		cfg := workConfig()
		if i == 1 {
			cfg.GPU.Enabled, cfg.GPU.Model, cfg.GPU.KVTokens = true, base, 4096
		}
		nodes = append(nodes, startNode(t, cfg))
	}
	connect(t, nodes[1], nodes[0])
	connect(t, nodes[2], nodes[0])
	connect(t, nodes[2], nodes[1])
	waitWorkers(t, nodes, 3)
	d := quipsDatanet(t, nodes, name)
	var subs []SubmitRecord
	for _, s := range texts {
		subs = append(subs, SubmitRecord{Content: s, Label: "science"})
	}
	res, err := nodes[0].SubmitRecords(context.Background(), d.ID(), subs)
	if err != nil {
		t.Fatal(err)
	}
	var cids []string
	for _, r := range res {
		cids = append(cids, r.CID)
	}
	eventually(t, 30*time.Second, "records golden", finalState(t, nodes, cids, datanet.StateGolden))
	return nodes, d, cids
}

// TestFactoryJobNeedsGrantAndServesAdapter: a GPU node may not train on a
// Datanet it does not own without the owner's signed grant; with it, the
// job fine-tunes a LoRA adapter on the golden records, writes its
// provenance, and the node serves the adapter at once.
func TestFactoryJobNeedsGrantAndServesAdapter(t *testing.T) {
	nodes, d, _ := factoryNetwork(t, "factory", []string{"Beware of bugs in the above code; I have only proved it correct, not tried it.",
		"Simple things should be simple, complex things should be possible.",
		"Premature optimization is the root of all evil.",
		"Programs must be written for people to read, and only incidentally for machines to execute."})
	owner, trainer := nodes[0], nodes[1]

	job := map[string]any{"datanet": d.ID().String(), "name": "quips-ft", "steps": 3, "batch": 2, "seq": 64}
	if code, out := postJSON(t, trainer, "/api/v1/factory/jobs", job); code != http.StatusForbidden {
		t.Fatalf("job without a grant: %d %v", code, out)
	}
	if code, out := postJSON(t, trainer, "/api/v1/factory/access", map[string]any{"datanet": d.ID().String()}); code != http.StatusCreated {
		t.Fatalf("request: %d %v", code, out)
	}
	if code, out := postJSON(t, nodes[2], "/api/v1/factory/access", map[string]any{"datanet": d.ID().String(), "grantee": trainer.Home().Account.Address().Hex()}); code != http.StatusForbidden {
		t.Fatalf("a grant by a non-owner: %d %v", code, out)
	}
	if code, out := postJSON(t, owner, "/api/v1/factory/access", map[string]any{"datanet": d.ID().String(), "grantee": trainer.Home().Account.Address().Hex()}); code != http.StatusCreated {
		t.Fatalf("grant: %d %v", code, out)
	}
	eventually(t, 10*time.Second, "grant reaches the trainer", func() bool {
		return trainer.granted(d.ID().String(), trainer.Home().Account.Address(), time.Now()) == nil
	})
	code, out := postJSON(t, trainer, "/api/v1/factory/jobs", job)
	if code != http.StatusAccepted {
		t.Fatalf("job: %d %v", code, out)
	}
	id, _ := out["id"].(string)
	var view struct {
		State   string
		Error   string
		Adapter *Provenance
	}
	eventually(t, 3*time.Minute, "job done", func() bool {
		getJSON(t, trainer.APIURL()+"/api/v1/factory/jobs/"+id, &view)
		if view.State == "failed" {
			t.Fatalf("job failed: %s", view.Error)
		}
		return view.State == "done"
	})
	if view.Adapter == nil || len(view.Adapter.Records)+len(view.Adapter.HeldOut) != 4 || len(view.Adapter.Records) == 0 || view.Adapter.Datanet != d.ID().String() || view.Adapter.AdapterCID == "" {
		t.Fatalf("provenance %+v", view.Adapter)
	}
	if err := trainer.attr.index.refresh(false); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(trainer.APIURL()+"/v1/completions", "application/json",
		strings.NewReader(`{"model":"quips-ft","prompt":"Premature","max_tokens":5,"temperature":0}`))
	if err != nil {
		t.Fatal(err)
	}
	var comp struct {
		XProvenet struct {
			ReceiptID string               `json:"receipt_id"`
			Records   []attribution.Record `json:"records"`
		} `json:"x_provenet"`
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err := json.Unmarshal(raw, &comp); err != nil {
		t.Fatalf("completion %s: %v", raw, err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("serving the trained adapter: %d", resp.StatusCode)
	}
	// Five output tokens cannot repeat an 8-token span, so the receipt's
	// data share goes to the records that trained the adapter (the
	// training split, not the held-out records), equally.
	trained := view.Adapter.Records
	got := map[string]uint64{}
	var sum uint64
	for _, r := range comp.XProvenet.Records {
		got[r.CID] += r.Weight
		sum += r.Weight
		if r.Contributor != owner.Home().Account.Address() {
			t.Fatalf("record %s credited to %s", r.CID, r.Contributor)
		}
	}
	if comp.XProvenet.ReceiptID == "" || len(got) != len(trained) || sum != attribution.WeightScale {
		t.Fatalf("completion %s: want the %d training records sharing %d", raw, len(trained), attribution.WeightScale)
	}
	for _, c := range trained {
		if got[c] < attribution.WeightScale/uint64(len(trained)) {
			t.Fatalf("training record %s got %d", c, got[c])
		}
	}

	// A job survives a restart of its node: stopping the node cancels it
	// (with a checkpoint); the restarted node lists it and resumes it.
	long := map[string]any{"datanet": d.ID().String(), "name": "quips-long", "steps": 100000, "batch": 2, "seq": 64}
	code, out = postJSON(t, trainer, "/api/v1/factory/jobs", long)
	if code != http.StatusAccepted {
		t.Fatalf("long job: %d %v", code, out)
	}
	longID, _ := out["id"].(string)
	var lv struct {
		State       string
		Resumed     int
		ResumedFrom int `json:"resumed_from_step"`
		Progress    train.Progress
	}
	eventually(t, time.Minute, "long job past its first checkpoint", func() bool {
		getJSON(t, trainer.APIURL()+"/api/v1/factory/jobs/"+longID, &lv)
		return lv.Progress.Step > factoryCheckpointEvery
	})
	if err := trainer.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	cfg := trainer.cfg
	restarted := startNodeAt(t, cfg, trainer.Home())
	getJSON(t, restarted.APIURL()+"/api/v1/factory/jobs/"+longID, &lv)
	if lv.State != "cancelled" {
		t.Fatalf("after the restart the job is %q", lv.State)
	}
	if code, out := postJSON(t, restarted, "/api/v1/factory/jobs/"+longID+"/resume", nil); code != http.StatusAccepted {
		t.Fatalf("resume after restart: %d %v", code, out)
	}
	eventually(t, time.Minute, "resumed after the restart", func() bool {
		getJSON(t, restarted.APIURL()+"/api/v1/factory/jobs/"+longID, &lv)
		return lv.State == "running" && lv.Resumed == 1 && lv.ResumedFrom > factoryCheckpointEvery && lv.Progress.Step > lv.ResumedFrom
	})
}
