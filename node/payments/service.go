package payments

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/internal/clock"
	"github.com/provenet/provenet/node/paystore"
	"github.com/provenet/provenet/p2p"
	"github.com/provenet/provenet/pay"
)

// Topics.
const (
	// TopicVouchers carries payers' signed vouchers (pay.SignedVoucher,
	// canonical CBOR): the operator named in one keeps it, and the epoch
	// aggregator keeps the highest of each (payer, operator, epoch).
	TopicVouchers = "/provenet/vouchers/1"
	// TopicSettlements carries each settled epoch's record (SettlementInfo,
	// JSON) from the aggregator. A node keeps one only when its claims root
	// equals the root finalized on the escrow.
	TopicSettlements = "/provenet/settlements/1"
)

// Payment errors.
var (
	// ErrPaymentRequired: the request's payer cannot pay for it (HTTP 402,
	// code insufficient_funds). It matches gpu.ErrPaymentRequired.
	ErrPaymentRequired = fmt.Errorf("node: %w", gpu.ErrPaymentRequired)
	// ErrOneChoice: a paid request is one prompt and one choice (one
	// authorization, one receipt). It matches gpu.ErrBadRequest.
	ErrOneChoice = fmt.Errorf("%w: a paid request takes one prompt and n = 1", gpu.ErrBadRequest)
	// ErrEscrowUnavailable: the escrow could not be asked (HTTP 503).
	ErrEscrowUnavailable = errors.New("node: payment escrow unavailable")
	// ErrNotSettler: this node's account may not settle on the escrow.
	ErrNotSettler = errors.New("node: this account is not the escrow's settler")
	// ErrNotOperator: this node serves no paid inference.
	ErrNotOperator = fmt.Errorf("%w: this node serves no paid inference", gpu.ErrDisabled)
)

// Config is what the service is made of.
type Config struct {
	Log    *slog.Logger
	Clock  clock.Clock
	Escrow Escrow
	Domain pay.Domain
	// Self is this node's account: the operator its gate admits for and
	// the settler it settles as.
	Self common.Address
	// Epoch returns the current epoch.
	Epoch func() uint64
	Keys  KeyBook
	// Store keeps the gate's, the wallets' and the pool's state.
	Store   *paystore.Store
	Records Records
	// Operator runs a gate at Prices (the inference role); Aggregator
	// keeps the voucher pool and settles.
	Operator bool
	Prices   pay.Prices
	// ModelPrices, when set, gives a model (pay.ModelID of its name or
	// CID) prices of its own.
	ModelPrices func(model [32]byte) (pay.Prices, bool)
	Aggregator  bool
	// Lag is how many epochs a voucher may trail the current one.
	Lag uint64
	// Registry, when set, gets the service's Prometheus counters.
	Registry *prometheus.Registry
	// BackfillEvery is how often the service asks peers for the recent
	// settlement records it lacks (SettlementsProtocol); it also asks
	// each peer that connects. Zero means a minute.
	BackfillEvery time.Duration
}

// Service is the node's payments. It is safe for concurrent use.
type Service struct {
	log         *slog.Logger
	clock       clock.Clock
	escrow      Escrow
	domain      pay.Domain
	self        common.Address
	epoch       func() uint64
	keys        KeyBook
	payers      *Payers
	store       *paystore.Store
	records     Records
	topic       *p2p.Topic // vouchers
	settleTopic *p2p.Topic
	gate        *pay.Gate             // with the inference role
	pool        *paystore.VoucherPool // on the aggregator
	prices      pay.Prices
	lag         uint64
	met         *metrics // never nil

	settleMu sync.Mutex // one settlement at a time

	net       Network
	connected chan peer.ID // peers to back-fill from (backfillLoop)
	cancel    context.CancelFunc

	// Voucher work (checking a receipt, signing and publishing the
	// voucher) runs off the response path, on a worker (Later).
	jobs     chan func(context.Context)
	wg       sync.WaitGroup
	jobsMu   sync.Mutex
	jobsDone bool // jobs is closed

	mu      sync.Mutex
	wallets map[walletKey]*pay.Wallet
	byReq   map[string]*Paid // by engine request ID, until charged
}

type walletKey struct{ payer, signer common.Address }

// New starts the service: the gate (Operator) over the store's state,
// the pool (Aggregator), the voucher and settlement topics on net, and
// the voucher worker. Close stops it; the caller closes the store after.
func New(cfg Config, net Network) (*Service, error) {
	if cfg.Escrow == nil || cfg.Store == nil || cfg.Records == nil || cfg.Keys == nil || cfg.Epoch == nil || cfg.Self == (common.Address{}) {
		return nil, errors.New("payments: New needs an escrow, a store, records, a key book, an epoch clock and an account")
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Clock == nil {
		cfg.Clock = clock.Real()
	}
	s := &Service{
		log: cfg.Log, clock: cfg.Clock, escrow: cfg.Escrow, domain: cfg.Domain, self: cfg.Self, epoch: cfg.Epoch,
		keys: cfg.Keys, payers: NewPayers(cfg.Escrow, cfg.Clock), store: cfg.Store, records: cfg.Records,
		prices: cfg.Prices, lag: cfg.Lag, met: newMetrics(cfg.Registry),
		wallets: map[walletKey]*pay.Wallet{}, byReq: map[string]*Paid{},
		jobs: make(chan func(context.Context), 1024), net: net, connected: make(chan peer.ID, 16),
	}
	var err error
	if cfg.Operator {
		if s.gate, err = pay.NewGate(s.self, s.domain, s.prices, s.payers, s.store.Gate()); err != nil {
			return nil, err
		}
		if cfg.ModelPrices != nil {
			s.gate.SetModelPrices(cfg.ModelPrices)
		}
	}
	if cfg.Aggregator {
		s.pool = s.store.Pool()
	}
	if s.topic, err = net.Join(TopicVouchers, s.validateVoucher); err != nil {
		return nil, err
	}
	if err := s.topic.Subscribe(s.onVoucher); err != nil {
		return nil, err
	}
	if s.settleTopic, err = net.Join(TopicSettlements, s.validateSettlement); err != nil {
		return nil, err
	}
	if err := s.settleTopic.Subscribe(s.onSettlement); err != nil {
		return nil, err
	}
	net.Handle(SettlementsProtocol, s.serveSettlements)
	every := cfg.BackfillEvery
	if every <= 0 {
		every = time.Minute
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	net.OnPeerConnected(func(p peer.ID) {
		if ctx.Err() == nil {
			s.peerConnected(p)
		}
	})
	s.wg.Add(2)
	go s.work()
	go func() {
		defer s.wg.Done()
		s.backfillLoop(ctx, every)
	}()
	return s, nil
}

// Close stops the back-fill, runs the queued voucher jobs and refuses new
// ones.
func (s *Service) Close() {
	s.cancel()
	s.jobsMu.Lock()
	if !s.jobsDone {
		s.jobsDone = true
		close(s.jobs)
	}
	s.jobsMu.Unlock()
	s.wg.Wait()
}

// Gate is the operator's gate, nil without the inference role.
func (s *Service) Gate() *pay.Gate { return s.gate }

// Pool is the aggregator's voucher pool, nil elsewhere.
func (s *Service) Pool() *paystore.VoucherPool { return s.pool }

// Domain is the EIP-712 domain payments are signed under.
func (s *Service) Domain() pay.Domain { return s.domain }

// Records is where settlement records are kept.
func (s *Service) Records() Records { return s.records }

// Operating reports whether this node runs a gate; OperatorPrices are
// its prices then.
func (s *Service) Operating() bool { return s.gate != nil }

// OperatorPrices are the gate's prices (zero without a gate).
func (s *Service) OperatorPrices() pay.Prices {
	if s.gate == nil {
		return pay.Prices{}
	}
	return s.gate.Prices()
}

// PricesOf are the gate's prices for model as requested (its name or
// CID): its own when it has some, else OperatorPrices.
func (s *Service) PricesOf(model string) pay.Prices {
	if s.gate == nil {
		return pay.Prices{}
	}
	return s.gate.PricesOf(pay.ModelID(model))
}

// PendingCharges is what this operator's gate has charged in epochs not
// yet settled, in wei (0 without a gate).
func (s *Service) PendingCharges() (uint64, error) {
	if s.gate == nil {
		return 0, nil
	}
	cs, err := s.store.Gate().Unsettled()
	if err != nil {
		return 0, err
	}
	var sum uint64
	for _, c := range cs {
		sum += c.Amount
	}
	return sum, nil
}

// ForgetFunds drops the cached available funds of payer (after a deposit).
func (s *Service) ForgetFunds(payer common.Address) { s.payers.Forget(payer) }

// ResolveKey returns the session key behind an API key and the payer it
// spends for: the payer recorded with the key when this node made it (a
// revoked key is refused), else the escrow's binding of its signer, so
// that a key works on any node once its signer is authorised on chain.
func (s *Service) ResolveKey(header string) (*account.Key, common.Address, error) {
	key, ok := strings.CutPrefix(header, "Bearer ")
	if !ok {
		return nil, common.Address{}, fmt.Errorf("%w: send Authorization: Bearer <key> (provenet pay keys create)", ErrInvalidAPIKey)
	}
	sk, err := pay.ParseAPIKey(key)
	if err != nil {
		return nil, common.Address{}, fmt.Errorf("%w: not a provenet API key", ErrInvalidAPIKey)
	}
	payer, err := s.keys.Payer(header)
	switch {
	case err == nil:
		return sk, payer, nil
	case !errors.Is(err, ErrKeyUnknown):
		return nil, common.Address{}, err // revoked here
	}
	payer, err = s.payers.PayerOf(sk.Address())
	if err != nil {
		return nil, common.Address{}, fmt.Errorf("%w: %w", ErrEscrowUnavailable, err)
	}
	if payer == (common.Address{}) {
		return nil, common.Address{}, fmt.Errorf("%w: unknown key (its signer is not authorised on the escrow)", ErrInvalidAPIKey)
	}
	return sk, payer, nil
}

// Wallet returns the wallet of payer signing with sk.
func (s *Service) Wallet(sk *account.Key, payer common.Address) (*pay.Wallet, error) {
	k := walletKey{payer, sk.Address()}
	s.mu.Lock()
	defer s.mu.Unlock()
	if w, ok := s.wallets[k]; ok {
		return w, nil
	}
	w, err := pay.NewWallet(sk, payer, s.domain, s.store.Wallet(payer))
	if err != nil {
		return nil, err
	}
	s.wallets[k] = w
	return w, nil
}

// maxAmount is what a request may cost at prices: every token of the
// context at the higher price, capped by what the payer has available
// (less what this node's gate holds reserved for it when it is the
// operator). Zero means the payer cannot pay for one token.
func (s *Service) maxAmount(payer, operator common.Address, prices pay.Prices, contextTokens int) (uint64, error) {
	hi := max(prices.Prompt, prices.Output)
	bound, err := pay.Fee(0, uint32(min(max(contextTokens, 1), 1<<31-1)), pay.Prices{Prompt: hi, Output: hi})
	if err != nil {
		return 0, err
	}
	avail, err := s.payers.Available(payer)
	if err != nil {
		return 0, fmt.Errorf("%w: %w", ErrEscrowUnavailable, err)
	}
	if operator == s.self && s.gate != nil {
		out := s.gate.Outstanding(payer)
		avail -= min(avail, out)
	}
	return min(bound, avail), nil
}

// Authorize signs, with the payer's wallet, an authorization for one
// request of model to operator at prices, for at most the whole context
// of contextTokens tokens.
func (s *Service) Authorize(w *pay.Wallet, operator common.Address, model string, prices pay.Prices, contextTokens int) (pay.SignedAuthorization, error) {
	amt, err := s.maxAmount(w.Payer(), operator, prices, contextTokens)
	if err != nil {
		return pay.SignedAuthorization{}, err
	}
	if amt == 0 {
		s.met.rejected("no_funds")
		return pay.SignedAuthorization{}, fmt.Errorf("%w: payer %s has no funds available in the escrow (provenet pay deposit)", ErrPaymentRequired, w.Payer().Hex())
	}
	return w.Authorize(operator, model, s.epoch(), prices, amt)
}

// Admit checks an authorization at this node's gate (the operator side)
// and returns the paid request to generate under; w is the payer's
// wallet when its key is here (nil for a routed request).
func (s *Service) Admit(sa pay.SignedAuthorization, w *pay.Wallet) (*Paid, error) {
	if s.gate == nil {
		return nil, ErrNotOperator
	}
	epoch := s.epoch()
	if sa.Epoch+1 == epoch {
		epoch = sa.Epoch // authorised just before the epoch turned
	}
	t, err := s.gate.Check(sa, epoch)
	if err != nil {
		s.met.rejected(rejectReason(err))
		return nil, fmt.Errorf("%w: %w", ErrPaymentRequired, err)
	}
	return &Paid{sa: sa, ticket: t, wallet: w}, nil
}

// AdmitEncoded decodes a routed request's authorization and admits it.
func (s *Service) AdmitEncoded(auth []byte) (*Paid, error) {
	sa, err := pay.DecodeSignedAuthorization(auth)
	if err != nil {
		s.met.rejected("malformed")
		return nil, fmt.Errorf("%w: payment authorization: %w", ErrPaymentRequired, err)
	}
	return s.Admit(sa, nil)
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

// Budget registers p under its request ID (Paid.Claim) and returns the
// output cap its ticket allows for promptTokens: gpu.Request.Budget. A
// prompt-only request (scoring) may afford no output token.
func (s *Service) Budget(p *Paid, promptTokens int, promptOnly bool) (int, error) {
	limit, err := p.ticket.MaxOutputTokens(uint32(min(promptTokens, 1<<31-1)))
	if err != nil || (limit == 0 && !promptOnly) {
		s.met.rejected("no_funds")
		return 0, fmt.Errorf("%w: the authorised %d wei do not cover %d prompt tokens and an output token", ErrPaymentRequired, p.ticket.MaxAmount, promptTokens)
	}
	s.mu.Lock()
	s.byReq[p.requestID] = p
	s.mu.Unlock()
	return int(min(limit, 1<<30)), nil
}

// Release frees p's reservation at the gate (it generated nothing, or
// its receipt could not be made).
func (s *Service) Release(p *Paid) {
	s.mu.Lock()
	delete(s.byReq, p.requestID)
	s.mu.Unlock()
	if err := s.gate.Release(p.ticket); err != nil {
		s.log.Debug("pay: release", "err", err)
	}
}

// Take returns and forgets the paid request of an engine request ID, nil
// for a free one.
func (s *Service) Take(requestID string) *Paid {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.byReq[requestID]
	delete(s.byReq, requestID)
	return p
}

// Charge stamps receipt r (before it is signed) with p's payment and
// charges the gate for r's tokens.
func (s *Service) Charge(p *Paid, r *attribution.Receipt) error {
	if err := p.ticket.Stamp(r); err != nil {
		return err
	}
	fee, err := s.gate.Charge(p.ticket, r.PromptTokens, r.OutputTokens)
	if err != nil {
		return err
	}
	if fee != r.Fee {
		return fmt.Errorf("pay: gate charged %d, receipt says %d", fee, r.Fee)
	}
	s.met.charged(fee)
	return nil
}

// Issued is called with the signed receipt of a paid request and the
// tokens served: it keeps the receipt for the stream back to a routing
// node and, when the payer's wallet is here, pays it on the worker.
func (s *Service) Issued(p *Paid, r *attribution.Receipt, promptTokens uint32, outputIDs []int32) {
	p.setReceipt(r, outputIDs)
	if p.wallet == nil {
		return
	}
	s.Later(func(ctx context.Context) {
		if _, err := s.Pay(ctx, p, r, promptTokens, outputIDs); err != nil {
			s.log.Warn("pay: voucher for own request", "request", r.RequestID, "err", err)
		}
	})
}

// Pay checks receipt r against what was received (prompt token count,
// output token IDs) with p's wallet, and keeps and publishes the voucher
// it signs.
func (s *Service) Pay(ctx context.Context, p *Paid, r *attribution.Receipt, promptTokens uint32, outputIDs []int32) (pay.SignedVoucher, error) {
	sv, err := p.wallet.Accept(p.sa, r, promptTokens, uint32(len(outputIDs)), TokenHash(outputIDs))
	if err != nil {
		s.met.rejected("receipt_mismatch")
		return sv, err
	}
	p.mu.Lock()
	p.voucher = &sv
	p.mu.Unlock()
	s.keepVoucher(sv)
	enc, err := sv.Encode()
	if err != nil {
		return sv, err
	}
	if err := s.topic.Publish(ctx, enc); err != nil {
		s.log.Debug("pay: publish voucher", "err", err)
	}
	return sv, nil
}

// Later runs fn on the voucher worker, off the response path; with the
// queue full it runs fn now, so that no voucher is dropped. After Close
// it drops fn with a warning.
func (s *Service) Later(fn func(context.Context)) {
	s.jobsMu.Lock()
	defer s.jobsMu.Unlock()
	if s.jobsDone {
		s.log.Warn("pay: stopping; a voucher is not signed")
		return
	}
	select {
	case s.jobs <- fn:
	default:
		fn(context.Background())
	}
}

func (s *Service) work() {
	defer s.wg.Done()
	for fn := range s.jobs {
		fn(context.Background())
	}
}
