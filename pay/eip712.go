package pay

import (
	"encoding/binary"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// The EIP-712 domain and type strings of the protocol, exactly as the
// PaymentEscrow contract hashes them. A change here is a protocol change.
const (
	DomainName    = "provenet"
	DomainVersion = "1"

	DomainType        = "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
	AuthorizationType = "Authorization(address payer,address operator,bytes32 request,bytes32 model,uint64 epoch,uint256 promptPrice,uint256 outputPrice,uint256 maxAmount)"
	VoucherType       = "Voucher(address payer,address operator,uint64 epoch,uint256 amount)"
)

var (
	domainTypeHash        = crypto.Keccak256Hash([]byte(DomainType))
	authorizationTypeHash = crypto.Keccak256Hash([]byte(AuthorizationType))
	voucherTypeHash       = crypto.Keccak256Hash([]byte(VoucherType))
	domainNameHash        = crypto.Keccak256Hash([]byte(DomainName))
	domainVersionHash     = crypto.Keccak256Hash([]byte(DomainVersion))
)

// Domain is the EIP-712 domain: the chain and the escrow contract that
// verifies the signatures.
type Domain struct {
	ChainID uint64
	Escrow  common.Address
}

// Separator is the EIP-712 domain separator, hashStruct(EIP712Domain).
func (d Domain) Separator() [32]byte {
	var b [5 * 32]byte
	copy(b[0:], domainTypeHash[:])
	copy(b[32:], domainNameHash[:])
	copy(b[64:], domainVersionHash[:])
	putUint64(b[96:], d.ChainID)
	putAddress(b[128:], d.Escrow)
	return crypto.Keccak256Hash(b[:])
}

// Authorization is what a payer (or a signer bound to it) signs before
// generation: the operator may charge at most MaxAmount wei for the
// request Request on model Model in epoch Epoch, at PromptPrice and
// OutputPrice wei per 1,000 tokens. The CBOR keys are its wire form
// (SignedAuthorization).
type Authorization struct {
	Payer    common.Address `cbor:"payer"`
	Operator common.Address `cbor:"op"`
	// Request is the request ID: 32 random bytes, unique per payer.
	Request [32]byte `cbor:"req"`
	// Model is ModelID of the model name as requested.
	Model       [32]byte `cbor:"model"`
	Epoch       uint64   `cbor:"epoch"`
	PromptPrice uint64   `cbor:"pprice"`
	OutputPrice uint64   `cbor:"oprice"`
	MaxAmount   uint64   `cbor:"max"`
}

// Prices returns the authorization's prices.
func (a Authorization) Prices() Prices { return Prices{Prompt: a.PromptPrice, Output: a.OutputPrice} }

// StructHash is hashStruct(Authorization).
func (a Authorization) StructHash() [32]byte {
	var b [9 * 32]byte
	copy(b[0:], authorizationTypeHash[:])
	putAddress(b[32:], a.Payer)
	putAddress(b[64:], a.Operator)
	copy(b[96:], a.Request[:])
	copy(b[128:], a.Model[:])
	putUint64(b[160:], a.Epoch)
	putUint64(b[192:], a.PromptPrice)
	putUint64(b[224:], a.OutputPrice)
	putUint64(b[256:], a.MaxAmount)
	return crypto.Keccak256Hash(b[:])
}

// Digest is the EIP-712 digest the payer signs, keccak256(0x19 0x01 ||
// d.Separator() || StructHash()). It is also Receipt.Auth.
func (a Authorization) Digest(d Domain) [32]byte { return typedDigest(d.Separator(), a.StructHash()) }

// Voucher is what a payer signs after checking a receipt: Amount is the
// cumulative wei it owes Operator for Epoch, monotone within the epoch.
type Voucher struct {
	Payer    common.Address `cbor:"payer"`
	Operator common.Address `cbor:"op"`
	Epoch    uint64         `cbor:"epoch"`
	Amount   uint64         `cbor:"amount"`
}

// StructHash is hashStruct(Voucher).
func (v Voucher) StructHash() [32]byte {
	var b [5 * 32]byte
	copy(b[0:], voucherTypeHash[:])
	putAddress(b[32:], v.Payer)
	putAddress(b[64:], v.Operator)
	putUint64(b[96:], v.Epoch)
	putUint64(b[128:], v.Amount)
	return crypto.Keccak256Hash(b[:])
}

// Digest is the EIP-712 digest the payer signs.
func (v Voucher) Digest(d Domain) [32]byte { return typedDigest(d.Separator(), v.StructHash()) }

// ModelID is the Authorization's model field: keccak256 of the UTF-8
// model name as requested ("provenet-base", "provenet-base:adapter").
func ModelID(name string) [32]byte { return crypto.Keccak256Hash([]byte(name)) }

// typedDigest is keccak256(0x19 0x01 || separator || structHash).
func typedDigest(separator, structHash [32]byte) [32]byte {
	var b [2 + 64]byte
	b[0], b[1] = 0x19, 0x01
	copy(b[2:], separator[:])
	copy(b[34:], structHash[:])
	return crypto.Keccak256Hash(b[:])
}

// putUint64 writes v as a 32-byte big-endian word into the zeroed w.
func putUint64(w []byte, v uint64) { binary.BigEndian.PutUint64(w[24:32], v) }

// putAddress writes a as a 32-byte word (left-padded) into the zeroed w.
func putAddress(w []byte, a common.Address) { copy(w[12:32], a[:]) }
