// Package chain will own everything on-chain and DA: the Solidity contracts
// and their generated Go bindings, the L2 client (registry, anchor, claims),
// the embedded dev chain, and the DA clients (eigenda-proxy REST and a local
// dev DA server computing real EigenDA KZG commitments).
//
// Not built yet: see issue 6. This package holds no code until then.
package chain
