package node

import (
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/provenet/provenet/gpu/engine"
	"github.com/provenet/provenet/gpu/gguf"
	gpumodel "github.com/provenet/provenet/gpu/model"
)

// TestRoutedNodeAnswersLikeTheGPUNode: a node without the inference role,
// routing to a GPU peer, answers what the GPU node answers: an unknown
// model is 404 model_not_found in OpenAI's error shape (completions, chat
// and GET /v1/models/{id}); GET /v1/models/{id} and /v1/models give the
// same cards (adapters with their parent) but for the peer's fields and
// the creation time; a stream carries the same SSE headers.
func TestRoutedNodeAnswersLikeTheGPUNode(t *testing.T) {
	dir := t.TempDir()
	c := gpumodel.Stories15M()
	path := filepath.Join(dir, "stories15m.gguf")
	if err := engine.WriteRandomGGUF(path, c, 3, gguf.TypeQ8_0); err != nil {
		t.Fatal(err)
	}
	ad := gpumodel.RandomAdapter(c, "", 8, 16, []gpumodel.Module{gpumodel.Q, gpumodel.V}, 2)
	if err := gpumodel.SavePEFT(filepath.Join(dir, "adapters", "tales"), ad, "stories15m"); err != nil {
		t.Fatal(err)
	}
	gcfg := testConfig()
	gcfg.Tasks.PresenceEvery = Duration(200 * time.Millisecond)
	gcfg.GPU.Enabled, gcfg.GPU.Model, gcfg.GPU.Adapters, gcfg.GPU.KVTokens = true, path, filepath.Join(dir, "adapters"), 4096
	gpuNode := startNode(t, gcfg)
	ecfg := testConfig()
	ecfg.Tasks.PresenceEvery = Duration(200 * time.Millisecond)
	edge := startNode(t, ecfg)
	connect(t, edge, gpuNode)
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if _, _, ok := edge.pickGPUPeer("tales"); ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no GPU advertisement reached the edge node")
		}
	}
	nodes := map[string]*Node{"gpu": gpuNode, "routed": edge}
	type answer struct {
		status int
		header http.Header
		body   map[string]any
	}
	do := func(nd *Node, method, p, body string) answer {
		t.Helper()
		req, _ := http.NewRequest(method, nd.APIURL()+p, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		a := answer{status: resp.StatusCode, header: resp.Header}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
			if err := json.Unmarshal(b, &a.body); err != nil {
				t.Fatalf("%s %s: %v: %s", method, p, err, b)
			}
		}
		return a
	}
	// without drops the fields that rightly differ between nodes.
	without := func(m map[string]any, keys ...string) map[string]any {
		out := map[string]any{}
		for k, v := range m {
			out[k] = v
		}
		for _, k := range keys {
			delete(out, k)
		}
		return out
	}
	errShape := func(a answer) map[string]any {
		e, _ := a.body["error"].(map[string]any)
		keys := make([]string, 0, len(e))
		for k := range e {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		return map[string]any{"status": a.status, "keys": keys, "type": e["type"], "code": e["code"], "param": e["param"]}
	}

	// Unknown models, on every route.
	for _, q := range []struct{ method, path, body string }{
		{"POST", "/v1/completions", `{"model":"nope","prompt":"x"}`},
		{"POST", "/v1/chat/completions", `{"model":"nope","messages":[{"role":"user","content":"x"}]}`},
		{"GET", "/v1/models/nope", ""},
	} {
		g, r := errShape(do(gpuNode, q.method, q.path, q.body)), errShape(do(edge, q.method, q.path, q.body))
		if g["status"] != http.StatusNotFound || g["code"] != "model_not_found" || !reflect.DeepEqual(g, r) {
			t.Errorf("%s %s: the GPU node answers %v, the routed node %v", q.method, q.path, g, r)
		}
	}

	// GET /v1/models/{id}: the same card, the routed one naming the peer.
	for _, id := range []string{"stories15m", "tales"} {
		g, r := do(gpuNode, "GET", "/v1/models/"+id, ""), do(edge, "GET", "/v1/models/"+id, "")
		if g.status != 200 || r.status != 200 {
			t.Fatalf("GET /v1/models/%s: %d and %d", id, g.status, r.status)
		}
		if !reflect.DeepEqual(without(g.body, "created"), without(r.body, "created", "peer", "price_per_1k")) {
			t.Errorf("GET /v1/models/%s:\n gpu    %v\n routed %v", id, g.body, r.body)
		}
		if r.body["peer"] != gpuNode.host.ID().String() {
			t.Errorf("GET /v1/models/%s on the routed node: peer %v", id, r.body["peer"])
		}
		if want := map[string]any{"stories15m": nil, "tales": "stories15m"}[id]; g.body["parent"] != want {
			t.Errorf("%s: parent %v, want %v", id, g.body["parent"], want)
		}
	}
	// By CID too.
	tales := do(gpuNode, "GET", "/v1/models/tales", "").body
	if cid, _ := tales["cid"].(string); cid == "" {
		t.Error("the adapter's card has no cid")
	} else if r := do(edge, "GET", "/v1/models/"+cid, ""); r.status != 200 || r.body["id"] != "tales" {
		t.Errorf("GET /v1/models/<cid> on the routed node: %d %v", r.status, r.body)
	}

	// /v1/models: the same models with the same fields.
	lists := map[string][]any{}
	for name, nd := range nodes {
		a := do(nd, "GET", "/v1/models", "")
		data, _ := a.body["data"].([]any)
		for _, m := range data {
			lists[name] = append(lists[name], without(m.(map[string]any), "created", "peer", "price_per_1k"))
		}
	}
	if len(lists["gpu"]) != 2 || !reflect.DeepEqual(lists["gpu"], lists["routed"]) {
		t.Errorf("/v1/models:\n gpu    %v\n routed %v", lists["gpu"], lists["routed"])
	}

	// A stream's headers.
	stream := `{"model":"tales","prompt":"Once","max_tokens":3,"stream":true}`
	g, r := do(gpuNode, "POST", "/v1/completions", stream), do(edge, "POST", "/v1/completions", stream)
	for _, h := range []string{"Content-Type", "Cache-Control", "X-Accel-Buffering"} {
		if g.header.Get(h) == "" || g.header.Get(h) != r.header.Get(h) {
			t.Errorf("%s: the GPU node sends %q, the routed node %q", h, g.header.Get(h), r.header.Get(h))
		}
	}
	if r.header.Get("X-Provenet-Peer") == "" {
		t.Error("the routed stream does not name its peer")
	}
}
