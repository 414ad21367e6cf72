package points

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
)

// Errors returned by Add and AddAll, wrapped with detail.
var (
	// ErrUnknownKind: Event.Kind is not KindRecord, KindAnswer or
	// KindOutcome.
	ErrUnknownKind = errors.New("points: unknown event kind")
	// ErrInvalidEvent: a field required by the event's kind is missing or
	// out of range.
	ErrInvalidEvent = errors.New("points: invalid event")
	// ErrIDConflict: an event with the same ID but different fields is
	// already in the ledger. IDs must be content hashes; the first event
	// added under an ID is kept.
	ErrIDConflict = errors.New("points: event ID already used by a different event")
)

// Kind says what signed object an Event comes from.
type Kind uint8

const (
	// KindRecord: a record submission (crawl or upload). Actor is the
	// submitter.
	KindRecord Kind = iota + 1
	// KindAnswer: a classify or validate result. Actor is the worker or
	// validator, Role says which.
	KindAnswer
	// KindOutcome: a record's final state (golden or rejected) and label,
	// as decided by the quorum, or set in advance by the datanet owner for a
	// gold record. Actor is zero.
	KindOutcome
	// Kind 4 was a share of an inference fee in points. Fees are money now
	// (wei claims, package pay), so points score data work only; the value
	// stays unused.
)

func (k Kind) String() string {
	switch k {
	case KindRecord:
		return "record"
	case KindAnswer:
		return "answer"
	case KindOutcome:
		return "outcome"
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// Role is the capacity in which a worker answered.
type Role uint8

const (
	// RoleClassifier: any worker answering a classify task. Anyone can
	// be one, so classifier answers are treated as sybil-prone.
	RoleClassifier Role = iota + 1
	// RoleValidator: a validator whitelisted for the record's datanet. The
	// ledger trusts this field: the caller (package tasks) must emit it only
	// for whitelisted validators.
	RoleValidator
)

func (r Role) String() string {
	switch r {
	case RoleClassifier:
		return "classifier"
	case RoleValidator:
		return "validator"
	}
	return fmt.Sprintf("role(%d)", uint8(r))
}

// State is a record's final state, carried by a KindOutcome event.
type State uint8

const (
	// StateGolden: the record was accepted into the golden set, with
	// Event.Label as its final label.
	StateGolden State = iota + 1
	// StateRejected: the record was rejected as invalid or spam.
	StateRejected
)

func (s State) String() string {
	switch s {
	case StateGolden:
		return "golden"
	case StateRejected:
		return "rejected"
	}
	return fmt.Sprintf("state(%d)", uint8(s))
}

// Event is one signed contribution, reduced to what scoring needs. Events
// are the ledger's only input; all state is a pure function of the set of
// events added.
type Event struct {
	// ID is the hash of the signed object the event comes from. The ledger
	// counts an ID once; it must not be zero.
	ID [32]byte
	// Epoch is the epoch of the signed object's timestamp. Points earned
	// through the event are credited to this epoch or, when they wait for
	// an outcome, to the outcome's epoch (see rules.go).
	Epoch uint64
	// Kind says which of the other fields are meaningful.
	Kind Kind
	// Actor is the record submitter (KindRecord) or the answering worker
	// (KindAnswer); it must not be zero for those kinds. It is ignored for
	// KindOutcome.
	Actor common.Address
	// Datanet is the datanet ID (a CID string); required.
	Datanet string
	// Record is the record ID (a CID string); required. Records are keyed
	// by (Datanet, Record): submissions of the same content to one datanet
	// share it and are duplicates of each other.
	Record string
	// Label is, for KindAnswer, the label the worker chose (ignored when
	// Accept is false, which means "reject the record"); for KindOutcome,
	// the final label (ignored when State is StateRejected). Unused for
	// KindRecord.
	Label string
	// Accept is, for KindAnswer, whether the worker accepts the record as
	// valid data.
	Accept bool
	// Role is, for KindAnswer, RoleClassifier or RoleValidator.
	Role Role
	// State is, for KindOutcome, StateGolden or StateRejected.
	State State
	// Gold is, for KindOutcome, whether the record is a gold task whose
	// answer (Label and State) the datanet owner set in advance.
	Gold bool
	// Created is the signed object's unix time in milliseconds. Within a
	// record it orders events of the same kind: the earliest submission is
	// the original, the earliest outcome is the one that counts, and
	// answers signed after the outcome are late.
	Created int64
}

// validate checks the fields the event's kind requires.
func (e *Event) validate() error {
	switch e.Kind {
	case KindRecord, KindAnswer, KindOutcome:
	default:
		return fmt.Errorf("%w: %d", ErrUnknownKind, uint8(e.Kind))
	}
	var why string
	switch {
	case e.ID == [32]byte{}:
		why = "zero ID"
	case e.Datanet == "":
		why = "empty datanet"
	case e.Record == "":
		why = "empty record"
	case e.Kind != KindOutcome && e.Actor == (common.Address{}):
		why = "zero actor"
	case e.Kind == KindAnswer && e.Role != RoleClassifier && e.Role != RoleValidator:
		why = "unknown role " + e.Role.String()
	case e.Kind == KindOutcome && e.State != StateGolden && e.State != StateRejected:
		why = "unknown state " + e.State.String()
	default:
		return nil
	}
	return fmt.Errorf("%w: %s event %x: %s", ErrInvalidEvent, e.Kind, e.ID[:6], why)
}

// before is the canonical order of events of one kind within a record:
// by Epoch, then Created, then ID. Epoch comes first so that an event can
// never displace one of an earlier epoch, which keeps closed epochs final.
func before(a, b *Event) int {
	if c := cmp.Compare(a.Epoch, b.Epoch); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Created, b.Created); c != 0 {
		return c
	}
	return bytes.Compare(a.ID[:], b.ID[:])
}
