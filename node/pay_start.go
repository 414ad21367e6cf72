package node

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/provenet/provenet/node/paystore"
	"github.com/provenet/provenet/pay"
)

// payments returns the payment service, nil when the node takes none.
func (n *Node) payments() *payService { return n.pay.Load() }

// startPay starts payments when the chain has an escrow: a gate with the
// inference role, a voucher pool on the aggregator, wallets for the API
// keys presented here, and the voucher topic.
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
	p := &payService{
		log: n.log.With("svc", "pay"), clock: n.clock, chain: c, self: n.home.Account.Address(),
		domain: pay.Domain{ChainID: ed.ChainID.Uint64(), Escrow: ed.VerifyingContract},
		epoch:  n.CurrentEpoch, keys: n.keys, payers: newChainPayers(c, n.clock), records: n.attr.store,
		lag: n.cfg.Attribution.MaxLagEpochs + 1, met: newPayMetrics(n.metrics), prices: n.cfg.GPU.Prices(),
		wallets: map[walletKey]*pay.Wallet{}, byReq: map[string]*paidRequest{},
	}
	// The gate's authorizations and charges, the wallets' payments and
	// the aggregator's vouchers survive a restart: badger under data/pay.
	if p.db, err = paystore.Open(filepath.Join(n.home.Path(DataDir), "pay"), n.cfg.Store.SyncWrites); err != nil {
		return err
	}
	p.store = p.db
	fail := func(err error) error { return errors.Join(err, p.db.Close()) }
	if n.infer != nil {
		if p.gate, err = pay.NewGate(p.self, p.domain, p.prices, p.payers, p.store.Gate()); err != nil {
			return fail(err)
		}
	}
	if n.cfg.Attribution.Aggregator {
		p.pool = p.db.Pool()
	}
	if p.topic, err = n.host.Join(TopicVouchers, p.validateVoucher); err != nil {
		return fail(err)
	}
	if err := p.topic.Subscribe(p.onVoucher); err != nil {
		return fail(err)
	}
	if p.settleTopic, err = n.host.Join(TopicSettlements, p.validateSettlement); err != nil {
		return fail(err)
	}
	if err := p.settleTopic.Subscribe(p.onSettlement); err != nil {
		return fail(err)
	}
	p.jobs = make(chan func(context.Context), 1024)
	p.wg.Add(1)
	go p.work()
	n.pay.Store(p)
	if n.infer != nil {
		n.kickGPUAd() // advertise the operator address and prices now
	}
	p.log.Info("payments on", "escrow", p.domain.Escrow, "chain_id", p.domain.ChainID, "operator", p.gate != nil,
		"prompt_price", p.prices.Prompt, "output_price", p.prices.Output)
	return nil
}

func (n *Node) stopPay(context.Context) error {
	p := n.pay.Swap(nil)
	if p == nil {
		return nil
	}
	p.stopJobs() // the queued vouchers are signed, then the store closes
	return p.db.Close()
}
