package payments

import (
	"context"
	"fmt"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/internal/clock"
	"github.com/provenet/provenet/pay"
)

// EscrowReader is what Payers asks the escrow.
type EscrowReader interface {
	PayerOf(ctx context.Context, signer common.Address) (common.Address, error)
	EscrowBalance(ctx context.Context, payer common.Address) (balance, thawing *big.Int, thawEnd time.Time, err error)
}

// Payers implements pay.Payers from the escrow contract, caching
// answers: a signer's binding for a minute when bound (five seconds when
// not, so that a fresh authorizeSigner is seen soon), a payer's available
// funds for two seconds. A stale balance cannot over-admit by much: the
// Gate reserves what it admits, and a withdrawal thaws for far longer
// than the cache lives.
type Payers struct {
	c     EscrowReader
	clock clock.Clock

	mu      sync.Mutex
	signers map[common.Address]cachedAddr
	funds   map[common.Address]cachedFunds
}

type cachedAddr struct {
	a  common.Address
	at time.Time
}

type cachedFunds struct {
	v  uint64
	at time.Time
}

const (
	payerOfTTL      = time.Minute
	payerOfMissTTL  = 5 * time.Second
	availableTTL    = 2 * time.Second
	escrowCallLimit = 5 * time.Second
)

var _ pay.Payers = (*Payers)(nil)

// NewPayers returns the cached escrow reader over c.
func NewPayers(c EscrowReader, clk clock.Clock) *Payers {
	return &Payers{c: c, clock: clk, signers: map[common.Address]cachedAddr{}, funds: map[common.Address]cachedFunds{}}
}

// PayerOf implements pay.Payers.
func (p *Payers) PayerOf(signer common.Address) (common.Address, error) {
	now := p.clock.Now()
	p.mu.Lock()
	e, ok := p.signers[signer]
	p.mu.Unlock()
	if ok {
		ttl := payerOfTTL
		if e.a == (common.Address{}) {
			ttl = payerOfMissTTL
		}
		if now.Sub(e.at) < ttl {
			return e.a, nil
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), escrowCallLimit)
	defer cancel()
	a, err := p.c.PayerOf(ctx, signer)
	if err != nil {
		return common.Address{}, fmt.Errorf("escrow payerOf %s: %w", signer.Hex(), err)
	}
	p.mu.Lock()
	if len(p.signers) > 1<<16 {
		clear(p.signers)
	}
	p.signers[signer] = cachedAddr{a: a, at: now}
	p.mu.Unlock()
	return a, nil
}

// Available implements pay.Payers: the escrow balance less what is
// thawing, capped to a uint64 (off-chain amounts are uint64 wei).
func (p *Payers) Available(payer common.Address) (uint64, error) {
	now := p.clock.Now()
	p.mu.Lock()
	e, ok := p.funds[payer]
	p.mu.Unlock()
	if ok && now.Sub(e.at) < availableTTL {
		return e.v, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), escrowCallLimit)
	defer cancel()
	bal, thawing, _, err := p.c.EscrowBalance(ctx, payer)
	if err != nil {
		return 0, fmt.Errorf("escrow balance of %s: %w", payer.Hex(), err)
	}
	avail := new(big.Int).Sub(bal, thawing)
	var v uint64
	switch {
	case avail.Sign() <= 0:
	case avail.IsUint64():
		v = avail.Uint64()
	default:
		v = ^uint64(0)
	}
	p.mu.Lock()
	if len(p.funds) > 1<<16 {
		clear(p.funds)
	}
	p.funds[payer] = cachedFunds{v: v, at: now}
	p.mu.Unlock()
	return v, nil
}

// Forget drops payer's cached funds (after a deposit or a settlement).
func (p *Payers) Forget(payer common.Address) {
	p.mu.Lock()
	delete(p.funds, payer)
	p.mu.Unlock()
}
