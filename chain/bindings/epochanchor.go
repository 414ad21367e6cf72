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

// EpochAnchorEpoch is an auto generated low-level Go binding around an user-defined struct.
type EpochAnchorEpoch struct {
	ReceiptsRoot     [32]byte
	PointsRoot       [32]byte
	DaCommitmentHash [32]byte
	AnchoredAt       *big.Int
	BlockNumber      *big.Int
	Aggregator       common.Address
}

// EpochAnchorMetaData contains all meta data concerning the EpochAnchor contract.
var EpochAnchorMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"length\",\"type\":\"uint256\"}],\"name\":\"BadDACommitment\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"}],\"name\":\"EpochAlreadyAnchored\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotAdmin\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotAggregator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotPendingAdmin\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousAdmin\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newAdmin\",\"type\":\"address\"}],\"name\":\"AdminTransferStarted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousAdmin\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newAdmin\",\"type\":\"address\"}],\"name\":\"AdminTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"aggregator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"authorised\",\"type\":\"bool\"}],\"name\":\"AggregatorSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"receiptsRoot\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"pointsRoot\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"daCommitmentHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"daCommitment\",\"type\":\"bytes\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"aggregator\",\"type\":\"address\"}],\"name\":\"Anchored\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"MAX_DA_COMMITMENT\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"acceptAdmin\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"admin\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"receiptsRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"pointsRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"daCommitment\",\"type\":\"bytes\"}],\"name\":\"anchor\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"anchoredCount\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"}],\"name\":\"getEpoch\",\"outputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"receiptsRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"pointsRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"daCommitmentHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint48\",\"name\":\"anchoredAt\",\"type\":\"uint48\"},{\"internalType\":\"uint48\",\"name\":\"blockNumber\",\"type\":\"uint48\"},{\"internalType\":\"address\",\"name\":\"aggregator\",\"type\":\"address\"}],\"internalType\":\"structEpochAnchor.Epoch\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"isAggregator\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"latestEpoch\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"pendingAdmin\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"}],\"name\":\"rootsOf\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"receiptsRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"pointsRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bool\",\"name\":\"anchored\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"aggregator\",\"type\":\"address\"},{\"internalType\":\"bool\",\"name\":\"authorised\",\"type\":\"bool\"}],\"name\":\"setAggregator\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newAdmin\",\"type\":\"address\"}],\"name\":\"transferAdmin\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "EpochAnchor",
	Bin: "0x6080604052348015600e575f5ffd5b505f80546001600160a01b0319163390811782556040519091907ff8ccb027dfcd135e000e9d45e6cc2d662578a8825d4c45b5e32e0adf67e79ec6908290a36108d68061005a5f395ff3fe608060405234801561000f575f5ffd5b50600436106100b1575f3560e01c80638ab626da1161006e5780638ab626da1461026a5780639cb118bf1461029c578063c1488069146102af578063c204cf93146102c2578063d74a8f11146102d5578063f851a44014610336575f5ffd5b80630e18b681146100b557806312a02c82146100bf5780631e8f3c95146101e357806326782247146102155780632fed87211461024057806375829def14610257575b5f5ffd5b6100bd610348565b005b6101776100cd36600461073a565b6040805160c0810182525f80825260208201819052918101829052606081018290526080810182905260a0810191909152506001600160401b03165f90815260036020818152604092839020835160c0810185528154815260018201549281019290925260028101549382019390935291015465ffffffffffff808216606084015266010000000000008204166080830152600160601b90046001600160a01b031660a082015290565b6040516101da91905f60c08201905082518252602083015160208301526040830151604083015265ffffffffffff606084015116606083015265ffffffffffff608084015116608083015260018060a01b0360a08401511660a083015292915050565b60405180910390f35b6102056101f1366004610770565b60026020525f908152604090205460ff1681565b60405190151581526020016101da565b600154610228906001600160a01b031681565b6040516001600160a01b0390911681526020016101da565b61024961200081565b6040519081526020016101da565b6100bd610265366004610770565b6103d0565b60045461028490600160401b90046001600160401b031681565b6040516001600160401b0390911681526020016101da565b600454610284906001600160401b031681565b6100bd6102bd366004610789565b61046e565b6100bd6102d03660046107c2565b61051f565b6103196102e336600461073a565b6001600160401b03165f9081526003602081905260409091208054600182015491909201549192909165ffffffffffff16151590565b6040805193845260208401929092521515908201526060016101da565b5f54610228906001600160a01b031681565b6001546001600160a01b0316331461037a57604051631d0022d160e01b81523360048201526024015b60405180910390fd5b5f805460405133926001600160a01b03909216917ff8ccb027dfcd135e000e9d45e6cc2d662578a8825d4c45b5e32e0adf67e79ec691a35f80546001600160a01b03199081163317909155600180549091169055565b5f546001600160a01b031633146103fc57604051630bd4212160e11b8152336004820152602401610371565b6001600160a01b0381166104235760405163d92e233d60e01b815260040160405180910390fd5b600180546001600160a01b0319166001600160a01b03831690811790915560405133907fe5cd1c804f1c9cc6d7009e4c0fb532f0e2d8863524c3323a6b3790c3f80bf25c905f90a350565b5f546001600160a01b0316331461049a57604051630bd4212160e11b8152336004820152602401610371565b6001600160a01b0382166104c15760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0382165f81815260026020908152604091829020805460ff191685151590811790915591519182527fec57dfb25ceb91824ddcccf9134e3dec0e7de69251394efb93c925315aa32f30910160405180910390a25050565b335f9081526002602052604090205460ff16610550576040516337705b1f60e01b8152336004820152602401610371565b6001600160401b0385165f9081526003602081905260409091209081015465ffffffffffff161561059f57604051637abfdf7560e01b81526001600160401b0387166004820152602401610371565b8115806105ad575061200082115b156105ce57604051635d0c395360e11b815260048101839052602401610371565b5f83836040516105df92919061084e565b60405190819003902086835560018301869055600283018190556003830180544265ffffffffffff9081166bffffffffffffffffffffffff19909216919091176601000000000000439290921691909102176bffffffffffffffffffffffff1633600160601b02179055600454909150600160401b90046001600160401b031680158061067a57506004546001600160401b03908116908916115b1561069c576004805467ffffffffffffffff19166001600160401b038a161790555b600480546001600160401b03600184018116600160401b026fffffffffffffffff0000000000000000199092169190911790915560405133918a16907f2e105c48c1f998177cd368d6f77bea30c8272c80adc2594bf481e5ea93a009839061070d908b908b9088908c908c9061085d565b60405180910390a35050505050505050565b80356001600160401b0381168114610735575f5ffd5b919050565b5f6020828403121561074a575f5ffd5b6107538261071f565b9392505050565b80356001600160a01b0381168114610735575f5ffd5b5f60208284031215610780575f5ffd5b6107538261075a565b5f5f6040838503121561079a575f5ffd5b6107a38361075a565b9150602083013580151581146107b7575f5ffd5b809150509250929050565b5f5f5f5f5f608086880312156107d6575f5ffd5b6107df8661071f565b9450602086013593506040860135925060608601356001600160401b03811115610807575f5ffd5b8601601f81018813610817575f5ffd5b80356001600160401b0381111561082c575f5ffd5b88602082840101111561083d575f5ffd5b959894975092955050506020019190565b818382375f9101908152919050565b85815284602082015283604082015260806060820152816080820152818360a08301375f81830160a090810191909152601f909201601f1916010194935050505056fea2646970667358221220bfc9e3a9b68e4348072399826ae728cbcc8c45e27c8bbaee11a2b217c818522864736f6c63430008250033",
}

// EpochAnchor is an auto generated Go binding around an Ethereum contract.
type EpochAnchor struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *EpochAnchor) GetABI() abi.ABI {
	return c.abi
}

// NewEpochAnchor creates a new instance of EpochAnchor.
func NewEpochAnchor() *EpochAnchor {
	parsed, err := EpochAnchorMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &EpochAnchor{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *EpochAnchor) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackMAXDACOMMITMENT is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2fed8721.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_DA_COMMITMENT() view returns(uint256)
func (epochAnchor *EpochAnchor) PackMAXDACOMMITMENT() []byte {
	enc, err := epochAnchor.abi.Pack("MAX_DA_COMMITMENT")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXDACOMMITMENT is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2fed8721.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_DA_COMMITMENT() view returns(uint256)
func (epochAnchor *EpochAnchor) TryPackMAXDACOMMITMENT() ([]byte, error) {
	return epochAnchor.abi.Pack("MAX_DA_COMMITMENT")
}

// UnpackMAXDACOMMITMENT is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2fed8721.
//
// Solidity: function MAX_DA_COMMITMENT() view returns(uint256)
func (epochAnchor *EpochAnchor) UnpackMAXDACOMMITMENT(data []byte) (*big.Int, error) {
	out, err := epochAnchor.abi.Unpack("MAX_DA_COMMITMENT", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackAcceptAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0e18b681.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function acceptAdmin() returns()
func (epochAnchor *EpochAnchor) PackAcceptAdmin() []byte {
	enc, err := epochAnchor.abi.Pack("acceptAdmin")
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
func (epochAnchor *EpochAnchor) TryPackAcceptAdmin() ([]byte, error) {
	return epochAnchor.abi.Pack("acceptAdmin")
}

// PackAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf851a440.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function admin() view returns(address)
func (epochAnchor *EpochAnchor) PackAdmin() []byte {
	enc, err := epochAnchor.abi.Pack("admin")
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
func (epochAnchor *EpochAnchor) TryPackAdmin() ([]byte, error) {
	return epochAnchor.abi.Pack("admin")
}

// UnpackAdmin is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf851a440.
//
// Solidity: function admin() view returns(address)
func (epochAnchor *EpochAnchor) UnpackAdmin(data []byte) (common.Address, error) {
	out, err := epochAnchor.abi.Unpack("admin", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackAnchor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc204cf93.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function anchor(uint64 epoch, bytes32 receiptsRoot, bytes32 pointsRoot, bytes daCommitment) returns()
func (epochAnchor *EpochAnchor) PackAnchor(epoch uint64, receiptsRoot [32]byte, pointsRoot [32]byte, daCommitment []byte) []byte {
	enc, err := epochAnchor.abi.Pack("anchor", epoch, receiptsRoot, pointsRoot, daCommitment)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAnchor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc204cf93.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function anchor(uint64 epoch, bytes32 receiptsRoot, bytes32 pointsRoot, bytes daCommitment) returns()
func (epochAnchor *EpochAnchor) TryPackAnchor(epoch uint64, receiptsRoot [32]byte, pointsRoot [32]byte, daCommitment []byte) ([]byte, error) {
	return epochAnchor.abi.Pack("anchor", epoch, receiptsRoot, pointsRoot, daCommitment)
}

// PackAnchoredCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8ab626da.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function anchoredCount() view returns(uint64)
func (epochAnchor *EpochAnchor) PackAnchoredCount() []byte {
	enc, err := epochAnchor.abi.Pack("anchoredCount")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAnchoredCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8ab626da.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function anchoredCount() view returns(uint64)
func (epochAnchor *EpochAnchor) TryPackAnchoredCount() ([]byte, error) {
	return epochAnchor.abi.Pack("anchoredCount")
}

// UnpackAnchoredCount is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8ab626da.
//
// Solidity: function anchoredCount() view returns(uint64)
func (epochAnchor *EpochAnchor) UnpackAnchoredCount(data []byte) (uint64, error) {
	out, err := epochAnchor.abi.Unpack("anchoredCount", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackGetEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x12a02c82.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getEpoch(uint64 epoch) view returns((bytes32,bytes32,bytes32,uint48,uint48,address))
func (epochAnchor *EpochAnchor) PackGetEpoch(epoch uint64) []byte {
	enc, err := epochAnchor.abi.Pack("getEpoch", epoch)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x12a02c82.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getEpoch(uint64 epoch) view returns((bytes32,bytes32,bytes32,uint48,uint48,address))
func (epochAnchor *EpochAnchor) TryPackGetEpoch(epoch uint64) ([]byte, error) {
	return epochAnchor.abi.Pack("getEpoch", epoch)
}

// UnpackGetEpoch is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x12a02c82.
//
// Solidity: function getEpoch(uint64 epoch) view returns((bytes32,bytes32,bytes32,uint48,uint48,address))
func (epochAnchor *EpochAnchor) UnpackGetEpoch(data []byte) (EpochAnchorEpoch, error) {
	out, err := epochAnchor.abi.Unpack("getEpoch", data)
	if err != nil {
		return *new(EpochAnchorEpoch), err
	}
	out0 := *abi.ConvertType(out[0], new(EpochAnchorEpoch)).(*EpochAnchorEpoch)
	return out0, nil
}

// PackIsAggregator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1e8f3c95.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isAggregator(address ) view returns(bool)
func (epochAnchor *EpochAnchor) PackIsAggregator(arg0 common.Address) []byte {
	enc, err := epochAnchor.abi.Pack("isAggregator", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsAggregator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1e8f3c95.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isAggregator(address ) view returns(bool)
func (epochAnchor *EpochAnchor) TryPackIsAggregator(arg0 common.Address) ([]byte, error) {
	return epochAnchor.abi.Pack("isAggregator", arg0)
}

// UnpackIsAggregator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1e8f3c95.
//
// Solidity: function isAggregator(address ) view returns(bool)
func (epochAnchor *EpochAnchor) UnpackIsAggregator(data []byte) (bool, error) {
	out, err := epochAnchor.abi.Unpack("isAggregator", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackLatestEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9cb118bf.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function latestEpoch() view returns(uint64)
func (epochAnchor *EpochAnchor) PackLatestEpoch() []byte {
	enc, err := epochAnchor.abi.Pack("latestEpoch")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLatestEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9cb118bf.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function latestEpoch() view returns(uint64)
func (epochAnchor *EpochAnchor) TryPackLatestEpoch() ([]byte, error) {
	return epochAnchor.abi.Pack("latestEpoch")
}

// UnpackLatestEpoch is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9cb118bf.
//
// Solidity: function latestEpoch() view returns(uint64)
func (epochAnchor *EpochAnchor) UnpackLatestEpoch(data []byte) (uint64, error) {
	out, err := epochAnchor.abi.Unpack("latestEpoch", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackPendingAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x26782247.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function pendingAdmin() view returns(address)
func (epochAnchor *EpochAnchor) PackPendingAdmin() []byte {
	enc, err := epochAnchor.abi.Pack("pendingAdmin")
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
func (epochAnchor *EpochAnchor) TryPackPendingAdmin() ([]byte, error) {
	return epochAnchor.abi.Pack("pendingAdmin")
}

// UnpackPendingAdmin is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x26782247.
//
// Solidity: function pendingAdmin() view returns(address)
func (epochAnchor *EpochAnchor) UnpackPendingAdmin(data []byte) (common.Address, error) {
	out, err := epochAnchor.abi.Unpack("pendingAdmin", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackRootsOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd74a8f11.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function rootsOf(uint64 epoch) view returns(bytes32 receiptsRoot, bytes32 pointsRoot, bool anchored)
func (epochAnchor *EpochAnchor) PackRootsOf(epoch uint64) []byte {
	enc, err := epochAnchor.abi.Pack("rootsOf", epoch)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRootsOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd74a8f11.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function rootsOf(uint64 epoch) view returns(bytes32 receiptsRoot, bytes32 pointsRoot, bool anchored)
func (epochAnchor *EpochAnchor) TryPackRootsOf(epoch uint64) ([]byte, error) {
	return epochAnchor.abi.Pack("rootsOf", epoch)
}

// RootsOfOutput serves as a container for the return parameters of contract
// method RootsOf.
type RootsOfOutput struct {
	ReceiptsRoot [32]byte
	PointsRoot   [32]byte
	Anchored     bool
}

// UnpackRootsOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd74a8f11.
//
// Solidity: function rootsOf(uint64 epoch) view returns(bytes32 receiptsRoot, bytes32 pointsRoot, bool anchored)
func (epochAnchor *EpochAnchor) UnpackRootsOf(data []byte) (RootsOfOutput, error) {
	out, err := epochAnchor.abi.Unpack("rootsOf", data)
	outstruct := new(RootsOfOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.ReceiptsRoot = *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	outstruct.PointsRoot = *abi.ConvertType(out[1], new([32]byte)).(*[32]byte)
	outstruct.Anchored = *abi.ConvertType(out[2], new(bool)).(*bool)
	return *outstruct, nil
}

// PackSetAggregator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc1488069.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setAggregator(address aggregator, bool authorised) returns()
func (epochAnchor *EpochAnchor) PackSetAggregator(aggregator common.Address, authorised bool) []byte {
	enc, err := epochAnchor.abi.Pack("setAggregator", aggregator, authorised)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetAggregator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc1488069.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setAggregator(address aggregator, bool authorised) returns()
func (epochAnchor *EpochAnchor) TryPackSetAggregator(aggregator common.Address, authorised bool) ([]byte, error) {
	return epochAnchor.abi.Pack("setAggregator", aggregator, authorised)
}

// PackTransferAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x75829def.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferAdmin(address newAdmin) returns()
func (epochAnchor *EpochAnchor) PackTransferAdmin(newAdmin common.Address) []byte {
	enc, err := epochAnchor.abi.Pack("transferAdmin", newAdmin)
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
func (epochAnchor *EpochAnchor) TryPackTransferAdmin(newAdmin common.Address) ([]byte, error) {
	return epochAnchor.abi.Pack("transferAdmin", newAdmin)
}

// EpochAnchorAdminTransferStarted represents a AdminTransferStarted event raised by the EpochAnchor contract.
type EpochAnchorAdminTransferStarted struct {
	PreviousAdmin common.Address
	NewAdmin      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const EpochAnchorAdminTransferStartedEventName = "AdminTransferStarted"

// ContractEventName returns the user-defined event name.
func (EpochAnchorAdminTransferStarted) ContractEventName() string {
	return EpochAnchorAdminTransferStartedEventName
}

// UnpackAdminTransferStartedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AdminTransferStarted(address indexed previousAdmin, address indexed newAdmin)
func (epochAnchor *EpochAnchor) UnpackAdminTransferStartedEvent(log *types.Log) (*EpochAnchorAdminTransferStarted, error) {
	event := "AdminTransferStarted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != epochAnchor.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(EpochAnchorAdminTransferStarted)
	if len(log.Data) > 0 {
		if err := epochAnchor.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range epochAnchor.abi.Events[event].Inputs {
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

// EpochAnchorAdminTransferred represents a AdminTransferred event raised by the EpochAnchor contract.
type EpochAnchorAdminTransferred struct {
	PreviousAdmin common.Address
	NewAdmin      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const EpochAnchorAdminTransferredEventName = "AdminTransferred"

// ContractEventName returns the user-defined event name.
func (EpochAnchorAdminTransferred) ContractEventName() string {
	return EpochAnchorAdminTransferredEventName
}

// UnpackAdminTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AdminTransferred(address indexed previousAdmin, address indexed newAdmin)
func (epochAnchor *EpochAnchor) UnpackAdminTransferredEvent(log *types.Log) (*EpochAnchorAdminTransferred, error) {
	event := "AdminTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != epochAnchor.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(EpochAnchorAdminTransferred)
	if len(log.Data) > 0 {
		if err := epochAnchor.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range epochAnchor.abi.Events[event].Inputs {
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

// EpochAnchorAggregatorSet represents a AggregatorSet event raised by the EpochAnchor contract.
type EpochAnchorAggregatorSet struct {
	Aggregator common.Address
	Authorised bool
	Raw        *types.Log // Blockchain specific contextual infos
}

const EpochAnchorAggregatorSetEventName = "AggregatorSet"

// ContractEventName returns the user-defined event name.
func (EpochAnchorAggregatorSet) ContractEventName() string {
	return EpochAnchorAggregatorSetEventName
}

// UnpackAggregatorSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AggregatorSet(address indexed aggregator, bool authorised)
func (epochAnchor *EpochAnchor) UnpackAggregatorSetEvent(log *types.Log) (*EpochAnchorAggregatorSet, error) {
	event := "AggregatorSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != epochAnchor.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(EpochAnchorAggregatorSet)
	if len(log.Data) > 0 {
		if err := epochAnchor.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range epochAnchor.abi.Events[event].Inputs {
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

// EpochAnchorAnchored represents a Anchored event raised by the EpochAnchor contract.
type EpochAnchorAnchored struct {
	Epoch            uint64
	ReceiptsRoot     [32]byte
	PointsRoot       [32]byte
	DaCommitmentHash [32]byte
	DaCommitment     []byte
	Aggregator       common.Address
	Raw              *types.Log // Blockchain specific contextual infos
}

const EpochAnchorAnchoredEventName = "Anchored"

// ContractEventName returns the user-defined event name.
func (EpochAnchorAnchored) ContractEventName() string {
	return EpochAnchorAnchoredEventName
}

// UnpackAnchoredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Anchored(uint64 indexed epoch, bytes32 receiptsRoot, bytes32 pointsRoot, bytes32 daCommitmentHash, bytes daCommitment, address indexed aggregator)
func (epochAnchor *EpochAnchor) UnpackAnchoredEvent(log *types.Log) (*EpochAnchorAnchored, error) {
	event := "Anchored"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != epochAnchor.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(EpochAnchorAnchored)
	if len(log.Data) > 0 {
		if err := epochAnchor.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range epochAnchor.abi.Events[event].Inputs {
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
func (epochAnchor *EpochAnchor) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], epochAnchor.abi.Errors["BadDACommitment"].ID.Bytes()[:4]) {
		return epochAnchor.UnpackBadDACommitmentError(raw[4:])
	}
	if bytes.Equal(raw[:4], epochAnchor.abi.Errors["EpochAlreadyAnchored"].ID.Bytes()[:4]) {
		return epochAnchor.UnpackEpochAlreadyAnchoredError(raw[4:])
	}
	if bytes.Equal(raw[:4], epochAnchor.abi.Errors["NotAdmin"].ID.Bytes()[:4]) {
		return epochAnchor.UnpackNotAdminError(raw[4:])
	}
	if bytes.Equal(raw[:4], epochAnchor.abi.Errors["NotAggregator"].ID.Bytes()[:4]) {
		return epochAnchor.UnpackNotAggregatorError(raw[4:])
	}
	if bytes.Equal(raw[:4], epochAnchor.abi.Errors["NotPendingAdmin"].ID.Bytes()[:4]) {
		return epochAnchor.UnpackNotPendingAdminError(raw[4:])
	}
	if bytes.Equal(raw[:4], epochAnchor.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return epochAnchor.UnpackZeroAddressError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// EpochAnchorBadDACommitment represents a BadDACommitment error raised by the EpochAnchor contract.
type EpochAnchorBadDACommitment struct {
	Length *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadDACommitment(uint256 length)
func EpochAnchorBadDACommitmentErrorID() common.Hash {
	return common.HexToHash("0xba1872a6ec29ee35377b90e2ac094dafc3dd059a925bf6df87425de13b3f0691")
}

// UnpackBadDACommitmentError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadDACommitment(uint256 length)
func (epochAnchor *EpochAnchor) UnpackBadDACommitmentError(raw []byte) (*EpochAnchorBadDACommitment, error) {
	out := new(EpochAnchorBadDACommitment)
	if err := epochAnchor.abi.UnpackIntoInterface(out, "BadDACommitment", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EpochAnchorEpochAlreadyAnchored represents a EpochAlreadyAnchored error raised by the EpochAnchor contract.
type EpochAnchorEpochAlreadyAnchored struct {
	Epoch uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EpochAlreadyAnchored(uint64 epoch)
func EpochAnchorEpochAlreadyAnchoredErrorID() common.Hash {
	return common.HexToHash("0x7abfdf75446d3c7fca6dddf3e50bce3b22a13273ae3bc765bef65ed730619e4f")
}

// UnpackEpochAlreadyAnchoredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EpochAlreadyAnchored(uint64 epoch)
func (epochAnchor *EpochAnchor) UnpackEpochAlreadyAnchoredError(raw []byte) (*EpochAnchorEpochAlreadyAnchored, error) {
	out := new(EpochAnchorEpochAlreadyAnchored)
	if err := epochAnchor.abi.UnpackIntoInterface(out, "EpochAlreadyAnchored", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EpochAnchorNotAdmin represents a NotAdmin error raised by the EpochAnchor contract.
type EpochAnchorNotAdmin struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotAdmin(address caller)
func EpochAnchorNotAdminErrorID() common.Hash {
	return common.HexToHash("0x17a8424239494df835a470bd5e48f10a94b5febfef662a1917fe31decebbedeb")
}

// UnpackNotAdminError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotAdmin(address caller)
func (epochAnchor *EpochAnchor) UnpackNotAdminError(raw []byte) (*EpochAnchorNotAdmin, error) {
	out := new(EpochAnchorNotAdmin)
	if err := epochAnchor.abi.UnpackIntoInterface(out, "NotAdmin", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EpochAnchorNotAggregator represents a NotAggregator error raised by the EpochAnchor contract.
type EpochAnchorNotAggregator struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotAggregator(address caller)
func EpochAnchorNotAggregatorErrorID() common.Hash {
	return common.HexToHash("0x37705b1fb27ba684b41fd001b6a304ab32525cc6f74237375bc587926ab29d6a")
}

// UnpackNotAggregatorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotAggregator(address caller)
func (epochAnchor *EpochAnchor) UnpackNotAggregatorError(raw []byte) (*EpochAnchorNotAggregator, error) {
	out := new(EpochAnchorNotAggregator)
	if err := epochAnchor.abi.UnpackIntoInterface(out, "NotAggregator", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EpochAnchorNotPendingAdmin represents a NotPendingAdmin error raised by the EpochAnchor contract.
type EpochAnchorNotPendingAdmin struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotPendingAdmin(address caller)
func EpochAnchorNotPendingAdminErrorID() common.Hash {
	return common.HexToHash("0x1d0022d1e4e0a848404922419aaf414bac4ac43f3cccfa7226d53c460353f2e4")
}

// UnpackNotPendingAdminError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotPendingAdmin(address caller)
func (epochAnchor *EpochAnchor) UnpackNotPendingAdminError(raw []byte) (*EpochAnchorNotPendingAdmin, error) {
	out := new(EpochAnchorNotPendingAdmin)
	if err := epochAnchor.abi.UnpackIntoInterface(out, "NotPendingAdmin", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EpochAnchorZeroAddress represents a ZeroAddress error raised by the EpochAnchor contract.
type EpochAnchorZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func EpochAnchorZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (epochAnchor *EpochAnchor) UnpackZeroAddressError(raw []byte) (*EpochAnchorZeroAddress, error) {
	out := new(EpochAnchorZeroAddress)
	if err := epochAnchor.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}
