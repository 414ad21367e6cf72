package pay

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"
)

// referenceTypes are the protocol's types written as go-ethereum's
// EIP-712 implementation takes them, independently of the type strings in
// eip712.go.
var referenceTypes = apitypes.Types{
	"EIP712Domain": {
		{Name: "name", Type: "string"},
		{Name: "version", Type: "string"},
		{Name: "chainId", Type: "uint256"},
		{Name: "verifyingContract", Type: "address"},
	},
	"Authorization": {
		{Name: "payer", Type: "address"},
		{Name: "operator", Type: "address"},
		{Name: "request", Type: "bytes32"},
		{Name: "model", Type: "bytes32"},
		{Name: "epoch", Type: "uint64"},
		{Name: "promptPrice", Type: "uint256"},
		{Name: "outputPrice", Type: "uint256"},
		{Name: "maxAmount", Type: "uint256"},
	},
	"Voucher": {
		{Name: "payer", Type: "address"},
		{Name: "operator", Type: "address"},
		{Name: "epoch", Type: "uint64"},
		{Name: "amount", Type: "uint256"},
	},
}

func u(v uint64) *big.Int { return new(big.Int).SetUint64(v) }

func referenceDigest(t *testing.T, d Domain, primary string, msg apitypes.TypedDataMessage) [32]byte {
	t.Helper()
	// The domain goes through JSON, as a wallet receives it (and so that
	// the test needs no more of go-ethereum than apitypes).
	var dom apitypes.TypedDataDomain
	js := fmt.Sprintf(`{"name":"provenet","version":"1","chainId":"%d","verifyingContract":"%s"}`, d.ChainID, d.Escrow.Hex())
	if err := json.Unmarshal([]byte(js), &dom); err != nil {
		t.Fatal(err)
	}
	td := apitypes.TypedData{Types: referenceTypes, PrimaryType: primary, Domain: dom, Message: msg}
	h, _, err := apitypes.TypedDataAndHash(td)
	if err != nil {
		t.Fatal(err)
	}
	return [32]byte(h)
}

func TestTypeStringsMatchReference(t *testing.T) {
	td := apitypes.TypedData{Types: referenceTypes}
	for name, want := range map[string]string{
		"EIP712Domain": DomainType, "Authorization": AuthorizationType, "Voucher": VoucherType,
	} {
		if got := string(td.EncodeType(name)); got != want {
			t.Errorf("%s: reference type %q, ours %q", name, got, want)
		}
	}
}

func testDomains() []Domain {
	return []Domain{
		{ChainID: 1, Escrow: common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3")},
		{ChainID: 31337, Escrow: common.HexToAddress("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512")},
		{ChainID: math.MaxUint64, Escrow: common.HexToAddress("0xffffffffffffffffffffffffffffffffffffffff")},
		{},
	}
}

func testAuthorizations() []Authorization {
	return []Authorization{
		{
			Payer: common.HexToAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"), Operator: common.HexToAddress("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"),
			Request: [32]byte{1, 2, 3}, Model: ModelID("provenet-base"), Epoch: 7,
			PromptPrice: 1_000_000_000_000, OutputPrice: 3_000_000_000_000, MaxAmount: 5_000_000_000_000_000,
		},
		{
			Payer: common.HexToAddress("0xffffffffffffffffffffffffffffffffffffffff"), Operator: common.HexToAddress("0x0000000000000000000000000000000000000001"),
			Request: [32]byte{31: 0xff}, Model: ModelID("provenet-base:adapter"), Epoch: math.MaxUint64,
			PromptPrice: math.MaxUint64, OutputPrice: math.MaxUint64, MaxAmount: math.MaxUint64,
		},
		{}, // all zero
	}
}

func TestAuthorizationDigestMatchesReference(t *testing.T) {
	for _, d := range testDomains() {
		for _, a := range testAuthorizations() {
			want := referenceDigest(t, d, "Authorization", apitypes.TypedDataMessage{
				"payer": a.Payer.Hex(), "operator": a.Operator.Hex(),
				"request": a.Request[:], "model": a.Model[:],
				"epoch": u(a.Epoch), "promptPrice": u(a.PromptPrice), "outputPrice": u(a.OutputPrice),
				"maxAmount": u(a.MaxAmount),
			})
			if got := a.Digest(d); got != want {
				t.Errorf("domain %+v, %+v: digest %x, reference %x", d, a, got, want)
			}
		}
	}
}

func TestVoucherDigestMatchesReference(t *testing.T) {
	vs := []Voucher{
		{Payer: common.HexToAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"), Operator: common.HexToAddress("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"), Epoch: 7, Amount: 123_456_789},
		{Payer: common.HexToAddress("0xffffffffffffffffffffffffffffffffffffffff"), Operator: common.HexToAddress("0xffffffffffffffffffffffffffffffffffffffff"), Epoch: math.MaxUint64, Amount: math.MaxUint64},
		{},
	}
	for _, d := range testDomains() {
		for _, v := range vs {
			want := referenceDigest(t, d, "Voucher", apitypes.TypedDataMessage{
				"payer": v.Payer.Hex(), "operator": v.Operator.Hex(), "epoch": u(v.Epoch), "amount": u(v.Amount),
			})
			if got := v.Digest(d); got != want {
				t.Errorf("domain %+v, %+v: digest %x, reference %x", d, v, got, want)
			}
		}
	}
}

// TestGoldenDigests pins the digests of one fixed domain, authorization
// and voucher (chain 31337, escrow 0xe7f1…0512, the first of
// testAuthorizations, voucher amount 123456789), for the contract's tests
// to compare with.
func TestGoldenDigests(t *testing.T) {
	d := testDomains()[1]
	a := testAuthorizations()[0]
	v := Voucher{Payer: a.Payer, Operator: a.Operator, Epoch: 7, Amount: 123_456_789}
	for name, c := range map[string]struct {
		got  [32]byte
		want string
	}{
		"separator":     {d.Separator(), "0x58c17a14a58f2c348c05e4275eba92add138ddc35d438e6da118b66d73bdf5f8"},
		"authorization": {a.Digest(d), "0x6e555a0ae821bff83b1e8b1c40370cdec62936b4a6b7c5f7152dd1a99e65a68e"},
		"voucher":       {v.Digest(d), "0xbd83392d403e03db259e92b3de35bf62e28da0e8a143d443824199b7d8c210fd"},
		"model":         {ModelID("provenet-base"), "0xfa72b16c2ddd82f08566e3e0ce836e1283f2f5395cf4ee37af068df643721fac"},
	} {
		if got := common.Hash(c.got).Hex(); got != c.want {
			t.Errorf("%s: %s, want %s", name, got, c.want)
		}
	}
}
