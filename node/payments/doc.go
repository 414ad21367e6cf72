// Package payments is the node's side of the payment protocol (package
// pay), as a service with explicit dependencies (deps.go):
//   - as a GPU operator, a pay.Gate admits a paid request only with an
//     authorization its payer can cover, caps generation to it, and stamps
//     and charges the receipt;
//   - where a payer's API key is presented (any node), a pay.Wallet signs
//     the authorization, checks the operator's receipt against what was
//     received and signs the cumulative voucher, which goes out on
//     TopicVouchers (off the response path, on a worker);
//   - on the epoch aggregator, the highest voucher of each (payer,
//     operator, epoch) is kept, and at epoch close Settle redeems and
//     finalizes the epoch on the escrow and gossips the settlement record
//     on TopicSettlements, from which every node serves claim proofs.
//
// State that must survive a restart (authorised requests, charges,
// vouchers, wallets' cumulative amounts, the voucher pool) is in badger
// (package node/paystore). Package node wires the service to the HTTP
// API, the inference engine, the routing protocol and the epoch close.
package payments
