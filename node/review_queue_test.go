package node

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/tasks"
)

// debianParagraph is a paragraph in the style of Debian's documentation,
// long enough (about 130 words) that a one-word edit leaves a text whose
// shingle Jaccard similarity to it is about 0.95: a near-duplicate.
const debianParagraph = `Every Debian package has a control file that names the package, its version, ` +
	`the architecture it was built for and the packages it depends on. The package ` +
	`management tools read these fields before they unpack anything, so that a system ` +
	`never ends up with a library missing or with two packages that claim the same ` +
	`file. When a maintainer uploads a new version, the archive software checks the ` +
	`signature on the upload, compares the version with the one already in the ` +
	`archive and refuses an upload whose version is not greater. Mirrors copy the ` +
	`archive several times a day, and each user's apt fetches the package lists from ` +
	`a mirror, verifies them against the signed release file and computes which ` +
	`packages must be installed, upgraded or removed. A package that fails to ` +
	`configure is left half installed, and the next run of the tools tries to ` +
	`configure it again before doing anything else, which keeps the system consistent.`

// TestReviewQueueShowsSuggestionSourceAgeAndDuplicates: GET /api/v1/review
// shows, per pending record, the suggested label with its confidence and
// whether the classifier was sure, the source of a crawled record, a
// one-line excerpt, the pending age and, for a near-duplicate of an earlier
// record, that record; unsure records come first, then the oldest.
func TestReviewQueueShowsSuggestionSourceAgeAndDuplicates(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte("<html><head><title>Packages</title></head><body><p>" + debianParagraph + "</p></body></html>"))
	}))
	defer srv.Close()
	nodes := startWorkNodes(t, 1, func(_ int, cfg *Config, opts *Options) {
		cfg.Tasks.AutoValidate = false
		// Confidences exact in binary, on both sides of [tasks] confidence 0.8.
		opts.Classify = func(_ context.Context, _ *datanet.Datanet, r *datanet.StoredRecord) (tasks.Verdict, float64) {
			if strings.Contains(r.Content, "cat") {
				return tasks.Verdict{Accept: true, Label: "art"}, 0.875
			}
			return tasks.Verdict{Accept: true, Label: "science"}, 0.25
		}
	})
	n := nodes[0]
	d := createDatanetEverywhere(t, nodes, CreateDatanetRequest{Name: "review-fields", Labels: []string{"art", "science"},
		Validators: []string{n.Home().Account.Address().Hex()}, Quorum: 1})
	ctx := context.Background()
	page := srv.URL + "/packages.html"
	if _, err := n.Seed(ctx, d.ID(), []string{page}, "", 0); err != nil {
		t.Fatal(err)
	}
	var crawled *datanet.StoredRecord
	eventually(t, 20*time.Second, "the crawled record", func() bool {
		recs, _, err := n.Store().ListRecords(datanet.Query{Datanet: d.ID()})
		if err == nil && len(recs) == 1 {
			crawled = recs[0]
		}
		return crawled != nil
	})
	submit := func(content string) string {
		time.Sleep(5 * time.Millisecond) // a later signed time than the record before
		res, err := n.SubmitRecords(ctx, d.ID(), []SubmitRecord{{Content: content}})
		if err != nil || res[0].Err != nil {
			t.Fatalf("submit: %v %+v", err, res)
		}
		return res[0].CID
	}
	unsure := submit("the speed of light in a vacuum\nis the same for every observer")
	sure := submit("a painting of a cat asleep on a windowsill, in oil on canvas, signed by the painter in the corner")
	nearDup := submit(strings.Replace(crawled.Content, "several times a day", "several times an hour", 1))

	type reviewJSON struct {
		Records []map[string]any `json:"records"`
	}
	var q reviewJSON
	eventually(t, 20*time.Second, "four classified records in the queue", func() bool {
		q = reviewJSON{}
		if code := getJSON(t, n.APIURL()+"/api/v1/review", &q); code != 200 || len(q.Records) != 4 {
			return false
		}
		for _, r := range q.Records {
			if c, _ := r["classify"].([]any); len(c) == 0 {
				return false
			}
		}
		return true
	})
	var order []string
	byCID := map[string]map[string]any{}
	for _, r := range q.Records {
		for _, f := range []string{"suggested_label", "confidence", "sure", "excerpt", "created_at", "pending_age_ms"} {
			if _, ok := r[f]; !ok {
				t.Errorf("record %v: no field %q", r["record"], f)
			}
		}
		order = append(order, r["record"].(string))
		byCID[r["record"].(string)] = r
	}
	// Unsure first (oldest first among them), then the sure one.
	want := []string{crawled.CID.String(), unsure, nearDup, sure}
	if strings.Join(order, " ") != strings.Join(want, " ") {
		t.Fatalf("review order\n%v\nwant (crawled, unsure, near-duplicate, sure)\n%v", order, want)
	}
	c := byCID[crawled.CID.String()]
	if c["source"] != page || c["suggested_label"] != "science" || c["confidence"] != 0.25 || c["sure"] != false || c["redundant"] != nil {
		t.Errorf("crawled record: %v", c)
	}
	ex := c["excerpt"].(string)
	if ex != datanet.Excerpt(crawled.Content, 160) || utf8.RuneCountInString(ex) != 160 || strings.ContainsAny(ex, "\n\r") ||
		!strings.HasPrefix(crawled.Content, strings.TrimSuffix(ex, "…")) {
		t.Errorf("crawled excerpt %q", ex)
	}
	age := int64(c["pending_age_ms"].(float64))
	if created := int64(c["created_at"].(float64)); created != crawled.CreatedAt || age < 0 || age > time.Since(time.UnixMilli(created)).Milliseconds() {
		t.Errorf("crawled created_at %v, pending_age_ms %d", c["created_at"], age)
	}
	s := byCID[sure]
	if _, ok := s["source"]; ok || s["suggested_label"] != "art" || s["confidence"] != 0.875 || s["sure"] != true || s["redundant"] != nil {
		t.Errorf("submitted sure record: %v", s)
	}
	if u := byCID[unsure]; u["excerpt"] != "the speed of light in a vacuum is the same for every observer" || u["sure"] != false {
		t.Errorf("submitted unsure record: %v", u)
	}
	red, _ := byCID[nearDup]["redundant"].(map[string]any)
	if red == nil || red["of"] != crawled.CID.String() || red["similarity"].(float64) < 0.9 {
		t.Errorf("near-duplicate: redundant %v, want of %s", byCID[nearDup]["redundant"], crawled.CID)
	}
	// RecordWork shows the same, and keeps the pending age once decided.
	if _, err := n.Vote(ctx, mustCID(t, nearDup), tasks.Verdict{Accept: true, Label: "science"}); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "the near-duplicate decided", func() bool {
		rw, err := n.RecordWork(mustCID(t, nearDup))
		return err == nil && rw.Final
	})
	rw, _ := n.RecordWork(mustCID(t, nearDup))
	if rw.Redundant == nil || rw.Redundant.Of != crawled.CID.String() || rw.PendingAgeMS != rw.Verdict.At-rw.CreatedAt {
		t.Errorf("decided near-duplicate: %+v", rw)
	}
}
