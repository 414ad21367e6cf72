package node

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/provenet/provenet/datanet"
)

func TestAPIDatanetsAndRecords(t *testing.T) {
	n := startNode(t, testConfig())
	ctx := context.Background()
	cl := NewClient(n.APIURL(), n.Home().Token)
	anon := NewClient(n.APIURL(), "")

	if err := anon.Do(ctx, "GET", "/healthz", nil, nil); err != nil {
		t.Fatal(err)
	}
	var info NodeInfo
	if err := anon.Do(ctx, "GET", "/api/v1/node", nil, &info); err != nil || info.PeerID != n.Home().PeerID().String() {
		t.Fatalf("node info %+v %v", info, err)
	}

	create := CreateDatanetRequest{Name: "docs", Labels: []string{"howto", "reference"}}
	err := anon.Do(ctx, "POST", "/api/v1/datanets", create, nil)
	if !errors.Is(err, ErrAPI) || !strings.Contains(err.Error(), "401") {
		t.Fatalf("write without token: %v, want 401", err)
	}
	var dn struct {
		ID     string   `json:"id"`
		Owner  string   `json:"owner"`
		Labels []string `json:"labels"`
	}
	if err := cl.Do(ctx, "POST", "/api/v1/datanets", create, &dn); err != nil {
		t.Fatal(err)
	}
	if dn.ID == "" || !strings.EqualFold(dn.Owner, n.Home().Account.Address().Hex()) {
		t.Fatalf("created %+v", dn)
	}

	recPath := "/api/v1/datanets/" + dn.ID + "/records"
	var one SubmitResult
	if err := cl.Do(ctx, "POST", recPath, SubmitRecord{Content: "read the manual", Label: "howto"}, &one); err != nil || !one.Created {
		t.Fatalf("submit: %+v %v", one, err)
	}
	var again SubmitResult
	if err := cl.Do(ctx, "POST", recPath, SubmitRecord{Content: "read the manual", Label: "howto"}, &again); err != nil {
		t.Fatal(err)
	}
	if again.Created || again.CID != one.CID {
		t.Fatalf("resubmission: %+v, want same CID %s not created", again, one.CID)
	}

	batch := map[string]any{"records": []SubmitRecord{
		{Content: "a", Label: "howto"}, {Content: "b", Label: "nonsense"}, {Content: "c"},
	}}
	var br struct{ Results []SubmitResult }
	if err := cl.Do(ctx, "POST", recPath, batch, &br); err != nil {
		t.Fatal(err)
	}
	if len(br.Results) != 3 || !br.Results[0].Created || br.Results[1].Code != "label_not_in_schema" || !br.Results[2].Created {
		t.Fatalf("batch results %+v", br.Results)
	}

	for name, tc := range map[string]struct {
		path string
		body any
		code string
	}{
		"bad label":       {recPath, SubmitRecord{Content: "x", Label: "nope"}, "400"},
		"empty content":   {recPath, SubmitRecord{Content: ""}, "400"},
		"unknown datanet": {"/api/v1/datanets/bafyreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku/records", SubmitRecord{Content: "x"}, "404"},
		"not a cid":       {"/api/v1/datanets/xyz/records", SubmitRecord{Content: "x"}, "400"},
		"unknown field":   {recPath, map[string]string{"contnet": "x"}, "400"},
		"too large":       {recPath, SubmitRecord{Content: strings.Repeat("x", datanet.MaxContentBytes+1)}, "413"},
	} {
		err := cl.Do(ctx, "POST", tc.path, tc.body, nil)
		if !errors.Is(err, ErrAPI) || !strings.Contains(err.Error(), "("+tc.code) {
			t.Errorf("%s: got %v, want HTTP %s", name, err, tc.code)
		}
	}

	var page struct {
		Records []map[string]any `json:"records"`
		Next    uint64           `json:"next"`
	}
	if err := cl.Do(ctx, "GET", RecordsPath(dn.ID, "", 0, 2), nil, &page); err != nil {
		t.Fatal(err)
	}
	if len(page.Records) != 2 || page.Next == 0 {
		t.Fatalf("first page: %d records, next %d", len(page.Records), page.Next)
	}
	if err := cl.Do(ctx, "GET", RecordsPath(dn.ID, "pending", page.Next, 2), nil, &page); err != nil {
		t.Fatal(err)
	}
	if len(page.Records) != 1 {
		t.Fatalf("second page: %d records", len(page.Records))
	}

	var rec map[string]any
	if err := cl.Do(ctx, "GET", "/api/v1/records/"+one.CID, nil, &rec); err != nil || rec["content"] != "read the manual" {
		t.Fatalf("get record: %v %v", rec, err)
	}

	var sb strings.Builder
	if err := cl.Stream(ctx, "/api/v1/datanets/"+dn.ID+"/export", &sb); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(strings.NewReader(sb.String()))
	lines := 0
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("export line %d: %v", lines, err)
		}
		lines++
	}
	if lines != 3 {
		t.Fatalf("export has %d lines, want 3", lines)
	}

	resp, err := http.Get(n.APIURL() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var mb strings.Builder
	sc = bufio.NewScanner(resp.Body)
	for sc.Scan() {
		mb.WriteString(sc.Text() + "\n")
	}
	for _, want := range []string{"provenet_records_stored_total 3", "provenet_api_request_duration_seconds", "provenet_peers"} {
		if !strings.Contains(mb.String(), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}
