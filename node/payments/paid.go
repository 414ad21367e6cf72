package payments

import (
	"context"
	"encoding/binary"
	"sync"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/pay"
)

// Paid is one paid request on its way through a node: the authorization;
// on the operator, the ticket the gate admitted it with; where the payer's
// key is here, the wallet that pays for it.
type Paid struct {
	sa     pay.SignedAuthorization
	ticket *pay.Ticket // operator side; nil on a routing node
	wallet *pay.Wallet // payer side; nil on an operator serving a routed request

	mu        sync.Mutex
	requestID string // the engine's, set at generation
	receipt   *attribution.Receipt
	outputIDs []int32
	voucher   *pay.SignedVoucher
}

// NewPaid is the routing node's record of a request it authorised with
// w's authorization sa, to pay once the receipt comes back (Service.Pay).
func NewPaid(sa pay.SignedAuthorization, w *pay.Wallet) *Paid { return &Paid{sa: sa, wallet: w} }

// Operated reports whether p was admitted at this node's gate.
func (p *Paid) Operated() bool { return p.ticket != nil }

// Claim marks p as generating under the engine's request ID; false when
// it was claimed before (a second choice of one paid request).
func (p *Paid) Claim(requestID string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.requestID != "" {
		return false
	}
	p.requestID = requestID
	return true
}

// Claimed reports whether generation started under p.
func (p *Paid) Claimed() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.requestID != ""
}

// ReleaseUnused frees p's reservation when no generation claimed it (the
// handler refused the request before the engine saw it).
func (s *Service) ReleaseUnused(p *Paid) {
	if p != nil && p.ticket != nil && !p.Claimed() {
		if err := s.gate.Release(p.ticket); err != nil {
			s.log.Debug("pay: release", "err", err)
		}
	}
}

func (p *Paid) setReceipt(r *attribution.Receipt, out []int32) {
	p.mu.Lock()
	p.receipt, p.outputIDs = r, out
	p.mu.Unlock()
}

// Result is p's receipt and output token IDs once issued, and its voucher
// once paid (nil before).
func (p *Paid) Result() (*attribution.Receipt, []int32, *pay.SignedVoucher) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.receipt, p.outputIDs, p.voucher
}

type paidKey struct{}

// WithPaid returns ctx carrying p, which the engine's Budget reads.
func WithPaid(ctx context.Context, p *Paid) context.Context {
	return context.WithValue(ctx, paidKey{}, p)
}

// PaidFrom is the paid request ctx carries, nil for a free one.
func PaidFrom(ctx context.Context) *Paid {
	p, _ := ctx.Value(paidKey{}).(*Paid)
	return p
}

// TokenHash is keccak256 over the little-endian int32 token IDs: a
// receipt's prompt and output hash.
func TokenHash(ids []int32) [32]byte {
	b := make([]byte, 4*len(ids))
	for i, t := range ids {
		binary.LittleEndian.PutUint32(b[4*i:], uint32(t))
	}
	return crypto.Keccak256Hash(b)
}
