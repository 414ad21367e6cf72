package chain

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/math"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"github.com/provenet/provenet/merkle"
)

// The EIP-712 hashing of payspec.md, written out independently of the
// contract: the tests sign with it and check it against the contract's
// views and against go-ethereum's apitypes.

const (
	specDomainType = "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
	specAuthType   = "Authorization(address payer,address operator,bytes32 request,bytes32 model,uint64 epoch,uint256 promptPrice,uint256 outputPrice,uint256 maxAmount)"
	specVoucherTyp = "Voucher(address payer,address operator,uint64 epoch,uint256 amount)"
)

func word(v *big.Int) []byte { return math.U256Bytes(new(big.Int).Set(v)) }

func addrWord(a common.Address) []byte { return common.LeftPadBytes(a[:], 32) }

func u64Word(v uint64) []byte { return word(new(big.Int).SetUint64(v)) }

// specDomainSeparator is hashStruct(EIP712Domain).
func specDomainSeparator(chainID *big.Int, escrow common.Address) [32]byte {
	return crypto.Keccak256Hash(
		crypto.Keccak256([]byte(specDomainType)),
		crypto.Keccak256([]byte("provenet")),
		crypto.Keccak256([]byte("1")),
		word(chainID),
		addrWord(escrow),
	)
}

func specVoucherStruct(v Voucher) [32]byte {
	return crypto.Keccak256Hash(crypto.Keccak256([]byte(specVoucherTyp)),
		addrWord(v.Payer), addrWord(v.Operator), u64Word(v.Epoch), word(v.Amount))
}

func specAuthStruct(a Authorization) [32]byte {
	return crypto.Keccak256Hash(crypto.Keccak256([]byte(specAuthType)),
		addrWord(a.Payer), addrWord(a.Operator), a.Request[:], a.Model[:], u64Word(a.Epoch),
		word(a.PromptPrice), word(a.OutputPrice), word(a.MaxAmount))
}

// specDigest is keccak256(0x19 0x01 || domainSeparator || structHash).
func specDigest(ds, structHash [32]byte) [32]byte {
	return crypto.Keccak256Hash([]byte{0x19, 0x01}, ds[:], structHash[:])
}

func voucherDigest(chainID *big.Int, escrow common.Address, v Voucher) [32]byte {
	return specDigest(specDomainSeparator(chainID, escrow), specVoucherStruct(v))
}

func authDigest(chainID *big.Int, escrow common.Address, a Authorization) [32]byte {
	return specDigest(specDomainSeparator(chainID, escrow), specAuthStruct(a))
}

// apitypesDomain is the domain for go-ethereum's TypedData.
func apitypesTypedData(chainID *big.Int, escrow common.Address, primary string, msg apitypes.TypedDataMessage) apitypes.TypedData {
	return apitypes.TypedData{
		Types: apitypes.Types{
			"EIP712Domain": {
				{Name: "name", Type: "string"}, {Name: "version", Type: "string"},
				{Name: "chainId", Type: "uint256"}, {Name: "verifyingContract", Type: "address"},
			},
			"Voucher": {
				{Name: "payer", Type: "address"}, {Name: "operator", Type: "address"},
				{Name: "epoch", Type: "uint64"}, {Name: "amount", Type: "uint256"},
			},
			"Authorization": {
				{Name: "payer", Type: "address"}, {Name: "operator", Type: "address"},
				{Name: "request", Type: "bytes32"}, {Name: "model", Type: "bytes32"},
				{Name: "epoch", Type: "uint64"}, {Name: "promptPrice", Type: "uint256"},
				{Name: "outputPrice", Type: "uint256"}, {Name: "maxAmount", Type: "uint256"},
			},
		},
		PrimaryType: primary,
		Domain: apitypes.TypedDataDomain{
			Name: "provenet", Version: "1",
			ChainId: (*math.HexOrDecimal256)(new(big.Int).Set(chainID)), VerifyingContract: escrow.Hex(),
		},
		Message: msg,
	}
}

func apitypesVoucherDigest(t testing.TB, chainID *big.Int, escrow common.Address, v Voucher) [32]byte {
	t.Helper()
	td := apitypesTypedData(chainID, escrow, "Voucher", apitypes.TypedDataMessage{
		"payer": v.Payer.Hex(), "operator": v.Operator.Hex(),
		"epoch": new(big.Int).SetUint64(v.Epoch).String(), "amount": v.Amount.String(),
	})
	h, _, err := apitypes.TypedDataAndHash(td)
	if err != nil {
		t.Fatal(err)
	}
	return [32]byte(h)
}

func apitypesAuthDigest(t testing.TB, chainID *big.Int, escrow common.Address, a Authorization) [32]byte {
	t.Helper()
	td := apitypesTypedData(chainID, escrow, "Authorization", apitypes.TypedDataMessage{
		"payer": a.Payer.Hex(), "operator": a.Operator.Hex(),
		"request": common.Hash(a.Request).Hex(), "model": common.Hash(a.Model).Hex(),
		"epoch":       new(big.Int).SetUint64(a.Epoch).String(),
		"promptPrice": a.PromptPrice.String(), "outputPrice": a.OutputPrice.String(), "maxAmount": a.MaxAmount.String(),
	})
	h, _, err := apitypes.TypedDataAndHash(td)
	if err != nil {
		t.Fatal(err)
	}
	return [32]byte(h)
}

// signDigest signs digest with key: 65 bytes r || s || v, v in {27, 28}.
func signDigest(t testing.TB, key *ecdsa.PrivateKey, digest [32]byte) []byte {
	t.Helper()
	sig, err := crypto.Sign(digest[:], key)
	if err != nil {
		t.Fatal(err)
	}
	sig[64] += 27
	return sig
}

// escrowFixture is a sim with an escrow domain and helpers to sign.
type escrowFixture struct {
	*sim
	chainID *big.Int
	escrow  common.Address
}

func newEscrowSim(t testing.TB, accounts int) *escrowFixture {
	t.Helper()
	s := newSim(t, accounts)
	d, err := s.clients[0].EscrowDomain()
	if err != nil {
		t.Fatal(err)
	}
	return &escrowFixture{sim: s, chainID: d.ChainID, escrow: d.VerifyingContract}
}

// redemption signs v with key under the fixture's domain and charges
// charge.
func (f *escrowFixture) redemption(t testing.TB, key *ecdsa.PrivateKey, v Voucher, charge *big.Int) Redemption {
	t.Helper()
	return Redemption{Voucher: v, Signature: signDigest(t, key, voucherDigest(f.chainID, f.escrow, v)), Charge: charge}
}

// wantRevert checks that err is the named custom error and matches
// sentinel and ErrReverted.
func wantRevert(t testing.TB, what string, err error, sentinel error, name string) {
	t.Helper()
	var re *RevertError
	if !errors.As(err, &re) || re.Name != name || !errors.Is(err, sentinel) || !errors.Is(err, ErrReverted) {
		t.Fatalf("%s: got %v, want %s (%v)", what, err, name, sentinel)
	}
}

func ether(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), big.NewInt(1e18)) }

func gwei(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), big.NewInt(1e9)) }

// balanceAt is addr's ether balance at the head.
func (s *sim) balanceAt(t testing.TB, addr common.Address) *big.Int {
	t.Helper()
	b, err := s.backend.Client().BalanceAt(context.Background(), addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fee is what transaction h cost its sender.
func (s *sim) fee(t testing.TB, h common.Hash) *big.Int {
	t.Helper()
	r := s.receipt(t, h)
	return new(big.Int).Mul(new(big.Int).SetUint64(r.GasUsed), r.EffectiveGasPrice)
}

// logsOf returns the receipt logs of h.
func (s *sim) logsOf(t testing.TB, h common.Hash) []*types.Log { return s.receipt(t, h).Logs }

// claimsTree is a payment claims tree of (account, epoch, amount) leaves
// built with package merkle, plus each leaf for proofs.
func claimsTree(t testing.TB, epoch uint64, amounts map[common.Address]*big.Int) (*merkle.Tree, map[common.Address][32]byte) {
	t.Helper()
	leaves := make([][32]byte, 0, len(amounts))
	byAcct := make(map[common.Address][32]byte, len(amounts))
	for a, v := range amounts {
		enc, err := merkle.EncodeAddressUint256s(a, new(big.Int).SetUint64(epoch), v)
		if err != nil {
			t.Fatal(err)
		}
		l := merkle.LeafHash(enc)
		if pl, err := PaymentLeaf(a, epoch, v); err != nil || pl != l {
			t.Fatalf("PaymentLeaf %x, merkle %x (%v)", pl, l, err)
		}
		leaves = append(leaves, l)
		byAcct[a] = l
	}
	tree, err := merkle.New(leaves)
	if err != nil {
		t.Fatal(err)
	}
	return tree, byAcct
}

func sum(vs ...*big.Int) *big.Int {
	out := new(big.Int)
	for _, v := range vs {
		out.Add(out, v)
	}
	return out
}

func sub(a, b *big.Int) *big.Int { return new(big.Int).Sub(a, b) }
