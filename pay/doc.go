// Package pay is the off-chain side of provenet's payment protocol
// (TAP-style; the spec is shared with the PaymentEscrow contract). A payer
// deposits ETH in the escrow. Per request, the payer, or a signer key it
// bound on the escrow (an API key's session key), signs an EIP-712
// Authorization before generation; the operator checks it before the first
// token. After the answer the payer checks the operator's receipt and
// signs an EIP-712 Voucher: the cumulative wei it owes that operator for
// the epoch. The settler redeems one voucher per (payer, operator, epoch)
// and finalizes the epoch: it pays operators and funds a claims root for
// model owners and data contributors.
//
// Files:
//
//   - eip712.go: Domain, Authorization, Voucher and their digests. The
//     type strings are the contract's, exactly; the tests check the
//     digests against go-ethereum's independent EIP-712 implementation.
//   - sign.go, encoding.go: signatures (account.SignHash over the digest
//     itself, no EIP-191 prefix; 65 bytes, v in {27, 28}, low s), the
//     escrow's signer rule (CheckSigner) and the canonical CBOR wire form
//     of signed authorizations and vouchers, decoded strictly.
//   - fee.go: the fee formula ceil((pt*promptPrice + ot*outputPrice) /
//     1000) (attribution.Fee, which receipts use too) and the output cap
//     an authorization allows.
//   - apikey.go: API keys "pvn-" + hex secret, which carry a session key.
//   - operator.go, gatestore.go: the operator's Gate: checks
//     authorizations, charges requests, keeps the payers' vouchers.
//   - payer.go, walletstore.go: the payer's Wallet: authorizes requests,
//     checks receipts and signs vouchers.
//   - settle.go, scale.go, claims.go, amounts.go: the settlement of an
//     epoch from its vouchers and receipts: redemptions, operator payouts
//     and the claims Merkle tree, exact to the wei.
//
// Amounts are uint64 wei off chain (uint256 on chain); every sum that
// could pass 2^64 is checked (ErrOverflow) or kept in 128 bits.
//
// The package holds data and rules only: it imports no node, p2p, chain
// or transport. The node implements Payers (signer bindings and balances,
// from the chain) and a persistent GateStore.
package pay
