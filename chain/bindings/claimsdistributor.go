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

// ClaimsDistributorMetaData contains all meta data concerning the ClaimsDistributor contract.
var ClaimsDistributorMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"contractIEpochAnchor\",\"name\":\"anchor_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"claimed\",\"type\":\"uint256\"}],\"name\":\"AlreadyClaimed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"}],\"name\":\"EpochNotAnchored\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidProof\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"cumulativePoints\",\"type\":\"uint256\"}],\"name\":\"Claimed\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"anchor\",\"outputs\":[{\"internalType\":\"contractIEpochAnchor\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"cumulativePoints\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"claim\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"claimed\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalClaimed\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"leaf\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"verifyReceipt\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"bytes\",\"name\":\"encodedLeaf\",\"type\":\"bytes\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"verifyReceiptData\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "ClaimsDistributor",
	Bin: "0x60a060405234801561000f575f5ffd5b506040516108ee3803806108ee83398101604081905261002e91610066565b6001600160a01b0381166100555760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0316608052610093565b5f60208284031215610076575f5ffd5b81516001600160a01b038116811461008c575f5ffd5b9392505050565b60805161082f6100bf5f395f818160d1015281816101530152818161036a0152610461015261082f5ff3fe608060405234801561000f575f5ffd5b5060043610610060575f3560e01c8063a2f94bd314610064578063b2ee03f71461008a578063c884ef83146100ad578063d3fb73b4146100cc578063d54ad2a11461010b578063e93937ff14610114575b5f5ffd5b610077610072366004610625565b610127565b6040519081526020015b60405180910390f35b61009d61009836600461068e565b61033e565b6040519015158152602001610081565b6100776100bb36600461071d565b5f6020819052908152604090205481565b6100f37f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b039091168152602001610081565b61007760015481565b61009d610122366004610736565b610435565b60405163d74a8f1160e01b81526001600160401b03861660048201525f90819081906001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169063d74a8f1190602401606060405180830381865afa158015610198573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906101bc919061078b565b9250925050806101ef5760405163fdd66f0960e01b81526001600160401b03891660048201526024015b60405180910390fd5b604080516001600160a01b03891660208201526001600160401b038a1691810191909152606081018790525f90610237906080016040516020818303038152906040526104ee565b905061024586868584610526565b610262576040516309bde33960e01b815260040160405180910390fd5b6001600160a01b0388165f908152602081905260409020548088116102ac5760405163732750ed60e11b81526001600160a01b038a166004820152602481018290526044016101e6565b6001600160a01b0389165f90815260208190526040812089905560018054838b0397508792906102dd9084906107c6565b909155505060408051868152602081018a90526001600160401b038c16916001600160a01b038c16917f88a7db4a16aa2f92fb47e828715180e094ab5560fc9c2c652b1bfeaaa7dd7734910160405180910390a35050505095945050505050565b60405163d74a8f1160e01b81526001600160401b03861660048201525f90819081906001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169063d74a8f1190602401606060405180830381865afa1580156103af573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906103d3919061078b565b925050915080801561042957506104298585846104248b8b8080601f0160208091040260200160405190810160405280939291908181526020018383808284375f920191909152506104ee92505050565b610526565b98975050505050505050565b60405163d74a8f1160e01b81526001600160401b03851660048201525f90819081906001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169063d74a8f1190602401606060405180830381865afa1580156104a6573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906104ca919061078b565b92505091508080156104e357506104e385858489610526565b979650505050505050565b5f818051906020012060405160200161050991815260200190565b604051602081830303815290604052805190602001209050919050565b5f8261053386868561053d565b1495945050505050565b805f5b838110156105745761056a8286868481811061055e5761055e6107e5565b9050602002013561057c565b9150600101610540565b509392505050565b5f818310610596575f8281526020849052604090206105a4565b5f8381526020839052604090205b90505b92915050565b80356001600160401b03811681146105c3575f5ffd5b919050565b80356001600160a01b03811681146105c3575f5ffd5b5f5f83601f8401126105ee575f5ffd5b5081356001600160401b03811115610604575f5ffd5b6020830191508360208260051b850101111561061e575f5ffd5b9250929050565b5f5f5f5f5f60808688031215610639575f5ffd5b610642866105ad565b9450610650602087016105c8565b93506040860135925060608601356001600160401b03811115610671575f5ffd5b61067d888289016105de565b969995985093965092949392505050565b5f5f5f5f5f606086880312156106a2575f5ffd5b6106ab866105ad565b945060208601356001600160401b038111156106c5575f5ffd5b8601601f810188136106d5575f5ffd5b80356001600160401b038111156106ea575f5ffd5b8860208284010111156106fb575f5ffd5b6020919091019450925060408601356001600160401b03811115610671575f5ffd5b5f6020828403121561072d575f5ffd5b6105a4826105c8565b5f5f5f5f60608587031215610749575f5ffd5b610752856105ad565b93506020850135925060408501356001600160401b03811115610773575f5ffd5b61077f878288016105de565b95989497509550505050565b5f5f5f6060848603121561079d575f5ffd5b835160208501516040860151919450925080151581146107bb575f5ffd5b809150509250925092565b808201808211156105a757634e487b7160e01b5f52601160045260245ffd5b634e487b7160e01b5f52603260045260245ffdfea2646970667358221220abe9924e8fcf8ccacedc144bb21869436e1d5f4bb6086c2f1f5f34a65c388a6564736f6c63430008250033",
}

// ClaimsDistributor is an auto generated Go binding around an Ethereum contract.
type ClaimsDistributor struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *ClaimsDistributor) GetABI() abi.ABI {
	return c.abi
}

// NewClaimsDistributor creates a new instance of ClaimsDistributor.
func NewClaimsDistributor() *ClaimsDistributor {
	parsed, err := ClaimsDistributorMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &ClaimsDistributor{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *ClaimsDistributor) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address anchor_) returns()
func (claimsDistributor *ClaimsDistributor) PackConstructor(anchor_ common.Address) []byte {
	enc, err := claimsDistributor.abi.Pack("", anchor_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackAnchor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd3fb73b4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function anchor() view returns(address)
func (claimsDistributor *ClaimsDistributor) PackAnchor() []byte {
	enc, err := claimsDistributor.abi.Pack("anchor")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAnchor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd3fb73b4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function anchor() view returns(address)
func (claimsDistributor *ClaimsDistributor) TryPackAnchor() ([]byte, error) {
	return claimsDistributor.abi.Pack("anchor")
}

// UnpackAnchor is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd3fb73b4.
//
// Solidity: function anchor() view returns(address)
func (claimsDistributor *ClaimsDistributor) UnpackAnchor(data []byte) (common.Address, error) {
	out, err := claimsDistributor.abi.Unpack("anchor", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackClaim is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa2f94bd3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claim(uint64 epoch, address account, uint256 cumulativePoints, bytes32[] proof) returns(uint256 amount)
func (claimsDistributor *ClaimsDistributor) PackClaim(epoch uint64, account common.Address, cumulativePoints *big.Int, proof [][32]byte) []byte {
	enc, err := claimsDistributor.abi.Pack("claim", epoch, account, cumulativePoints, proof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaim is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa2f94bd3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claim(uint64 epoch, address account, uint256 cumulativePoints, bytes32[] proof) returns(uint256 amount)
func (claimsDistributor *ClaimsDistributor) TryPackClaim(epoch uint64, account common.Address, cumulativePoints *big.Int, proof [][32]byte) ([]byte, error) {
	return claimsDistributor.abi.Pack("claim", epoch, account, cumulativePoints, proof)
}

// UnpackClaim is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa2f94bd3.
//
// Solidity: function claim(uint64 epoch, address account, uint256 cumulativePoints, bytes32[] proof) returns(uint256 amount)
func (claimsDistributor *ClaimsDistributor) UnpackClaim(data []byte) (*big.Int, error) {
	out, err := claimsDistributor.abi.Unpack("claim", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackClaimed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc884ef83.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claimed(address ) view returns(uint256)
func (claimsDistributor *ClaimsDistributor) PackClaimed(arg0 common.Address) []byte {
	enc, err := claimsDistributor.abi.Pack("claimed", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaimed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc884ef83.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claimed(address ) view returns(uint256)
func (claimsDistributor *ClaimsDistributor) TryPackClaimed(arg0 common.Address) ([]byte, error) {
	return claimsDistributor.abi.Pack("claimed", arg0)
}

// UnpackClaimed is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc884ef83.
//
// Solidity: function claimed(address ) view returns(uint256)
func (claimsDistributor *ClaimsDistributor) UnpackClaimed(data []byte) (*big.Int, error) {
	out, err := claimsDistributor.abi.Unpack("claimed", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTotalClaimed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd54ad2a1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalClaimed() view returns(uint256)
func (claimsDistributor *ClaimsDistributor) PackTotalClaimed() []byte {
	enc, err := claimsDistributor.abi.Pack("totalClaimed")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalClaimed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd54ad2a1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalClaimed() view returns(uint256)
func (claimsDistributor *ClaimsDistributor) TryPackTotalClaimed() ([]byte, error) {
	return claimsDistributor.abi.Pack("totalClaimed")
}

// UnpackTotalClaimed is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd54ad2a1.
//
// Solidity: function totalClaimed() view returns(uint256)
func (claimsDistributor *ClaimsDistributor) UnpackTotalClaimed(data []byte) (*big.Int, error) {
	out, err := claimsDistributor.abi.Unpack("totalClaimed", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackVerifyReceipt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe93937ff.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verifyReceipt(uint64 epoch, bytes32 leaf, bytes32[] proof) view returns(bool)
func (claimsDistributor *ClaimsDistributor) PackVerifyReceipt(epoch uint64, leaf [32]byte, proof [][32]byte) []byte {
	enc, err := claimsDistributor.abi.Pack("verifyReceipt", epoch, leaf, proof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerifyReceipt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe93937ff.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verifyReceipt(uint64 epoch, bytes32 leaf, bytes32[] proof) view returns(bool)
func (claimsDistributor *ClaimsDistributor) TryPackVerifyReceipt(epoch uint64, leaf [32]byte, proof [][32]byte) ([]byte, error) {
	return claimsDistributor.abi.Pack("verifyReceipt", epoch, leaf, proof)
}

// UnpackVerifyReceipt is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe93937ff.
//
// Solidity: function verifyReceipt(uint64 epoch, bytes32 leaf, bytes32[] proof) view returns(bool)
func (claimsDistributor *ClaimsDistributor) UnpackVerifyReceipt(data []byte) (bool, error) {
	out, err := claimsDistributor.abi.Unpack("verifyReceipt", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackVerifyReceiptData is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb2ee03f7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verifyReceiptData(uint64 epoch, bytes encodedLeaf, bytes32[] proof) view returns(bool)
func (claimsDistributor *ClaimsDistributor) PackVerifyReceiptData(epoch uint64, encodedLeaf []byte, proof [][32]byte) []byte {
	enc, err := claimsDistributor.abi.Pack("verifyReceiptData", epoch, encodedLeaf, proof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerifyReceiptData is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb2ee03f7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verifyReceiptData(uint64 epoch, bytes encodedLeaf, bytes32[] proof) view returns(bool)
func (claimsDistributor *ClaimsDistributor) TryPackVerifyReceiptData(epoch uint64, encodedLeaf []byte, proof [][32]byte) ([]byte, error) {
	return claimsDistributor.abi.Pack("verifyReceiptData", epoch, encodedLeaf, proof)
}

// UnpackVerifyReceiptData is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb2ee03f7.
//
// Solidity: function verifyReceiptData(uint64 epoch, bytes encodedLeaf, bytes32[] proof) view returns(bool)
func (claimsDistributor *ClaimsDistributor) UnpackVerifyReceiptData(data []byte) (bool, error) {
	out, err := claimsDistributor.abi.Unpack("verifyReceiptData", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// ClaimsDistributorClaimed represents a Claimed event raised by the ClaimsDistributor contract.
type ClaimsDistributorClaimed struct {
	Account          common.Address
	Epoch            uint64
	Amount           *big.Int
	CumulativePoints *big.Int
	Raw              *types.Log // Blockchain specific contextual infos
}

const ClaimsDistributorClaimedEventName = "Claimed"

// ContractEventName returns the user-defined event name.
func (ClaimsDistributorClaimed) ContractEventName() string {
	return ClaimsDistributorClaimedEventName
}

// UnpackClaimedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Claimed(address indexed account, uint64 indexed epoch, uint256 amount, uint256 cumulativePoints)
func (claimsDistributor *ClaimsDistributor) UnpackClaimedEvent(log *types.Log) (*ClaimsDistributorClaimed, error) {
	event := "Claimed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != claimsDistributor.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ClaimsDistributorClaimed)
	if len(log.Data) > 0 {
		if err := claimsDistributor.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range claimsDistributor.abi.Events[event].Inputs {
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
func (claimsDistributor *ClaimsDistributor) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], claimsDistributor.abi.Errors["AlreadyClaimed"].ID.Bytes()[:4]) {
		return claimsDistributor.UnpackAlreadyClaimedError(raw[4:])
	}
	if bytes.Equal(raw[:4], claimsDistributor.abi.Errors["EpochNotAnchored"].ID.Bytes()[:4]) {
		return claimsDistributor.UnpackEpochNotAnchoredError(raw[4:])
	}
	if bytes.Equal(raw[:4], claimsDistributor.abi.Errors["InvalidProof"].ID.Bytes()[:4]) {
		return claimsDistributor.UnpackInvalidProofError(raw[4:])
	}
	if bytes.Equal(raw[:4], claimsDistributor.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return claimsDistributor.UnpackZeroAddressError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// ClaimsDistributorAlreadyClaimed represents a AlreadyClaimed error raised by the ClaimsDistributor contract.
type ClaimsDistributorAlreadyClaimed struct {
	Account common.Address
	Claimed *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyClaimed(address account, uint256 claimed)
func ClaimsDistributorAlreadyClaimedErrorID() common.Hash {
	return common.HexToHash("0xe64ea1da767015c92d9efdc5311ebc8a9eea0b9ce6c71f3047bcb21a2fcc658e")
}

// UnpackAlreadyClaimedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyClaimed(address account, uint256 claimed)
func (claimsDistributor *ClaimsDistributor) UnpackAlreadyClaimedError(raw []byte) (*ClaimsDistributorAlreadyClaimed, error) {
	out := new(ClaimsDistributorAlreadyClaimed)
	if err := claimsDistributor.abi.UnpackIntoInterface(out, "AlreadyClaimed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ClaimsDistributorEpochNotAnchored represents a EpochNotAnchored error raised by the ClaimsDistributor contract.
type ClaimsDistributorEpochNotAnchored struct {
	Epoch uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EpochNotAnchored(uint64 epoch)
func ClaimsDistributorEpochNotAnchoredErrorID() common.Hash {
	return common.HexToHash("0xfdd66f09e3e0335148d05ffa812e23b41ab1c93ea73617ca6ddd26710f05879d")
}

// UnpackEpochNotAnchoredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EpochNotAnchored(uint64 epoch)
func (claimsDistributor *ClaimsDistributor) UnpackEpochNotAnchoredError(raw []byte) (*ClaimsDistributorEpochNotAnchored, error) {
	out := new(ClaimsDistributorEpochNotAnchored)
	if err := claimsDistributor.abi.UnpackIntoInterface(out, "EpochNotAnchored", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ClaimsDistributorInvalidProof represents a InvalidProof error raised by the ClaimsDistributor contract.
type ClaimsDistributorInvalidProof struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidProof()
func ClaimsDistributorInvalidProofErrorID() common.Hash {
	return common.HexToHash("0x09bde339c6b182be216ee7ef8ccff6338c6ef7993445216112ae575c5438fd27")
}

// UnpackInvalidProofError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidProof()
func (claimsDistributor *ClaimsDistributor) UnpackInvalidProofError(raw []byte) (*ClaimsDistributorInvalidProof, error) {
	out := new(ClaimsDistributorInvalidProof)
	if err := claimsDistributor.abi.UnpackIntoInterface(out, "InvalidProof", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ClaimsDistributorZeroAddress represents a ZeroAddress error raised by the ClaimsDistributor contract.
type ClaimsDistributorZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func ClaimsDistributorZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (claimsDistributor *ClaimsDistributor) UnpackZeroAddressError(raw []byte) (*ClaimsDistributorZeroAddress, error) {
	out := new(ClaimsDistributorZeroAddress)
	if err := claimsDistributor.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}
