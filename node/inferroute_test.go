package node

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/provenet/provenet/gpu/engine"
	"github.com/provenet/provenet/gpu/gguf"
	gpumodel "github.com/provenet/provenet/gpu/model"
)

// TestInferenceRoutedToGPUPeer: a node without the inference role answers
// OpenAI requests by routing them over libp2p to a GPU peer that
// advertises the model, streaming included, and lists the peer's models.
func TestInferenceRoutedToGPUPeer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "stories15m.gguf")
	if err := engine.WriteRandomGGUF(path, gpumodel.Stories15M(), 3, gguf.TypeQ8_0); err != nil {
		t.Fatal(err)
	}
	gcfg := testConfig()
	gcfg.Tasks.PresenceEvery = Duration(200 * time.Millisecond)
	gcfg.GPU.Enabled, gcfg.GPU.Model, gcfg.GPU.KVTokens = true, path, 4096
	gpuNode := startNode(t, gcfg)
	ecfg := testConfig()
	ecfg.Tasks.PresenceEvery = Duration(200 * time.Millisecond)
	edge := startNode(t, ecfg)
	connect(t, edge, gpuNode)

	// Until the advertisement arrives, the edge node has nowhere to send it.
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, _, ok := edge.pickGPUPeer("stories15m"); ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no GPU advertisement reached the edge node")
		}
		time.Sleep(50 * time.Millisecond)
	}

	resp, err := http.Get(edge.APIURL() + "/v1/models")
	if err != nil {
		t.Fatal(err)
	}
	var models struct {
		Data []struct{ ID, Peer string }
	}
	json.NewDecoder(resp.Body).Decode(&models)
	resp.Body.Close()
	if len(models.Data) != 1 || models.Data[0].ID != "stories15m" || models.Data[0].Peer != gpuNode.host.ID().String() {
		t.Fatalf("edge models %+v", models)
	}

	ask := func(base string) string {
		body := `{"model":"stories15m","prompt":"Once upon a time","max_tokens":6,"temperature":0}`
		resp, err := http.Post(base+"/v1/completions", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out struct {
			Choices []struct{ Text string }
		}
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 200 || len(out.Choices) != 1 {
			t.Fatalf("status %d, %v, %+v", resp.StatusCode, err, out)
		}
		return out.Choices[0].Text
	}
	if local, routed := ask(gpuNode.APIURL()), ask(edge.APIURL()); local != routed {
		t.Fatalf("routed answer %q differs from the GPU node's own %q", routed, local)
	}

	body := `{"model":"stories15m","messages":[{"role":"user","content":"Hi"}],"max_tokens":4,"stream":true}`
	resp, err = http.Post(edge.APIURL()+"/v1/chat/completions", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Header.Get("Content-Type") != "text/event-stream" || resp.Header.Get("X-Provenet-Peer") == "" {
		t.Fatalf("headers %v", resp.Header)
	}
	sc := bufio.NewScanner(resp.Body)
	var lines []string
	for sc.Scan() {
		if l := sc.Text(); strings.HasPrefix(l, "data: ") {
			lines = append(lines, l)
		}
	}
	resp.Body.Close()
	if len(lines) < 2 || lines[len(lines)-1] != "data: [DONE]" {
		t.Fatalf("stream lines %q", lines)
	}

	// A model nobody serves is a clear 404, as on the GPU node.
	resp, err = http.Post(edge.APIURL()+"/v1/completions", "application/json", strings.NewReader(`{"model":"nope","prompt":"x"}`))
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(msg), "no GPU peer") || !strings.Contains(string(msg), `"model_not_found"`) {
		t.Fatalf("unknown model: %d %s", resp.StatusCode, msg)
	}
}

func FuzzDecodeGPUAd(f *testing.F) {
	f.Add([]byte(`{"peer":"12D3KooW","models":[{"id":"m","kind":"base","loaded":true}],"price_per_1k":5,"at":1}`))
	f.Add([]byte(`{"peer":"x","models":[]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		ad, err := decodeGPUAd(b)
		if err == nil && (len(ad.Models) == 0 || len(ad.Models) > maxAdModels) {
			t.Fatalf("accepted %d models", len(ad.Models))
		}
	})
}

// TestAdapterFetchedByCID: a GPU node asked for an adapter it does not
// hold, by CID, fetches it from the peer that advertises it, checks the
// CID, and serves it, with the same answer as the holder.
func TestAdapterFetchedByCID(t *testing.T) {
	dir := t.TempDir()
	c := gpumodel.Stories15M()
	path := filepath.Join(dir, "stories15m.gguf")
	if err := engine.WriteRandomGGUF(path, c, 4, gguf.TypeF16); err != nil {
		t.Fatal(err)
	}
	ad := gpumodel.RandomAdapter(c, "", 8, 16, []gpumodel.Module{gpumodel.Q, gpumodel.V}, 5)
	if err := gpumodel.SavePEFT(filepath.Join(dir, "adapters", "tales"), ad, "stories15m"); err != nil {
		t.Fatal(err)
	}
	id, _, err := engine.AdapterCID(filepath.Join(dir, "adapters", "tales"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := func(adapters string) Config {
		cfg := testConfig()
		cfg.Tasks.PresenceEvery = Duration(200 * time.Millisecond)
		cfg.GPU.Enabled, cfg.GPU.Model, cfg.GPU.KVTokens, cfg.GPU.Adapters = true, path, 4096, adapters
		return cfg
	}
	holder := startNode(t, cfg(filepath.Join(dir, "adapters")))
	other := startNode(t, cfg(""))
	connect(t, other, holder)
	deadline := time.Now().Add(20 * time.Second)
	for !other.servesLocally(id) {
		if time.Now().After(deadline) {
			t.Fatal("the holder's advertisement never arrived")
		}
		time.Sleep(50 * time.Millisecond)
	}
	ask := func(base string) (string, string) {
		body := `{"model":"` + id + `","prompt":"Once","max_tokens":6,"temperature":0}`
		resp, err := http.Post(base+"/v1/completions", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out struct {
			Choices []struct{ Text string }
		}
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 200 || len(out.Choices) != 1 {
			t.Fatalf("status %d, %v", resp.StatusCode, err)
		}
		return out.Choices[0].Text, resp.Header.Get("X-Provenet-Peer")
	}
	want, _ := ask(holder.APIURL())
	got, via := ask(other.APIURL())
	if via != "" {
		t.Fatalf("answered by peer %s, not fetched and served locally", via)
	}
	if got != want {
		t.Fatalf("fetched adapter answers %q, holder %q", got, want)
	}
	st, ok := other.infer.lib.Cache().Stats(id)
	if !ok || st.Loads != 1 {
		t.Fatalf("stats %+v", st)
	}
}
