package attribution

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/account"
)

// WeightScale is the fixed-point scale of adapter and record weights: parts
// per million.
const WeightScale = 1_000_000

// Validate checks the structure of r; every error wraps ErrMalformed:
//   - Version is ReceiptVersion; Time > 0; RequestID is 1..MaxIDLen bytes
//     of UTF-8;
//   - every CID (base model, adapters, records, citations) and datanet ID is
//     a CID in its canonical string form, at most MaxIDLen bytes;
//   - Base.Owner, Operator, adapter owners and record contributors are
//     non-zero addresses;
//   - PromptTokens and OutputTokens are at most MaxTokens and not both 0;
//   - at most MaxAdapters adapters, sorted by CID, unique, weights summing
//     to at most WeightScale;
//   - at most MaxRecords records, sorted by (CID, Datanet), unique, weights
//     summing to at most WeightScale;
//   - at most MaxCitations citations, sorted by CID, unique, Count > 0;
//   - a paid receipt (non-zero Auth) names a non-zero Payer;
//   - Fee equals Fee(PromptTokens, OutputTokens, PromptPrice, OutputPrice);
//   - Sig is empty or account.SignatureLen bytes.
func (r *Receipt) Validate() error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: %s", ErrMalformed, fmt.Sprintf(format, a...))
	}
	if r.Version != ReceiptVersion {
		return versionError(r.Version)
	}
	if r.Time <= 0 {
		return bad("time %d", r.Time)
	}
	if r.RequestID == "" || len(r.RequestID) > MaxIDLen || !utf8.ValidString(r.RequestID) {
		return bad("request id of %d bytes", len(r.RequestID))
	}
	if err := checkCID("base cid", r.Base.CID); err != nil {
		return err
	}
	if r.Base.Owner == (common.Address{}) {
		return bad("zero base owner")
	}
	if r.Operator == (common.Address{}) {
		return bad("zero operator")
	}
	if r.PromptTokens > MaxTokens || r.OutputTokens > MaxTokens || r.PromptTokens+r.OutputTokens == 0 {
		return bad("token counts %d+%d", r.PromptTokens, r.OutputTokens)
	}
	if err := validateAdapters(r.Adapters); err != nil {
		return err
	}
	if err := validateRecords(r.Records); err != nil {
		return err
	}
	if err := validateCitations(r.Citations); err != nil {
		return err
	}
	if r.Auth != ([32]byte{}) && r.Payer == (common.Address{}) {
		return bad("authorization without a payer")
	}
	fee, err := Fee(r.PromptTokens, r.OutputTokens, r.PromptPrice, r.OutputPrice)
	if err != nil {
		return bad("fee: %v", err)
	}
	if fee != r.Fee {
		return bad("fee %d, want %d", r.Fee, fee)
	}
	if len(r.Sig) != 0 && len(r.Sig) != account.SignatureLen {
		return bad("signature of %d bytes", len(r.Sig))
	}
	return nil
}

// versionError is the error for a receipt of version v != ReceiptVersion.
func versionError(v uint8) error {
	return fmt.Errorf("%w: %w: version %d, this package accepts only version %d", ErrMalformed, ErrVersion, v, ReceiptVersion)
}

func validateAdapters(as []Adapter) error {
	if len(as) > MaxAdapters {
		return fmt.Errorf("%w: %d adapters, limit %d", ErrMalformed, len(as), MaxAdapters)
	}
	var sum uint64
	for i, a := range as {
		if err := checkCID("adapter cid", a.CID); err != nil {
			return err
		}
		if a.Owner == (common.Address{}) {
			return fmt.Errorf("%w: adapter %d: zero owner", ErrMalformed, i)
		}
		if i > 0 && as[i-1].CID >= a.CID {
			return fmt.Errorf("%w: adapters not sorted and unique at %d", ErrMalformed, i)
		}
		sum += uint64(a.Weight)
	}
	if sum > WeightScale {
		return fmt.Errorf("%w: adapter weights sum to %d, limit %d", ErrMalformed, sum, WeightScale)
	}
	return nil
}

func validateRecords(rs []Record) error {
	if len(rs) > MaxRecords {
		return fmt.Errorf("%w: %d records, limit %d", ErrMalformed, len(rs), MaxRecords)
	}
	var sum uint64
	for i, rec := range rs {
		if err := checkCID("record cid", rec.CID); err != nil {
			return err
		}
		if err := checkCID("record datanet", rec.Datanet); err != nil {
			return err
		}
		if rec.Contributor == (common.Address{}) {
			return fmt.Errorf("%w: record %d: zero contributor", ErrMalformed, i)
		}
		if rec.Weight > WeightScale {
			return fmt.Errorf("%w: record %d: weight %d", ErrMalformed, i, rec.Weight)
		}
		if rec.Method > MethodInfluence || (rec.Method == MethodNone && rec.Score != 0) {
			return fmt.Errorf("%w: record %d: method %d with score %d", ErrMalformed, i, rec.Method, rec.Score)
		}
		if i > 0 && compareRecordKey(rs[i-1], rec) >= 0 {
			return fmt.Errorf("%w: records not sorted and unique at %d", ErrMalformed, i)
		}
		sum += rec.Weight // no overflow: each <= WeightScale, at most MaxRecords
	}
	if sum > WeightScale {
		return fmt.Errorf("%w: record weights sum to %d, limit %d", ErrMalformed, sum, WeightScale)
	}
	return nil
}

// compareRecordKey orders records by CID, then Datanet.
func compareRecordKey(a, b Record) int {
	if c := strings.Compare(a.CID, b.CID); c != 0 {
		return c
	}
	return strings.Compare(a.Datanet, b.Datanet)
}

func validateCitations(cs []Citation) error {
	if len(cs) > MaxCitations {
		return fmt.Errorf("%w: %d citations, limit %d", ErrMalformed, len(cs), MaxCitations)
	}
	for i, c := range cs {
		if err := checkCID("citation cid", c.CID); err != nil {
			return err
		}
		if c.Count == 0 {
			return fmt.Errorf("%w: citation %d: zero count", ErrMalformed, i)
		}
		if i > 0 && cs[i-1].CID >= c.CID {
			return fmt.Errorf("%w: citations not sorted and unique at %d", ErrMalformed, i)
		}
	}
	return nil
}

// checkCID accepts a CID in its canonical string form.
func checkCID(field, s string) error {
	if s == "" || len(s) > MaxIDLen {
		return fmt.Errorf("%w: %s of %d bytes", ErrMalformed, field, len(s))
	}
	c, err := cid.Decode(s)
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrMalformed, field, err)
	}
	if c.String() != s {
		return fmt.Errorf("%w: %s %q is not in canonical form", ErrMalformed, field, s)
	}
	return nil
}

// CheckEpoch is the replay window: it accepts a receipt of epoch current or
// of at most maxLag epochs before, and rejects later receipts
// (ErrFutureEpoch) and older ones (ErrStaleEpoch). Within the window the
// caller dedupes by ID with a Seen set that remembers maxLag+1 epochs.
func CheckEpoch(r *Receipt, current, maxLag uint64) error {
	if r.Epoch > current {
		return fmt.Errorf("%w: epoch %d, current %d", ErrFutureEpoch, r.Epoch, current)
	}
	if current-r.Epoch > maxLag {
		return fmt.Errorf("%w: epoch %d, current %d, max lag %d", ErrStaleEpoch, r.Epoch, current, maxLag)
	}
	return nil
}

// Seen is a set of receipt IDs, grouped by epoch so that epochs outside the
// replay window can be dropped (Prune). It is safe for concurrent use.
type Seen struct {
	mu  sync.Mutex
	ids map[ReceiptID]uint64 // ID -> epoch
	per map[uint64][]ReceiptID
}

// NewSeen returns an empty set.
func NewSeen() *Seen {
	return &Seen{ids: make(map[ReceiptID]uint64), per: make(map[uint64][]ReceiptID)}
}

// Add records id under epoch. It returns false when id was already there.
func (s *Seen) Add(id ReceiptID, epoch uint64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.ids[id]; ok {
		return false
	}
	s.ids[id] = epoch
	s.per[epoch] = append(s.per[epoch], id)
	return true
}

// Has reports whether id is in the set.
func (s *Seen) Has(id ReceiptID) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.ids[id]
	return ok
}

// Len returns the number of IDs held.
func (s *Seen) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.ids)
}

// Prune drops the IDs of epochs before epoch. Call it with current-maxLag
// after CheckEpoch's window has moved: older receipts are rejected by
// CheckEpoch anyway.
func (s *Seen) Prune(before uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for e, ids := range s.per {
		if e >= before {
			continue
		}
		for _, id := range ids {
			delete(s.ids, id)
		}
		delete(s.per, e)
	}
}
