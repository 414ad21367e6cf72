// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IEpochAnchor
/// @notice The roots that EpochAnchor holds per epoch, as read by other
/// contracts.
interface IEpochAnchor {
    /// @notice The roots of epoch; anchored is false (and the roots zero) for
    /// an epoch that was never anchored.
    function rootsOf(uint64 epoch) external view returns (bytes32 receiptsRoot, bytes32 pointsRoot, bool anchored);
}
