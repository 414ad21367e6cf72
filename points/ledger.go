package points

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"slices"
	"sync"

	"github.com/ethereum/go-ethereum/common"
)

// Ledger is the event-sourced points ledger. Its state is a pure function
// of the set of events added: the same events in any order give the same
// balances, leaderboards and snapshot roots. It is safe for concurrent use.
//
// Add is cheap: it stores the event and marks the event's record dirty.
// Queries first rescore the dirty records (each record is scored from all
// of its events, see rules.go) and apply the difference to per-address,
// per-epoch sums. Sums commute, so the order of rescoring does not matter.
type Ledger struct {
	mu      sync.Mutex
	events  []Event            // in arrival order; never reordered (removed ones zeroed)
	byID    map[[32]byte]int32 // ID -> index in events
	epochs  map[uint64]*epochLog
	records map[recordKey]*recordState
	dirty   []*recordState
	total   book            // all datanets
	perNet  map[string]book // by datanet
	sc      scorer
	scratch []*Event
}

type recordKey struct{ datanet, record string }

type recordState struct {
	key     recordKey
	events  []int32  // indices into Ledger.events
	credits []credit // as last applied to the books
	dirty   bool
}

// epochLog lists the event IDs of one epoch; sorted and digest are caches.
type epochLog struct {
	ids      [][32]byte
	sorted   bool
	digest   [32]byte
	digestOK bool
}

// book holds, per address, sums per epoch.
type book map[common.Address]*series

// series is one address's per-epoch sums, ascending by epoch.
type series []cell

type cell struct {
	epoch       uint64
	n           int64 // scored items; the cell is dropped at 0
	points      int64
	goldCorrect int64
	goldTotal   int64
}

// NewLedger returns an empty ledger.
func NewLedger() *Ledger {
	return &Ledger{
		byID:    make(map[[32]byte]int32),
		epochs:  make(map[uint64]*epochLog),
		records: make(map[recordKey]*recordState),
		total:   make(book),
		perNet:  make(map[string]book),
	}
}

// Add adds e. It returns added=false, with a nil error, when an identical
// event with the same ID is already in the ledger. It returns an error
// wrapping ErrUnknownKind or ErrInvalidEvent for a malformed event, and
// ErrIDConflict for a different event under a known ID; the ledger is then
// unchanged.
func (l *Ledger) Add(e Event) (added bool, err error) {
	if err := e.validate(); err != nil {
		return false, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.addLocked(e)
}

// AddAll adds events under one lock. It returns how many were new, and the
// errors of the rejected ones joined (errors.Join); the valid events are
// added either way.
func (l *Ledger) AddAll(events []Event) (added int, err error) {
	var errs []error
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := range events {
		if err := events[i].validate(); err != nil {
			errs = append(errs, err)
			continue
		}
		ok, err := l.addLocked(events[i])
		if err != nil {
			errs = append(errs, err)
		}
		if ok {
			added++
		}
	}
	return added, errors.Join(errs...)
}

func (l *Ledger) addLocked(e Event) (bool, error) {
	if i, ok := l.byID[e.ID]; ok {
		if l.events[i] != e {
			return false, errorf(ErrIDConflict, "%x", e.ID[:6])
		}
		return false, nil
	}
	k := recordKey{e.Datanet, e.Record}
	r := l.records[k]
	if r == nil {
		r = &recordState{key: k}
		l.records[k] = r
	}
	// Share the record's strings, so a million events hold one copy each.
	e.Datanet, e.Record = r.key.datanet, r.key.record
	idx := int32(len(l.events))
	l.events = append(l.events, e)
	l.byID[e.ID] = idx
	r.events = append(r.events, idx)
	if !r.dirty {
		r.dirty = true
		l.dirty = append(l.dirty, r)
	}
	el := l.epochs[e.Epoch]
	if el == nil {
		el = &epochLog{}
		l.epochs[e.Epoch] = el
	}
	el.ids = append(el.ids, e.ID)
	el.sorted, el.digestOK = false, false
	return true, nil
}

// SetOutcome adds e, a KindOutcome event, as its record's only non-gold
// outcome: every other non-gold outcome event of the record is removed. It
// is for a caller whose view of a quorum can change as votes arrive: a
// quorum first reached on part of the votes, and then an earlier vote, from
// a peer that was slow or across a partition, moves the decision. Each such
// caller sets the outcome of the votes it holds, so callers that hold the
// same votes hold the same events. A gold e is added as by Add. It returns
// whether the ledger changed, and Add's errors.
func (l *Ledger) SetOutcome(e Event) (changed bool, err error) {
	if e.Kind != KindOutcome {
		return false, errorf(ErrInvalidEvent, "SetOutcome of a %s event %x", e.Kind, e.ID[:6])
	}
	if err := e.validate(); err != nil {
		return false, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	added, err := l.addLocked(e)
	if err != nil || e.Gold {
		return added, err
	}
	r := l.records[recordKey{e.Datanet, e.Record}]
	var stale [][32]byte
	for _, i := range r.events {
		if o := &l.events[i]; o.Kind == KindOutcome && !o.Gold && o.ID != e.ID {
			stale = append(stale, o.ID)
		}
	}
	for _, id := range stale {
		l.removeLocked(id)
	}
	return added || len(stale) > 0, nil
}

// removeLocked drops the event with this ID. Its slot in l.events stays,
// zeroed, so that the indices held elsewhere stay valid. Callers hold l.mu.
func (l *Ledger) removeLocked(id [32]byte) {
	i, ok := l.byID[id]
	if !ok {
		return
	}
	e := &l.events[i]
	delete(l.byID, id)
	r := l.records[recordKey{e.Datanet, e.Record}]
	r.events = slices.DeleteFunc(r.events, func(j int32) bool { return j == i })
	if !r.dirty {
		r.dirty = true
		l.dirty = append(l.dirty, r)
	}
	if el := l.epochs[e.Epoch]; el != nil {
		el.ids = slices.DeleteFunc(el.ids, func(x [32]byte) bool { return x == id })
		el.digestOK = false
		if len(el.ids) == 0 {
			delete(l.epochs, e.Epoch)
		}
	}
	*e = Event{}
}

// Len returns the number of events in the ledger.
func (l *Ledger) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.byID)
}

// Has reports whether the ledger holds an event with this ID.
func (l *Ledger) Has(id [32]byte) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	_, ok := l.byID[id]
	return ok
}

// flush rescores the dirty records. Callers hold l.mu.
func (l *Ledger) flush() {
	for _, r := range l.dirty {
		l.scratch = l.scratch[:0]
		for _, i := range r.events {
			l.scratch = append(l.scratch, &l.events[i])
		}
		next := l.sc.score(l.scratch)
		net := l.perNet[r.key.datanet]
		if net == nil {
			net = make(book)
			l.perNet[r.key.datanet] = net
		}
		for _, c := range r.credits {
			l.total.apply(c, -1)
			net.apply(c, -1)
		}
		r.credits = append(r.credits[:0], next...)
		if len(r.credits) == 0 {
			r.credits = nil
		}
		for _, c := range r.credits {
			l.total.apply(c, 1)
			net.apply(c, 1)
		}
		r.dirty = false
	}
	clear(l.dirty)
	l.dirty = l.dirty[:0]
	// Drop pointers into l.events, whose backing array Add may replace.
	clear(l.scratch)
	l.sc.release()
}

// apply adds (sign 1) or removes (sign -1) one credit.
func (b book) apply(c credit, sign int64) {
	s := b[c.addr]
	if s == nil {
		if sign < 0 {
			panic("points: removing a credit that was never applied")
		}
		s = new(series)
		b[c.addr] = s
	}
	i, found := slices.BinarySearchFunc(*s, c.epoch, func(x cell, e uint64) int { return cmp.Compare(x.epoch, e) })
	if !found {
		*s = slices.Insert(*s, i, cell{epoch: c.epoch})
	}
	x := &(*s)[i]
	x.n += sign
	x.points += sign * c.points
	x.goldCorrect += sign * c.goldCorrect
	x.goldTotal += sign * c.goldTotal
	if x.n == 0 {
		*s = slices.Delete(*s, i, i+1)
		if len(*s) == 0 {
			delete(b, c.addr)
		}
	}
}

// upTo sums the cells with epoch <= e; ok is false when there are none.
func (s series) upTo(e uint64) (sum cell, ok bool) {
	for _, c := range s {
		if c.epoch > e {
			break
		}
		ok = true
		sum.n += c.n
		sum.points += c.points
		sum.goldCorrect += c.goldCorrect
		sum.goldTotal += c.goldTotal
	}
	return sum, ok
}

// Balance is an address's cumulative points.
type Balance struct {
	Address common.Address
	// Points is the sum of the address's points, which can be negative.
	Points int64
}

// Balances returns the cumulative points of every address with at least
// one scored item in epochs <= upToEpoch, over all datanets, sorted by
// address. Use math.MaxUint64 for all epochs.
func (l *Ledger) Balances(upToEpoch uint64) []Balance {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.flush()
	return balances(l.total, upToEpoch)
}

func balances(b book, upTo uint64) []Balance {
	out := make([]Balance, 0, len(b))
	for a, s := range b {
		if sum, ok := s.upTo(upTo); ok {
			out = append(out, Balance{Address: a, Points: sum.points})
		}
	}
	slices.SortFunc(out, func(x, y Balance) int { return bytes.Compare(x.Address[:], y.Address[:]) })
	return out
}

// Standing is one row of a leaderboard.
type Standing struct {
	// Rank starts at 1. Equal points share neither rank nor order by
	// chance: ties are ordered by address and ranked consecutively.
	Rank    int
	Address common.Address
	Points  int64
}

// Leaderboard returns the top limit addresses by cumulative points in
// epochs <= upToEpoch, for one datanet, or over all datanets when datanet is
// "". Rows are sorted by points descending, then address ascending. A limit
// <= 0 returns every row.
func (l *Ledger) Leaderboard(datanet string, upToEpoch uint64, limit int) []Standing {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.flush()
	b := l.total
	if datanet != "" {
		b = l.perNet[datanet]
	}
	bs := balances(b, upToEpoch)
	slices.SortFunc(bs, func(x, y Balance) int {
		if c := cmp.Compare(y.Points, x.Points); c != 0 {
			return c
		}
		return bytes.Compare(x.Address[:], y.Address[:])
	})
	if limit > 0 && len(bs) > limit {
		bs = bs[:limit]
	}
	out := make([]Standing, len(bs))
	for i, b := range bs {
		out[i] = Standing{Rank: i + 1, Address: b.Address, Points: b.Points}
	}
	return out
}

// Datanets returns the datanets that have events, sorted.
func (l *Ledger) Datanets() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.flush()
	out := make([]string, 0, len(l.perNet))
	for d, b := range l.perNet {
		if len(b) > 0 {
			out = append(out, d)
		}
	}
	slices.Sort(out)
	return out
}

// Accuracy is a worker's record on gold tasks.
type Accuracy struct {
	Correct uint64
	Total   uint64
}

// Permille returns Correct/Total in per-mille, 0 when Total is 0.
func (a Accuracy) Permille() uint64 {
	if a.Total == 0 {
		return 0
	}
	return a.Correct * 1000 / a.Total
}

// Ratio returns Correct/Total, 0 when Total is 0. For display only.
func (a Accuracy) Ratio() float64 {
	if a.Total == 0 {
		return 0
	}
	return float64(a.Correct) / float64(a.Total)
}

// GoldAccuracy returns addr's scored gold answers over all epochs and
// datanets.
func (l *Ledger) GoldAccuracy(addr common.Address) Accuracy {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.flush()
	s := l.total[addr]
	if s == nil {
		return Accuracy{}
	}
	sum, _ := s.upTo(^uint64(0))
	return Accuracy{Correct: uint64(sum.goldCorrect), Total: uint64(sum.goldTotal)}
}

// sortedIDs returns the epoch's IDs ascending; callers hold l.mu and must
// not modify the slice.
func (el *epochLog) sortedIDs() [][32]byte {
	if !el.sorted {
		slices.SortFunc(el.ids, func(a, b [32]byte) int { return bytes.Compare(a[:], b[:]) })
		el.sorted = true
	}
	return el.ids
}

// Events returns the events of one epoch, sorted by ID.
func (l *Ledger) Events(epoch uint64) []Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	el := l.epochs[epoch]
	if el == nil {
		return nil
	}
	ids := el.sortedIDs()
	out := make([]Event, len(ids))
	for i, id := range ids {
		out[i] = l.events[l.byID[id]]
	}
	return out
}

// IDs returns the event IDs of one epoch, sorted ascending.
func (l *Ledger) IDs(epoch uint64) [][32]byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	el := l.epochs[epoch]
	if el == nil {
		return nil
	}
	return slices.Clone(el.sortedIDs())
}

// Digest returns sha256(uint64be(count) || sorted IDs) over the event IDs of
// one epoch: two ledgers hold the same events of an epoch exactly when
// their digests match. An epoch with no events has the digest of count 0.
func (l *Ledger) Digest(epoch uint64) [32]byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.digestLocked(epoch)
}

func (l *Ledger) digestLocked(epoch uint64) [32]byte {
	el := l.epochs[epoch]
	if el == nil {
		return digestIDs(nil)
	}
	if !el.digestOK {
		el.digest = digestIDs(el.sortedIDs())
		el.digestOK = true
	}
	return el.digest
}

func digestIDs(ids [][32]byte) [32]byte {
	h := sha256.New()
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(ids)))
	h.Write(n[:])
	for i := range ids {
		h.Write(ids[i][:])
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// EpochInfo summarises one epoch's events for reconciliation.
type EpochInfo struct {
	Epoch  uint64
	Events int
	Digest [32]byte
}

// Epochs returns every epoch that has events, ascending, with its event
// count and Digest. Two peers exchange these, then IDs or Missing for the
// epochs whose digests differ.
func (l *Ledger) Epochs() []EpochInfo {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]EpochInfo, 0, len(l.epochs))
	for e, el := range l.epochs {
		out = append(out, EpochInfo{Epoch: e, Events: len(el.ids), Digest: l.digestLocked(e)})
	}
	slices.SortFunc(out, func(a, b EpochInfo) int { return cmp.Compare(a.Epoch, b.Epoch) })
	return out
}

// Missing returns the events of epoch that this ledger holds and have does
// not list, sorted by ID: what to send a peer that holds have.
func (l *Ledger) Missing(epoch uint64, have [][32]byte) []Event {
	peer := make(map[[32]byte]struct{}, len(have))
	for _, id := range have {
		peer[id] = struct{}{}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	el := l.epochs[epoch]
	if el == nil {
		return nil
	}
	var out []Event
	for _, id := range el.sortedIDs() {
		if _, ok := peer[id]; !ok {
			out = append(out, l.events[l.byID[id]])
		}
	}
	return out
}

// Unknown returns the IDs in ids that this ledger does not hold, in the
// order given and without repeats: what to ask a peer for.
func (l *Ledger) Unknown(ids [][32]byte) [][32]byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out [][32]byte
	seen := make(map[[32]byte]struct{})
	for _, id := range ids {
		if _, ok := l.byID[id]; ok {
			continue
		}
		if _, ok := seen[id]; ok {
			continue
		}
		seen[id] = struct{}{}
		out = append(out, id)
	}
	return out
}
