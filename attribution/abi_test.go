package attribution

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

func keccak(b []byte) [32]byte { return crypto.Keccak256Hash(b) }

func abiEncodeLeaf(t *testing.T, id ReceiptID, op common.Address, epoch, fee uint64) []byte {
	t.Helper()
	mk := func(s string) abi.Type {
		ty, err := abi.NewType(s, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		return ty
	}
	args := abi.Arguments{{Type: mk("bytes32")}, {Type: mk("address")}, {Type: mk("uint256")}, {Type: mk("uint256")}}
	b, err := args.Pack([32]byte(id), op, new(big.Int).SetUint64(epoch), new(big.Int).SetUint64(fee))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
