package node

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/chain"
	"github.com/provenet/provenet/p2p"
	"github.com/provenet/provenet/pay"
)

// TopicSettlements carries each settled epoch's record (SettlementInfo,
// JSON) from the aggregator, so that every node can serve the claims
// proofs. A node keeps one only when its claims root equals the root
// finalized on the escrow.
const TopicSettlements = "/provenet/settlements/1"

// Settlement statuses.
const (
	SettlementSettled = "settled" // redeemed and finalized on the escrow
	SettlementNone    = "none"    // no voucher-backed receipt: nothing to settle
)

// SettlementInfo is an epoch's settlement as the aggregator made it and
// GET /api/v1/pay/settlements/{epoch} shows it. Amounts are wei, decimal.
type SettlementInfo struct {
	Epoch       uint64            `json:"epoch"`
	Status      string            `json:"status"`
	ClaimsRoot  string            `json:"claims_root"`
	ClaimsTotal string            `json:"claims_total"`
	ChargeTotal string            `json:"charge_total"`
	Claims      []SettlementClaim `json:"claims"`
	Payouts     []SettlementClaim `json:"payouts"`
	Redemptions []SettledPair     `json:"redemptions"`
	Rejected    []RejectedPair    `json:"rejected,omitempty"`
	Free        int               `json:"free_receipts"`
	RedeemTxs   []string          `json:"redeem_txs,omitempty"`
	FinalizeTx  string            `json:"finalize_tx,omitempty"`
	SettledAt   time.Time         `json:"settled_at"`
}

// SettlementClaim is an account and an amount of wei.
type SettlementClaim struct {
	Account common.Address `json:"account"`
	Amount  uint64         `json:"amount"`
}

// SettledPair is one redeemed voucher: what the payer was charged for its
// receipts with the operator.
type SettledPair struct {
	Payer    common.Address `json:"payer"`
	Operator common.Address `json:"operator"`
	Voucher  uint64         `json:"voucher"`
	Charge   uint64         `json:"charge"`
	Receipts int            `json:"receipts"`
	Fees     string         `json:"fees"`
}

// RejectedPair is a (payer, operator) pair whose receipts went unpaid.
type RejectedPair struct {
	Payer    common.Address `json:"payer"`
	Operator common.Address `json:"operator"`
	Receipts int            `json:"receipts"`
	Reason   string         `json:"reason"`
}

// settlementStore keeps settlement records (the receipt store does).
type settlementStore interface {
	putSettlement(s *SettlementInfo) error
	settlement(epoch uint64) (*SettlementInfo, error)
	settlements(limit int) ([]*SettlementInfo, error)
}

// errNotSettler: this node's account may not settle on the escrow.
var errNotSettler = errors.New("node: this account is not the escrow's settler")

// settle settles epoch e on the escrow from its receipts and the vouchers
// heard: pay.Settle, then redeem (in bounded batches) and finalize. A
// payer whose escrow balance no longer covers its charges (it withdrew)
// is left out rather than making the redemption revert. It is safe to
// run again: an epoch finalized on chain is not settled twice, and pairs
// redeemed before a crash are not redeemed again.
func (p *payService) settle(ctx context.Context, e uint64, receipts []*attribution.Receipt, split attribution.SplitParams) (*SettlementInfo, error) {
	if p.pool == nil {
		return nil, errors.New("node: settlement needs the aggregator role")
	}
	p.settleMu.Lock()
	defer p.settleMu.Unlock()
	if old, err := p.records.settlement(e); err == nil && old.Status == SettlementSettled {
		return old, nil
	}
	st, err := p.chain.EpochSettlement(ctx, e)
	if err != nil {
		return nil, err
	}
	if st.Finalized {
		return nil, fmt.Errorf("%w: epoch %d finalized on the escrow without a local record", chain.ErrEpochFinalized, e)
	}
	vouchers, err := p.pool.Epoch(e)
	if err != nil {
		return nil, err
	}
	var s *pay.Settlement
	for range 3 {
		s, err = pay.Settle(pay.SettleInput{Domain: p.domain, Epoch: e, Split: split, Vouchers: vouchers, Receipts: receipts, PayerOf: p.payers.PayerOf})
		if err != nil {
			return nil, err
		}
		short, err := p.overdrawn(ctx, s)
		if err != nil {
			return nil, err
		}
		if len(short) == 0 {
			break
		}
		kept := vouchers[:0]
		for _, v := range vouchers {
			if !short[v.Payer] {
				kept = append(kept, v)
			}
		}
		p.log.Warn("pay: payers no longer cover their charges; left out", "epoch", e, "payers", len(short))
		vouchers = kept
	}
	info := settlementInfo(s)
	if len(s.Redemptions) == 0 {
		info.Status = SettlementNone
		return info, p.records.putSettlement(info)
	}
	if who, err := p.chain.Settler(ctx); err != nil {
		return nil, err
	} else if who != p.self {
		return nil, fmt.Errorf("%w: settler is %s", errNotSettler, who.Hex())
	}
	rs := make([]chain.Redemption, 0, len(s.Redemptions))
	for _, r := range s.Redemptions {
		if _, done, err := p.chain.Redeemed(ctx, r.Payer, r.Operator, e); err != nil {
			return nil, err
		} else if done {
			continue // redeemed before a restart
		}
		rs = append(rs, chain.Redemption{
			Voucher:   chain.Voucher{Payer: r.Payer, Operator: r.Operator, Epoch: r.Epoch, Amount: new(big.Int).SetUint64(r.Amount)},
			Signature: r.Sig, Charge: new(big.Int).SetUint64(r.Charge),
		})
	}
	if len(rs) > 0 {
		hs, err := p.chain.Redeem(ctx, e, rs)
		for _, h := range hs {
			info.RedeemTxs = append(info.RedeemTxs, h.Hex())
		}
		if err != nil {
			p.met.settled("failed")
			return nil, fmt.Errorf("redeem epoch %d: %w", e, err)
		}
	}
	payouts := make([]chain.Payout, len(s.Payouts))
	for i, po := range s.Payouts {
		payouts[i] = chain.Payout{Operator: po.Operator, Amount: new(big.Int).SetUint64(po.Amount)}
	}
	tx, err := p.chain.Finalize(ctx, e, payouts, s.Root, s.ClaimsTotal)
	if err != nil {
		p.met.settled("failed")
		return nil, fmt.Errorf("finalize epoch %d: %w", e, err)
	}
	info.Status, info.FinalizeTx, info.SettledAt = SettlementSettled, tx.Hex(), p.clock.Now().UTC()
	if err := p.records.putSettlement(info); err != nil {
		return nil, err
	}
	p.met.settled("settled")
	for _, po := range s.Payouts {
		p.met.earned("operator", po.Amount)
	}
	if s.ClaimsTotal.IsUint64() {
		p.met.earned("claims", s.ClaimsTotal.Uint64())
	}
	p.settled(info)
	if b, err := json.Marshal(info); err == nil {
		if err := p.settleTopic.Publish(ctx, b); err != nil {
			p.log.Debug("pay: publish settlement", "epoch", e, "err", err)
		}
	}
	p.log.Info("epoch settled", "epoch", e, "pairs", len(s.Redemptions), "charged", s.ChargeTotal, "claims", len(s.Claims),
		"claims_total", s.ClaimsTotal, "rejected", len(s.Rejected), "free", s.Free, "tx", tx)
	return info, nil
}

// overdrawn returns the payers whose escrow balance is below what s
// charges them.
func (p *payService) overdrawn(ctx context.Context, s *pay.Settlement) (map[common.Address]bool, error) {
	owed := map[common.Address]*big.Int{}
	for _, r := range s.Redemptions {
		if owed[r.Payer] == nil {
			owed[r.Payer] = new(big.Int)
		}
		owed[r.Payer].Add(owed[r.Payer], new(big.Int).SetUint64(r.Charge))
	}
	short := map[common.Address]bool{}
	for payer, amt := range owed {
		bal, _, _, err := p.chain.EscrowBalance(ctx, payer)
		if err != nil {
			return nil, err
		}
		if bal.Cmp(amt) < 0 {
			short[payer] = true
		}
	}
	return short, nil
}

func settlementInfo(s *pay.Settlement) *SettlementInfo {
	info := &SettlementInfo{Epoch: s.Epoch, ClaimsRoot: common.Hash(s.Root).Hex(), ClaimsTotal: s.ClaimsTotal.String(),
		ChargeTotal: s.ChargeTotal.String(), Free: s.Free, Claims: []SettlementClaim{}, Payouts: []SettlementClaim{}, Redemptions: []SettledPair{}}
	for _, c := range s.Claims {
		info.Claims = append(info.Claims, SettlementClaim{Account: c.Account, Amount: c.Amount})
	}
	for _, po := range s.Payouts {
		info.Payouts = append(info.Payouts, SettlementClaim{Account: po.Operator, Amount: po.Amount})
	}
	for _, r := range s.Redemptions {
		info.Redemptions = append(info.Redemptions, SettledPair{Payer: r.Payer, Operator: r.Operator, Voucher: r.Amount,
			Charge: r.Charge, Receipts: r.Receipts, Fees: r.Fees.String()})
	}
	for _, r := range s.Rejected {
		info.Rejected = append(info.Rejected, RejectedPair{Payer: r.Payer, Operator: r.Operator, Receipts: r.Receipts, Reason: r.Reason.Error()})
	}
	return info
}

// settled applies a settled epoch on this node: the gate stops counting
// the epoch's charges against its payers, and cached balances are
// dropped.
func (p *payService) settled(info *SettlementInfo) {
	if p.gate != nil {
		if err := p.gate.Settled(info.Epoch); err != nil {
			p.log.Warn("pay: gate settled", "epoch", info.Epoch, "err", err)
		}
	}
	for _, r := range info.Redemptions {
		p.payers.forget(r.Payer)
	}
	if p.pool != nil {
		if err := p.pool.Prune(info.Epoch + 1 - min(info.Epoch+1, p.lag+8)); err != nil {
			p.log.Debug("pay: prune vouchers", "err", err)
		}
	}
}

// checkSettlement is the gossip rule for a settlement record: well-formed,
// its claims root recomputed from its claims, and that root finalized on
// the escrow for its epoch.
func (p *payService) checkSettlement(ctx context.Context, data []byte) (*SettlementInfo, error) {
	var info SettlementInfo
	if err := json.Unmarshal(data, &info); err != nil {
		return nil, err
	}
	if info.Status != SettlementSettled || len(info.Claims) > 1<<20 {
		return nil, fmt.Errorf("settlement of epoch %d: status %q, %d claims", info.Epoch, info.Status, len(info.Claims))
	}
	root, err := pay.ClaimsRoot(info.Epoch, info.payClaims())
	if err != nil {
		return nil, err
	}
	if common.Hash(root).Hex() != info.ClaimsRoot {
		return nil, fmt.Errorf("settlement of epoch %d: claims root %s, its claims give %x", info.Epoch, info.ClaimsRoot, root)
	}
	cctx, cancel := context.WithTimeout(ctx, escrowCallLimit)
	defer cancel()
	st, err := p.chain.EpochSettlement(cctx, info.Epoch)
	if err != nil {
		return nil, err
	}
	if !st.Finalized || st.ClaimsRoot != root {
		return nil, fmt.Errorf("settlement of epoch %d: escrow has root %x (finalized %v)", info.Epoch, st.ClaimsRoot, st.Finalized)
	}
	return &info, nil
}

func (info *SettlementInfo) payClaims() []pay.Claim {
	out := make([]pay.Claim, len(info.Claims))
	for i, c := range info.Claims {
		out[i] = pay.Claim{Account: c.Account, Amount: c.Amount}
	}
	return out
}

func (p *payService) validateSettlement(ctx context.Context, from peer.ID, data []byte) p2p.Result {
	if _, err := p.checkSettlement(ctx, data); err != nil {
		p.log.Debug("gossip: bad settlement", "from", from, "err", err)
		return p2p.Reject
	}
	return p2p.Accept
}

func (p *payService) onSettlement(ctx context.Context, _ peer.ID, data []byte) {
	info, err := p.checkSettlement(ctx, data)
	if err != nil {
		return
	}
	if err := p.records.putSettlement(info); err != nil {
		p.log.Warn("pay: keep settlement", "epoch", info.Epoch, "err", err)
		return
	}
	p.settled(info)
}
