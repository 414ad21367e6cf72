package node

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/chain"
	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/node/paystore"
	"github.com/provenet/provenet/p2p"
	"github.com/provenet/provenet/pay"
)

// TopicVouchers carries payers' signed vouchers (pay.SignedVoucher,
// canonical CBOR): the operator named in one keeps it, and the epoch
// aggregator keeps the highest of each (payer, operator, epoch) to settle.
const TopicVouchers = "/provenet/vouchers/1"

// payService is the node's side of the payment protocol (package pay):
//   - as a GPU operator, a pay.Gate admits a paid request only with an
//     authorization its payer can cover, caps generation to it, and stamps
//     and charges the receipt;
//   - where a payer's API key is presented (any node), a pay.Wallet signs
//     the authorization, checks the receipt against what was served and
//     signs the cumulative voucher, which goes out on TopicVouchers;
//   - on the aggregator, the vouchers are kept for settlement (epoch
//     close, pay_settle.go).
//
// It needs the chain's escrow; without one the node takes no payments and
// /v1 is open only as the free tier.
type payService struct {
	log    *slog.Logger
	clock  Clock
	chain  *chain.Client
	domain pay.Domain
	self   common.Address
	epoch  func() uint64
	keys   *apiKeys
	payers *chainPayers
	db     *paystore.Store
	store  payStores
	topic  *p2p.Topic // vouchers
	// settlement records (the receipt store) and their topic
	records     settlementStore
	settleTopic *p2p.Topic
	gate        *pay.Gate             // with the inference role
	pool        *paystore.VoucherPool // on the aggregator
	prices      pay.Prices            // this node's prices as an operator
	lag         uint64                // epochs a voucher may trail the current one
	met         *payMetrics           // never nil
	onSettle    func(uint64)          // called when an epoch's settlement is known

	settleMu sync.Mutex // one settlement at a time

	// Voucher work (checking a receipt, signing and publishing the
	// voucher) runs off the response path, on a worker (later).
	jobs     chan func(context.Context)
	wg       sync.WaitGroup
	jobsMu   sync.Mutex
	jobsDone bool // jobs is closed

	mu      sync.Mutex
	wallets map[walletKey]*pay.Wallet
	byReq   map[string]*paidRequest // by engine request ID, until charged
}

// payStores makes the stores the gate and wallets keep their state in.
type payStores interface {
	Gate() pay.GateStore
	Wallet(payer common.Address) pay.WalletStore
}

type walletKey struct{ payer, signer common.Address }

// paidRequest is one paid request on its way through a node: the
// authorization, and on the operator the ticket the gate admitted it
// with; where the payer's key is here, the wallet that pays for it.
type paidRequest struct {
	sa     pay.SignedAuthorization
	ticket *pay.Ticket // operator side; nil on a routing node
	wallet *pay.Wallet // payer side; nil on an operator serving a routed request

	mu        sync.Mutex
	requestID string // the engine's, set at generation
	receipt   *attribution.Receipt
	outputIDs []int32
	voucher   *pay.SignedVoucher
}

func (pr *paidRequest) setReceipt(r *attribution.Receipt, out []int32) {
	pr.mu.Lock()
	pr.receipt, pr.outputIDs = r, out
	pr.mu.Unlock()
}

func (pr *paidRequest) result() (*attribution.Receipt, []int32, *pay.SignedVoucher) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	return pr.receipt, pr.outputIDs, pr.voucher
}

type paidKey struct{}

func withPaid(ctx context.Context, pr *paidRequest) context.Context {
	return context.WithValue(ctx, paidKey{}, pr)
}

func paidFrom(ctx context.Context) *paidRequest {
	pr, _ := ctx.Value(paidKey{}).(*paidRequest)
	return pr
}

// Payment errors.
var (
	// ErrPaymentRequired: the request's payer cannot pay for it (HTTP 402,
	// code insufficient_funds). It matches gpu.ErrPaymentRequired.
	ErrPaymentRequired = fmt.Errorf("node: %w", gpu.ErrPaymentRequired)
	// errOneChoice: a paid request is one prompt and one choice.
	errOneChoice = fmt.Errorf("%w: a paid request takes one prompt and n = 1", gpu.ErrBadRequest)
)

// resolveKey returns the session key behind an API key and the payer it
// spends for: the payer recorded with the key when this node created it
// (a revoked key is refused), else the escrow's binding of its signer, so
// that a key works on any node once its signer is authorised on chain.
func (p *payService) resolveKey(header string) (*account.Key, common.Address, error) {
	key, ok := strings.CutPrefix(header, "Bearer ")
	if !ok {
		return nil, common.Address{}, fmt.Errorf("%w: send Authorization: Bearer <key> (provenet pay keys create)", ErrInvalidAPIKey)
	}
	sk, err := pay.ParseAPIKey(key)
	if err != nil {
		return nil, common.Address{}, fmt.Errorf("%w: not a provenet API key", ErrInvalidAPIKey)
	}
	if k, err := p.keys.check(header); err == nil {
		return sk, k.Payer, nil
	} else if !errors.Is(err, errKeyUnknown) {
		return nil, common.Address{}, err // revoked here
	}
	payer, err := p.payers.PayerOf(sk.Address())
	if err != nil {
		return nil, common.Address{}, fmt.Errorf("%w: %w", errEscrowUnavailable, err)
	}
	if payer == (common.Address{}) {
		return nil, common.Address{}, fmt.Errorf("%w: unknown key (its signer is not authorised on the escrow)", ErrInvalidAPIKey)
	}
	return sk, payer, nil
}

// errEscrowUnavailable: the escrow could not be asked (HTTP 503).
var errEscrowUnavailable = errors.New("node: payment escrow unavailable")

// wallet returns the wallet of payer signing with sk.
func (p *payService) wallet(sk *account.Key, payer common.Address) (*pay.Wallet, error) {
	k := walletKey{payer, sk.Address()}
	p.mu.Lock()
	defer p.mu.Unlock()
	if w, ok := p.wallets[k]; ok {
		return w, nil
	}
	w, err := pay.NewWallet(sk, payer, p.domain, p.store.Wallet(payer))
	if err != nil {
		return nil, err
	}
	p.wallets[k] = w
	return w, nil
}

// maxAmount is what a request may cost at prices: every token of the
// context at the higher price, capped by what the payer has available
// (less what this node's gate holds reserved for it when it is the
// operator). Zero means the payer cannot pay for one token.
func (p *payService) maxAmount(payer, operator common.Address, prices pay.Prices, contextTokens int) (uint64, error) {
	hi := max(prices.Prompt, prices.Output)
	bound, err := pay.Fee(0, uint32(max(contextTokens, 1)), pay.Prices{Prompt: hi, Output: hi})
	if err != nil {
		return 0, err
	}
	avail, err := p.payers.Available(payer)
	if err != nil {
		return 0, fmt.Errorf("%w: %w", errEscrowUnavailable, err)
	}
	if operator == p.self && p.gate != nil {
		out := p.gate.Outstanding(payer)
		avail -= min(avail, out)
	}
	return min(bound, avail), nil
}

// authorize signs, with the payer's wallet, an authorization for one
// request of model to operator at prices.
func (p *payService) authorize(w *pay.Wallet, operator common.Address, model string, prices pay.Prices, contextTokens int) (pay.SignedAuthorization, error) {
	amt, err := p.maxAmount(w.Payer(), operator, prices, contextTokens)
	if err != nil {
		return pay.SignedAuthorization{}, err
	}
	if amt == 0 {
		p.met.rejected("no_funds")
		return pay.SignedAuthorization{}, fmt.Errorf("%w: payer %s has no funds available in the escrow (provenet pay deposit)", ErrPaymentRequired, w.Payer().Hex())
	}
	return w.Authorize(operator, model, p.epoch(), prices, amt)
}

// admit checks an authorization at this node's gate (the operator side)
// and returns the paid request to generate under.
func (p *payService) admit(sa pay.SignedAuthorization, w *pay.Wallet) (*paidRequest, error) {
	if p.gate == nil {
		return nil, fmt.Errorf("%w: this node serves no paid inference", gpu.ErrDisabled)
	}
	epoch := p.epoch()
	if sa.Epoch+1 == epoch {
		epoch = sa.Epoch // authorised just before the epoch turned
	}
	t, err := p.gate.Check(sa, epoch)
	if err != nil {
		p.met.rejected(rejectReason(err))
		return nil, fmt.Errorf("%w: %w", ErrPaymentRequired, err)
	}
	return &paidRequest{sa: sa, ticket: t, wallet: w}, nil
}

func rejectReason(err error) string {
	for _, c := range []struct {
		err    error
		reason string
	}{
		{pay.ErrInsufficientFunds, "no_funds"}, {pay.ErrReplay, "replay"}, {pay.ErrBadSignature, "bad_signature"},
		{pay.ErrWrongOperator, "wrong_operator"}, {pay.ErrWrongEpoch, "wrong_epoch"}, {pay.ErrPriceTooLow, "price_too_low"},
	} {
		if errors.Is(err, c.err) {
			return c.reason
		}
	}
	return "other"
}

// claim marks pr as generating under the engine's request ID; false when
// it was claimed before (a second choice of one paid request).
func (pr *paidRequest) claim(requestID string) bool {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if pr.requestID != "" {
		return false
	}
	pr.requestID = requestID
	return true
}

// generating registers pr under its request ID and returns the output
// cap its ticket allows for promptTokens. A prompt-only request (scoring)
// may afford no output token.
func (p *payService) generating(pr *paidRequest, promptTokens int, promptOnly bool) (int, error) {
	limit, err := pr.ticket.MaxOutputTokens(uint32(min(promptTokens, 1<<31-1)))
	if err != nil || (limit == 0 && !promptOnly) {
		p.met.rejected("no_funds")
		return 0, fmt.Errorf("%w: the authorised %d wei do not cover %d prompt tokens and an output token", ErrPaymentRequired, pr.ticket.MaxAmount, promptTokens)
	}
	p.mu.Lock()
	p.byReq[pr.requestID] = pr
	p.mu.Unlock()
	return int(min(limit, 1<<30)), nil
}

// release frees pr's reservation (the request generated nothing).
func (p *payService) release(pr *paidRequest) {
	p.mu.Lock()
	delete(p.byReq, pr.requestID)
	p.mu.Unlock()
	if err := p.gate.Release(pr.ticket); err != nil {
		p.log.Debug("pay: release", "err", err)
	}
}

// take returns and forgets the paid request of an engine request ID.
func (p *payService) take(requestID string) *paidRequest {
	if p == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	pr := p.byReq[requestID]
	delete(p.byReq, requestID)
	return pr
}

// charge stamps receipt r (before it is signed) with pr's payment and
// charges the gate for r's tokens.
func (p *payService) charge(pr *paidRequest, r *attribution.Receipt) error {
	if err := pr.ticket.Stamp(r); err != nil {
		return err
	}
	fee, err := p.gate.Charge(pr.ticket, r.PromptTokens, r.OutputTokens)
	if err != nil {
		return err
	}
	if fee != r.Fee {
		return fmt.Errorf("pay: gate charged %d, receipt says %d", fee, r.Fee)
	}
	p.met.charged(fee)
	return nil
}

// issued is called with the signed receipt of a paid request: it keeps
// the receipt for the stream back to a routing node and, when the payer's
// wallet is here, pays it at once.
func (p *payService) issued(ctx context.Context, pr *paidRequest, r *attribution.Receipt, u gpu.Usage) {
	pr.setReceipt(r, u.OutputIDs)
	if pr.wallet == nil {
		return
	}
	p.later(func(ctx context.Context) {
		if _, err := p.pay(ctx, pr, r, uint32(max(u.PromptTokens, 0)), u.OutputIDs); err != nil {
			p.log.Warn("pay: voucher for own request", "request", r.RequestID, "err", err)
		}
	})
}

// later runs fn on the voucher worker, off the response path; with the
// queue full it runs fn now, so that no voucher is dropped.
func (p *payService) later(fn func(context.Context)) {
	p.jobsMu.Lock()
	defer p.jobsMu.Unlock()
	if p.jobsDone {
		p.log.Warn("pay: stopping; a voucher is not signed")
		return
	}
	select {
	case p.jobs <- fn:
	default:
		fn(context.Background())
	}
}

// stopJobs runs the queued voucher jobs and refuses new ones.
func (p *payService) stopJobs() {
	p.jobsMu.Lock()
	if !p.jobsDone {
		p.jobsDone = true
		close(p.jobs)
	}
	p.jobsMu.Unlock()
	p.wg.Wait()
}

// work runs queued voucher jobs until jobs is closed.
func (p *payService) work() {
	defer p.wg.Done()
	for fn := range p.jobs {
		fn(context.Background())
	}
}

// pay checks receipt r against what was received (prompt token count,
// output token IDs) with pr's wallet, and publishes the voucher it signs.
func (p *payService) pay(ctx context.Context, pr *paidRequest, r *attribution.Receipt, promptTokens uint32, outputIDs []int32) (pay.SignedVoucher, error) {
	sv, err := pr.wallet.Accept(pr.sa, r, promptTokens, uint32(len(outputIDs)), tokenHash(outputIDs))
	if err != nil {
		p.met.rejected("receipt_mismatch")
		return sv, err
	}
	pr.mu.Lock()
	pr.voucher = &sv
	pr.mu.Unlock()
	p.keepVoucher(sv)
	enc, err := sv.Encode()
	if err != nil {
		return sv, err
	}
	if err := p.topic.Publish(ctx, enc); err != nil {
		p.log.Debug("pay: publish voucher", "err", err)
	}
	return sv, nil
}

// keepVoucher hands a checked voucher to this node's gate (when it names
// this operator) and pool (on the aggregator).
func (p *payService) keepVoucher(sv pay.SignedVoucher) {
	if p.gate != nil && sv.Operator == p.self {
		if err := p.gate.AcceptVoucher(sv); err != nil && !errors.Is(err, pay.ErrStaleVoucher) {
			p.log.Debug("pay: voucher", "payer", sv.Payer, "epoch", sv.Epoch, "err", err)
		}
	}
	if p.pool != nil {
		if _, err := p.pool.Put(sv); err != nil {
			p.log.Warn("pay: voucher pool", "payer", sv.Payer, "epoch", sv.Epoch, "err", err)
		}
	}
}

// checkVoucher is the gossip rule for a voucher: canonical, of an epoch
// in the window, and signed by its payer or a signer bound to it.
func (p *payService) checkVoucher(data []byte) (pay.SignedVoucher, error) {
	sv, err := pay.DecodeSignedVoucher(data)
	if err != nil {
		return sv, err
	}
	cur := p.epoch()
	if sv.Epoch > cur || sv.Epoch+p.lag < cur {
		return sv, fmt.Errorf("%w: voucher of epoch %d, now %d", pay.ErrWrongEpoch, sv.Epoch, cur)
	}
	signer, err := sv.Recover(p.domain)
	if err != nil {
		return sv, err
	}
	return sv, pay.CheckSigner(signer, sv.Payer, p.payers.PayerOf)
}

func (p *payService) validateVoucher(_ context.Context, from peer.ID, data []byte) p2p.Result {
	if _, err := p.checkVoucher(data); err != nil {
		p.log.Debug("gossip: bad voucher", "from", from, "err", err)
		return p2p.Reject
	}
	return p2p.Accept
}

func (p *payService) onVoucher(_ context.Context, _ peer.ID, data []byte) {
	sv, err := pay.DecodeSignedVoucher(data) // checked by validateVoucher
	if err != nil {
		return
	}
	p.keepVoucher(sv)
}
