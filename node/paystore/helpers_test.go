package paystore

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/pay"
)

func addr(i int) common.Address {
	return common.BytesToAddress([]byte(fmt.Sprintf("paystore-addr-%05d", i)))
}

func mustOpen(t testing.TB, dir string) *Store {
	t.Helper()
	s, err := Open(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustClose(t testing.TB, s *Store) {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// fakeVoucher is a voucher with a signature of the right shape that
// nobody made; the stores check no signature.
func fakeVoucher(payer, operator common.Address, epoch, amount uint64) pay.SignedVoucher {
	sig := bytes.Repeat([]byte{byte(amount)}, account.SignatureLen)
	sig[64] = 27
	return pay.SignedVoucher{Voucher: pay.Voucher{Payer: payer, Operator: operator, Epoch: epoch, Amount: amount}, Sig: sig}
}

func sortCharges(cs []pay.Charge) []pay.Charge {
	cs = slices.Clone(cs)
	slices.SortFunc(cs, func(a, b pay.Charge) int {
		if c := cmp.Compare(a.Epoch, b.Epoch); c != 0 {
			return c
		}
		return bytes.Compare(a.Payer[:], b.Payer[:])
	})
	return cs
}
