package main

import (
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestParseETH(t *testing.T) {
	for _, c := range []struct{ in, wei string }{
		{"0.5", "500000000000000000"},
		{"1", "1000000000000000000"},
		{"1.0", "1000000000000000000"},
		{"0.000000000000000001", "1"},
		{"0.100000000000000000", "100000000000000000"},
		{"12.345678901234567891", "12345678901234567891"},
		{"007", "7000000000000000000"},
		{"0.1", "100000000000000000"}, // a float would round 0.1
		{"1000000", "1000000000000000000000000"},
		{"115792089237316195423570985008687907853269984665640564039457.584007913129639935", // 2^256-1 wei
			"115792089237316195423570985008687907853269984665640564039457584007913129639935"},
	} {
		got, err := parseETH(c.in)
		if err != nil || got.String() != c.wei {
			t.Errorf("parseETH(%q) = %v, %v; want %s", c.in, got, err, c.wei)
		}
		if back, _ := new(big.Int).SetString(c.wei, 10); parseBack(t, formatETH(back)).Cmp(back) != 0 {
			t.Errorf("formatETH(%s) = %q does not parse back", c.wei, formatETH(back))
		}
	}
	for _, in := range []string{
		"", "abc", "1e18", "-1", "+1", "0", "0.0", "0.000000000000000000",
		"0.0000000000000000001", "1.0000000000000000001", // 19 decimals: below a wei
		".5", "5.", "1.2.3", " 1", "1 ", "1,5", "1_000", "0x10", "Inf", "NaN", "١",
		"115792089237316195423570985008687907853269984665640564039457.584007913129639936", // 2^256 wei
	} {
		if got, err := parseETH(in); err == nil {
			t.Errorf("parseETH(%q) = %v, want an error", in, got)
		} else if !strings.Contains(err.Error(), "amount") {
			t.Errorf("parseETH(%q): error %q does not name the amount", in, err)
		}
	}
}

func parseBack(t *testing.T, s string) *big.Int {
	t.Helper()
	v, err := parseETH(s)
	if err != nil {
		t.Fatalf("parseETH(%q): %v", s, err)
	}
	return v
}

func TestFormatETH(t *testing.T) {
	for _, c := range []struct{ wei, eth string }{
		{"0", "0"}, {"1", "0.000000000000000001"}, {"500000000000000000", "0.5"},
		{"1000000000000000000", "1"}, {"1234500000000000000000", "1234.5"}, {"999999999999999999", "0.999999999999999999"},
	} {
		v, _ := new(big.Int).SetString(c.wei, 10)
		if got := formatETH(v); got != c.eth {
			t.Errorf("formatETH(%s) = %q, want %q", c.wei, got, c.eth)
		}
	}
}

func TestParseWeiArg(t *testing.T) {
	if v, err := parseWeiArg("500000000000000000"); err != nil || v.String() != "500000000000000000" {
		t.Fatalf("%v %v", v, err)
	}
	for _, in := range []string{"", "0", "-1", "1e18", "0.5", "abc", " 1",
		"115792089237316195423570985008687907853269984665640564039457584007913129639936"} {
		if v, err := parseWeiArg(in); err == nil {
			t.Errorf("parseWeiArg(%q) = %v, want an error", in, v)
		}
	}
}

// The pay funds commands send exact wei to the node's routes with the
// token and print ETH with every decimal next to the wei.
func TestPayFundsCLI(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = append(got, r.Method+" "+r.URL.RequestURI()+" "+r.Header.Get("Authorization")+" "+strings.TrimSpace(string(b)))
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/api/v1/pay/deposit":
			io.WriteString(w, `{"tx":"0xabc","amount_wei":"500000000000000000","balance_wei":"1500000000000000001"}`)
		case "/api/v1/pay/balance":
			io.WriteString(w, `{"account":"0x00000000000000000000000000000000000000aa","balance_wei":"500000000000000000",
				"thawing_wei":"1","thaw_end":"2030-01-02T03:04:05Z","withdrawable_wei":"0","thawing_period_s":3600,"credits_wei":"0"}`)
		case "/api/v1/pay/withdraw":
			if strings.Contains(string(b), "cancel") {
				w.WriteHeader(http.StatusConflict)
				io.WriteString(w, `{"error":"chain: not thawing","code":"not_thawing"}`)
				return
			}
			w.WriteHeader(http.StatusAccepted)
			io.WriteString(w, `{"status":"thawing","amount_wei":"200000000000000000","thaw_end":"2030-01-02T03:04:05Z","tx":"0xdef"}`)
		}
	}))
	defer srv.Close()
	base := []string{"--api", srv.URL, "--token", "tok", "pay"}
	out := mustCLI(t, append(base, "deposit", "--amount", "0.5")...)
	if !strings.Contains(out, "deposited 0.5 ETH (500000000000000000 wei)") || !strings.Contains(out, "1.500000000000000001 ETH (1500000000000000001 wei)") {
		t.Errorf("deposit printed %q", out)
	}
	mustCLI(t, append(base, "deposit", "--wei", "7")...)
	out = mustCLI(t, append(base, "balance", "--account", "0x00000000000000000000000000000000000000aa")...)
	for _, want := range []string{"deposited", "0.5 ETH (500000000000000000 wei)", "thawing", "0.000000000000000001 ETH (1 wei)", "thaw ends", "withdrawable", "credits", "1h0m0s"} {
		if !strings.Contains(out, want) {
			t.Errorf("balance output lacks %q:\n%s", want, out)
		}
	}
	out = mustCLI(t, append(base, "withdraw", "--amount", "0.2")...)
	if !strings.Contains(out, "thawing 0.2 ETH (200000000000000000 wei) until") {
		t.Errorf("withdraw printed %q", out)
	}
	if _, err := runCLI(t, append(base, "withdraw", "--cancel")...); err == nil || !strings.Contains(err.Error(), "not_thawing") {
		t.Errorf("cancel without a thaw: %v", err)
	}
	for _, args := range [][]string{{"deposit"}, {"deposit", "--amount", "1e18"}, {"deposit", "--amount", "1", "--wei", "1"}, {"balance", "--account", "nope"}} {
		if _, err := runCLI(t, append(base, args...)...); err == nil {
			t.Errorf("pay %v: no error", args)
		}
	}
	want := []string{
		`POST /api/v1/pay/deposit Bearer tok {"amount_wei":"500000000000000000"}`,
		`POST /api/v1/pay/deposit Bearer tok {"amount_wei":"7"}`,
		`GET /api/v1/pay/balance?account=0x00000000000000000000000000000000000000aa Bearer tok `,
		`POST /api/v1/pay/withdraw Bearer tok {"amount_wei":"200000000000000000"}`,
		`POST /api/v1/pay/withdraw Bearer tok {"cancel":true}`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
