package node

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"strconv"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/node/payments"
	"github.com/provenet/provenet/pay"
)

// ErrPayDisabled: this node takes no payments (no escrow configured).
var ErrPayDisabled = fmt.Errorf("node: payments are off: %w", errNoEscrow)

// ClaimProof is an account's wei claim of a settled epoch, what the
// escrow's claim takes.
type ClaimProof struct {
	Epoch      uint64         `json:"epoch"`
	Account    common.Address `json:"account"`
	Amount     uint64         `json:"amount"`
	Proof      []string       `json:"proof"`
	ClaimsRoot string         `json:"claims_root"`
	Claimed    bool           `json:"claimed"`
}

// Earnings is what an account earned from payments: as an operator,
// charged but not settled (pending) and paid at settlement; as a model
// owner or data contributor, its claims per settled epoch.
type Earnings struct {
	Account         common.Address `json:"account"`
	OperatorPending uint64         `json:"operator_pending"`
	OperatorPaid    string         `json:"operator_paid"`
	Claims          []ClaimProof   `json:"claims"`
	Claimable       string         `json:"claimable"`
	Claimed         string         `json:"claimed"`
}

func (n *Node) payOrErr(w http.ResponseWriter) *payments.Service {
	p := n.payments()
	if p == nil {
		writeErr(w, ErrPayDisabled)
	}
	return p
}

func (n *Node) listSettlements(w http.ResponseWriter, _ *http.Request) {
	p := n.payOrErr(w)
	if p == nil {
		return
	}
	ss, err := p.Records().Settlements(100)
	if err != nil {
		writeErr(w, err)
		return
	}
	if ss == nil {
		ss = []*SettlementInfo{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"settlements": ss})
}

func (n *Node) getSettlement(w http.ResponseWriter, r *http.Request) {
	p := n.payOrErr(w)
	if p == nil {
		return
	}
	e, err := strconv.ParseUint(r.PathValue("epoch"), 10, 64)
	if err != nil {
		writeErr(w, badRequest("epoch %q: %v", r.PathValue("epoch"), err))
		return
	}
	s, err := n.settlement(r.Context(), p, e)
	if err != nil {
		writeErr(w, err)
		return
	}
	writeJSON(w, http.StatusOK, s)
}

// settlement is epoch e's settlement record, fetched from peers when this
// node missed its gossip (ErrReceiptNotFound when no one has it).
func (n *Node) settlement(ctx context.Context, p *payments.Service, e uint64) (*SettlementInfo, error) {
	s, err := p.Settlement(ctx, e)
	if errors.Is(err, payments.ErrSettlementUnknown) {
		return nil, fmt.Errorf("%w: %w", ErrReceiptNotFound, err)
	}
	return s, err
}

// accountParam is the ?account= of a request, this node's account when
// absent.
func (n *Node) accountParam(r *http.Request) (common.Address, error) {
	a := r.URL.Query().Get("account")
	if a == "" {
		return n.home.Account.Address(), nil
	}
	if !common.IsHexAddress(a) {
		return common.Address{}, badRequest("account %q is not an address", a)
	}
	return common.HexToAddress(a), nil
}

// claimProof builds account's claim proof of settled epoch e.
func (n *Node) claimProof(r *http.Request, p *payments.Service, e uint64, account common.Address) (ClaimProof, error) {
	s, err := n.settlement(r.Context(), p, e)
	if err != nil {
		return ClaimProof{}, err
	}
	c, proof, root, err := pay.ClaimsProof(e, s.PayClaims(), account)
	if err != nil {
		return ClaimProof{}, fmt.Errorf("%w: %w", ErrReceiptNotFound, err)
	}
	cp := ClaimProof{Epoch: e, Account: account, Amount: c.Amount, ClaimsRoot: common.Hash(root).Hex(), Proof: []string{}}
	for _, h := range proof {
		cp.Proof = append(cp.Proof, common.Hash(h).Hex())
	}
	cp.Claimed, err = n.attr.chain.PaymentClaimed(r.Context(), e, account)
	return cp, err
}

// getClaim: GET /api/v1/pay/claims?epoch=N[&account=0x…].
func (n *Node) getClaim(w http.ResponseWriter, r *http.Request) {
	p := n.payOrErr(w)
	if p == nil {
		return
	}
	e, err := strconv.ParseUint(r.URL.Query().Get("epoch"), 10, 64)
	if err != nil {
		writeErr(w, badRequest("epoch: %v", err))
		return
	}
	acct, err := n.accountParam(r)
	if err != nil {
		writeErr(w, err)
		return
	}
	cp, err := n.claimProof(r, p, e, acct)
	if err != nil {
		writeErr(w, err)
		return
	}
	writeJSON(w, http.StatusOK, cp)
}

// postClaim: POST /api/v1/pay/claims {"epoch": N, "account"?: "0x…"}
// sends the escrow's claim for the account (default: this node's) from
// this node's account; the value goes to the account.
func (n *Node) postClaim(w http.ResponseWriter, r *http.Request) {
	p := n.payOrErr(w)
	if p == nil {
		return
	}
	var req struct {
		Epoch   uint64          `json:"epoch"`
		Account *common.Address `json:"account"`
	}
	if err := decodeBody(r, &req); err != nil {
		writeErr(w, err)
		return
	}
	acct := n.home.Account.Address()
	if req.Account != nil {
		acct = *req.Account
	}
	cp, err := n.claimProof(r, p, req.Epoch, acct)
	if err != nil {
		writeErr(w, err)
		return
	}
	proof := make([][32]byte, len(cp.Proof))
	for i, h := range cp.Proof {
		proof[i] = common.HexToHash(h)
	}
	tx, err := n.attr.chain.ClaimPayment(r.Context(), req.Epoch, acct, new(big.Int).SetUint64(cp.Amount), proof)
	if err != nil {
		writeErr(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"epoch": req.Epoch, "account": acct, "amount": cp.Amount, "tx": tx.Hex()})
}

// getEarnings: GET /api/v1/earnings[?account=0x…].
func (n *Node) getEarnings(w http.ResponseWriter, r *http.Request) {
	p := n.payOrErr(w)
	if p == nil {
		return
	}
	acct, err := n.accountParam(r)
	if err != nil {
		writeErr(w, err)
		return
	}
	out := Earnings{Account: acct, Claims: []ClaimProof{}}
	if acct == n.home.Account.Address() {
		if out.OperatorPending, err = p.PendingCharges(); err != nil {
			writeErr(w, err)
			return
		}
	}
	ss, err := p.Records().Settlements(1000)
	if err != nil {
		writeErr(w, err)
		return
	}
	paid, claimable, claimed := new(big.Int), new(big.Int), new(big.Int)
	for _, s := range ss {
		for _, po := range s.Payouts {
			if po.Account == acct {
				paid.Add(paid, new(big.Int).SetUint64(po.Amount))
			}
		}
		for _, c := range s.Claims {
			if c.Account != acct {
				continue
			}
			cp, err := n.claimProof(r, p, s.Epoch, acct)
			if err != nil {
				writeErr(w, err)
				return
			}
			out.Claims = append(out.Claims, cp)
			if cp.Claimed {
				claimed.Add(claimed, new(big.Int).SetUint64(c.Amount))
			} else {
				claimable.Add(claimable, new(big.Int).SetUint64(c.Amount))
			}
		}
	}
	out.OperatorPaid, out.Claimable, out.Claimed = paid.String(), claimable.String(), claimed.String()
	writeJSON(w, http.StatusOK, out)
}
