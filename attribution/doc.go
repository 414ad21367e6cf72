// Package attribution will own Proof of Attribution: signed receipts, span
// attribution over a suffix-array index of golden records, RAG citations,
// the reward split, and the Merkle trees and proofs that epochs anchor.
//
// Not built yet: see issue 6. This package holds no code until then.
package attribution
