package node

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/chain"
	"github.com/provenet/provenet/node/payments"
	"github.com/provenet/provenet/node/paystore"
	"github.com/provenet/provenet/pay"
)

// Settlement records as the API shows them (package payments).
type (
	SettlementInfo  = payments.SettlementInfo
	SettlementClaim = payments.SettlementClaim
	SettledPair     = payments.SettledPair
	RejectedPair    = payments.RejectedPair
)

// Settlement statuses.
const (
	SettlementSettled = payments.SettlementSettled
	SettlementNone    = payments.SettlementNone
)

// errNoEscrow: payments need [chain] with an escrow address.
var errNoEscrow = errors.New("node: no payment escrow configured ([chain] escrow)")

// escrowConfigured reports whether c can take payments.
func escrowConfigured(c *chain.Client) bool {
	return c != nil && c.Enabled() && c.Addresses().Escrow != (common.Address{})
}

// payments returns the payment service, nil when the node takes none.
func (n *Node) payments() *payments.Service { return n.pay.Load() }

// startPay starts payments when the chain has an escrow: a gate with the
// inference role, a voucher pool on the aggregator, wallets for the API
// keys presented here, and the voucher and settlement topics. Their state
// is in badger under data/pay.
func (n *Node) startPay(context.Context) error {
	if n.attr == nil || !escrowConfigured(n.attr.chain) {
		return nil
	}
	c := n.attr.chain
	ed, err := c.EscrowDomain()
	if err != nil {
		return err
	}
	if !ed.ChainID.IsUint64() {
		return fmt.Errorf("pay: chain id %v does not fit 64 bits", ed.ChainID)
	}
	db, err := paystore.Open(filepath.Join(n.home.Path(DataDir), "pay"), n.cfg.Store.SyncWrites)
	if err != nil {
		return err
	}
	cfg := payments.Config{
		Log: n.log.With("svc", "pay"), Clock: n.clock, Escrow: c,
		Domain: pay.Domain{ChainID: ed.ChainID.Uint64(), Escrow: ed.VerifyingContract},
		Self:   n.home.Account.Address(), Epoch: n.CurrentEpoch, Keys: keyBook{n.keys}, Store: db, Records: n.attr.store,
		Operator: n.infer != nil, Prices: n.cfg.GPU.Prices(), ModelPrices: n.modelPrices(), Aggregator: n.cfg.Attribution.Aggregator,
		Lag: n.cfg.Attribution.MaxLagEpochs + 1, BackfillEvery: max(n.cfg.Tasks.EpochLength.D(), 5*time.Second),
	}
	if pm, ok := n.metrics.(*PromMetrics); ok {
		cfg.Registry = pm.Registry()
	}
	p, err := payments.New(cfg, n.host)
	if err != nil {
		return errors.Join(err, db.Close())
	}
	n.pay.Store(p)
	n.payDB = db
	if n.infer != nil {
		n.kickGPUAd() // advertise the operator address and prices now
	}
	cfg.Log.Info("payments on", "escrow", cfg.Domain.Escrow, "chain_id", cfg.Domain.ChainID, "operator", cfg.Operator,
		"prompt_price", cfg.Prices.Prompt, "output_price", cfg.Prices.Output, "aggregator", cfg.Aggregator)
	return nil
}

func (n *Node) stopPay(context.Context) error {
	p := n.pay.Swap(nil)
	if p == nil {
		return nil
	}
	p.Close() // the queued vouchers are signed, then the store closes
	return n.payDB.Close()
}

// modelPrices resolves [gpu] model_prices: each entry prices its model
// under the name or CID it is given and, for an adapter the library holds,
// under the other one too. Nil without entries or without an engine.
func (n *Node) modelPrices() func([32]byte) (pay.Prices, bool) {
	if len(n.cfg.GPU.ModelPrices) == 0 || n.infer == nil {
		return nil
	}
	m := map[[32]byte]pay.Prices{}
	for name, mp := range n.cfg.GPU.ModelPrices {
		p := pay.Prices{Prompt: mp.Prompt, Output: mp.Output}
		m[pay.ModelID(name)] = p
		if info, ok := n.infer.lib.Resolve(name); ok {
			m[pay.ModelID(info.Name)], m[pay.ModelID(info.CID)] = p, p
		}
		if name == n.infer.base && n.infer.baseCID != "" {
			m[pay.ModelID(n.infer.baseCID)] = p
		}
	}
	return func(id [32]byte) (pay.Prices, bool) {
		p, ok := m[id]
		return p, ok
	}
}

// adPrices are the per-model prices a GPU advertisement carries, by
// model ID and CID.
func (n *Node) adPrices() map[string]adPrice {
	p := n.payments()
	if p == nil || !p.Operating() || len(n.cfg.GPU.ModelPrices) == 0 {
		return nil
	}
	out := map[string]adPrice{}
	for _, m := range n.infer.eng.Models() {
		for _, k := range []string{m.ID, m.CID} {
			if k == "" {
				continue
			}
			if pr := p.PricesOf(k); pr != p.OperatorPrices() {
				out[k] = adPrice{Prompt: pr.Prompt, Output: pr.Output}
			}
		}
	}
	return out
}

// keyBook is the API key store as package payments reads it.
type keyBook struct{ k *apiKeys }

func (b keyBook) Payer(header string) (common.Address, error) {
	k, err := b.k.check(header)
	return k.Payer, err
}
