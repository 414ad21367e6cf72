package node

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// The API's security model: Host allowlist (DNS rebinding), Origin check
// with an explicit CORS allowlist, JSON bodies only.
func TestAPIGuard(t *testing.T) {
	cfg := testConfig()
	cfg.API.CORSOrigins = []string{"http://dashboard.example:3000"}
	cfg.API.AllowedHosts = []string{"node.internal"}
	n := startNode(t, cfg)
	tok := n.Home().Token
	do := func(method, path, host, origin, ctype, body string) (int, string, http.Header) {
		t.Helper()
		req, _ := http.NewRequest(method, n.APIURL()+path, strings.NewReader(body))
		if host != "" {
			req.Host = host
		}
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var e apiError
		json.NewDecoder(resp.Body).Decode(&e)
		return resp.StatusCode, e.Code, resp.Header
	}
	self := strings.TrimPrefix(n.APIURL(), "http://")
	datanet := `{"name":"g","labels":["a","b"]}`
	cases := []struct {
		name                              string
		method, path, host, origin, ctype string
		body                              string
		status                            int
		code                              string
	}{
		{"loopback host", "GET", "/api/v1/node", "", "", "", "", 200, ""},
		{"localhost name", "GET", "/api/v1/node", "localhost:1", "", "", "", 200, ""},
		{"allowed name", "GET", "/api/v1/node", "node.internal", "", "", "", 200, ""},
		{"dns rebinding", "GET", "/api/v1/datanets", "attacker.example:8645", "", "", "", 403, "host_not_allowed"},
		{"rebinding on write", "POST", "/api/v1/datanets", "attacker.example", "", "application/json", datanet, 403, "host_not_allowed"},
		{"same origin", "GET", "/api/v1/node", "", "http://" + self, "", "", 200, ""},
		{"foreign origin read", "GET", "/api/v1/node", "", "http://evil.example", "", "", 403, "origin_not_allowed"},
		{"foreign simple post", "POST", "/api/v1/datanets", "", "http://evil.example", "text/plain", datanet, 403, "origin_not_allowed"},
		{"listed origin", "GET", "/api/v1/node", "", "http://dashboard.example:3000", "", "", 200, ""},
		{"text/plain body", "POST", "/api/v1/datanets", "", "", "text/plain", datanet, 415, "unsupported_media_type"},
		{"form body", "POST", "/api/v1/datanets", "", "", "application/x-www-form-urlencoded", "a=b", 415, "unsupported_media_type"},
		{"json body", "POST", "/api/v1/datanets", "", "", "application/json; charset=utf-8", datanet, 201, ""},
	}
	for _, c := range cases {
		status, code, _ := do(c.method, c.path, c.host, c.origin, c.ctype, c.body)
		if status != c.status || (c.code != "" && code != c.code) {
			t.Errorf("%s: %d %q, want %d %q", c.name, status, code, c.status, c.code)
		}
	}
	// A listed origin gets CORS headers and its preflight answered.
	req, _ := http.NewRequest(http.MethodOptions, n.APIURL()+"/api/v1/datanets", nil)
	req.Header.Set("Origin", "http://dashboard.example:3000")
	req.Header.Set("Access-Control-Request-Method", "POST")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 204 || resp.Header.Get("Access-Control-Allow-Origin") != "http://dashboard.example:3000" ||
		!strings.Contains(resp.Header.Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Fatalf("preflight: %d %v", resp.StatusCode, resp.Header)
	}
	if _, _, h := do("GET", "/api/v1/node", "", "http://"+self, "", ""); h.Get("Access-Control-Allow-Origin") != "" {
		t.Fatal("same-origin answer carries CORS headers")
	}
}

// A submit batch above [api] max_batch_records is refused whole with 413
// batch_too_large, and nothing of it is stored.
func TestSubmitBatchCap(t *testing.T) {
	cfg := testConfig()
	cfg.API.MaxBatchRecords = 3
	n := startNode(t, cfg)
	cl := NewClient(n.APIURL(), n.Home().Token)
	ctx := t.Context()
	var dn struct {
		ID string `json:"id"`
	}
	if err := cl.Do(ctx, "POST", "/api/v1/datanets", CreateDatanetRequest{Name: "cap", Labels: []string{"a", "b"}}, &dn); err != nil {
		t.Fatal(err)
	}
	batch := func(k int) map[string]any {
		recs := make([]SubmitRecord, k)
		for i := range recs {
			recs[i] = SubmitRecord{Content: "record number " + strings.Repeat("x", i+1)}
		}
		return map[string]any{"records": recs}
	}
	path := "/api/v1/datanets/" + dn.ID + "/records"
	err := cl.Do(ctx, "POST", path, batch(4), nil)
	if err == nil || !strings.Contains(err.Error(), "413") || !strings.Contains(err.Error(), "batch_too_large") {
		t.Fatalf("4 records over a cap of 3: %v", err)
	}
	var list struct {
		Records []json.RawMessage `json:"records"`
	}
	if err := cl.Do(ctx, "GET", path, nil, &list); err != nil || len(list.Records) != 0 {
		t.Fatalf("a refused batch stored %d records (%v)", len(list.Records), err)
	}
	if err := cl.Do(ctx, "POST", path, batch(3), nil); err != nil {
		t.Fatalf("3 records: %v", err)
	}
}

func TestCreateDatanetDuplicateLabel(t *testing.T) {
	n := startNode(t, testConfig())
	cl := NewClient(n.APIURL(), n.Home().Token)
	err := cl.Do(t.Context(), "POST", "/api/v1/datanets", CreateDatanetRequest{Name: "d", Labels: []string{"a", "b", "a"}}, nil)
	if err == nil || !strings.Contains(err.Error(), "400") || !strings.Contains(err.Error(), "given twice") {
		t.Fatalf("duplicate label: %v", err)
	}
}
