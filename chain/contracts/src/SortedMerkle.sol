// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title SortedMerkle
/// @notice Merkle proof verification in OpenZeppelin's MerkleProof convention:
/// inner nodes hash their two children smaller-first (commutative), leaves are
/// keccak256(bytes.concat(keccak256(abi.encode(values...)))). It matches the
/// Go package github.com/provenet/provenet/merkle (HashPair, ProcessProof,
/// Verify) and OpenZeppelin's MerkleProof.processProofCalldata.
library SortedMerkle {
    /// @notice The root obtained by hashing leaf up the proof.
    function processProof(bytes32[] calldata proof, bytes32 leaf) internal pure returns (bytes32 computed) {
        computed = leaf;
        for (uint256 i = 0; i < proof.length; ++i) {
            computed = hashPair(computed, proof[i]);
        }
    }

    /// @notice Whether proof proves leaf under root.
    function verify(bytes32[] calldata proof, bytes32 root, bytes32 leaf) internal pure returns (bool) {
        return processProof(proof, leaf) == root;
    }

    /// @notice keccak256 of a and b, the smaller one first.
    function hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? _efficientHash(a, b) : _efficientHash(b, a);
    }

    /// @notice The double-hashed leaf of an abi.encode'd value tuple.
    function leafOf(bytes memory encoded) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(encoded)));
    }

    function _efficientHash(bytes32 a, bytes32 b) private pure returns (bytes32 value) {
        assembly ("memory-safe") {
            mstore(0x00, a)
            mstore(0x20, b)
            value := keccak256(0x00, 0x40)
        }
    }
}
