package pay

import (
	"fmt"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/account"
)

var testDomain = Domain{ChainID: 31337, Escrow: common.HexToAddress("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512")}

func mustKey(t testing.TB) *account.Key {
	t.Helper()
	k, err := account.Generate()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func addr(i int) common.Address {
	return common.BytesToAddress([]byte(fmt.Sprintf("pay-addr-%05d", i)))
}

// bindings is a Payers and PayerOf for tests: signer bindings and
// balances, with a call counter.
type bindings struct {
	payerOf   map[common.Address]common.Address
	available map[common.Address]uint64
	err       error
	calls     int
}

func newBindings() *bindings {
	return &bindings{payerOf: map[common.Address]common.Address{}, available: map[common.Address]uint64{}}
}

func (b *bindings) PayerOf(signer common.Address) (common.Address, error) {
	b.calls++
	return b.payerOf[signer], b.err
}

func (b *bindings) Available(payer common.Address) (uint64, error) { return b.available[payer], b.err }
