// Package datanet owns Datanets and their Records: the types, their canonical
// encoding and content identifiers, signatures, the record lifecycle, and the
// badger store with its indexes, replication log and JSONL export.
//
// # Encoding
//
// Every hashed or signed object is deterministic CBOR (RFC 8949 core
// deterministic encoding) that is also valid dag-cbor: string map keys that
// are short enough for the two sort orders to agree, no floats, no
// indefinite lengths, and exactly one tag, 42, for the CID link from a record
// to its Datanet. Addresses are 20-byte byte strings. Decoding is strict: a
// size limit, no duplicate or unknown map keys, bounded nesting, and the
// decoded value must re-encode to the very same bytes, so one object has
// exactly one encoding.
//
// # Identity
//
// A Datanet's ID is the CIDv1 (dag-cbor, sha2-256) of its definition without
// the signature. A Record's CID covers only its content block
// {datanet, content, source}: the same content submitted twice, by anyone, at
// any time, has the same CID and is stored once. Block returns that content
// block so IPFS tools can read it.
//
// Signatures are EIP-191 personal-sign (see package account) over the
// keccak256 of the canonical CBOR of the whole object without its signature.
//
// # Store
//
// Store keeps Datanets and Records in badger. A single writer goroutine
// group-commits concurrent writes into synced transactions, so a PutRecord
// that returned without error survives a crash. Signature checks run in the
// callers' goroutines before the writer, so they use every core. Every newly
// stored Datanet or Record gets the next local sequence number; Log exposes
// that order for catch-up sync between peers, and a Datanet always precedes
// its Records in it.
package datanet
