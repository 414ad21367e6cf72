// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package bindings

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// PaymentEscrowAuthorization is an auto generated low-level Go binding around an user-defined struct.
type PaymentEscrowAuthorization struct {
	Payer       common.Address
	Operator    common.Address
	Request     [32]byte
	Model       [32]byte
	Epoch       uint64
	PromptPrice *big.Int
	OutputPrice *big.Int
	MaxAmount   *big.Int
}

// PaymentEscrowRedemption is an auto generated low-level Go binding around an user-defined struct.
type PaymentEscrowRedemption struct {
	Voucher   PaymentEscrowVoucher
	Signature []byte
	Charge    *big.Int
}

// PaymentEscrowVoucher is an auto generated low-level Go binding around an user-defined struct.
type PaymentEscrowVoucher struct {
	Payer    common.Address
	Operator common.Address
	Epoch    uint64
	Amount   *big.Int
}

// PaymentEscrowMetaData contains all meta data concerning the PaymentEscrow contract.
var PaymentEscrowMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"settler_\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"thawingPeriod_\",\"type\":\"uint64\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"}],\"name\":\"AlreadyRedeemed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"AmountTooLarge\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"thawingPeriod\",\"type\":\"uint64\"}],\"name\":\"BadThawingPeriod\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"charge\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"ChargeExceedsVoucher\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"claimsTotal\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"claimsPaid\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"ClaimsExceeded\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"}],\"name\":\"EpochAlreadyFinalized\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"voucherEpoch\",\"type\":\"uint64\"}],\"name\":\"EpochMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"}],\"name\":\"EpochNotFinalized\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"balance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"InsufficientBalance\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidProof\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"length\",\"type\":\"uint256\"}],\"name\":\"InvalidSignatureLength\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"name\":\"InvalidSignatureS\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"}],\"name\":\"InvalidSignatureV\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"operators\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amounts\",\"type\":\"uint256\"}],\"name\":\"LengthMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotAdmin\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotPendingAdmin\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotSettler\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotSignerOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"}],\"name\":\"NotThawing\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"balance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"charge\",\"type\":\"uint256\"}],\"name\":\"Overdraft\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"PaymentAlreadyClaimed\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"Reentrancy\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"pool\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"settled\",\"type\":\"uint256\"}],\"name\":\"SettlementMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"}],\"name\":\"SignerBound\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"SignerNotThawing\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"thawEnd\",\"type\":\"uint64\"}],\"name\":\"SignerStillThawing\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"thawEnd\",\"type\":\"uint64\"}],\"name\":\"StillThawing\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"TransferFailed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"}],\"name\":\"UnauthorizedSigner\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAmount\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroClaimsRoot\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousAdmin\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newAdmin\",\"type\":\"address\"}],\"name\":\"AdminTransferStarted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousAdmin\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newAdmin\",\"type\":\"address\"}],\"name\":\"AdminTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"CreditWithdrawn\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Deposited\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"pool\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"claimsRoot\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"claimsTotal\",\"type\":\"uint256\"}],\"name\":\"Finalized\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"credited\",\"type\":\"bool\"}],\"name\":\"OperatorPaid\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"credited\",\"type\":\"bool\"}],\"name\":\"PaymentClaimed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"charge\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"voucherAmount\",\"type\":\"uint256\"}],\"name\":\"Redeemed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousSettler\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newSettler\",\"type\":\"address\"}],\"name\":\"SettlerSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"SignerAuthorized\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"SignerRevoked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"thawEnd\",\"type\":\"uint64\"}],\"name\":\"SignerThawStarted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"ThawCancelled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"thawEnd\",\"type\":\"uint64\"}],\"name\":\"ThawStarted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Withdrawn\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"AUTHORIZATION_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"DOMAIN_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_THAWING_PERIOD\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"PUSH_GAS\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"VOUCHER_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"acceptAdmin\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"admin\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"request\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"model\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"promptPrice\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"outputPrice\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"maxAmount\",\"type\":\"uint256\"}],\"internalType\":\"structPaymentEscrow.Authorization\",\"name\":\"a\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"name\":\"authorizationSigner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"authorizeSigner\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"}],\"name\":\"balances\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"balance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"thawing\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"thawEnd\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"cancelThaw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"claim\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"claimed\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"credits\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"deposit\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"}],\"name\":\"depositTo\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"domainSeparator\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"}],\"name\":\"epochs\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"pool\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"claimsRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"claimsTotal\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"claimsPaid\",\"type\":\"uint256\"},{\"internalType\":\"bool\",\"name\":\"finalized\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"address[]\",\"name\":\"operators\",\"type\":\"address[]\"},{\"internalType\":\"uint256[]\",\"name\":\"amounts\",\"type\":\"uint256[]\"},{\"internalType\":\"bytes32\",\"name\":\"claimsRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"claimsTotal\",\"type\":\"uint256\"}],\"name\":\"finalize\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"request\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"model\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"promptPrice\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"outputPrice\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"maxAmount\",\"type\":\"uint256\"}],\"internalType\":\"structPaymentEscrow.Authorization\",\"name\":\"a\",\"type\":\"tuple\"}],\"name\":\"hashAuthorization\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"internalType\":\"structPaymentEscrow.Voucher\",\"name\":\"v\",\"type\":\"tuple\"}],\"name\":\"hashVoucher\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"payerOf\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"pendingAdmin\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"components\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"internalType\":\"structPaymentEscrow.Voucher\",\"name\":\"voucher\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"},{\"internalType\":\"uint256\",\"name\":\"charge\",\"type\":\"uint256\"}],\"internalType\":\"structPaymentEscrow.Redemption[]\",\"name\":\"rs\",\"type\":\"tuple[]\"}],\"name\":\"redeem\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"}],\"name\":\"redeemed\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"revokeSigner\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newSettler\",\"type\":\"address\"}],\"name\":\"setSettler\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"settler\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"signers\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"thawEnd\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"thaw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"thawSigner\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"thawingPeriod\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newAdmin\",\"type\":\"address\"}],\"name\":\"transferAdmin\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"withdraw\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"}],\"name\":\"withdrawCredit\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "PaymentEscrow",
	Bin: "0x60e060405234801561000f575f5ffd5b5060405161295a38038061295a83398101604081905261002e916101e2565b5f80546001600160a01b0319163390811782556040519091907ff8ccb027dfcd135e000e9d45e6cc2d662578a8825d4c45b5e32e0adf67e79ec6908290a36001600160a01b0382166100935760405163d92e233d60e01b815260040160405180910390fd5b6301e133806001600160401b03821611156100d0576040516307cfd09560e31b81526001600160401b038216600482015260240160405180910390fd5b600280546001600160a01b0319166001600160a01b0384161790556001600160401b0381166080524660a0526101a3604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f68c681afd809fe4a0ca40f72251c4cb8c5b6a4ca698d18c9da1a958d60d36557918101919091527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60c0526040516001600160a01b038316905f907f6b63061fabe39ef2658dc9d6ebe65d563186045cb543733c56a454b6542581e6908290a35050610230565b5f5f604083850312156101f3575f5ffd5b82516001600160a01b0381168114610209575f5ffd5b60208401519092506001600160401b0381168114610225575f5ffd5b809150509250929050565b60805160a05160c0516126f26102685f395f61186501525f61179101525f81816106db0152818161093a01526116e201526126f25ff3fe6080604052600436106101fc575f3560e01c806394d7572111610113578063cdcb94d01161009d578063e77cfaae1161006d578063e77cfaae14610757578063f698da2514610776578063f851a4401461078a578063fd6ffe60146107a8578063fe5ff468146107c7575f5ffd5b8063cdcb94d0146106fd578063d0e30db01461071c578063e37b1acf14610724578063e5d8314114610743575f5ffd5b8063b760faf9116100e3578063b760faf91461065a578063bd10b5761461066d578063bfe51c101461068c578063c34b44a0146106ab578063cdc747dd146106ca575f5ffd5b806394d757211461059e578063a2f94bd3146105bd578063a60628e2146105dc578063ab221a761461063b575f5ffd5b80633ccfd60b11610194578063736c0d5b11610164578063736c0d5b1461048457806374a4659b146104f657806375829def1461052d578063919263f71461054c57806394739e871461056b575f5ffd5b80633ccfd60b146103915780634bd2d7f9146103a55780636c8cc9d9146104325780637339651214610451575f5ffd5b806320606b70116101cf57806320606b701461028857806326782247146102c957806327e235e3146103005780632b68f2a51461037c575f5ffd5b8063071b214c1461020057806307f19eba146102345780630e18b681146102555780631354f01914610269575b5f5ffd5b34801561020b575f5ffd5b506102176301e1338081565b6040516001600160401b0390911681526020015b60405180910390f35b34801561023f575f5ffd5b5061025361024e366004612242565b6107f2565b005b348015610260575f5ffd5b506102536108a5565b348015610274575f5ffd5b50610253610283366004612242565b610928565b348015610293575f5ffd5b506102bb7f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f81565b60405190815260200161022b565b3480156102d4575f5ffd5b506001546102e8906001600160a01b031681565b6040516001600160a01b03909116815260200161022b565b34801561030b575f5ffd5b5061035861031a366004612242565b6001600160a01b03165f908152600360205260409020805460019091015490916001600160801b03821691600160801b90046001600160401b031690565b6040805193845260208401929092526001600160401b03169082015260600161022b565b348015610387575f5ffd5b506102bb61753081565b34801561039c575f5ffd5b506102bb6109cf565b3480156103b0575f5ffd5b506104086103bf366004612271565b6001600160401b03165f908152600660205260409020805460028201546001909201546001600160801b038083169481831693600160801b938490049092169290910460ff1690565b6040805195865260208601949094529284019190915260608301521515608082015260a00161022b565b34801561043d575f5ffd5b506102bb61044c366004612242565b610b0d565b34801561045c575f5ffd5b506102bb7f1268a911e8d33822ccccf49d1dab7fcff06d0862fb672768f1ec14f479edffb781565b34801561048f575f5ffd5b506104cf61049e366004612242565b6001600160a01b039081165f9081526004602052604090205490811691600160a01b9091046001600160401b031690565b604080516001600160a01b0390931683526001600160401b0390911660208301520161022b565b348015610501575f5ffd5b506102e8610510366004612242565b6001600160a01b039081165f908152600460205260409020541690565b348015610538575f5ffd5b50610253610547366004612242565b610c07565b348015610557575f5ffd5b506102e86105663660046122a1565b610ca5565b348015610576575f5ffd5b506102bb7f441ff20b32bcd694054b224665c2ec6043bba0cf821cec16238953091985cec381565b3480156105a9575f5ffd5b506102bb6105b8366004612320565b610ceb565b3480156105c8575f5ffd5b506102536105d7366004612380565b610d06565b3480156105e7575f5ffd5b5061062b6105f63660046123e9565b6001600160401b0382165f9081526007602090815260408083206001600160a01b038516845290915290205460ff1692915050565b604051901515815260200161022b565b348015610646575f5ffd5b506002546102e8906001600160a01b031681565b610253610668366004612242565b610fca565b348015610678575f5ffd5b506102bb61068736600461241a565b610fd6565b348015610697575f5ffd5b506102536106a6366004612242565b610feb565b3480156106b6575f5ffd5b506102536106c5366004612242565b6110d3565b3480156106d5575f5ffd5b506102177f000000000000000000000000000000000000000000000000000000000000000081565b348015610708575f5ffd5b50610253610717366004612435565b6111b3565b610253611571565b34801561072f575f5ffd5b506102bb61073e3660046124c1565b61157c565b34801561074e575f5ffd5b506102536115c2565b348015610762575f5ffd5b50610253610771366004612501565b611650565b348015610781575f5ffd5b506102bb61178e565b348015610795575f5ffd5b505f546102e8906001600160a01b031681565b3480156107b3575f5ffd5b506102536107c2366004612518565b611887565b3480156107d2575f5ffd5b506102bb6107e1366004612242565b60086020525f908152604090205481565b5f546001600160a01b0316331461082357604051630bd4212160e11b81523360048201526024015b60405180910390fd5b6001600160a01b03811661084a5760405163d92e233d60e01b815260040160405180910390fd5b6002546040516001600160a01b038084169216907f6b63061fabe39ef2658dc9d6ebe65d563186045cb543733c56a454b6542581e6905f90a3600280546001600160a01b0319166001600160a01b0392909216919091179055565b6001546001600160a01b031633146108d257604051631d0022d160e01b815233600482015260240161081a565b5f805460405133926001600160a01b03909216917ff8ccb027dfcd135e000e9d45e6cc2d662578a8825d4c45b5e32e0adf67e79ec691a35f80546001600160a01b03199081163317909155600180549091169055565b5f61093282611cdb565b90505f61095f7f00000000000000000000000000000000000000000000000000000000000000004261257a565b825467ffffffffffffffff60a01b1916600160a01b6001600160401b0383169081029190911784556040519081529091506001600160a01b0384169033907ff9f4310c146dbdec47770f13827c19137a4b715ca862c710da2edc4c79bb0fbe9060200160405180910390a3505050565b5f60ff815c16156109f35760405163558a1e0360e11b815260040160405180910390fd5b60015f805c60ff19168217905d50335f908152600360205260408120600181015490916001600160801b0390911690819003610a44576040516343b9d57b60e11b815233600482015260240161081a565b6001820154600160801b90046001600160401b031642811115610a8b576040516307ceb42560e01b81523360048201526001600160401b038216602482015260440161081a565b8254808310610a9a5780610a9c565b825b80820385556001850180546001600160c01b031916905560405181815290955033907f7084f5476618d8e60b11ef0d7d3f06914655adb8793e28ff7f018d4c76d505d59060200160405180910390a28415610afb57610afb3386611d2d565b505f92505050805c60ff1916815d5090565b5f60ff815c1615610b315760405163558a1e0360e11b815260040160405180910390fd5b60015f805c60ff19168217905d506001600160a01b038216610b665760405163d92e233d60e01b815260040160405180910390fd5b50335f9081526008602052604081205490819003610b9757604051631f2a200560e01b815260040160405180910390fd5b335f8181526008602052604080822091909155516001600160a01b03841691907f52fc0f9d902f33823a83590d3549f63f5492a0df5c6b6db8dee20deb94456b2690610be69085815260200190565b60405180910390a3610bf88282611d2d565b5f60ff19815c16815d50919050565b5f546001600160a01b03163314610c3357604051630bd4212160e11b815233600482015260240161081a565b6001600160a01b038116610c5a5760405163d92e233d60e01b815260040160405180910390fd5b600180546001600160a01b0319166001600160a01b03831690811790915560405133907fe5cd1c804f1c9cc6d7009e4c0fb532f0e2d8863524c3323a6b3790c3f80bf25c905f90a350565b5f610ce3610cdc610cb461178e565b610cbd87611d6d565b60405161190160f01b8152600281019290925260228201526042902090565b8484611e4c565b949350505050565b5f610d00610cf761178e565b610cbd84611ffd565b92915050565b60ff5f5c1615610d295760405163558a1e0360e11b815260040160405180910390fd5b60015f805c60ff19168217905d506001600160a01b038416610d5e5760405163d92e233d60e01b815260040160405180910390fd5b6001600160401b0385165f9081526006602052604090208054600160801b900460ff16610da95760405163aaf0896d60e01b81526001600160401b038716600482015260240161081a565b6001600160401b0386165f9081526007602090815260408083206001600160a01b038916845290915290205460ff1615610e105760405163071a84f160e21b81526001600160401b03871660048201526001600160a01b038616602482015260440161081a565b604080516001600160a01b03871660208201526001600160401b03881691810191909152606081018590525f90610e5890608001604051602081830303815290604052612092565b9050610e6a84848460020154846120ad565b610e87576040516309bde33960e01b815260040160405180910390fd5b60018201546001600160801b03600160801b820481169116610ea98282612599565b871115610ee957604051639493bb3760e01b81526001600160401b038a16600482015260248101829052604481018390526064810188905260840161081a565b6001600160401b0389165f9081526007602090815260408083206001600160a01b038c1684529091529020805460ff19166001179055610f2987836125ac565b6001850180546001600160801b03928316600160801b0292169190911790555f8715801590610f5f5750610f5d89896120c4565b155b604080518a815282151560208201529192506001600160a01b038b16916001600160401b038d16917fff339843f66182191aa25ed759aeb3ce6ee50bda6eea8855abbd9765ea8a47c8910160405180910390a3505f93505050815c60ff19169050815d505050505050565b610fd381612108565b50565b5f610d00610fe261178e565b610cbd84611d6d565b6001600160a01b0381166110125760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b038082165f9081526004602052604090208054909116801580159061104757506001600160a01b0381163314155b1561107857604051631c78f64360e11b81526001600160a01b0380851660048301528216602482015260440161081a565b81546001600160e01b0319163367ffffffffffffffff60a01b1981169190911783556040516001600160a01b03851691907f6edcdd4150e63c6c36d965976c1c37375609c8b040c50d39e7156437b80e2828905f90a3505050565b5f6110dd82611cdb565b8054909150600160a01b90046001600160401b03165f81900361111e576040516393b5adf160e01b81526001600160a01b038416600482015260240161081a565b806001600160401b031642101561116257604051631906a21360e01b81526001600160a01b03841660048201526001600160401b038216602482015260440161081a565b6001600160a01b0383165f8181526004602052604080822080546001600160e01b03191690555133917f2fc91dbd92d741cae16e0315578d7f6cf77043b771692c4bd993658ecfe8942291a3505050565b6002546001600160a01b031633146111e05760405163f604cfe760e01b815233600482015260240161081a565b60ff5f5c16156112035760405163558a1e0360e11b815260040160405180910390fd5b60015f805c60ff19168217905d5084831461123b576040516355c5b3e360e11b8152600481018690526024810184905260440161081a565b6001600160401b0387165f9081526006602052604090208054600160801b900460ff16156112875760405163074f357360e31b81526001600160401b038916600482015260240161081a565b8115801590611294575082155b156112b25760405163a230a70760e01b815260040160405180910390fd5b80546001600160801b0316808311156112f757604051639db0682160e01b81526001600160401b038a166004820152602481018290526044810184905260640161081a565b825f5b888110156113bc575f8a8a83818110611315576113156125bf565b905060200201602081019061132a9190612242565b6001600160a01b0316036113515760405163d92e233d60e01b815260040160405180910390fd5b5f888883818110611364576113646125bf565b905060200201359050838111156113a757604051639db0682160e01b81526001600160401b038d166004820152602481018590526044810182905260640161081a565b6113b181846125ac565b9250506001016112fa565b508181146113f657604051639db0682160e01b81526001600160401b038b166004820152602481018390526044810182905260640161081a565b8254600160801b60ff60801b19909116178355600283018590556001830180546001600160801b0319166001600160801b03861617905560408051838152602081018790529081018590526001600160401b038b16907f534eff1cc795d4d94dca8adb478735aa311de1c94faab829f10085ed286e5cba9060600160405180910390a25f5b88811015611559575f888883818110611496576114966125bf565b905060200201359050805f036114ac5750611551565b8a8a838181106114be576114be6125bf565b90506020020160208101906114d39190612242565b6001600160a01b03168c6001600160401b03167f77dd3871206b7589147cfc4f6c5ed613e1d15eaf56b3f099e0a9c3cfabd06806836115388f8f8881811061151d5761151d6125bf565b90506020020160208101906115329190612242565b866120c4565b60408051928352901560208301520160405180910390a3505b60010161147b565b505f92505050805c60ff1916815d5050505050505050565b61157a33612108565b565b5f60055f858585604051602001611595939291906125d3565b6040516020818303038152906040528051906020012081526020019081526020015f205490509392505050565b335f908152600360205260408120600181015490916001600160801b0390911690819003611605576040516343b9d57b60e11b815233600482015260240161081a565b6001820180546001600160c01b031916905560405181815233907fd9eac6393fa8466928fd9c38814ee1054221c67036a708ba087bb4aabd2c31ac9060200160405180910390a25050565b805f0361167057604051631f2a200560e01b815260040160405180910390fd5b335f9081526003602052604090208054808311156116b15760405163db42144d60e01b8152336004820152602481018290526044810184905260640161081a565b6001600160801b038311156116dc576040516304041d9560e11b81526004810184905260240161081a565b5f6117077f00000000000000000000000000000000000000000000000000000000000000004261257a565b6001840180546001600160401b038316600160801b026001600160c01b03199091166001600160801b0388161717905560405190915033907f4053b7038d18a18e006d96982ac3ed2c9d550710f21db8626e4c427e954926bf9061178090879085909182526001600160401b0316602082015260400190565b60405180910390a250505050565b5f7f000000000000000000000000000000000000000000000000000000000000000046146118625761185d604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f68c681afd809fe4a0ca40f72251c4cb8c5b6a4ca698d18c9da1a958d60d36557918101919091527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b905090565b507f000000000000000000000000000000000000000000000000000000000000000090565b6002546001600160a01b031633146118b45760405163f604cfe760e01b815233600482015260240161081a565b6001600160401b0383165f9081526006602052604090208054600160801b900460ff16156119005760405163074f357360e31b81526001600160401b038516600482015260240161081a565b5f61190961178e565b90505f805b84811015611c725736868683818110611929576119296125bf565b905060200281019061193b91906125ff565b9050806001600160401b0389166119586060830160408401612271565b6001600160401b0316146119a357886119776060830160408401612271565b6040516375174c0b60e01b81526001600160401b0392831660048201529116602482015260440161081a565b60a082013560608201358111156119da5760405163315a2ce160e11b8152600481018290526060830135602482015260440161081a565b5f6119e86020840184612242565b6119f86040850160208601612242565b8c604051602001611a0b939291906125d3565b60408051601f1981840301815291815281516020928301205f818152600590935291205490915015611a7157611a446020840184612242565b611a546040850160208601612242565b8c604051631b77a8fd60e11b815260040161081a939291906125d3565b5f611a94611a8289610cbd87611ffd565b611a8f608088018861261d565b611e4c565b9050611aa36020850185612242565b6001600160a01b0316816001600160a01b031614611b41576001600160a01b038082165f9081526004602052604090205416801580611b005750611aea6020860186612242565b6001600160a01b0316816001600160a01b031614155b15611b3f5781611b136020870187612242565b60405163aed6208760e01b81526001600160a01b0392831660048201529116602482015260440161081a565b505b5f600381611b526020880188612242565b6001600160a01b0316815260208101919091526040015f20805490915080851115611bb757611b846020870187612242565b6040516377f9df6d60e01b81526001600160a01b039091166004820152602481018290526044810186905260640161081a565b8481038255611bc78560016125ac565b5f85815260056020526040902055611bdf858a6125ac565b9850611bf16040870160208801612242565b6001600160a01b0316611c076020880188612242565b6001600160a01b03168f6001600160401b03167f318746a846eac10330ae72a2ee49692198f49362df8e84214f813f7a769f9627888a60600135604051611c58929190918252602082015260400190565b60405180910390a45050505050505080600101905061190e565b5082545f90611c8b9083906001600160801b03166125ac565b90506001600160801b03811115611cb8576040516304041d9560e11b81526004810182905260240161081a565b83546001600160801b0319166001600160801b0391909116179092555050505050565b6001600160a01b038082165f90815260046020526040902080549091163314611d2857604051631312e9df60e01b81526001600160a01b038316600482015233602482015260440161081a565b919050565b5f5f5f5f5f85875af1905080611d6857604051630e21dcbb60e11b81526001600160a01b03841660048201526024810183905260440161081a565b505050565b5f7f1268a911e8d33822ccccf49d1dab7fcff06d0862fb672768f1ec14f479edffb7611d9c6020840184612242565b611dac6040850160208601612242565b60408501356060860135611dc660a0880160808901612271565b6040805160208101979097526001600160a01b0395861690870152929093166060850152608084015260a0808401929092526001600160401b031660c0808401919091529084013560e08084019190915290840135610100830152830135610120820152610140015b604051602081830303815290604052805190602001209050919050565b5f60418214611e715760405163058676ad60e31b81526004810183905260240161081a565b5f611e7f602082858761265f565b611e8891612686565b90505f611e9960406020868861265f565b611ea291612686565b90505f85856040818110611eb857611eb86125bf565b919091013560f81c915050601b811015611eda57611ed7601b826126a3565b90505b8060ff16601b14158015611ef257508060ff16601c14155b15611f2b5785856040818110611f0a57611f0a6125bf565b604051635d3b7f8160e11b815292013560f81c60048301525060240161081a565b7f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0821115611f6f57604051635682f3bf60e01b81526004810183905260240161081a565b604080515f81526020810180835289905260ff831691810191909152606081018490526080810183905260019060a0016020604051602081039080840390855afa158015611fbf573d5f5f3e3d5ffd5b5050604051601f1901519450506001600160a01b038416611ff357604051638baa579f60e01b815260040160405180910390fd5b5050509392505050565b5f7f441ff20b32bcd694054b224665c2ec6043bba0cf821cec16238953091985cec361202c6020840184612242565b61203c6040850160208601612242565b61204c6060860160408701612271565b6040805160208101959095526001600160a01b039384169085015291166060838101919091526001600160401b03909116608083015283013560a082015260c001611e2f565b5f8180519060200120604051602001611e2f91815260200190565b5f826120ba8686856121be565b1495945050505050565b5f5f5f5f5f8587617530f1905080610d00576001600160a01b0383165f90815260086020526040812080548492906120fd9084906125ac565b909155505092915050565b6001600160a01b03811661212f5760405163d92e233d60e01b815260040160405180910390fd5b345f0361214f57604051631f2a200560e01b815260040160405180910390fd5b6001600160a01b0381165f90815260036020526040812080543492906121769084906125ac565b909155505060405134815233906001600160a01b038316907f8752a472e571a816aea92eec8dae9baf628e840f4929fbcc2d155e6233ff68a79060200160405180910390a350565b805f5b838110156121f5576121eb828686848181106121df576121df6125bf565b905060200201356121fd565b91506001016121c1565b509392505050565b5f818310612217575f828152602084905260409020612225565b5f8381526020839052604090205b9392505050565b80356001600160a01b0381168114611d28575f5ffd5b5f60208284031215612252575f5ffd5b6122258261222c565b80356001600160401b0381168114611d28575f5ffd5b5f60208284031215612281575f5ffd5b6122258261225b565b5f610100828403121561229b575f5ffd5b50919050565b5f5f5f61012084860312156122b4575f5ffd5b6122be858561228a565b92506101008401356001600160401b038111156122d9575f5ffd5b8401601f810186136122e9575f5ffd5b80356001600160401b038111156122fe575f5ffd5b86602082840101111561230f575f5ffd5b939660209190910195509293505050565b5f6080828403128015612331575f5ffd5b509092915050565b5f5f83601f840112612349575f5ffd5b5081356001600160401b0381111561235f575f5ffd5b6020830191508360208260051b8501011115612379575f5ffd5b9250929050565b5f5f5f5f5f60808688031215612394575f5ffd5b61239d8661225b565b94506123ab6020870161222c565b93506040860135925060608601356001600160401b038111156123cc575f5ffd5b6123d888828901612339565b969995985093965092949392505050565b5f5f604083850312156123fa575f5ffd5b6124038361225b565b91506124116020840161222c565b90509250929050565b5f610100828403121561242b575f5ffd5b612225838361228a565b5f5f5f5f5f5f5f60a0888a03121561244b575f5ffd5b6124548861225b565b965060208801356001600160401b0381111561246e575f5ffd5b61247a8a828b01612339565b90975095505060408801356001600160401b03811115612498575f5ffd5b6124a48a828b01612339565b989b979a5095989597966060870135966080013595509350505050565b5f5f5f606084860312156124d3575f5ffd5b6124dc8461222c565b92506124ea6020850161222c565b91506124f86040850161225b565b90509250925092565b5f60208284031215612511575f5ffd5b5035919050565b5f5f5f6040848603121561252a575f5ffd5b6125338461225b565b925060208401356001600160401b0381111561254d575f5ffd5b61255986828701612339565b9497909650939450505050565b634e487b7160e01b5f52601160045260245ffd5b6001600160401b038181168382160190811115610d0057610d00612566565b81810381811115610d0057610d00612566565b80820180821115610d0057610d00612566565b634e487b7160e01b5f52603260045260245ffd5b6001600160a01b0393841681529190921660208201526001600160401b03909116604082015260600190565b5f823560be19833603018112612613575f5ffd5b9190910192915050565b5f5f8335601e19843603018112612632575f5ffd5b8301803591506001600160401b0382111561264b575f5ffd5b602001915036819003821315612379575f5ffd5b5f5f8585111561266d575f5ffd5b83861115612679575f5ffd5b5050820193919092039150565b80356020831015610d00575f19602084900360031b1b1692915050565b60ff8181168382160190811115610d0057610d0061256656fea2646970667358221220e77829df45f8a984a9db9f8dedb9bf62ba3aac7bcabac950bfb4d15c48092baf64736f6c63430008250033",
}

// PaymentEscrow is an auto generated Go binding around an Ethereum contract.
type PaymentEscrow struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *PaymentEscrow) GetABI() abi.ABI {
	return c.abi
}

// NewPaymentEscrow creates a new instance of PaymentEscrow.
func NewPaymentEscrow() *PaymentEscrow {
	parsed, err := PaymentEscrowMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &PaymentEscrow{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *PaymentEscrow) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address settler_, uint64 thawingPeriod_) returns()
func (paymentEscrow *PaymentEscrow) PackConstructor(settler_ common.Address, thawingPeriod_ uint64) []byte {
	enc, err := paymentEscrow.abi.Pack("", settler_, thawingPeriod_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackAUTHORIZATIONTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x73396512.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function AUTHORIZATION_TYPEHASH() view returns(bytes32)
func (paymentEscrow *PaymentEscrow) PackAUTHORIZATIONTYPEHASH() []byte {
	enc, err := paymentEscrow.abi.Pack("AUTHORIZATION_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAUTHORIZATIONTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x73396512.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function AUTHORIZATION_TYPEHASH() view returns(bytes32)
func (paymentEscrow *PaymentEscrow) TryPackAUTHORIZATIONTYPEHASH() ([]byte, error) {
	return paymentEscrow.abi.Pack("AUTHORIZATION_TYPEHASH")
}

// UnpackAUTHORIZATIONTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x73396512.
//
// Solidity: function AUTHORIZATION_TYPEHASH() view returns(bytes32)
func (paymentEscrow *PaymentEscrow) UnpackAUTHORIZATIONTYPEHASH(data []byte) ([32]byte, error) {
	out, err := paymentEscrow.abi.Unpack("AUTHORIZATION_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackDOMAINTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x20606b70.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function DOMAIN_TYPEHASH() view returns(bytes32)
func (paymentEscrow *PaymentEscrow) PackDOMAINTYPEHASH() []byte {
	enc, err := paymentEscrow.abi.Pack("DOMAIN_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDOMAINTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x20606b70.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function DOMAIN_TYPEHASH() view returns(bytes32)
func (paymentEscrow *PaymentEscrow) TryPackDOMAINTYPEHASH() ([]byte, error) {
	return paymentEscrow.abi.Pack("DOMAIN_TYPEHASH")
}

// UnpackDOMAINTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x20606b70.
//
// Solidity: function DOMAIN_TYPEHASH() view returns(bytes32)
func (paymentEscrow *PaymentEscrow) UnpackDOMAINTYPEHASH(data []byte) ([32]byte, error) {
	out, err := paymentEscrow.abi.Unpack("DOMAIN_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackMAXTHAWINGPERIOD is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x071b214c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_THAWING_PERIOD() view returns(uint64)
func (paymentEscrow *PaymentEscrow) PackMAXTHAWINGPERIOD() []byte {
	enc, err := paymentEscrow.abi.Pack("MAX_THAWING_PERIOD")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXTHAWINGPERIOD is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x071b214c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_THAWING_PERIOD() view returns(uint64)
func (paymentEscrow *PaymentEscrow) TryPackMAXTHAWINGPERIOD() ([]byte, error) {
	return paymentEscrow.abi.Pack("MAX_THAWING_PERIOD")
}

// UnpackMAXTHAWINGPERIOD is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x071b214c.
//
// Solidity: function MAX_THAWING_PERIOD() view returns(uint64)
func (paymentEscrow *PaymentEscrow) UnpackMAXTHAWINGPERIOD(data []byte) (uint64, error) {
	out, err := paymentEscrow.abi.Unpack("MAX_THAWING_PERIOD", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackPUSHGAS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2b68f2a5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function PUSH_GAS() view returns(uint256)
func (paymentEscrow *PaymentEscrow) PackPUSHGAS() []byte {
	enc, err := paymentEscrow.abi.Pack("PUSH_GAS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPUSHGAS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2b68f2a5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function PUSH_GAS() view returns(uint256)
func (paymentEscrow *PaymentEscrow) TryPackPUSHGAS() ([]byte, error) {
	return paymentEscrow.abi.Pack("PUSH_GAS")
}

// UnpackPUSHGAS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2b68f2a5.
//
// Solidity: function PUSH_GAS() view returns(uint256)
func (paymentEscrow *PaymentEscrow) UnpackPUSHGAS(data []byte) (*big.Int, error) {
	out, err := paymentEscrow.abi.Unpack("PUSH_GAS", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackVOUCHERTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x94739e87.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function VOUCHER_TYPEHASH() view returns(bytes32)
func (paymentEscrow *PaymentEscrow) PackVOUCHERTYPEHASH() []byte {
	enc, err := paymentEscrow.abi.Pack("VOUCHER_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVOUCHERTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x94739e87.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function VOUCHER_TYPEHASH() view returns(bytes32)
func (paymentEscrow *PaymentEscrow) TryPackVOUCHERTYPEHASH() ([]byte, error) {
	return paymentEscrow.abi.Pack("VOUCHER_TYPEHASH")
}

// UnpackVOUCHERTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x94739e87.
//
// Solidity: function VOUCHER_TYPEHASH() view returns(bytes32)
func (paymentEscrow *PaymentEscrow) UnpackVOUCHERTYPEHASH(data []byte) ([32]byte, error) {
	out, err := paymentEscrow.abi.Unpack("VOUCHER_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackAcceptAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0e18b681.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function acceptAdmin() returns()
func (paymentEscrow *PaymentEscrow) PackAcceptAdmin() []byte {
	enc, err := paymentEscrow.abi.Pack("acceptAdmin")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAcceptAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0e18b681.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function acceptAdmin() returns()
func (paymentEscrow *PaymentEscrow) TryPackAcceptAdmin() ([]byte, error) {
	return paymentEscrow.abi.Pack("acceptAdmin")
}

// PackAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf851a440.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function admin() view returns(address)
func (paymentEscrow *PaymentEscrow) PackAdmin() []byte {
	enc, err := paymentEscrow.abi.Pack("admin")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf851a440.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function admin() view returns(address)
func (paymentEscrow *PaymentEscrow) TryPackAdmin() ([]byte, error) {
	return paymentEscrow.abi.Pack("admin")
}

// UnpackAdmin is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf851a440.
//
// Solidity: function admin() view returns(address)
func (paymentEscrow *PaymentEscrow) UnpackAdmin(data []byte) (common.Address, error) {
	out, err := paymentEscrow.abi.Unpack("admin", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackAuthorizationSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x919263f7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function authorizationSigner((address,address,bytes32,bytes32,uint64,uint256,uint256,uint256) a, bytes signature) view returns(address)
func (paymentEscrow *PaymentEscrow) PackAuthorizationSigner(a PaymentEscrowAuthorization, signature []byte) []byte {
	enc, err := paymentEscrow.abi.Pack("authorizationSigner", a, signature)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAuthorizationSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x919263f7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function authorizationSigner((address,address,bytes32,bytes32,uint64,uint256,uint256,uint256) a, bytes signature) view returns(address)
func (paymentEscrow *PaymentEscrow) TryPackAuthorizationSigner(a PaymentEscrowAuthorization, signature []byte) ([]byte, error) {
	return paymentEscrow.abi.Pack("authorizationSigner", a, signature)
}

// UnpackAuthorizationSigner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x919263f7.
//
// Solidity: function authorizationSigner((address,address,bytes32,bytes32,uint64,uint256,uint256,uint256) a, bytes signature) view returns(address)
func (paymentEscrow *PaymentEscrow) UnpackAuthorizationSigner(data []byte) (common.Address, error) {
	out, err := paymentEscrow.abi.Unpack("authorizationSigner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackAuthorizeSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbfe51c10.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function authorizeSigner(address signer) returns()
func (paymentEscrow *PaymentEscrow) PackAuthorizeSigner(signer common.Address) []byte {
	enc, err := paymentEscrow.abi.Pack("authorizeSigner", signer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAuthorizeSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbfe51c10.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function authorizeSigner(address signer) returns()
func (paymentEscrow *PaymentEscrow) TryPackAuthorizeSigner(signer common.Address) ([]byte, error) {
	return paymentEscrow.abi.Pack("authorizeSigner", signer)
}

// PackBalances is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x27e235e3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balances(address payer) view returns(uint256 balance, uint256 thawing, uint64 thawEnd)
func (paymentEscrow *PaymentEscrow) PackBalances(payer common.Address) []byte {
	enc, err := paymentEscrow.abi.Pack("balances", payer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBalances is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x27e235e3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function balances(address payer) view returns(uint256 balance, uint256 thawing, uint64 thawEnd)
func (paymentEscrow *PaymentEscrow) TryPackBalances(payer common.Address) ([]byte, error) {
	return paymentEscrow.abi.Pack("balances", payer)
}

// BalancesOutput serves as a container for the return parameters of contract
// method Balances.
type BalancesOutput struct {
	Balance *big.Int
	Thawing *big.Int
	ThawEnd uint64
}

// UnpackBalances is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x27e235e3.
//
// Solidity: function balances(address payer) view returns(uint256 balance, uint256 thawing, uint64 thawEnd)
func (paymentEscrow *PaymentEscrow) UnpackBalances(data []byte) (BalancesOutput, error) {
	out, err := paymentEscrow.abi.Unpack("balances", data)
	outstruct := new(BalancesOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Balance = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.Thawing = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.ThawEnd = *abi.ConvertType(out[2], new(uint64)).(*uint64)
	return *outstruct, nil
}

// PackCancelThaw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe5d83141.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function cancelThaw() returns()
func (paymentEscrow *PaymentEscrow) PackCancelThaw() []byte {
	enc, err := paymentEscrow.abi.Pack("cancelThaw")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCancelThaw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe5d83141.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function cancelThaw() returns()
func (paymentEscrow *PaymentEscrow) TryPackCancelThaw() ([]byte, error) {
	return paymentEscrow.abi.Pack("cancelThaw")
}

// PackClaim is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa2f94bd3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claim(uint64 epoch, address account, uint256 amount, bytes32[] proof) returns()
func (paymentEscrow *PaymentEscrow) PackClaim(epoch uint64, account common.Address, amount *big.Int, proof [][32]byte) []byte {
	enc, err := paymentEscrow.abi.Pack("claim", epoch, account, amount, proof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaim is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa2f94bd3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claim(uint64 epoch, address account, uint256 amount, bytes32[] proof) returns()
func (paymentEscrow *PaymentEscrow) TryPackClaim(epoch uint64, account common.Address, amount *big.Int, proof [][32]byte) ([]byte, error) {
	return paymentEscrow.abi.Pack("claim", epoch, account, amount, proof)
}

// PackClaimed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa60628e2.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claimed(uint64 epoch, address account) view returns(bool)
func (paymentEscrow *PaymentEscrow) PackClaimed(epoch uint64, account common.Address) []byte {
	enc, err := paymentEscrow.abi.Pack("claimed", epoch, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaimed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa60628e2.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claimed(uint64 epoch, address account) view returns(bool)
func (paymentEscrow *PaymentEscrow) TryPackClaimed(epoch uint64, account common.Address) ([]byte, error) {
	return paymentEscrow.abi.Pack("claimed", epoch, account)
}

// UnpackClaimed is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa60628e2.
//
// Solidity: function claimed(uint64 epoch, address account) view returns(bool)
func (paymentEscrow *PaymentEscrow) UnpackClaimed(data []byte) (bool, error) {
	out, err := paymentEscrow.abi.Unpack("claimed", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackCredits is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfe5ff468.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function credits(address ) view returns(uint256)
func (paymentEscrow *PaymentEscrow) PackCredits(arg0 common.Address) []byte {
	enc, err := paymentEscrow.abi.Pack("credits", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCredits is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfe5ff468.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function credits(address ) view returns(uint256)
func (paymentEscrow *PaymentEscrow) TryPackCredits(arg0 common.Address) ([]byte, error) {
	return paymentEscrow.abi.Pack("credits", arg0)
}

// UnpackCredits is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfe5ff468.
//
// Solidity: function credits(address ) view returns(uint256)
func (paymentEscrow *PaymentEscrow) UnpackCredits(data []byte) (*big.Int, error) {
	out, err := paymentEscrow.abi.Unpack("credits", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd0e30db0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function deposit() payable returns()
func (paymentEscrow *PaymentEscrow) PackDeposit() []byte {
	enc, err := paymentEscrow.abi.Pack("deposit")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd0e30db0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function deposit() payable returns()
func (paymentEscrow *PaymentEscrow) TryPackDeposit() ([]byte, error) {
	return paymentEscrow.abi.Pack("deposit")
}

// PackDepositTo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb760faf9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function depositTo(address payer) payable returns()
func (paymentEscrow *PaymentEscrow) PackDepositTo(payer common.Address) []byte {
	enc, err := paymentEscrow.abi.Pack("depositTo", payer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDepositTo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb760faf9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function depositTo(address payer) payable returns()
func (paymentEscrow *PaymentEscrow) TryPackDepositTo(payer common.Address) ([]byte, error) {
	return paymentEscrow.abi.Pack("depositTo", payer)
}

// PackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (paymentEscrow *PaymentEscrow) PackDomainSeparator() []byte {
	enc, err := paymentEscrow.abi.Pack("domainSeparator")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (paymentEscrow *PaymentEscrow) TryPackDomainSeparator() ([]byte, error) {
	return paymentEscrow.abi.Pack("domainSeparator")
}

// UnpackDomainSeparator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf698da25.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (paymentEscrow *PaymentEscrow) UnpackDomainSeparator(data []byte) ([32]byte, error) {
	out, err := paymentEscrow.abi.Unpack("domainSeparator", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackEpochs is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4bd2d7f9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function epochs(uint64 epoch) view returns(uint256 pool, bytes32 claimsRoot, uint256 claimsTotal, uint256 claimsPaid, bool finalized)
func (paymentEscrow *PaymentEscrow) PackEpochs(epoch uint64) []byte {
	enc, err := paymentEscrow.abi.Pack("epochs", epoch)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEpochs is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4bd2d7f9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function epochs(uint64 epoch) view returns(uint256 pool, bytes32 claimsRoot, uint256 claimsTotal, uint256 claimsPaid, bool finalized)
func (paymentEscrow *PaymentEscrow) TryPackEpochs(epoch uint64) ([]byte, error) {
	return paymentEscrow.abi.Pack("epochs", epoch)
}

// EpochsOutput serves as a container for the return parameters of contract
// method Epochs.
type EpochsOutput struct {
	Pool        *big.Int
	ClaimsRoot  [32]byte
	ClaimsTotal *big.Int
	ClaimsPaid  *big.Int
	Finalized   bool
}

// UnpackEpochs is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4bd2d7f9.
//
// Solidity: function epochs(uint64 epoch) view returns(uint256 pool, bytes32 claimsRoot, uint256 claimsTotal, uint256 claimsPaid, bool finalized)
func (paymentEscrow *PaymentEscrow) UnpackEpochs(data []byte) (EpochsOutput, error) {
	out, err := paymentEscrow.abi.Unpack("epochs", data)
	outstruct := new(EpochsOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Pool = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.ClaimsRoot = *abi.ConvertType(out[1], new([32]byte)).(*[32]byte)
	outstruct.ClaimsTotal = abi.ConvertType(out[2], new(big.Int)).(*big.Int)
	outstruct.ClaimsPaid = abi.ConvertType(out[3], new(big.Int)).(*big.Int)
	outstruct.Finalized = *abi.ConvertType(out[4], new(bool)).(*bool)
	return *outstruct, nil
}

// PackFinalize is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcdcb94d0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function finalize(uint64 epoch, address[] operators, uint256[] amounts, bytes32 claimsRoot, uint256 claimsTotal) returns()
func (paymentEscrow *PaymentEscrow) PackFinalize(epoch uint64, operators []common.Address, amounts []*big.Int, claimsRoot [32]byte, claimsTotal *big.Int) []byte {
	enc, err := paymentEscrow.abi.Pack("finalize", epoch, operators, amounts, claimsRoot, claimsTotal)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFinalize is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcdcb94d0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function finalize(uint64 epoch, address[] operators, uint256[] amounts, bytes32 claimsRoot, uint256 claimsTotal) returns()
func (paymentEscrow *PaymentEscrow) TryPackFinalize(epoch uint64, operators []common.Address, amounts []*big.Int, claimsRoot [32]byte, claimsTotal *big.Int) ([]byte, error) {
	return paymentEscrow.abi.Pack("finalize", epoch, operators, amounts, claimsRoot, claimsTotal)
}

// PackHashAuthorization is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbd10b576.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function hashAuthorization((address,address,bytes32,bytes32,uint64,uint256,uint256,uint256) a) view returns(bytes32)
func (paymentEscrow *PaymentEscrow) PackHashAuthorization(a PaymentEscrowAuthorization) []byte {
	enc, err := paymentEscrow.abi.Pack("hashAuthorization", a)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackHashAuthorization is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbd10b576.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function hashAuthorization((address,address,bytes32,bytes32,uint64,uint256,uint256,uint256) a) view returns(bytes32)
func (paymentEscrow *PaymentEscrow) TryPackHashAuthorization(a PaymentEscrowAuthorization) ([]byte, error) {
	return paymentEscrow.abi.Pack("hashAuthorization", a)
}

// UnpackHashAuthorization is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xbd10b576.
//
// Solidity: function hashAuthorization((address,address,bytes32,bytes32,uint64,uint256,uint256,uint256) a) view returns(bytes32)
func (paymentEscrow *PaymentEscrow) UnpackHashAuthorization(data []byte) ([32]byte, error) {
	out, err := paymentEscrow.abi.Unpack("hashAuthorization", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackHashVoucher is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x94d75721.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function hashVoucher((address,address,uint64,uint256) v) view returns(bytes32)
func (paymentEscrow *PaymentEscrow) PackHashVoucher(v PaymentEscrowVoucher) []byte {
	enc, err := paymentEscrow.abi.Pack("hashVoucher", v)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackHashVoucher is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x94d75721.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function hashVoucher((address,address,uint64,uint256) v) view returns(bytes32)
func (paymentEscrow *PaymentEscrow) TryPackHashVoucher(v PaymentEscrowVoucher) ([]byte, error) {
	return paymentEscrow.abi.Pack("hashVoucher", v)
}

// UnpackHashVoucher is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x94d75721.
//
// Solidity: function hashVoucher((address,address,uint64,uint256) v) view returns(bytes32)
func (paymentEscrow *PaymentEscrow) UnpackHashVoucher(data []byte) ([32]byte, error) {
	out, err := paymentEscrow.abi.Unpack("hashVoucher", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackPayerOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x74a4659b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function payerOf(address signer) view returns(address)
func (paymentEscrow *PaymentEscrow) PackPayerOf(signer common.Address) []byte {
	enc, err := paymentEscrow.abi.Pack("payerOf", signer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPayerOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x74a4659b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function payerOf(address signer) view returns(address)
func (paymentEscrow *PaymentEscrow) TryPackPayerOf(signer common.Address) ([]byte, error) {
	return paymentEscrow.abi.Pack("payerOf", signer)
}

// UnpackPayerOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x74a4659b.
//
// Solidity: function payerOf(address signer) view returns(address)
func (paymentEscrow *PaymentEscrow) UnpackPayerOf(data []byte) (common.Address, error) {
	out, err := paymentEscrow.abi.Unpack("payerOf", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackPendingAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x26782247.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function pendingAdmin() view returns(address)
func (paymentEscrow *PaymentEscrow) PackPendingAdmin() []byte {
	enc, err := paymentEscrow.abi.Pack("pendingAdmin")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPendingAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x26782247.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function pendingAdmin() view returns(address)
func (paymentEscrow *PaymentEscrow) TryPackPendingAdmin() ([]byte, error) {
	return paymentEscrow.abi.Pack("pendingAdmin")
}

// UnpackPendingAdmin is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x26782247.
//
// Solidity: function pendingAdmin() view returns(address)
func (paymentEscrow *PaymentEscrow) UnpackPendingAdmin(data []byte) (common.Address, error) {
	out, err := paymentEscrow.abi.Unpack("pendingAdmin", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackRedeem is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfd6ffe60.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function redeem(uint64 epoch, ((address,address,uint64,uint256),bytes,uint256)[] rs) returns()
func (paymentEscrow *PaymentEscrow) PackRedeem(epoch uint64, rs []PaymentEscrowRedemption) []byte {
	enc, err := paymentEscrow.abi.Pack("redeem", epoch, rs)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRedeem is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfd6ffe60.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function redeem(uint64 epoch, ((address,address,uint64,uint256),bytes,uint256)[] rs) returns()
func (paymentEscrow *PaymentEscrow) TryPackRedeem(epoch uint64, rs []PaymentEscrowRedemption) ([]byte, error) {
	return paymentEscrow.abi.Pack("redeem", epoch, rs)
}

// PackRedeemed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe37b1acf.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function redeemed(address payer, address operator, uint64 epoch) view returns(uint256)
func (paymentEscrow *PaymentEscrow) PackRedeemed(payer common.Address, operator common.Address, epoch uint64) []byte {
	enc, err := paymentEscrow.abi.Pack("redeemed", payer, operator, epoch)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRedeemed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe37b1acf.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function redeemed(address payer, address operator, uint64 epoch) view returns(uint256)
func (paymentEscrow *PaymentEscrow) TryPackRedeemed(payer common.Address, operator common.Address, epoch uint64) ([]byte, error) {
	return paymentEscrow.abi.Pack("redeemed", payer, operator, epoch)
}

// UnpackRedeemed is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe37b1acf.
//
// Solidity: function redeemed(address payer, address operator, uint64 epoch) view returns(uint256)
func (paymentEscrow *PaymentEscrow) UnpackRedeemed(data []byte) (*big.Int, error) {
	out, err := paymentEscrow.abi.Unpack("redeemed", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackRevokeSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc34b44a0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revokeSigner(address signer) returns()
func (paymentEscrow *PaymentEscrow) PackRevokeSigner(signer common.Address) []byte {
	enc, err := paymentEscrow.abi.Pack("revokeSigner", signer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevokeSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc34b44a0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revokeSigner(address signer) returns()
func (paymentEscrow *PaymentEscrow) TryPackRevokeSigner(signer common.Address) ([]byte, error) {
	return paymentEscrow.abi.Pack("revokeSigner", signer)
}

// PackSetSettler is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x07f19eba.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setSettler(address newSettler) returns()
func (paymentEscrow *PaymentEscrow) PackSetSettler(newSettler common.Address) []byte {
	enc, err := paymentEscrow.abi.Pack("setSettler", newSettler)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetSettler is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x07f19eba.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setSettler(address newSettler) returns()
func (paymentEscrow *PaymentEscrow) TryPackSetSettler(newSettler common.Address) ([]byte, error) {
	return paymentEscrow.abi.Pack("setSettler", newSettler)
}

// PackSettler is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xab221a76.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function settler() view returns(address)
func (paymentEscrow *PaymentEscrow) PackSettler() []byte {
	enc, err := paymentEscrow.abi.Pack("settler")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSettler is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xab221a76.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function settler() view returns(address)
func (paymentEscrow *PaymentEscrow) TryPackSettler() ([]byte, error) {
	return paymentEscrow.abi.Pack("settler")
}

// UnpackSettler is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xab221a76.
//
// Solidity: function settler() view returns(address)
func (paymentEscrow *PaymentEscrow) UnpackSettler(data []byte) (common.Address, error) {
	out, err := paymentEscrow.abi.Unpack("settler", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackSigners is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x736c0d5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function signers(address signer) view returns(address payer, uint64 thawEnd)
func (paymentEscrow *PaymentEscrow) PackSigners(signer common.Address) []byte {
	enc, err := paymentEscrow.abi.Pack("signers", signer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSigners is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x736c0d5b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function signers(address signer) view returns(address payer, uint64 thawEnd)
func (paymentEscrow *PaymentEscrow) TryPackSigners(signer common.Address) ([]byte, error) {
	return paymentEscrow.abi.Pack("signers", signer)
}

// SignersOutput serves as a container for the return parameters of contract
// method Signers.
type SignersOutput struct {
	Payer   common.Address
	ThawEnd uint64
}

// UnpackSigners is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x736c0d5b.
//
// Solidity: function signers(address signer) view returns(address payer, uint64 thawEnd)
func (paymentEscrow *PaymentEscrow) UnpackSigners(data []byte) (SignersOutput, error) {
	out, err := paymentEscrow.abi.Unpack("signers", data)
	outstruct := new(SignersOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Payer = *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	outstruct.ThawEnd = *abi.ConvertType(out[1], new(uint64)).(*uint64)
	return *outstruct, nil
}

// PackThaw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe77cfaae.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function thaw(uint256 amount) returns()
func (paymentEscrow *PaymentEscrow) PackThaw(amount *big.Int) []byte {
	enc, err := paymentEscrow.abi.Pack("thaw", amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackThaw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe77cfaae.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function thaw(uint256 amount) returns()
func (paymentEscrow *PaymentEscrow) TryPackThaw(amount *big.Int) ([]byte, error) {
	return paymentEscrow.abi.Pack("thaw", amount)
}

// PackThawSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1354f019.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function thawSigner(address signer) returns()
func (paymentEscrow *PaymentEscrow) PackThawSigner(signer common.Address) []byte {
	enc, err := paymentEscrow.abi.Pack("thawSigner", signer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackThawSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1354f019.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function thawSigner(address signer) returns()
func (paymentEscrow *PaymentEscrow) TryPackThawSigner(signer common.Address) ([]byte, error) {
	return paymentEscrow.abi.Pack("thawSigner", signer)
}

// PackThawingPeriod is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcdc747dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function thawingPeriod() view returns(uint64)
func (paymentEscrow *PaymentEscrow) PackThawingPeriod() []byte {
	enc, err := paymentEscrow.abi.Pack("thawingPeriod")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackThawingPeriod is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcdc747dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function thawingPeriod() view returns(uint64)
func (paymentEscrow *PaymentEscrow) TryPackThawingPeriod() ([]byte, error) {
	return paymentEscrow.abi.Pack("thawingPeriod")
}

// UnpackThawingPeriod is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xcdc747dd.
//
// Solidity: function thawingPeriod() view returns(uint64)
func (paymentEscrow *PaymentEscrow) UnpackThawingPeriod(data []byte) (uint64, error) {
	out, err := paymentEscrow.abi.Unpack("thawingPeriod", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackTransferAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x75829def.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferAdmin(address newAdmin) returns()
func (paymentEscrow *PaymentEscrow) PackTransferAdmin(newAdmin common.Address) []byte {
	enc, err := paymentEscrow.abi.Pack("transferAdmin", newAdmin)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x75829def.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferAdmin(address newAdmin) returns()
func (paymentEscrow *PaymentEscrow) TryPackTransferAdmin(newAdmin common.Address) ([]byte, error) {
	return paymentEscrow.abi.Pack("transferAdmin", newAdmin)
}

// PackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3ccfd60b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdraw() returns(uint256 amount)
func (paymentEscrow *PaymentEscrow) PackWithdraw() []byte {
	enc, err := paymentEscrow.abi.Pack("withdraw")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3ccfd60b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdraw() returns(uint256 amount)
func (paymentEscrow *PaymentEscrow) TryPackWithdraw() ([]byte, error) {
	return paymentEscrow.abi.Pack("withdraw")
}

// UnpackWithdraw is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3ccfd60b.
//
// Solidity: function withdraw() returns(uint256 amount)
func (paymentEscrow *PaymentEscrow) UnpackWithdraw(data []byte) (*big.Int, error) {
	out, err := paymentEscrow.abi.Unpack("withdraw", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackWithdrawCredit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6c8cc9d9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdrawCredit(address to) returns(uint256 amount)
func (paymentEscrow *PaymentEscrow) PackWithdrawCredit(to common.Address) []byte {
	enc, err := paymentEscrow.abi.Pack("withdrawCredit", to)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdrawCredit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6c8cc9d9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdrawCredit(address to) returns(uint256 amount)
func (paymentEscrow *PaymentEscrow) TryPackWithdrawCredit(to common.Address) ([]byte, error) {
	return paymentEscrow.abi.Pack("withdrawCredit", to)
}

// UnpackWithdrawCredit is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6c8cc9d9.
//
// Solidity: function withdrawCredit(address to) returns(uint256 amount)
func (paymentEscrow *PaymentEscrow) UnpackWithdrawCredit(data []byte) (*big.Int, error) {
	out, err := paymentEscrow.abi.Unpack("withdrawCredit", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PaymentEscrowAdminTransferStarted represents a AdminTransferStarted event raised by the PaymentEscrow contract.
type PaymentEscrowAdminTransferStarted struct {
	PreviousAdmin common.Address
	NewAdmin      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const PaymentEscrowAdminTransferStartedEventName = "AdminTransferStarted"

// ContractEventName returns the user-defined event name.
func (PaymentEscrowAdminTransferStarted) ContractEventName() string {
	return PaymentEscrowAdminTransferStartedEventName
}

// UnpackAdminTransferStartedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AdminTransferStarted(address indexed previousAdmin, address indexed newAdmin)
func (paymentEscrow *PaymentEscrow) UnpackAdminTransferStartedEvent(log *types.Log) (*PaymentEscrowAdminTransferStarted, error) {
	event := "AdminTransferStarted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != paymentEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PaymentEscrowAdminTransferStarted)
	if len(log.Data) > 0 {
		if err := paymentEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range paymentEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PaymentEscrowAdminTransferred represents a AdminTransferred event raised by the PaymentEscrow contract.
type PaymentEscrowAdminTransferred struct {
	PreviousAdmin common.Address
	NewAdmin      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const PaymentEscrowAdminTransferredEventName = "AdminTransferred"

// ContractEventName returns the user-defined event name.
func (PaymentEscrowAdminTransferred) ContractEventName() string {
	return PaymentEscrowAdminTransferredEventName
}

// UnpackAdminTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AdminTransferred(address indexed previousAdmin, address indexed newAdmin)
func (paymentEscrow *PaymentEscrow) UnpackAdminTransferredEvent(log *types.Log) (*PaymentEscrowAdminTransferred, error) {
	event := "AdminTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != paymentEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PaymentEscrowAdminTransferred)
	if len(log.Data) > 0 {
		if err := paymentEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range paymentEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PaymentEscrowCreditWithdrawn represents a CreditWithdrawn event raised by the PaymentEscrow contract.
type PaymentEscrowCreditWithdrawn struct {
	Account common.Address
	To      common.Address
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const PaymentEscrowCreditWithdrawnEventName = "CreditWithdrawn"

// ContractEventName returns the user-defined event name.
func (PaymentEscrowCreditWithdrawn) ContractEventName() string {
	return PaymentEscrowCreditWithdrawnEventName
}

// UnpackCreditWithdrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event CreditWithdrawn(address indexed account, address indexed to, uint256 amount)
func (paymentEscrow *PaymentEscrow) UnpackCreditWithdrawnEvent(log *types.Log) (*PaymentEscrowCreditWithdrawn, error) {
	event := "CreditWithdrawn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != paymentEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PaymentEscrowCreditWithdrawn)
	if len(log.Data) > 0 {
		if err := paymentEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range paymentEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PaymentEscrowDeposited represents a Deposited event raised by the PaymentEscrow contract.
type PaymentEscrowDeposited struct {
	Payer  common.Address
	From   common.Address
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const PaymentEscrowDepositedEventName = "Deposited"

// ContractEventName returns the user-defined event name.
func (PaymentEscrowDeposited) ContractEventName() string {
	return PaymentEscrowDepositedEventName
}

// UnpackDepositedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Deposited(address indexed payer, address indexed from, uint256 amount)
func (paymentEscrow *PaymentEscrow) UnpackDepositedEvent(log *types.Log) (*PaymentEscrowDeposited, error) {
	event := "Deposited"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != paymentEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PaymentEscrowDeposited)
	if len(log.Data) > 0 {
		if err := paymentEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range paymentEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PaymentEscrowFinalized represents a Finalized event raised by the PaymentEscrow contract.
type PaymentEscrowFinalized struct {
	Epoch       uint64
	Pool        *big.Int
	ClaimsRoot  [32]byte
	ClaimsTotal *big.Int
	Raw         *types.Log // Blockchain specific contextual infos
}

const PaymentEscrowFinalizedEventName = "Finalized"

// ContractEventName returns the user-defined event name.
func (PaymentEscrowFinalized) ContractEventName() string {
	return PaymentEscrowFinalizedEventName
}

// UnpackFinalizedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Finalized(uint64 indexed epoch, uint256 pool, bytes32 claimsRoot, uint256 claimsTotal)
func (paymentEscrow *PaymentEscrow) UnpackFinalizedEvent(log *types.Log) (*PaymentEscrowFinalized, error) {
	event := "Finalized"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != paymentEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PaymentEscrowFinalized)
	if len(log.Data) > 0 {
		if err := paymentEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range paymentEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PaymentEscrowOperatorPaid represents a OperatorPaid event raised by the PaymentEscrow contract.
type PaymentEscrowOperatorPaid struct {
	Epoch    uint64
	Operator common.Address
	Amount   *big.Int
	Credited bool
	Raw      *types.Log // Blockchain specific contextual infos
}

const PaymentEscrowOperatorPaidEventName = "OperatorPaid"

// ContractEventName returns the user-defined event name.
func (PaymentEscrowOperatorPaid) ContractEventName() string {
	return PaymentEscrowOperatorPaidEventName
}

// UnpackOperatorPaidEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OperatorPaid(uint64 indexed epoch, address indexed operator, uint256 amount, bool credited)
func (paymentEscrow *PaymentEscrow) UnpackOperatorPaidEvent(log *types.Log) (*PaymentEscrowOperatorPaid, error) {
	event := "OperatorPaid"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != paymentEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PaymentEscrowOperatorPaid)
	if len(log.Data) > 0 {
		if err := paymentEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range paymentEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PaymentEscrowPaymentClaimed represents a PaymentClaimed event raised by the PaymentEscrow contract.
type PaymentEscrowPaymentClaimed struct {
	Epoch    uint64
	Account  common.Address
	Amount   *big.Int
	Credited bool
	Raw      *types.Log // Blockchain specific contextual infos
}

const PaymentEscrowPaymentClaimedEventName = "PaymentClaimed"

// ContractEventName returns the user-defined event name.
func (PaymentEscrowPaymentClaimed) ContractEventName() string {
	return PaymentEscrowPaymentClaimedEventName
}

// UnpackPaymentClaimedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event PaymentClaimed(uint64 indexed epoch, address indexed account, uint256 amount, bool credited)
func (paymentEscrow *PaymentEscrow) UnpackPaymentClaimedEvent(log *types.Log) (*PaymentEscrowPaymentClaimed, error) {
	event := "PaymentClaimed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != paymentEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PaymentEscrowPaymentClaimed)
	if len(log.Data) > 0 {
		if err := paymentEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range paymentEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PaymentEscrowRedeemed represents a Redeemed event raised by the PaymentEscrow contract.
type PaymentEscrowRedeemed struct {
	Epoch         uint64
	Payer         common.Address
	Operator      common.Address
	Charge        *big.Int
	VoucherAmount *big.Int
	Raw           *types.Log // Blockchain specific contextual infos
}

const PaymentEscrowRedeemedEventName = "Redeemed"

// ContractEventName returns the user-defined event name.
func (PaymentEscrowRedeemed) ContractEventName() string {
	return PaymentEscrowRedeemedEventName
}

// UnpackRedeemedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Redeemed(uint64 indexed epoch, address indexed payer, address indexed operator, uint256 charge, uint256 voucherAmount)
func (paymentEscrow *PaymentEscrow) UnpackRedeemedEvent(log *types.Log) (*PaymentEscrowRedeemed, error) {
	event := "Redeemed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != paymentEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PaymentEscrowRedeemed)
	if len(log.Data) > 0 {
		if err := paymentEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range paymentEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PaymentEscrowSettlerSet represents a SettlerSet event raised by the PaymentEscrow contract.
type PaymentEscrowSettlerSet struct {
	PreviousSettler common.Address
	NewSettler      common.Address
	Raw             *types.Log // Blockchain specific contextual infos
}

const PaymentEscrowSettlerSetEventName = "SettlerSet"

// ContractEventName returns the user-defined event name.
func (PaymentEscrowSettlerSet) ContractEventName() string {
	return PaymentEscrowSettlerSetEventName
}

// UnpackSettlerSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event SettlerSet(address indexed previousSettler, address indexed newSettler)
func (paymentEscrow *PaymentEscrow) UnpackSettlerSetEvent(log *types.Log) (*PaymentEscrowSettlerSet, error) {
	event := "SettlerSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != paymentEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PaymentEscrowSettlerSet)
	if len(log.Data) > 0 {
		if err := paymentEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range paymentEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PaymentEscrowSignerAuthorized represents a SignerAuthorized event raised by the PaymentEscrow contract.
type PaymentEscrowSignerAuthorized struct {
	Payer  common.Address
	Signer common.Address
	Raw    *types.Log // Blockchain specific contextual infos
}

const PaymentEscrowSignerAuthorizedEventName = "SignerAuthorized"

// ContractEventName returns the user-defined event name.
func (PaymentEscrowSignerAuthorized) ContractEventName() string {
	return PaymentEscrowSignerAuthorizedEventName
}

// UnpackSignerAuthorizedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event SignerAuthorized(address indexed payer, address indexed signer)
func (paymentEscrow *PaymentEscrow) UnpackSignerAuthorizedEvent(log *types.Log) (*PaymentEscrowSignerAuthorized, error) {
	event := "SignerAuthorized"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != paymentEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PaymentEscrowSignerAuthorized)
	if len(log.Data) > 0 {
		if err := paymentEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range paymentEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PaymentEscrowSignerRevoked represents a SignerRevoked event raised by the PaymentEscrow contract.
type PaymentEscrowSignerRevoked struct {
	Payer  common.Address
	Signer common.Address
	Raw    *types.Log // Blockchain specific contextual infos
}

const PaymentEscrowSignerRevokedEventName = "SignerRevoked"

// ContractEventName returns the user-defined event name.
func (PaymentEscrowSignerRevoked) ContractEventName() string {
	return PaymentEscrowSignerRevokedEventName
}

// UnpackSignerRevokedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event SignerRevoked(address indexed payer, address indexed signer)
func (paymentEscrow *PaymentEscrow) UnpackSignerRevokedEvent(log *types.Log) (*PaymentEscrowSignerRevoked, error) {
	event := "SignerRevoked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != paymentEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PaymentEscrowSignerRevoked)
	if len(log.Data) > 0 {
		if err := paymentEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range paymentEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PaymentEscrowSignerThawStarted represents a SignerThawStarted event raised by the PaymentEscrow contract.
type PaymentEscrowSignerThawStarted struct {
	Payer   common.Address
	Signer  common.Address
	ThawEnd uint64
	Raw     *types.Log // Blockchain specific contextual infos
}

const PaymentEscrowSignerThawStartedEventName = "SignerThawStarted"

// ContractEventName returns the user-defined event name.
func (PaymentEscrowSignerThawStarted) ContractEventName() string {
	return PaymentEscrowSignerThawStartedEventName
}

// UnpackSignerThawStartedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event SignerThawStarted(address indexed payer, address indexed signer, uint64 thawEnd)
func (paymentEscrow *PaymentEscrow) UnpackSignerThawStartedEvent(log *types.Log) (*PaymentEscrowSignerThawStarted, error) {
	event := "SignerThawStarted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != paymentEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PaymentEscrowSignerThawStarted)
	if len(log.Data) > 0 {
		if err := paymentEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range paymentEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PaymentEscrowThawCancelled represents a ThawCancelled event raised by the PaymentEscrow contract.
type PaymentEscrowThawCancelled struct {
	Payer  common.Address
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const PaymentEscrowThawCancelledEventName = "ThawCancelled"

// ContractEventName returns the user-defined event name.
func (PaymentEscrowThawCancelled) ContractEventName() string {
	return PaymentEscrowThawCancelledEventName
}

// UnpackThawCancelledEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ThawCancelled(address indexed payer, uint256 amount)
func (paymentEscrow *PaymentEscrow) UnpackThawCancelledEvent(log *types.Log) (*PaymentEscrowThawCancelled, error) {
	event := "ThawCancelled"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != paymentEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PaymentEscrowThawCancelled)
	if len(log.Data) > 0 {
		if err := paymentEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range paymentEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PaymentEscrowThawStarted represents a ThawStarted event raised by the PaymentEscrow contract.
type PaymentEscrowThawStarted struct {
	Payer   common.Address
	Amount  *big.Int
	ThawEnd uint64
	Raw     *types.Log // Blockchain specific contextual infos
}

const PaymentEscrowThawStartedEventName = "ThawStarted"

// ContractEventName returns the user-defined event name.
func (PaymentEscrowThawStarted) ContractEventName() string {
	return PaymentEscrowThawStartedEventName
}

// UnpackThawStartedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ThawStarted(address indexed payer, uint256 amount, uint64 thawEnd)
func (paymentEscrow *PaymentEscrow) UnpackThawStartedEvent(log *types.Log) (*PaymentEscrowThawStarted, error) {
	event := "ThawStarted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != paymentEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PaymentEscrowThawStarted)
	if len(log.Data) > 0 {
		if err := paymentEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range paymentEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PaymentEscrowWithdrawn represents a Withdrawn event raised by the PaymentEscrow contract.
type PaymentEscrowWithdrawn struct {
	Payer  common.Address
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const PaymentEscrowWithdrawnEventName = "Withdrawn"

// ContractEventName returns the user-defined event name.
func (PaymentEscrowWithdrawn) ContractEventName() string {
	return PaymentEscrowWithdrawnEventName
}

// UnpackWithdrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Withdrawn(address indexed payer, uint256 amount)
func (paymentEscrow *PaymentEscrow) UnpackWithdrawnEvent(log *types.Log) (*PaymentEscrowWithdrawn, error) {
	event := "Withdrawn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != paymentEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PaymentEscrowWithdrawn)
	if len(log.Data) > 0 {
		if err := paymentEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range paymentEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (paymentEscrow *PaymentEscrow) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["AlreadyRedeemed"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackAlreadyRedeemedError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["AmountTooLarge"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackAmountTooLargeError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["BadThawingPeriod"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackBadThawingPeriodError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["ChargeExceedsVoucher"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackChargeExceedsVoucherError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["ClaimsExceeded"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackClaimsExceededError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["EpochAlreadyFinalized"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackEpochAlreadyFinalizedError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["EpochMismatch"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackEpochMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["EpochNotFinalized"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackEpochNotFinalizedError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["InsufficientBalance"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackInsufficientBalanceError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["InvalidProof"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackInvalidProofError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["InvalidSignature"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackInvalidSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["InvalidSignatureLength"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackInvalidSignatureLengthError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["InvalidSignatureS"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackInvalidSignatureSError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["InvalidSignatureV"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackInvalidSignatureVError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["LengthMismatch"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackLengthMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["NotAdmin"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackNotAdminError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["NotPendingAdmin"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackNotPendingAdminError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["NotSettler"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackNotSettlerError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["NotSignerOwner"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackNotSignerOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["NotThawing"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackNotThawingError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["Overdraft"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackOverdraftError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["PaymentAlreadyClaimed"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackPaymentAlreadyClaimedError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["Reentrancy"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackReentrancyError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["SettlementMismatch"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackSettlementMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["SignerBound"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackSignerBoundError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["SignerNotThawing"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackSignerNotThawingError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["SignerStillThawing"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackSignerStillThawingError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["StillThawing"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackStillThawingError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["TransferFailed"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackTransferFailedError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["UnauthorizedSigner"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackUnauthorizedSignerError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackZeroAddressError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["ZeroAmount"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackZeroAmountError(raw[4:])
	}
	if bytes.Equal(raw[:4], paymentEscrow.abi.Errors["ZeroClaimsRoot"].ID.Bytes()[:4]) {
		return paymentEscrow.UnpackZeroClaimsRootError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// PaymentEscrowAlreadyRedeemed represents a AlreadyRedeemed error raised by the PaymentEscrow contract.
type PaymentEscrowAlreadyRedeemed struct {
	Payer    common.Address
	Operator common.Address
	Epoch    uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyRedeemed(address payer, address operator, uint64 epoch)
func PaymentEscrowAlreadyRedeemedErrorID() common.Hash {
	return common.HexToHash("0x36ef51fa7afe8c6dc88bd7030b1439ff4011c6e9e007da4dd0722fb44842bfee")
}

// UnpackAlreadyRedeemedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyRedeemed(address payer, address operator, uint64 epoch)
func (paymentEscrow *PaymentEscrow) UnpackAlreadyRedeemedError(raw []byte) (*PaymentEscrowAlreadyRedeemed, error) {
	out := new(PaymentEscrowAlreadyRedeemed)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "AlreadyRedeemed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowAmountTooLarge represents a AmountTooLarge error raised by the PaymentEscrow contract.
type PaymentEscrowAmountTooLarge struct {
	Amount *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AmountTooLarge(uint256 amount)
func PaymentEscrowAmountTooLargeErrorID() common.Hash {
	return common.HexToHash("0x08083b2a16b607736bde3b2f81a2e47b6cddd068539243b1d8b47462dd533e58")
}

// UnpackAmountTooLargeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AmountTooLarge(uint256 amount)
func (paymentEscrow *PaymentEscrow) UnpackAmountTooLargeError(raw []byte) (*PaymentEscrowAmountTooLarge, error) {
	out := new(PaymentEscrowAmountTooLarge)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "AmountTooLarge", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowBadThawingPeriod represents a BadThawingPeriod error raised by the PaymentEscrow contract.
type PaymentEscrowBadThawingPeriod struct {
	ThawingPeriod uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadThawingPeriod(uint64 thawingPeriod)
func PaymentEscrowBadThawingPeriodErrorID() common.Hash {
	return common.HexToHash("0x3e7e84a8868f94cbcbc5a295c043468b2a58bb70903571c4fee3a7d022e9ae58")
}

// UnpackBadThawingPeriodError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadThawingPeriod(uint64 thawingPeriod)
func (paymentEscrow *PaymentEscrow) UnpackBadThawingPeriodError(raw []byte) (*PaymentEscrowBadThawingPeriod, error) {
	out := new(PaymentEscrowBadThawingPeriod)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "BadThawingPeriod", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowChargeExceedsVoucher represents a ChargeExceedsVoucher error raised by the PaymentEscrow contract.
type PaymentEscrowChargeExceedsVoucher struct {
	Charge *big.Int
	Amount *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ChargeExceedsVoucher(uint256 charge, uint256 amount)
func PaymentEscrowChargeExceedsVoucherErrorID() common.Hash {
	return common.HexToHash("0x62b459c2c7ad290f865bac75e053ee791ee2f49186de95acb2a9dfc47d84acc6")
}

// UnpackChargeExceedsVoucherError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ChargeExceedsVoucher(uint256 charge, uint256 amount)
func (paymentEscrow *PaymentEscrow) UnpackChargeExceedsVoucherError(raw []byte) (*PaymentEscrowChargeExceedsVoucher, error) {
	out := new(PaymentEscrowChargeExceedsVoucher)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "ChargeExceedsVoucher", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowClaimsExceeded represents a ClaimsExceeded error raised by the PaymentEscrow contract.
type PaymentEscrowClaimsExceeded struct {
	Epoch       uint64
	ClaimsTotal *big.Int
	ClaimsPaid  *big.Int
	Amount      *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ClaimsExceeded(uint64 epoch, uint256 claimsTotal, uint256 claimsPaid, uint256 amount)
func PaymentEscrowClaimsExceededErrorID() common.Hash {
	return common.HexToHash("0x9493bb37e72a92377e47570da3456717e096e38554ff5ab7d1ddc64d25b1cec1")
}

// UnpackClaimsExceededError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ClaimsExceeded(uint64 epoch, uint256 claimsTotal, uint256 claimsPaid, uint256 amount)
func (paymentEscrow *PaymentEscrow) UnpackClaimsExceededError(raw []byte) (*PaymentEscrowClaimsExceeded, error) {
	out := new(PaymentEscrowClaimsExceeded)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "ClaimsExceeded", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowEpochAlreadyFinalized represents a EpochAlreadyFinalized error raised by the PaymentEscrow contract.
type PaymentEscrowEpochAlreadyFinalized struct {
	Epoch uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EpochAlreadyFinalized(uint64 epoch)
func PaymentEscrowEpochAlreadyFinalizedErrorID() common.Hash {
	return common.HexToHash("0x3a79ab98ee22a0abe941a2ad155b80ea11c739ead2f6fbd24b4ef91375195357")
}

// UnpackEpochAlreadyFinalizedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EpochAlreadyFinalized(uint64 epoch)
func (paymentEscrow *PaymentEscrow) UnpackEpochAlreadyFinalizedError(raw []byte) (*PaymentEscrowEpochAlreadyFinalized, error) {
	out := new(PaymentEscrowEpochAlreadyFinalized)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "EpochAlreadyFinalized", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowEpochMismatch represents a EpochMismatch error raised by the PaymentEscrow contract.
type PaymentEscrowEpochMismatch struct {
	Epoch        uint64
	VoucherEpoch uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EpochMismatch(uint64 epoch, uint64 voucherEpoch)
func PaymentEscrowEpochMismatchErrorID() common.Hash {
	return common.HexToHash("0x75174c0b10ffddbb73255cd067b3d3a12c25b9fb182e7d7d91081a53abc88c60")
}

// UnpackEpochMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EpochMismatch(uint64 epoch, uint64 voucherEpoch)
func (paymentEscrow *PaymentEscrow) UnpackEpochMismatchError(raw []byte) (*PaymentEscrowEpochMismatch, error) {
	out := new(PaymentEscrowEpochMismatch)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "EpochMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowEpochNotFinalized represents a EpochNotFinalized error raised by the PaymentEscrow contract.
type PaymentEscrowEpochNotFinalized struct {
	Epoch uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EpochNotFinalized(uint64 epoch)
func PaymentEscrowEpochNotFinalizedErrorID() common.Hash {
	return common.HexToHash("0xaaf0896d4411cb4d27b6adc2b7b10bde5029a7a38ccf9d154e77a948a96f9d8f")
}

// UnpackEpochNotFinalizedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EpochNotFinalized(uint64 epoch)
func (paymentEscrow *PaymentEscrow) UnpackEpochNotFinalizedError(raw []byte) (*PaymentEscrowEpochNotFinalized, error) {
	out := new(PaymentEscrowEpochNotFinalized)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "EpochNotFinalized", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowInsufficientBalance represents a InsufficientBalance error raised by the PaymentEscrow contract.
type PaymentEscrowInsufficientBalance struct {
	Payer   common.Address
	Balance *big.Int
	Amount  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientBalance(address payer, uint256 balance, uint256 amount)
func PaymentEscrowInsufficientBalanceErrorID() common.Hash {
	return common.HexToHash("0xdb42144d928cd19733b9dfeead8bc02ed403845c274e06a6eee0944fb25ca5c4")
}

// UnpackInsufficientBalanceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientBalance(address payer, uint256 balance, uint256 amount)
func (paymentEscrow *PaymentEscrow) UnpackInsufficientBalanceError(raw []byte) (*PaymentEscrowInsufficientBalance, error) {
	out := new(PaymentEscrowInsufficientBalance)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "InsufficientBalance", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowInvalidProof represents a InvalidProof error raised by the PaymentEscrow contract.
type PaymentEscrowInvalidProof struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidProof()
func PaymentEscrowInvalidProofErrorID() common.Hash {
	return common.HexToHash("0x09bde339c6b182be216ee7ef8ccff6338c6ef7993445216112ae575c5438fd27")
}

// UnpackInvalidProofError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidProof()
func (paymentEscrow *PaymentEscrow) UnpackInvalidProofError(raw []byte) (*PaymentEscrowInvalidProof, error) {
	out := new(PaymentEscrowInvalidProof)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "InvalidProof", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowInvalidSignature represents a InvalidSignature error raised by the PaymentEscrow contract.
type PaymentEscrowInvalidSignature struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidSignature()
func PaymentEscrowInvalidSignatureErrorID() common.Hash {
	return common.HexToHash("0x8baa579fce362245063d36f11747a89dd489c54795634fc673cc0e0db51fedc5")
}

// UnpackInvalidSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidSignature()
func (paymentEscrow *PaymentEscrow) UnpackInvalidSignatureError(raw []byte) (*PaymentEscrowInvalidSignature, error) {
	out := new(PaymentEscrowInvalidSignature)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "InvalidSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowInvalidSignatureLength represents a InvalidSignatureLength error raised by the PaymentEscrow contract.
type PaymentEscrowInvalidSignatureLength struct {
	Length *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidSignatureLength(uint256 length)
func PaymentEscrowInvalidSignatureLengthErrorID() common.Hash {
	return common.HexToHash("0x2c33b5680a9fef1303384e1d65d338fdf3c385db42aef31f2b5a9618f7249d8a")
}

// UnpackInvalidSignatureLengthError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidSignatureLength(uint256 length)
func (paymentEscrow *PaymentEscrow) UnpackInvalidSignatureLengthError(raw []byte) (*PaymentEscrowInvalidSignatureLength, error) {
	out := new(PaymentEscrowInvalidSignatureLength)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "InvalidSignatureLength", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowInvalidSignatureS represents a InvalidSignatureS error raised by the PaymentEscrow contract.
type PaymentEscrowInvalidSignatureS struct {
	S [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidSignatureS(bytes32 s)
func PaymentEscrowInvalidSignatureSErrorID() common.Hash {
	return common.HexToHash("0x5682f3bf4b3bf8ad0bc0069bbb2507a8577586fdc58d6a2de6794b7cb704da54")
}

// UnpackInvalidSignatureSError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidSignatureS(bytes32 s)
func (paymentEscrow *PaymentEscrow) UnpackInvalidSignatureSError(raw []byte) (*PaymentEscrowInvalidSignatureS, error) {
	out := new(PaymentEscrowInvalidSignatureS)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "InvalidSignatureS", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowInvalidSignatureV represents a InvalidSignatureV error raised by the PaymentEscrow contract.
type PaymentEscrowInvalidSignatureV struct {
	V uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidSignatureV(uint8 v)
func PaymentEscrowInvalidSignatureVErrorID() common.Hash {
	return common.HexToHash("0xba76ff026d45908d17fefcce692bf9956e66357df37d89df51e86f322a5c37b4")
}

// UnpackInvalidSignatureVError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidSignatureV(uint8 v)
func (paymentEscrow *PaymentEscrow) UnpackInvalidSignatureVError(raw []byte) (*PaymentEscrowInvalidSignatureV, error) {
	out := new(PaymentEscrowInvalidSignatureV)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "InvalidSignatureV", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowLengthMismatch represents a LengthMismatch error raised by the PaymentEscrow contract.
type PaymentEscrowLengthMismatch struct {
	Operators *big.Int
	Amounts   *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error LengthMismatch(uint256 operators, uint256 amounts)
func PaymentEscrowLengthMismatchErrorID() common.Hash {
	return common.HexToHash("0xab8b67c6893c59617ef3ba4b4b942e9791f2572db2fdb32028356532f3b7396a")
}

// UnpackLengthMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error LengthMismatch(uint256 operators, uint256 amounts)
func (paymentEscrow *PaymentEscrow) UnpackLengthMismatchError(raw []byte) (*PaymentEscrowLengthMismatch, error) {
	out := new(PaymentEscrowLengthMismatch)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "LengthMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowNotAdmin represents a NotAdmin error raised by the PaymentEscrow contract.
type PaymentEscrowNotAdmin struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotAdmin(address caller)
func PaymentEscrowNotAdminErrorID() common.Hash {
	return common.HexToHash("0x17a8424239494df835a470bd5e48f10a94b5febfef662a1917fe31decebbedeb")
}

// UnpackNotAdminError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotAdmin(address caller)
func (paymentEscrow *PaymentEscrow) UnpackNotAdminError(raw []byte) (*PaymentEscrowNotAdmin, error) {
	out := new(PaymentEscrowNotAdmin)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "NotAdmin", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowNotPendingAdmin represents a NotPendingAdmin error raised by the PaymentEscrow contract.
type PaymentEscrowNotPendingAdmin struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotPendingAdmin(address caller)
func PaymentEscrowNotPendingAdminErrorID() common.Hash {
	return common.HexToHash("0x1d0022d1e4e0a848404922419aaf414bac4ac43f3cccfa7226d53c460353f2e4")
}

// UnpackNotPendingAdminError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotPendingAdmin(address caller)
func (paymentEscrow *PaymentEscrow) UnpackNotPendingAdminError(raw []byte) (*PaymentEscrowNotPendingAdmin, error) {
	out := new(PaymentEscrowNotPendingAdmin)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "NotPendingAdmin", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowNotSettler represents a NotSettler error raised by the PaymentEscrow contract.
type PaymentEscrowNotSettler struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotSettler(address caller)
func PaymentEscrowNotSettlerErrorID() common.Hash {
	return common.HexToHash("0xf604cfe7a5171a648fadf25f867cc63d3ac83d49b8d919efa4be56118e871dcc")
}

// UnpackNotSettlerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotSettler(address caller)
func (paymentEscrow *PaymentEscrow) UnpackNotSettlerError(raw []byte) (*PaymentEscrowNotSettler, error) {
	out := new(PaymentEscrowNotSettler)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "NotSettler", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowNotSignerOwner represents a NotSignerOwner error raised by the PaymentEscrow contract.
type PaymentEscrowNotSignerOwner struct {
	Signer common.Address
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotSignerOwner(address signer, address caller)
func PaymentEscrowNotSignerOwnerErrorID() common.Hash {
	return common.HexToHash("0x1312e9df657d6bf234f66faefc4ba642a96803fae49298a1c6444ccecc1d8a4e")
}

// UnpackNotSignerOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotSignerOwner(address signer, address caller)
func (paymentEscrow *PaymentEscrow) UnpackNotSignerOwnerError(raw []byte) (*PaymentEscrowNotSignerOwner, error) {
	out := new(PaymentEscrowNotSignerOwner)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "NotSignerOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowNotThawing represents a NotThawing error raised by the PaymentEscrow contract.
type PaymentEscrowNotThawing struct {
	Payer common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotThawing(address payer)
func PaymentEscrowNotThawingErrorID() common.Hash {
	return common.HexToHash("0x8773aaf687c62246e3de6a70150fb0e8116073e4c2a88c76eebf33af594abe46")
}

// UnpackNotThawingError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotThawing(address payer)
func (paymentEscrow *PaymentEscrow) UnpackNotThawingError(raw []byte) (*PaymentEscrowNotThawing, error) {
	out := new(PaymentEscrowNotThawing)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "NotThawing", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowOverdraft represents a Overdraft error raised by the PaymentEscrow contract.
type PaymentEscrowOverdraft struct {
	Payer   common.Address
	Balance *big.Int
	Charge  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error Overdraft(address payer, uint256 balance, uint256 charge)
func PaymentEscrowOverdraftErrorID() common.Hash {
	return common.HexToHash("0x77f9df6d6c4f4a6242fc551b89938abb59b5bbca83873c96b6026973ea3d201d")
}

// UnpackOverdraftError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error Overdraft(address payer, uint256 balance, uint256 charge)
func (paymentEscrow *PaymentEscrow) UnpackOverdraftError(raw []byte) (*PaymentEscrowOverdraft, error) {
	out := new(PaymentEscrowOverdraft)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "Overdraft", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowPaymentAlreadyClaimed represents a PaymentAlreadyClaimed error raised by the PaymentEscrow contract.
type PaymentEscrowPaymentAlreadyClaimed struct {
	Epoch   uint64
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error PaymentAlreadyClaimed(uint64 epoch, address account)
func PaymentEscrowPaymentAlreadyClaimedErrorID() common.Hash {
	return common.HexToHash("0x1c6a13c495cc076018dda019cefa78b1dd6551b3bec2cdab7205cb19b44e4261")
}

// UnpackPaymentAlreadyClaimedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error PaymentAlreadyClaimed(uint64 epoch, address account)
func (paymentEscrow *PaymentEscrow) UnpackPaymentAlreadyClaimedError(raw []byte) (*PaymentEscrowPaymentAlreadyClaimed, error) {
	out := new(PaymentEscrowPaymentAlreadyClaimed)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "PaymentAlreadyClaimed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowReentrancy represents a Reentrancy error raised by the PaymentEscrow contract.
type PaymentEscrowReentrancy struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error Reentrancy()
func PaymentEscrowReentrancyErrorID() common.Hash {
	return common.HexToHash("0xab143c06c9772d69bbbc9f2fe74acd02f810e93b099f3d1dac8448ac9ae35991")
}

// UnpackReentrancyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error Reentrancy()
func (paymentEscrow *PaymentEscrow) UnpackReentrancyError(raw []byte) (*PaymentEscrowReentrancy, error) {
	out := new(PaymentEscrowReentrancy)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "Reentrancy", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowSettlementMismatch represents a SettlementMismatch error raised by the PaymentEscrow contract.
type PaymentEscrowSettlementMismatch struct {
	Epoch   uint64
	Pool    *big.Int
	Settled *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SettlementMismatch(uint64 epoch, uint256 pool, uint256 settled)
func PaymentEscrowSettlementMismatchErrorID() common.Hash {
	return common.HexToHash("0x9db0682110cea1d82ff9e8505176195611697f155fab65ef335af9a6ca89d456")
}

// UnpackSettlementMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SettlementMismatch(uint64 epoch, uint256 pool, uint256 settled)
func (paymentEscrow *PaymentEscrow) UnpackSettlementMismatchError(raw []byte) (*PaymentEscrowSettlementMismatch, error) {
	out := new(PaymentEscrowSettlementMismatch)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "SettlementMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowSignerBound represents a SignerBound error raised by the PaymentEscrow contract.
type PaymentEscrowSignerBound struct {
	Signer common.Address
	Payer  common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SignerBound(address signer, address payer)
func PaymentEscrowSignerBoundErrorID() common.Hash {
	return common.HexToHash("0x38f1ec862d9da3bcabf6079704ce855ddf0a99ed8bbffc88addb1ed2bb324025")
}

// UnpackSignerBoundError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SignerBound(address signer, address payer)
func (paymentEscrow *PaymentEscrow) UnpackSignerBoundError(raw []byte) (*PaymentEscrowSignerBound, error) {
	out := new(PaymentEscrowSignerBound)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "SignerBound", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowSignerNotThawing represents a SignerNotThawing error raised by the PaymentEscrow contract.
type PaymentEscrowSignerNotThawing struct {
	Signer common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SignerNotThawing(address signer)
func PaymentEscrowSignerNotThawingErrorID() common.Hash {
	return common.HexToHash("0x93b5adf1c1e10a48fbe3cbf15013552e8dc8cea56ea6334bfd30ccb7d9bd7a8d")
}

// UnpackSignerNotThawingError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SignerNotThawing(address signer)
func (paymentEscrow *PaymentEscrow) UnpackSignerNotThawingError(raw []byte) (*PaymentEscrowSignerNotThawing, error) {
	out := new(PaymentEscrowSignerNotThawing)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "SignerNotThawing", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowSignerStillThawing represents a SignerStillThawing error raised by the PaymentEscrow contract.
type PaymentEscrowSignerStillThawing struct {
	Signer  common.Address
	ThawEnd uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SignerStillThawing(address signer, uint64 thawEnd)
func PaymentEscrowSignerStillThawingErrorID() common.Hash {
	return common.HexToHash("0x1906a2134b0b19197bfcc4f0761971407807b2af156f7e33102c8d9fceaabc09")
}

// UnpackSignerStillThawingError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SignerStillThawing(address signer, uint64 thawEnd)
func (paymentEscrow *PaymentEscrow) UnpackSignerStillThawingError(raw []byte) (*PaymentEscrowSignerStillThawing, error) {
	out := new(PaymentEscrowSignerStillThawing)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "SignerStillThawing", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowStillThawing represents a StillThawing error raised by the PaymentEscrow contract.
type PaymentEscrowStillThawing struct {
	Payer   common.Address
	ThawEnd uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StillThawing(address payer, uint64 thawEnd)
func PaymentEscrowStillThawingErrorID() common.Hash {
	return common.HexToHash("0x07ceb4256ca63c1cf9fdbeccab841ad657e786e7d90444e62b77e940a5244124")
}

// UnpackStillThawingError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StillThawing(address payer, uint64 thawEnd)
func (paymentEscrow *PaymentEscrow) UnpackStillThawingError(raw []byte) (*PaymentEscrowStillThawing, error) {
	out := new(PaymentEscrowStillThawing)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "StillThawing", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowTransferFailed represents a TransferFailed error raised by the PaymentEscrow contract.
type PaymentEscrowTransferFailed struct {
	To     common.Address
	Amount *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TransferFailed(address to, uint256 amount)
func PaymentEscrowTransferFailedErrorID() common.Hash {
	return common.HexToHash("0x1c43b9761b3fba5321ca8212bfc231945f668ccc0c446f333999eea9ce8fda81")
}

// UnpackTransferFailedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TransferFailed(address to, uint256 amount)
func (paymentEscrow *PaymentEscrow) UnpackTransferFailedError(raw []byte) (*PaymentEscrowTransferFailed, error) {
	out := new(PaymentEscrowTransferFailed)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "TransferFailed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowUnauthorizedSigner represents a UnauthorizedSigner error raised by the PaymentEscrow contract.
type PaymentEscrowUnauthorizedSigner struct {
	Signer common.Address
	Payer  common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnauthorizedSigner(address signer, address payer)
func PaymentEscrowUnauthorizedSignerErrorID() common.Hash {
	return common.HexToHash("0xaed6208718d1efa5fff0e0ba19b4756c25f13d3b3a9533f98260a674b555623b")
}

// UnpackUnauthorizedSignerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnauthorizedSigner(address signer, address payer)
func (paymentEscrow *PaymentEscrow) UnpackUnauthorizedSignerError(raw []byte) (*PaymentEscrowUnauthorizedSigner, error) {
	out := new(PaymentEscrowUnauthorizedSigner)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "UnauthorizedSigner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowZeroAddress represents a ZeroAddress error raised by the PaymentEscrow contract.
type PaymentEscrowZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func PaymentEscrowZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (paymentEscrow *PaymentEscrow) UnpackZeroAddressError(raw []byte) (*PaymentEscrowZeroAddress, error) {
	out := new(PaymentEscrowZeroAddress)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowZeroAmount represents a ZeroAmount error raised by the PaymentEscrow contract.
type PaymentEscrowZeroAmount struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAmount()
func PaymentEscrowZeroAmountErrorID() common.Hash {
	return common.HexToHash("0x1f2a2005cb66a8e145327e8814e243a0996aec9bfe1e15a495778b1236dbd485")
}

// UnpackZeroAmountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAmount()
func (paymentEscrow *PaymentEscrow) UnpackZeroAmountError(raw []byte) (*PaymentEscrowZeroAmount, error) {
	out := new(PaymentEscrowZeroAmount)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "ZeroAmount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PaymentEscrowZeroClaimsRoot represents a ZeroClaimsRoot error raised by the PaymentEscrow contract.
type PaymentEscrowZeroClaimsRoot struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroClaimsRoot()
func PaymentEscrowZeroClaimsRootErrorID() common.Hash {
	return common.HexToHash("0xa230a70794e144b1d314b38e17db03d1e08b6a8296486b6755e537d261c96364")
}

// UnpackZeroClaimsRootError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroClaimsRoot()
func (paymentEscrow *PaymentEscrow) UnpackZeroClaimsRootError(raw []byte) (*PaymentEscrowZeroClaimsRoot, error) {
	out := new(PaymentEscrowZeroClaimsRoot)
	if err := paymentEscrow.abi.UnpackIntoInterface(out, "ZeroClaimsRoot", raw); err != nil {
		return nil, err
	}
	return out, nil
}
