// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Administered} from "./Administered.sol";

/// @title Registry
/// @notice Who is who in a provenet network: datanets and their owners, each
/// datanet's validator whitelist, GPU operators, and assets (models and
/// adapters). The admin (the deployer) may deregister operators; a datanet's
/// owner manages its validators and may hand the datanet over.
contract Registry is Administered {
    error ZeroId();
    error DatanetExists(bytes32 id);
    error UnknownDatanet(bytes32 id);
    error NotDatanetOwner(bytes32 id, address caller);
    error ValidatorExists(bytes32 datanetId, address validator);
    error NotValidator(bytes32 datanetId, address validator);
    error TooManyValidators(bytes32 datanetId);
    error BadPeerId(uint256 length);
    error UnknownOperator(address operator);
    error NotOperatorOrAdmin(address caller);
    error AssetExists(bytes32 id);
    error UnknownAsset(bytes32 id);
    error NotAssetOwner(bytes32 id, address caller);
    error BadCid(uint256 length);
    error BadBase(bytes32 baseId);

    /// @notice Asset kinds.
    uint8 public constant KIND_MODEL = 0;
    uint8 public constant KIND_ADAPTER = 1;
    /// @notice Bounds on stored byte strings and list sizes.
    uint256 public constant MAX_PEER_ID = 128;
    uint256 public constant MAX_CID = 128;
    uint256 public constant MAX_VALIDATORS = 256;

    struct Operator {
        bytes peerId; // libp2p peer ID bytes
        uint128 pricePer1kTokens; // wei per 1,000 tokens
        uint64 registeredAt;
        bool active;
    }

    struct Asset {
        address owner;
        uint8 kind;
        bytes32 baseId; // the base model of an adapter, 0 for a base model
        bytes cid; // CID bytes of the weights
    }

    event DatanetRegistered(bytes32 indexed id, address indexed owner);
    event DatanetTransferred(bytes32 indexed id, address indexed previousOwner, address indexed newOwner);
    event ValidatorAdded(bytes32 indexed datanetId, address indexed validator);
    event ValidatorRemoved(bytes32 indexed datanetId, address indexed validator);
    event OperatorRegistered(address indexed operator, bytes peerId, uint256 pricePer1kTokens);
    event OperatorDeregistered(address indexed operator, address indexed by);
    event AssetRegistered(bytes32 indexed id, address indexed owner, uint8 kind, bytes32 indexed baseId, bytes cid);
    event AssetUpdated(bytes32 indexed id, bytes cid);
    event AssetTransferred(bytes32 indexed id, address indexed previousOwner, address indexed newOwner);

    /// @notice The owner of a datanet; zero when not registered.
    mapping(bytes32 => address) public datanetOwner;
    mapping(bytes32 => address[]) private _validators;
    // 1-based position in _validators, 0 when absent.
    mapping(bytes32 => mapping(address => uint256)) private _validatorPos;
    mapping(address => Operator) private _operators;
    mapping(bytes32 => Asset) private _assets;

    modifier onlyDatanetOwner(bytes32 id) {
        address owner = datanetOwner[id];
        if (owner == address(0)) revert UnknownDatanet(id);
        if (owner != msg.sender) revert NotDatanetOwner(id, msg.sender);
        _;
    }

    // ---- datanets ----

    /// @notice Registers datanet id, owned by the caller.
    function registerDatanet(bytes32 id) external {
        if (id == bytes32(0)) revert ZeroId();
        if (datanetOwner[id] != address(0)) revert DatanetExists(id);
        datanetOwner[id] = msg.sender;
        emit DatanetRegistered(id, msg.sender);
    }

    /// @notice Hands datanet id to newOwner.
    function transferDatanet(bytes32 id, address newOwner) external onlyDatanetOwner(id) {
        if (newOwner == address(0)) revert ZeroAddress();
        datanetOwner[id] = newOwner;
        emit DatanetTransferred(id, msg.sender, newOwner);
    }

    /// @notice Adds validator to datanet id's whitelist.
    function addValidator(bytes32 id, address validator) external onlyDatanetOwner(id) {
        if (validator == address(0)) revert ZeroAddress();
        if (_validatorPos[id][validator] != 0) revert ValidatorExists(id, validator);
        address[] storage list = _validators[id];
        if (list.length >= MAX_VALIDATORS) revert TooManyValidators(id);
        list.push(validator);
        _validatorPos[id][validator] = list.length;
        emit ValidatorAdded(id, validator);
    }

    /// @notice Removes validator from datanet id's whitelist.
    function removeValidator(bytes32 id, address validator) external onlyDatanetOwner(id) {
        uint256 pos = _validatorPos[id][validator];
        if (pos == 0) revert NotValidator(id, validator);
        address[] storage list = _validators[id];
        address last = list[list.length - 1];
        list[pos - 1] = last;
        _validatorPos[id][last] = pos;
        list.pop();
        delete _validatorPos[id][validator];
        emit ValidatorRemoved(id, validator);
    }

    /// @notice Whether validator is on datanet id's whitelist.
    function isValidator(bytes32 id, address validator) external view returns (bool) {
        return _validatorPos[id][validator] != 0;
    }

    /// @notice Datanet id's whitelist, in no particular order.
    function validators(bytes32 id) external view returns (address[] memory) {
        return _validators[id];
    }

    // ---- GPU operators ----

    /// @notice Registers the caller as a GPU operator, or updates its peer ID
    /// and price.
    function registerOperator(bytes calldata peerId, uint128 pricePer1kTokens) external {
        if (peerId.length == 0 || peerId.length > MAX_PEER_ID) revert BadPeerId(peerId.length);
        Operator storage op = _operators[msg.sender];
        op.peerId = peerId;
        op.pricePer1kTokens = pricePer1kTokens;
        op.registeredAt = uint64(block.timestamp);
        op.active = true;
        emit OperatorRegistered(msg.sender, peerId, pricePer1kTokens);
    }

    /// @notice Deregisters operator; by the operator itself or the admin.
    function deregisterOperator(address operator) external {
        if (msg.sender != operator && msg.sender != admin) revert NotOperatorOrAdmin(msg.sender);
        Operator storage op = _operators[operator];
        if (!op.active) revert UnknownOperator(operator);
        op.active = false;
        emit OperatorDeregistered(operator, msg.sender);
    }

    /// @notice Whether operator is registered and active.
    function isOperator(address operator) external view returns (bool) {
        return _operators[operator].active;
    }

    /// @notice The record of operator (active is false when unknown).
    function getOperator(address operator) external view returns (Operator memory) {
        return _operators[operator];
    }

    // ---- assets ----

    /// @notice Registers asset id (a model or an adapter), owned by the
    /// caller. An adapter names a registered base; a model may name one
    /// (fine-tune) or none.
    function registerAsset(bytes32 id, uint8 kind, bytes32 baseId, bytes calldata cid) external {
        if (id == bytes32(0)) revert ZeroId();
        if (_assets[id].owner != address(0)) revert AssetExists(id);
        if (cid.length == 0 || cid.length > MAX_CID) revert BadCid(cid.length);
        if (kind == KIND_ADAPTER) {
            if (baseId == bytes32(0) || _assets[baseId].owner == address(0)) revert BadBase(baseId);
        } else if (kind == KIND_MODEL) {
            if (baseId != bytes32(0) && _assets[baseId].owner == address(0)) revert BadBase(baseId);
        } else {
            revert BadBase(baseId);
        }
        _assets[id] = Asset({owner: msg.sender, kind: kind, baseId: baseId, cid: cid});
        emit AssetRegistered(id, msg.sender, kind, baseId, cid);
    }

    /// @notice Points asset id at new weights.
    function updateAsset(bytes32 id, bytes calldata cid) external {
        Asset storage a = _ownedAsset(id);
        if (cid.length == 0 || cid.length > MAX_CID) revert BadCid(cid.length);
        a.cid = cid;
        emit AssetUpdated(id, cid);
    }

    /// @notice Hands asset id to newOwner.
    function transferAsset(bytes32 id, address newOwner) external {
        Asset storage a = _ownedAsset(id);
        if (newOwner == address(0)) revert ZeroAddress();
        a.owner = newOwner;
        emit AssetTransferred(id, msg.sender, newOwner);
    }

    /// @notice The record of asset id; reverts UnknownAsset when absent.
    function getAsset(bytes32 id) external view returns (Asset memory) {
        Asset memory a = _assets[id];
        if (a.owner == address(0)) revert UnknownAsset(id);
        return a;
    }

    function _ownedAsset(bytes32 id) private view returns (Asset storage a) {
        a = _assets[id];
        if (a.owner == address(0)) revert UnknownAsset(id);
        if (a.owner != msg.sender) revert NotAssetOwner(id, msg.sender);
    }
}
