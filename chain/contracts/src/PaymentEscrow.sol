// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Administered} from "./Administered.sol";
import {SortedMerkle} from "./SortedMerkle.sol";

/// @title PaymentEscrow
/// @notice Native-ETH escrow for provenet's pay-per-request inference
/// (TAP-style). A payer deposits wei and signs, per epoch and operator, an
/// EIP-712 Voucher for the cumulative amount it owes that operator. The
/// settler redeems one voucher per (payer, operator, epoch), moving the
/// charge from the payer's balance into the epoch's pool, then finalizes the
/// epoch once: it pays operators directly and funds a claims root from
/// which model owners and data contributors claim with Merkle proofs.
/// @dev EIP-712 domain: name "provenet", version "1", chainId =
/// block.chainid, verifyingContract = this contract. Signatures are 65 bytes
/// r || s || v with v in {27, 28} (0 and 1 accepted) and s in the lower half
/// of the curve order. A signer is valid for a payer when it is the payer or
/// a signer key the payer authorised (payerOf). Withdrawals and signer
/// revocations wait thawingPeriod, so that the settler can still redeem the
/// vouchers issued before. Claims leaves are
/// keccak256(bytes.concat(keccak256(abi.encode(account, uint256(epoch),
/// amount)))) (SortedMerkle.leafOf, OpenZeppelin StandardMerkleTree).
/// Value is pushed with a bounded gas stipend; a push that fails (a
/// contract that rejects ether, or runs out of the stipend) is credited to
/// the recipient's pull balance (credits, withdrawCredit) instead.
contract PaymentEscrow is Administered {
    // ---- errors ----

    /// @notice The caller is not the settler.
    error NotSettler(address caller);
    /// @notice A deposit, thaw or withdrawal of zero wei.
    error ZeroAmount();
    /// @notice The payer's balance is below the amount to thaw.
    error InsufficientBalance(address payer, uint256 balance, uint256 amount);
    /// @notice The payer has nothing thawing.
    error NotThawing(address payer);
    /// @notice The thawing period has not ended.
    error StillThawing(address payer, uint64 thawEnd);
    /// @notice The signer is already bound to another payer.
    error SignerBound(address signer, address payer);
    /// @notice The signer is not bound to the caller.
    error NotSignerOwner(address signer, address caller);
    /// @notice revokeSigner without a thawSigner first.
    error SignerNotThawing(address signer);
    /// @notice The signer's thawing period has not ended.
    error SignerStillThawing(address signer, uint64 thawEnd);
    /// @notice The signature is not 65 bytes.
    error InvalidSignatureLength(uint256 length);
    /// @notice The signature's s is in the upper half of the curve order.
    error InvalidSignatureS(bytes32 s);
    /// @notice The signature's v is not 27, 28, 0 or 1.
    error InvalidSignatureV(uint8 v);
    /// @notice ecrecover found no signer.
    error InvalidSignature();
    /// @notice The voucher was signed by neither the payer nor a signer the
    /// payer authorised (a forged signature, or one over another domain or
    /// other values, recovers to an unrelated address).
    error UnauthorizedSigner(address signer, address payer);
    /// @notice A voucher of another epoch than the one being redeemed.
    error EpochMismatch(uint64 epoch, uint64 voucherEpoch);
    /// @notice The (payer, operator, epoch) voucher was redeemed before.
    error AlreadyRedeemed(address payer, address operator, uint64 epoch);
    /// @notice The charge is above the voucher's amount.
    error ChargeExceedsVoucher(uint256 charge, uint256 amount);
    /// @notice The charge is above the payer's balance.
    error Overdraft(address payer, uint256 balance, uint256 charge);
    /// @notice The epoch is finalized: no more redemptions, no second
    /// finalize.
    error EpochAlreadyFinalized(uint64 epoch);
    /// @notice The epoch is not finalized yet.
    error EpochNotFinalized(uint64 epoch);
    /// @notice operators and amounts differ in length.
    error LengthMismatch(uint256 operators, uint256 amounts);
    /// @notice sum(amounts) + claimsTotal differs from the epoch's pool.
    error SettlementMismatch(uint64 epoch, uint256 pool, uint256 settled);
    /// @notice A nonzero claimsTotal with a zero claimsRoot.
    error ZeroClaimsRoot();
    /// @notice The account already claimed its payment of the epoch.
    error PaymentAlreadyClaimed(uint64 epoch, address account);
    /// @notice The proof does not prove the leaf under the epoch's claims
    /// root.
    error InvalidProof();
    /// @notice The claim's amount is above what is left of the epoch's
    /// claimsTotal after claimsPaid.
    error ClaimsExceeded(uint64 epoch, uint256 claimsTotal, uint256 claimsPaid, uint256 amount);
    /// @notice Sending ether to the caller failed.
    error TransferFailed(address to, uint256 amount);
    /// @notice A value-sending function was re-entered.
    error Reentrancy();
    /// @notice An amount above 2^128 - 1 wei where one is stored in 128
    /// bits (far above any ether supply).
    error AmountTooLarge(uint256 amount);
    /// @notice A thawing period above MAX_THAWING_PERIOD.
    error BadThawingPeriod(uint64 thawingPeriod);

    // ---- types ----

    /// @notice What the payer signs per request, before generation.
    struct Authorization {
        address payer;
        address operator;
        bytes32 request;
        bytes32 model;
        uint64 epoch;
        uint256 promptPrice;
        uint256 outputPrice;
        uint256 maxAmount;
    }

    /// @notice What the payer signs after checking receipts: the
    /// cumulative wei it owes operator for epoch.
    struct Voucher {
        address payer;
        address operator;
        uint64 epoch;
        uint256 amount;
    }

    /// @notice One voucher to redeem, with its signature and the charge
    /// (at most voucher.amount) the settler takes for it.
    struct Redemption {
        Voucher voucher;
        bytes signature;
        uint256 charge;
    }

    struct Account {
        uint256 balance; // includes thawing
        uint128 thawing; // <= balance
        uint64 thawEnd;
    }

    struct Signer {
        address payer;
        uint64 thawEnd; // 0 when not thawing
    }

    // Packed so that redeem touches one slot (pool, finalized) and claim
    // two besides the root.
    struct Epoch {
        uint128 pool; // sum of the charges redeemed
        bool finalized;
        uint128 claimsTotal; // <= pool
        uint128 claimsPaid; // <= claimsTotal
        bytes32 claimsRoot;
    }

    // ---- events ----

    event SettlerSet(address indexed previousSettler, address indexed newSettler);
    event Deposited(address indexed payer, address indexed from, uint256 amount);
    event ThawStarted(address indexed payer, uint256 amount, uint64 thawEnd);
    event ThawCancelled(address indexed payer, uint256 amount);
    event Withdrawn(address indexed payer, uint256 amount);
    event SignerAuthorized(address indexed payer, address indexed signer);
    event SignerThawStarted(address indexed payer, address indexed signer, uint64 thawEnd);
    event SignerRevoked(address indexed payer, address indexed signer);
    event Redeemed(
        uint64 indexed epoch, address indexed payer, address indexed operator, uint256 charge, uint256 voucherAmount
    );
    event Finalized(uint64 indexed epoch, uint256 pool, bytes32 claimsRoot, uint256 claimsTotal);
    /// @notice credited is true when the push failed and amount went to the
    /// operator's pull balance.
    event OperatorPaid(uint64 indexed epoch, address indexed operator, uint256 amount, bool credited);
    /// @notice credited is true when the push failed and amount went to the
    /// account's pull balance.
    event PaymentClaimed(uint64 indexed epoch, address indexed account, uint256 amount, bool credited);
    event CreditWithdrawn(address indexed account, address indexed to, uint256 amount);

    // ---- constants and state ----

    bytes32 public constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 public constant AUTHORIZATION_TYPEHASH = keccak256(
        "Authorization(address payer,address operator,bytes32 request,bytes32 model,uint64 epoch,uint256 promptPrice,uint256 outputPrice,uint256 maxAmount)"
    );
    bytes32 public constant VOUCHER_TYPEHASH =
        keccak256("Voucher(address payer,address operator,uint64 epoch,uint256 amount)");
    bytes32 private constant _NAME_HASH = keccak256("provenet");
    bytes32 private constant _VERSION_HASH = keccak256("1");
    // secp256k1n / 2: the largest s accepted (EIP-2).
    uint256 private constant _HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;
    /// @notice Gas forwarded with a pushed payment.
    uint256 public constant PUSH_GAS = 30_000;
    /// @notice The longest thawing period a deployment accepts.
    uint64 public constant MAX_THAWING_PERIOD = 365 days;

    /// @notice How long a thaw (of funds or of a signer) lasts, in seconds.
    uint64 public immutable thawingPeriod;
    /// @notice Who may redeem and finalize.
    address public settler;

    mapping(address => Account) private _accounts;
    mapping(address => Signer) private _signers;
    // keccak256(abi.encode(payer, operator, epoch)) => charge + 1; 0 when not
    // redeemed.
    mapping(bytes32 => uint256) private _redeemed;
    mapping(uint64 => Epoch) private _epochs;
    mapping(uint64 => mapping(address => bool)) private _claimed;
    /// @notice Pull balances of failed pushes.
    mapping(address => uint256) public credits;

    uint256 private immutable _cachedChainId;
    bytes32 private immutable _cachedDomainSeparator;
    bool private transient _locked;

    modifier onlySettler() {
        if (msg.sender != settler) revert NotSettler(msg.sender);
        _;
    }

    modifier nonReentrant() {
        if (_locked) revert Reentrancy();
        _locked = true;
        _;
        _locked = false;
    }

    constructor(address settler_, uint64 thawingPeriod_) {
        if (settler_ == address(0)) revert ZeroAddress();
        if (thawingPeriod_ > MAX_THAWING_PERIOD) revert BadThawingPeriod(thawingPeriod_);
        settler = settler_;
        thawingPeriod = thawingPeriod_;
        _cachedChainId = block.chainid;
        _cachedDomainSeparator = _buildDomainSeparator();
        emit SettlerSet(address(0), settler_);
    }

    /// @notice Hands the settler role to newSettler; admin only.
    function setSettler(address newSettler) external onlyAdmin {
        if (newSettler == address(0)) revert ZeroAddress();
        emit SettlerSet(settler, newSettler);
        settler = newSettler;
    }

    // ---- funds ----

    /// @notice Deposits msg.value into the caller's balance.
    function deposit() external payable {
        _deposit(msg.sender);
    }

    /// @notice Deposits msg.value into payer's balance.
    function depositTo(address payer) external payable {
        _deposit(payer);
    }

    /// @notice Starts (or restarts, replacing the amount) thawing amount of
    /// the caller's balance; it can be withdrawn after thawingPeriod. Thawing
    /// funds stay in the balance and can still be redeemed until withdrawn.
    function thaw(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        Account storage a = _accounts[msg.sender];
        uint256 bal = a.balance;
        if (amount > bal) revert InsufficientBalance(msg.sender, bal, amount);
        if (amount > type(uint128).max) revert AmountTooLarge(amount);
        uint64 end = uint64(block.timestamp) + thawingPeriod;
        a.thawing = uint128(amount);
        a.thawEnd = end;
        emit ThawStarted(msg.sender, amount, end);
    }

    /// @notice Stops the caller's thaw.
    function cancelThaw() external {
        Account storage a = _accounts[msg.sender];
        uint256 amount = a.thawing;
        if (amount == 0) revert NotThawing(msg.sender);
        a.thawing = 0;
        a.thawEnd = 0;
        emit ThawCancelled(msg.sender, amount);
    }

    /// @notice After the thaw ended, pays the caller min(thawing, balance)
    /// (redemptions during the thaw may have lowered the balance) and ends
    /// the thaw.
    /// @return amount The wei paid.
    function withdraw() external nonReentrant returns (uint256 amount) {
        Account storage a = _accounts[msg.sender];
        uint256 thawing = a.thawing;
        if (thawing == 0) revert NotThawing(msg.sender);
        uint64 end = a.thawEnd;
        if (block.timestamp < end) revert StillThawing(msg.sender, end);
        uint256 bal = a.balance;
        amount = thawing < bal ? thawing : bal;
        unchecked {
            a.balance = bal - amount;
        }
        a.thawing = 0;
        a.thawEnd = 0;
        emit Withdrawn(msg.sender, amount);
        if (amount != 0) _send(msg.sender, amount);
    }

    /// @notice Pays the caller's pull balance (from failed pushes) to to.
    /// @return amount The wei paid.
    function withdrawCredit(address to) external nonReentrant returns (uint256 amount) {
        if (to == address(0)) revert ZeroAddress();
        amount = credits[msg.sender];
        if (amount == 0) revert ZeroAmount();
        credits[msg.sender] = 0;
        emit CreditWithdrawn(msg.sender, to, amount);
        _send(to, amount);
    }

    /// @notice payer's balance (thawing included), the part thawing and
    /// when the thaw ends (0 when none).
    function balances(address payer) external view returns (uint256 balance, uint256 thawing, uint64 thawEnd) {
        Account storage a = _accounts[payer];
        return (a.balance, a.thawing, a.thawEnd);
    }

    // ---- signers ----

    /// @notice Authorises signer to sign for the caller, or cancels its
    /// pending revocation. Fails when signer is bound to another payer.
    function authorizeSigner(address signer) external {
        if (signer == address(0)) revert ZeroAddress();
        Signer storage s = _signers[signer];
        address bound = s.payer;
        if (bound != address(0) && bound != msg.sender) revert SignerBound(signer, bound);
        s.payer = msg.sender;
        s.thawEnd = 0;
        emit SignerAuthorized(msg.sender, signer);
    }

    /// @notice Starts the caller's revocation of signer; revokeSigner
    /// completes it after thawingPeriod. The signer stays valid until then.
    function thawSigner(address signer) external {
        Signer storage s = _ownSigner(signer);
        uint64 end = uint64(block.timestamp) + thawingPeriod;
        s.thawEnd = end;
        emit SignerThawStarted(msg.sender, signer, end);
    }

    /// @notice Revokes signer, thawingPeriod after thawSigner.
    function revokeSigner(address signer) external {
        Signer storage s = _ownSigner(signer);
        uint64 end = s.thawEnd;
        if (end == 0) revert SignerNotThawing(signer);
        if (block.timestamp < end) revert SignerStillThawing(signer, end);
        delete _signers[signer];
        emit SignerRevoked(msg.sender, signer);
    }

    /// @notice The payer signer signs for; zero when not authorised.
    function payerOf(address signer) external view returns (address) {
        return _signers[signer].payer;
    }

    /// @notice The payer signer is bound to and the end of its revocation
    /// thaw (0 when not thawing).
    function signers(address signer) external view returns (address payer, uint64 thawEnd) {
        Signer storage s = _signers[signer];
        return (s.payer, s.thawEnd);
    }

    // ---- settlement ----

    /// @notice Redeems vouchers of epoch: each charge moves from the payer's
    /// balance into the epoch's pool. Settler only; may be called in several
    /// batches per epoch until it is finalized.
    function redeem(uint64 epoch, Redemption[] calldata rs) external onlySettler {
        Epoch storage e = _epochs[epoch];
        if (e.finalized) revert EpochAlreadyFinalized(epoch);
        bytes32 ds = domainSeparator();
        uint256 total;
        for (uint256 i = 0; i < rs.length; ++i) {
            Redemption calldata r = rs[i];
            Voucher calldata v = r.voucher;
            if (v.epoch != epoch) revert EpochMismatch(epoch, v.epoch);
            uint256 charge = r.charge;
            if (charge > v.amount) revert ChargeExceedsVoucher(charge, v.amount);
            bytes32 key = keccak256(abi.encode(v.payer, v.operator, epoch));
            if (_redeemed[key] != 0) revert AlreadyRedeemed(v.payer, v.operator, epoch);
            address signer = _recover(_digest(ds, _hashVoucherStruct(v)), r.signature);
            if (signer != v.payer) {
                address bound = _signers[signer].payer;
                if (bound == address(0) || bound != v.payer) revert UnauthorizedSigner(signer, v.payer);
            }
            Account storage a = _accounts[v.payer];
            uint256 bal = a.balance;
            if (charge > bal) revert Overdraft(v.payer, bal, charge);
            unchecked {
                a.balance = bal - charge;
            }
            _redeemed[key] = charge + 1;
            total += charge;
            emit Redeemed(epoch, v.payer, v.operator, charge, v.amount);
        }
        uint256 pool = uint256(e.pool) + total;
        if (pool > type(uint128).max) revert AmountTooLarge(pool);
        e.pool = uint128(pool);
    }

    /// @notice Settles epoch, once: pays amounts[i] to operators[i] and
    /// stores the claims root funding claimsTotal. sum(amounts) +
    /// claimsTotal must equal the epoch's pool. Settler only.
    function finalize(
        uint64 epoch,
        address[] calldata operators,
        uint256[] calldata amounts,
        bytes32 claimsRoot,
        uint256 claimsTotal
    ) external onlySettler nonReentrant {
        if (operators.length != amounts.length) revert LengthMismatch(operators.length, amounts.length);
        Epoch storage e = _epochs[epoch];
        if (e.finalized) revert EpochAlreadyFinalized(epoch);
        if (claimsTotal != 0 && claimsRoot == bytes32(0)) revert ZeroClaimsRoot();
        uint256 pool = e.pool;
        // Every term is at most pool (< 2^128), so the sum cannot overflow.
        if (claimsTotal > pool) revert SettlementMismatch(epoch, pool, claimsTotal);
        uint256 settled = claimsTotal;
        for (uint256 i = 0; i < operators.length; ++i) {
            if (operators[i] == address(0)) revert ZeroAddress();
            uint256 amount = amounts[i];
            if (amount > pool) revert SettlementMismatch(epoch, pool, amount);
            settled += amount;
        }
        if (settled != pool) revert SettlementMismatch(epoch, pool, settled);
        e.finalized = true;
        e.claimsRoot = claimsRoot;
        e.claimsTotal = uint128(claimsTotal); // <= pool < 2^128
        emit Finalized(epoch, pool, claimsRoot, claimsTotal);
        for (uint256 i = 0; i < operators.length; ++i) {
            uint256 amount = amounts[i];
            if (amount == 0) continue;
            emit OperatorPaid(epoch, operators[i], amount, !_push(operators[i], amount));
        }
    }

    /// @notice Pays account its amount from epoch's claims root, once per
    /// (epoch, account). Anyone may submit; the wei go to account.
    function claim(uint64 epoch, address account, uint256 amount, bytes32[] calldata proof) external nonReentrant {
        if (account == address(0)) revert ZeroAddress();
        Epoch storage e = _epochs[epoch];
        if (!e.finalized) revert EpochNotFinalized(epoch);
        if (_claimed[epoch][account]) revert PaymentAlreadyClaimed(epoch, account);
        bytes32 leaf = SortedMerkle.leafOf(abi.encode(account, uint256(epoch), amount));
        if (!SortedMerkle.verify(proof, e.claimsRoot, leaf)) revert InvalidProof();
        uint256 paid = e.claimsPaid;
        uint256 total = e.claimsTotal;
        if (amount > total - paid) revert ClaimsExceeded(epoch, total, paid, amount);
        _claimed[epoch][account] = true;
        e.claimsPaid = uint128(paid + amount); // <= claimsTotal
        bool credited = amount != 0 && !_push(account, amount);
        emit PaymentClaimed(epoch, account, amount, credited);
    }

    /// @notice charge + 1 when (payer, operator, epoch) was redeemed, else 0.
    function redeemed(address payer, address operator, uint64 epoch) external view returns (uint256) {
        return _redeemed[keccak256(abi.encode(payer, operator, epoch))];
    }

    /// @notice The settlement state of epoch.
    function epochs(uint64 epoch)
        external
        view
        returns (uint256 pool, bytes32 claimsRoot, uint256 claimsTotal, uint256 claimsPaid, bool finalized)
    {
        Epoch storage e = _epochs[epoch];
        return (e.pool, e.claimsRoot, e.claimsTotal, e.claimsPaid, e.finalized);
    }

    /// @notice Whether account claimed its payment of epoch.
    function claimed(uint64 epoch, address account) external view returns (bool) {
        return _claimed[epoch][account];
    }

    // ---- EIP-712 ----

    /// @notice The EIP-712 domain separator for the current chain.
    function domainSeparator() public view returns (bytes32) {
        return block.chainid == _cachedChainId ? _cachedDomainSeparator : _buildDomainSeparator();
    }

    /// @notice The EIP-712 digest (what is signed) of an Authorization.
    function hashAuthorization(Authorization calldata a) external view returns (bytes32) {
        return _digest(domainSeparator(), _hashAuthorizationStruct(a));
    }

    /// @notice The EIP-712 digest (what is signed) of a Voucher.
    function hashVoucher(Voucher calldata v) external view returns (bytes32) {
        return _digest(domainSeparator(), _hashVoucherStruct(v));
    }

    /// @notice The address that signed Authorization a; reverts on a
    /// malformed signature. Whether it may sign for a.payer is payerOf's
    /// business.
    function authorizationSigner(Authorization calldata a, bytes calldata signature) external view returns (address) {
        return _recover(_digest(domainSeparator(), _hashAuthorizationStruct(a)), signature);
    }

    // ---- internals ----

    function _deposit(address payer) private {
        if (payer == address(0)) revert ZeroAddress();
        if (msg.value == 0) revert ZeroAmount();
        _accounts[payer].balance += msg.value;
        emit Deposited(payer, msg.sender, msg.value);
    }

    function _ownSigner(address signer) private view returns (Signer storage s) {
        s = _signers[signer];
        if (s.payer != msg.sender) revert NotSignerOwner(signer, msg.sender);
    }

    function _buildDomainSeparator() private view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, _NAME_HASH, _VERSION_HASH, block.chainid, address(this)));
    }

    function _hashVoucherStruct(Voucher calldata v) private pure returns (bytes32) {
        return keccak256(abi.encode(VOUCHER_TYPEHASH, v.payer, v.operator, v.epoch, v.amount));
    }

    function _hashAuthorizationStruct(Authorization calldata a) private pure returns (bytes32) {
        return keccak256(
            abi.encode(
                AUTHORIZATION_TYPEHASH,
                a.payer,
                a.operator,
                a.request,
                a.model,
                a.epoch,
                a.promptPrice,
                a.outputPrice,
                a.maxAmount
            )
        );
    }

    function _digest(bytes32 ds, bytes32 structHash) private pure returns (bytes32 d) {
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, hex"1901")
            mstore(add(p, 0x02), ds)
            mstore(add(p, 0x22), structHash)
            d := keccak256(p, 0x42)
        }
    }

    function _recover(bytes32 digest, bytes calldata sig) private pure returns (address signer) {
        if (sig.length != 65) revert InvalidSignatureLength(sig.length);
        bytes32 r = bytes32(sig[0:32]);
        bytes32 s = bytes32(sig[32:64]);
        uint8 v = uint8(sig[64]);
        if (v < 27) v += 27;
        if (v != 27 && v != 28) revert InvalidSignatureV(uint8(sig[64]));
        if (uint256(s) > _HALF_N) revert InvalidSignatureS(s);
        signer = ecrecover(digest, v, r, s);
        if (signer == address(0)) revert InvalidSignature();
    }

    /// @dev Sends amount to to with PUSH_GAS and no return data copied;
    /// on failure credits it to to's pull balance and returns false.
    function _push(address to, uint256 amount) private returns (bool ok) {
        assembly ("memory-safe") {
            ok := call(PUSH_GAS, to, amount, 0, 0, 0, 0)
        }
        if (!ok) credits[to] += amount;
    }

    /// @dev Sends amount to to with all gas; reverts on failure.
    function _send(address to, uint256 amount) private {
        bool ok;
        assembly ("memory-safe") {
            ok := call(gas(), to, amount, 0, 0, 0, 0)
        }
        if (!ok) revert TransferFailed(to, amount);
    }
}
