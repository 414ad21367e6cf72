package attribution

import (
	"bytes"
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

func FuzzDecodeReceipt(f *testing.F) {
	k := testKey(f)
	r := testReceipt(k.Address(), 1)
	if err := r.Sign(k); err != nil {
		f.Fatal(err)
	}
	good, _ := r.Encode()
	f.Add(good)
	unsigned := testReceipt(k.Address(), 2)
	b, _ := unsigned.Encode()
	f.Add(b)
	free := testReceipt(k.Address(), 3)
	free.Payer, free.Auth = common.Address{}, [32]byte{}
	b, _ = free.Encode()
	f.Add(b)
	f.Add([]byte{0xa0})
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := DecodeReceipt(data)
		if err != nil {
			return
		}
		// Accepted bytes are canonical and valid.
		again, err := r.Encode()
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("accepted non-canonical bytes")
		}
		if err := r.Validate(); err != nil {
			t.Fatal(err)
		}
		_, _ = r.Verify()
		_, _ = r.Leaf()
		if _, err := Split(r, DefaultSplitParams()); err != nil {
			t.Fatal(err)
		}
	})
}
