package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

const (
	acctA = "0x00000000000000000000000000000000000000aa"
	acctB = "0x00000000000000000000000000000000000000bB"
)

// fakePayNode answers the settlement, claims and earnings routes and
// records each request as "METHOD URI AUTH BODY".
func fakePayNode(t *testing.T) (*httptest.Server, func() []string) {
	t.Helper()
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		body := strings.TrimSpace(string(b))
		mu.Lock()
		got = append(got, r.Method+" "+r.URL.RequestURI()+" "+r.Header.Get("Authorization")+" "+body)
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		fail := func(status int, code, msg string) {
			w.WriteHeader(status)
			io.WriteString(w, `{"error":"`+msg+`","code":"`+code+`"}`)
		}
		switch r.Method + " " + r.URL.RequestURI() {
		case "GET /api/v1/pay/settlements":
			io.WriteString(w, `{"settlements":[
				{"epoch":7,"status":"settled","claims_root":"0x11","claims_total":"300000000000000000","charge_total":"1000000000000000001",
				 "claims":[{"account":"`+acctA+`","amount":200000000000000000},{"account":"`+acctB+`","amount":100000000000000000}],
				 "payouts":[{"account":"`+acctA+`","amount":700000000000000001}],"redemptions":[],"free_receipts":0,
				 "finalize_tx":"0xf7","settled_at":"2030-01-02T03:04:05Z"},
				{"epoch":6,"status":"none","claims_root":"","claims_total":"0","charge_total":"0","claims":[],"payouts":[],
				 "redemptions":[],"free_receipts":3,"settled_at":"2030-01-01T03:04:05Z"}]}`)
		case "GET /api/v1/pay/settlements/7":
			io.WriteString(w, `{"epoch":7,"status":"settled","claims_root":"0x11","claims_total":"300000000000000000","charge_total":"1000000000000000001",
				"claims":[{"account":"`+acctA+`","amount":200000000000000000},{"account":"`+acctB+`","amount":100000000000000000}],
				"payouts":[{"account":"`+acctA+`","amount":700000000000000001}],
				"redemptions":[{"payer":"`+acctB+`","operator":"`+acctA+`","voucher":2,"charge":1000000000000000001,"receipts":4,"fees":"1"}],
				"rejected":[{"payer":"0x00000000000000000000000000000000000000cc","operator":"`+acctA+`","receipts":2,"reason":"pay: no voucher"}],
				"free_receipts":1,"redeem_txs":["0xr1"],"finalize_tx":"0xf7","settled_at":"2030-01-02T03:04:05Z"}`)
		case "GET /api/v1/pay/settlements/9":
			fail(http.StatusNotFound, "not_found", "node: not found: epoch 9")
		case "GET /api/v1/earnings?account=" + acctA:
			io.WriteString(w, `{"account":"`+acctA+`","operator_pending":5,"operator_paid":"700000000000000001",
				"claims":[
				 {"epoch":5,"account":"`+acctA+`","amount":1,"proof":[],"claims_root":"0x05","claimed":true},
				 {"epoch":6,"account":"`+acctA+`","amount":500000000000000000,"proof":["0x01"],"claims_root":"0x06","claimed":false},
				 {"epoch":7,"account":"`+acctA+`","amount":200000000000000000,"proof":["0x02"],"claims_root":"0x11","claimed":false},
				 {"epoch":8,"account":"`+acctA+`","amount":3,"proof":[],"claims_root":"0x08","claimed":false}],
				"claimable":"700000000000000003","claimed":"1"}`)
		case "GET /api/v1/earnings":
			io.WriteString(w, `{"account":"`+acctA+`","operator_pending":0,"operator_paid":"0",
				"claims":[{"epoch":5,"account":"`+acctA+`","amount":1,"proof":[],"claims_root":"0x05","claimed":true}],
				"claimable":"0","claimed":"1"}`)
		case "POST /api/v1/pay/claims":
			switch {
			case strings.Contains(body, `"epoch":7`):
				fail(http.StatusConflict, "already_claimed", "chain: already claimed")
			case strings.Contains(body, `"epoch":9`):
				fail(http.StatusServiceUnavailable, "payments_disabled", "node: payments are off")
			case strings.Contains(body, `"epoch":6`):
				io.WriteString(w, `{"epoch":6,"account":"`+acctA+`","amount":500000000000000000,"tx":"0xc6"}`)
			case strings.Contains(body, `"epoch":8`):
				io.WriteString(w, `{"epoch":8,"account":"`+acctA+`","amount":3,"tx":"0xc8"}`)
			default:
				fail(http.StatusNotFound, "not_found", "node: no claim")
			}
		default:
			t.Errorf("unexpected request %s %s", r.Method, r.URL.RequestURI())
			fail(http.StatusNotFound, "not_found", "no route")
		}
	}))
	t.Cleanup(srv.Close)
	return srv, func() []string {
		mu.Lock()
		defer mu.Unlock()
		out := got
		got = nil
		return out
	}
}

func wantRequests(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func wantLines(t *testing.T, what, out string, want ...string) {
	t.Helper()
	for _, s := range want {
		if !strings.Contains(out, s) {
			t.Errorf("%s output lacks %q:\n%s", what, s, out)
		}
	}
}

// pay settlements lists the settled epochs, and --epoch shows one in
// detail: payouts, claims, redemptions, rejected pairs.
func TestPaySettlementsCLI(t *testing.T) {
	srv, reqs := fakePayNode(t)
	base := []string{"--api", srv.URL, "--token", "tok", "pay", "settlements"}
	out := mustCLI(t, base...)
	wantRequests(t, reqs(), "GET /api/v1/pay/settlements Bearer tok ")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("settlements: want a header and 2 rows:\n%s", out)
	}
	if f := strings.Fields(lines[0]); strings.Join(f, " ") != "EPOCH STATUS CHARGED (ETH) CLAIMS TOTAL (ETH) CLAIMS PAYOUTS FINALIZE TX" {
		t.Errorf("header %q", lines[0])
	}
	if f := strings.Fields(lines[1]); strings.Join(f, " ") != "7 settled 1.000000000000000001 0.3 2 1 0xf7" {
		t.Errorf("epoch 7 row %q", lines[1])
	}
	if f := strings.Fields(lines[2]); strings.Join(f, " ") != "6 none 0 0 0 0 -" {
		t.Errorf("epoch 6 row %q", lines[2])
	}

	out = mustCLI(t, append(base, "--epoch", "7")...)
	wantRequests(t, reqs(), "GET /api/v1/pay/settlements/7 Bearer tok ")
	wantLines(t, "settlement 7", out,
		"status         settled",
		"charged        1.000000000000000001 ETH (1000000000000000001 wei)",
		"claims total   0.3 ETH (300000000000000000 wei)",
		"claims root    0x11",
		"free receipts  1",
		"finalize tx    0xf7",
		"redeem tx      0xr1",
		"payouts to operators (1)",
		"0x00000000000000000000000000000000000000AA  0.700000000000000001 ETH (700000000000000001 wei)",
		"claims (2)",
		"0x00000000000000000000000000000000000000AA  0.2 ETH (200000000000000000 wei)",
		"0x00000000000000000000000000000000000000bb  0.1 ETH (100000000000000000 wei)",
		"redemptions (1)",
		"rejected, unpaid (1)",
		"0x00000000000000000000000000000000000000cc  0x00000000000000000000000000000000000000AA  2         pay: no voucher",
	)

	if _, err := runCLI(t, append(base, "--epoch", "9")...); err == nil || !strings.Contains(err.Error(), "not_found") || exitCode(err) == 0 {
		t.Errorf("unknown epoch: %v", err)
	}
	reqs()
}

// pay claim without --epoch claims every unclaimed epoch of the earnings:
// an epoch already claimed is reported and the run goes on; with nothing
// left it says so; a 503 exits non-zero.
func TestPayClaimCLI(t *testing.T) {
	srv, reqs := fakePayNode(t)
	base := []string{"--api", srv.URL, "--token", "tok", "pay", "claim"}

	out := mustCLI(t, append(base, "--account", acctA)...)
	wantRequests(t, reqs(),
		"GET /api/v1/earnings?account="+acctA+" Bearer tok ",
		`POST /api/v1/pay/claims Bearer tok {"epoch":6,"account":"`+acctA+`"}`,
		`POST /api/v1/pay/claims Bearer tok {"epoch":7,"account":"`+acctA+`"}`,
		`POST /api/v1/pay/claims Bearer tok {"epoch":8,"account":"`+acctA+`"}`,
	)
	want := "epoch 6: claimed 0.5 ETH (500000000000000000 wei) for 0x00000000000000000000000000000000000000AA\ntx 0xc6\n" +
		"epoch 7: already claimed\n" +
		"epoch 8: claimed 0.000000000000000003 ETH (3 wei) for 0x00000000000000000000000000000000000000AA\ntx 0xc8\n" +
		"claimed 2 epochs, 1 already claimed\n"
	if out != want {
		t.Errorf("claim all printed:\n%s\nwant:\n%s", out, want)
	}

	out = mustCLI(t, base...)
	wantRequests(t, reqs(), "GET /api/v1/earnings Bearer tok ")
	if out != "nothing to claim for 0x00000000000000000000000000000000000000AA\n" {
		t.Errorf("nothing to claim printed %q", out)
	}

	out = mustCLI(t, append(base, "--epoch", "6")...)
	wantRequests(t, reqs(), `POST /api/v1/pay/claims Bearer tok {"epoch":6}`)
	wantLines(t, "claim 6", out, "epoch 6: claimed 0.5 ETH (500000000000000000 wei)", "tx 0xc6")
	if strings.Contains(out, "epochs") {
		t.Errorf("one epoch claimed prints a total:\n%s", out)
	}

	out = mustCLI(t, append(base, "--epoch", "7")...)
	wantRequests(t, reqs(), `POST /api/v1/pay/claims Bearer tok {"epoch":7}`)
	if out != "epoch 7: already claimed\n" {
		t.Errorf("already claimed printed %q", out)
	}

	out, err := runCLI(t, append(base, "--epoch", "9", "--account", acctB)...)
	wantRequests(t, reqs(), `POST /api/v1/pay/claims Bearer tok {"epoch":9,"account":"0x00000000000000000000000000000000000000bb"}`)
	if err == nil || exitCode(err) == 0 || !strings.Contains(err.Error(), "503 payments_disabled") || !strings.Contains(err.Error(), "epoch 9") {
		t.Errorf("503: exit %d, err %v, out %q", exitCode(err), err, out)
	}

	if _, err := runCLI(t, append(base, "--epoch", "10")...); err == nil || !strings.Contains(err.Error(), "not_found") {
		t.Errorf("no claim: %v", err)
	}
	reqs()
	if _, err := runCLI(t, append(base, "--account", "nope")...); err == nil {
		t.Error("--account nope: no error")
	}
	wantRequests(t, reqs())
}

// earnings prints the totals in ETH and wei and a per-epoch claims table.
func TestEarningsCLI(t *testing.T) {
	srv, reqs := fakePayNode(t)
	out := mustCLI(t, "--home", t.TempDir(), "--api", srv.URL, "earnings", "--account", acctA)
	wantRequests(t, reqs(), "GET /api/v1/earnings?account="+acctA+"  ")
	wantLines(t, "earnings", out,
		"account           0x00000000000000000000000000000000000000AA",
		"operator pending  0.000000000000000005 ETH (5 wei)",
		"operator paid     0.700000000000000001 ETH (700000000000000001 wei)",
		"claimable         0.700000000000000003 ETH (700000000000000003 wei)",
		"claimed           0.000000000000000001 ETH (1 wei)",
		"EPOCH  AMOUNT                            CLAIMED",
		"5      0.000000000000000001 ETH (1 wei)  yes",
		"6      0.5 ETH (500000000000000000 wei)  no",
		"8      0.000000000000000003 ETH (3 wei)  no",
		"3 unclaimed: provenet pay claim --account "+acctA,
	)
	out = mustCLI(t, "--home", t.TempDir(), "--api", srv.URL, "earnings")
	wantRequests(t, reqs(), "GET /api/v1/earnings  ")
	if strings.Contains(out, "unclaimed") {
		t.Errorf("all claimed, yet:\n%s", out)
	}
}
