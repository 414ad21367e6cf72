// Package paystore keeps the state of package pay durably, in one small
// badger database per node: the operator's GateStore (Store.Gate), a
// WalletStore per payer (Store.Wallet) and the epoch aggregator's pool of
// vouchers (Store.Pool). A node that restarts during an unsettled epoch
// loses no authorised request, charge or voucher: pay.NewGate over the
// reopened Gate store rebuilds what each payer has outstanding.
//
// Semantics are those of pay.MemGateStore and pay.MemWalletStore; the
// conformance tests run the same operations against both. Each mutating
// call is one badger transaction (read, modify and write inside one
// update), retried when badger reports a conflict. The one exception is
// Settle (and Prune) of an epoch too large for one transaction: the first
// transaction records the settlement together with as many deletions as
// fit, and further ones delete the rest. Should the node stop between
// them, the epoch is settled all the same (its charges are out of
// Unsettled) and calling Settle again finishes the deletions.
//
// Keys are a one-byte prefix and fixed-width big-endian fields, so that
// an iteration over a prefix runs in epoch, then address, order. Amounts
// are 8-byte big-endian values; vouchers are their canonical CBOR
// (pay.SignedVoucher.Encode, read back with pay.DecodeSignedVoucher).
//
//	prefix  key fields                          value
//	r       payer 20, request 32                epoch 8: the request was authorised
//	q       epoch 8, payer 20, request 32       empty: the epoch's requests, for Settle
//	c       epoch 8, payer 20                   total charged 8
//	v       epoch 8, payer 20                   the payer's voucher to this operator
//	s       epoch 8                             empty: the epoch is settled
//	o       payer 20, operator 20, epoch 8      total the payer owes 8 (wallet)
//	a       payer 20, auth digest 32            empty: the payer paid that authorization
//	p       epoch 8, payer 20, operator 20      the highest voucher seen (pool)
package paystore
