package node

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/chain"
)

// The app developer's funds in the PaymentEscrow, moved by the node for
// its own account (n.home.Account): GET /api/v1/pay/balance, POST
// /api/v1/pay/deposit, POST /api/v1/pay/withdraw. All need the API token.
// Amounts are wei as decimal strings, exact.

// PayBalance is the answer to GET /api/v1/pay/balance.
type PayBalance struct {
	Account string `json:"account"`
	// BalanceWei is the escrow balance, thawing funds included.
	BalanceWei string `json:"balance_wei"`
	// ThawingWei is the part of the balance thawing, withdrawable after
	// ThawEnd.
	ThawingWei string     `json:"thawing_wei"`
	ThawEnd    *time.Time `json:"thaw_end,omitempty"`
	// WithdrawableWei is what a withdraw pays now: min(thawing, balance)
	// once the chain's latest block is at or past ThawEnd, else "0".
	WithdrawableWei string `json:"withdrawable_wei"`
	ThawingPeriodS  int64  `json:"thawing_period_s"`
	// CreditsWei is the account's pull balance (payments whose push
	// failed).
	CreditsWei string `json:"credits_wei"`
}

// PayDepositRequest is the body of POST /api/v1/pay/deposit.
type PayDepositRequest struct {
	AmountWei string `json:"amount_wei"`
}

// PayDeposit is the answer to POST /api/v1/pay/deposit.
type PayDeposit struct {
	Tx         string `json:"tx"`
	AmountWei  string `json:"amount_wei"`
	BalanceWei string `json:"balance_wei"`
}

// PayWithdrawRequest is the body of POST /api/v1/pay/withdraw. AmountWei
// is what to thaw (default: the whole balance) and only applies when
// nothing is thawing; Cancel stops a thaw instead.
type PayWithdrawRequest struct {
	AmountWei string `json:"amount_wei,omitempty"`
	Cancel    bool   `json:"cancel,omitempty"`
}

// Withdraw statuses.
const (
	WithdrawThawing   = "thawing"   // 202: a thaw started; withdraw again after thaw_end
	WithdrawWithdrawn = "withdrawn" // 200: the thawed funds went back to the account
	WithdrawCancelled = "cancelled" // 200: the thaw was cancelled
)

// PayWithdrawal is the answer to POST /api/v1/pay/withdraw.
type PayWithdrawal struct {
	Status    string     `json:"status"`
	AmountWei string     `json:"amount_wei,omitempty"`
	ThawEnd   *time.Time `json:"thaw_end,omitempty"`
	Tx        string     `json:"tx,omitempty"`
}

// PayThawError is the 409 body of a withdraw before the thaw ended (code
// still_thawing) or while another amount is thawing (code
// thaw_in_progress).
type PayThawError struct {
	Error      string    `json:"error"`
	Code       string    `json:"code"`
	ThawingWei string    `json:"thawing_wei"`
	ThawEnd    time.Time `json:"thaw_end"`
}

// errNoEscrowChain explains a node that cannot reach the escrow.
var errNoEscrowChain = fmt.Errorf("%w: deposits, balances and withdrawals need [chain] rpc_url and escrow (and [attribution] enabled)", chain.ErrNoChain)

// payChain is the node's chain client when it has a chain and an escrow:
// errors match chain.ErrNoChain (503 no_chain) or chain.ErrNoContract
// (503 no_contract).
func (n *Node) payChain() (*chain.Client, error) {
	a := n.attr
	if a == nil || a.chain == nil || !a.chain.Enabled() {
		return nil, errNoEscrowChain
	}
	if a.chain.Addresses().Escrow == (common.Address{}) {
		return nil, fmt.Errorf("%w: escrow: set [chain] escrow to the PaymentEscrow address", chain.ErrNoContract)
	}
	return a.chain, nil
}

// chainNow is the time of the chain's latest block: what the escrow's
// thaw checks compare with (a transaction is estimated on it).
func chainNow(ctx context.Context, c *chain.Client) (time.Time, error) {
	h, err := c.Backend().HeaderByNumber(ctx, nil)
	if err != nil {
		return time.Time{}, fmt.Errorf("chain: latest header: %w", err)
	}
	return time.Unix(int64(h.Time), 0).UTC(), nil
}

// parseWei parses a positive wei amount: decimal digits only, at most a
// uint256.
func parseWei(what, s string) (*big.Int, error) {
	if s == "" || strings.TrimLeft(s, "0123456789") != "" {
		return nil, badRequest("%s %q: want a positive integer of wei in decimal digits", what, s)
	}
	v, ok := new(big.Int).SetString(s, 10)
	if !ok || v.Sign() <= 0 || v.BitLen() > 256 {
		return nil, badRequest("%s %q: want a positive integer of wei below 2^256", what, s)
	}
	return v, nil
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func (n *Node) getPayBalance(w http.ResponseWriter, r *http.Request) {
	who := n.home.Account.Address()
	if s := strings.TrimSpace(r.URL.Query().Get("account")); s != "" {
		if !common.IsHexAddress(s) {
			writeErr(w, badRequest("account %q: not a hex address", s))
			return
		}
		who = common.HexToAddress(s)
	}
	c, err := n.payChain()
	if err != nil {
		writeErr(w, err)
		return
	}
	b, err := n.payBalance(r.Context(), c, who)
	if err != nil {
		writeErr(w, err)
		return
	}
	writeJSON(w, http.StatusOK, b)
}

func (n *Node) payBalance(ctx context.Context, c *chain.Client, who common.Address) (PayBalance, error) {
	bal, thawing, end, err := c.EscrowBalance(ctx, who)
	if err != nil {
		return PayBalance{}, err
	}
	period, err := c.EscrowThawingPeriod(ctx)
	if err != nil {
		return PayBalance{}, err
	}
	credits, err := c.Credits(ctx, who)
	if err != nil {
		return PayBalance{}, err
	}
	withdrawable := new(big.Int)
	if !end.IsZero() && thawing.Sign() > 0 {
		now, err := chainNow(ctx, c)
		if err != nil {
			return PayBalance{}, err
		}
		if !now.Before(end) {
			withdrawable.Set(thawing)
			if bal.Cmp(thawing) < 0 {
				withdrawable.Set(bal)
			}
		}
	}
	return PayBalance{Account: who.Hex(), BalanceWei: bal.String(), ThawingWei: thawing.String(), ThawEnd: timePtr(end),
		WithdrawableWei: withdrawable.String(), ThawingPeriodS: int64(period / time.Second), CreditsWei: credits.String()}, nil
}

func (n *Node) postPayDeposit(w http.ResponseWriter, r *http.Request) {
	var req PayDepositRequest
	if err := decodeBody(r, &req); err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	amount, err := parseWei("amount_wei", req.AmountWei)
	if err != nil {
		writeErr(w, err)
		return
	}
	c, err := n.payChain()
	if err != nil {
		writeErr(w, err)
		return
	}
	tx, err := c.Deposit(r.Context(), amount)
	if err != nil {
		writeErr(w, err)
		return
	}
	bal, _, _, err := c.EscrowBalance(r.Context(), n.home.Account.Address())
	if err != nil {
		writeErr(w, err)
		return
	}
	if p := n.payments(); p != nil {
		p.ForgetFunds(n.home.Account.Address()) // spendable now, not in 2 s
	}
	n.log.Info("escrow deposit", "amount_wei", amount, "tx", tx, "balance_wei", bal)
	writeJSON(w, http.StatusOK, PayDeposit{Tx: tx.Hex(), AmountWei: amount.String(), BalanceWei: bal.String()})
}

func (n *Node) postPayWithdraw(w http.ResponseWriter, r *http.Request) {
	var req PayWithdrawRequest
	if r.ContentLength != 0 {
		if err := decodeBody(r, &req); err != nil {
			writeError(w, http.StatusBadRequest, err)
			return
		}
	}
	var amount *big.Int
	if req.AmountWei != "" {
		if req.Cancel {
			writeErr(w, badRequest("cancel takes no amount_wei"))
			return
		}
		var err error
		if amount, err = parseWei("amount_wei", req.AmountWei); err != nil {
			writeErr(w, err)
			return
		}
	}
	c, err := n.payChain()
	if err != nil {
		writeErr(w, err)
		return
	}
	ctx, me := r.Context(), n.home.Account.Address()
	if req.Cancel {
		tx, err := c.CancelThaw(ctx) // ErrNotThawing: 409 not_thawing
		if err != nil {
			writeErr(w, err)
			return
		}
		n.log.Info("escrow thaw cancelled", "tx", tx)
		writeJSON(w, http.StatusOK, PayWithdrawal{Status: WithdrawCancelled, Tx: tx.Hex()})
		return
	}
	bal, thawing, end, err := c.EscrowBalance(ctx, me)
	if err != nil {
		writeErr(w, err)
		return
	}
	if end.IsZero() || thawing.Sign() == 0 {
		n.startThaw(ctx, w, c, bal, amount)
		return
	}
	if amount != nil && amount.Cmp(thawing) != 0 {
		writeJSON(w, http.StatusConflict, PayThawError{Code: "thaw_in_progress", ThawingWei: thawing.String(), ThawEnd: end,
			Error: fmt.Sprintf("node: %s wei is already thawing until %s; cancel it first (cancel: true) to thaw another amount", thawing, end.Format(time.RFC3339))})
		return
	}
	now, err := chainNow(ctx, c)
	if err != nil {
		writeErr(w, err)
		return
	}
	if now.Before(end) {
		writeStillThawing(w, thawing, end, now)
		return
	}
	got, tx, err := c.Withdraw(ctx)
	if errors.Is(err, chain.ErrStillThawing) {
		writeStillThawing(w, thawing, end, now)
		return
	}
	if err != nil {
		writeErr(w, err)
		return
	}
	n.log.Info("escrow withdrawn", "amount_wei", got, "tx", tx)
	writeJSON(w, http.StatusOK, PayWithdrawal{Status: WithdrawWithdrawn, AmountWei: got.String(), Tx: tx.Hex()})
}

// startThaw thaws amount (nil: the whole balance bal) and answers 202.
func (n *Node) startThaw(ctx context.Context, w http.ResponseWriter, c *chain.Client, bal, amount *big.Int) {
	if amount == nil {
		amount = bal
	}
	switch {
	case amount.Sign() == 0:
		writeError(w, http.StatusConflict, fmt.Errorf("%w: nothing to withdraw: the escrow balance is 0", chain.ErrInsufficientBalance))
		return
	case amount.Cmp(bal) > 0:
		writeErr(w, fmt.Errorf("%w: thaw %s wei of a balance of %s", chain.ErrInsufficientBalance, amount, bal))
		return
	}
	tx, err := c.Thaw(ctx, amount)
	if err != nil {
		writeErr(w, err)
		return
	}
	_, thawing, end, err := c.EscrowBalance(ctx, n.home.Account.Address())
	if err != nil {
		writeErr(w, err)
		return
	}
	n.log.Info("escrow thaw started", "amount_wei", thawing, "thaw_end", end, "tx", tx)
	writeJSON(w, http.StatusAccepted, PayWithdrawal{Status: WithdrawThawing, AmountWei: thawing.String(), ThawEnd: timePtr(end), Tx: tx.Hex()})
}

func writeStillThawing(w http.ResponseWriter, thawing *big.Int, end, now time.Time) {
	writeJSON(w, http.StatusConflict, PayThawError{Code: "still_thawing", ThawingWei: thawing.String(), ThawEnd: end,
		Error: fmt.Sprintf("%v: %s wei thaws until %s (the chain's latest block is at %s); withdraw again then",
			chain.ErrStillThawing, thawing, end.Format(time.RFC3339), now.Format(time.RFC3339))})
}
