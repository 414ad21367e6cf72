// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Administered} from "./Administered.sol";
import {IEpochAnchor} from "./IEpochAnchor.sol";

/// @title EpochAnchor
/// @notice Anchors, once per epoch, the Merkle roots of the epoch's inference
/// receipts and of the cumulative points snapshot, with the data-availability
/// commitment of the epoch's batch. Only aggregators the admin authorised may
/// anchor; an anchored epoch can never be overwritten.
/// @dev Gas is flat in the epoch's size: storage holds the two roots, the
/// keccak256 of the DA commitment and one packed metadata word; the full
/// commitment is only emitted in the Anchored event.
contract EpochAnchor is Administered, IEpochAnchor {
    /// @notice The caller is not an authorised aggregator.
    error NotAggregator(address caller);
    /// @notice The epoch is already anchored.
    error EpochAlreadyAnchored(uint64 epoch);
    /// @notice The DA commitment is empty or longer than MAX_DA_COMMITMENT.
    error BadDACommitment(uint256 length);

    /// @notice The longest DA commitment accepted, in bytes.
    uint256 public constant MAX_DA_COMMITMENT = 8192;

    struct Epoch {
        bytes32 receiptsRoot;
        bytes32 pointsRoot;
        bytes32 daCommitmentHash;
        uint48 anchoredAt; // block timestamp; 0 means not anchored
        uint48 blockNumber;
        address aggregator;
    }

    event AggregatorSet(address indexed aggregator, bool authorised);
    event Anchored(
        uint64 indexed epoch,
        bytes32 receiptsRoot,
        bytes32 pointsRoot,
        bytes32 daCommitmentHash,
        bytes daCommitment,
        address indexed aggregator
    );

    mapping(address => bool) public isAggregator;
    mapping(uint64 => Epoch) private _epochs;
    /// @notice The highest anchored epoch (meaningful when anchoredCount > 0).
    uint64 public latestEpoch;
    /// @notice How many epochs have been anchored.
    uint64 public anchoredCount;

    /// @notice Authorises or revokes an aggregator.
    function setAggregator(address aggregator, bool authorised) external onlyAdmin {
        if (aggregator == address(0)) revert ZeroAddress();
        isAggregator[aggregator] = authorised;
        emit AggregatorSet(aggregator, authorised);
    }

    /// @notice Anchors epoch. Epochs need not be consecutive (a missed one
    /// can be filled in later), but each is anchored at most once.
    function anchor(uint64 epoch, bytes32 receiptsRoot, bytes32 pointsRoot, bytes calldata daCommitment) external {
        if (!isAggregator[msg.sender]) revert NotAggregator(msg.sender);
        Epoch storage e = _epochs[epoch];
        if (e.anchoredAt != 0) revert EpochAlreadyAnchored(epoch);
        if (daCommitment.length == 0 || daCommitment.length > MAX_DA_COMMITMENT) {
            revert BadDACommitment(daCommitment.length);
        }
        bytes32 daHash = keccak256(daCommitment);
        e.receiptsRoot = receiptsRoot;
        e.pointsRoot = pointsRoot;
        e.daCommitmentHash = daHash;
        e.anchoredAt = uint48(block.timestamp);
        e.blockNumber = uint48(block.number);
        e.aggregator = msg.sender;
        uint64 n = anchoredCount;
        if (n == 0 || epoch > latestEpoch) latestEpoch = epoch;
        unchecked {
            anchoredCount = n + 1;
        }
        emit Anchored(epoch, receiptsRoot, pointsRoot, daHash, daCommitment, msg.sender);
    }

    /// @notice The anchored record of epoch; anchoredAt is 0 when it was
    /// never anchored.
    function getEpoch(uint64 epoch) external view returns (Epoch memory) {
        return _epochs[epoch];
    }

    /// @inheritdoc IEpochAnchor
    function rootsOf(uint64 epoch) external view returns (bytes32 receiptsRoot, bytes32 pointsRoot, bool anchored) {
        Epoch storage e = _epochs[epoch];
        return (e.receiptsRoot, e.pointsRoot, e.anchoredAt != 0);
    }
}
