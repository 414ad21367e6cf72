// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IEpochAnchor} from "./IEpochAnchor.sol";
import {SortedMerkle} from "./SortedMerkle.sol";

/// @title ClaimsDistributor
/// @notice Credits points proven against the anchored points root of an
/// epoch, and verifies receipt proofs against the anchored receipts root.
/// @dev Points snapshots are cumulative: the leaf of an account in epoch e is
/// keccak256(bytes.concat(keccak256(abi.encode(account, uint256(e),
/// cumulativePoints)))), as points.Leaf in Go. A claim credits the part of
/// cumulativePoints not yet claimed, so claiming a later epoch pays only the
/// difference. Points are a ledger here, not a token. The contract holds no
/// ether and makes no call other than a view into the immutable anchor.
contract ClaimsDistributor {
    /// @notice The epoch has not been anchored.
    error EpochNotAnchored(uint64 epoch);
    /// @notice The proof does not prove the leaf under the epoch's root.
    error InvalidProof();
    /// @notice The account has already claimed this much or more.
    error AlreadyClaimed(address account, uint256 claimed);
    /// @notice A zero address was given where an account is required.
    error ZeroAddress();

    event Claimed(address indexed account, uint64 indexed epoch, uint256 amount, uint256 cumulativePoints);

    /// @notice Where the epoch roots come from.
    IEpochAnchor public immutable anchor;
    /// @notice Points claimed so far by each account (its cumulative total
    /// at its last claim).
    mapping(address => uint256) public claimed;
    /// @notice Points claimed so far by all accounts.
    uint256 public totalClaimed;

    constructor(IEpochAnchor anchor_) {
        if (address(anchor_) == address(0)) revert ZeroAddress();
        anchor = anchor_;
    }

    /// @notice Credits account with cumulativePoints minus what it already
    /// claimed, given a proof of its leaf in epoch's points root. Anyone may
    /// submit the claim; the points always go to account.
    /// @return amount The points credited by this call.
    function claim(uint64 epoch, address account, uint256 cumulativePoints, bytes32[] calldata proof)
        external
        returns (uint256 amount)
    {
        (, bytes32 root, bool anchored) = anchor.rootsOf(epoch);
        if (!anchored) revert EpochNotAnchored(epoch);
        bytes32 leaf = SortedMerkle.leafOf(abi.encode(account, uint256(epoch), cumulativePoints));
        if (!SortedMerkle.verify(proof, root, leaf)) revert InvalidProof();
        uint256 prev = claimed[account];
        if (cumulativePoints <= prev) revert AlreadyClaimed(account, prev);
        unchecked {
            amount = cumulativePoints - prev;
        }
        claimed[account] = cumulativePoints;
        totalClaimed += amount;
        emit Claimed(account, epoch, amount, cumulativePoints);
    }

    /// @notice Whether proof proves the leaf hash under epoch's receipts
    /// root. False for an epoch not anchored.
    /// @dev leaf is a hash: an inner node with a shorter proof also passes.
    /// Use verifyReceiptData when the caller holds the leaf's values.
    function verifyReceipt(uint64 epoch, bytes32 leaf, bytes32[] calldata proof) external view returns (bool) {
        (bytes32 root,, bool anchored) = anchor.rootsOf(epoch);
        return anchored && SortedMerkle.verify(proof, root, leaf);
    }

    /// @notice As verifyReceipt, for the abi.encode'd leaf values: the leaf
    /// is their double hash, so an inner node cannot pass for a leaf.
    function verifyReceiptData(uint64 epoch, bytes calldata encodedLeaf, bytes32[] calldata proof)
        external
        view
        returns (bool)
    {
        (bytes32 root,, bool anchored) = anchor.rootsOf(epoch);
        return anchored && SortedMerkle.verify(proof, root, SortedMerkle.leafOf(encodedLeaf));
    }
}
