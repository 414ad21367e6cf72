package node

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/provenet/provenet/gpu/train"
)

func (n *Node) hasIdleTrainerPeer() bool { return len(n.idleTrainers("")) > 0 }

func deleteAPI(t *testing.T, n *Node, path string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodDelete, n.APIURL()+path, nil)
	tok, _ := ReadToken(n.Home().Dir)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestFactoryJobRunsOnIdlePeer: a node without the inference role orders
// a fine-tune from the GPU peer that advertises an idle trainer. The
// trainer checks the requester's signed order and grant, trains, and
// streams progress; the requester's job list shows it live, the result
// names the requester as owner and the peer as trainer, and the adapter
// is reachable from the requester through inference routing. Cancelling
// on the requester cancels the job on the trainer. A forged, misaddressed
// or replayed order is rejected.
func TestFactoryJobRunsOnIdlePeer(t *testing.T) {
	nodes, d, _ := factoryNetwork(t, "factory-remote", []string{"Beware of bugs in the above code; I have only proved it correct, not tried it.",
		"Simple things should be simple, complex things should be possible.",
		"Premature optimization is the root of all evil."})
	owner, trainer, requester := nodes[0], nodes[1], nodes[2]
	eventually(t, 20*time.Second, "the trainer's advertisement", requester.hasIdleTrainerPeer)

	job := map[string]any{"datanet": d.ID().String(), "name": "quips-remote", "steps": 4, "batch": 2, "seq": 64}
	if code, out := postJSON(t, requester, "/api/v1/factory/jobs", job); code != http.StatusForbidden {
		t.Fatalf("remote job without a grant: %d %v", code, out)
	}
	if code, out := postJSON(t, owner, "/api/v1/factory/access", map[string]any{"datanet": d.ID().String(), "grantee": requester.Home().Account.Address().Hex()}); code != http.StatusCreated {
		t.Fatalf("grant: %d %v", code, out)
	}
	eventually(t, 10*time.Second, "grant reaches both", func() bool {
		a := requester.Home().Account.Address()
		return requester.granted(d.ID().String(), a, time.Now()) == nil && trainer.granted(d.ID().String(), a, time.Now()) == nil
	})
	code, out := postJSON(t, requester, "/api/v1/factory/jobs", job)
	if code != http.StatusAccepted || out["peer"] != trainer.Host().ID().String() {
		t.Fatalf("remote job: %d %v", code, out)
	}
	id, _ := out["id"].(string)
	var view struct {
		State, Error, Peer string
		Progress           train.Progress
		Adapter            *Provenance
	}
	sawProgress := false
	eventually(t, 3*time.Minute, "remote job done", func() bool {
		getJSON(t, requester.APIURL()+"/api/v1/factory/jobs/"+id, &view)
		if view.State == "failed" {
			t.Fatalf("remote job failed: %s", view.Error)
		}
		sawProgress = sawProgress || view.Progress.Step > 0
		return view.State == "done"
	})
	p := view.Adapter
	if p == nil || p.Owner != requester.Home().Account.Address().Hex() || p.Trainer != trainer.Host().ID().String() ||
		len(p.Records)+len(p.HeldOut) != 3 || len(p.Records) == 0 || p.AdapterCID == "" || !sawProgress && view.Progress.Step != 4 {
		t.Fatalf("remote result %+v, progress %+v", p, view.Progress)
	}
	var tj struct{ Jobs []factoryJob }
	getJSON(t, trainer.APIURL()+"/api/v1/factory/jobs", &tj)
	if len(tj.Jobs) != 1 || tj.Jobs[0].Result == nil || tj.Jobs[0].Result.AdapterCID != p.AdapterCID {
		t.Fatalf("trainer's jobs: %+v", tj.Jobs)
	}
	// The requester reaches the new adapter through inference routing once
	// the trainer's advertisement lists it.
	eventually(t, 20*time.Second, "adapter advertised", func() bool {
		_, _, ok := requester.pickGPUPeer("quips-remote")
		return ok
	})
	resp, err := http.Post(requester.APIURL()+"/v1/completions", "application/json",
		strings.NewReader(`{"model":"quips-remote","prompt":"Premature","max_tokens":5,"temperature":0}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("routed completion with the remote adapter: %d", resp.StatusCode)
	}

	// Cancelling on the requester cancels on the trainer.
	eventually(t, 20*time.Second, "trainer idle again", requester.hasIdleTrainerPeer)
	long := map[string]any{"datanet": d.ID().String(), "name": "quips-long", "steps": 100000, "batch": 2, "seq": 64, "where": "remote"}
	code, out = postJSON(t, requester, "/api/v1/factory/jobs", long)
	if code != http.StatusAccepted {
		t.Fatalf("long job: %d %v", code, out)
	}
	id, _ = out["id"].(string)
	eventually(t, time.Minute, "long job running", func() bool {
		getJSON(t, requester.APIURL()+"/api/v1/factory/jobs/"+id, &view)
		return view.State == "running"
	})
	if c := deleteAPI(t, requester, "/api/v1/factory/jobs/"+id); c != http.StatusNoContent {
		t.Fatalf("cancel: %d", c)
	}
	eventually(t, 30*time.Second, "cancelled on the trainer", func() bool {
		getJSON(t, trainer.APIURL()+"/api/v1/factory/jobs", &tj)
		for _, j := range tj.Jobs {
			if j.Request.Name == "quips-long" {
				return j.State == "cancelled"
			}
		}
		return false
	})
	getJSON(t, requester.APIURL()+"/api/v1/factory/jobs/"+id, &view)
	if view.State != "cancelled" {
		t.Fatalf("requester's view after cancel: %s", view.State)
	}

	// Resuming on the requester continues the job on the trainer from the
	// checkpoint it wrote when cancelled.
	var resumed struct {
		State       string
		Resumed     int
		ResumedFrom int `json:"resumed_from_step"`
		Progress    train.Progress
	}
	if code, out := postJSON(t, requester, "/api/v1/factory/jobs/"+id+"/resume", nil); code != http.StatusAccepted {
		t.Fatalf("resume: %d %v", code, out)
	}
	eventually(t, 30*time.Second, "resumed job running past its checkpoint", func() bool {
		getJSON(t, requester.APIURL()+"/api/v1/factory/jobs/"+id, &resumed)
		return resumed.State == "running" && resumed.Resumed == 1 && resumed.ResumedFrom > 0 && resumed.Progress.Step > resumed.ResumedFrom
	})
	if code, out := postJSON(t, requester, "/api/v1/factory/jobs/"+id+"/resume", nil); code != http.StatusConflict {
		t.Fatalf("resuming a running job: %d %v", code, out)
	}
	if c := deleteAPI(t, requester, "/api/v1/factory/jobs/"+id); c != http.StatusNoContent {
		t.Fatalf("cancel again: %d", c)
	}
	eventually(t, 30*time.Second, "cancelled again", func() bool {
		getJSON(t, requester.APIURL()+"/api/v1/factory/jobs/"+id, &resumed)
		return resumed.State == "cancelled"
	})

	// Both ends counted the jobs.
	rm, tm := requester.metrics.(*PromMetrics), trainer.metrics.(*PromMetrics)
	eventually(t, 10*time.Second, "factory metrics", func() bool {
		return testutil.ToFloat64(rm.fjobs.WithLabelValues("remote", "done")) == 1 &&
			testutil.ToFloat64(rm.fjobs.WithLabelValues("remote", "cancelled")) == 2 &&
			testutil.ToFloat64(tm.fjobs.WithLabelValues("for-peer", "done")) == 1 &&
			testutil.ToFloat64(tm.fjobs.WithLabelValues("for-peer", "cancelled")) == 2 &&
			testutil.ToFloat64(tm.ftokens.WithLabelValues("for-peer")) > 0
	})

	// Orders the trainer must refuse.
	body, _ := json.Marshal(factoryOrderBody{Request: withFactoryDefaults(FactoryJobRequest{Datanet: d.ID().String()}),
		Requester: requester.Home().Account.Address().Hex(), Trainer: trainer.Host().ID().String(), At: time.Now().UnixMilli()})
	sig, _ := requester.Home().Account.SignDigest(factoryOrderDigest(body))
	forged, _ := owner.Home().Account.SignDigest(factoryOrderDigest(body))
	if _, _, err := trainer.checkFactoryOrder(factoryOrder{Body: body, Sig: forged}, time.Now()); !errors.Is(err, ErrBadOrder) {
		t.Fatalf("an order signed by someone else: %v", err)
	}
	if _, _, err := owner.checkFactoryOrder(factoryOrder{Body: body, Sig: sig}, time.Now()); !errors.Is(err, ErrBadOrder) {
		t.Fatalf("an order for another trainer: %v", err)
	}
	if _, _, err := trainer.checkFactoryOrder(factoryOrder{Body: body, Sig: sig}, time.Now().Add(time.Hour)); !errors.Is(err, ErrBadOrder) {
		t.Fatalf("a stale order: %v", err)
	}
	if _, _, err := trainer.checkFactoryOrder(factoryOrder{Body: body, Sig: sig}, time.Now()); err != nil {
		t.Fatalf("a good order: %v", err)
	}
	if _, _, err := trainer.checkFactoryOrder(factoryOrder{Body: body, Sig: sig}, time.Now()); !errors.Is(err, ErrBadOrder) {
		t.Fatalf("a replayed order: %v", err)
	}

	// Two peers' orders arriving together: one job starts, the other is
	// told the trainer is busy.
	both := withFactoryDefaults(FactoryJobRequest{Datanet: d.ID().String(), Name: "race", Steps: 100000, Batch: 2, Seq: 64})
	type outcome struct {
		job *factoryJob
		err error
	}
	results := make(chan outcome, 2)
	for i := 0; i < 2; i++ {
		go func() {
			j, err := trainer.startLocalFactoryJobIf(both, requester.Home().Account.Address(), true)
			results <- outcome{j, err}
		}()
	}
	var started, busy int
	for i := 0; i < 2; i++ {
		r := <-results
		switch err := r.err; {
		case err == nil:
			started++
			trainer.factory.cancel(r.job)
		case errors.Is(err, errBusy):
			busy++
		default:
			t.Fatalf("concurrent order: %v", err)
		}
	}
	if started != 1 || busy != 1 {
		t.Fatalf("two concurrent orders: %d started, %d busy", started, busy)
	}
}
