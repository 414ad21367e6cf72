package points

import (
	"slices"

	"github.com/ethereum/go-ethereum/common"
)

// All scoring rules live in this file. Points are integers (int64); there
// are no floats anywhere in the ledger, so every node folds the same events
// to byte-identical balances. Ratios are computed in integer per-mille and
// per-cent with truncating division.
//
// Only verifiable work is scored: nothing about a record earns or costs
// points until its outcome (a KindOutcome event) is known. A record whose
// outcome never arrives scores nothing.

// Submission rules (KindRecord events).
const (
	// SubmitGoldenPoints: the original submitter of a record whose outcome
	// is golden. The original is the earliest submission by (Epoch,
	// Created, ID).
	SubmitGoldenPoints int64 = 50
	// SubmitDuplicatePoints: every later submitter of a golden record (a
	// duplicate of content someone already submitted).
	SubmitDuplicatePoints int64 = -5
	// SubmitRejectedPoints: every submitter, original or duplicate, of a
	// record whose outcome is rejected (spam).
	SubmitRejectedPoints int64 = -20
)

// Answer rules (KindAnswer events) for ordinary, non-gold records.
const (
	// ClassifierBasePoints and ValidatorBasePoints: an answer that agrees
	// with the outcome earns its role's base times the record's difficulty.
	// An answer agrees when it rejects a rejected record, or accepts a
	// golden record with the final label.
	ClassifierBasePoints int64 = 10
	ValidatorBasePoints  int64 = 20
	// WrongAnswerPoints: an answer that disagrees with the outcome, when
	// the reference answers did not reach a strong consensus.
	WrongAnswerPoints int64 = 0
	// StrongConsensusPercent: the reference answers are in strong
	// consensus when at least this share of them agrees with the outcome.
	StrongConsensusPercent int64 = 80
	// ClassifierConsensusPenalty and ValidatorConsensusPenalty: an answer
	// that disagrees with the outcome against a strong consensus.
	ClassifierConsensusPenalty int64 = -10
	ValidatorConsensusPenalty  int64 = -40
	// MaxDifficultyPermille caps the difficulty. Difficulty, in per-mille,
	// is 1000 plus the per-mille share of reference answers that disagree
	// with the outcome: an uncontested record pays 1x, a record on which
	// half the reference answers were wrong pays 1.5x, and one on which
	// every reference answer was wrong (a classifier was right against all
	// validators) pays the cap.
	MaxDifficultyPermille int64 = 2000
)

// The reference answers of a record, against which difficulty and
// consensus are measured, are its validator answers when it has any, else
// all its answers. Classifier answers are sybil-prone (anyone can post
// many), so when validators took part, classifiers cannot move a record's
// difficulty or consensus.
//
// Each worker's answer counts once per (record, role): the earliest by
// (Epoch, Created, ID). An answer signed after the outcome, that is with
// (Epoch, Created) after the outcome's, is late and scores nothing: it
// could have copied the published result. All points of a non-gold record's
// answers are credited to the outcome's epoch.

// Gold rules: a gold record (Outcome.Gold) is a test whose answer the
// datanet owner set in advance, hidden from workers.
const (
	// GoldCorrectPoints: an answer that agrees with the gold outcome, in
	// either role. No difficulty factor, no consensus penalty, and no late
	// rule: the gold outcome exists before anyone answers.
	GoldCorrectPoints int64 = 15
	// GoldWrongPoints: an answer that disagrees with the gold outcome.
	GoldWrongPoints int64 = -25
)

// Gold records earn no submission points or penalties: they are tests, not
// contributions. Every scored gold answer counts towards its worker's gold
// accuracy (correct/total, see Ledger.GoldAccuracy). A gold answer is
// credited to the later of its own epoch and the outcome's.
//
// Submission points are credited to the later of the submission's epoch and
// the outcome's.
//
// Of several outcome events for one record, the earliest by (Epoch,
// Created, ID) counts and the others are ignored.
//
// Every rule above reads only events whose epoch is at most the epoch the
// points are credited to, so once every event of epochs up to E is known,
// the balances up to E (and Snapshot(E)) no longer change.

// permille is the fixed-point unit of difficulty.
const permille int64 = 1000

// credit is one scored item: points (possibly 0) for one address in one
// epoch, plus the item's contribution to the address's gold accuracy.
type credit struct {
	addr        common.Address
	epoch       uint64
	points      int64
	goldCorrect int64
	goldTotal   int64
}

// agrees reports whether answer a agrees with outcome o.
func agrees(a, o *Event) bool {
	if o.State == StateRejected {
		return !a.Accept
	}
	return a.Accept && a.Label == o.Label
}

// answerBase returns the base points and the consensus penalty of a role.
func answerBase(r Role) (base, penalty int64) {
	if r == RoleValidator {
		return ValidatorBasePoints, ValidatorConsensusPenalty
	}
	return ClassifierBasePoints, ClassifierConsensusPenalty
}

// scorer holds scratch space reused across records. Its output depends only
// on the set of events passed in, never on their order.
type scorer struct {
	subs, answers, outcomes []*Event
	seen                    map[actorRole]int
	out                     []credit
}

type actorRole struct {
	actor common.Address
	role  Role
}

// release drops the scratch slices' pointers to events.
func (s *scorer) release() {
	clear(s.subs[:cap(s.subs)])
	clear(s.answers[:cap(s.answers)])
	clear(s.outcomes[:cap(s.outcomes)])
}

// score applies the rules to all events of one record and returns the
// credits. The returned slice is reused by the next call.
func (s *scorer) score(evs []*Event) []credit {
	s.subs, s.answers, s.outcomes, s.out = s.subs[:0], s.answers[:0], s.outcomes[:0], s.out[:0]
	for _, e := range evs {
		switch e.Kind {
		case KindRecord:
			s.subs = append(s.subs, e)
		case KindAnswer:
			s.answers = append(s.answers, e)
		case KindOutcome:
			s.outcomes = append(s.outcomes, e)
		}
	}
	if len(s.outcomes) == 0 {
		if len(s.out) > 0 {
			return s.out // rewards only
		}
		return nil // unverifiable: nothing scores yet
	}
	o := slices.MinFunc(s.outcomes, before)
	if !o.Gold {
		s.scoreSubmissions(o)
	}
	s.dedupAnswers(o)
	if o.Gold {
		s.scoreGold(o)
	} else {
		s.scoreAnswers(o)
	}
	return s.out
}

func (s *scorer) scoreSubmissions(o *Event) {
	slices.SortFunc(s.subs, before)
	clear(s.seen)
	if s.seen == nil {
		s.seen = make(map[actorRole]int)
	}
	first := true
	for _, e := range s.subs {
		k := actorRole{actor: e.Actor}
		if _, dup := s.seen[k]; dup {
			continue // the same submitter counts once per record
		}
		s.seen[k] = 0
		pts := SubmitDuplicatePoints
		switch {
		case o.State == StateRejected:
			pts = SubmitRejectedPoints
		case first:
			pts = SubmitGoldenPoints
		}
		first = false
		s.out = append(s.out, credit{addr: e.Actor, epoch: max(e.Epoch, o.Epoch), points: pts})
	}
}

// dedupAnswers sorts the answers canonically and keeps one answer per
// worker and role: a classifier's earliest; a validator's latest that is
// not late for outcome o, since a validator's vote replaces its earlier one
// until the record is final (tasks.Tally). A validator whose answers are
// all late keeps its earliest, which scoreAnswers then drops.
//
// Votes signed in the same millisecond as the decision are ordered here by
// time only, where tasks.Tally also orders by validator and ID; a vote in
// that millisecond that Tally counts as late may replace one here.
func (s *scorer) dedupAnswers(o *Event) {
	slices.SortFunc(s.answers, before)
	clear(s.seen)
	if s.seen == nil {
		s.seen = make(map[actorRole]int)
	}
	kept := s.answers[:0]
	for _, e := range s.answers {
		k := actorRole{actor: e.Actor, role: e.Role}
		if j, dup := s.seen[k]; dup {
			if e.Role == RoleValidator && !late(e, o) {
				kept[j] = e
			}
			continue
		}
		s.seen[k] = len(kept)
		kept = append(kept, e)
	}
	s.answers = kept
}

func (s *scorer) scoreGold(o *Event) {
	for _, a := range s.answers {
		c := credit{addr: a.Actor, epoch: max(a.Epoch, o.Epoch), goldTotal: 1, points: GoldWrongPoints}
		if agrees(a, o) {
			c.points, c.goldCorrect = GoldCorrectPoints, 1
		}
		s.out = append(s.out, c)
	}
}

// late reports whether answer a was signed after outcome o.
func late(a, o *Event) bool {
	return a.Epoch > o.Epoch || (a.Epoch == o.Epoch && a.Created > o.Created)
}

func (s *scorer) scoreAnswers(o *Event) {
	kept := s.answers[:0]
	validators := false
	for _, a := range s.answers {
		if late(a, o) {
			continue
		}
		kept = append(kept, a)
		validators = validators || a.Role == RoleValidator
	}
	s.answers = kept
	if len(kept) == 0 {
		return
	}
	var total, agree int64
	for _, a := range kept {
		if validators && a.Role != RoleValidator {
			continue
		}
		total++
		if agrees(a, o) {
			agree++
		}
	}
	difficulty := min(permille+(total-agree)*permille/total, MaxDifficultyPermille)
	strong := agree*100 >= StrongConsensusPercent*total
	for _, a := range kept {
		base, penalty := answerBase(a.Role)
		pts := WrongAnswerPoints
		switch {
		case agrees(a, o):
			pts = base * difficulty / permille
		case strong:
			pts = penalty
		}
		s.out = append(s.out, credit{addr: a.Actor, epoch: o.Epoch, points: pts})
	}
}
