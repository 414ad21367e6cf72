// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Administered
/// @notice A single admin (the deployer) with a two-step hand-over, shared by
/// the provenet contracts.
abstract contract Administered {
    /// @notice The caller is not the admin.
    error NotAdmin(address caller);
    /// @notice The caller is not the pending admin.
    error NotPendingAdmin(address caller);
    /// @notice A zero address was given where an account is required.
    error ZeroAddress();

    event AdminTransferStarted(address indexed previousAdmin, address indexed newAdmin);
    event AdminTransferred(address indexed previousAdmin, address indexed newAdmin);

    address public admin;
    address public pendingAdmin;

    constructor() {
        admin = msg.sender;
        emit AdminTransferred(address(0), msg.sender);
    }

    modifier onlyAdmin() {
        if (msg.sender != admin) revert NotAdmin(msg.sender);
        _;
    }

    /// @notice Starts handing the admin role to newAdmin, who must accept it.
    function transferAdmin(address newAdmin) external onlyAdmin {
        if (newAdmin == address(0)) revert ZeroAddress();
        pendingAdmin = newAdmin;
        emit AdminTransferStarted(msg.sender, newAdmin);
    }

    /// @notice Completes a hand-over started by transferAdmin.
    function acceptAdmin() external {
        if (msg.sender != pendingAdmin) revert NotPendingAdmin(msg.sender);
        emit AdminTransferred(admin, msg.sender);
        admin = msg.sender;
        pendingAdmin = address(0);
    }
}
