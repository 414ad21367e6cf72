package node

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/provenet/provenet/gpu/engine"
	"github.com/provenet/provenet/gpu/gguf"
	gpumodel "github.com/provenet/provenet/gpu/model"
	"github.com/provenet/provenet/pay"
)

func TestAPIKeyStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), APIKeysFile)
	now := time.Unix(1_700_000_000, 0)
	s, err := openAPIKeys(path, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	key, k, err := s.create([20]byte{1}, "app")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(key, "pvn-") || len(key) != 68 {
		t.Fatalf("key %q", key)
	}
	sk, err := ParseAPIKey(key)
	if err != nil || sk.Address() != k.Signer {
		t.Fatalf("session key %v %v, want signer %s", sk, err, k.Signer)
	}
	b, _ := os.ReadFile(path)
	st, _ := os.Stat(path)
	if strings.Contains(string(b), key[4:]) || st.Mode().Perm() != 0o600 {
		t.Fatalf("keys file holds the key or mode %v", st.Mode())
	}
	if got, err := s.check("Bearer " + key); err != nil || got.ID != k.ID {
		t.Fatalf("check %+v %v", got, err)
	}
	for _, h := range []string{"", key, "Bearer pvn-zz", "Bearer pvn-" + strings.Repeat("0", 64), "Bearer " + strings.ToUpper(key)} {
		if _, err := s.check(h); !errors.Is(err, ErrInvalidAPIKey) {
			t.Fatalf("%q: %v", h, err)
		}
	}
	other, _, _ := pay.NewAPIKey()
	if _, err := s.check("Bearer " + other); !errors.Is(err, ErrInvalidAPIKey) {
		t.Fatalf("unknown key: %v", err)
	}
	// The store survives a reopen; a revoked key stays revoked.
	if _, err := s.revoke(k.ID); err != nil {
		t.Fatal(err)
	}
	s2, err := openAPIKeys(path, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s2.check("Bearer " + key); !errors.Is(err, ErrInvalidAPIKey) {
		t.Fatalf("revoked key accepted after reopen: %v", err)
	}
	if _, err := s2.revoke("nope"); !errors.Is(err, ErrAPIKeyNotFound) {
		t.Fatalf("revoke unknown: %v", err)
	}
}

// Without the free tier, /v1 generates only for a live API key: no key,
// a wrong one and a revoked one get 401 invalid_api_key in OpenAI's shape.
func TestInferenceNeedsAPIKey(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "m.gguf")
	if err := engine.WriteRandomGGUF(path, gpumodel.Stories15M(), 1, gguf.TypeF16); err != nil {
		t.Fatal(err)
	}
	cfg := testConfig()
	cfg.GPU.Enabled, cfg.GPU.Model, cfg.GPU.KVTokens, cfg.GPU.Free = true, path, 4096, false
	n := startNode(t, cfg)
	complete := func(key string) (int, string) {
		req, _ := http.NewRequest(http.MethodPost, n.APIURL()+"/v1/completions",
			strings.NewReader(`{"model":"m","prompt":"Once","max_tokens":2,"temperature":0}`))
		req.Header.Set("Content-Type", "application/json")
		if key != "" {
			req.Header.Set("Authorization", "Bearer "+key)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		var e struct {
			Error struct {
				Code string `json:"code"`
				Type string `json:"type"`
			} `json:"error"`
		}
		json.Unmarshal(b, &e)
		return resp.StatusCode, e.Error.Code
	}
	if code, c := complete(""); code != 401 || c != "invalid_api_key" {
		t.Fatalf("no key: %d %q", code, c)
	}
	if len(n.infer.recent()) != 0 {
		t.Fatal("a request without a key reached the engine")
	}
	cl := NewClient(n.APIURL(), n.Home().Token)
	ctx := context.Background()
	var made APIKeyCreated
	if err := cl.Do(ctx, http.MethodPost, "/api/v1/pay/keys", map[string]string{"label": "test"}, &made); err != nil {
		t.Fatal(err)
	}
	if made.Payer != n.Home().Account.Address() {
		t.Fatalf("key pays from %s, want the node's account", made.Payer)
	}
	if code, _ := complete(made.Key); code != 200 {
		t.Fatalf("live key: %d", code)
	}
	last := "0"
	if strings.HasSuffix(made.Key, "0") {
		last = "1"
	}
	if code, c := complete(made.Key[:len(made.Key)-1] + last); code != 401 || c != "invalid_api_key" {
		t.Fatalf("wrong key: %d %q", code, c)
	}
	// Keys are managed with the node's token only, and listed without the key.
	if err := NewClient(n.APIURL(), "").Do(ctx, http.MethodGet, "/api/v1/pay/keys", nil, nil); err == nil {
		t.Fatal("listed keys without the token")
	}
	var keys []APIKey
	if err := cl.Do(ctx, http.MethodGet, "/api/v1/pay/keys", nil, &keys); err != nil || len(keys) != 1 || keys[0].ID != made.ID {
		t.Fatalf("keys %+v %v", keys, err)
	}
	if err := cl.Do(ctx, http.MethodDelete, "/api/v1/pay/keys/"+made.ID, nil, nil); err != nil {
		t.Fatal(err)
	}
	if code, c := complete(made.Key); code != 401 || c != "invalid_api_key" {
		t.Fatalf("revoked key: %d %q", code, c)
	}
}

// GET /api/v1/adapters lists the adapter folders that could not be used,
// with the reason.
func TestAdaptersListsSkipped(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "m.gguf")
	if err := engine.WriteRandomGGUF(path, gpumodel.Stories15M(), 1, gguf.TypeF16); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(dir, "adapters", "broken")
	os.MkdirAll(broken, 0o755)
	os.WriteFile(filepath.Join(broken, "adapter_config.json"), []byte("{not json"), 0o644)
	cfg := testConfig()
	cfg.GPU.Enabled, cfg.GPU.Model, cfg.GPU.KVTokens, cfg.GPU.Adapters = true, path, 4096, filepath.Join(dir, "adapters")
	n := startNode(t, cfg)
	var out struct {
		Skipped []engine.SkippedAdapter `json:"skipped"`
	}
	if err := NewClient(n.APIURL(), "").Do(t.Context(), "GET", "/api/v1/adapters", nil, &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Skipped) != 1 || out.Skipped[0].Name != "broken" || out.Skipped[0].Reason == "" {
		t.Fatalf("skipped %+v", out.Skipped)
	}
}
