package attribution

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/merkle"
)

// ReceiptVersion is the only receipt version this package encodes and
// accepts. Version 2 added the payer, the authorization digest and separate
// prompt and output prices; version 1 receipts (one PricePer1k) are
// refused with ErrVersion.
const ReceiptVersion = 2

// ReceiptID identifies a receipt: keccak256 of the canonical CBOR encoding
// of the receipt without its signature (Sig empty, hence omitted). It is
// also the digest the operator signs (EIP-191 personal-sign over the 32
// bytes), so a re-encoded signature can never change the ID.
type ReceiptID [32]byte

// String is the 0x-prefixed lower-case hex form.
func (id ReceiptID) String() string { return common.Hash(id).Hex() }

// Model names the base model that served a request.
type Model struct {
	// CID is the model's content identifier (a CID string).
	CID string `cbor:"cid"`
	// Owner is paid the model share not assigned to adapters.
	Owner common.Address `cbor:"owner"`
}

// Adapter is a LoRA adapter applied on top of the base model.
type Adapter struct {
	CID   string         `cbor:"cid"`
	Owner common.Address `cbor:"owner"`
	// Weight is the adapter's part of the model share in parts per million
	// (WeightScale). Adapter weights sum to at most WeightScale; the rest of
	// the model share goes to the base model's owner.
	Weight uint32 `cbor:"w"`
}

// Record is one Datanet record credited for an answer.
type Record struct {
	// CID is the record ID (a CID string).
	CID string `cbor:"cid"`
	// Contributor is paid this record's part of the data share.
	Contributor common.Address `cbor:"contrib"`
	// Datanet is the datanet ID (a CID string).
	Datanet string `cbor:"datanet"`
	// Weight is the record's influence in parts per million (WeightScale).
	// Record weights sum to at most WeightScale; a zero weight is allowed
	// (listed, not paid).
	Weight uint64 `cbor:"w"`
	// Method says why the record is credited (MethodSpan, MethodCitation,
	// MethodTraining; MethodNone in receipts made before methods were
	// recorded) and Score is that method's integer score (see the Method
	// constants). Both are omitted when zero, so a receipt without them
	// encodes, and is signed, exactly as before.
	Method uint8  `cbor:"m,omitempty"`
	Score  uint64 `cbor:"s,omitempty"`
}

// Credit methods of a receipt Record, and what Record.Score then holds.
const (
	// MethodNone: not stated; Score is 0.
	MethodNone uint8 = iota
	// MethodSpan: the answer repeats spans of the record; Score is its
	// WeighRare score (unigram bits times rarity over holders, Q16).
	MethodSpan
	// MethodCitation: the record was retrieved into the prompt (RAG);
	// Score is its part: span evidence weight, ablation effect or
	// citation count, whichever decided (see EvidenceParts, EffectParts).
	MethodCitation
	// MethodTraining: the record trained the serving adapter (Model
	// Factory provenance); Score is its part (1 for an equal part).
	MethodTraining
	// MethodInfluence is reserved for influence sketches (TracIn/TRAK);
	// nothing produces it yet.
	MethodInfluence
)

// Citation is a record retrieved by RAG and cited in the answer. Citations
// are informational: only Records are paid. A node that wants retrieved
// records paid folds them into Records with a weight.
type Citation struct {
	CID   string `cbor:"cid"`
	Count uint32 `cbor:"n"`
}

// Receipt is the signed attribution receipt that a serving node issues for
// one inference request. It is encoded as canonical (core deterministic)
// CBOR with the short keys below; see Encode and DecodeReceipt.
type Receipt struct {
	Version   uint8  `cbor:"v"`
	Epoch     uint64 `cbor:"epoch"`
	RequestID string `cbor:"req"`
	Base      Model  `cbor:"base"`
	// Adapters are sorted by CID, unique.
	Adapters []Adapter `cbor:"adapters,omitempty"`
	// PromptHash and OutputHash are keccak256 of the prompt and the answer
	// (their exact byte form is the serving API's business).
	PromptHash   [32]byte `cbor:"phash"`
	OutputHash   [32]byte `cbor:"ohash"`
	PromptTokens uint32   `cbor:"ptok"`
	OutputTokens uint32   `cbor:"otok"`
	// Records are sorted by (CID, Datanet), unique.
	Records []Record `cbor:"records,omitempty"`
	// Citations are sorted by CID, unique, Count > 0.
	Citations []Citation `cbor:"cites,omitempty"`
	// Operator is the serving node's account address; it signs the receipt
	// and is paid the operator share.
	Operator common.Address `cbor:"op"`
	// Payer is the account that pays for the request: the payer named by
	// the request's payment authorization. It is zero for a free-tier
	// request.
	Payer common.Address `cbor:"payer"`
	// Auth is the EIP-712 digest of the payer's signed Authorization for
	// this request (package pay), zero for a free-tier request. It ties the
	// receipt to the request the payer authorised.
	Auth [32]byte `cbor:"auth"`
	// PromptPrice and OutputPrice are the prices of 1,000 prompt and 1,000
	// output tokens in wei. They are uint64s, not big.Ints: a fixed-width
	// integer has one canonical CBOR form (a bignum would need CBOR tags
	// that dag-cbor and our strict decoder refuse), it cannot be nil or
	// negative, and 2^64-1 wei (18.4 ETH) per 1k tokens is far above any
	// sane price. Fee checks the arithmetic for overflow.
	PromptPrice uint64 `cbor:"pprice"`
	OutputPrice uint64 `cbor:"oprice"`
	// Fee is the amount owed for the request in wei, equal to
	// Fee(PromptTokens, OutputTokens, PromptPrice, OutputPrice).
	Fee uint64 `cbor:"fee"`
	// Time is the issue time in unix milliseconds.
	Time int64 `cbor:"time"`
	// Sig is the operator's EIP-191 personal-sign signature over ID().
	Sig []byte `cbor:"sig,omitempty"`
}

// Encode returns the canonical CBOR encoding of r, signature included.
func (r *Receipt) Encode() ([]byte, error) {
	b, err := encMode.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("%w: encode: %v", ErrMalformed, err)
	}
	return b, nil
}

// unsigned returns the canonical encoding of r without its signature.
func (r *Receipt) unsigned() ([]byte, error) {
	c := *r
	c.Sig = nil
	return c.Encode()
}

// ID returns keccak256 of the canonical encoding of r without Sig.
func (r *Receipt) ID() (ReceiptID, error) {
	b, err := r.unsigned()
	if err != nil {
		return ReceiptID{}, err
	}
	return ReceiptID(crypto.Keccak256Hash(b)), nil
}

// Sign sets r.Sig to s's EIP-191 personal-sign signature over r.ID(). The
// signer must be r.Operator (ErrBadSignature otherwise).
func (r *Receipt) Sign(s account.Signer) error {
	if s.Address() != r.Operator {
		return fmt.Errorf("%w: signer %s is not the operator %s", ErrBadSignature, s.Address().Hex(), r.Operator.Hex())
	}
	id, err := r.ID()
	if err != nil {
		return err
	}
	sig, err := s.SignDigest(id)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadSignature, err)
	}
	r.Sig = sig
	return nil
}

// Verify recovers the signer of r and checks that it is r.Operator. It
// returns the signer. It does not run Validate.
func (r *Receipt) Verify() (common.Address, error) {
	if len(r.Sig) == 0 {
		return common.Address{}, fmt.Errorf("%w: unsigned", ErrBadSignature)
	}
	id, err := r.ID()
	if err != nil {
		return common.Address{}, err
	}
	got, err := account.Recover(id, r.Sig)
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: %w", ErrBadSignature, err)
	}
	if got != r.Operator {
		return got, fmt.Errorf("%w: signed by %s, operator is %s", ErrBadSignature, got.Hex(), r.Operator.Hex())
	}
	return got, nil
}

// Leaf returns the receipt's leaf in the epoch's receipts Merkle tree, in
// OpenZeppelin StandardMerkleTree form with leaf types
// ["bytes32", "address", "uint256", "uint256"] and values
// [receiptID, operator, epoch, fee]. In Solidity, exactly:
//
//	bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(receiptID, operator, epoch, fee))));
//
// with bytes32 receiptID (ReceiptID, the keccak256 of the unsigned
// canonical CBOR), address operator, uint256 epoch and uint256 fee. The
// tree's inner nodes are MerkleProof.sol's commutative keccak256 pairs; see
// package merkle.
func (r *Receipt) Leaf() ([32]byte, error) {
	id, err := r.ID()
	if err != nil {
		return [32]byte{}, err
	}
	return ReceiptLeaf(id, r.Operator, r.Epoch, r.Fee), nil
}

// ReceiptLeaf is Leaf from the four leaf values: keccak256(bytes.concat(
// keccak256(abi.encode(bytes32 id, address operator, uint256 epoch,
// uint256 fee)))).
func ReceiptLeaf(id ReceiptID, operator common.Address, epoch, fee uint64) [32]byte {
	var buf [128]byte
	return merkle.LeafHash(appendLeafEncoding(buf[:0], id, operator, epoch, fee))
}

// appendLeafEncoding appends abi.encode(bytes32, address, uint256, uint256).
func appendLeafEncoding(dst []byte, id ReceiptID, operator common.Address, epoch, fee uint64) []byte {
	dst = append(dst, id[:]...)
	dst = merkle.AppendAddress(dst, operator)
	dst = merkle.AppendUint64(dst, epoch)
	return merkle.AppendUint64(dst, fee)
}
