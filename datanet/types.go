package datanet

import (
	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"
)

// Limits on Datanets and Records. Sizes are in bytes.
const (
	// MaxContentBytes bounds Record.Content.
	MaxContentBytes = 256 << 10
	// MaxRecordBytes bounds the wire encoding of a Record (EncodeRecord).
	MaxRecordBytes = 300 << 10
	// MaxSourceBytes bounds Record.Source.
	MaxSourceBytes = 2048
	// MaxLabelBytes bounds one label, in a schema or on a Record.
	MaxLabelBytes = 64
	// MaxLabels bounds a Datanet's label schema.
	MaxLabels = 256
	// MaxValidators bounds a Datanet's validator whitelist.
	MaxValidators = 1024
	// MaxNameBytes bounds Datanet.Name.
	MaxNameBytes = 128
	// MaxDescriptionBytes bounds Datanet.Description.
	MaxDescriptionBytes = 4096
	// MaxDatanetBytes bounds the wire encoding of a Datanet (EncodeDatanet).
	MaxDatanetBytes = 64 << 10
)

// Datanet is a signed definition of a data network: its label schema, its
// validator whitelist and the quorum of validator votes a record needs.
//
// Labels and Validators are sets kept sorted and free of duplicates; use
// NewDatanet or Normalize to get there.
type Datanet struct {
	Name        string
	Description string
	// Owner signs the definition.
	Owner common.Address
	// Labels is the label schema. Empty means an unlabelled Datanet.
	Labels []string
	// Validators is the whitelist of addresses allowed to validate records.
	Validators []common.Address
	// Quorum is the number of validator votes a decision needs: 1 to
	// len(Validators), or 0 when there are no validators.
	Quorum uint32
	// CreatedAt is in unix milliseconds.
	CreatedAt int64
	// Signature is Owner's 65-byte EIP-191 signature over SigningDigest.
	Signature []byte
}

// Record is one submitted piece of content for a Datanet.
type Record struct {
	// Datanet is the ID of the Datanet the record belongs to.
	Datanet cid.Cid
	// Content is non-empty UTF-8 text of at most MaxContentBytes.
	Content string
	// Source is a URL or free-form origin of at most MaxSourceBytes.
	Source string
	// Submitter signs the record.
	Submitter common.Address
	// Label is optional; when set it must be in the Datanet's schema.
	Label string
	// CreatedAt is in unix milliseconds.
	CreatedAt int64
	// Signature is Submitter's 65-byte EIP-191 signature over SigningDigest.
	Signature []byte
}

// StoredRecord is a Record as the Store holds it.
type StoredRecord struct {
	Record
	// CID is Record.CID(), the content-block CID.
	CID cid.Cid
	// State is the record's lifecycle state.
	State State
	// Seq is the record's local sequence number in the replication log.
	Seq uint64
	// ReceivedAt is when this store first stored it, in unix milliseconds.
	ReceivedAt int64
	// Final is the outcome of a golden or rejected record, joined in by
	// the reader that knows the votes (the node's work service); nil for
	// a pending record or when nobody joined it. The store does not keep
	// it: the votes are its source.
	Final *Final
}

// Final is a decided record's outcome: its final label (empty for a
// rejection or a Datanet without labels) and when its vote was decided.
type Final struct {
	Label     string `json:"label"`
	DecidedAt int64  `json:"decided_at"`
	Epoch     uint64 `json:"epoch"`
}

// PutResult is the outcome of storing one Record.
type PutResult struct {
	// CID is the record's content-block CID.
	CID cid.Cid
	// Created is false when the content was already stored.
	Created bool
	// Seq is the record's sequence number, the existing one when Created is
	// false.
	Seq uint64
	// Err is set, by PutRecords only, when this record was rejected; the
	// other fields are then zero, except CID where it could be computed.
	Err error
}

// Query selects records of one Datanet for ListRecords.
type Query struct {
	// Datanet is required.
	Datanet cid.Cid
	// State, when set, keeps records in that state only.
	State *State
	// Submitter, when set, keeps records by that address only.
	Submitter *common.Address
	// After is an exclusive sequence-number cursor: pass the next value
	// returned by the previous page.
	After uint64
	// Limit is the page size: default DefaultQueryLimit, at most
	// MaxQueryLimit.
	Limit int
}

// Page sizes for ListRecords.
const (
	DefaultQueryLimit = 100
	MaxQueryLimit     = 1000
)

// Kind says what a LogEntry holds.
type Kind uint8

// Log entry kinds.
const (
	KindDatanet Kind = 1
	KindRecord  Kind = 2
)

// String returns "datanet" or "record".
func (k Kind) String() string {
	switch k {
	case KindDatanet:
		return "datanet"
	case KindRecord:
		return "record"
	default:
		return "unknown"
	}
}

// LogEntry is one object in the replication log.
type LogEntry struct {
	Seq  uint64
	Kind Kind
	// Data is the wire encoding: EncodeDatanet or EncodeRecord.
	Data []byte
}

// Stats counts what the store holds.
type Stats struct {
	Datanets int
	Records  int
}
