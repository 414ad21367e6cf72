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
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"settler_\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"thawingPeriod_\",\"type\":\"uint64\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"}],\"name\":\"AlreadyRedeemed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"charge\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"ChargeExceedsVoucher\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"claimsTotal\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"claimsPaid\",\"type\":\"uint256\"}],\"name\":\"ClaimsExceeded\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"}],\"name\":\"EpochAlreadyFinalized\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"voucherEpoch\",\"type\":\"uint64\"}],\"name\":\"EpochMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"}],\"name\":\"EpochNotFinalized\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"balance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"InsufficientBalance\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidProof\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"length\",\"type\":\"uint256\"}],\"name\":\"InvalidSignatureLength\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"name\":\"InvalidSignatureS\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"}],\"name\":\"InvalidSignatureV\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"operators\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amounts\",\"type\":\"uint256\"}],\"name\":\"LengthMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotAdmin\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotPendingAdmin\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotSettler\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotSignerOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"}],\"name\":\"NotThawing\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"balance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"charge\",\"type\":\"uint256\"}],\"name\":\"Overdraft\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"PaymentAlreadyClaimed\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"Reentrancy\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"pool\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"settled\",\"type\":\"uint256\"}],\"name\":\"SettlementMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"}],\"name\":\"SignerBound\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"SignerNotThawing\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"thawEnd\",\"type\":\"uint64\"}],\"name\":\"SignerStillThawing\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"thawEnd\",\"type\":\"uint64\"}],\"name\":\"StillThawing\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"TransferFailed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"}],\"name\":\"UnauthorizedSigner\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAmount\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroClaimsRoot\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousAdmin\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newAdmin\",\"type\":\"address\"}],\"name\":\"AdminTransferStarted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousAdmin\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newAdmin\",\"type\":\"address\"}],\"name\":\"AdminTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"CreditWithdrawn\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Deposited\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"pool\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"claimsRoot\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"claimsTotal\",\"type\":\"uint256\"}],\"name\":\"Finalized\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"credited\",\"type\":\"bool\"}],\"name\":\"OperatorPaid\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"credited\",\"type\":\"bool\"}],\"name\":\"PaymentClaimed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"charge\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"voucherAmount\",\"type\":\"uint256\"}],\"name\":\"Redeemed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousSettler\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newSettler\",\"type\":\"address\"}],\"name\":\"SettlerSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"SignerAuthorized\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"SignerRevoked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"thawEnd\",\"type\":\"uint64\"}],\"name\":\"SignerThawStarted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"ThawCancelled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"thawEnd\",\"type\":\"uint64\"}],\"name\":\"ThawStarted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Withdrawn\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"AUTHORIZATION_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"DOMAIN_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"PUSH_GAS\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"VOUCHER_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"acceptAdmin\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"admin\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"request\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"model\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"promptPrice\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"outputPrice\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"maxAmount\",\"type\":\"uint256\"}],\"internalType\":\"structPaymentEscrow.Authorization\",\"name\":\"a\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"name\":\"authorizationSigner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"authorizeSigner\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"}],\"name\":\"balances\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"balance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"thawing\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"thawEnd\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"cancelThaw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"claim\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"claimed\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"credits\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"deposit\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"}],\"name\":\"depositTo\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"domainSeparator\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"}],\"name\":\"epochs\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"pool\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"claimsRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"claimsTotal\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"claimsPaid\",\"type\":\"uint256\"},{\"internalType\":\"bool\",\"name\":\"finalized\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"address[]\",\"name\":\"operators\",\"type\":\"address[]\"},{\"internalType\":\"uint256[]\",\"name\":\"amounts\",\"type\":\"uint256[]\"},{\"internalType\":\"bytes32\",\"name\":\"claimsRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"claimsTotal\",\"type\":\"uint256\"}],\"name\":\"finalize\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"request\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"model\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"promptPrice\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"outputPrice\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"maxAmount\",\"type\":\"uint256\"}],\"internalType\":\"structPaymentEscrow.Authorization\",\"name\":\"a\",\"type\":\"tuple\"}],\"name\":\"hashAuthorization\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"internalType\":\"structPaymentEscrow.Voucher\",\"name\":\"v\",\"type\":\"tuple\"}],\"name\":\"hashVoucher\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"payerOf\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"pendingAdmin\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"components\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"internalType\":\"structPaymentEscrow.Voucher\",\"name\":\"voucher\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"},{\"internalType\":\"uint256\",\"name\":\"charge\",\"type\":\"uint256\"}],\"internalType\":\"structPaymentEscrow.Redemption[]\",\"name\":\"rs\",\"type\":\"tuple[]\"}],\"name\":\"redeem\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"}],\"name\":\"redeemed\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"revokeSigner\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newSettler\",\"type\":\"address\"}],\"name\":\"setSettler\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"settler\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"signers\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"payer\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"thawEnd\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"thaw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"thawSigner\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"thawingPeriod\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newAdmin\",\"type\":\"address\"}],\"name\":\"transferAdmin\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"withdraw\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"}],\"name\":\"withdrawCredit\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "PaymentEscrow",
	Bin: "0x60e060405234801561000f575f5ffd5b5060405161275b38038061275b83398101604081905261002e916101a5565b5f80546001600160a01b0319163390811782556040519091907ff8ccb027dfcd135e000e9d45e6cc2d662578a8825d4c45b5e32e0adf67e79ec6908290a36001600160a01b0382166100935760405163d92e233d60e01b815260040160405180910390fd5b600280546001600160a01b0319166001600160a01b0384161790556001600160401b0381166080524660a052610166604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f68c681afd809fe4a0ca40f72251c4cb8c5b6a4ca698d18c9da1a958d60d36557918101919091527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60c0526040516001600160a01b038316905f907f6b63061fabe39ef2658dc9d6ebe65d563186045cb543733c56a454b6542581e6908290a350506101f3565b5f5f604083850312156101b6575f5ffd5b82516001600160a01b03811681146101cc575f5ffd5b60208401519092506001600160401b03811681146101e8575f5ffd5b809150509250929050565b60805160a05160c05161253061022b5f395f61170301525f61162f01525f818161068a01528181610901015261159a01526125305ff3fe6080604052600436106101f1575f3560e01c8063a2f94bd311610108578063cdcb94d01161009d578063e77cfaae1161006d578063e77cfaae1461071e578063f698da251461073d578063f851a44014610751578063fd6ffe601461076f578063fe5ff4681461078e575f5ffd5b8063cdcb94d0146106c4578063d0e30db0146106e3578063e37b1acf146106eb578063e5d831411461070a575f5ffd5b8063bd10b576116100d8578063bd10b5761461061c578063bfe51c101461063b578063c34b44a01461065a578063cdc747dd14610679575f5ffd5b8063a2f94bd31461056c578063a60628e21461058b578063ab221a76146105ea578063b760faf914610609575f5ffd5b80634bd2d7f91161018957806374a4659b1161015957806374a4659b146104a557806375829def146104dc578063919263f7146104fb57806394739e871461051a57806394d757211461054d575f5ffd5b80634bd2d7f9146103605780636c8cc9d9146103e15780637339651214610400578063736c0d5b14610433575f5ffd5b806326782247116101c4578063267822471461028f57806327e235e3146102c65780632b68f2a5146103375780633ccfd60b1461034c575f5ffd5b806307f19eba146101f55780630e18b681146102165780631354f0191461022a57806320606b7014610249575b5f5ffd5b348015610200575f5ffd5b5061021461020f366004612093565b6107b9565b005b348015610221575f5ffd5b5061021461086c565b348015610235575f5ffd5b50610214610244366004612093565b6108ef565b348015610254575f5ffd5b5061027c7f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f81565b6040519081526020015b60405180910390f35b34801561029a575f5ffd5b506001546102ae906001600160a01b031681565b6040516001600160a01b039091168152602001610286565b3480156102d1575f5ffd5b506103136102e0366004612093565b6001600160a01b03165f9081526003602052604090208054600182015460029092015490926001600160401b0390911690565b6040805193845260208401929092526001600160401b031690820152606001610286565b348015610342575f5ffd5b5061027c61753081565b348015610357575f5ffd5b5061027c610996565b34801561036b575f5ffd5b506103b761037a3660046120c2565b6001600160401b03165f9081526006602052604090208054600182015460028301546003840154600490940154929491939092909160ff90911690565b6040805195865260208601949094529284019190915260608301521515608082015260a001610286565b3480156103ec575f5ffd5b5061027c6103fb366004612093565b610ac8565b34801561040b575f5ffd5b5061027c7f1268a911e8d33822ccccf49d1dab7fcff06d0862fb672768f1ec14f479edffb781565b34801561043e575f5ffd5b5061047e61044d366004612093565b6001600160a01b039081165f9081526004602052604090205490811691600160a01b9091046001600160401b031690565b604080516001600160a01b0390931683526001600160401b03909116602083015201610286565b3480156104b0575f5ffd5b506102ae6104bf366004612093565b6001600160a01b039081165f908152600460205260409020541690565b3480156104e7575f5ffd5b506102146104f6366004612093565b610bc2565b348015610506575f5ffd5b506102ae6105153660046120f2565b610c60565b348015610525575f5ffd5b5061027c7f441ff20b32bcd694054b224665c2ec6043bba0cf821cec16238953091985cec381565b348015610558575f5ffd5b5061027c610567366004612171565b610ca6565b348015610577575f5ffd5b506102146105863660046121d1565b610cc1565b348015610596575f5ffd5b506105da6105a536600461223a565b6001600160401b0382165f9081526007602090815260408083206001600160a01b038516845290915290205460ff1692915050565b6040519015158152602001610286565b3480156105f5575f5ffd5b506002546102ae906001600160a01b031681565b610214610617366004612093565b610f4f565b348015610627575f5ffd5b5061027c61063636600461226b565b610f5b565b348015610646575f5ffd5b50610214610655366004612093565b610f70565b348015610665575f5ffd5b50610214610674366004612093565b611058565b348015610684575f5ffd5b506106ac7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160401b039091168152602001610286565b3480156106cf575f5ffd5b506102146106de366004612286565b611138565b610214611459565b3480156106f6575f5ffd5b5061027c610705366004612312565b611464565b348015610715575f5ffd5b506102146114aa565b348015610729575f5ffd5b50610214610738366004612352565b611533565b348015610748575f5ffd5b5061027c61162c565b34801561075c575f5ffd5b505f546102ae906001600160a01b031681565b34801561077a575f5ffd5b50610214610789366004612369565b611725565b348015610799575f5ffd5b5061027c6107a8366004612093565b60086020525f908152604090205481565b5f546001600160a01b031633146107ea57604051630bd4212160e11b81523360048201526024015b60405180910390fd5b6001600160a01b0381166108115760405163d92e233d60e01b815260040160405180910390fd5b6002546040516001600160a01b038084169216907f6b63061fabe39ef2658dc9d6ebe65d563186045cb543733c56a454b6542581e6905f90a3600280546001600160a01b0319166001600160a01b0392909216919091179055565b6001546001600160a01b0316331461089957604051631d0022d160e01b81523360048201526024016107e1565b5f805460405133926001600160a01b03909216917ff8ccb027dfcd135e000e9d45e6cc2d662578a8825d4c45b5e32e0adf67e79ec691a35f80546001600160a01b03199081163317909155600180549091169055565b5f6108f982611b2c565b90505f6109267f0000000000000000000000000000000000000000000000000000000000000000426123cb565b825467ffffffffffffffff60a01b1916600160a01b6001600160401b0383169081029190911784556040519081529091506001600160a01b0384169033907ff9f4310c146dbdec47770f13827c19137a4b715ca862c710da2edc4c79bb0fbe9060200160405180910390a3505050565b5f60ff815c16156109ba5760405163558a1e0360e11b815260040160405180910390fd5b60015f805c60ff19168217905d50335f908152600360205260408120600181015490918190036109ff576040516343b9d57b60e11b81523360048201526024016107e1565b60028201546001600160401b031642811115610a3f576040516307ceb42560e01b81523360048201526001600160401b03821660248201526044016107e1565b8254808310610a4e5780610a50565b825b80820385555f600186015560028501805467ffffffffffffffff1916905560405181815290955033907f7084f5476618d8e60b11ef0d7d3f06914655adb8793e28ff7f018d4c76d505d59060200160405180910390a28415610ab657610ab63386611b7e565b505f92505050805c60ff1916815d5090565b5f60ff815c1615610aec5760405163558a1e0360e11b815260040160405180910390fd5b60015f805c60ff19168217905d506001600160a01b038216610b215760405163d92e233d60e01b815260040160405180910390fd5b50335f9081526008602052604081205490819003610b5257604051631f2a200560e01b815260040160405180910390fd5b335f8181526008602052604080822091909155516001600160a01b03841691907f52fc0f9d902f33823a83590d3549f63f5492a0df5c6b6db8dee20deb94456b2690610ba19085815260200190565b60405180910390a3610bb38282611b7e565b5f60ff19815c16815d50919050565b5f546001600160a01b03163314610bee57604051630bd4212160e11b81523360048201526024016107e1565b6001600160a01b038116610c155760405163d92e233d60e01b815260040160405180910390fd5b600180546001600160a01b0319166001600160a01b03831690811790915560405133907fe5cd1c804f1c9cc6d7009e4c0fb532f0e2d8863524c3323a6b3790c3f80bf25c905f90a350565b5f610c9e610c97610c6f61162c565b610c7887611bbe565b60405161190160f01b8152600281019290925260228201526042902090565b8484611c9d565b949350505050565b5f610cbb610cb261162c565b610c7884611e4e565b92915050565b60ff5f5c1615610ce45760405163558a1e0360e11b815260040160405180910390fd5b60015f805c60ff19168217905d506001600160a01b038416610d195760405163d92e233d60e01b815260040160405180910390fd5b6001600160401b0385165f908152600660205260409020600481015460ff16610d605760405163aaf0896d60e01b81526001600160401b03871660048201526024016107e1565b6001600160401b0386165f9081526007602090815260408083206001600160a01b038916845290915290205460ff1615610dc75760405163071a84f160e21b81526001600160401b03871660048201526001600160a01b03861660248201526044016107e1565b604080516001600160a01b03871660208201526001600160401b03881691810191909152606081018590525f90610e0f90608001604051602081830303815290604052611ee3565b9050610e218484846001015484611efe565b610e3e576040516309bde33960e01b815260040160405180910390fd5b5f858360030154610e4f91906123ea565b600284015490915080821115610e9157604051637246e2e760e01b81526001600160401b038a16600482015260248101829052604481018390526064016107e1565b6001600160401b0389165f9081526007602090815260408083206001600160a01b038c1684529091528120805460ff19166001179055600385018390558715801590610ee45750610ee28989611f15565b155b604080518a815282151560208201529192506001600160a01b038b16916001600160401b038d16917fff339843f66182191aa25ed759aeb3ce6ee50bda6eea8855abbd9765ea8a47c8910160405180910390a3505f93505050815c60ff19169050815d505050505050565b610f5881611f59565b50565b5f610cbb610f6761162c565b610c7884611bbe565b6001600160a01b038116610f975760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b038082165f90815260046020526040902080549091168015801590610fcc57506001600160a01b0381163314155b15610ffd57604051631c78f64360e11b81526001600160a01b038085166004830152821660248201526044016107e1565b81546001600160e01b0319163367ffffffffffffffff60a01b1981169190911783556040516001600160a01b03851691907f6edcdd4150e63c6c36d965976c1c37375609c8b040c50d39e7156437b80e2828905f90a3505050565b5f61106282611b2c565b8054909150600160a01b90046001600160401b03165f8190036110a3576040516393b5adf160e01b81526001600160a01b03841660048201526024016107e1565b806001600160401b03164210156110e757604051631906a21360e01b81526001600160a01b03841660048201526001600160401b03821660248201526044016107e1565b6001600160a01b0383165f8181526004602052604080822080546001600160e01b03191690555133917f2fc91dbd92d741cae16e0315578d7f6cf77043b771692c4bd993658ecfe8942291a3505050565b6002546001600160a01b031633146111655760405163f604cfe760e01b81523360048201526024016107e1565b60ff5f5c16156111885760405163558a1e0360e11b815260040160405180910390fd5b60015f805c60ff19168217905d508483146111c0576040516355c5b3e360e11b815260048101869052602481018490526044016107e1565b6001600160401b0387165f908152600660205260409020600481015460ff16156112085760405163074f357360e31b81526001600160401b03891660048201526024016107e1565b8115801590611215575082155b156112335760405163a230a70760e01b815260040160405180910390fd5b815f5b878110156112bb575f898983818110611251576112516123fd565b90506020020160208101906112669190612093565b6001600160a01b03160361128d5760405163d92e233d60e01b815260040160405180910390fd5b86868281811061129f5761129f6123fd565b90506020020135826112b191906123ea565b9150600101611236565b5081548181146112f757604051639db0682160e01b81526001600160401b038b16600482015260248101829052604481018390526064016107e1565b60048301805460ff1916600190811790915583018590556002830184905560408051828152602081018790529081018590526001600160401b038b16907f534eff1cc795d4d94dca8adb478735aa311de1c94faab829f10085ed286e5cba9060600160405180910390a25f5b88811015611441575f88888381811061137e5761137e6123fd565b905060200201359050805f036113945750611439565b8a8a838181106113a6576113a66123fd565b90506020020160208101906113bb9190612093565b6001600160a01b03168c6001600160401b03167f77dd3871206b7589147cfc4f6c5ed613e1d15eaf56b3f099e0a9c3cfabd06806836114208f8f88818110611405576114056123fd565b905060200201602081019061141a9190612093565b86611f15565b60408051928352901560208301520160405180910390a3505b600101611363565b505f92505050805c60ff1916815d5050505050505050565b61146233611f59565b565b5f60055f85858560405160200161147d93929190612411565b6040516020818303038152906040528051906020012081526020019081526020015f205490509392505050565b335f908152600360205260408120600181015490918190036114e1576040516343b9d57b60e11b81523360048201526024016107e1565b5f600183015560028201805467ffffffffffffffff1916905560405181815233907fd9eac6393fa8466928fd9c38814ee1054221c67036a708ba087bb4aabd2c31ac9060200160405180910390a25050565b805f0361155357604051631f2a200560e01b815260040160405180910390fd5b335f9081526003602052604090208054808311156115945760405163db42144d60e01b815233600482015260248101829052604481018490526064016107e1565b5f6115bf7f0000000000000000000000000000000000000000000000000000000000000000426123cb565b6001840185905560028401805467ffffffffffffffff19166001600160401b03831690811790915560408051878152602081019290925291925033917f4053b7038d18a18e006d96982ac3ed2c9d550710f21db8626e4c427e954926bf910160405180910390a250505050565b5f7f00000000000000000000000000000000000000000000000000000000000000004614611700576116fb604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f68c681afd809fe4a0ca40f72251c4cb8c5b6a4ca698d18c9da1a958d60d36557918101919091527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b905090565b507f000000000000000000000000000000000000000000000000000000000000000090565b6002546001600160a01b031633146117525760405163f604cfe760e01b81523360048201526024016107e1565b6001600160401b0383165f908152600660205260409020600481015460ff161561179a5760405163074f357360e31b81526001600160401b03851660048201526024016107e1565b5f6117a361162c565b90505f805b84811015611b0c57368686838181106117c3576117c36123fd565b90506020028101906117d5919061243d565b9050806001600160401b0389166117f260608301604084016120c2565b6001600160401b03161461183d578861181160608301604084016120c2565b6040516375174c0b60e01b81526001600160401b039283166004820152911660248201526044016107e1565b60a082013560608201358111156118745760405163315a2ce160e11b815260048101829052606083013560248201526044016107e1565b5f6118826020840184612093565b6118926040850160208601612093565b8c6040516020016118a593929190612411565b60408051601f1981840301815291815281516020928301205f81815260059093529120549091501561190b576118de6020840184612093565b6118ee6040850160208601612093565b8c604051631b77a8fd60e11b81526004016107e193929190612411565b5f61192e61191c89610c7887611e4e565b611929608088018861245b565b611c9d565b905061193d6020850185612093565b6001600160a01b0316816001600160a01b0316146119db576001600160a01b038082165f908152600460205260409020541680158061199a57506119846020860186612093565b6001600160a01b0316816001600160a01b031614155b156119d957816119ad6020870187612093565b60405163aed6208760e01b81526001600160a01b039283166004820152911660248201526044016107e1565b505b5f6003816119ec6020880188612093565b6001600160a01b0316815260208101919091526040015f20805490915080851115611a5157611a1e6020870187612093565b6040516377f9df6d60e01b81526001600160a01b03909116600482015260248101829052604481018690526064016107e1565b8481038255611a618560016123ea565b5f85815260056020526040902055611a79858a6123ea565b9850611a8b6040870160208801612093565b6001600160a01b0316611aa16020880188612093565b6001600160a01b03168f6001600160401b03167f318746a846eac10330ae72a2ee49692198f49362df8e84214f813f7a769f9627888a60600135604051611af2929190918252602082015260400190565b60405180910390a4505050505050508060010190506117a8565b5080835f015f828254611b1f91906123ea565b9091555050505050505050565b6001600160a01b038082165f90815260046020526040902080549091163314611b7957604051631312e9df60e01b81526001600160a01b03831660048201523360248201526044016107e1565b919050565b5f5f5f5f5f85875af1905080611bb957604051630e21dcbb60e11b81526001600160a01b0384166004820152602481018390526044016107e1565b505050565b5f7f1268a911e8d33822ccccf49d1dab7fcff06d0862fb672768f1ec14f479edffb7611bed6020840184612093565b611bfd6040850160208601612093565b60408501356060860135611c1760a08801608089016120c2565b6040805160208101979097526001600160a01b0395861690870152929093166060850152608084015260a0808401929092526001600160401b031660c0808401919091529084013560e08084019190915290840135610100830152830135610120820152610140015b604051602081830303815290604052805190602001209050919050565b5f60418214611cc25760405163058676ad60e31b8152600481018390526024016107e1565b5f611cd0602082858761249d565b611cd9916124c4565b90505f611cea60406020868861249d565b611cf3916124c4565b90505f85856040818110611d0957611d096123fd565b919091013560f81c915050601b811015611d2b57611d28601b826124e1565b90505b8060ff16601b14158015611d4357508060ff16601c14155b15611d7c5785856040818110611d5b57611d5b6123fd565b604051635d3b7f8160e11b815292013560f81c6004830152506024016107e1565b7f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0821115611dc057604051635682f3bf60e01b8152600481018390526024016107e1565b604080515f81526020810180835289905260ff831691810191909152606081018490526080810183905260019060a0016020604051602081039080840390855afa158015611e10573d5f5f3e3d5ffd5b5050604051601f1901519450506001600160a01b038416611e4457604051638baa579f60e01b815260040160405180910390fd5b5050509392505050565b5f7f441ff20b32bcd694054b224665c2ec6043bba0cf821cec16238953091985cec3611e7d6020840184612093565b611e8d6040850160208601612093565b611e9d60608601604087016120c2565b6040805160208101959095526001600160a01b039384169085015291166060838101919091526001600160401b03909116608083015283013560a082015260c001611c80565b5f8180519060200120604051602001611c8091815260200190565b5f82611f0b86868561200f565b1495945050505050565b5f5f5f5f5f8587617530f1905080610cbb576001600160a01b0383165f9081526008602052604081208054849290611f4e9084906123ea565b909155505092915050565b6001600160a01b038116611f805760405163d92e233d60e01b815260040160405180910390fd5b345f03611fa057604051631f2a200560e01b815260040160405180910390fd5b6001600160a01b0381165f9081526003602052604081208054349290611fc79084906123ea565b909155505060405134815233906001600160a01b038316907f8752a472e571a816aea92eec8dae9baf628e840f4929fbcc2d155e6233ff68a79060200160405180910390a350565b805f5b838110156120465761203c82868684818110612030576120306123fd565b9050602002013561204e565b9150600101612012565b509392505050565b5f818310612068575f828152602084905260409020612076565b5f8381526020839052604090205b9392505050565b80356001600160a01b0381168114611b79575f5ffd5b5f602082840312156120a3575f5ffd5b6120768261207d565b80356001600160401b0381168114611b79575f5ffd5b5f602082840312156120d2575f5ffd5b612076826120ac565b5f61010082840312156120ec575f5ffd5b50919050565b5f5f5f6101208486031215612105575f5ffd5b61210f85856120db565b92506101008401356001600160401b0381111561212a575f5ffd5b8401601f8101861361213a575f5ffd5b80356001600160401b0381111561214f575f5ffd5b866020828401011115612160575f5ffd5b939660209190910195509293505050565b5f6080828403128015612182575f5ffd5b509092915050565b5f5f83601f84011261219a575f5ffd5b5081356001600160401b038111156121b0575f5ffd5b6020830191508360208260051b85010111156121ca575f5ffd5b9250929050565b5f5f5f5f5f608086880312156121e5575f5ffd5b6121ee866120ac565b94506121fc6020870161207d565b93506040860135925060608601356001600160401b0381111561221d575f5ffd5b6122298882890161218a565b969995985093965092949392505050565b5f5f6040838503121561224b575f5ffd5b612254836120ac565b91506122626020840161207d565b90509250929050565b5f610100828403121561227c575f5ffd5b61207683836120db565b5f5f5f5f5f5f5f60a0888a03121561229c575f5ffd5b6122a5886120ac565b965060208801356001600160401b038111156122bf575f5ffd5b6122cb8a828b0161218a565b90975095505060408801356001600160401b038111156122e9575f5ffd5b6122f58a828b0161218a565b989b979a5095989597966060870135966080013595509350505050565b5f5f5f60608486031215612324575f5ffd5b61232d8461207d565b925061233b6020850161207d565b9150612349604085016120ac565b90509250925092565b5f60208284031215612362575f5ffd5b5035919050565b5f5f5f6040848603121561237b575f5ffd5b612384846120ac565b925060208401356001600160401b0381111561239e575f5ffd5b6123aa8682870161218a565b9497909650939450505050565b634e487b7160e01b5f52601160045260245ffd5b6001600160401b038181168382160190811115610cbb57610cbb6123b7565b80820180821115610cbb57610cbb6123b7565b634e487b7160e01b5f52603260045260245ffd5b6001600160a01b0393841681529190921660208201526001600160401b03909116604082015260600190565b5f823560be19833603018112612451575f5ffd5b9190910192915050565b5f5f8335601e19843603018112612470575f5ffd5b8301803591506001600160401b03821115612489575f5ffd5b6020019150368190038213156121ca575f5ffd5b5f5f858511156124ab575f5ffd5b838611156124b7575f5ffd5b5050820193919092039150565b80356020831015610cbb575f19602084900360031b1b1692915050565b60ff8181168382160190811115610cbb57610cbb6123b756fea26469706673582212204e363913ba47586dd6d7486afa7fd0c8adfd95cc0de58b716983618bf759735164736f6c63430008250033",
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
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ClaimsExceeded(uint64 epoch, uint256 claimsTotal, uint256 claimsPaid)
func PaymentEscrowClaimsExceededErrorID() common.Hash {
	return common.HexToHash("0x7246e2e7f80557df0076c272122546945b670585d6f1fc6cad034b58df94a0e6")
}

// UnpackClaimsExceededError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ClaimsExceeded(uint64 epoch, uint256 claimsTotal, uint256 claimsPaid)
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
