package chain

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
)

// sender signs and sends EIP-1559 transactions from one account and waits
// for their receipts. It tracks the account's nonce locally (from the
// pending nonce, resynced on "nonce too low" and after a failed send) so
// that concurrent calls get consecutive nonces, and re-sends a transaction
// with bumped fees, under the same nonce, when it stays unmined for
// Config.ResendAfter (dropped from the pool or underpriced).
type sender struct {
	b      Backend
	cfg    Config
	log    *slog.Logger
	key    *ecdsa.PrivateKey
	from   common.Address
	signer types.Signer

	mu         sync.Mutex // guards nonce assignment and the send that uses it
	nonce      uint64
	nonceKnown bool
}

func newSender(b Backend, cfg Config, key *ecdsa.PrivateKey, chainID *big.Int, log *slog.Logger) *sender {
	return &sender{
		b: b, cfg: cfg, log: log, key: key,
		from:   crypto.PubkeyToAddress(key.PublicKey),
		signer: types.LatestSignerForChainID(chainID),
	}
}

// pendingTx is what a re-send needs to rebuild a transaction.
type pendingTx struct {
	to          *common.Address
	data        []byte
	value       *big.Int // nil: none
	gas, nonce  uint64
	tip, feeCap *big.Int
}

// transact estimates, signs, sends and waits for a transaction calling to
// (or creating a contract when to is nil) with data. A mined revert is
// decoded into a *RevertError.
func (s *sender) transact(ctx context.Context, what string, to *common.Address, data []byte) (*types.Receipt, error) {
	return s.transactValue(ctx, what, to, data, nil)
}

// transactValue is transact sending value wei with the call (none when
// value is nil).
func (s *sender) transactValue(ctx context.Context, what string, to *common.Address, data []byte, value *big.Int) (*types.Receipt, error) {
	gas, err := s.estimate(ctx, to, data, value)
	if err != nil {
		return nil, fmt.Errorf("chain: %s: %w", what, err)
	}
	tip, feeCap, err := s.fees(ctx)
	if err != nil {
		return nil, fmt.Errorf("chain: %s: fees: %w", what, err)
	}
	p := &pendingTx{to: to, data: data, value: value, gas: gas, tip: tip, feeCap: feeCap}
	tx, err := s.sendNew(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("chain: %s: send: %w", what, err)
	}
	s.log.Debug("tx sent", "what", what, "hash", tx.Hash(), "nonce", p.nonce, "gas", gas, "tip", tip, "fee_cap", feeCap)
	rcpt, err := s.wait(ctx, what, p, tx)
	if err != nil {
		return nil, fmt.Errorf("chain: %s: %w", what, err)
	}
	if rcpt.Status != types.ReceiptStatusSuccessful {
		return rcpt, fmt.Errorf("chain: %s: tx %s mined in block %v: %w", what, rcpt.TxHash, rcpt.BlockNumber, s.replayRevert(ctx, to, data, value, rcpt))
	}
	return rcpt, nil
}

func (s *sender) rpcCtx(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, s.cfg.CallTimeout)
}

// estimate returns the gas limit: the node's estimate plus the margin,
// failing with ErrGasCap above the cap and with a *RevertError when the
// call reverts.
func (s *sender) estimate(ctx context.Context, to *common.Address, data []byte, value *big.Int) (uint64, error) {
	cctx, cancel := s.rpcCtx(ctx)
	defer cancel()
	est, err := s.b.EstimateGas(cctx, ethereum.CallMsg{From: s.from, To: to, Data: data, Value: value})
	if err != nil {
		return 0, fmt.Errorf("estimate gas: %w", asRevert(err))
	}
	gas := est + est*s.cfg.GasMarginPercent/100
	if gas > s.cfg.GasLimitCap {
		if est > s.cfg.GasLimitCap {
			return 0, fmt.Errorf("%w: estimate %d, cap %d", ErrGasCap, est, s.cfg.GasLimitCap)
		}
		gas = s.cfg.GasLimitCap
	}
	return gas, nil
}

// fees returns an EIP-1559 tip and fee cap: the node's suggested tip and
// twice the head's base fee plus the tip, capped by MaxFeePerGasWei.
func (s *sender) fees(ctx context.Context) (tip, feeCap *big.Int, err error) {
	cctx, cancel := s.rpcCtx(ctx)
	defer cancel()
	tip, err = s.b.SuggestGasTipCap(cctx)
	if err != nil {
		return nil, nil, fmt.Errorf("suggest tip: %w", err)
	}
	head, err := s.b.HeaderByNumber(cctx, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("head: %w", err)
	}
	base := head.BaseFee
	if base == nil {
		base = new(big.Int) // pre-London chain: the fee cap is the tip
	}
	feeCap = new(big.Int).Add(new(big.Int).Mul(base, big.NewInt(2)), tip)
	tip, feeCap = s.capFees(tip, feeCap)
	return tip, feeCap, nil
}

func (s *sender) capFees(tip, feeCap *big.Int) (*big.Int, *big.Int) {
	if s.cfg.MaxFeePerGasWei != 0 {
		max := new(big.Int).SetUint64(s.cfg.MaxFeePerGasWei)
		if feeCap.Cmp(max) > 0 {
			feeCap = max
		}
	}
	if tip.Cmp(feeCap) > 0 {
		tip = new(big.Int).Set(feeCap)
	}
	return tip, feeCap
}

func (s *sender) sign(p *pendingTx) (*types.Transaction, error) {
	return types.SignNewTx(s.key, s.signer, &types.DynamicFeeTx{
		Nonce: p.nonce, GasTipCap: p.tip, GasFeeCap: p.feeCap, Gas: p.gas, To: p.to, Data: p.data, Value: p.value,
	})
}

// sendNew assigns the next nonce to p and sends it. On "nonce too low" it
// resyncs the nonce from the node and tries again; after any other failure
// it forgets the local nonce, which the next send then re-reads.
func (s *sender) sendNew(ctx context.Context, p *pendingTx) (*types.Transaction, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for attempt := 0; ; attempt++ {
		if !s.nonceKnown {
			cctx, cancel := s.rpcCtx(ctx)
			n, err := s.b.PendingNonceAt(cctx, s.from)
			cancel()
			if err != nil {
				return nil, fmt.Errorf("pending nonce: %w", err)
			}
			s.nonce, s.nonceKnown = n, true
		}
		p.nonce = s.nonce
		tx, err := s.sign(p)
		if err != nil {
			return nil, fmt.Errorf("sign: %w", err)
		}
		cctx, cancel := s.rpcCtx(ctx)
		err = s.b.SendTransaction(cctx, tx)
		cancel()
		if err == nil || isAlreadyKnown(err) {
			// "already known": this very transaction reached the pool
			// before (a send whose answer was lost); it counts as sent.
			s.nonce++
			return tx, nil
		}
		s.nonceKnown = false
		if isNonceTooLow(err) && attempt < 3 {
			s.log.Info("nonce too low, resyncing", "nonce", p.nonce, "err", err)
			continue
		}
		return nil, err
	}
}

func isAlreadyKnown(err error) bool {
	return err != nil && strings.Contains(strings.ToLower(err.Error()), "already known")
}

func isNonceTooLow(err error) bool {
	return err != nil && strings.Contains(strings.ToLower(err.Error()), "nonce too low")
}

// wait polls for the receipt of tx or of any re-send of it, re-sending with
// bumped fees every ResendAfter while none is mined, until ReceiptTimeout.
func (s *sender) wait(ctx context.Context, what string, p *pendingTx, tx *types.Transaction) (*types.Receipt, error) {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.ReceiptTimeout)
	defer cancel()
	hashes := []common.Hash{tx.Hash()}
	lastSend := time.Now()
	tick := time.NewTicker(s.cfg.PollInterval)
	defer tick.Stop()
	for {
		for _, h := range hashes {
			cctx, ccancel := s.rpcCtx(ctx)
			r, err := s.b.TransactionReceipt(cctx, h)
			ccancel()
			if err == nil && r != nil {
				return r, nil
			}
			if err != nil && !errors.Is(err, ethereum.NotFound) && ctx.Err() == nil {
				s.log.Debug("receipt poll", "hash", h, "err", err)
			}
		}
		if time.Since(lastSend) >= s.cfg.ResendAfter {
			if h, ok := s.resend(ctx, what, p, hashes[len(hashes)-1]); ok {
				hashes = append(hashes, h)
			}
			lastSend = time.Now()
		}
		select {
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return nil, fmt.Errorf("%w: tx %s (nonce %d, %d sends)", ErrReceiptTimeout, hashes[len(hashes)-1], p.nonce, len(hashes))
			}
			return nil, ctx.Err()
		case <-tick.C:
		}
	}
}

// resend re-signs p under its nonce with fees bumped by FeeBumpPercent (and
// at least the current market fees) and sends it. It reports the new hash
// when the node accepted it.
func (s *sender) resend(ctx context.Context, what string, p *pendingTx, last common.Hash) (common.Hash, bool) {
	cctx, cancel := s.rpcCtx(ctx)
	_, pending, err := s.b.TransactionByHash(cctx, last)
	cancel()
	dropped := errors.Is(err, ethereum.NotFound)
	if err != nil && !dropped {
		s.log.Debug("tx lookup", "hash", last, "err", err)
		return common.Hash{}, false
	}
	if err == nil && !pending {
		return common.Hash{}, false // mined; the receipt shows up on the next poll
	}
	tip, feeCap := bump(p.tip, s.cfg.FeeBumpPercent), bump(p.feeCap, s.cfg.FeeBumpPercent)
	if mt, mf, err := s.fees(ctx); err == nil {
		if mt.Cmp(tip) > 0 {
			tip = mt
		}
		if mf.Cmp(feeCap) > 0 {
			feeCap = mf
		}
	}
	tip, feeCap = s.capFees(tip, feeCap)
	if !dropped && feeCap.Cmp(bump(p.feeCap, 10)) < 0 {
		s.log.Warn("tx stuck and fee cap reached; waiting", "what", what, "hash", last, "fee_cap", feeCap)
		return common.Hash{}, false
	}
	next := *p
	next.tip, next.feeCap = tip, feeCap
	tx, err := s.sign(&next)
	if err != nil {
		return common.Hash{}, false
	}
	cctx, cancel = s.rpcCtx(ctx)
	err = s.b.SendTransaction(cctx, tx)
	cancel()
	if err != nil {
		// "nonce too low": a transaction with this nonce was mined, most
		// likely an earlier send of ours; keep polling their receipts.
		s.log.Info("re-send refused", "what", what, "nonce", p.nonce, "err", err)
		if isNonceTooLow(err) {
			s.mu.Lock()
			s.nonceKnown = false
			s.mu.Unlock()
		}
		return common.Hash{}, false
	}
	*p = next
	s.log.Info("tx re-sent with bumped fees", "what", what, "dropped", dropped, "old", last, "new", tx.Hash(), "nonce", p.nonce, "tip", tip, "fee_cap", feeCap)
	return tx.Hash(), true
}

// bump returns v raised by pct percent, and by at least 1.
func bump(v *big.Int, pct uint64) *big.Int {
	out := new(big.Int).Mul(v, new(big.Int).SetUint64(100+pct))
	out.Div(out, big.NewInt(100))
	if out.Cmp(v) <= 0 {
		out.Add(v, big.NewInt(1))
	}
	return out
}

// replayRevert re-runs a reverted transaction as a call at its block to
// recover the revert data.
func (s *sender) replayRevert(ctx context.Context, to *common.Address, data []byte, value *big.Int, r *types.Receipt) error {
	cctx, cancel := s.rpcCtx(ctx)
	defer cancel()
	_, err := s.b.CallContract(cctx, ethereum.CallMsg{From: s.from, To: to, Data: data, Value: value, Gas: r.GasUsed * 2}, r.BlockNumber)
	if err == nil {
		return &RevertError{} // out of gas or state changed since
	}
	return asRevert(err)
}
