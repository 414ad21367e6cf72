// Package attribution implements Proof of Attribution: the signed receipt
// a serving node issues for every answer, the span attribution and RAG
// retrieval that decide which Datanet records the receipt credits, the
// reward split, and the per-epoch Merkle tree of receipts that gets
// anchored.
//
// Receipts (receipt.go, encoding.go, validate.go). A Receipt is canonical
// CBOR (core deterministic, dag-cbor compatible, short map keys), decoded
// strictly by DecodeReceipt (no trailing bytes, no unknown fields, and the
// bytes must re-encode identically). Its ID is keccak256 of the encoding
// without the signature; the operator signs the ID with EIP-191
// personal-sign (account.Key), and Verify checks that the signer is the
// receipt's Operator. Validate holds the structural rules (sorted unique
// lists, weight caps, bounded sizes, non-zero addresses, the fee).
// CheckEpoch and Seen are the replay guard: a receipt is accepted within
// maxLag epochs, once per ID.
//
// Receipt leaf. The leaf of a receipt in its epoch's tree is, in Solidity:
//
//	keccak256(bytes.concat(keccak256(abi.encode(receiptID, operator, epoch, fee))))
//
// with (bytes32 receiptID, address operator, uint256 epoch, uint256 fee):
// OpenZeppelin StandardMerkleTree leaf types
// ["bytes32", "address", "uint256", "uint256"]. See Receipt.Leaf.
//
// Span attribution (sais.go, index.go, attribute.go, builder.go,
// serialize.go). An Index is a suffix array (SA-IS, linear time) over the
// token sequences of golden records, Infini-gram style. Attribute finds,
// for every output position, the longest prefix found in the corpus, keeps
// the maximal spans of at least MinSpan tokens and the records that hold
// them; WeighRare turns the spans into record weights in parts per million:
// a span's unigram self-information (Match.Surprisal, OLMoTrace's span
// unigram probability) times log2(1 + N/holders), divided among the records
// holding it, spans held by more than MaxHolders (8) records dropped as
// formulas, normalised by largest remainder. Weigh, the rule before (each
// holder gets the span's full length times log2 rarity), stays for the
// benchmark's side-by-side.
//
// Credit (credit.go). Blend adds cited or training records to the span
// evidence (half each when both exist); EvidenceParts gives such records
// parts by the span weight the answer gives them, EffectParts by measured
// ablation effects (ContextCite-style).
// A Builder rebuilds the main index per epoch and keeps records made golden
// since in a small side suffix array. An index serializes to a versioned,
// checksummed little-endian file of about 8 bytes per token.
//
// RAG (rag.go). RAGIndex is an Okapi BM25 (k1 = 1.2, b = 0.75) inverted
// index over record texts with a Unicode tokenizer; Search returns hits
// with a snippet, CitationsFor turns hits into receipt citations.
//
// Rewards (split.go, aggregate.go). Fee is ceil((promptTokens*promptPrice
// + outputTokens*outputPrice) / 1000), the payment protocol's fee. Split
// divides a receipt's fee between operator, model owners and data
// contributors in exact integers (DefaultSplitParams: 50/20/30; the data
// share goes to the model share when no record is credited); a Splitter
// does the same with reused buffers, for a fee other than r.Fee (package
// pay's settlement scales fees to the vouchers). An
// Aggregator collects an epoch's receipts, deduped by ID, and Close builds
// the receipts tree (package merkle, order-independent), proofs, and the
// epoch's Reward list and per-address Totals.
//
// The package must not import p2p, chain, node or gpu. It talks to none of
// them: callers feed it receipts, tokens and texts.
package attribution
