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

// RegistryAsset is an auto generated low-level Go binding around an user-defined struct.
type RegistryAsset struct {
	Owner  common.Address
	Kind   uint8
	BaseId [32]byte
	Cid    []byte
}

// RegistryOperator is an auto generated low-level Go binding around an user-defined struct.
type RegistryOperator struct {
	PeerId           []byte
	PricePer1kTokens *big.Int
	RegisteredAt     uint64
	Active           bool
}

// RegistryMetaData contains all meta data concerning the Registry contract.
var RegistryMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"AssetExists\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"baseId\",\"type\":\"bytes32\"}],\"name\":\"BadBase\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"length\",\"type\":\"uint256\"}],\"name\":\"BadCid\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"length\",\"type\":\"uint256\"}],\"name\":\"BadPeerId\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"DatanetExists\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotAdmin\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotAssetOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotDatanetOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotOperatorOrAdmin\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotPendingAdmin\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"datanetId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"validator\",\"type\":\"address\"}],\"name\":\"NotValidator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"datanetId\",\"type\":\"bytes32\"}],\"name\":\"TooManyValidators\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"UnknownAsset\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"UnknownDatanet\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"UnknownOperator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"datanetId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"validator\",\"type\":\"address\"}],\"name\":\"ValidatorExists\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroId\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousAdmin\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newAdmin\",\"type\":\"address\"}],\"name\":\"AdminTransferStarted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousAdmin\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newAdmin\",\"type\":\"address\"}],\"name\":\"AdminTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"kind\",\"type\":\"uint8\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"baseId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"cid\",\"type\":\"bytes\"}],\"name\":\"AssetRegistered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"AssetTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"cid\",\"type\":\"bytes\"}],\"name\":\"AssetUpdated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"DatanetRegistered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"DatanetTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"by\",\"type\":\"address\"}],\"name\":\"OperatorDeregistered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"peerId\",\"type\":\"bytes\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"pricePer1kTokens\",\"type\":\"uint256\"}],\"name\":\"OperatorRegistered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"datanetId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"validator\",\"type\":\"address\"}],\"name\":\"ValidatorAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"datanetId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"validator\",\"type\":\"address\"}],\"name\":\"ValidatorRemoved\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"KIND_ADAPTER\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"KIND_MODEL\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_CID\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_PEER_ID\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_VALIDATORS\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"acceptAdmin\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"validator\",\"type\":\"address\"}],\"name\":\"addValidator\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"admin\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"name\":\"datanetOwner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"deregisterOperator\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"getAsset\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"uint8\",\"name\":\"kind\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"baseId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"cid\",\"type\":\"bytes\"}],\"internalType\":\"structRegistry.Asset\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"getOperator\",\"outputs\":[{\"components\":[{\"internalType\":\"bytes\",\"name\":\"peerId\",\"type\":\"bytes\"},{\"internalType\":\"uint128\",\"name\":\"pricePer1kTokens\",\"type\":\"uint128\"},{\"internalType\":\"uint64\",\"name\":\"registeredAt\",\"type\":\"uint64\"},{\"internalType\":\"bool\",\"name\":\"active\",\"type\":\"bool\"}],\"internalType\":\"structRegistry.Operator\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"isOperator\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"validator\",\"type\":\"address\"}],\"name\":\"isValidator\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"pendingAdmin\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint8\",\"name\":\"kind\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"baseId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"cid\",\"type\":\"bytes\"}],\"name\":\"registerAsset\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"registerDatanet\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"peerId\",\"type\":\"bytes\"},{\"internalType\":\"uint128\",\"name\":\"pricePer1kTokens\",\"type\":\"uint128\"}],\"name\":\"registerOperator\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"validator\",\"type\":\"address\"}],\"name\":\"removeValidator\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newAdmin\",\"type\":\"address\"}],\"name\":\"transferAdmin\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferAsset\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferDatanet\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"cid\",\"type\":\"bytes\"}],\"name\":\"updateAsset\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"validators\",\"outputs\":[{\"internalType\":\"address[]\",\"name\":\"\",\"type\":\"address[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "Registry",
	Bin: "0x6080604052348015600e575f5ffd5b505f80546001600160a01b0319163390811782556040519091907ff8ccb027dfcd135e000e9d45e6cc2d662578a8825d4c45b5e32e0adf67e79ec6908290a36117f08061005a5f395ff3fe608060405234801561000f575f5ffd5b5060043610610153575f3560e01c80636ad527f3116100bf5780639bdafcb3116100795780639bdafcb3146102fa578063af175cf01461031a578063d8cf98ca1461032d578063df5adb5c14610340578063f627ca6c14610368578063f851a4401461036f575f5ffd5b80636ad527f3146102705780636d70f7ae14610283578063714897df146102b857806375829def146102c157806389124ca5146102d45780638d7e2eb7146102e7575f5ffd5b806328abe2f51161011057806328abe2f5146101f75780632cc3ce801461020a57806330b8df571461022a578063356096db1461023d57806343fe5de21461016c5780635865c60c14610250575f5ffd5b806306909bca14610157578063098910611461016c5780630e18b6811461018757806323cead8f1461018f57806326782247146101a9578063279cf631146101d4575b5f5ffd5b61016a6101653660046111e4565b610381565b005b610174608081565b6040519081526020015b60405180910390f35b61016a61042a565b610197600181565b60405160ff909116815260200161017e565b6001546101bc906001600160a01b031681565b6040516001600160a01b03909116815260200161017e565b6101e76101e2366004611211565b6104ad565b604051901515815260200161017e565b61016a610205366004611211565b6104d8565b61021d6102183660046111e4565b610666565b60405161017e9190611269565b61016a6102383660046112f9565b61078f565b61016a61024b366004611341565b610819565b61026361025e3660046113ab565b610a65565b60405161017e91906113cb565b61016a61027e366004611211565b610b7c565b6101e76102913660046113ab565b6001600160a01b03165f90815260056020526040902060010154600160c01b900460ff1690565b61017461010081565b61016a6102cf3660046113ab565b610bfb565b61016a6102e2366004611211565b610c99565b61016a6102f5366004611425565b610e84565b61030d6103083660046111e4565b610f44565b60405161017e9190611483565b61016a610328366004611211565b610fad565b61016a61033b3660046113ab565b61109b565b6101bc61034e3660046111e4565b60026020525f90815260409020546001600160a01b031681565b6101975f81565b5f546101bc906001600160a01b031681565b8061039f5760405163ac8fb3c160e01b815260040160405180910390fd5b5f818152600260205260409020546001600160a01b0316156103dc5760405163cfa6716760e01b8152600481018290526024015b60405180910390fd5b5f8181526002602052604080822080546001600160a01b031916339081179091559051909183917f763548f88b7aaa3f84fb52646b80d8b0e7ad670e63fd6f18650b6f992585acc79190a350565b6001546001600160a01b0316331461045757604051631d0022d160e01b81523360048201526024016103d3565b5f805460405133926001600160a01b03909216917ff8ccb027dfcd135e000e9d45e6cc2d662578a8825d4c45b5e32e0adf67e79ec691a35f80546001600160a01b03199081163317909155600180549091169055565b5f8281526004602090815260408083206001600160a01b038516845290915290205415155b92915050565b5f8281526002602052604090205482906001600160a01b03168061051257604051631d62e24760e11b8152600481018390526024016103d3565b6001600160a01b0381163314610544576040516319aa387b60e11b8152600481018390523360248201526044016103d3565b6001600160a01b03831661056b5760405163d92e233d60e01b815260040160405180910390fd5b5f8481526004602090815260408083206001600160a01b0387168452909152902054156105bd57604051630e07199f60e11b8152600481018590526001600160a01b03841660248201526044016103d3565b5f8481526003602052604090208054610100116105f057604051630ed262bb60e01b8152600481018690526024016103d3565b80546001810182555f828152602080822090920180546001600160a01b0319166001600160a01b038816908117909155835488835260048452604080842083855290945283832055915187917fffee8229f8c5f198e658b8c412085d65ddb8e3f31d946614414c6173a2d4175d91a35050505050565b604080516080810182525f80825260208201819052918101919091526060808201525f828152600660209081526040808320815160808101835281546001600160a01b0381168252600160a01b900460ff16938101939093526001810154918301919091526002810180546060840191906106e0906114ce565b80601f016020809104026020016040519081016040528092919081815260200182805461070c906114ce565b80156107575780601f1061072e57610100808354040283529160200191610757565b820191905f5260205f20905b81548152906001019060200180831161073a57829003601f168201915b5050509190925250508151919250506001600160a01b03166104d25760405163082cdf1f60e11b8152600481018490526024016103d3565b5f61079984611174565b90508115806107a85750608082115b156107c9576040516346cd30e360e11b8152600481018390526024016103d3565b600281016107d8838583611571565b50837f527402669907ebf3ba73934c3b552b74d6f5a5e682d217531dba53c52c377441848460405161080b929190611654565b60405180910390a250505050565b846108375760405163ac8fb3c160e01b815260040160405180910390fd5b5f858152600660205260409020546001600160a01b03161561086f57604051630c3471ff60e41b8152600481018690526024016103d3565b80158061087c5750608081115b1561089d576040516346cd30e360e11b8152600481018290526024016103d3565b5f1960ff8516016108ef578215806108c957505f838152600660205260409020546001600160a01b0316155b156108ea57604051636695b80960e01b8152600481018490526024016103d3565b610954565b60ff84166109385782158015906108c957505f838152600660205260409020546001600160a01b03166108ea57604051636695b80960e01b8152600481018490526024016103d3565b604051636695b80960e01b8152600481018490526024016103d3565b6040518060800160405280336001600160a01b031681526020018560ff16815260200184815260200183838080601f0160208091040260200160405190810160405280939291908181526020018383808284375f92018290525093909452505087815260066020908152604091829020845181549286015160ff16600160a01b026001600160a81b03199093166001600160a01b039091161791909117815590830151600182015560608301519091506002820190610a139082611667565b5090505082336001600160a01b0316867fcd6d7b0822abee88a50adad74207466c9ef24da9926e6e7dd214deb456d64b44878686604051610a5693929190611722565b60405180910390a45050505050565b6040805160808101825260608082525f602083018190529282018390528101919091526001600160a01b0382165f9081526005602052604090819020815160808101909252805482908290610ab9906114ce565b80601f0160208091040260200160405190810160405280929190818152602001828054610ae5906114ce565b8015610b305780601f10610b0757610100808354040283529160200191610b30565b820191905f5260205f20905b815481529060010190602001808311610b1357829003601f168201915b5050509183525050600191909101546001600160801b0381166020830152600160801b810467ffffffffffffffff166040830152600160c01b900460ff16151560609091015292915050565b5f610b8683611174565b90506001600160a01b038216610baf5760405163d92e233d60e01b815260040160405180910390fd5b80546001600160a01b0319166001600160a01b0383169081178255604051339085907f4479cc3c51aa25d29b8297b1526b29c902f1e4eb1bf941942a45cf111cd9ba5c905f90a4505050565b5f546001600160a01b03163314610c2757604051630bd4212160e11b81523360048201526024016103d3565b6001600160a01b038116610c4e5760405163d92e233d60e01b815260040160405180910390fd5b600180546001600160a01b0319166001600160a01b03831690811790915560405133907fe5cd1c804f1c9cc6d7009e4c0fb532f0e2d8863524c3323a6b3790c3f80bf25c905f90a350565b5f8281526002602052604090205482906001600160a01b031680610cd357604051631d62e24760e11b8152600481018390526024016103d3565b6001600160a01b0381163314610d05576040516319aa387b60e11b8152600481018390523360248201526044016103d3565b5f8481526004602090815260408083206001600160a01b038716845290915281205490819003610d5a576040516302bba8ad60e61b8152600481018690526001600160a01b03851660248201526044016103d3565b5f85815260036020526040812080549091908290610d7a90600190611747565b81548110610d8a57610d8a611766565b5f918252602090912001546001600160a01b031690508082610dad600186611747565b81548110610dbd57610dbd611766565b5f91825260208083209190910180546001600160a01b0319166001600160a01b039485161790558982526004815260408083209385168352929052208390558154829080610e0d57610e0d61177a565b5f828152602080822083015f1990810180546001600160a01b03191690559092019092558882526004815260408083206001600160a01b038a16808552925280832083905551909189917fe4b16a0fbb401ff2042a93ad082131edb259f7b0ab614a6ab60915d8cb10e0749190a350505050505050565b811580610e915750608082115b15610eb25760405163e486f9a960e01b8152600481018390526024016103d3565b335f90815260056020526040902080610ecc848683611571565b5060018101805460ff60c01b1967ffffffffffffffff4216600160801b026001600160c01b03199092166001600160801b038616179190911716600160c01b17905560405133907fd2829b186888e933136bc478b9e462ee58413b05b59b4887dd07d48674d285c69061080b9087908790879061178e565b5f81815260036020908152604091829020805483518184028101840190945280845260609392830182828015610fa157602002820191905f5260205f20905b81546001600160a01b03168152600190910190602001808311610f83575b50505050509050919050565b5f8281526002602052604090205482906001600160a01b031680610fe757604051631d62e24760e11b8152600481018390526024016103d3565b6001600160a01b0381163314611019576040516319aa387b60e11b8152600481018390523360248201526044016103d3565b6001600160a01b0383166110405760405163d92e233d60e01b815260040160405180910390fd5b5f8481526002602052604080822080546001600160a01b0319166001600160a01b03871690811790915590519091339187917f5e29c8142bd5f10198b589c71410ad793ae06729a0a5e85e9ff599f19c0a0f2b91a450505050565b336001600160a01b038216148015906110be57505f546001600160a01b03163314155b156110de57604051638d8cbc8d60e01b81523360048201526024016103d3565b6001600160a01b0381165f9081526005602052604090206001810154600160c01b900460ff1661112c57604051630b4fa80360e11b81526001600160a01b03831660048201526024016103d3565b60018101805460ff60c01b1916905560405133906001600160a01b038416907f31e0adfec71bccee37b6e83a90c2fedb17d8f1693fee863c4771e7bfe2aed580905f90a35050565b5f81815260066020526040902080546001600160a01b03166111ac5760405163082cdf1f60e11b8152600481018390526024016103d3565b80546001600160a01b031633146111df576040516341e7f0c360e11b8152600481018390523360248201526044016103d3565b919050565b5f602082840312156111f4575f5ffd5b5035919050565b80356001600160a01b03811681146111df575f5ffd5b5f5f60408385031215611222575f5ffd5b82359150611232602084016111fb565b90509250929050565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b6020815260018060a01b03825116602082015260ff6020830151166040820152604082015160608201525f60608301516080808401526112ac60a084018261123b565b949350505050565b5f5f83601f8401126112c4575f5ffd5b50813567ffffffffffffffff8111156112db575f5ffd5b6020830191508360208285010111156112f2575f5ffd5b9250929050565b5f5f5f6040848603121561130b575f5ffd5b83359250602084013567ffffffffffffffff811115611328575f5ffd5b611334868287016112b4565b9497909650939450505050565b5f5f5f5f5f60808688031215611355575f5ffd5b85359450602086013560ff8116811461136c575f5ffd5b935060408601359250606086013567ffffffffffffffff81111561138e575f5ffd5b61139a888289016112b4565b969995985093965092949392505050565b5f602082840312156113bb575f5ffd5b6113c4826111fb565b9392505050565b602081525f8251608060208401526113e660a084018261123b565b90506001600160801b03602085015116604084015267ffffffffffffffff60408501511660608401526060840151151560808401528091505092915050565b5f5f5f60408486031215611437575f5ffd5b833567ffffffffffffffff81111561144d575f5ffd5b611459868287016112b4565b90945092505060208401356001600160801b0381168114611478575f5ffd5b809150509250925092565b602080825282518282018190525f918401906040840190835b818110156114c35783516001600160a01b031683526020938401939092019160010161149c565b509095945050505050565b600181811c908216806114e257607f821691505b60208210810361150057634e487b7160e01b5f52602260045260245ffd5b50919050565b634e487b7160e01b5f52604160045260245ffd5b601f82111561156c578282111561156c57805f5260205f20601f840160051c602085101561154557505f5b90810190601f840160051c035f5b81811015611568575f83820155600101611553565b5050505b505050565b67ffffffffffffffff83111561158957611589611506565b61159d8361159783546114ce565b8361151a565b5f601f8411600181146115ce575f85156115b75750838201355b5f19600387901b1c1916600186901b178355611625565b5f83815260208120601f198716915b828110156115fd57868501358255602094850194600190920191016115dd565b5086821015611619575f1960f88860031b161c19848701351681555b505060018560011b0183555b5050505050565b81835281816020850137505f828201602090810191909152601f909101601f19169091010190565b602081525f6112ac60208301848661162c565b815167ffffffffffffffff81111561168157611681611506565b6116958161168f84546114ce565b8461151a565b6020601f8211600181146116c7575f83156116b05750848201515b5f19600385901b1c1916600184901b178455611625565b5f84815260208120601f198516915b828110156116f657878501518255602094850194600190920191016116d6565b508482101561171357868401515f19600387901b60f8161c191681555b50505050600190811b01905550565b60ff84168152604060208201525f61173e60408301848661162c565b95945050505050565b818103818111156104d257634e487b7160e01b5f52601160045260245ffd5b634e487b7160e01b5f52603260045260245ffd5b634e487b7160e01b5f52603160045260245ffd5b604081525f6117a160408301858761162c565b90506001600160801b038316602083015294935050505056fea264697066735822122025fbf193215096d8c607b13727135800cc902c6a41aac9fd4e47066bc614e80264736f6c63430008250033",
}

// Registry is an auto generated Go binding around an Ethereum contract.
type Registry struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *Registry) GetABI() abi.ABI {
	return c.abi
}

// NewRegistry creates a new instance of Registry.
func NewRegistry() *Registry {
	parsed, err := RegistryMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &Registry{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *Registry) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackKINDADAPTER is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23cead8f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function KIND_ADAPTER() view returns(uint8)
func (registry *Registry) PackKINDADAPTER() []byte {
	enc, err := registry.abi.Pack("KIND_ADAPTER")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackKINDADAPTER is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23cead8f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function KIND_ADAPTER() view returns(uint8)
func (registry *Registry) TryPackKINDADAPTER() ([]byte, error) {
	return registry.abi.Pack("KIND_ADAPTER")
}

// UnpackKINDADAPTER is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x23cead8f.
//
// Solidity: function KIND_ADAPTER() view returns(uint8)
func (registry *Registry) UnpackKINDADAPTER(data []byte) (uint8, error) {
	out, err := registry.abi.Unpack("KIND_ADAPTER", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackKINDMODEL is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf627ca6c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function KIND_MODEL() view returns(uint8)
func (registry *Registry) PackKINDMODEL() []byte {
	enc, err := registry.abi.Pack("KIND_MODEL")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackKINDMODEL is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf627ca6c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function KIND_MODEL() view returns(uint8)
func (registry *Registry) TryPackKINDMODEL() ([]byte, error) {
	return registry.abi.Pack("KIND_MODEL")
}

// UnpackKINDMODEL is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf627ca6c.
//
// Solidity: function KIND_MODEL() view returns(uint8)
func (registry *Registry) UnpackKINDMODEL(data []byte) (uint8, error) {
	out, err := registry.abi.Unpack("KIND_MODEL", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackMAXCID is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x09891061.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_CID() view returns(uint256)
func (registry *Registry) PackMAXCID() []byte {
	enc, err := registry.abi.Pack("MAX_CID")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXCID is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x09891061.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_CID() view returns(uint256)
func (registry *Registry) TryPackMAXCID() ([]byte, error) {
	return registry.abi.Pack("MAX_CID")
}

// UnpackMAXCID is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x09891061.
//
// Solidity: function MAX_CID() view returns(uint256)
func (registry *Registry) UnpackMAXCID(data []byte) (*big.Int, error) {
	out, err := registry.abi.Unpack("MAX_CID", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMAXPEERID is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x43fe5de2.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_PEER_ID() view returns(uint256)
func (registry *Registry) PackMAXPEERID() []byte {
	enc, err := registry.abi.Pack("MAX_PEER_ID")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXPEERID is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x43fe5de2.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_PEER_ID() view returns(uint256)
func (registry *Registry) TryPackMAXPEERID() ([]byte, error) {
	return registry.abi.Pack("MAX_PEER_ID")
}

// UnpackMAXPEERID is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x43fe5de2.
//
// Solidity: function MAX_PEER_ID() view returns(uint256)
func (registry *Registry) UnpackMAXPEERID(data []byte) (*big.Int, error) {
	out, err := registry.abi.Unpack("MAX_PEER_ID", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMAXVALIDATORS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x714897df.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_VALIDATORS() view returns(uint256)
func (registry *Registry) PackMAXVALIDATORS() []byte {
	enc, err := registry.abi.Pack("MAX_VALIDATORS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXVALIDATORS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x714897df.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_VALIDATORS() view returns(uint256)
func (registry *Registry) TryPackMAXVALIDATORS() ([]byte, error) {
	return registry.abi.Pack("MAX_VALIDATORS")
}

// UnpackMAXVALIDATORS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x714897df.
//
// Solidity: function MAX_VALIDATORS() view returns(uint256)
func (registry *Registry) UnpackMAXVALIDATORS(data []byte) (*big.Int, error) {
	out, err := registry.abi.Unpack("MAX_VALIDATORS", data)
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
func (registry *Registry) PackAcceptAdmin() []byte {
	enc, err := registry.abi.Pack("acceptAdmin")
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
func (registry *Registry) TryPackAcceptAdmin() ([]byte, error) {
	return registry.abi.Pack("acceptAdmin")
}

// PackAddValidator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x28abe2f5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addValidator(bytes32 id, address validator) returns()
func (registry *Registry) PackAddValidator(id [32]byte, validator common.Address) []byte {
	enc, err := registry.abi.Pack("addValidator", id, validator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddValidator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x28abe2f5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addValidator(bytes32 id, address validator) returns()
func (registry *Registry) TryPackAddValidator(id [32]byte, validator common.Address) ([]byte, error) {
	return registry.abi.Pack("addValidator", id, validator)
}

// PackAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf851a440.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function admin() view returns(address)
func (registry *Registry) PackAdmin() []byte {
	enc, err := registry.abi.Pack("admin")
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
func (registry *Registry) TryPackAdmin() ([]byte, error) {
	return registry.abi.Pack("admin")
}

// UnpackAdmin is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf851a440.
//
// Solidity: function admin() view returns(address)
func (registry *Registry) UnpackAdmin(data []byte) (common.Address, error) {
	out, err := registry.abi.Unpack("admin", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackDatanetOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdf5adb5c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function datanetOwner(bytes32 ) view returns(address)
func (registry *Registry) PackDatanetOwner(arg0 [32]byte) []byte {
	enc, err := registry.abi.Pack("datanetOwner", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDatanetOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdf5adb5c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function datanetOwner(bytes32 ) view returns(address)
func (registry *Registry) TryPackDatanetOwner(arg0 [32]byte) ([]byte, error) {
	return registry.abi.Pack("datanetOwner", arg0)
}

// UnpackDatanetOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdf5adb5c.
//
// Solidity: function datanetOwner(bytes32 ) view returns(address)
func (registry *Registry) UnpackDatanetOwner(data []byte) (common.Address, error) {
	out, err := registry.abi.Unpack("datanetOwner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackDeregisterOperator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd8cf98ca.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function deregisterOperator(address operator) returns()
func (registry *Registry) PackDeregisterOperator(operator common.Address) []byte {
	enc, err := registry.abi.Pack("deregisterOperator", operator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDeregisterOperator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd8cf98ca.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function deregisterOperator(address operator) returns()
func (registry *Registry) TryPackDeregisterOperator(operator common.Address) ([]byte, error) {
	return registry.abi.Pack("deregisterOperator", operator)
}

// PackGetAsset is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2cc3ce80.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getAsset(bytes32 id) view returns((address,uint8,bytes32,bytes))
func (registry *Registry) PackGetAsset(id [32]byte) []byte {
	enc, err := registry.abi.Pack("getAsset", id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetAsset is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2cc3ce80.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getAsset(bytes32 id) view returns((address,uint8,bytes32,bytes))
func (registry *Registry) TryPackGetAsset(id [32]byte) ([]byte, error) {
	return registry.abi.Pack("getAsset", id)
}

// UnpackGetAsset is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2cc3ce80.
//
// Solidity: function getAsset(bytes32 id) view returns((address,uint8,bytes32,bytes))
func (registry *Registry) UnpackGetAsset(data []byte) (RegistryAsset, error) {
	out, err := registry.abi.Unpack("getAsset", data)
	if err != nil {
		return *new(RegistryAsset), err
	}
	out0 := *abi.ConvertType(out[0], new(RegistryAsset)).(*RegistryAsset)
	return out0, nil
}

// PackGetOperator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5865c60c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getOperator(address operator) view returns((bytes,uint128,uint64,bool))
func (registry *Registry) PackGetOperator(operator common.Address) []byte {
	enc, err := registry.abi.Pack("getOperator", operator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetOperator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5865c60c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getOperator(address operator) view returns((bytes,uint128,uint64,bool))
func (registry *Registry) TryPackGetOperator(operator common.Address) ([]byte, error) {
	return registry.abi.Pack("getOperator", operator)
}

// UnpackGetOperator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5865c60c.
//
// Solidity: function getOperator(address operator) view returns((bytes,uint128,uint64,bool))
func (registry *Registry) UnpackGetOperator(data []byte) (RegistryOperator, error) {
	out, err := registry.abi.Unpack("getOperator", data)
	if err != nil {
		return *new(RegistryOperator), err
	}
	out0 := *abi.ConvertType(out[0], new(RegistryOperator)).(*RegistryOperator)
	return out0, nil
}

// PackIsOperator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6d70f7ae.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isOperator(address operator) view returns(bool)
func (registry *Registry) PackIsOperator(operator common.Address) []byte {
	enc, err := registry.abi.Pack("isOperator", operator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsOperator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6d70f7ae.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isOperator(address operator) view returns(bool)
func (registry *Registry) TryPackIsOperator(operator common.Address) ([]byte, error) {
	return registry.abi.Pack("isOperator", operator)
}

// UnpackIsOperator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6d70f7ae.
//
// Solidity: function isOperator(address operator) view returns(bool)
func (registry *Registry) UnpackIsOperator(data []byte) (bool, error) {
	out, err := registry.abi.Unpack("isOperator", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsValidator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x279cf631.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isValidator(bytes32 id, address validator) view returns(bool)
func (registry *Registry) PackIsValidator(id [32]byte, validator common.Address) []byte {
	enc, err := registry.abi.Pack("isValidator", id, validator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsValidator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x279cf631.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isValidator(bytes32 id, address validator) view returns(bool)
func (registry *Registry) TryPackIsValidator(id [32]byte, validator common.Address) ([]byte, error) {
	return registry.abi.Pack("isValidator", id, validator)
}

// UnpackIsValidator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x279cf631.
//
// Solidity: function isValidator(bytes32 id, address validator) view returns(bool)
func (registry *Registry) UnpackIsValidator(data []byte) (bool, error) {
	out, err := registry.abi.Unpack("isValidator", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackPendingAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x26782247.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function pendingAdmin() view returns(address)
func (registry *Registry) PackPendingAdmin() []byte {
	enc, err := registry.abi.Pack("pendingAdmin")
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
func (registry *Registry) TryPackPendingAdmin() ([]byte, error) {
	return registry.abi.Pack("pendingAdmin")
}

// UnpackPendingAdmin is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x26782247.
//
// Solidity: function pendingAdmin() view returns(address)
func (registry *Registry) UnpackPendingAdmin(data []byte) (common.Address, error) {
	out, err := registry.abi.Unpack("pendingAdmin", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackRegisterAsset is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x356096db.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function registerAsset(bytes32 id, uint8 kind, bytes32 baseId, bytes cid) returns()
func (registry *Registry) PackRegisterAsset(id [32]byte, kind uint8, baseId [32]byte, cid []byte) []byte {
	enc, err := registry.abi.Pack("registerAsset", id, kind, baseId, cid)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegisterAsset is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x356096db.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function registerAsset(bytes32 id, uint8 kind, bytes32 baseId, bytes cid) returns()
func (registry *Registry) TryPackRegisterAsset(id [32]byte, kind uint8, baseId [32]byte, cid []byte) ([]byte, error) {
	return registry.abi.Pack("registerAsset", id, kind, baseId, cid)
}

// PackRegisterDatanet is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06909bca.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function registerDatanet(bytes32 id) returns()
func (registry *Registry) PackRegisterDatanet(id [32]byte) []byte {
	enc, err := registry.abi.Pack("registerDatanet", id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegisterDatanet is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06909bca.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function registerDatanet(bytes32 id) returns()
func (registry *Registry) TryPackRegisterDatanet(id [32]byte) ([]byte, error) {
	return registry.abi.Pack("registerDatanet", id)
}

// PackRegisterOperator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8d7e2eb7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function registerOperator(bytes peerId, uint128 pricePer1kTokens) returns()
func (registry *Registry) PackRegisterOperator(peerId []byte, pricePer1kTokens *big.Int) []byte {
	enc, err := registry.abi.Pack("registerOperator", peerId, pricePer1kTokens)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegisterOperator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8d7e2eb7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function registerOperator(bytes peerId, uint128 pricePer1kTokens) returns()
func (registry *Registry) TryPackRegisterOperator(peerId []byte, pricePer1kTokens *big.Int) ([]byte, error) {
	return registry.abi.Pack("registerOperator", peerId, pricePer1kTokens)
}

// PackRemoveValidator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x89124ca5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removeValidator(bytes32 id, address validator) returns()
func (registry *Registry) PackRemoveValidator(id [32]byte, validator common.Address) []byte {
	enc, err := registry.abi.Pack("removeValidator", id, validator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRemoveValidator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x89124ca5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function removeValidator(bytes32 id, address validator) returns()
func (registry *Registry) TryPackRemoveValidator(id [32]byte, validator common.Address) ([]byte, error) {
	return registry.abi.Pack("removeValidator", id, validator)
}

// PackTransferAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x75829def.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferAdmin(address newAdmin) returns()
func (registry *Registry) PackTransferAdmin(newAdmin common.Address) []byte {
	enc, err := registry.abi.Pack("transferAdmin", newAdmin)
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
func (registry *Registry) TryPackTransferAdmin(newAdmin common.Address) ([]byte, error) {
	return registry.abi.Pack("transferAdmin", newAdmin)
}

// PackTransferAsset is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6ad527f3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferAsset(bytes32 id, address newOwner) returns()
func (registry *Registry) PackTransferAsset(id [32]byte, newOwner common.Address) []byte {
	enc, err := registry.abi.Pack("transferAsset", id, newOwner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferAsset is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6ad527f3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferAsset(bytes32 id, address newOwner) returns()
func (registry *Registry) TryPackTransferAsset(id [32]byte, newOwner common.Address) ([]byte, error) {
	return registry.abi.Pack("transferAsset", id, newOwner)
}

// PackTransferDatanet is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xaf175cf0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferDatanet(bytes32 id, address newOwner) returns()
func (registry *Registry) PackTransferDatanet(id [32]byte, newOwner common.Address) []byte {
	enc, err := registry.abi.Pack("transferDatanet", id, newOwner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferDatanet is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xaf175cf0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferDatanet(bytes32 id, address newOwner) returns()
func (registry *Registry) TryPackTransferDatanet(id [32]byte, newOwner common.Address) ([]byte, error) {
	return registry.abi.Pack("transferDatanet", id, newOwner)
}

// PackUpdateAsset is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x30b8df57.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function updateAsset(bytes32 id, bytes cid) returns()
func (registry *Registry) PackUpdateAsset(id [32]byte, cid []byte) []byte {
	enc, err := registry.abi.Pack("updateAsset", id, cid)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUpdateAsset is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x30b8df57.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function updateAsset(bytes32 id, bytes cid) returns()
func (registry *Registry) TryPackUpdateAsset(id [32]byte, cid []byte) ([]byte, error) {
	return registry.abi.Pack("updateAsset", id, cid)
}

// PackValidators is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9bdafcb3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function validators(bytes32 id) view returns(address[])
func (registry *Registry) PackValidators(id [32]byte) []byte {
	enc, err := registry.abi.Pack("validators", id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackValidators is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9bdafcb3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function validators(bytes32 id) view returns(address[])
func (registry *Registry) TryPackValidators(id [32]byte) ([]byte, error) {
	return registry.abi.Pack("validators", id)
}

// UnpackValidators is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9bdafcb3.
//
// Solidity: function validators(bytes32 id) view returns(address[])
func (registry *Registry) UnpackValidators(data []byte) ([]common.Address, error) {
	out, err := registry.abi.Unpack("validators", data)
	if err != nil {
		return *new([]common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new([]common.Address)).(*[]common.Address)
	return out0, nil
}

// RegistryAdminTransferStarted represents a AdminTransferStarted event raised by the Registry contract.
type RegistryAdminTransferStarted struct {
	PreviousAdmin common.Address
	NewAdmin      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const RegistryAdminTransferStartedEventName = "AdminTransferStarted"

// ContractEventName returns the user-defined event name.
func (RegistryAdminTransferStarted) ContractEventName() string {
	return RegistryAdminTransferStartedEventName
}

// UnpackAdminTransferStartedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AdminTransferStarted(address indexed previousAdmin, address indexed newAdmin)
func (registry *Registry) UnpackAdminTransferStartedEvent(log *types.Log) (*RegistryAdminTransferStarted, error) {
	event := "AdminTransferStarted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != registry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RegistryAdminTransferStarted)
	if len(log.Data) > 0 {
		if err := registry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range registry.abi.Events[event].Inputs {
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

// RegistryAdminTransferred represents a AdminTransferred event raised by the Registry contract.
type RegistryAdminTransferred struct {
	PreviousAdmin common.Address
	NewAdmin      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const RegistryAdminTransferredEventName = "AdminTransferred"

// ContractEventName returns the user-defined event name.
func (RegistryAdminTransferred) ContractEventName() string {
	return RegistryAdminTransferredEventName
}

// UnpackAdminTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AdminTransferred(address indexed previousAdmin, address indexed newAdmin)
func (registry *Registry) UnpackAdminTransferredEvent(log *types.Log) (*RegistryAdminTransferred, error) {
	event := "AdminTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != registry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RegistryAdminTransferred)
	if len(log.Data) > 0 {
		if err := registry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range registry.abi.Events[event].Inputs {
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

// RegistryAssetRegistered represents a AssetRegistered event raised by the Registry contract.
type RegistryAssetRegistered struct {
	Id     [32]byte
	Owner  common.Address
	Kind   uint8
	BaseId [32]byte
	Cid    []byte
	Raw    *types.Log // Blockchain specific contextual infos
}

const RegistryAssetRegisteredEventName = "AssetRegistered"

// ContractEventName returns the user-defined event name.
func (RegistryAssetRegistered) ContractEventName() string {
	return RegistryAssetRegisteredEventName
}

// UnpackAssetRegisteredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AssetRegistered(bytes32 indexed id, address indexed owner, uint8 kind, bytes32 indexed baseId, bytes cid)
func (registry *Registry) UnpackAssetRegisteredEvent(log *types.Log) (*RegistryAssetRegistered, error) {
	event := "AssetRegistered"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != registry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RegistryAssetRegistered)
	if len(log.Data) > 0 {
		if err := registry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range registry.abi.Events[event].Inputs {
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

// RegistryAssetTransferred represents a AssetTransferred event raised by the Registry contract.
type RegistryAssetTransferred struct {
	Id            [32]byte
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const RegistryAssetTransferredEventName = "AssetTransferred"

// ContractEventName returns the user-defined event name.
func (RegistryAssetTransferred) ContractEventName() string {
	return RegistryAssetTransferredEventName
}

// UnpackAssetTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AssetTransferred(bytes32 indexed id, address indexed previousOwner, address indexed newOwner)
func (registry *Registry) UnpackAssetTransferredEvent(log *types.Log) (*RegistryAssetTransferred, error) {
	event := "AssetTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != registry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RegistryAssetTransferred)
	if len(log.Data) > 0 {
		if err := registry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range registry.abi.Events[event].Inputs {
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

// RegistryAssetUpdated represents a AssetUpdated event raised by the Registry contract.
type RegistryAssetUpdated struct {
	Id  [32]byte
	Cid []byte
	Raw *types.Log // Blockchain specific contextual infos
}

const RegistryAssetUpdatedEventName = "AssetUpdated"

// ContractEventName returns the user-defined event name.
func (RegistryAssetUpdated) ContractEventName() string {
	return RegistryAssetUpdatedEventName
}

// UnpackAssetUpdatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AssetUpdated(bytes32 indexed id, bytes cid)
func (registry *Registry) UnpackAssetUpdatedEvent(log *types.Log) (*RegistryAssetUpdated, error) {
	event := "AssetUpdated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != registry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RegistryAssetUpdated)
	if len(log.Data) > 0 {
		if err := registry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range registry.abi.Events[event].Inputs {
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

// RegistryDatanetRegistered represents a DatanetRegistered event raised by the Registry contract.
type RegistryDatanetRegistered struct {
	Id    [32]byte
	Owner common.Address
	Raw   *types.Log // Blockchain specific contextual infos
}

const RegistryDatanetRegisteredEventName = "DatanetRegistered"

// ContractEventName returns the user-defined event name.
func (RegistryDatanetRegistered) ContractEventName() string {
	return RegistryDatanetRegisteredEventName
}

// UnpackDatanetRegisteredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event DatanetRegistered(bytes32 indexed id, address indexed owner)
func (registry *Registry) UnpackDatanetRegisteredEvent(log *types.Log) (*RegistryDatanetRegistered, error) {
	event := "DatanetRegistered"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != registry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RegistryDatanetRegistered)
	if len(log.Data) > 0 {
		if err := registry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range registry.abi.Events[event].Inputs {
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

// RegistryDatanetTransferred represents a DatanetTransferred event raised by the Registry contract.
type RegistryDatanetTransferred struct {
	Id            [32]byte
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const RegistryDatanetTransferredEventName = "DatanetTransferred"

// ContractEventName returns the user-defined event name.
func (RegistryDatanetTransferred) ContractEventName() string {
	return RegistryDatanetTransferredEventName
}

// UnpackDatanetTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event DatanetTransferred(bytes32 indexed id, address indexed previousOwner, address indexed newOwner)
func (registry *Registry) UnpackDatanetTransferredEvent(log *types.Log) (*RegistryDatanetTransferred, error) {
	event := "DatanetTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != registry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RegistryDatanetTransferred)
	if len(log.Data) > 0 {
		if err := registry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range registry.abi.Events[event].Inputs {
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

// RegistryOperatorDeregistered represents a OperatorDeregistered event raised by the Registry contract.
type RegistryOperatorDeregistered struct {
	Operator common.Address
	By       common.Address
	Raw      *types.Log // Blockchain specific contextual infos
}

const RegistryOperatorDeregisteredEventName = "OperatorDeregistered"

// ContractEventName returns the user-defined event name.
func (RegistryOperatorDeregistered) ContractEventName() string {
	return RegistryOperatorDeregisteredEventName
}

// UnpackOperatorDeregisteredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OperatorDeregistered(address indexed operator, address indexed by)
func (registry *Registry) UnpackOperatorDeregisteredEvent(log *types.Log) (*RegistryOperatorDeregistered, error) {
	event := "OperatorDeregistered"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != registry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RegistryOperatorDeregistered)
	if len(log.Data) > 0 {
		if err := registry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range registry.abi.Events[event].Inputs {
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

// RegistryOperatorRegistered represents a OperatorRegistered event raised by the Registry contract.
type RegistryOperatorRegistered struct {
	Operator         common.Address
	PeerId           []byte
	PricePer1kTokens *big.Int
	Raw              *types.Log // Blockchain specific contextual infos
}

const RegistryOperatorRegisteredEventName = "OperatorRegistered"

// ContractEventName returns the user-defined event name.
func (RegistryOperatorRegistered) ContractEventName() string {
	return RegistryOperatorRegisteredEventName
}

// UnpackOperatorRegisteredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OperatorRegistered(address indexed operator, bytes peerId, uint256 pricePer1kTokens)
func (registry *Registry) UnpackOperatorRegisteredEvent(log *types.Log) (*RegistryOperatorRegistered, error) {
	event := "OperatorRegistered"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != registry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RegistryOperatorRegistered)
	if len(log.Data) > 0 {
		if err := registry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range registry.abi.Events[event].Inputs {
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

// RegistryValidatorAdded represents a ValidatorAdded event raised by the Registry contract.
type RegistryValidatorAdded struct {
	DatanetId [32]byte
	Validator common.Address
	Raw       *types.Log // Blockchain specific contextual infos
}

const RegistryValidatorAddedEventName = "ValidatorAdded"

// ContractEventName returns the user-defined event name.
func (RegistryValidatorAdded) ContractEventName() string {
	return RegistryValidatorAddedEventName
}

// UnpackValidatorAddedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ValidatorAdded(bytes32 indexed datanetId, address indexed validator)
func (registry *Registry) UnpackValidatorAddedEvent(log *types.Log) (*RegistryValidatorAdded, error) {
	event := "ValidatorAdded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != registry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RegistryValidatorAdded)
	if len(log.Data) > 0 {
		if err := registry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range registry.abi.Events[event].Inputs {
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

// RegistryValidatorRemoved represents a ValidatorRemoved event raised by the Registry contract.
type RegistryValidatorRemoved struct {
	DatanetId [32]byte
	Validator common.Address
	Raw       *types.Log // Blockchain specific contextual infos
}

const RegistryValidatorRemovedEventName = "ValidatorRemoved"

// ContractEventName returns the user-defined event name.
func (RegistryValidatorRemoved) ContractEventName() string {
	return RegistryValidatorRemovedEventName
}

// UnpackValidatorRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ValidatorRemoved(bytes32 indexed datanetId, address indexed validator)
func (registry *Registry) UnpackValidatorRemovedEvent(log *types.Log) (*RegistryValidatorRemoved, error) {
	event := "ValidatorRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != registry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RegistryValidatorRemoved)
	if len(log.Data) > 0 {
		if err := registry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range registry.abi.Events[event].Inputs {
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
func (registry *Registry) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], registry.abi.Errors["AssetExists"].ID.Bytes()[:4]) {
		return registry.UnpackAssetExistsError(raw[4:])
	}
	if bytes.Equal(raw[:4], registry.abi.Errors["BadBase"].ID.Bytes()[:4]) {
		return registry.UnpackBadBaseError(raw[4:])
	}
	if bytes.Equal(raw[:4], registry.abi.Errors["BadCid"].ID.Bytes()[:4]) {
		return registry.UnpackBadCidError(raw[4:])
	}
	if bytes.Equal(raw[:4], registry.abi.Errors["BadPeerId"].ID.Bytes()[:4]) {
		return registry.UnpackBadPeerIdError(raw[4:])
	}
	if bytes.Equal(raw[:4], registry.abi.Errors["DatanetExists"].ID.Bytes()[:4]) {
		return registry.UnpackDatanetExistsError(raw[4:])
	}
	if bytes.Equal(raw[:4], registry.abi.Errors["NotAdmin"].ID.Bytes()[:4]) {
		return registry.UnpackNotAdminError(raw[4:])
	}
	if bytes.Equal(raw[:4], registry.abi.Errors["NotAssetOwner"].ID.Bytes()[:4]) {
		return registry.UnpackNotAssetOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], registry.abi.Errors["NotDatanetOwner"].ID.Bytes()[:4]) {
		return registry.UnpackNotDatanetOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], registry.abi.Errors["NotOperatorOrAdmin"].ID.Bytes()[:4]) {
		return registry.UnpackNotOperatorOrAdminError(raw[4:])
	}
	if bytes.Equal(raw[:4], registry.abi.Errors["NotPendingAdmin"].ID.Bytes()[:4]) {
		return registry.UnpackNotPendingAdminError(raw[4:])
	}
	if bytes.Equal(raw[:4], registry.abi.Errors["NotValidator"].ID.Bytes()[:4]) {
		return registry.UnpackNotValidatorError(raw[4:])
	}
	if bytes.Equal(raw[:4], registry.abi.Errors["TooManyValidators"].ID.Bytes()[:4]) {
		return registry.UnpackTooManyValidatorsError(raw[4:])
	}
	if bytes.Equal(raw[:4], registry.abi.Errors["UnknownAsset"].ID.Bytes()[:4]) {
		return registry.UnpackUnknownAssetError(raw[4:])
	}
	if bytes.Equal(raw[:4], registry.abi.Errors["UnknownDatanet"].ID.Bytes()[:4]) {
		return registry.UnpackUnknownDatanetError(raw[4:])
	}
	if bytes.Equal(raw[:4], registry.abi.Errors["UnknownOperator"].ID.Bytes()[:4]) {
		return registry.UnpackUnknownOperatorError(raw[4:])
	}
	if bytes.Equal(raw[:4], registry.abi.Errors["ValidatorExists"].ID.Bytes()[:4]) {
		return registry.UnpackValidatorExistsError(raw[4:])
	}
	if bytes.Equal(raw[:4], registry.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return registry.UnpackZeroAddressError(raw[4:])
	}
	if bytes.Equal(raw[:4], registry.abi.Errors["ZeroId"].ID.Bytes()[:4]) {
		return registry.UnpackZeroIdError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// RegistryAssetExists represents a AssetExists error raised by the Registry contract.
type RegistryAssetExists struct {
	Id [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AssetExists(bytes32 id)
func RegistryAssetExistsErrorID() common.Hash {
	return common.HexToHash("0xc3471ff09f28bea14873d98360a970a29cc79e29e49db7aa522bb2a9ece01deb")
}

// UnpackAssetExistsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AssetExists(bytes32 id)
func (registry *Registry) UnpackAssetExistsError(raw []byte) (*RegistryAssetExists, error) {
	out := new(RegistryAssetExists)
	if err := registry.abi.UnpackIntoInterface(out, "AssetExists", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RegistryBadBase represents a BadBase error raised by the Registry contract.
type RegistryBadBase struct {
	BaseId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadBase(bytes32 baseId)
func RegistryBadBaseErrorID() common.Hash {
	return common.HexToHash("0x6695b8095d5831ba06f31d3c94d43a677de96bc4eb2d7850b2614afe8c8dc7ec")
}

// UnpackBadBaseError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadBase(bytes32 baseId)
func (registry *Registry) UnpackBadBaseError(raw []byte) (*RegistryBadBase, error) {
	out := new(RegistryBadBase)
	if err := registry.abi.UnpackIntoInterface(out, "BadBase", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RegistryBadCid represents a BadCid error raised by the Registry contract.
type RegistryBadCid struct {
	Length *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadCid(uint256 length)
func RegistryBadCidErrorID() common.Hash {
	return common.HexToHash("0x8d9a61c621fa707d8d0298aafb5a2e0a2c1e2f5fae8d01fae672971c93b9d404")
}

// UnpackBadCidError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadCid(uint256 length)
func (registry *Registry) UnpackBadCidError(raw []byte) (*RegistryBadCid, error) {
	out := new(RegistryBadCid)
	if err := registry.abi.UnpackIntoInterface(out, "BadCid", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RegistryBadPeerId represents a BadPeerId error raised by the Registry contract.
type RegistryBadPeerId struct {
	Length *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadPeerId(uint256 length)
func RegistryBadPeerIdErrorID() common.Hash {
	return common.HexToHash("0xe486f9a93e22269f420831ce19dd37d183e370d73500046b115324388f07bcab")
}

// UnpackBadPeerIdError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadPeerId(uint256 length)
func (registry *Registry) UnpackBadPeerIdError(raw []byte) (*RegistryBadPeerId, error) {
	out := new(RegistryBadPeerId)
	if err := registry.abi.UnpackIntoInterface(out, "BadPeerId", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RegistryDatanetExists represents a DatanetExists error raised by the Registry contract.
type RegistryDatanetExists struct {
	Id [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DatanetExists(bytes32 id)
func RegistryDatanetExistsErrorID() common.Hash {
	return common.HexToHash("0xcfa67167ccbd8be2e713d03cbece3761c4b50886effa6249c87b3d4820ead70e")
}

// UnpackDatanetExistsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DatanetExists(bytes32 id)
func (registry *Registry) UnpackDatanetExistsError(raw []byte) (*RegistryDatanetExists, error) {
	out := new(RegistryDatanetExists)
	if err := registry.abi.UnpackIntoInterface(out, "DatanetExists", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RegistryNotAdmin represents a NotAdmin error raised by the Registry contract.
type RegistryNotAdmin struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotAdmin(address caller)
func RegistryNotAdminErrorID() common.Hash {
	return common.HexToHash("0x17a8424239494df835a470bd5e48f10a94b5febfef662a1917fe31decebbedeb")
}

// UnpackNotAdminError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotAdmin(address caller)
func (registry *Registry) UnpackNotAdminError(raw []byte) (*RegistryNotAdmin, error) {
	out := new(RegistryNotAdmin)
	if err := registry.abi.UnpackIntoInterface(out, "NotAdmin", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RegistryNotAssetOwner represents a NotAssetOwner error raised by the Registry contract.
type RegistryNotAssetOwner struct {
	Id     [32]byte
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotAssetOwner(bytes32 id, address caller)
func RegistryNotAssetOwnerErrorID() common.Hash {
	return common.HexToHash("0x83cfe18637000813a3b58205667ab8519b746a384a5eb3f3db4b60d4991b0c3e")
}

// UnpackNotAssetOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotAssetOwner(bytes32 id, address caller)
func (registry *Registry) UnpackNotAssetOwnerError(raw []byte) (*RegistryNotAssetOwner, error) {
	out := new(RegistryNotAssetOwner)
	if err := registry.abi.UnpackIntoInterface(out, "NotAssetOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RegistryNotDatanetOwner represents a NotDatanetOwner error raised by the Registry contract.
type RegistryNotDatanetOwner struct {
	Id     [32]byte
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotDatanetOwner(bytes32 id, address caller)
func RegistryNotDatanetOwnerErrorID() common.Hash {
	return common.HexToHash("0x335470f6ad61fdf78cab89f21cacede58df14cad4a9d7a0c3632e1e668978e35")
}

// UnpackNotDatanetOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotDatanetOwner(bytes32 id, address caller)
func (registry *Registry) UnpackNotDatanetOwnerError(raw []byte) (*RegistryNotDatanetOwner, error) {
	out := new(RegistryNotDatanetOwner)
	if err := registry.abi.UnpackIntoInterface(out, "NotDatanetOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RegistryNotOperatorOrAdmin represents a NotOperatorOrAdmin error raised by the Registry contract.
type RegistryNotOperatorOrAdmin struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotOperatorOrAdmin(address caller)
func RegistryNotOperatorOrAdminErrorID() common.Hash {
	return common.HexToHash("0x8d8cbc8d2e56d6bc3c7196640876f5d2d6b8569d91f99afd375e68b2422d69e7")
}

// UnpackNotOperatorOrAdminError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotOperatorOrAdmin(address caller)
func (registry *Registry) UnpackNotOperatorOrAdminError(raw []byte) (*RegistryNotOperatorOrAdmin, error) {
	out := new(RegistryNotOperatorOrAdmin)
	if err := registry.abi.UnpackIntoInterface(out, "NotOperatorOrAdmin", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RegistryNotPendingAdmin represents a NotPendingAdmin error raised by the Registry contract.
type RegistryNotPendingAdmin struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotPendingAdmin(address caller)
func RegistryNotPendingAdminErrorID() common.Hash {
	return common.HexToHash("0x1d0022d1e4e0a848404922419aaf414bac4ac43f3cccfa7226d53c460353f2e4")
}

// UnpackNotPendingAdminError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotPendingAdmin(address caller)
func (registry *Registry) UnpackNotPendingAdminError(raw []byte) (*RegistryNotPendingAdmin, error) {
	out := new(RegistryNotPendingAdmin)
	if err := registry.abi.UnpackIntoInterface(out, "NotPendingAdmin", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RegistryNotValidator represents a NotValidator error raised by the Registry contract.
type RegistryNotValidator struct {
	DatanetId [32]byte
	Validator common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotValidator(bytes32 datanetId, address validator)
func RegistryNotValidatorErrorID() common.Hash {
	return common.HexToHash("0xaeea2b40c0a530f8307fc8dc124d63350c235e17205d9a61b710dbbe88ba3642")
}

// UnpackNotValidatorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotValidator(bytes32 datanetId, address validator)
func (registry *Registry) UnpackNotValidatorError(raw []byte) (*RegistryNotValidator, error) {
	out := new(RegistryNotValidator)
	if err := registry.abi.UnpackIntoInterface(out, "NotValidator", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RegistryTooManyValidators represents a TooManyValidators error raised by the Registry contract.
type RegistryTooManyValidators struct {
	DatanetId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TooManyValidators(bytes32 datanetId)
func RegistryTooManyValidatorsErrorID() common.Hash {
	return common.HexToHash("0x0ed262bbec3a42d5de3475337ace13af1074bfef25c487b9a07c0ef1404f0b77")
}

// UnpackTooManyValidatorsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TooManyValidators(bytes32 datanetId)
func (registry *Registry) UnpackTooManyValidatorsError(raw []byte) (*RegistryTooManyValidators, error) {
	out := new(RegistryTooManyValidators)
	if err := registry.abi.UnpackIntoInterface(out, "TooManyValidators", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RegistryUnknownAsset represents a UnknownAsset error raised by the Registry contract.
type RegistryUnknownAsset struct {
	Id [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownAsset(bytes32 id)
func RegistryUnknownAssetErrorID() common.Hash {
	return common.HexToHash("0x1059be3ed9f1c1f061f09edf206f56e7c80b74fd01671cbec1b3788a1f49417e")
}

// UnpackUnknownAssetError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownAsset(bytes32 id)
func (registry *Registry) UnpackUnknownAssetError(raw []byte) (*RegistryUnknownAsset, error) {
	out := new(RegistryUnknownAsset)
	if err := registry.abi.UnpackIntoInterface(out, "UnknownAsset", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RegistryUnknownDatanet represents a UnknownDatanet error raised by the Registry contract.
type RegistryUnknownDatanet struct {
	Id [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownDatanet(bytes32 id)
func RegistryUnknownDatanetErrorID() common.Hash {
	return common.HexToHash("0x3ac5c48e0aef1ed1facbc1e07f776628ae976986e3f4b09d6e54fb4f07d8ef49")
}

// UnpackUnknownDatanetError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownDatanet(bytes32 id)
func (registry *Registry) UnpackUnknownDatanetError(raw []byte) (*RegistryUnknownDatanet, error) {
	out := new(RegistryUnknownDatanet)
	if err := registry.abi.UnpackIntoInterface(out, "UnknownDatanet", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RegistryUnknownOperator represents a UnknownOperator error raised by the Registry contract.
type RegistryUnknownOperator struct {
	Operator common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownOperator(address operator)
func RegistryUnknownOperatorErrorID() common.Hash {
	return common.HexToHash("0x169f50063b5609dde3ced6e4de453f9249e48c6867ee505939a310a963b17a1c")
}

// UnpackUnknownOperatorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownOperator(address operator)
func (registry *Registry) UnpackUnknownOperatorError(raw []byte) (*RegistryUnknownOperator, error) {
	out := new(RegistryUnknownOperator)
	if err := registry.abi.UnpackIntoInterface(out, "UnknownOperator", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RegistryValidatorExists represents a ValidatorExists error raised by the Registry contract.
type RegistryValidatorExists struct {
	DatanetId [32]byte
	Validator common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ValidatorExists(bytes32 datanetId, address validator)
func RegistryValidatorExistsErrorID() common.Hash {
	return common.HexToHash("0x1c0e333e633ad4e7440d6ce8df655e2c514059c6e5645b1c3af0778850b78f5b")
}

// UnpackValidatorExistsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ValidatorExists(bytes32 datanetId, address validator)
func (registry *Registry) UnpackValidatorExistsError(raw []byte) (*RegistryValidatorExists, error) {
	out := new(RegistryValidatorExists)
	if err := registry.abi.UnpackIntoInterface(out, "ValidatorExists", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RegistryZeroAddress represents a ZeroAddress error raised by the Registry contract.
type RegistryZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func RegistryZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (registry *Registry) UnpackZeroAddressError(raw []byte) (*RegistryZeroAddress, error) {
	out := new(RegistryZeroAddress)
	if err := registry.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RegistryZeroId represents a ZeroId error raised by the Registry contract.
type RegistryZeroId struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroId()
func RegistryZeroIdErrorID() common.Hash {
	return common.HexToHash("0xac8fb3c15e03c389234f061a6117dc397276e9eedc7b834daeb33b6446e1da22")
}

// UnpackZeroIdError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroId()
func (registry *Registry) UnpackZeroIdError(raw []byte) (*RegistryZeroId, error) {
	out := new(RegistryZeroId)
	if err := registry.abi.UnpackIntoInterface(out, "ZeroId", raw); err != nil {
		return nil, err
	}
	return out, nil
}
