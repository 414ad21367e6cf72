package node

import (
	"net/http"
	"testing"
)

// TestPrivateReadsNeedTheToken: recent prompts and answers (usage) and the
// Model Factory's requests and grants are not public, unlike records.
func TestPrivateReadsNeedTheToken(t *testing.T) {
	n := startNode(t, testConfig())
	tok, err := ReadToken(n.Home().Dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/api/v1/usage", "/api/v1/factory/access"} {
		for _, c := range []struct {
			auth string
			want int
		}{{"", http.StatusUnauthorized}, {"Bearer wrong", http.StatusUnauthorized}, {"Bearer " + tok, 0}} {
			req, _ := http.NewRequest(http.MethodGet, n.APIURL()+path, nil)
			if c.auth != "" {
				req.Header.Set("Authorization", c.auth)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if c.want != 0 && resp.StatusCode != c.want {
				t.Errorf("GET %s with %q: %d, want %d", path, c.auth, resp.StatusCode, c.want)
			}
			if c.want == 0 && resp.StatusCode == http.StatusUnauthorized {
				t.Errorf("GET %s with the token: %d", path, resp.StatusCode)
			}
		}
	}
}
