package node

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/gpu/engine"
	"github.com/provenet/provenet/gpu/gguf"
	gpumodel "github.com/provenet/provenet/gpu/model"
	"github.com/provenet/provenet/gpu/train"
	"github.com/provenet/provenet/tasks"
)

// The dashboard in a real browser: Debian's chromium, driven through the
// DevTools protocol (chromedp), against nodes started in-process. Without
// chromium the tests skip, unless CI is set, where they fail.

// browserDash is one headless chromium tab on a node's dashboard.
type browserDash struct {
	t    *testing.T
	ctx  context.Context
	base string
	dir  string // screenshots
}

func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// newBrowserDash starts chromium at 1280x800 for a test. Screenshots go to
// $DASHBOARD_ARTEFACTS when set, else to a temporary directory.
func newBrowserDash(t *testing.T, base string) *browserDash {
	t.Helper()
	exe := findChromium()
	if exe == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed (CI is set: the dashboard tests must run)")
		}
		t.Skip("chromium is not installed; apt-get install chromium to run the dashboard tests")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.WindowSize(1280, 800), chromedp.Flag("lang", "en-US"))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	dir := os.Getenv("DASHBOARD_ARTEFACTS")
	if dir == "" {
		dir = t.TempDir()
	}
	dir = filepath.Join(dir, t.Name())
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	d := &browserDash{t: t, ctx: ctx, base: base, dir: dir}
	d.do(chromedp.EmulateViewport(1280, 800))
	return d
}

func (d *browserDash) do(steps ...chromedp.Action[chromedp.Void]) {
	d.t.Helper()
	if err := chromedp.Do(d.ctx, steps...); err != nil {
		d.shot("failure")
		d.t.Fatal(err)
	}
}

// poll waits until a JavaScript expression is truthy.
func (d *browserDash) poll(what, expr string) {
	d.t.Helper()
	var err error
	for deadline := time.Now().Add(30 * time.Second); ; {
		_, err = chromedp.Run(d.ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(30*time.Second)))
		// Right after a navigation the old document's execution context
		// may be gone before the new one is known: ask again.
		if err == nil || !contextGone(err) || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		d.shot("failure")
		view, _ := chromedp.Run(d.ctx, chromedp.Evaluate[string](`document.getElementById('view').innerText`))
		d.t.Fatalf("waiting for %s (%s): %v\npage: %.2000s", what, expr, err, view)
	}
}

// contextGone reports the error of a call into a document that a
// navigation replaced.
func contextGone(err error) bool {
	m := err.Error()
	return strings.Contains(m, "Cannot find context with specified id") || strings.Contains(m, "Execution context was destroyed")
}

func evalJS[T any](d *browserDash, expr string) T {
	d.t.Helper()
	v, err := chromedp.Run(d.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		d.t.Fatalf("eval %s: %v", expr, err)
	}
	return v
}

// open loads the dashboard at a hash route (a fresh document: "/" is
// fetched again, so the first contentful paint is this page's) and returns
// its first contentful paint in milliseconds.
func (d *browserDash) open(hash string) float64 {
	d.t.Helper()
	// about:blank first: a change of hash alone is not a new document.
	d.do(chromedp.Navigate("about:blank"), chromedp.Navigate(d.base+"/"+hash))
	d.poll("the page", `document.querySelector('#view h1') !== null`)
	d.poll("a paint", `performance.getEntriesByName('first-contentful-paint').length > 0`)
	return evalJS[float64](d, `performance.getEntriesByName('first-contentful-paint')[0].startTime`)
}

// goTo switches page inside the loaded document (a hash change).
func (d *browserDash) goTo(hash string) {
	d.t.Helper()
	d.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`location.hash = %q`, hash)))
	d.poll("the page "+hash, `document.querySelector('#view h1') !== null`)
}

func (d *browserDash) shot(name string) {
	buf, err := chromedp.Run(d.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		d.t.Logf("screenshot %s: %v", name, err)
		return
	}
	p := filepath.Join(d.dir, name+".png")
	if err := os.WriteFile(p, buf, 0o644); err != nil {
		d.t.Logf("screenshot %s: %v", name, err)
	}
}

func (d *browserDash) login(token string) {
	d.t.Helper()
	d.goTo("#/login")
	d.do(chromedp.SendKeys(chromedp.CSS(`#login-form input[name=token]`), token),
		chromedp.Click(chromedp.CSS(`#login-form button[type=submit]`)))
	d.poll("logged in", `document.getElementById('logout') !== null`)
	if got := evalJS[string](d, `location.href`); strings.Contains(got, token) {
		d.t.Fatalf("the token is in the URL: %s", got)
	}
}

// transferred sums what the page fetched of its own scripts and styles
// (the encoded, so gzipped, bytes).
func (d *browserDash) transferred() (n int) {
	return evalJS[int](d, `performance.getEntriesByType('resource').filter(e => /\.(js|css)$/.test(new URL(e.name).pathname)).reduce((s, e) => s + e.encodedBodySize, 0)`)
}

// TestDashboardDatanetsAndReview: log in with the token, create a Datanet
// through the form and see it listed, submit a record and see it in the
// Datanet's records, then clear a review queue of 100 records with the
// keyboard (1 and 2 pick a label, r rejects) and check every vote through
// the API. It logs each page's first contentful paint and the bytes of JS
// and CSS the browser fetched, and saves a screenshot of each page at
// 1280x800 and 390x844.
func TestDashboardDatanetsAndReview(t *testing.T) {
	nodes := startWorkNodes(t, 1, func(_ int, cfg *Config, _ *Options) { cfg.Tasks.AutoValidate = false })
	n := nodes[0]
	d := newBrowserDash(t, n.APIURL())

	fcp := d.open("#/node")
	d.poll("the identity", `document.getElementById('peer-id') !== null`)
	if got := evalJS[string](d, `document.getElementById('peer-id').textContent`); got != n.Home().PeerID().String() {
		t.Errorf("peer id %q, want %s", got, n.Home().PeerID())
	}
	t.Logf("node page: first contentful paint %.0f ms, JS+CSS fetched %d bytes (gzip)", fcp, d.transferred())
	if fcp <= 0 || fcp > 1000 {
		t.Errorf("first contentful paint %.0f ms, target < 1000 ms", fcp)
	}
	if got := evalJS[bool](d, `document.querySelector('#create-datanet') === null && true`); !got {
		t.Error("a write form before logging in")
	}
	d.shot("node")
	d.login(n.Home().Token)

	// Create a Datanet through the form.
	d.goTo("#/datanets")
	d.poll("the create form with this node as validator", `(document.querySelector('#create-datanet input[name=validators]') || {}).value === `+jsString(n.Home().Account.Address().Hex()))
	d.do(chromedp.SendKeys(chromedp.CSS(`#create-datanet input[name=name]`), "reviews"),
		chromedp.SendKeys(chromedp.CSS(`#create-datanet input[name=labels]`), "negative, positive"),
		chromedp.Click(chromedp.CSS(`#create-datanet button[type=submit]`)))
	d.poll("the new Datanet listed", `[...document.querySelectorAll('.datanet-link')].some(a => a.textContent === 'reviews')`)
	ds, err := n.Store().ListDatanets()
	if err != nil || len(ds) != 1 || ds[0].Name != "reviews" || strings.Join(ds[0].Labels, ",") != "negative,positive" || ds[0].Quorum != 1 {
		t.Fatalf("datanets %v %v", ds, err)
	}
	dn := ds[0]
	d.shot("datanets")

	// Open it and submit a record.
	d.do(chromedp.Click(chromedp.CSS(`.datanet-link`)))
	d.poll("the submit form", `document.querySelector('#submit-record textarea[name=content]') !== null`)
	first := "The film was a delight from the first scene to the last."
	d.do(chromedp.SendKeys(chromedp.CSS(`#submit-record textarea[name=content]`), first),
		chromedp.SendKeys(chromedp.CSS(`#submit-record input[name=source]`), "https://example.org/review/1"),
		chromedp.Click(chromedp.CSS(`#submit-record button[type=submit]`)))
	d.poll("the record listed", `document.getElementById('records').textContent.includes(`+jsString(first[:40])+`)`)
	if href := evalJS[string](d, `document.getElementById('export-all').getAttribute('href')`); href != "/api/v1/datanets/"+dn.ID().String()+"/export" {
		t.Errorf("export link %q", href)
	}
	d.shot("datanet")

	// 99 more records through the API, then the review queue by keyboard.
	var subs []SubmitRecord
	for i := 1; i < 100; i++ {
		subs = append(subs, SubmitRecord{Content: fmt.Sprintf("Review %d: the plot was %s and the acting %s.", i, []string{"thin", "gripping", "slow"}[i%3], []string{"wooden", "superb"}[i%2])})
	}
	if res, err := n.SubmitRecords(context.Background(), dn.ID(), subs); err != nil || res[0].Err != nil {
		t.Fatalf("submit: %v", err)
	}
	d.goTo("#/review")
	d.poll("100 records in the queue", `document.querySelectorAll('.review-item').length === 100`)
	order := evalJS[[]string](d, `[...document.querySelectorAll('.review-item')].map(e => e.dataset.record)`)
	if a := evalJS[string](d, `document.activeElement.dataset.record || ''`); a != order[0] {
		t.Fatalf("focus on %q, want the first record %s", a, order[0])
	}
	d.shot("review")
	keys := "12r"
	start := time.Now()
	for i := range order {
		d.do(chromedp.KeyEvent(string(keys[i%3])))
	}
	typed := time.Since(start)
	d.poll("every vote acknowledged", `document.querySelectorAll('.review-item[data-voted]').length === 100`)
	elapsed := time.Since(start)
	t.Logf("review: 100 records voted by keyboard in %v (keys typed in %v), target < 60 s", elapsed.Round(time.Millisecond), typed.Round(time.Millisecond))
	if elapsed > 60*time.Second {
		t.Errorf("100 votes took %v, target < 60 s", elapsed)
	}
	d.shot("review-done")
	want := []struct {
		accept bool
		label  string
	}{{true, "negative"}, {true, "positive"}, {false, ""}}
	me := n.Host().ID().String()
	for i, rec := range order {
		var rw struct {
			Votes []struct {
				Worker string `json:"worker"`
				Accept bool   `json:"accept"`
				Label  string `json:"label"`
			} `json:"votes"`
		}
		resp, err := http.Get(n.APIURL() + "/api/v1/records/" + rec + "/work")
		if err != nil {
			t.Fatal(err)
		}
		_ = json.NewDecoder(resp.Body).Decode(&rw)
		resp.Body.Close()
		w := want[i%3]
		if len(rw.Votes) != 1 || rw.Votes[0].Accept != w.accept || rw.Votes[0].Label != w.label {
			t.Errorf("record %d %s: votes %+v, want one %+v (worker %s)", i, rec, rw.Votes, w, me)
		}
	}

	// The other pages load, and the layout fits a phone.
	for _, p := range []string{"#/node", "#/factory", "#/chat"} {
		fcp := d.open(p)
		t.Logf("%s: first contentful paint %.0f ms", p, fcp)
		if fcp > 1000 {
			t.Errorf("%s: first contentful paint %.0f ms, target < 1000 ms", p, fcp)
		}
		d.shot(strings.TrimPrefix(p, "#/"))
	}
	d.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	for _, p := range []string{"#/node", "#/datanets/" + dn.ID().String(), "#/review"} {
		d.open(p)
		time.Sleep(300 * time.Millisecond)
		if w := evalJS[int](d, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("%s at 390 px wide: the page is %d px wide", p, w)
		}
		d.shot("phone-" + strings.ReplaceAll(strings.TrimPrefix(p, "#/"), "/", "-")[:min(20, len(p)-2)])
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestDashboardChatStreamsWithReceipt: on a node serving a random
// stories15M model, the chat page lists the model, streams an answer and
// shows its receipt id, whose page shows the fee split.
func TestDashboardChatStreamsWithReceipt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "stories15m.gguf")
	if err := engine.WriteRandomGGUF(path, gpumodel.Stories15M(), 1, gguf.TypeF16); err != nil {
		t.Fatal(err)
	}
	cfg := testConfig()
	cfg.GPU.Enabled, cfg.GPU.Model, cfg.GPU.KVTokens = true, path, 4096
	n := startNode(t, cfg)
	d := newBrowserDash(t, n.APIURL())
	fcp := d.open("#/chat")
	t.Logf("chat page: first contentful paint %.0f ms", fcp)
	d.poll("the model list", `document.querySelector('#chat-form select[name=model]').options.length > 0`)
	if m := evalJS[string](d, `document.querySelector('#chat-form select[name=model]').value`); m != "stories15m" {
		t.Errorf("model %q", m)
	}
	start := time.Now()
	d.do(chromedp.Click(chromedp.CSS(`#chat-form button[type=submit]`)))
	d.poll("the receipt", `document.getElementById('receipt-id') !== null`)
	t.Logf("chat: streamed and receipted in %v", time.Since(start).Round(time.Millisecond))
	answer := evalJS[string](d, `document.getElementById('answer').textContent`)
	id := evalJS[string](d, `document.getElementById('receipt-id').textContent`)
	if answer == "" || len(id) < 16 {
		t.Fatalf("answer %q, receipt %q", answer, id)
	}
	d.shot("chat")
	d.do(chromedp.Click(chromedp.CSS(`#receipt-id`)))
	d.poll("the fee split", `document.getElementById('payouts') !== null`)
	if got := evalJS[string](d, `location.hash`); got != "#/receipt/"+id {
		t.Errorf("receipt page %q", got)
	}
	d.shot("receipt")
}

// TestDashboardFactoryJob: on a node that can train (the embedded base
// model) and owns a Datanet with golden records, the Model Factory form
// starts a LoRA job of a few steps, and the job page polls it to done and
// shows the adapter.
func TestDashboardFactoryJob(t *testing.T) {
	base := filepath.Join(t.TempDir(), "base")
	if err := train.WriteBaseModel(base); err != nil {
		t.Fatal(err)
	}
	nodes := startWorkNodes(t, 1, func(_ int, cfg *Config, _ *Options) {
		cfg.Tasks.AutoValidate = false
		cfg.GPU.Enabled, cfg.GPU.Model, cfg.GPU.KVTokens = true, base, 4096
	})
	n := nodes[0]
	ctx := context.Background()
	d, _, err := n.CreateDatanet(ctx, CreateDatanetRequest{Name: "quips", Labels: []string{"science"},
		Validators: []string{n.Home().Account.Address().Hex()}, Quorum: 1})
	if err != nil {
		t.Fatal(err)
	}
	var subs []SubmitRecord
	for _, s := range []string{"Beware of bugs in the above code; I have only proved it correct, not tried it.",
		"Simplicity is prerequisite for reliability.", "Premature optimization is the root of all evil.",
		"The cheapest, fastest and most reliable components are those that are not there.",
		"Testing shows the presence, not the absence of bugs.", "If debugging is removing bugs, programming is putting them in."} {
		subs = append(subs, SubmitRecord{Content: s, Label: "science"})
	}
	res, err := n.SubmitRecords(ctx, d.ID(), subs)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if _, err := n.Vote(ctx, mustCID(t, r.CID), tasks.Verdict{Accept: true, Label: "science"}); err != nil {
			t.Fatal(err)
		}
	}
	golden := datanet.StateGolden
	eventually(t, 30*time.Second, "records golden", func() bool {
		recs, _, err := n.Store().ListRecords(datanet.Query{Datanet: d.ID(), State: &golden})
		return err == nil && len(recs) == len(subs)
	})

	b := newBrowserDash(t, n.APIURL())
	fcp := b.open("#/factory")
	t.Logf("factory page: first contentful paint %.0f ms", fcp)
	b.login(n.Home().Token)
	b.goTo("#/factory")
	b.poll("the Datanet in the form", `(document.querySelector('#job-form select[name=datanet]') || {options: []}).options.length === 1`)
	b.do(chromedp.SendKeys(chromedp.CSS(`#job-form input[name=name]`), "quips-ft"),
		chromedp.SetValue(chromedp.CSS(`#job-form input[name=steps]`), "3"),
		chromedp.SetValue(chromedp.CSS(`#job-form input[name=batch]`), "2"),
		chromedp.Click(chromedp.CSS(`#job-form button[type=submit]`)))
	b.poll("the job page", `document.getElementById('job-progress') !== null`)
	start := time.Now()
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[chromedp.Void](`document.getElementById('job-adapter') !== null`,
		chromedp.WithPollingTimeout(3*time.Minute))); err != nil {
		b.shot("failure")
		view, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.getElementById('view').innerText`))
		t.Fatalf("the trained adapter: %v\npage: %.2000s", err, view)
	}
	t.Logf("factory: 3 steps trained and shown in %v", time.Since(start).Round(time.Millisecond))
	if step := evalJS[string](b, `document.getElementById('job-step').textContent`); step != "3 of 3" {
		t.Errorf("step %q, want 3 of 3", step)
	}
	b.shot("factory-job")
	b.goTo("#/factory")
	b.poll("the job listed", `[...document.querySelectorAll('.job-link')].some(a => a.textContent === 'quips-ft')`)
}
