// Package account holds a node's secp256k1 account key: the EVM address that
// points and rewards are credited to, and the key that signs records, task
// results, votes and receipts.
//
// Signatures follow EIP-191 personal-sign over a 32-byte digest, so that a
// Solidity contract can check them with ecrecover on
// keccak256("\x19Ethereum Signed Message:\n32" || digest).
//
// EIP-712 typed data (package pay's authorizations and vouchers) is signed
// over the typed-data digest itself, with no prefix, as wallets and
// OpenZeppelin's ECDSA.recover do: SignHash and RecoverHash. RecoverHash
// refuses high-s signatures, which the contract refuses too.
package account
