package pay

import (
	"errors"
	"fmt"
	"sync"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/attribution"
)

// Payers is what a Gate reads from the escrow; the node implements it from
// the chain, cached.
type Payers interface {
	// PayerOf returns the payer signer is bound to (authorizeSigner, not
	// revoked), the zero address when none. An error is a failed lookup.
	PayerOf(signer common.Address) (common.Address, error)
	// Available returns what payer can still be charged on the escrow: its
	// balance, less what is thawing (which it may withdraw before the
	// operator's voucher is redeemed).
	Available(payer common.Address) (uint64, error)
}

// Gate is the operator's side of the protocol: it admits a request only
// with a valid authorization the payer can cover, charges the request
// after generation, and keeps the payers' vouchers for settlement. It is
// safe for concurrent use.
//
// A payer's outstanding amount is what the gate has charged it in epochs
// not yet settled plus the MaxAmount of each of its admitted requests not
// yet charged (reserved at Check, so that concurrent requests cannot
// together exceed the payer's funds).
type Gate struct {
	self      common.Address
	domain    Domain
	separator [32]byte
	prices    Prices
	priceOf   func(model [32]byte) (Prices, bool) // per-model prices; nil: prices for all
	payers    Payers

	mu          sync.Mutex
	store       GateStore
	outstanding map[common.Address]uint64
	perEpoch    map[uint64]map[common.Address]uint64
	settled     map[uint64]bool
}

// Ticket is an admitted request: the checked authorization, until it is
// charged or released.
type Ticket struct {
	// Authorization is the payer's, as checked.
	Authorization
	// Digest is the Authorization's EIP-712 digest: the receipt's Auth.
	Digest [32]byte
	// Signer is the address that signed it: the payer or a signer bound to
	// it.
	Signer common.Address

	closed bool // guarded by the Gate's mu
}

// MaxOutputTokens is the cap on generation for promptTokens under the
// ticket's authorization (see the package function).
func (t *Ticket) MaxOutputTokens(promptTokens uint32) (uint32, error) {
	return MaxOutputTokens(t.MaxAmount, promptTokens, t.Prices())
}

// Stamp writes the ticket's payment fields into the operator's receipt
// r: Payer, Auth (the digest), Epoch, PromptPrice and OutputPrice, and the
// Fee of r's token counts at those prices, which is what Charge charges
// for the same counts. Sign r after.
func (t *Ticket) Stamp(r *attribution.Receipt) error {
	fee, err := Fee(r.PromptTokens, r.OutputTokens, t.Prices())
	if err != nil {
		return err
	}
	r.Payer, r.Auth, r.Epoch = t.Payer, t.Digest, t.Epoch
	r.PromptPrice, r.OutputPrice, r.Fee = t.PromptPrice, t.OutputPrice, fee
	return nil
}

// NewGate returns the gate of operator self, which charges at least
// prices, reads signer bindings and balances from payers and keeps its
// state in store. It rebuilds the payers' outstanding amounts from the
// store's unsettled charges.
func NewGate(self common.Address, d Domain, prices Prices, payers Payers, store GateStore) (*Gate, error) {
	if self == (common.Address{}) || payers == nil || store == nil {
		return nil, errors.New("pay: NewGate needs an operator address, Payers and a GateStore")
	}
	g := &Gate{
		self: self, domain: d, separator: d.Separator(), prices: prices, payers: payers, store: store,
		outstanding: map[common.Address]uint64{},
		perEpoch:    map[uint64]map[common.Address]uint64{},
		settled:     map[uint64]bool{},
	}
	charges, err := store.Unsettled()
	if err != nil {
		return nil, fmt.Errorf("pay: gate store: %w", err)
	}
	for _, c := range charges {
		if err := g.add(c.Epoch, c.Payer, c.Amount); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// Prices returns the gate's minimum prices.
func (g *Gate) Prices() Prices { return g.prices }

// SetModelPrices makes the gate ask of an authorization for model (its
// Authorization.Model, ModelID of the name requested) the prices f gives
// when f knows the model, and Prices otherwise. Call it before the gate
// is used.
func (g *Gate) SetModelPrices(f func(model [32]byte) (Prices, bool)) { g.priceOf = f }

// PricesOf returns the minimum prices the gate asks for model.
func (g *Gate) PricesOf(model [32]byte) Prices {
	if g.priceOf != nil {
		if p, ok := g.priceOf(model); ok {
			return p
		}
	}
	return g.prices
}

// Check admits the request that sa authorises in epoch (the current one)
// and reserves its MaxAmount. It fails with
//   - ErrMalformed for a zero payer or a signature of the wrong length;
//   - ErrWrongOperator when sa is for another operator;
//   - ErrWrongEpoch when sa.Epoch != epoch, or epoch is settled;
//   - ErrPriceTooLow when either price is below the gate's;
//   - ErrBadSignature when the signer is neither the payer nor bound to it;
//   - ErrInsufficientFunds when MaxAmount exceeds the payer's available
//     funds less its outstanding amount;
//   - ErrReplay when the payer's request ID was admitted before;
//
// or with the error of a failed Payers or GateStore call. The cheap checks
// come before the signature recovery.
func (g *Gate) Check(sa SignedAuthorization, epoch uint64) (*Ticket, error) {
	if err := sa.check(); err != nil {
		return nil, err
	}
	a := sa.Authorization
	if a.Operator != g.self {
		return nil, fmt.Errorf("%w: authorization for %s, this is %s", ErrWrongOperator, a.Operator.Hex(), g.self.Hex())
	}
	if a.Epoch != epoch {
		return nil, fmt.Errorf("%w: authorization for epoch %d, current %d", ErrWrongEpoch, a.Epoch, epoch)
	}
	if want := g.PricesOf(a.Model); !a.Prices().Covers(want) {
		return nil, fmt.Errorf("%w: %d/%d per 1k prompt/output, operator asks %d/%d",
			ErrPriceTooLow, a.PromptPrice, a.OutputPrice, want.Prompt, want.Output)
	}
	digest := typedDigest(g.separator, a.StructHash())
	signer, err := recoverDigest(digest, sa.Sig)
	if err != nil {
		return nil, err
	}
	if err := CheckSigner(signer, a.Payer, g.payers.PayerOf); err != nil {
		return nil, err
	}
	avail, err := g.payers.Available(a.Payer)
	if err != nil {
		return nil, fmt.Errorf("pay: available funds of %s: %w", a.Payer.Hex(), err)
	}

	g.mu.Lock()
	defer g.mu.Unlock()
	if g.settled[epoch] {
		return nil, fmt.Errorf("%w: epoch %d is settled", ErrWrongEpoch, epoch)
	}
	out := g.outstanding[a.Payer]
	if a.MaxAmount > avail || out > avail-a.MaxAmount {
		return nil, fmt.Errorf("%w: %s has %d available, %d outstanding, authorises %d",
			ErrInsufficientFunds, a.Payer.Hex(), avail, out, a.MaxAmount)
	}
	fresh, err := g.store.AddRequest(epoch, a.Payer, a.Request)
	if err != nil {
		return nil, fmt.Errorf("pay: gate store: %w", err)
	}
	if !fresh {
		return nil, fmt.Errorf("%w: request %x of %s", ErrReplay, a.Request, a.Payer.Hex())
	}
	if err := g.add(epoch, a.Payer, a.MaxAmount); err != nil { // cannot overflow: out+max <= avail
		return nil, err
	}
	return &Ticket{Authorization: a, Digest: digest, Signer: signer}, nil
}

// Charge closes t with the fee of the tokens served at t's prices, and
// returns the fee. A fee over t.MaxAmount is ErrOverAuthorised (cap
// generation with t.MaxOutputTokens) and leaves t open, as does a failed
// store call; a ticket charged or released before is ErrTicketClosed, and
// a ticket of a settled epoch is ErrWrongEpoch (and is closed).
func (g *Gate) Charge(t *Ticket, promptTokens, outputTokens uint32) (uint64, error) {
	fee, err := Fee(promptTokens, outputTokens, t.Prices())
	if err != nil {
		return 0, err
	}
	if fee > t.MaxAmount {
		return 0, fmt.Errorf("%w: fee %d, authorised %d", ErrOverAuthorised, fee, t.MaxAmount)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if t.closed {
		return 0, ErrTicketClosed
	}
	if g.settled[t.Epoch] {
		t.closed = true
		return 0, fmt.Errorf("%w: epoch %d is settled", ErrWrongEpoch, t.Epoch)
	}
	if _, err := g.store.AddCharge(t.Epoch, t.Payer, fee); err != nil {
		return 0, fmt.Errorf("pay: gate store: %w", err)
	}
	g.sub(t.Epoch, t.Payer, t.MaxAmount-fee) // the reservation becomes the fee
	t.closed = true
	return fee, nil
}

// Release closes t without a charge (the request failed before any
// token), returning its reservation.
func (g *Gate) Release(t *Ticket) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if t.closed {
		return ErrTicketClosed
	}
	t.closed = true
	if !g.settled[t.Epoch] {
		g.sub(t.Epoch, t.Payer, t.MaxAmount)
	}
	return nil
}

// Outstanding returns payer's outstanding amount (see Gate).
func (g *Gate) Outstanding(payer common.Address) uint64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.outstanding[payer]
}

// Owed returns what the gate charged payer in epoch (until the epoch is
// settled and the store drops it).
func (g *Gate) Owed(payer common.Address, epoch uint64) (uint64, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.store.Owed(epoch, payer)
}

// AcceptVoucher keeps sv as its payer's voucher for sv.Epoch if it is
// valid: addressed to this operator (ErrWrongOperator), of an epoch not
// settled (ErrWrongEpoch), signed by the payer or a signer bound to it
// (ErrBadSignature), and not below the voucher held (ErrStaleVoucher). A
// voucher equal in amount to the one held changes nothing.
func (g *Gate) AcceptVoucher(sv SignedVoucher) error {
	if err := sv.check(); err != nil {
		return err
	}
	if sv.Operator != g.self {
		return fmt.Errorf("%w: voucher for %s, this is %s", ErrWrongOperator, sv.Operator.Hex(), g.self.Hex())
	}
	signer, err := recoverDigest(typedDigest(g.separator, sv.StructHash()), sv.Sig)
	if err != nil {
		return err
	}
	if err := CheckSigner(signer, sv.Payer, g.payers.PayerOf); err != nil {
		return err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.settled[sv.Epoch] {
		return fmt.Errorf("%w: epoch %d is settled", ErrWrongEpoch, sv.Epoch)
	}
	cur, ok, err := g.store.Voucher(sv.Epoch, sv.Payer)
	if err != nil {
		return fmt.Errorf("pay: gate store: %w", err)
	}
	switch {
	case ok && sv.Amount < cur.Amount:
		return fmt.Errorf("%w: %d, holding %d", ErrStaleVoucher, sv.Amount, cur.Amount)
	case ok && sv.Amount == cur.Amount:
		return nil
	}
	if err := g.store.PutVoucher(sv); err != nil {
		return fmt.Errorf("pay: gate store: %w", err)
	}
	return nil
}

// Vouchers returns the latest voucher of each payer for epoch, sorted by
// payer: what the operator hands the settler.
func (g *Gate) Vouchers(epoch uint64) ([]SignedVoucher, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	vs, err := g.store.Vouchers(epoch)
	if err != nil {
		return nil, fmt.Errorf("pay: gate store: %w", err)
	}
	sortVouchers(vs)
	return vs, nil
}

// Settled records that epoch's vouchers were redeemed: the epoch's charges
// and reservations stop counting against the payers' funds (the escrow
// balance has dropped by the charges instead), and the gate admits and
// charges nothing more in it.
func (g *Gate) Settled(epoch uint64) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.settled[epoch] {
		return nil
	}
	if err := g.store.Settle(epoch); err != nil {
		return fmt.Errorf("pay: gate store: %w", err)
	}
	g.settled[epoch] = true
	for payer, amt := range g.perEpoch[epoch] {
		if g.outstanding[payer] -= amt; g.outstanding[payer] == 0 {
			delete(g.outstanding, payer)
		}
	}
	delete(g.perEpoch, epoch)
	return nil
}

// add adds amt to payer's outstanding amount in epoch. g.mu is held (or g
// is not shared yet).
func (g *Gate) add(epoch uint64, payer common.Address, amt uint64) error {
	m := g.perEpoch[epoch]
	if m == nil {
		m = map[common.Address]uint64{}
		g.perEpoch[epoch] = m
	}
	e, tot := m[payer]+amt, g.outstanding[payer]+amt
	if e < amt || tot < amt {
		return fmt.Errorf("%w: outstanding amount of %s", ErrOverflow, payer.Hex())
	}
	m[payer], g.outstanding[payer] = e, tot
	return nil
}

// sub takes amt (at most what add added) off payer's outstanding amount
// in epoch. g.mu is held.
func (g *Gate) sub(epoch uint64, payer common.Address, amt uint64) {
	if amt == 0 {
		return
	}
	m := g.perEpoch[epoch]
	if m[payer] -= amt; m[payer] == 0 {
		delete(m, payer)
	}
	if g.outstanding[payer] -= amt; g.outstanding[payer] == 0 {
		delete(g.outstanding, payer)
	}
}
