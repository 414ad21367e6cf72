package payments

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
	// ClaimsOnly marks a record back-filled in compact form: its claims
	// and root, without payouts, redemptions or transactions.
	ClaimsOnly bool      `json:"claims_only,omitempty"`
	SettledAt  time.Time `json:"settled_at"`
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

// Settle settles epoch e on the escrow from its receipts and the vouchers
// heard: pay.Settle, then redeem (in bounded batches) and finalize. A
// payer whose escrow balance no longer covers its charges (it withdrew)
// is left out rather than making the redemption revert. It is safe to
// run again: an epoch finalized on chain is not settled twice, and pairs
// redeemed before a crash are not redeemed again.
func (s *Service) Settle(ctx context.Context, e uint64, receipts []*attribution.Receipt, split attribution.SplitParams) (*SettlementInfo, error) {
	if s.pool == nil {
		return nil, errors.New("node: settlement needs the aggregator role")
	}
	s.settleMu.Lock()
	defer s.settleMu.Unlock()
	if old, err := s.records.Settlement(e); err == nil && old.Status == SettlementSettled {
		return old, nil
	}
	st, err := s.escrow.EpochSettlement(ctx, e)
	if err != nil {
		return nil, err
	}
	if st.Finalized {
		return nil, fmt.Errorf("%w: epoch %d finalized on the escrow without a local record", chain.ErrEpochFinalized, e)
	}
	vouchers, err := s.pool.Epoch(e)
	if err != nil {
		return nil, err
	}
	var set *pay.Settlement
	for range 3 {
		set, err = pay.Settle(pay.SettleInput{Domain: s.domain, Epoch: e, Split: split, Vouchers: vouchers, Receipts: receipts, PayerOf: s.payers.PayerOf})
		if err != nil {
			return nil, err
		}
		short, err := s.overdrawn(ctx, set)
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
		s.log.Warn("pay: payers no longer cover their charges; left out", "epoch", e, "payers", len(short))
		vouchers = kept
	}
	info := settlementInfo(set)
	if len(set.Redemptions) == 0 {
		info.Status = SettlementNone
		return info, s.records.PutSettlement(info)
	}
	if who, err := s.escrow.Settler(ctx); err != nil {
		return nil, err
	} else if who != s.self {
		return nil, fmt.Errorf("%w: settler is %s", ErrNotSettler, who.Hex())
	}
	rs := make([]chain.Redemption, 0, len(set.Redemptions))
	for _, r := range set.Redemptions {
		if _, done, err := s.escrow.Redeemed(ctx, r.Payer, r.Operator, e); err != nil {
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
		hs, err := s.escrow.Redeem(ctx, e, rs)
		for _, h := range hs {
			info.RedeemTxs = append(info.RedeemTxs, h.Hex())
		}
		if err != nil {
			s.met.settled("failed")
			return nil, fmt.Errorf("redeem epoch %d: %w", e, err)
		}
	}
	payouts := make([]chain.Payout, len(set.Payouts))
	for i, po := range set.Payouts {
		payouts[i] = chain.Payout{Operator: po.Operator, Amount: new(big.Int).SetUint64(po.Amount)}
	}
	tx, err := s.escrow.Finalize(ctx, e, payouts, set.Root, set.ClaimsTotal)
	if err != nil {
		s.met.settled("failed")
		return nil, fmt.Errorf("finalize epoch %d: %w", e, err)
	}
	info.Status, info.FinalizeTx, info.SettledAt = SettlementSettled, tx.Hex(), s.clock.Now().UTC()
	if err := s.records.PutSettlement(info); err != nil {
		return nil, err
	}
	s.met.settled("settled")
	for _, po := range set.Payouts {
		s.met.earned("operator", po.Amount)
	}
	if set.ClaimsTotal.IsUint64() {
		s.met.earned("claims", set.ClaimsTotal.Uint64())
	}
	s.applySettled(info)
	if b, err := json.Marshal(info); err == nil {
		if err := s.settleTopic.Publish(ctx, b); err != nil {
			s.log.Debug("pay: publish settlement", "epoch", e, "err", err)
		}
	}
	s.log.Info("epoch settled", "epoch", e, "pairs", len(set.Redemptions), "charged", set.ChargeTotal, "claims", len(set.Claims),
		"claims_total", set.ClaimsTotal, "rejected", len(set.Rejected), "free", set.Free, "tx", tx)
	return info, nil
}

// overdrawn returns the payers whose escrow balance is below what s
// charges them.
func (s *Service) overdrawn(ctx context.Context, set *pay.Settlement) (map[common.Address]bool, error) {
	owed := map[common.Address]*big.Int{}
	for _, r := range set.Redemptions {
		if owed[r.Payer] == nil {
			owed[r.Payer] = new(big.Int)
		}
		owed[r.Payer].Add(owed[r.Payer], new(big.Int).SetUint64(r.Charge))
	}
	short := map[common.Address]bool{}
	for payer, amt := range owed {
		bal, _, _, err := s.escrow.EscrowBalance(ctx, payer)
		if err != nil {
			return nil, err
		}
		if bal.Cmp(amt) < 0 {
			short[payer] = true
		}
	}
	return short, nil
}

func settlementInfo(set *pay.Settlement) *SettlementInfo {
	info := &SettlementInfo{Epoch: set.Epoch, ClaimsRoot: common.Hash(set.Root).Hex(), ClaimsTotal: set.ClaimsTotal.String(),
		ChargeTotal: set.ChargeTotal.String(), Free: set.Free, Claims: []SettlementClaim{}, Payouts: []SettlementClaim{}, Redemptions: []SettledPair{}}
	for _, c := range set.Claims {
		info.Claims = append(info.Claims, SettlementClaim{Account: c.Account, Amount: c.Amount})
	}
	for _, po := range set.Payouts {
		info.Payouts = append(info.Payouts, SettlementClaim{Account: po.Operator, Amount: po.Amount})
	}
	for _, r := range set.Redemptions {
		info.Redemptions = append(info.Redemptions, SettledPair{Payer: r.Payer, Operator: r.Operator, Voucher: r.Amount,
			Charge: r.Charge, Receipts: r.Receipts, Fees: r.Fees.String()})
	}
	for _, r := range set.Rejected {
		info.Rejected = append(info.Rejected, RejectedPair{Payer: r.Payer, Operator: r.Operator, Receipts: r.Receipts, Reason: r.Reason.Error()})
	}
	return info
}

// applySettled applies a settled epoch on this node: the gate stops counting
// the epoch's charges against its payers, and cached balances are
// dropped.
func (s *Service) applySettled(info *SettlementInfo) {
	if s.gate != nil {
		if err := s.gate.Settled(info.Epoch); err != nil {
			s.log.Warn("pay: gate settled", "epoch", info.Epoch, "err", err)
		}
	}
	for _, r := range info.Redemptions {
		s.payers.Forget(r.Payer)
	}
	if s.pool != nil {
		if err := s.pool.Prune(info.Epoch + 1 - min(info.Epoch+1, s.lag+8)); err != nil {
			s.log.Debug("pay: prune vouchers", "err", err)
		}
	}
}

// checkSettlement is the gossip rule for a settlement record: well-formed,
// its claims root recomputed from its claims, and that root finalized on
// the escrow for its epoch.
func (s *Service) checkSettlement(ctx context.Context, data []byte) (*SettlementInfo, error) {
	var info SettlementInfo
	if err := json.Unmarshal(data, &info); err != nil {
		return nil, err
	}
	return s.checkInfo(ctx, &info)
}

// checkInfo is checkSettlement's rule on a decoded record.
func (s *Service) checkInfo(ctx context.Context, info *SettlementInfo) (*SettlementInfo, error) {
	if info.Status != SettlementSettled || len(info.Claims) > 1<<20 {
		return nil, fmt.Errorf("settlement of epoch %d: status %q, %d claims", info.Epoch, info.Status, len(info.Claims))
	}
	root, err := pay.ClaimsRoot(info.Epoch, info.PayClaims())
	if err != nil {
		return nil, err
	}
	if common.Hash(root).Hex() != info.ClaimsRoot {
		return nil, fmt.Errorf("settlement of epoch %d: claims root %s, its claims give %x", info.Epoch, info.ClaimsRoot, root)
	}
	cctx, cancel := context.WithTimeout(ctx, escrowCallLimit)
	defer cancel()
	st, err := s.escrow.EpochSettlement(cctx, info.Epoch)
	if err != nil {
		return nil, err
	}
	if !st.Finalized || st.ClaimsRoot != root {
		return nil, fmt.Errorf("settlement of epoch %d: escrow has root %x (finalized %v)", info.Epoch, st.ClaimsRoot, st.Finalized)
	}
	return info, nil
}

// PayClaims is the settlement's claims as package pay lists them.
func (info *SettlementInfo) PayClaims() []pay.Claim {
	out := make([]pay.Claim, len(info.Claims))
	for i, c := range info.Claims {
		out[i] = pay.Claim{Account: c.Account, Amount: c.Amount}
	}
	return out
}

func (s *Service) validateSettlement(ctx context.Context, from peer.ID, data []byte) p2p.Result {
	if _, err := s.checkSettlement(ctx, data); err != nil {
		s.log.Debug("gossip: bad settlement", "from", from, "err", err)
		return p2p.Reject
	}
	return p2p.Accept
}

func (s *Service) onSettlement(ctx context.Context, _ peer.ID, data []byte) {
	info, err := s.checkSettlement(ctx, data)
	if err != nil {
		return
	}
	if err := s.records.PutSettlement(info); err != nil {
		s.log.Warn("pay: keep settlement", "epoch", info.Epoch, "err", err)
		return
	}
	s.applySettled(info)
}
