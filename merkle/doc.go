// Package merkle builds Merkle trees and proofs that OpenZeppelin's
// StandardMerkleTree (npm @openzeppelin/merkle-tree) and MerkleProof.sol
// accept, so that a proof generated in Go verifies in Solidity.
//
// The conventions, all taken from OpenZeppelin:
//
//   - A leaf is keccak256(bytes.concat(keccak256(abi.encode(values...)))):
//     the ABI encoding of the leaf's values, hashed twice (LeafHash). The
//     double hash keeps a leaf from ever being read as an inner node.
//   - An inner node is keccak256 of its two children, the smaller one first
//     (HashPair), as in MerkleProof.sol's _hashPair. Proofs therefore carry no
//     left/right flags.
//   - New sorts the leaf hashes ascending and lays the tree out as
//     StandardMerkleTree does: a complete binary tree stored in an array of
//     2n-1 nodes, root at index 0, children of i at 2i+1 and 2i+2, and the
//     i-th smallest leaf at index 2n-2-i. For the same leaves, Go and
//     JavaScript give the same root and the same proofs.
//   - A tree of one leaf has that leaf as its root and empty proofs. A tree of
//     no leaves is an error (ErrNoLeaves), as in OpenZeppelin.
//
// The encoding helpers (EncodeAddressUint256s, EncodeAddressUint64s,
// AppendUint256) hand-encode the static types address and uint256, whose
// abi.encode form is one 32-byte big-endian word each; a test checks them
// against go-ethereum's accounts/abi.
//
// testdata/gen_vectors.js regenerates testdata/oz_vectors.json with the
// reference implementation; the tests compare roots, leaves and proofs.
package merkle
