package node

import (
	"context"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/chain"
)

// payCall sends a JSON request to n's API (with the node's token unless
// token is "-") and returns the status and raw body.
func payCall(t *testing.T, n *Node, method, path, body, token string) (int, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, n.APIURL()+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token == "" {
		token = n.Home().Token
	}
	if token != "-" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

// payJSON is payCall with the node's token, failing unless the status is
// want, decoding the body into out.
func payJSON(t *testing.T, n *Node, method, path, body string, want int, out any) {
	t.Helper()
	code, b := payCall(t, n, method, path, body, "")
	if code != want {
		t.Fatalf("%s %s %s: %d %s, want %d", method, path, body, code, b, want)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v in %s", method, path, err, b)
		}
	}
}

// A node on a dev chain moves its account's funds through the escrow:
// deposit 0.5 ETH, read it back to the wei, thaw 0.2, be refused before the
// thaw ends, cancel, then withdraw 0.2 and the rest after thawing periods; API
// keys bind their signer to the account on chain.
func TestPayFundsOnDevChain(t *testing.T) {
	ctx := context.Background()
	cfg := testConfig()
	h, err := Init(t.TempDir(), cfg, false)
	if err != nil {
		t.Fatal(err)
	}
	me := h.Account.Address()
	dcc := chain.DefaultDevChainConfig()
	dcc.Fund = []common.Address{me}
	dcc.ThawingPeriod = 2 * time.Second
	// Idle blocks every second keep the chain's clock (what thaws compare
	// with) moving while the test waits for the thaw to end.
	dcc.BlockPeriod = time.Second
	dc, err := chain.NewDevChain(dcc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := dc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = dc.Stop(context.Background()) })
	cc := dc.Config()
	cfg.Chain = ChainConfig{RPCURL: cc.RPCURL, ChainID: cc.ChainID, Registry: cc.Registry.Hex(), Anchor: cc.Anchor.Hex(),
		Claims: cc.Claims.Hex(), Escrow: cc.Escrow.Hex()}
	n := startNodeAt(t, cfg, h)

	reader, err := chain.NewClient(ctx, dc.InProc(), cc, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	eth := dc.InProc().(interface {
		BalanceAt(context.Context, common.Address, *big.Int) (*big.Int, error)
	})
	wallet := func() *big.Int {
		t.Helper()
		b, err := eth.BalanceAt(ctx, me, nil)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	fee := func(tx string) *big.Int {
		t.Helper()
		r, err := dc.InProc().TransactionReceipt(ctx, common.HexToHash(tx))
		if err != nil {
			t.Fatalf("receipt %s: %v", tx, err)
		}
		return new(big.Int).Mul(new(big.Int).SetUint64(r.GasUsed), r.EffectiveGasPrice)
	}
	balance := func() PayBalance {
		t.Helper()
		var b PayBalance
		payJSON(t, n, http.MethodGet, "/api/v1/pay/balance", "", http.StatusOK, &b)
		if b.Account != me.Hex() {
			t.Fatalf("balance of %s, want the node's %s", b.Account, me.Hex())
		}
		return b
	}

	// An API key's session signer is bound to the node's account on chain.
	var made APIKeyCreated
	payJSON(t, n, http.MethodPost, "/api/v1/pay/keys", `{"label":"app"}`, http.StatusCreated, &made)
	if made.SignerTx == "" {
		t.Fatal("key created without binding its signer on chain")
	}
	if payer, err := reader.PayerOf(ctx, made.Signer); err != nil || payer != me {
		t.Fatalf("PayerOf(%s) = %s (%v), want the node's account %s", made.Signer.Hex(), payer.Hex(), err, me.Hex())
	}

	if b := balance(); b.BalanceWei != "0" || b.ThawingWei != "0" || b.WithdrawableWei != "0" || b.ThawEnd != nil ||
		b.ThawingPeriodS != 2 || b.CreditsWei != "0" {
		t.Fatalf("fresh balance %+v", b)
	}

	// Deposit 0.5 ETH: the escrow holds exactly that, the wallet lost it
	// plus the gas.
	const half = "500000000000000000"
	before := wallet()
	var dep PayDeposit
	payJSON(t, n, http.MethodPost, "/api/v1/pay/deposit", `{"amount_wei":"`+half+`"}`, http.StatusOK, &dep)
	if dep.BalanceWei != half || dep.AmountWei != half || dep.Tx == "" {
		t.Fatalf("deposit %+v", dep)
	}
	halfWei, _ := new(big.Int).SetString(half, 10)
	if got, want := wallet(), new(big.Int).Sub(before, new(big.Int).Add(halfWei, fee(dep.Tx))); got.Cmp(want) != 0 {
		t.Fatalf("wallet after deposit %v, want %v (before %v less 0.5 ETH and gas)", got, want, before)
	}
	if bal, _, _, err := reader.EscrowBalance(ctx, me); err != nil || bal.Cmp(halfWei) != 0 {
		t.Fatalf("escrow on chain %v %v", bal, err)
	}
	if b := balance(); b.BalanceWei != half || b.ThawingWei != "0" || b.WithdrawableWei != "0" {
		t.Fatalf("after deposit %+v", b)
	}
	// Another account, read-only.
	var other PayBalance
	payJSON(t, n, http.MethodGet, "/api/v1/pay/balance?account="+dc.Accounts()[1].Hex(), "", http.StatusOK, &other)
	if other.Account != dc.Accounts()[1].Hex() || other.BalanceWei != "0" {
		t.Fatalf("other account %+v", other)
	}

	// Thawing more than the balance is refused.
	code, body := payCall(t, n, http.MethodPost, "/api/v1/pay/withdraw", `{"amount_wei":"500000000000000001"}`, "")
	if code != http.StatusConflict || !strings.Contains(string(body), `"insufficient_balance"`) {
		t.Fatalf("thaw above balance: %d %s", code, body)
	}
	// A withdraw with an amount starts the thaw of that part.
	const fifth, rest = "200000000000000000", "300000000000000000"
	var wd PayWithdrawal
	payJSON(t, n, http.MethodPost, "/api/v1/pay/withdraw", `{"amount_wei":"`+fifth+`"}`, http.StatusAccepted, &wd)
	if wd.Status != WithdrawThawing || wd.AmountWei != fifth || wd.ThawEnd == nil {
		t.Fatalf("first withdraw %+v", wd)
	}
	// Before the end: 409 still_thawing with the end.
	var te PayThawError
	payJSON(t, n, http.MethodPost, "/api/v1/pay/withdraw", "", http.StatusConflict, &te)
	if te.Code != "still_thawing" || !te.ThawEnd.Equal(*wd.ThawEnd) || te.ThawingWei != fifth {
		t.Fatalf("withdraw before thaw end %+v", te)
	}
	if b := balance(); b.BalanceWei != half || b.ThawingWei != fifth || b.WithdrawableWei != "0" || b.ThawEnd == nil ||
		!b.ThawEnd.Equal(*wd.ThawEnd) {
		t.Fatalf("while thawing %+v", b)
	}
	// Cancel, and a second cancel has nothing to cancel.
	payJSON(t, n, http.MethodPost, "/api/v1/pay/withdraw", `{"cancel":true}`, http.StatusOK, &wd)
	if wd.Status != WithdrawCancelled {
		t.Fatalf("cancel %+v", wd)
	}
	if code, body := payCall(t, n, http.MethodPost, "/api/v1/pay/withdraw", `{"cancel":true}`, ""); code != http.StatusConflict ||
		!strings.Contains(string(body), `"not_thawing"`) {
		t.Fatalf("second cancel: %d %s", code, body)
	}
	if b := balance(); b.ThawingWei != "0" || b.ThawEnd != nil || b.BalanceWei != half {
		t.Fatalf("after cancel %+v", b)
	}

	// withdraw thaws, withdraw after the thawing period pays back: first
	// 0.2 ETH, then (no amount) the 0.3 left.
	for _, c := range []struct{ body, amount, left string }{{`{"amount_wei":"` + fifth + `"}`, fifth, rest}, {"", rest, "0"}} {
		payJSON(t, n, http.MethodPost, "/api/v1/pay/withdraw", c.body, http.StatusAccepted, &wd)
		if wd.Status != WithdrawThawing || wd.AmountWei != c.amount {
			t.Fatalf("thaw %s: %+v", c.amount, wd)
		}
		// A different amount while thawing is refused, not silently ignored.
		payJSON(t, n, http.MethodPost, "/api/v1/pay/withdraw", `{"amount_wei":"1"}`, http.StatusConflict, &te)
		if te.Code != "thaw_in_progress" {
			t.Fatalf("other amount while thawing %+v", te)
		}
		eventually(t, 20*time.Second, "the thaw to end", func() bool { return balance().WithdrawableWei != "0" })
		if b := balance(); b.WithdrawableWei != c.amount || b.ThawingWei != c.amount {
			t.Fatalf("thaw of %s ended: %+v", c.amount, b)
		}
		before = wallet()
		payJSON(t, n, http.MethodPost, "/api/v1/pay/withdraw", "", http.StatusOK, &wd)
		if wd.Status != WithdrawWithdrawn || wd.AmountWei != c.amount || wd.Tx == "" {
			t.Fatalf("withdraw after thaw %+v", wd)
		}
		amt, _ := new(big.Int).SetString(c.amount, 10)
		if got, want := wallet(), new(big.Int).Sub(new(big.Int).Add(before, amt), fee(wd.Tx)); got.Cmp(want) != 0 {
			t.Fatalf("wallet after withdraw %v, want %v (before %v plus %s wei less gas)", got, want, before, c.amount)
		}
		if b := balance(); b.BalanceWei != c.left || b.ThawingWei != "0" || b.ThawEnd != nil || b.WithdrawableWei != "0" {
			t.Fatalf("after withdrawing %s: %+v", c.amount, b)
		}
	}
	if bal, _, _, err := reader.EscrowBalance(ctx, me); err != nil || bal.Sign() != 0 {
		t.Fatalf("escrow on chain after withdrawing all %v %v", bal, err)
	}
	// Nothing left to thaw.
	if code, body := payCall(t, n, http.MethodPost, "/api/v1/pay/withdraw", "", ""); code != http.StatusConflict ||
		!strings.Contains(string(body), `"insufficient_balance"`) {
		t.Fatalf("withdraw of an empty balance: %d %s", code, body)
	}

	// Revoking the key starts the signer's revocation on chain; a revoke
	// after the signer's thaw completes it.
	var rev APIKeyRevoked
	payJSON(t, n, http.MethodDelete, "/api/v1/pay/keys/"+made.ID, "", http.StatusOK, &rev)
	if rev.Revoked == nil || rev.SignerStatus != "thawing" || rev.SignerThawEnd == nil || rev.SignerTx == "" || rev.SignerError != "" {
		t.Fatalf("revoke %+v", rev)
	}
	if end, err := reader.SignerThawEnd(ctx, made.Signer); err != nil || !end.Equal(*rev.SignerThawEnd) {
		t.Fatalf("signer thaw end on chain %v (%v), answer %v", end, err, rev.SignerThawEnd)
	}
	eventually(t, 20*time.Second, "the signer's revocation", func() bool {
		payJSON(t, n, http.MethodDelete, "/api/v1/pay/keys/"+made.ID, "", http.StatusOK, &rev)
		return rev.SignerStatus == "revoked"
	})
	if payer, err := reader.PayerOf(ctx, made.Signer); err != nil || payer != (common.Address{}) {
		t.Fatalf("after revocation PayerOf = %s (%v)", payer.Hex(), err)
	}
}

// Without a chain the funds routes answer 503 no_chain, bad input is 400
// before any chain call, all three need the token, and API keys work as
// before (no signer binding).
func TestPayFundsWithoutChain(t *testing.T) {
	n := startNode(t, testConfig())
	for _, c := range []struct{ method, path, body string }{
		{http.MethodGet, "/api/v1/pay/balance", ""},
		{http.MethodPost, "/api/v1/pay/deposit", `{"amount_wei":"1"}`},
		{http.MethodPost, "/api/v1/pay/withdraw", `{}`},
	} {
		code, body := payCall(t, n, c.method, c.path, c.body, "-")
		if code != http.StatusUnauthorized {
			t.Errorf("%s %s without the token: %d %s", c.method, c.path, code, body)
		}
		code, body = payCall(t, n, c.method, c.path, c.body, "")
		var e apiError
		json.Unmarshal(body, &e)
		if code != http.StatusServiceUnavailable || e.Code != "no_chain" || !strings.Contains(e.Error, "[chain] rpc_url") {
			t.Errorf("%s %s without a chain: %d %s", c.method, c.path, code, body)
		}
	}
	for _, amt := range []string{"", "0", "-1", "1e18", "0.5", " 1", "+1", "abc",
		"115792089237316195423570985008687907853269984665640564039457584007913129639936"} { // 2^256
		code, body := payCall(t, n, http.MethodPost, "/api/v1/pay/deposit", `{"amount_wei":"`+amt+`"}`, "")
		if code != http.StatusBadRequest {
			t.Errorf("deposit %q: %d %s", amt, code, body)
		}
	}
	if code, body := payCall(t, n, http.MethodPost, "/api/v1/pay/withdraw", `{"cancel":true,"amount_wei":"1"}`, ""); code != http.StatusBadRequest {
		t.Errorf("cancel with an amount: %d %s", code, body)
	}
	if code, body := payCall(t, n, http.MethodGet, "/api/v1/pay/balance?account=nope", "", ""); code != http.StatusBadRequest {
		t.Errorf("bad account: %d %s", code, body)
	}
	var made APIKeyCreated
	payJSON(t, n, http.MethodPost, "/api/v1/pay/keys", `{}`, http.StatusCreated, &made)
	if made.Key == "" || made.SignerTx != "" {
		t.Fatalf("key without a chain %+v", made)
	}
	var rev APIKeyRevoked
	payJSON(t, n, http.MethodDelete, "/api/v1/pay/keys/"+made.ID, "", http.StatusOK, &rev)
	if rev.Revoked == nil || rev.SignerStatus != "" || rev.SignerError != "" {
		t.Fatalf("revoke without a chain %+v", rev)
	}
}
