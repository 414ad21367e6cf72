package node

import (
	"bufio"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/provenet/provenet/gpu/engine"
	"github.com/provenet/provenet/gpu/gguf"
	gpumodel "github.com/provenet/provenet/gpu/model"
)

// TestInferenceOverHTTP starts a node with the inference role on a random
// stories15M-shaped GGUF model and a PEFT adapter directory, and calls the
// OpenAI-compatible API, streaming and not.
func TestInferenceOverHTTP(t *testing.T) {
	dir := t.TempDir()
	c := gpumodel.Stories15M()
	path := filepath.Join(dir, "stories15m.gguf")
	if err := engine.WriteRandomGGUF(path, c, 1, gguf.TypeF16); err != nil {
		t.Fatal(err)
	}
	ad := gpumodel.RandomAdapter(c, "", 8, 16, []gpumodel.Module{gpumodel.Q, gpumodel.V}, 2)
	if err := gpumodel.SavePEFT(filepath.Join(dir, "adapters", "tales"), ad, "stories15m"); err != nil {
		t.Fatal(err)
	}
	cfg := testConfig()
	cfg.GPU.Enabled = true
	cfg.GPU.Model = path
	cfg.GPU.Adapters = filepath.Join(dir, "adapters")
	cfg.GPU.KVTokens = 4096
	n := startNode(t, cfg)
	base := n.APIURL()

	resp, err := http.Get(base + "/v1/models")
	if err != nil {
		t.Fatal(err)
	}
	var models struct {
		Data []struct {
			ID, Kind string
		}
	}
	json.NewDecoder(resp.Body).Decode(&models)
	resp.Body.Close()
	if len(models.Data) != 2 || models.Data[0].ID != "stories15m" || models.Data[1].ID != "tales" {
		t.Fatalf("models %+v", models)
	}

	body := `{"model":"tales","prompt":"Once upon a time","max_tokens":8,"temperature":0}`
	resp, err = http.Post(base+"/v1/completions", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Choices []struct {
			Text         string `json:"text"`
			FinishReason string `json:"finish_reason"`
		}
		Usage struct {
			CompletionTokens int `json:"completion_tokens"`
		}
	}
	json.NewDecoder(resp.Body).Decode(&out)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(out.Choices) != 1 || out.Usage.CompletionTokens != 8 {
		t.Fatalf("status %d, %+v", resp.StatusCode, out)
	}

	body = `{"model":"stories15m","messages":[{"role":"user","content":"Hi"}],"max_tokens":5,"stream":true,"temperature":0}`
	resp, err = http.Post(base+"/v1/chat/completions", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	var chunks int
	var done bool
	for sc.Scan() {
		line := sc.Text()
		if line == "data: [DONE]" {
			done = true
		} else if strings.HasPrefix(line, "data: ") {
			chunks++
		}
	}
	if !done || chunks < 2 {
		t.Fatalf("stream: %d chunks, done %v", chunks, done)
	}
	if u := n.infer.recent(); len(u) != 2 || u[0].Adapters[0].Name != "tales" {
		t.Fatalf("usage records %+v", u)
	}
}
